import Inference

/// What the ranking engine reports while it serves rank requests, in order per pane.
public enum EngineEvent: Sendable {
    /// The pane's scorer is ready (sent when a pane's scorer is first resolved or changes).
    case loaded(pane: PaneID, info: ScorerInfo)
    /// Scores for some passages; `completed` of `total` passages now have a score.
    case partial(generation: Int, pane: PaneID, scores: [PassageID: PairScore], completed: Int, total: Int)
    /// Every passage of the pane has a score; `seconds` since the request arrived.
    case finished(generation: Int, pane: PaneID, seconds: Double)
    /// The pane's scorer could not be loaded or failed; the message says why.
    case failed(generation: Int, pane: PaneID, message: String)
    /// The set work scored one query with one scorer: its scores in candidate order (see `SetScoreItem`).
    case setScored(set: Int, query: Int, scorer: ScorerKey, scores: [Double])
    /// The set work could not use a scorer (its model did not load, or scoring failed); its other items are skipped.
    case setFailed(set: Int, scorer: ScorerKey, message: String)
    /// The detail view's attribution progressed, finished or failed (sent whatever the generation).
    case explanation(Explanation)
    /// The model of a scorer being loaded is downloading (sent whatever the generation).
    case downloading(scorer: String, progress: ModelDownload)
}
