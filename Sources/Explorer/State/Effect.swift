import Foundation
import Inference
import PassageSources

/// Work the reducer asks the runtime to do; the state itself never performs I/O.
public enum Effect: Sendable, Hashable {
    /// Restore the terminal and exit.
    case quit
    /// Load (or reuse) the scorer named `name` for the pane, then report `.scorerReady` or `.failed`.
    case loadScorer(PaneID, name: String)
    /// Score the pane for the current query: build the request with `ExplorerState.scoreRequest(for:)`
    /// when the work starts (after ~150 ms when `debounce`, so typing coalesces), cancelling any
    /// older work for that pane. No request (`nil`) means nothing to score.
    case score(PaneID, debounce: Bool)
    /// Stop any scoring for a pane that is gone.
    case cancelScoring(PaneID)
    /// Report how the pane's scorer reads the passage for the detail view: build the request with
    /// `ExplorerState.readingRequest(pane:passage:)` and send back `request.update(reading)`.
    case loadReading(PaneID, PassageID)
    /// Find the scorers available on this machine and report `.modelList`.
    case loadModelList
    /// Write `ComparisonExport.render(state, format:)` to the file, report `.status`.
    case export(URL, ExportFormat)
    /// Load passages from a file or judged-set folder, report `.passagesLoaded` or `.status(error)`.
    case openFile(URL)
    /// Switch the backend's colours to the named theme.
    case setTheme(String)
    /// The session (`SessionSnapshot(state)`) changed: save it (the runtime may coalesce saves).
    case saveSession
}

/// Results and news the runtime feeds back into the state with `ExplorerState.apply(_:)`.
public enum EngineUpdate: Sendable {
    case scorerReady(PaneID, ScorerInfo)
    /// Scoring of `query` (the request's) began; the pane's old scores are dropped. Send it before
    /// the run's batches: batches for any other query than the last started one are ignored.
    case scoringStarted(PaneID, query: String, total: Int)
    /// Scores that finished (cached ones may come in the first batch); stale queries are ignored.
    case batch(PaneID, query: String, scores: [PassageID: PairScore], completed: Int, total: Int)
    case scoringFinished(PaneID, query: String)
    /// Loading or scoring failed; shown in the pane header.
    case failed(PaneID, message: String)
    /// How the pane's scorer reads a passage for `query`; `nil` when it reads no tokens (BM25).
    case reading(PaneID, PassageID, query: String, PassageReading?)
    case modelList([ModelChoice])
    /// Passages loaded from a file, folder or standard input; appended (undoable) and scored.
    case passagesLoaded(PassageCollection)
    /// A message for the status bar (export written, file not readable…).
    case status(StatusMessage)
    /// Advance the scoring spinner (send every ~100 ms while any pane `isScoring`).
    case tick
}

/// Everything one scoring run needs, taken from the state when the run starts.
public struct ScoreRequest: Sendable, Hashable {
    public var pane: PaneID
    public var scorerName: String
    /// The pane's `:maxlen` override; `nil` for the scorer's default.
    public var maxLength: Int?
    public var query: String
    /// Ids parallel to `passages`.
    public var passageIDs: [PassageID]
    public var passages: [String]

    public init(pane: PaneID, scorerName: String, maxLength: Int?, query: String, passageIDs: [PassageID], passages: [String]) {
        self.pane = pane
        self.scorerName = scorerName
        self.maxLength = maxLength
        self.query = query
        self.passageIDs = passageIDs
        self.passages = passages
    }

    /// A scorer batch's results keyed by passage id (indices outside the request are skipped).
    public func scores(of batch: ScoredBatch) -> [PassageID: PairScore] {
        var result: [PassageID: PairScore] = [:]
        result.reserveCapacity(batch.indices.count)
        for (index, score) in zip(batch.indices, batch.scores) where passageIDs.indices.contains(index) {
            result[passageIDs[index]] = score
        }
        return result
    }

    /// The `.batch` update for a scorer batch.
    public func update(for batch: ScoredBatch) -> EngineUpdate {
        .batch(pane, query: query, scores: scores(of: batch), completed: batch.completed, total: batch.total)
    }
}

/// Everything a `.loadReading` effect needs, taken from the state when the work starts.
public struct ReadingRequest: Sendable, Hashable {
    public var pane: PaneID
    public var passage: PassageID
    public var scorerName: String
    /// The pane's `:maxlen` override; `nil` for the scorer's default.
    public var maxLength: Int?
    public var query: String
    /// The passage's text.
    public var text: String

    public init(pane: PaneID, passage: PassageID, scorerName: String, maxLength: Int?, query: String, text: String) {
        self.pane = pane
        self.passage = passage
        self.scorerName = scorerName
        self.maxLength = maxLength
        self.query = query
        self.text = text
    }

    /// The `.reading` update carrying the scorer's answer (`Scorer.reading(query:passage:maxLength:)`).
    public func update(_ reading: PassageReading?) -> EngineUpdate {
        .reading(pane, passage, query: query, reading)
    }
}
