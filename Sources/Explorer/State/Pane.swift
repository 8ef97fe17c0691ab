import Inference

/// Whether a pane shows the raw score (logit, cosine, BM25) or the probability derived from it.
public enum ScoreMode: String, Sendable, Hashable, Codable {
    case raw, probability

    public var toggled: ScoreMode { self == .raw ? .probability : .raw }
}

/// How far a pane has got with the current query.
public struct ScoringProgress: Sendable, Hashable {
    public var completed: Int
    public var total: Int

    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }

    /// Whole percent done, 0–100.
    public var percent: Int { total > 0 ? min(100, completed * 100 / total) : 0 }
}

/// One column of the comparison: a scorer, its token limit and its scores for the current query.
public struct Pane: Sendable, Hashable, Identifiable {
    public let id: PaneID
    /// The name the scorer is loaded by (`bm25`, a model name or a path).
    public var scorerName: String
    /// Filled in once the engine has loaded the scorer.
    public var info: ScorerInfo?
    /// Token limit chosen with `:maxlen`; `nil` uses the scorer's own.
    public var maxLength: Int?
    /// How passages past the limit are read, chosen with `:windows`: cut (the default) or in windows.
    public var readingMode: ReadingMode
    /// The number format of the model's dense layers, chosen with `:precision`; fp32 is the reference.
    public var precision: Precision
    public var scoreMode: ScoreMode
    /// Scores for `scoredQuery`, by passage; partial while scoring.
    public var scores: [PassageID: PairScore]
    /// The query `scores` belong to; `nil` before any scoring.
    public var scoredQuery: String?
    public var progress: ScoringProgress
    public var isScoring: Bool
    /// Why the last load or scoring failed, shown in the pane header.
    public var error: String?
    /// How far the scorer's model has downloaded, while it does.
    public var download: ModelDownload?
    /// First visible row.
    public var scrollOffset: Int

    public init(id: PaneID, scorerName: String, maxLength: Int? = nil, readingMode: ReadingMode = .truncate,
                precision: Precision = .reference, scoreMode: ScoreMode = .raw) {
        self.id = id
        self.scorerName = scorerName
        self.info = nil
        self.maxLength = maxLength
        self.readingMode = readingMode
        self.precision = precision
        self.scoreMode = scoreMode
        self.scores = [:]
        self.scoredQuery = nil
        self.progress = ScoringProgress(completed: 0, total: 0)
        self.isScoring = false
        self.error = nil
        self.download = nil
        self.scrollOffset = 0
    }

    /// The token limit in force: the override, else the scorer's default.
    public var effectiveMaxLength: Int? { maxLength ?? info?.maxLength }

    /// True for BM25: it reads whole passages without a token limit and has no neural model, so
    /// windows and precision do not apply.
    public var isLexical: Bool {
        info.map { $0.kind == .lexical } ?? (scorerName.lowercased() == Scorers.bm25Name)
    }

    /// The reading mode in force: the chosen one, except for scorers that read whole passages.
    public var effectiveReadingMode: ReadingMode { isLexical ? .truncate : readingMode }

    /// The precision in force: the chosen one, except for BM25, which has no dense layers (reported as fp32).
    public var effectivePrecision: Precision { isLexical ? .reference : precision }

    /// Short display name: the last path component of the scorer name.
    public var displayName: String {
        let trimmed = scorerName.hasSuffix("/") ? String(scorerName.dropLast()) : scorerName
        return trimmed.split(separator: "/").last.map(String.init) ?? scorerName
    }

    /// Forgets all results (new scorer, new limit or an empty query).
    mutating func clearResults() {
        scores = [:]
        scoredQuery = nil
        progress = ScoringProgress(completed: 0, total: 0)
        isScoring = false
        error = nil
    }
}
