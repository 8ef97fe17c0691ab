import Foundation
import Testing
import TestSupport

/// `--windows LEN:STRIDE` on `rerank score`, `eval` and `explore`: long passages read in windows.
@Suite("rerank --windows", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct WindowsCommandTests {
    static let crossEncoder = "ms-marco-MiniLM-L6-ce-local-v2"
    static let seasons = Fixtures.repositoryRoot.appendingPathComponent("Samples/seasons.jsonl")
    static let query = "why does Earth have seasons"

    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles()
        environment = RerankBinary.environment(home: files.directory)
    }

    private func expectOneLineError(_ result: CommandResult, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0 && result.status < 128, "status \(result.status)", sourceLocation: sourceLocation)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(result.standardError)", sourceLocation: sourceLocation)
        for part in parts {
            #expect(result.standardError.contains(part), "stderr lacks \"\(part)\": \(result.standardError)", sourceLocation: sourceLocation)
        }
    }

    @Test("bad LEN:STRIDE values are one line naming the option and the reason", arguments: [
        ("0:1", "LEN is 0"), ("5:0", "STRIDE is 0"), ("128:256", "STRIDE 256 is larger than LEN 128"), ("256", "expected LEN:STRIDE"),
        ("x:y", "expected LEN:STRIDE"),
    ])
    func parseErrors(value: String, reason: String) throws {
        for command in [["score", "--model", "bm25", "--query", "q", "--passages", Self.seasons.path],
                        ["eval", "--model", "bm25", "--eval", Fixtures.dl19.path]] {
            let result = try RerankBinary.run(command + ["--windows", value], environment: environment)
            expectOneLineError(result, ["--windows \(value): ", reason])
        }
    }

    @Test("a window that does not fit the max length beside the query is refused, saying what fits")
    func windowTooLong() throws {
        let result = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--query", Self.query, "--passages", Self.seasons.path,
                                           "--windows", "600:128"], environment: environment)
        expectOneLineError(result, ["--windows 600:128: a window of 600 passage tokens does not fit max length 512",
                                    "beside the query \"\(Self.query)\"", "use LEN ≤ 504"])
        let shorter = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--query", Self.query, "--passages", Self.seasons.path,
                                            "--windows", "100:50", "--max-length", "64"], environment: environment)
        expectOneLineError(shorter, ["does not fit max length 64", "use LEN ≤ 56"])
    }

    @Test("score --json --windows on Samples/seasons: every window's span and score, the best one's text scores the same read alone")
    func scoreJSONMatchesTheBestWindowsText() throws {
        let result = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--query", Self.query, "--passages", Self.seasons.path,
                                           "--windows", "256:128", "--json"], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try Fixtures.jsonLines(in: result.standardOutput)
        #expect(lines.count == 10)
        let passages = try Fixtures.jsonLines(Self.seasons).compactMap { $0["text"] as? String }
        var pairs: [String] = []
        var expected: [Double] = []
        for line in lines {
            let passage = passages[try #require(line["index"] as? Int)]
            let scalars = Array(passage.unicodeScalars)
            let windows = try #require(line["windows"] as? [[String: Any]])
            let best = try #require(line["best_window"] as? Int)
            let score = try #require(line["score"] as? Double)
            #expect(windows.map { $0["score"] as? Double ?? -.infinity }.max() == score)
            let spans = try windows.map { (try #require($0["start"] as? Int), try #require($0["end"] as? Int)) }
            // The essays start and end with a word or a full stop: the windows run from the first character to the last.
            #expect(spans.first?.0 == 0 && spans.last?.1 == scalars.count)
            for (previous, next) in zip(spans, spans.dropFirst()) { #expect(next.0 > previous.0 && next.0 < previous.1) }
            #expect(windows.allSatisfy { ($0["tokens"] as? Int ?? 0) <= 256 })
            let text = String(String.UnicodeScalarView(scalars[spans[best].0..<spans[best].1]))
            let pair = try JSONSerialization.data(withJSONObject: ["query": Self.query, "passage": text])
            pairs.append(String(decoding: pair, as: UTF8.self))
            expected.append(score)
        }
        let input = try files.write("best-windows.jsonl", pairs.joined(separator: "\n"))
        let plain = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--pairs", input.path], environment: environment)
        #expect(plain.status == 0, "\(plain.standardError)")
        for (line, value) in zip(try Fixtures.jsonLines(in: plain.standardOutput), expected) {
            let score = try #require(line["score"] as? Double)
            #expect(abs(score - value) < 1e-4, "best window read alone \(score), as a window \(value)")
        }
    }

    @Test("score --pairs --windows adds windows and best_window; the table says which window won")
    func pairsAndTable() throws {
        let passages = try Fixtures.jsonLines(Self.seasons).compactMap { $0["text"] as? String }
        let lines = try passages.prefix(2).map { passage in
            String(decoding: try JSONSerialization.data(withJSONObject: ["query": Self.query, "passage": passage, "id": "x"]), as: UTF8.self)
        }
        let input = try files.write("pairs.jsonl", lines.joined(separator: "\n"))
        let result = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--pairs", input.path, "--windows", "256:128"],
                                          environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        for line in try Fixtures.jsonLines(in: result.standardOutput) {
            #expect(line["id"] as? String == "x")
            #expect((line["windows"] as? [Any])?.count ?? 0 > 1)
            #expect(line["best_window"] is Int)
        }
        let table = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--query", Self.query, "--passages", Self.seasons.path,
                                          "--windows", "256:128"], environment: environment)
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput.contains("· windows 256/128"))
        #expect(table.standardOutput.contains("window "))
        #expect(table.standardOutput.range(of: #" w\d+/\d+ "#, options: .regularExpression) != nil)
        #expect(!table.standardOutput.contains("✂"))
    }

    @Test("BM25 reads whole passages: --windows is noted and changes nothing")
    func bm25() throws {
        let plain = try RerankBinary.run(["score", "--model", "bm25", "--query", Self.query, "--passages", Self.seasons.path, "--json"],
                                         environment: environment)
        let windowed = try RerankBinary.run(["score", "--model", "bm25", "--query", Self.query, "--passages", Self.seasons.path, "--json",
                                             "--windows", "64:32"], environment: environment)
        #expect(windowed.status == 0)
        #expect(windowed.standardError.contains("bm25 reads whole passages: --windows does not apply"))
        #expect(windowed.standardOutput == plain.standardOutput)
    }

    @Test("eval --windows reads every candidate in windows and says so")
    func eval() throws {
        let set = files.directory.appendingPathComponent("set")
        try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
        let passages = try Fixtures.jsonLines(Self.seasons).compactMap { $0["text"] as? String }
        try "q1\t\(Self.query)\n".write(to: set.appendingPathComponent("queries.tsv"), atomically: true, encoding: .utf8)
        try passages.prefix(3).enumerated().map { "d\($0.offset)\t\($0.element)" }.joined(separator: "\n")
            .write(to: set.appendingPathComponent("passages.tsv"), atomically: true, encoding: .utf8)
        try "q1\td0\t1\nq1\td1\t2\nq1\td2\t3\n".write(to: set.appendingPathComponent("candidates.tsv"), atomically: true, encoding: .utf8)
        try "q1\td2\t3\n".write(to: set.appendingPathComponent("qrels.tsv"), atomically: true, encoding: .utf8)
        let model = Fixtures.architectureFixture("tiny-bert-cased").path
        let result = try RerankBinary.run(["eval", "--model", model, "--eval", set.path, "--windows", "64:32", "--json"], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let line = try #require(try Fixtures.jsonLines(in: result.standardOutput).last)
        #expect(line["windows"] as? String == "64:32" && line["pairs"] as? Int == 3)
        let table = try RerankBinary.run(["eval", "--model", model, "--eval", set.path, "--windows", "64:32"], environment: environment)
        #expect(table.standardOutput.contains("· windows 64/32 ·"), "\(table.standardOutput)")
        let tooLong = try RerankBinary.run(["eval", "--model", model, "--eval", set.path, "--windows", "510:64"], environment: environment)
        expectOneLineError(tooLong, ["--windows 510:64: a window of 510 passage tokens does not fit max length 512"])
    }
}
