import Inference

/// What the ranking engine reports while it serves rank requests, in order per pane.
public enum EngineEvent: Sendable {
    /// The pane's scorer is ready (sent when a pane's scorer is first resolved or changes).
    case loaded(pane: Int, info: ScorerInfo)
    /// Scores for some passages, keyed by passage id; `completed` of `total` passages now have a score.
    case partial(generation: Int, pane: Int, scores: [Int: PairScore], completed: Int, total: Int)
    /// Every passage of the pane has a score; `seconds` since the request arrived.
    case finished(generation: Int, pane: Int, seconds: Double)
    /// The pane's scorer could not be loaded or failed; the message says why.
    case failed(generation: Int, pane: Int, message: String)
}
