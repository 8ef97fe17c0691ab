import Inference
import PassageSources

/// Results and news the runtime feeds back into the state with `ExplorerState.apply(_:)`.
public enum EngineUpdate: Sendable {
    case scorerReady(PaneID, ScorerInfo)
    /// Scoring of `query` (the request's) began; the pane's old scores are dropped. Send it before
    /// the run's batches: batches for any other query than the last started one are ignored.
    case scoringStarted(PaneID, query: String, total: Int)
    /// Scores that finished (cached ones may come in the first batch); stale queries are ignored.
    case batch(PaneID, query: String, scores: [PassageID: PairScore], completed: Int, total: Int)
    case scoringFinished(PaneID, query: String)
    /// The background scoring of a judged set finished one query for one scorer: its scores, in
    /// candidate order (see `SetScoreItem`). Results for another set than the browser's are ignored.
    case setScored(set: Int, query: Int, scorer: ScorerKey, scores: [Double])
    /// A scorer could not score the judged set (its model did not load, or scoring failed).
    case setFailed(set: Int, scorer: ScorerKey, message: String)
    /// Loading or scoring failed; shown in the pane header.
    case failed(PaneID, message: String)
    /// The model of every pane loading `scorer` is downloading this far.
    case downloading(scorer: String, ModelDownload)
    /// How the pane's scorer reads a passage for `query` at a max length (`nil`: the scorer's own) in a
    /// reading mode; `nil` when it reads no tokens (BM25).
    case reading(PaneID, PassageID, query: String, maxLength: Int? = nil, mode: ReadingMode = .truncate, PassageReading?)
    /// The why view's attribution progressed, finished or failed (news for another key is ignored).
    case explanation(Explanation)
    case modelList([ModelChoice])
    /// Passages loaded from a file, folder or standard input; appended (undoable, up to
    /// `ExplorerState.maximumPassages`) and scored. Ends the `loading` under way.
    case passagesLoaded(PassageCollection)
    /// The file under way (`loading`) has been read this far.
    case loadProgress(bytesRead: Int, totalBytes: Int)
    /// The file under way could not be read: the message goes to the status bar.
    case loadFailed(String)
    /// A message for the status bar (export written, file not readable…).
    case status(StatusMessage)
    /// Advance the scoring spinner (send every ~100 ms while any pane `isScoring`).
    case tick
}
