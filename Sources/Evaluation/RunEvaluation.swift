/// The TREC DL measures of one query, or their means over queries.
public struct MetricValues: Sendable, Hashable, Codable {
    /// nDCG@10 with the grades as gains (trec_eval `ndcg_cut.10`).
    public var ndcgAt10: Double
    /// Reciprocal rank of the first passage graded ≥ 2 within the top 10 (ir-measures `RR(rel=2)@10`).
    public var reciprocalRankAt10: Double
    /// Average precision with grade ≥ 2 as relevant (ir-measures `AP(rel=2)`).
    public var averagePrecision: Double

    public init(ndcgAt10: Double, reciprocalRankAt10: Double, averagePrecision: Double) {
        self.ndcgAt10 = ndcgAt10
        self.reciprocalRankAt10 = reciprocalRankAt10
        self.averagePrecision = averagePrecision
    }

    public static let zero = MetricValues(ndcgAt10: 0, reciprocalRankAt10: 0, averagePrecision: 0)

    /// The arithmetic mean of each measure; zero for no values.
    public static func mean(of values: [MetricValues]) -> MetricValues {
        guard !values.isEmpty else { return .zero }
        let count = Double(values.count)
        return MetricValues(ndcgAt10: values.reduce(0) { $0 + $1.ndcgAt10 } / count,
                            reciprocalRankAt10: values.reduce(0) { $0 + $1.reciprocalRankAt10 } / count,
                            averagePrecision: values.reduce(0) { $0 + $1.averagePrecision } / count)
    }
}

/// The measures of one query of a run.
public struct QueryMetrics: Sendable, Hashable {
    public var queryID: String
    public var values: MetricValues

    public init(queryID: String, values: MetricValues) {
        self.queryID = queryID
        self.values = values
    }
}

/// Evaluates runs against a judged set exactly as ir-measures does for
/// `nDCG@10`, `RR(rel=2)@10` and `AP(rel=2)`.
///
/// Conventions (checked against ir-measures 0.4 / pytrec_eval):
/// - unjudged passages count as grade 0; the ideal DCG uses every judged grade of the query;
/// - nDCG and AP rank equal scores by docid descending (trec_eval), RR by docid ascending
///   (MS MARCO's script, which ir-measures uses for RR with a cutoff), see `TieBreak`;
/// - means are over the queries with at least one judgment; such a query missing from the
///   run scores 0; queries without judgments and run entries for unknown queries are ignored.
public enum RunEvaluation {
    /// Rank cutoff of nDCG and RR.
    public static let cutoff = 10
    /// Lowest grade that counts as relevant for RR and AP.
    public static let relevantFrom = 2

    /// Measures of every judged query of `set`, in the set's order.
    public static func perQuery(run: RunScores, on set: JudgedSet) -> [QueryMetrics] {
        set.queries.filter(\.isJudged).map { query in
            QueryMetrics(queryID: query.id, values: metrics(of: query, scores: run[query.id] ?? [:]))
        }
    }

    /// Measures of one query, given a score for each docid the run ranks.
    public static func metrics(of query: JudgedQuery, scores: [String: Double]) -> MetricValues {
        let ranking = RankedGrades(query: query, scores: scores)
        return MetricValues(ndcgAt10: Measure.ndcg(cutoff: cutoff).value(of: ranking),
                            reciprocalRankAt10: Measure.reciprocalRank(cutoff: cutoff).value(of: ranking),
                            averagePrecision: Measure.averagePrecision.value(of: ranking))
    }
}
