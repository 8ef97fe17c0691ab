import Foundation
import Testing
import TestSupport

/// `rerank explain`: occlusion by sentences or words, and BM25's term contributions.
@Suite("rerank explain", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct ExplainCommandTests {
    static let crossEncoder = "ms-marco-MiniLM-L6-ce-local-v2"
    static let seasons = Fixtures.repositoryRoot.appendingPathComponent("Samples/seasons.jsonl")
    static let query = "why does Earth have seasons"
    static let passage = "Seasons happen because Earth's axis is tilted about 23.4 degrees. In June the northern half leans toward the Sun! "
        + "Days there are long and the light is steep, so it is summer.\nCats, meanwhile, sleep through all of it."

    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles()
        environment = RerankBinary.environment(home: files.directory)
    }

    private func line(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// The passage without `start..<end` (Unicode scalars), joined as explain removes a unit.
    private func removing(_ start: Int, _ end: Int, from text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var before = String(String.UnicodeScalarView(scalars[..<start]))
        var after = String(String.UnicodeScalarView(scalars[end...]))
        if after.allSatisfy(\.isWhitespace) {
            after = ""
            while before.last?.isWhitespace == true { before.removeLast() }
        } else if before.isEmpty || before.last?.isWhitespace == true {
            after = String(after.drop(while: \.isWhitespace))
        }
        return before + after
    }

    @Test("explain --json: each unit's and query word's score_without equals rerank score of the pair without it", arguments: ["sentence", "word"])
    func scoreWithoutMatchesScore(unit: String) throws {
        let result = try RerankBinary.run(["explain", "--model", Self.crossEncoder, "--query", Self.query, "--passage", Self.passage,
                                           "--unit", unit, "--json"], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let objects = try Fixtures.jsonLines(in: result.standardOutput)
        let object = try #require(objects.first)
        #expect(objects.count == 1)
        let units = try #require(object["units"] as? [[String: Any]])
        let terms = try #require(object["query_terms"] as? [[String: Any]])
        #expect(units.count == (unit == "sentence" ? 4 : Self.passage.split(whereSeparator: \.isWhitespace).count))
        #expect(terms.map { $0["text"] as? String ?? "" } == Self.query.split(separator: " ").map(String.init))

        var pairs: [String] = []
        var expected: [Double] = []
        let scalars = Array(Self.passage.unicodeScalars)
        for entry in units {
            let start = try #require(entry["start"] as? Int), end = try #require(entry["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == entry["text"] as? String)
            pairs.append(try line(["query": Self.query, "passage": removing(start, end, from: Self.passage)]))
            expected.append(try #require(entry["score_without"] as? Double))
        }
        for entry in terms {
            let start = try #require(entry["start"] as? Int), end = try #require(entry["end"] as? Int)
            pairs.append(try line(["query": removing(start, end, from: Self.query), "passage": Self.passage]))
            expected.append(try #require(entry["score_without"] as? Double))
        }
        pairs.append(try line(["query": Self.query, "passage": Self.passage]))
        expected.append(try #require(object["score"] as? Double))
        let input = try files.write("variants-\(unit).jsonl", pairs.joined(separator: "\n"))
        let scored = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--pairs", input.path], environment: environment)
        #expect(scored.status == 0, "\(scored.standardError)")
        let scores = try Fixtures.jsonLines(in: scored.standardOutput).map { try #require($0["score"] as? Double) }
        #expect(scores.count == expected.count)
        for (index, (score, value)) in zip(scores, expected).enumerated() {
            #expect(abs(score - value) < 1e-4, "variant \(index): rerank score \(score), explain \(value)")
        }
        let full = try #require(object["score"] as? Double)
        for entry in units + terms {
            let delta = try #require(entry["delta"] as? Double), without = try #require(entry["score_without"] as? Double)
            #expect(abs(delta - (full - without)) < 1e-4)
        }
    }

    @Test("explain with BM25 over Samples/seasons: the units' deltas sum to the score rerank score gives")
    func bm25() throws {
        let result = try RerankBinary.run(["explain", "--model", "bm25", "--query", Self.query, "--passages", Self.seasons.path, "--json"],
                                          environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let objects = try Fixtures.jsonLines(in: result.standardOutput)
        let scored = try RerankBinary.run(["score", "--model", "bm25", "--query", Self.query, "--passages", Self.seasons.path, "--json"],
                                          environment: environment)
        let scores = Dictionary(uniqueKeysWithValues: try Fixtures.jsonLines(in: scored.standardOutput).map {
            (try #require($0["index"] as? Int), try #require($0["score"] as? Double))
        })
        #expect(objects.count == 10)
        for object in objects {
            let score = try #require(object["score"] as? Double)
            #expect(abs(score - (scores[try #require(object["index"] as? Int)] ?? .nan)) < 1e-4)
            #expect(object["method"] as? String == "term contributions")
            let units = try #require(object["units"] as? [[String: Any]])
            #expect(abs(units.reduce(0) { $0 + ($1["delta"] as? Double ?? .nan) } - score) < 1e-3)
            #expect(units.allSatisfy { $0["score_without"] is NSNull })
            let terms = try #require(object["query_terms"] as? [[String: Any]])
            #expect(abs(terms.reduce(0) { $0 + ($1["delta"] as? Double ?? .nan) } - score) < 1e-3)
        }
    }

    @Test("the table: the score, each unit's characters, score without and Δ, then the query words")
    func table() throws {
        let result = try RerankBinary.run(["explain", "--model", Self.crossEncoder, "--query", Self.query, "--passage", Self.passage],
                                          environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "\(Self.crossEncoder) · cross-encoder · score: logit · occlusion by sentences")
        #expect(lines.contains("query: \(Self.query)"))
        #expect(lines.contains { $0.hasPrefix("passage 1 · score ") })
        #expect(lines.contains { $0.hasPrefix("  characters") && $0.hasSuffix("sentence") })
        // The first sentence, fitted to the 100-column table with an ellipsis.
        #expect(lines.contains { $0.hasPrefix("  0–65 ") && $0.contains("  Seasons happen because Earth's axis is tilted about") && $0.hasSuffix("…") })
        #expect(lines.contains { $0.hasPrefix("  20–27 ") && $0.hasSuffix("  seasons") })
        #expect(lines.contains { $0.hasPrefix("  characters") && $0.hasSuffix("query word") })
    }

    @Test("bad input: both or neither passage option, an unknown unit, an empty passage")
    func badInput() throws {
        let both = try RerankBinary.run(["explain", "--model", "bm25", "--query", "q", "--passage", "p", "--passages", Self.seasons.path],
                                        environment: environment)
        #expect(both.status != 0 && both.standardError.contains("give either --passage TEXT or --passages FILE"))
        let unit = try RerankBinary.run(["explain", "--model", "bm25", "--query", "q", "--passage", "p", "--unit", "letter"],
                                        environment: environment)
        #expect(unit.status != 0 && unit.standardError.contains("letter"))
        let empty = try RerankBinary.run(["explain", "--model", Self.crossEncoder, "--query", "seasons", "--passage", "", "--json"],
                                         environment: environment)
        #expect(empty.status == 0, "\(empty.standardError)")
        let object = try #require(try Fixtures.jsonLines(in: empty.standardOutput).first)
        #expect((object["units"] as? [Any])?.isEmpty == true)
        #expect((object["query_terms"] as? [Any])?.count == 1)
    }

    @Test("explain --svg draws each passage's heat map: one file for one passage, FILE-N.svg for several")
    func heatMapPictures() throws {
        let single = files.directory.appendingPathComponent("why.svg")
        let one = try RerankBinary.run(["explain", "--model", Self.crossEncoder, "--query", Self.query, "--passage", Self.passage,
                                        "--svg", single.path], environment: environment)
        #expect(one.status == 0, "\(one.standardError)")
        let picture = try String(contentsOf: single, encoding: .utf8)
        #expect(picture.hasPrefix("<?xml") || picture.hasPrefix("<svg"))
        #expect(picture.contains(Self.query))
        let firstWord = try #require(Self.passage.split(separator: " ").first)
        #expect(picture.contains(String(firstWord)))
        let several = try RerankBinary.run(["explain", "--model", "bm25", "--query", Self.query, "--passages", Self.seasons.path, "--json",
                                            "--svg", files.directory.appendingPathComponent("seasons.svg").path], environment: environment)
        #expect(several.status == 0, "\(several.standardError)")
        let count = several.standardOutput.split(separator: "\n").count
        for index in 1...count {
            #expect(FileManager.default.fileExists(atPath: files.directory.appendingPathComponent("seasons-\(index).svg").path))
        }
    }
}
