import Foundation
import Testing
import TestSupport

@Suite("rerank score, tokenize, embed and models", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct ScoreCommandTests {
    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles()
        environment = RerankBinary.environment(home: files.directory)
    }

    /// The first golden lines of a file, rewritten without the reference's answers.
    private func goldenInput(_ name: String, keys: [String], count: Int) throws -> (input: URL, golden: [[String: Any]]) {
        let golden = Array(try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent(name)).prefix(count))
        let lines = try golden.map { line in
            String(decoding: try JSONSerialization.data(withJSONObject: line.filter { keys.contains($0.key) }), as: UTF8.self)
        }
        return (try files.write("input.jsonl", lines.joined(separator: "\n")), golden)
    }

    @Test("score --pairs adds logits and score equal to the reference, keeping other keys")
    func scorePairs() throws {
        let (input, golden) = try goldenInput("logits-ms-marco-MiniLM-L6-ce-local.jsonl", keys: ["qid", "docid", "query", "passage"], count: 50)
        let result = try RerankBinary.run(["score", "--model", "ms-marco-MiniLM-L6-ce-local", "--pairs", input.path], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try Fixtures.jsonLines(in: result.standardOutput)
        #expect(lines.count == golden.count)
        for (line, reference) in zip(lines, golden) {
            #expect(line["docid"] as? String == reference["docid"] as? String)
            let logit = try #require((line["logits"] as? [Double])?.first)
            let expected = try #require((reference["logits"] as? [Double])?.first)
            #expect(abs(logit - expected) < 1e-4)
            #expect(line["score"] as? Double == logit)
        }
    }

    @Test("tokenize adds the reference's input_ids and token_type_ids")
    func tokenize() throws {
        let (input, golden) = try goldenInput("tokens-uncased.jsonl", keys: ["query", "passage"], count: 100)
        let result = try RerankBinary.run(["tokenize", "--model", "all-MiniLM-L6-v2", "--pairs", input.path, "--max-length", "512"],
                                          environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        for (line, reference) in zip(try Fixtures.jsonLines(in: result.standardOutput), golden) {
            #expect(line["input_ids"] as? [Int] == reference["input_ids"] as? [Int])
            #expect(line["token_type_ids"] as? [Int] == reference["token_type_ids"] as? [Int])
        }
    }

    @Test("embed adds embeddings within 1e-4 of the reference")
    func embed() throws {
        let (input, golden) = try goldenInput("embeddings-all-MiniLM-L6-v2.jsonl", keys: ["id", "text"], count: 40)
        let result = try RerankBinary.run(["embed", "--model", "all-MiniLM-L6-v2", "--texts", input.path], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        for (line, reference) in zip(try Fixtures.jsonLines(in: result.standardOutput), golden) {
            let ours = try #require(line["embedding"] as? [Double])
            let theirs = try #require(reference["embedding"] as? [Double])
            #expect(zip(ours, theirs).allSatisfy { abs($0 - $1) < 1e-4 })
        }
    }

    @Test("score --query --passages prints a ranked table, best first")
    func rankedTable() throws {
        let passages = try files.write("notes.txt", "Fleas live for weeks.\n\nThe flea life cycle has four stages: egg, larva, pupa, adult.\n\nBananas are yellow.")
        let result = try RerankBinary.run(["score", "--model", "bm25", "--query", "flea life cycle", "--passages", passages.path],
                                          environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("   ") }
        #expect(rows.count == 3)
        #expect(rows.first?.contains("four stages") == true)
        #expect(rows.last?.contains("Bananas") == true)
    }

    @Test("models lists bm25 and the three shared models with their kinds, the local cross-encoders labelled")
    func models() throws {
        let result = try RerankBinary.run(["models"], environment: environment)
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("bm25 ") })
        #expect(lines.contains { $0.hasPrefix("all-MiniLM-L6-v2 ") && $0.contains("bi-encoder") && $0.contains("256") })
        for name in ["ms-marco-MiniLM-L6-ce-local", "ms-marco-MiniLM-L6-ce-local-v2"] {
            #expect(lines.contains { $0.hasPrefix(name + " ") && $0.contains("cross-encoder") && $0.contains("512")
                && $0.contains("locally trained") })
        }
        #expect(!lines.contains { $0.hasPrefix("all-MiniLM-L6-v2 ") && $0.contains("locally trained") })
    }

    @Test("a reader that stops early (`| head -1`) ends score --json quietly, without a crash")
    func closedStandardOutput() throws {
        let process = Process()
        process.executableURL = try #require(RerankBinary.url)
        process.arguments = ["score", "--model", "bm25", "--query", "booster doses",
                             "--passages", Fixtures.repositoryRoot.appendingPathComponent("Samples/vaccines.jsonl").path, "--json"]
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        try output.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0,
                "ended by \(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus)")
    }
}
