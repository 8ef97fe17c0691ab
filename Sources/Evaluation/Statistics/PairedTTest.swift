/// The paired (dependent-samples) t-test of per-query values, two-sided, as scipy's
/// `ttest_rel(treatment, baseline)`: t = mean(d) / (s_d / √n) with d = treatment − baseline and
/// n − 1 degrees of freedom.
public struct PairedTTest: Sendable, Hashable, Codable {
    /// Mean of treatment − baseline.
    public var meanDifference: Double
    public var t: Double
    public var degreesOfFreedom: Int
    /// Two-sided p-value. When every difference is the same, s_d is 0 and scipy gives NaN; here
    /// the p-value is then 1 if the differences are all 0 (nothing differs) and 0 otherwise.
    public var p: Double

    /// Nil unless both lists have the same length of at least two.
    public init?(baseline: [Double], treatment: [Double]) {
        guard baseline.count == treatment.count, baseline.count >= 2 else { return nil }
        let differences = zip(treatment, baseline).map { $0 - $1 }
        let n = Double(differences.count)
        let mean = differences.reduce(0, +) / n
        let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        meanDifference = mean
        degreesOfFreedom = differences.count - 1
        if variance == 0 {
            t = mean == 0 ? 0 : (mean > 0 ? .infinity : -.infinity)
            p = mean == 0 ? 1 : 0
        } else {
            t = mean / (variance / n).squareRoot()
            p = StudentT.twoSidedTail(t, degreesOfFreedom: n - 1)
        }
    }
}
