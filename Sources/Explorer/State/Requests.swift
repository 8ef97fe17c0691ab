import Inference

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
