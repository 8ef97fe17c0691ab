// CONTRACT (placeholder bodies): the public API the Evaluation work implements.

/// TREC-style measures of one ranked list, given relevance grades in rank order.
public enum RankingMetrics {
    /// NDCG@k with linear gains (the grade) and log2 discounts, as trec_eval `ndcg_cut`.
    /// `rankedGrades`: grades of the ranked list, best first (unjudged = 0).
    /// `judgedGrades`: every grade judged for the query (the ideal ranking is built from them).
    public static func ndcg(rankedGrades: [Int], judgedGrades: [Int], k: Int) -> Double { 0 }

    /// Reciprocal rank of the first grade ≥ `relevantFrom` within the top `k`, else 0.
    public static func reciprocalRank(rankedGrades: [Int], k: Int, relevantFrom: Int = 2) -> Double { 0 }

    /// Average precision with grade ≥ `relevantFrom` as relevant, over `totalRelevant` judged relevant.
    public static func averagePrecision(rankedGrades: [Int], totalRelevant: Int, relevantFrom: Int = 2) -> Double { 0 }
}
