import Evaluation
import Foundation
import Testing
import TestSupport

@Suite("TREC DL 2019 acceptance", .enabled(if: Fixtures.sharedAvailable))
struct DL19AcceptanceTests {
    @Test("The BM25 input order reproduces the reference nDCG@10, MRR@10 and MAP")
    func firstStageMatchesReference() throws {
        let set = try JudgedSet(folder: Fixtures.dl19)
        #expect(set.queries.count == 43)
        #expect(set.pairCount == 4300)
        #expect(set.warnings.isEmpty, "\(set.warnings)")

        let data = try Data(contentsOf: Fixtures.golden.appendingPathComponent("eval-reference.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reference = try #require((json[Fixtures.dl19.lastPathComponent] as? [String: Any])?["input"] as? [String: Double])

        let mean = EvaluationReport.firstStage(of: set).mean
        #expect(rounded(mean.ndcgAt10) == reference["ndcg@10"])
        #expect(rounded(mean.reciprocalRankAt10) == reference["mrr@10"])
        #expect(rounded(mean.averagePrecision) == reference["map"])
    }

    private func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
