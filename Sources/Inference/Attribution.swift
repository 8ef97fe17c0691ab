/// What drives a pair's score: how much each unit of the passage and each word of the query moves it.
///
/// Neural scorers are measured by occlusion: the pair is scored again with the unit (or query word)
/// removed, and `delta` is the full score minus that score, so a positive delta means the unit pushes
/// the score up. BM25 is additive over query terms, so it gets its exact per-term contributions
/// instead (`Method.termContributions`).
public struct Attribution: Sendable, Hashable {
    /// How the deltas were found.
    public enum Method: String, Sendable, Hashable {
        /// Each unit removed and the pair scored again.
        case occlusion
        /// BM25's exact per-term contributions: a query word's delta is what its terms add; a passage
        /// unit's is its share of them (each term's contribution split evenly over its occurrences).
        case termContributions = "term contributions"
    }

    public var method: Method
    /// The score of the whole pair, as the scorer gives it.
    public var score: Double
    /// How the passage was cut.
    public var unitKind: TextUnitKind
    /// The passage's units, in text order.
    public var units: [UnitAttribution]
    /// The query's words, in text order.
    public var queryTerms: [UnitAttribution]

    public init(method: Method, score: Double, unitKind: TextUnitKind, units: [UnitAttribution], queryTerms: [UnitAttribution]) {
        self.method = method
        self.score = score
        self.unitKind = unitKind
        self.units = units
        self.queryTerms = queryTerms
    }

    /// The largest |delta| of the passage's units (0 when there are none): the end of their diverging scale.
    public var largestUnitChange: Double {
        units.reduce(0) { max($0, abs($1.delta)) }
    }

    /// The largest |delta| of the query's words: removing a query word often moves the score far more
    /// than any passage unit, so the query has a scale of its own.
    public var largestQueryChange: Double {
        queryTerms.reduce(0) { max($0, abs($1.delta)) }
    }
}

/// One unit's part in a score.
public struct UnitAttribution: Sendable, Hashable {
    /// The unit and its Unicode-scalar offsets in the passage (or the query).
    public var unit: TextUnit
    /// The pair's score without this unit; `nil` for BM25's passage units, which are shares, not removals.
    public var scoreWithout: Double?
    /// How much the unit moves the score: the full score minus `scoreWithout` (BM25: its contribution).
    public var delta: Double
    /// True when the model never read the unit (it lies past the token limit's cut), so removing it
    /// changes nothing and it was not scored again.
    public var isBeyondCut: Bool

    public init(unit: TextUnit, scoreWithout: Double?, delta: Double, isBeyondCut: Bool = false) {
        self.unit = unit
        self.scoreWithout = scoreWithout
        self.delta = delta
        self.isBeyondCut = isBeyondCut
    }
}

/// Bounds on the work one attribution may ask for.
public struct AttributionLimits: Sendable, Hashable {
    /// The most variants (units and query words removed) scored by occlusion; more is refused with
    /// `InferenceError.tooManyUnits` rather than left running for minutes.
    public var maxVariants: Int
    /// Variants per scoring call; cancellation and progress are checked between calls as well as
    /// between the scorer's batches.
    public var chunkSize: Int

    public init(maxVariants: Int = 2_000, chunkSize: Int = 256) {
        self.maxVariants = max(1, maxVariants)
        self.chunkSize = max(1, chunkSize)
    }
}

/// How far an attribution has got: variants scored of how many.
public struct AttributionProgress: Sendable, Hashable {
    public var completed: Int
    public var total: Int

    public init(completed: Int, total: Int) {
        self.completed = completed
        self.total = total
    }
}
