import Foundation

/// Student's t distribution: tail probabilities and quantiles, from the regularized incomplete
/// beta function, so nothing outside the Swift standard library and libm is needed.
public enum StudentT {
    /// P(|T| ≥ |t|) for T with `degreesOfFreedom` (> 0): the two-sided p-value of a t statistic.
    /// It is I_x(ν/2, 1/2) with x = ν / (ν + t²); infinite |t| gives 0, NaN gives NaN.
    public static func twoSidedTail(_ t: Double, degreesOfFreedom: Double) -> Double {
        guard !t.isNaN, degreesOfFreedom > 0 else { return .nan }
        if t.isInfinite { return 0 }
        let x = degreesOfFreedom / (degreesOfFreedom + t * t)
        return SpecialFunctions.regularizedIncompleteBeta(x, a: degreesOfFreedom / 2, b: 0.5)
    }

    /// P(T ≤ t), the cumulative distribution function.
    public static func cdf(_ t: Double, degreesOfFreedom: Double) -> Double {
        let tail = twoSidedTail(t, degreesOfFreedom: degreesOfFreedom) / 2
        return t > 0 ? 1 - tail : tail
    }

    /// The t with P(|T| ≤ t) = `centralProbability`, e.g. 0.95 gives the factor of a 95%
    /// confidence interval (scipy's `t.ppf(0.975, ν)`). Found by bisection on `twoSidedTail`,
    /// which falls strictly as t grows, to the last bit a Double resolves.
    public static func criticalValue(centralProbability: Double, degreesOfFreedom: Double) -> Double {
        guard centralProbability > 0, centralProbability < 1, degreesOfFreedom > 0 else { return .nan }
        let tail = 1 - centralProbability
        var low = 0.0
        var high = 1.0
        while twoSidedTail(high, degreesOfFreedom: degreesOfFreedom) > tail && high < 1e300 { high *= 2 }
        for _ in 0..<2_000 {
            let middle = (low + high) / 2
            guard middle > low && middle < high else { break }
            if twoSidedTail(middle, degreesOfFreedom: degreesOfFreedom) > tail { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

/// Special functions the statistics need.
public enum SpecialFunctions {
    /// The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1 (NaN outside).
    ///
    /// Evaluated with the continued fraction of the incomplete beta integral (modified Lentz
    /// method), on x directly when x < (a + 1) / (a + b + 2) and through I_x(a, b) = 1 − I_{1−x}(b, a)
    /// otherwise, where the fraction converges fast; relative accuracy about 1e-14.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, x >= 0, x <= 1 else { return .nan }
        if x == 0 { return 0 }
        if x == 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The continued fraction 1 / (1 + d₁ / (1 + d₂ / (1 + …))) of the incomplete beta integral, with
    /// d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)) and d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
        var c = 1.0
        var d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var result = d
        for step in 1...10_000 {
            let m = Double(step)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let change = d * c
            result *= change
            if abs(change - 1) < 1e-16 { break }
        }
        return result
    }
}
