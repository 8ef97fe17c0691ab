/// `exp` and `erf` for Float as branch-free arithmetic, so loops over buffers vectorise.
///
/// `exp`: range reduction to 2ⁿ·eʳ with |r| ≤ ln2/2 and a degree-7 Taylor polynomial (relative error
/// below 1e-7); results below e⁻⁸⁷·³ are exactly 0, as `expf` underflows. `erf`: the
/// Chebyshev-fitted erfc of Press et al., *Numerical Recipes* §6.2 (fractional error below 1.2e-7),
/// evaluated with that `exp`.
enum FastMath {
    private static let roundingMagic: Float = 12_582_912 // 1.5 · 2²³: adding it rounds to an integer
    private static let magicBits = Int32(bitPattern: roundingMagic.bitPattern)

    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = min(max(x, -87.3), 88.7)
        let shifted = clamped * 1.442_695_04 + roundingMagic
        let n = shifted - roundingMagic
        let r = clamped - n * 0.693_145_75 - n * 1.428_606_8e-6
        var p: Float = 1.0 / 5040
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let exponentBits = (Int32(bitPattern: shifted.bitPattern) &- magicBits &+ 127) &<< 23
        let result = p * Float(bitPattern: UInt32(bitPattern: exponentBits))
        return x < -87.3 ? 0 : result
    }

    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let z = abs(x)
        let t = 1 / (1 + 0.5 * z)
        var p: Float = 0.170_872_77
        p = p * t - 0.822_152_23
        p = p * t + 1.488_515_87
        p = p * t - 1.135_203_98
        p = p * t + 0.278_868_07
        p = p * t - 0.186_288_06
        p = p * t + 0.096_784_18
        p = p * t + 0.374_091_96
        p = p * t + 1.000_023_68
        p = p * t - 1.265_512_23
        let magnitude = 1 - t * exp(p - z * z)
        return x < 0 ? -magnitude : magnitude
    }
}
