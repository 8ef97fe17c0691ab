import Tokenization

/// What family a scorer belongs to; panes and listings show it.
public enum ScorerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case crossEncoder = "cross-encoder"
    case biEncoder = "bi-encoder"
    case lexical = "bm25"
}

/// Who a scorer is, what its scores mean and how much text it reads.
public struct ScorerInfo: Sendable, Hashable {
    /// The name it was loaded by (`bm25`, a model name or a path).
    public var name: String
    public var kind: ScorerKind
    /// Default token limit; `nil` for scorers without one (BM25).
    public var maxLength: Int?
    /// One line for people: architecture, layers, hidden size.
    public var summary: String
    /// What `PairScore.score` is: `logit`, `P(relevant)`, `cosine` or `BM25`.
    public var scoreName: String
    /// What `PairScore.probability` is, when the scorer has one (`sigmoid`, `softmax`).
    public var probabilityName: String?
    /// What people must be told beside the name (`ModelNotes`), e.g. "locally trained".
    public var note: String?
    /// The number format of the model's dense layers (BM25 reports fp32).
    public var precision: Precision

    public init(name: String, kind: ScorerKind, maxLength: Int?, summary: String, scoreName: String, probabilityName: String?,
                note: String? = nil, precision: Precision = .fp32) {
        self.name = name
        self.kind = kind
        self.maxLength = maxLength
        self.summary = summary
        self.scoreName = scoreName
        self.probabilityName = probabilityName
        self.note = note
        self.precision = precision
    }

    /// The name with its note, for people: "ms-marco-MiniLM-L6-ce-local (locally trained)".
    public var nameWithNote: String {
        note.map { "\(name) (\($0))" } ?? name
    }
}

/// The score of one (query, passage) pair and how the model read it.
public struct PairScore: Sendable, Hashable {
    /// The ranking score: the logit (one label), P(label 1) (two labels), cosine, or BM25; when read in
    /// windows, the best window's.
    public var score: Double
    /// The sigmoid of the logit (one label) or the softmax probability of label 1 (two labels).
    public var probability: Double?
    /// Raw model outputs (the best window's when read in windows); empty for bi-encoders and BM25.
    public var logits: [Float]
    /// What the token limit cut; `nil` for BM25. Read in windows, nothing of the passage is cut.
    public var truncation: TruncationReport?
    /// Every window read, in passage order, with its score; empty when the passage was read in one
    /// piece (`ReadingMode.truncate`, and BM25).
    public var windows: [WindowScore]
    /// Position in `windows` of the window that gave `score` (the first of equal best); `nil` when not read in windows.
    public var bestWindow: Int?

    public init(score: Double, probability: Double? = nil, logits: [Float] = [], truncation: TruncationReport? = nil,
                windows: [WindowScore] = [], bestWindow: Int? = nil) {
        self.score = score
        self.probability = probability
        self.logits = logits
        self.truncation = truncation
        self.windows = windows
        self.bestWindow = bestWindow
    }

    /// MaxP: the best of a passage's window scores (the first of equal best), keeping every window's
    /// span and score; `truncation(best)` says what was cut when that window's answer counts.
    static func best(of windowScores: [PairScore], windows: [PassageWindow], truncation: (Int) -> TruncationReport) -> PairScore {
        var best = 0
        for index in windowScores.indices where windowScores[index].score > windowScores[best].score { best = index }
        // Every encoding has at least one window; a passage without any would rank last.
        guard windowScores.indices.contains(best) else { return PairScore(score: -.infinity) }
        var result = windowScores[best]
        result.truncation = truncation(best)
        result.windows = zip(windows, windowScores).map { WindowScore(window: $0, score: $1.score, probability: $1.probability) }
        result.bestWindow = best
        return result
    }
}

extension PairScore {
    /// `w3/5`: the window that gave the score (counted from 1) of how many were read; `nil` unless
    /// the passage was read in more than one window.
    public var windowLabel: String? {
        guard let best = bestWindow, windows.count > 1 else { return nil }
        return "w\(best + 1)/\(windows.count)"
    }
}

/// One window of a passage read in windows, and its score.
public struct WindowScore: Sendable, Hashable {
    /// Which tokens and characters of the passage the window holds.
    public var window: PassageWindow
    /// The window's score, as `PairScore.score`.
    public var score: Double
    /// The window's probability, as `PairScore.probability`.
    public var probability: Double?

    public init(window: PassageWindow, score: Double, probability: Double? = nil) {
        self.window = window
        self.score = score
        self.probability = probability
    }
}

/// Scores that finished together, reported while a longer request is still running.
public struct ScoredBatch: Sendable {
    /// Positions in the request's passage list.
    public var indices: [Int]
    /// Scores, parallel to `indices`.
    public var scores: [PairScore]
    /// Pairs scored so far, this batch included.
    public var completed: Int
    public var total: Int

    public init(indices: [Int], scores: [PairScore], completed: Int, total: Int) {
        self.indices = indices
        self.scores = scores
        self.completed = completed
        self.total = total
    }
}

