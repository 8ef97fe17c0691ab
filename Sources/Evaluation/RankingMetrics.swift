import Foundation

/// TREC-style measures of one ranked list, given relevance grades in rank order.
///
/// The formulas are those of trec_eval as bundled in pytrec_eval (which ir-measures runs), so the
/// values match `ndcg_cut.10`, `recip_rank` cut at `k` and `map` with `-l relevantFrom`.
public enum RankingMetrics {
    /// NDCG@k with linear gains (the grade) and log2 discounts, as trec_eval `ndcg_cut`.
    /// `rankedGrades`: grades of the ranked list, best first (unjudged = 0).
    /// `judgedGrades`: every grade judged for the query (the ideal ranking is built from them).
    ///
    /// The passage at rank r adds `grade / log2(r + 1)` when its grade is positive; the ideal DCG
    /// ranks the positive judged grades best first. Without a positive judgment the value is 0.
    public static func ndcg(rankedGrades: [Int], judgedGrades: [Int], k: Int) -> Double {
        guard k > 0 else { return 0 }
        let ideal = discountedGain(judgedGrades.filter { $0 > 0 }.sorted(by: >), k: k)
        guard ideal > 0 else { return 0 }
        return discountedGain(rankedGrades, k: k) / ideal
    }

    /// Reciprocal rank of the first grade ≥ `relevantFrom` within the top `k`, else 0.
    public static func reciprocalRank(rankedGrades: [Int], k: Int, relevantFrom: Int = 2) -> Double {
        guard let index = rankedGrades.prefix(max(k, 0)).firstIndex(where: { $0 >= relevantFrom }) else { return 0 }
        return 1 / Double(index + 1)
    }

    /// Average precision with grade ≥ `relevantFrom` as relevant, over `totalRelevant` judged relevant.
    ///
    /// The precision at the rank of every relevant passage retrieved is summed and divided by
    /// `totalRelevant` (relevant passages never retrieved count as precision 0). 0 when nothing
    /// is judged relevant.
    public static func averagePrecision(rankedGrades: [Int], totalRelevant: Int, relevantFrom: Int = 2) -> Double {
        guard totalRelevant > 0 else { return 0 }
        var found = 0
        var sum = 0.0
        for (index, grade) in rankedGrades.enumerated() where grade >= relevantFrom {
            found += 1
            sum += Double(found) / Double(index + 1)
        }
        return sum / Double(totalRelevant)
    }

    /// DCG of the first `k` grades: positive grades only, rank r discounted by log2(r + 1).
    private static func discountedGain(_ grades: [Int], k: Int) -> Double {
        var sum = 0.0
        for (index, grade) in grades.prefix(k).enumerated() where grade > 0 {
            sum += Double(grade) / log2(Double(index + 2))
        }
        return sum
    }
}
