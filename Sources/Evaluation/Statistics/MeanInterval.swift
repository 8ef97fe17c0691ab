/// The mean of per-query values with its confidence interval from the t distribution
/// (mean ± t(ν = n − 1) · s / √n, s the sample standard deviation), as scipy's
/// `t.interval(confidence, n − 1, loc=mean, scale=sem)` gives it.
public struct MeanInterval: Sendable, Hashable, Codable {
    public var mean: Double
    /// Half the interval's width; nil with fewer than two values, where it is undefined.
    public var margin: Double?
    /// Values averaged.
    public var count: Int

    /// The mean of `values` (0 for none) and, with two or more, its `confidence` interval.
    public init(values: [Double], confidence: Double = 0.95) {
        count = values.count
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        guard values.count >= 2 else {
            margin = nil
            return
        }
        let n = Double(values.count)
        let mean = self.mean
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let critical = StudentT.criticalValue(centralProbability: confidence, degreesOfFreedom: n - 1)
        margin = critical * (variance / n).squareRoot()
    }

    /// The interval's lower end (the mean when there is no interval).
    public var lower: Double { mean - (margin ?? 0) }
    /// The interval's upper end (the mean when there is no interval).
    public var upper: Double { mean + (margin ?? 0) }
}
