import Foundation
import Testing
import TestSupport

/// `rerank eval` reproduces the reference metrics of `../shared/golden/eval-reference.json`.
@Suite("rerank eval on TREC DL 2019", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct EvalCommandTests {
    private static func reference(_ model: String) throws -> [String: Double] {
        let data = try Data(contentsOf: Fixtures.golden.appendingPathComponent("eval-reference.json"))
        let sets = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Double]]])
        return try #require(sets["trec-dl-2019-passage-bm25-top100"]?[model])
    }

    @Test("NDCG@10, MRR@10 and MAP equal the reference to 3 decimals",
          arguments: ["input", "all-MiniLM-L6-v2", "ms-marco-MiniLM-L6-ce-local", "ms-marco-MiniLM-L6-ce-local-v2"])
    func matchesReference(model: String) throws {
        let home = try TemporaryFiles()
        let result = try RerankBinary.run(["eval", "--model", model, "--eval", Fixtures.dl19.path, "--json"],
                                          environment: RerankBinary.environment(home: home.directory))
        #expect(result.status == 0, "\(result.standardError)")
        let line = try #require(result.standardOutput.split(separator: "\n").last)
        let measured = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for (metric, expected) in try Self.reference(model) {
            let value = try #require(measured[metric] as? Double, "no \(metric) in \(line)")
            #expect(abs(value - expected) < 5e-4, "\(model) \(metric): \(value) vs reference \(expected)")
        }
        // The project's own cross-encoder is labelled as such (../shared/models/README.md).
        #expect(measured["note"] as? String == (model.hasPrefix("ms-marco-MiniLM-L6-ce-local") ? "locally trained" : nil))
    }
}
