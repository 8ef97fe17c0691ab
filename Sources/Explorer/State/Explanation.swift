import Inference

/// What the why view explains: a passage as a pane's scorer reads it for a query, cut into units.
/// The engine caches attributions by it.
public struct ExplainKey: Sendable, Hashable {
    /// The pane's scorer, token limit, reading mode and precision.
    public var scorer: ScorerKey
    public var query: String
    /// The passage's text.
    public var passage: String
    public var unit: TextUnitKind

    public init(scorer: ScorerKey, query: String, passage: String, unit: TextUnitKind) {
        self.scorer = scorer
        self.query = query
        self.passage = passage
        self.unit = unit
    }
}

/// Everything an `.explain` effect needs (`RankingEngine.explain(_:)`), taken from the state.
public struct ExplainRequest: Sendable, Hashable {
    public var key: ExplainKey
    /// The pane's passages: BM25's statistics come from them, as its ranking's do.
    public var collection: [String]

    public init(key: ExplainKey, collection: [String]) {
        self.key = key
        self.collection = collection
    }
}

/// How far the why view's attribution has come: progress, the result, or why it failed.
public struct Explanation: Sendable, Hashable {
    public var key: ExplainKey
    public var progress: AttributionProgress?
    public var attribution: Attribution?
    public var error: String?

    public init(key: ExplainKey, progress: AttributionProgress? = nil, attribution: Attribution? = nil, error: String? = nil) {
        self.key = key
        self.progress = progress
        self.attribution = attribution
        self.error = error
    }
}

extension ExplorerState {
    /// What the detail view's why view wants explained now: the focused pane's reading of the shown
    /// passage for the query, at the unit chosen with `w`; `nil` when the why view is off.
    public var wantedExplanation: ExplainRequest? {
        guard case .detail(let detail) = mode, let unit = detail.why, panes.indices.contains(focusedPane),
              let passage = passage(detail.passage) else { return nil }
        let key = ExplainKey(scorer: panes[focusedPane].scorerKey, query: scoringQuery, passage: passage.text, unit: unit)
        return ExplainRequest(key: key, collection: passages.map(\.text))
    }

    /// The explanation the why view shows: the current one when it answers what is wanted.
    var shownExplanation: Explanation? {
        guard let explanation, explanation.key == wantedExplanation?.key else { return nil }
        return explanation
    }

    /// `w` in the detail view: off → sentences → words → off.
    mutating func cycleWhyView(_ detail: DetailState) {
        var detail = detail
        switch detail.why {
        case nil: detail.why = .sentence
        case .sentence: detail.why = .word
        case .word: detail.why = nil
        }
        mode = .detail(detail)
    }

    /// Takes in news of an attribution; news for anything but what the why view wants is dropped.
    mutating func applyExplanation(_ update: Explanation) {
        guard update.key == wantedExplanation?.key else { return }
        explanation = update
    }
}
