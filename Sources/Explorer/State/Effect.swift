import Foundation
import Inference

/// Work the reducer asks the runtime to do; the state itself never performs I/O.
public enum Effect: Sendable, Hashable {
    /// Restore the terminal and exit.
    case quit
    /// Load (or reuse) the scorer named `name` in `precision` for the pane, then report `.scorerReady` or `.failed`.
    case loadScorer(PaneID, name: String, precision: Precision = .reference)
    /// Score the pane for the current query: build the request with `ExplorerState.scoreRequest(for:)`
    /// when the work starts (after ~150 ms when `debounce`, so typing coalesces), cancelling any
    /// older work for that pane. No request (`nil`) means nothing to score.
    case score(PaneID, debounce: Bool)
    /// Hand the engine the query browser's unscored work (`ExplorerState.setScoreItems()`) to score
    /// in the background, replacing the set work it had; report each item as `.setScored` or `.setFailed`.
    case scoreSet
    /// Stop any scoring for a pane that is gone.
    case cancelScoring(PaneID)
    /// Report how the pane's scorer reads the passage for the detail view: build the request with
    /// `ExplorerState.readingRequest(pane:passage:)` and send back `request.update(reading)`.
    case loadReading(PaneID, PassageID)
    /// Explain `wantedExplanation` in the background (`RankingEngine.explain(_:)`), replacing the
    /// attribution under way; report `.explanation` as it progresses.
    case explain(ExplainRequest)
    /// The why view closed: stop its attribution.
    case cancelExplain
    /// Find the scorers available on this machine and report `.modelList`.
    case loadModelList
    /// Write `ComparisonExport.render(state, format:)` to the file, report `.status`.
    case export(URL, ExportFormat)
    /// Load passages from a file or judged-set folder, stopping any load under way; report
    /// `.loadProgress` as the file is read, then `.passagesLoaded` or `.loadFailed`.
    case openFile(URL)
    /// Stop the load under way (Esc); report nothing more about it.
    case cancelLoading
    /// Switch the backend's colours to the named theme (`ThemeLibrary.theme(named:)`, then a new
    /// `ResolvedPalette`).
    case setTheme(String)
    /// The session (`SessionSnapshot(state)`) changed: save it (the runtime may coalesce saves).
    case saveSession
}
