import Foundation
import Testing
import TestSupport

/// A 200 MB passage file opened with `:open` in the real explorer: the bottom line shows how far it has
/// been read, keys typed meanwhile are drawn at once, and its passages arrive, as many as the explorer holds.
@Suite("A 200 MB passage file in the explorer", .enabled(if: RerankBinary.available && TmuxSession.available))
struct LargeFileEndToEndTests {
    static let lineCount = 2_000_000

    /// Two million TSV lines of 100 bytes (200 MB), written as one block of ten thousand lines repeated.
    static func writeLargeFile(_ url: URL) throws {
        let text = "Fleas live for months on a dog; a booster dose restores the protection that fades over a year"
        let block = (0..<10_000).map { index in
            "p\(100_000 + index)\t\(text.prefix(89))\t\(index % 4)\n"
        }.joined()
        let data = Data(block.utf8)
        try Data().write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        for _ in 0..<(lineCount / 10_000) { try handle.write(contentsOf: data) }
    }

    @Test("`:open` shows the read's progress, a key typed meanwhile is drawn within a second, and the passages are added",
          .timeLimit(.minutes(3)))
    func openLargeFile() async throws {
        let files = try TemporaryFiles("rerank-large-file")
        let big = files.directory.appendingPathComponent("big.tsv")
        try Self.writeLargeFile(big)
        defer { try? FileManager.default.removeItem(at: big) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: big.path)[.size] as? Int)
        #expect(size == Self.lineCount * 100)
        let small = try files.write("small.txt", "Fleas live for months.\n\nBooster doses restore protection.\n\nDogs sleep a lot.\n")

        let explorer = try ExplorerRun(["explore", small.path, "--model", "bm25", "--query", "booster"], files: files)
        try await explorer.tmux.waitFor("the explorer open") { $0.contains("3 passages") && ExplorerScreen($0).everyPaneRanked(count: 3) }
        try explorer.tmux.press("Tab", ":")
        try explorer.tmux.type("open \(big.path)")
        try explorer.tmux.press("Enter")
        let reading = try await explorer.tmux.waitFor("the read's progress on the bottom line", timeout: .seconds(30)) { screen in
            screen.contains("reading \(big.path) · ") && screen.contains(" MB of 200 MB · Esc stops")
        }
        #expect(reading.contains("%"))

        // Back to the query line, and one key: drawn within a second while the file is still being read.
        try explorer.tmux.press("i")
        let typed = ContinuousClock.now
        try explorer.tmux.type("z")
        let echoed = try await explorer.tmux.waitFor("the key drawn", timeout: .seconds(5)) { $0.contains("boosterz") }
        #expect(typed.duration(to: .now) < .seconds(1), "the key took \(typed.duration(to: .now)) to be drawn")
        #expect(echoed.contains("reading \(big.path) · "), "the file was still being read when the key was drawn")

        let kept = 100_000 - 3
        let loaded = try await explorer.tmux.waitFor("the passages added", timeout: .seconds(120)) { screen in
            screen.contains("kept the first \(kept) of \(Self.lineCount) passages from big.tsv")
        }
        #expect(loaded.contains("100000 passages"))
        #expect(!loaded.contains("reading \(big.path)"))
        try explorer.tmux.press("C-c")
        #expect(try await explorer.waitForExit(timeout: .seconds(60)).status == "0")
    }
}
