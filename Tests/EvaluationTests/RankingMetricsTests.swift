import Evaluation
import Foundation
import Testing

@Suite("Ranking metrics")
struct RankingMetricsTests {
    @Test("nDCG uses grades as gains, log2(rank + 1) discounts and the judged grades as ideal")
    func ndcgByHand() {
        // DCG  = 3/log2(2) + 2/log2(4) + 1/log2(6) = 3 + 1 + 0.386852807 = 4.386852807
        // IDCG = 3/log2(2) + 2/log2(3) + 2/log2(4) + 1/log2(5) (the judged 3, 2, 2, 1; the 0 adds nothing)
        //      = 3 + 1.261859507 + 1 + 0.430676558 = 5.692536065
        // nDCG = 4.386852807 / 5.692536065 = 0.770632414 (pytrec_eval agrees: 0.7706324135634347)
        let value = RankingMetrics.ndcg(rankedGrades: [3, 0, 2, 0, 1], judgedGrades: [3, 0, 2, 1, 2, 0], k: 10)
        #expect(abs(value - 0.7706324135634347) < 1e-12)
    }

    @Test("nDCG cuts both the ranking and the ideal at k")
    func ndcgCutoff() {
        // k = 2: DCG = 0 + 2/log2(3); IDCG = 3 + 2/log2(3) → 1.261859507 / 4.261859507 = 0.296082
        let value = RankingMetrics.ndcg(rankedGrades: [0, 2, 3], judgedGrades: [3, 2], k: 2)
        #expect(abs(value - (2 / log2(3.0)) / (3 + 2 / log2(3.0))) < 1e-12)
        #expect(RankingMetrics.ndcg(rankedGrades: [0, 0, 3], judgedGrades: [3], k: 2) == 0)
    }

    @Test("nDCG is 0 without a positive judgment or with k = 0, and 1 for the ideal order")
    func ndcgEdges() {
        #expect(RankingMetrics.ndcg(rankedGrades: [0, 0], judgedGrades: [0, 0], k: 10) == 0)
        #expect(RankingMetrics.ndcg(rankedGrades: [], judgedGrades: [], k: 10) == 0)
        #expect(RankingMetrics.ndcg(rankedGrades: [3], judgedGrades: [3], k: 0) == 0)
        #expect(abs(RankingMetrics.ndcg(rankedGrades: [3, 2, 1, 0], judgedGrades: [1, 3, 2], k: 10) - 1) < 1e-12)
    }

    @Test("Reciprocal rank finds the first grade at or above the threshold within k")
    func reciprocalRank() {
        // Grades 0, 1, 2, 3: the first grade ≥ 2 is at rank 3 → 1/3; the first ≥ 1 at rank 2 → 1/2.
        #expect(RankingMetrics.reciprocalRank(rankedGrades: [0, 1, 2, 3], k: 10) == 1.0 / 3)
        #expect(RankingMetrics.reciprocalRank(rankedGrades: [0, 1, 2, 3], k: 10, relevantFrom: 1) == 0.5)
        // Rank 3 is outside the top 2 → 0.
        #expect(RankingMetrics.reciprocalRank(rankedGrades: [0, 1, 2, 3], k: 2) == 0)
        #expect(RankingMetrics.reciprocalRank(rankedGrades: [], k: 10) == 0)
    }

    @Test("Average precision sums precision at relevant ranks over all judged relevant")
    func averagePrecision() {
        // Relevant (≥ 2) at ranks 1, 3 and 6: precisions 1/1, 2/3, 3/6; four judged relevant:
        // (1 + 0.666667 + 0.5) / 4 = 0.541667
        let value = RankingMetrics.averagePrecision(rankedGrades: [2, 0, 3, 1, 0, 2], totalRelevant: 4)
        #expect(abs(value - (1 + 2.0 / 3 + 0.5) / 4) < 1e-12)
        // With grade 1 relevant too: ranks 1, 3, 4, 6 → (1 + 2/3 + 3/4 + 4/6) / 4 = 0.770833
        let lenient = RankingMetrics.averagePrecision(rankedGrades: [2, 0, 3, 1, 0, 2], totalRelevant: 4, relevantFrom: 1)
        #expect(abs(lenient - (1 + 2.0 / 3 + 3.0 / 4 + 4.0 / 6) / 4) < 1e-12)
        #expect(RankingMetrics.averagePrecision(rankedGrades: [0, 1], totalRelevant: 0) == 0)
    }
}
