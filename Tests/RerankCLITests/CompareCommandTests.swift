import Foundation
import Testing
import TestSupport

/// `rerank compare` and `rerank rerank-run` run as a user would, on DL19 and on a small BEIR folder.
@Suite("rerank compare and rerank-run", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct CompareCommandTests {
    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles()
        environment = RerankBinary.environment(home: files.directory)
    }

    private func rerank(_ arguments: [String]) throws -> CommandResult {
        try RerankBinary.run(arguments, environment: environment)
    }

    private func json(_ result: CommandResult) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.standardError)")
        let line = try #require(result.standardOutput.split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    private func summary(_ object: [String: Any], _ measure: String, _ system: String) throws -> [String: Any] {
        let summaries = try #require(object["summary"] as? [String: [String: [String: Any]]])
        return try #require(summaries[measure]?[system])
    }

    @Test("DL19, input against bm25: the means rerank eval gives, a record over all 43 queries, p-values")
    func dl19() throws {
        let object = try json(rerank(["compare", "--model", "input", "--model", "bm25", "--eval", Fixtures.dl19.path, "--json"]))
        #expect((object["queries"] as? [Any])?.count == 43)
        #expect(object["measures"] as? [String] == ["ndcg@10", "mrr@10", "map"])
        let input = try summary(object, "ndcg@10", "input")
        #expect(abs((input["mean"] as? Double ?? 0) - 0.5058) < 5e-5)
        let low = try #require(input["ci_low"] as? Double), high = try #require(input["ci_high"] as? Double)
        #expect(low < 0.5058 && 0.5058 < high)

        let eval = try json(rerank(["eval", "--model", "bm25", "--eval", Fixtures.dl19.path, "--json"]))
        for measure in ["ndcg@10", "mrr@10", "map"] {
            let bm25 = try summary(object, measure, "bm25")
            #expect(abs((bm25["mean"] as? Double ?? -1) - (eval[measure] as? Double ?? -2)) < 1e-12, "\(measure)")
            let record = [bm25["wins"], bm25["ties"], bm25["losses"]].compactMap { $0 as? Int }
            #expect(record.reduce(0, +) == 43)
            let p = try #require(bm25["t_test_p"] as? Double)
            #expect(p > 0 && p < 0.01, "bm25 over 100 candidates is far below the first stage on DL19")
            #expect(bm25["randomization_exact"] as? Bool == false)
        }
        let significance = try #require(object["significance"] as? [String: Any])
        #expect(significance["bonferroni_comparisons"] as? Int == 1)
        #expect(significance["permutations"] as? Int == 10_000)
    }

    @Test("The text report names the systems, lists every query and writes the chart")
    func textAndChart() throws {
        let chart = files.directory.appendingPathComponent("chart.svg")
        let result = try rerank(["compare", "--model", "input", "--model", "bm25", "--eval", Fixtures.dl19.path,
                                 "--svg", chart.path, "--ndcg-at", "5", "--ndcg-at", "10"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("A  input (first-stage order)"))
        #expect(output.contains("B  bm25"))
        for header in ["NDCG@5", "NDCG@10", "MRR@10", "MAP", "t-test p", "randomization p", "W / T / L"] {
            #expect(output.contains(header), "no \(header) in\n\(output)")
        }
        #expect(output.contains("\n264014 "), "the per-query table lists the first query")
        #expect(!output.contains("Bonferroni"))
        let svg = try String(contentsOf: chart, encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.components(separatedBy: "<title>").count - 1 == 43)
        #expect(svg.contains("bm25 − input · NDCG@5"))
    }

    /// A BEIR folder of four documents and two judged queries, with a first-stage run.
    private func beirFolder() throws -> (folder: URL, run: URL) {
        try files.write("mini/corpus.jsonl", """
            {"_id": "d1", "title": "Fleas", "text": "An adult flea lives for two or three months."}
            {"_id": "d2", "title": "Dogs", "text": "Dogs scratch when fleas bite them."}
            {"_id": "d3", "title": "", "text": "Concrete floors cost little to pour."}
            {"_id": "d4", "title": "Floors", "text": "Interior concrete flooring costs about five dollars a square foot."}
            broken line

            """)
        try files.write("mini/queries.jsonl", """
            {"_id": "q1", "text": "how long do fleas live"}
            {"_id": "q2", "text": "cost of interior concrete flooring"}

            """)
        try files.write("mini/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq2\td4\t3\nq2\td3\t1\n")
        let run = try files.write("first-stage.run", """
            q1 Q0 d2 1 2.0 first
            q1 Q0 d3 2 1.5 first
            q1 Q0 d1 3 1.0 first
            q2 Q0 d3 1 9.0 first
            q2 Q0 d1 2 8.0 first
            q2 Q0 d4 3 7.0 first

            """)
        return (files.directory.appendingPathComponent("mini"), run)
    }

    @Test("A BEIR folder with a run, three systems: Bonferroni named, bad corpus lines counted")
    func beirThreeSystems() throws {
        let (folder, run) = try beirFolder()
        let tiny = Fixtures.shared.appendingPathComponent("fixtures/models/tiny-distilbert").path
        let result = try rerank(["compare", "--model", "input", "--model", "bm25", "--model", tiny,
                                 "--beir", folder.path, "--run", run.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("mini · test · 2 judged queries · 6 pairs"))
        #expect(result.standardOutput.contains("Bonferroni-corrected for 2 comparisons with A"))
        #expect(result.standardOutput.contains("all 2^2 sign assignments (exact)"))
        #expect(result.standardError.contains("corpus.jsonl:5: not a JSON object; skipped"))
        #expect(result.standardError.contains("corpus.jsonl: 1 malformed line skipped"))
    }

    @Test("rerank-run writes a TREC run of the top k, ranked by the model, for any later evaluator")
    func rerankRun() throws {
        let (folder, run) = try beirFolder()
        let output = files.directory.appendingPathComponent("bm25.run")
        let result = try rerank(["rerank-run", "--model", "bm25", "--run", run.path,
                                 "--queries", folder.appendingPathComponent("queries.jsonl").path,
                                 "--corpus", folder.appendingPathComponent("corpus.jsonl").path,
                                 "--top-k", "2", "--output", output.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("wrote 4 lines for 2 queries"))
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.count == 6 && $0[1] == "Q0" && $0[5] == "bm25" })
        // Only the run's first two documents of each query are reranked.
        #expect(Set(lines.filter { $0[0] == "q1" }.map { String($0[2]) }) == ["d2", "d3"])
        #expect(lines.filter { $0[0] == "q2" }.map { String($0[3]) } == ["1", "2"])
        let scores = lines.compactMap { Double($0[4]) }
        #expect(scores.count == 4 && scores[0] >= scores[1] && scores[2] >= scores[3])

        // The written run is itself a run to compare: reading it back reproduces bm25's order as input.
        let again = try rerank(["compare", "--model", "input", "--model", "bm25", "--run", output.path,
                                "--queries", folder.appendingPathComponent("queries.jsonl").path,
                                "--corpus", folder.appendingPathComponent("corpus.jsonl").path,
                                "--qrels", folder.appendingPathComponent("qrels/test.tsv").path, "--json"])
        let object = try json(again)
        for measure in ["ndcg@10", "mrr@10", "map"] {
            #expect(try summary(object, measure, "bm25")["delta"] as? Double == 0, "\(measure)")
        }
    }

    @Test("Usage and data mistakes exit non-zero with one clear message")
    func mistakes() throws {
        let (folder, run) = try beirFolder()
        let one = try rerank(["compare", "--model", "input", "--eval", Fixtures.dl19.path])
        #expect(one.status != 0 && one.standardError.contains("give two --model options or more"))
        let twice = try rerank(["compare", "--model", "bm25", "--model", "bm25", "--eval", Fixtures.dl19.path])
        #expect(twice.status != 0 && twice.standardError.contains("--model bm25 is given twice"))
        let noQrels = try rerank(["compare", "--model", "input", "--model", "bm25", "--run", run.path,
                                  "--queries", folder.appendingPathComponent("queries.jsonl").path,
                                  "--corpus", folder.appendingPathComponent("corpus.jsonl").path])
        #expect(noQrels.status != 0 && noQrels.standardError.contains("--run needs --qrels"))
        let both = try rerank(["compare", "--model", "input", "--model", "bm25", "--eval", Fixtures.dl19.path, "--run", run.path])
        #expect(both.status != 0 && both.standardError.contains("give the set as --eval DIR"))
        let badRun = try files.write("bad.run", "q1 Q0 d1 1 2.0 t\nq1 Q0 d2 1\n")
        let malformed = try rerank(["compare", "--model", "input", "--model", "bm25", "--beir", folder.path, "--run", badRun.path])
        #expect(malformed.status != 0 && malformed.status < 128)
        #expect(malformed.standardError.contains("bad.run:2: found 4 columns"), "\(malformed.standardError)")
        let missing = try rerank(["compare", "--model", "input", "--model", "bm25", "--beir", files.directory.path, "--run", run.path])
        #expect(missing.status != 0 && missing.standardError.contains("qrels/test.tsv: file not found"),
                "\(missing.standardError)")
    }
}
