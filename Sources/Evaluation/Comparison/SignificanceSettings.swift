/// How the significance of a comparison is computed.
public struct SignificanceSettings: Sendable, Hashable, Codable {
    /// Coverage of the confidence intervals of the means (0.95 for 95%).
    public var confidence: Double
    /// Random sign assignments of the randomization test (see `RandomizationTest`).
    public var permutations: Int
    /// Seed of the randomization test's generator.
    public var seed: UInt64

    public init(confidence: Double = 0.95, permutations: Int = RandomizationTest.defaultPermutations,
                seed: UInt64 = RandomizationTest.defaultSeed) {
        self.confidence = confidence
        self.permutations = permutations
        self.seed = seed
    }

    /// The Bonferroni-corrected p-value for one of `comparisons` tests: p × comparisons, at most 1.
    public static func bonferroni(_ p: Double, comparisons: Int) -> Double {
        min(1, p * Double(max(comparisons, 1)))
    }
}
