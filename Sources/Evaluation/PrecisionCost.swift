/// What a faster precision costs on a judged set: its metrics beside the fp32 reference's, the largest
/// score difference over all pairs, and on how many queries the ranking stayed the same.
public struct PrecisionCost: Sendable {
    public var reference: EvaluationReport
    public var candidate: EvaluationReport
    /// The largest |candidate − reference| score of one pair (a logit, a probability or a cosine).
    public var largestScoreDifference: Double
    /// Queries whose candidates are ranked in exactly the same order by both runs.
    public var identicalRankings: Int
    /// Queries ranked by both runs.
    public var queries: Int

    public init(reference: ScoredRun, candidate: ScoredRun, scorerName: String, on set: JudgedSet) {
        self.reference = EvaluationReport(scorerName: scorerName, run: reference.scores, on: set,
                                          pairsScored: reference.pairsScored, seconds: reference.seconds)
        self.candidate = EvaluationReport(scorerName: scorerName, run: candidate.scores, on: set,
                                          pairsScored: candidate.pairsScored, seconds: candidate.seconds)
        var largest = 0.0, identical = 0, queries = 0
        for (query, referenceScores) in reference.scores {
            guard let candidateScores = candidate.scores[query] else { continue }
            queries += 1
            for (docid, score) in referenceScores {
                if let other = candidateScores[docid] { largest = max(largest, abs(other - score)) }
            }
            if Self.order(referenceScores) == Self.order(candidateScores) { identical += 1 }
        }
        largestScoreDifference = largest
        identicalRankings = identical
        self.queries = queries
    }

    /// Docids best first, equal scores by docid.
    private static func order(_ scores: [String: Double]) -> [String] {
        scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }
}
