import Evaluation
import Foundation
import Testing

/// The statistics against scipy (`StatisticsReference`, made by scripts/statistics-reference.py).
@Suite("Statistics against scipy")
struct StatisticsTests {
    /// |a − b| within `relative` of the larger, or both below 1e-300 (scipy underflows to 0 sooner).
    private func close(_ a: Double, _ b: Double, relative: Double = 1e-10) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b)) || max(abs(a), abs(b)) < 1e-300
    }

    @Test("The regularized incomplete beta equals scipy.special.betainc")
    func incompleteBeta() {
        for reference in StatisticsReference.incompleteBeta {
            let value = SpecialFunctions.regularizedIncompleteBeta(reference.x, a: reference.a, b: reference.b)
            #expect(close(value, reference.value), "I_\(reference.x)(\(reference.a), \(reference.b)) = \(value), scipy \(reference.value)")
        }
        #expect(SpecialFunctions.regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
        #expect(SpecialFunctions.regularizedIncompleteBeta(1, a: 2, b: 3) == 1)
        #expect(SpecialFunctions.regularizedIncompleteBeta(1.5, a: 2, b: 3).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(0.5, a: 0, b: 3).isNaN)
    }

    @Test("Two-sided t tails equal 2·scipy.stats.t.sf(|t|, ν), and the CDF is consistent")
    func tails() {
        for reference in StatisticsReference.twoSidedTails {
            let p = StudentT.twoSidedTail(reference.t, degreesOfFreedom: reference.degreesOfFreedom)
            #expect(close(p, reference.p, relative: 1e-9), "t = \(reference.t), ν = \(reference.degreesOfFreedom): \(p) vs \(reference.p)")
        }
        #expect(abs(StudentT.cdf(2, degreesOfFreedom: 42) + StudentT.cdf(-2, degreesOfFreedom: 42) - 1) < 1e-15)
        #expect(StudentT.twoSidedTail(.infinity, degreesOfFreedom: 5) == 0)
        #expect(StudentT.twoSidedTail(.nan, degreesOfFreedom: 5).isNaN)
    }

    @Test("The 95% critical values equal scipy.stats.t.ppf(0.975, ν)")
    func criticalValues() {
        for reference in StatisticsReference.criticalValues {
            let value = StudentT.criticalValue(centralProbability: 0.95, degreesOfFreedom: reference.degreesOfFreedom)
            #expect(close(value, reference.value, relative: 1e-12), "ν = \(reference.degreesOfFreedom): \(value) vs \(reference.value)")
        }
    }

    @Test("Paired t-tests equal scipy.stats.ttest_rel", arguments: StatisticsReference.pairedCases.map(\.name))
    func pairedTTest(name: String) throws {
        let reference = try #require(StatisticsReference.pairedCases.first { $0.name == name })
        let test = try #require(PairedTTest(baseline: reference.baseline, treatment: reference.treatment))
        #expect(close(test.t, reference.t, relative: 1e-12), "t \(test.t) vs \(reference.t)")
        #expect(close(test.p, reference.tTestP, relative: 1e-9), "p \(test.p) vs \(reference.tTestP)")
        #expect(test.degreesOfFreedom == reference.baseline.count - 1)
    }

    @Test("Confidence intervals of means equal scipy.stats.t.interval", arguments: StatisticsReference.pairedCases.map(\.name))
    func meanInterval(name: String) throws {
        let reference = try #require(StatisticsReference.pairedCases.first { $0.name == name })
        let interval = MeanInterval(values: reference.treatment)
        #expect(close(interval.lower, reference.meanLow, relative: 1e-12), "\(interval.lower) vs \(reference.meanLow)")
        #expect(close(interval.upper, reference.meanHigh, relative: 1e-12), "\(interval.upper) vs \(reference.meanHigh)")
        #expect(interval.count == reference.treatment.count)
    }

    @Test("Exact randomization tests equal scipy.stats.permutation_test; 20 pairs are estimated within 0.01")
    func randomization() throws {
        for reference in StatisticsReference.pairedCases {
            let test = try #require(RandomizationTest(baseline: reference.baseline, treatment: reference.treatment))
            if reference.baseline.count <= 13 {
                #expect(test.isExact)
                #expect(test.assignments == 1 << reference.baseline.count)
                #expect(test.p == reference.permutationP, "\(reference.name): \(test.p) vs \(reference.permutationP)")
            } else {
                #expect(!test.isExact)
                #expect(test.assignments == RandomizationTest.defaultPermutations)
                // 10,000 draws: the standard error of p is at most 0.005.
                #expect(abs(test.p - reference.permutationP) < 0.01, "\(reference.name): \(test.p) vs exact \(reference.permutationP)")
            }
        }
    }

    @Test("The randomization test repeats with its seed and counts the observed assignment")
    func randomizationSeed() throws {
        let reference = try #require(StatisticsReference.pairedCases.first { $0.name == "twenty" })
        let first = try #require(RandomizationTest(baseline: reference.baseline, treatment: reference.treatment, permutations: 2_000, seed: 7))
        let again = try #require(RandomizationTest(baseline: reference.baseline, treatment: reference.treatment, permutations: 2_000, seed: 7))
        #expect(first == again)
        // A difference no sign flip can exceed is still given p = 1 / (draws + 1), never 0.
        let extreme = try #require(RandomizationTest(baseline: Array(repeating: 0, count: 30), treatment: Array(repeating: 1, count: 30),
                                                     permutations: 999))
        #expect(extreme.p == 1.0 / 1_000)
    }

    @Test("Degenerate samples: identical values, constant differences, too few pairs")
    func degenerate() throws {
        let same = try #require(PairedTTest(baseline: [0.2, 0.4, 0.6], treatment: [0.2, 0.4, 0.6]))
        #expect(same.t == 0 && same.p == 1)
        let shifted = try #require(PairedTTest(baseline: [0.2, 0.4, 0.6], treatment: [0.3, 0.5, 0.7].map { $0 }))
        #expect(shifted.p < 1e-6 || shifted.t.isInfinite)
        #expect(PairedTTest(baseline: [0.5], treatment: [0.7]) == nil)
        #expect(PairedTTest(baseline: [0.5, 0.1], treatment: [0.7]) == nil)
        #expect(try #require(RandomizationTest(baseline: [0.2, 0.4], treatment: [0.2, 0.4])).p == 1)
        #expect(RandomizationTest(baseline: [], treatment: []) == nil)
        let single = MeanInterval(values: [0.25])
        #expect(single.mean == 0.25 && single.margin == nil && single.lower == 0.25)
        #expect(MeanInterval(values: []).mean == 0)
    }

    @Test("Wins, ties and losses, and the Bonferroni correction")
    func recordAndCorrection() {
        let record = WinsTiesLosses(baseline: [0.5, 0.5, 0.5, 0.2], treatment: [0.6, 0.5 + 1e-12, 0.4, 0.2])
        #expect(record == WinsTiesLosses(wins: 1, ties: 2, losses: 1))
        #expect(SignificanceSettings.bonferroni(0.02, comparisons: 3) == 0.06)
        #expect(SignificanceSettings.bonferroni(0.5, comparisons: 3) == 1)
        #expect(SignificanceSettings.bonferroni(0.02, comparisons: 1) == 0.02)
    }
}
