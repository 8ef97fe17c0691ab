/// Systems (models, or `input` for the first-stage order) compared on a judged set: every judged
/// query's values, and per measure each system's mean with its confidence interval and its
/// paired significance against the first system — what `rerank compare` prints.
///
/// With more than two systems the p-values are Bonferroni-corrected for the number of systems
/// compared with the first (per measure); `isCorrected` says so.
public struct SetComparison: Sendable, Hashable, Codable {
    public var setName: String
    /// The systems' names; the first is the baseline of the others.
    public var systems: [String]
    public var measures: [Measure]
    /// The judged queries, in the set's order.
    public var queries: [QueryComparison]
    /// `summaries[measure][system]`.
    public var summaries: [[SystemSummary]]
    public var settings: SignificanceSettings

    /// Summarises rows already computed (e.g. those of the queries finished so far).
    public init(setName: String, systems: [String], measures: [Measure], queries: [QueryComparison],
                settings: SignificanceSettings = SignificanceSettings()) {
        self.setName = setName
        self.systems = systems
        self.measures = measures
        self.queries = queries
        self.settings = settings
        let comparisons = max(systems.count - 1, 1)
        summaries = measures.indices.map { measure in
            let baseline = queries.map { $0.value(system: 0, measure: measure) }
            return systems.indices.map { system in
                let values = queries.map { $0.value(system: system, measure: measure) }
                let versus = system == 0 ? nil : PairedSignificance(baseline: baseline, treatment: values,
                                                                     comparisons: comparisons, settings: settings)
                return SystemSummary(mean: MeanInterval(values: values, confidence: settings.confidence), versusFirst: versus)
            }
        }
    }

    /// Evaluates each system's run (parallel to `systems`) on the judged queries of `set`;
    /// a judged query missing from a run scores 0 there, as in `RunEvaluation`.
    public init(set: JudgedSet, systems: [String], runs: [RunScores], measures: [Measure] = Measure.trecDL,
                settings: SignificanceSettings = SignificanceSettings()) {
        let rows = set.queries.filter(\.isJudged).map { query in
            QueryComparison(query: query, scores: runs.map { $0[query.id] ?? [:] }, measures: measures)
        }
        self.init(setName: set.name, systems: systems, measures: measures, queries: rows, settings: settings)
    }

    /// Systems compared with the first.
    public var comparisons: Int { max(systems.count - 1, 0) }

    /// True when the p-values are Bonferroni-corrected (more than one system compared with the first).
    public var isCorrected: Bool { comparisons > 1 }

    /// The summary of a system on a measure (positions in `systems` and `measures`).
    public func summary(system: Int, measure: Int) -> SystemSummary {
        summaries[measure][system]
    }
}
