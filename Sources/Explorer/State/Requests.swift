import Inference

/// Everything one scoring run needs, taken from the state when the run starts.
public struct ScoreRequest: Sendable, Hashable {
    public var pane: PaneID
    public var scorerName: String
    /// The pane's `:maxlen` override; `nil` for the scorer's default.
    public var maxLength: Int?
    /// The pane's reading mode (`:windows`).
    public var mode: ReadingMode
    /// The pane's precision (`:precision`): the scorer is loaded, and its scores cached, per name and precision.
    public var precision: Precision
    public var query: String
    /// Ids parallel to `passages`.
    public var passageIDs: [PassageID]
    public var passages: [String]

    public init(pane: PaneID, scorerName: String, maxLength: Int?, mode: ReadingMode = .truncate,
                precision: Precision = .reference, query: String, passageIDs: [PassageID], passages: [String]) {
        self.pane = pane
        self.scorerName = scorerName
        self.maxLength = maxLength
        self.mode = mode
        self.precision = precision
        self.query = query
        self.passageIDs = passageIDs
        self.passages = passages
    }
}

/// Everything a `.loadReading` effect needs, taken from the state when the work starts.
public struct ReadingRequest: Sendable, Hashable {
    public var pane: PaneID
    public var passage: PassageID
    public var scorerName: String
    /// The pane's `:maxlen` override; `nil` for the scorer's default.
    public var maxLength: Int?
    /// The pane's reading mode (`:windows`).
    public var mode: ReadingMode
    /// The pane's precision: which loaded scorer reads (the tokens are the same in every precision).
    public var precision: Precision
    public var query: String
    /// The passage's text.
    public var text: String

    public init(pane: PaneID, passage: PassageID, scorerName: String, maxLength: Int?, mode: ReadingMode = .truncate,
                precision: Precision = .reference, query: String, text: String) {
        self.pane = pane
        self.passage = passage
        self.scorerName = scorerName
        self.maxLength = maxLength
        self.mode = mode
        self.precision = precision
        self.query = query
        self.text = text
    }

    /// The `.reading` update carrying the scorer's answer (`Scorer.reading(query:passage:maxLength:mode:)`).
    public func update(_ reading: PassageReading?) -> EngineUpdate {
        .reading(pane, passage, query: query, maxLength: maxLength, mode: mode, reading)
    }
}

/// One query of a judged set to score with one scorer in the background, for the query browser
/// (see `ExplorerState.setScoreItems()` and `RankingEngine.scoreSet(_:)`).
public struct SetScoreItem: Sendable, Hashable {
    /// The browser's `QueryBrowser.id`.
    public var set: Int
    /// Index into the browser's queries.
    public var query: Int
    public var scorer: ScorerKey
    /// The query as the panes send it when it is opened, so their request finds these scores cached.
    public var queryText: String
    /// The query's candidates, in order.
    public var passages: [String]

    public init(set: Int, query: Int, scorer: ScorerKey, queryText: String, passages: [String]) {
        self.set = set
        self.query = query
        self.scorer = scorer
        self.queryText = queryText
        self.passages = passages
    }
}