/// How a model reads one passage: all of its tokens, how many fit the limit, and its windows when
/// it reads the passage in windows.
public struct PassageReading: Sendable, Hashable {
    /// Every token of the passage, kept or not.
    public var tokens: [Token]
    /// How many of `tokens` the model read (all of them when read in windows).
    public var keptCount: Int
    /// Unicode-scalar offset in the passage where the read part ends.
    public var keptEnd: Int
    /// The windows read, in passage order; empty when the passage is read in one piece.
    public var windows: [PassageWindow]

    public init(tokens: [Token], keptCount: Int, keptEnd: Int, windows: [PassageWindow] = []) {
        self.tokens = tokens
        self.keptCount = keptCount
        self.keptEnd = keptEnd
        self.windows = windows
    }
}

/// Anything that orders passages for a query: cross-encoders, bi-encoders, BM25.
public protocol Scorer: Sendable {
    var info: ScorerInfo { get }

    /// Scores every passage against the query, in input order, reading each as `mode` says. `onBatch`
    /// sees each batch of finished passages as it finishes (read in windows, a passage finishes with
    /// its last window); cancelling the task stops the work between batches with `CancellationError`.
    func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
               onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore]

    /// Scores arbitrary (query, passage) pairs, in input order, each passage read as `mode` says;
    /// `onBatch` positions are in `pairs`. Cross-encoders pack every pair into the same batches; the
    /// default scores query by query (BM25's collection is then the passages of each query).
    func score(pairs: [(query: String, passage: String)], maxLength: Int?, mode: ReadingMode,
               onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore]

    /// What drives the score of `passage` for `query`, cut into `unit`s (see `Attribution`). BM25's
    /// statistics come from `collection`, the passages it was scored among (the passage alone when
    /// empty); other scorers ignore it and measure by occlusion within `limits`. Cancelling the task
    /// stops the work with `CancellationError`.
    func attribution(query: String, passage: String, unit: TextUnitKind, maxLength: Int?, mode: ReadingMode,
                     collection: [String], limits: AttributionLimits,
                     progress: (@Sendable (AttributionProgress) -> Void)?) async throws -> Attribution

    /// How the model reads a passage for this query; `nil` when it reads no tokens (BM25).
    func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading?

    /// How many passage tokens one window can hold beside the whole query at `maxLength` (`nil`: the
    /// scorer's default); `nil` when the scorer reads no tokens (BM25).
    func windowCapacity(query: String, maxLength: Int?) throws -> Int?
}

/// A passage's place in a ranking.
public struct RankedPassage: Sendable, Hashable {
    /// Position in the passage list given.
    public var index: Int
    public var score: PairScore

    public init(index: Int, score: PairScore) {
        self.index = index
        self.score = score
    }
}

extension Scorer {
    /// Query by query: each query's passages in one `score(query:passages:)` call.
    public func score(pairs: [(query: String, passage: String)], maxLength: Int?, mode: ReadingMode,
                      onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        var results = [PairScore?](repeating: nil, count: pairs.count)
        let groups = Dictionary(grouping: pairs.indices, by: { pairs[$0].query })
        var done = 0
        for (query, indices) in groups.sorted(by: { $0.value[0] < $1.value[0] }) {
            let before = done
            let scores = try await score(query: query, passages: indices.map { pairs[$0].passage }, maxLength: maxLength, mode: mode) { batch in
                onBatch?(ScoredBatch(indices: batch.indices.map { indices[$0] }, scores: batch.scores,
                                     completed: before + batch.completed, total: pairs.count))
            }
            for (index, score) in zip(indices, scores) { results[index] = score }
            done += indices.count
        }
        return results.compactMap { $0 }
    }

    /// Occlusion (see `occlusion(query:passage:unit:maxLength:mode:limits:progress:)`); `collection` is not needed.
    public func attribution(query: String, passage: String, unit: TextUnitKind, maxLength: Int?, mode: ReadingMode,
                            collection: [String], limits: AttributionLimits,
                            progress: (@Sendable (AttributionProgress) -> Void)?) async throws -> Attribution {
        try await occlusion(query: query, passage: passage, unit: unit, maxLength: maxLength, mode: mode, limits: limits, progress: progress)
    }

    /// Scores without progress reports, at the scorer's default max length, cutting long passages.
    public func score(query: String, passages: [String]) async throws -> [PairScore] {
        try await score(query: query, passages: passages, maxLength: nil, mode: .truncate, onBatch: nil)
    }

    /// Scores cutting long passages at the token limit (`ReadingMode.truncate`).
    public func score(query: String, passages: [String], maxLength: Int?,
                      onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        try await score(query: query, passages: passages, maxLength: maxLength, mode: .truncate, onBatch: onBatch)
    }

    /// The passages ordered by score, best first (ties keep input order), cut to `topK`.
    public func rank(query: String, passages: [String], topK: Int? = nil, maxLength: Int? = nil,
                     mode: ReadingMode = .truncate) async throws -> [RankedPassage] {
        let scores = try await score(query: query, passages: passages, maxLength: maxLength, mode: mode, onBatch: nil)
        let ranked = Ranking.order(scores.map(\.score)).map { RankedPassage(index: $0, score: scores[$0]) }
        return topK.map { Array(ranked.prefix($0)) } ?? ranked
    }
}

/// Ordering scores into ranks.
public enum Ranking {
    /// Indices of `scores` best first; equal scores keep their input order.
    public static func order(_ scores: [Double]) -> [Int] {
        scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    }
}
