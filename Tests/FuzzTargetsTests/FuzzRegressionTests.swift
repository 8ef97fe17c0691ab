import Foundation
import FuzzTargets
import Testing
import TestSupport

/// Replays every input the fuzzer found a crash, leak or hang with (`FuzzRegressions/TARGET/NAME`) through the same
/// target entry `rerank-fuzz` fuzzes, and checks the parser's answer against `NAME.expected`: `read`, or
/// `refused: TEXT` where TEXT is part of the error's message.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    /// A saved input and the answer it must now get.
    struct SavedInput: CustomTestStringConvertible {
        var target: String
        var input: URL
        var expected: String

        var testDescription: String { "\(target)/\(input.lastPathComponent)" }
    }

    static func savedInputs() throws -> [SavedInput] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else { return [] }
        var saved: [SavedInput] = []
        for entry in try manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
        where try entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true {
            for input in try manager.contentsOfDirectory(at: entry, includingPropertiesForKeys: nil)
            where input.pathExtension != "expected" && !input.lastPathComponent.hasPrefix(".") {
                let expected = try String(contentsOf: input.appendingPathExtension("expected"), encoding: .utf8)
                saved.append(SavedInput(target: entry.lastPathComponent, input: input,
                                        expected: expected.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        return saved.sorted { $0.testDescription < $1.testDescription }
    }

    @Test(arguments: try savedInputs())
    func savedInputGetsItsExpectedAnswer(_ saved: SavedInput) throws {
        let target = try #require(FuzzTargets.named(saved.target, shared: Fixtures.shared),
                                  "FuzzRegressions/\(saved.target) names no fuzz target")
        let answer: String
        do {
            try target.run(Array(try Data(contentsOf: saved.input)))
            answer = "read"
        } catch {
            answer = "refused: \(error)"
        }
        if saved.expected == "read" {
            #expect(answer == "read")
        } else {
            #expect(answer.hasPrefix("refused: "))
            #expect(answer.contains(saved.expected.dropFirst("refused: ".count)), "\(answer)")
        }
    }
}
