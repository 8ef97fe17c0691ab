/// One system's result on one measure over the judged queries: its mean with a confidence
/// interval and, for every system but the first, how it compares with the first.
public struct SystemSummary: Sendable, Hashable, Codable {
    public var mean: MeanInterval
    /// Nil for the first system, the baseline of the others.
    public var versusFirst: PairedSignificance?

    public init(mean: MeanInterval, versusFirst: PairedSignificance?) {
        self.mean = mean
        self.versusFirst = versusFirst
    }
}

/// A system against the first system on one measure, paired by query.
public struct PairedSignificance: Sendable, Hashable, Codable {
    /// Mean of (system − first) over the queries.
    public var meanDifference: Double
    public var record: WinsTiesLosses
    /// Nil with fewer than two queries.
    public var tTest: PairedTTest?
    /// Nil without queries.
    public var randomization: RandomizationTest?
    /// Systems compared with the first: the Bonferroni factor (1 when two systems are compared).
    public var comparisons: Int

    /// Compares `treatment` with `baseline`, values paired by position.
    public init(baseline: [Double], treatment: [Double], comparisons: Int, settings: SignificanceSettings) {
        let count = Double(max(min(baseline.count, treatment.count), 1))
        meanDifference = zip(treatment, baseline).reduce(0) { $0 + $1.0 - $1.1 } / count
        record = WinsTiesLosses(baseline: baseline, treatment: treatment)
        tTest = PairedTTest(baseline: baseline, treatment: treatment)
        randomization = RandomizationTest(baseline: baseline, treatment: treatment,
                                          permutations: settings.permutations, seed: settings.seed)
        self.comparisons = comparisons
    }

    /// The t-test's p-value, Bonferroni-corrected when more than one system is compared with the first.
    public var tTestP: Double? {
        tTest.map { SignificanceSettings.bonferroni($0.p, comparisons: comparisons) }
    }

    /// The randomization test's p-value, Bonferroni-corrected like `tTestP`.
    public var randomizationP: Double? {
        randomization.map { SignificanceSettings.bonferroni($0.p, comparisons: comparisons) }
    }
}
