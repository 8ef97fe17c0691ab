/// One TREC measure of a ranked list, with its cut-off: what `rerank compare` reports per query.
///
/// Values equal ir-measures / trec_eval on the same run: nDCG and AP rank equal scores the
/// trec_eval way, RR the MS MARCO way (see `TieBreak`); RR and AP count grade ≥
/// `RunEvaluation.relevantFrom` as relevant.
public enum Measure: Sendable, Hashable, Codable {
    /// nDCG@k with the grades as gains (trec_eval `ndcg_cut.k`).
    case ndcg(cutoff: Int)
    /// Reciprocal rank of the first relevant passage within the top k (ir-measures `RR(rel=2)@k`).
    case reciprocalRank(cutoff: Int)
    /// Average precision over the whole ranking (ir-measures `AP(rel=2)`).
    case averagePrecision

    /// The TREC DL trio that `rerank eval` reports: NDCG@10, MRR@10, MAP.
    public static let trecDL: [Measure] = [.ndcg(cutoff: 10), .reciprocalRank(cutoff: 10), .averagePrecision]

    /// The name people read: `NDCG@10`, `MRR@10`, `MAP`.
    public var name: String {
        switch self {
        case .ndcg(let cutoff): return "NDCG@\(cutoff)"
        case .reciprocalRank(let cutoff): return "MRR@\(cutoff)"
        case .averagePrecision: return "MAP"
        }
    }

    /// The key scripts read in JSON, as `rerank eval --json` writes them: `ndcg@10`, `mrr@10`, `map`.
    public var key: String { name.lowercased() }

    /// The measure's value on one query's ranking.
    public func value(of ranking: RankedGrades) -> Double {
        switch self {
        case .ndcg(let cutoff):
            return RankingMetrics.ndcg(rankedGrades: ranking.trecOrder, judgedGrades: ranking.judgedGrades, k: cutoff)
        case .reciprocalRank(let cutoff):
            return RankingMetrics.reciprocalRank(rankedGrades: ranking.marcoOrder, k: cutoff,
                                                 relevantFrom: RunEvaluation.relevantFrom)
        case .averagePrecision:
            return RankingMetrics.averagePrecision(rankedGrades: ranking.trecOrder, totalRelevant: ranking.relevantCount,
                                                   relevantFrom: RunEvaluation.relevantFrom)
        }
    }
}

/// One query's run turned into grades in rank order, both ways the reference breaks ties;
/// computed once and read by every `Measure`.
public struct RankedGrades: Sendable, Hashable {
    /// Grades best first, equal scores by docid descending (trec_eval); unjudged = 0.
    public var trecOrder: [Int]
    /// Grades best first, equal scores by docid ascending (MS MARCO's RR script).
    public var marcoOrder: [Int]
    /// Every grade judged for the query.
    public var judgedGrades: [Int]
    /// Judged passages with grade ≥ `RunEvaluation.relevantFrom`.
    public var relevantCount: Int

    /// Ranks `scores` (a score per docid) against the query's judgments.
    public init(query: JudgedQuery, scores: [String: Double]) {
        let entries = Array(scores)
        let docids = entries.map(\.key)
        let values = entries.map(\.value)
        let grades = docids.map { query.grades[$0] ?? 0 }
        trecOrder = RunRanking.order(docids: docids, scores: values, tieBreak: .docidDescending).map { grades[$0] }
        marcoOrder = RunRanking.order(docids: docids, scores: values, tieBreak: .docidAscending).map { grades[$0] }
        judgedGrades = Array(query.grades.values)
        relevantCount = judgedGrades.count { $0 >= RunEvaluation.relevantFrom }
    }
}
