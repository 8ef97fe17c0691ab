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
    /// The ranking score: the logit (one label), P(label 1) (two labels), cosine, or BM25.
    public var score: Double
    /// The sigmoid of the logit (one label) or the softmax probability of label 1 (two labels).
    public var probability: Double?
    /// Raw model outputs; empty for bi-encoders and BM25.
    public var logits: [Float]
    /// What the token limit cut; `nil` for BM25.
    public var truncation: TruncationReport?

    public init(score: Double, probability: Double? = nil, logits: [Float] = [], truncation: TruncationReport? = nil) {
        self.score = score
        self.probability = probability
        self.logits = logits
        self.truncation = truncation
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

/// How a model reads one passage: all of its WordPiece tokens and how many fit the limit.
public struct PassageReading: Sendable, Hashable {
    /// Every token of the passage, kept or not.
    public var tokens: [Token]
    /// How many of `tokens` the model read.
    public var keptCount: Int
    /// Unicode-scalar offset in the passage where the read part ends.
    public var keptEnd: Int

    public init(tokens: [Token], keptCount: Int, keptEnd: Int) {
        self.tokens = tokens
        self.keptCount = keptCount
        self.keptEnd = keptEnd
    }
}

/// Anything that orders passages for a query: cross-encoders, bi-encoders, BM25.
public protocol Scorer: Sendable {
    var info: ScorerInfo { get }

    /// Scores every passage against the query, in input order. `onBatch` sees each batch as it
    /// finishes; cancelling the task stops the work between batches with `CancellationError`.
    func score(query: String, passages: [String], maxLength: Int?,
               onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore]

    /// How the model reads a passage for this query; `nil` when it reads no tokens (BM25).
    func reading(query: String, passage: String, maxLength: Int?) -> PassageReading?
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
    /// Scores without progress reports, at the scorer's default max length.
    public func score(query: String, passages: [String]) async throws -> [PairScore] {
        try await score(query: query, passages: passages, maxLength: nil, onBatch: nil)
    }

    /// The passages ordered by score, best first (ties keep input order), cut to `topK`.
    public func rank(query: String, passages: [String], topK: Int? = nil, maxLength: Int? = nil) async throws -> [RankedPassage] {
        let scores = try await score(query: query, passages: passages, maxLength: maxLength, onBatch: nil)
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
