/// The result of evaluating one run on a judged set: means, per-query values and cost.
public struct EvaluationReport: Sendable, Hashable {
    /// Who produced the run (a scorer's name, or `input` for the first-stage order).
    public var scorerName: String
    /// The judged set's name.
    public var setName: String
    /// Means over the judged queries.
    public var mean: MetricValues
    /// One entry per judged query, in the set's order.
    public var perQuery: [QueryMetrics]
    /// (query, passage) pairs the run ranks.
    public var pairsScored: Int
    /// Wall-clock seconds spent scoring; 0 when nothing was scored.
    public var seconds: Double

    public init(scorerName: String, setName: String, mean: MetricValues, perQuery: [QueryMetrics],
                pairsScored: Int, seconds: Double) {
        self.scorerName = scorerName
        self.setName = setName
        self.mean = mean
        self.perQuery = perQuery
        self.pairsScored = pairsScored
        self.seconds = seconds
    }

    /// Evaluates `run` on `set` (see `RunEvaluation` for the conventions).
    public init(scorerName: String, run: RunScores, on set: JudgedSet, pairsScored: Int, seconds: Double) {
        let perQuery = RunEvaluation.perQuery(run: run, on: set)
        self.init(scorerName: scorerName, setName: set.name, mean: .mean(of: perQuery.map(\.values)),
                  perQuery: perQuery, pairsScored: pairsScored, seconds: seconds)
    }

    /// Name used for the first-stage ("input") order.
    public static let firstStageName = "input"

    /// The baseline: the set's first-stage order, scored `1000 − rank`, with no scorer run.
    public static func firstStage(of set: JudgedSet) -> EvaluationReport {
        EvaluationReport(scorerName: firstStageName, run: set.firstStageScores, on: set,
                         pairsScored: set.pairCount, seconds: 0)
    }
}
