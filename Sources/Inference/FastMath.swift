/// `exp` and `erf` for eight floats at a time, branch-free so they compile to vector instructions.
///
/// `exp`: range reduction to 2ⁿ·eʳ with |r| ≤ ln2/2 and a degree-7 Taylor polynomial (relative error
/// below 1e-7). `erf`: the Chebyshev-fitted erfc of Press et al., *Numerical Recipes* §6.2
/// (fractional error below 1.2e-7), evaluated with that `exp`.
enum FastMath {
    typealias Vector = SIMD8<Float>

    private static let roundingMagic: Float = 12_582_912 // 1.5 · 2²³: adding it rounds to an integer
    private static let magicBits = Int32(bitPattern: roundingMagic.bitPattern)

    static func exp(_ x: Vector) -> Vector {
        let clamped = x.clamped(lowerBound: Vector(repeating: -87.3), upperBound: Vector(repeating: 88.7))
        let shifted = clamped * 1.442_695_04 + roundingMagic
        let n = shifted - roundingMagic
        let r = clamped - n * 0.693_145_75 - n * 1.428_606_8e-6
        var p: Vector = Vector(repeating: 1.0 / 5040)
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- magicBits
        let scale = unsafeBitCast((exponent &+ 127) &<< 23, to: Vector.self)
        return (p * scale).replacing(with: 0, where: x .< -87.3) // underflow is exactly 0, as in expf
    }

    static func erf(_ x: Vector) -> Vector {
        let z = x.replacing(with: -x, where: x .< 0)
        let t = 1 / (1 + 0.5 * z)
        var p: Vector = Vector(repeating: 0.170_872_77)
        p = p * t - 0.822_152_23
        p = p * t + 1.488_515_87
        p = p * t - 1.135_203_98
        p = p * t + 0.278_868_07
        p = p * t - 0.186_288_06
        p = p * t + 0.096_784_18
        p = p * t + 0.374_091_96
        p = p * t + 1.000_023_68
        p = p * t - 1.265_512_23
        let complement = t * exp(p - z * z)
        let magnitude = 1 - complement
        return magnitude.replacing(with: -magnitude, where: x .< 0)
    }

    /// Scalar conveniences over the vector forms (for tails and tests).
    static func exp(_ x: Float) -> Float { exp(Vector(repeating: x))[0] }
    static func erf(_ x: Float) -> Float { erf(Vector(repeating: x))[0] }
}
