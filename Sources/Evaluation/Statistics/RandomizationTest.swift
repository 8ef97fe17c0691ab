/// The paired randomization (permutation) test of per-query values, two-sided: under the null
/// hypothesis the two systems' values of a query are exchangeable, so each difference keeps or
/// flips its sign with probability ½. The p-value is the share of sign assignments whose mean
/// difference is at least as far from 0 as the observed one (Fisher's randomization test, as
/// Smucker et al. 2007 and ranx use it).
///
/// When 2ⁿ ≤ `permutations` every assignment is enumerated and p is exact (count / 2ⁿ, scipy's
/// `permutation_test` with `permutation_type="samples"` gives the same). Otherwise `permutations`
/// random assignments are drawn from a SplitMix64 generator started at `seed`, so results repeat,
/// and p = (count + 1) / (permutations + 1), counting the observed assignment as scipy does.
public struct RandomizationTest: Sendable, Hashable, Codable {
    /// Default number of random sign assignments.
    public static let defaultPermutations = 10_000
    /// Default generator seed.
    public static let defaultSeed: UInt64 = 42

    public var p: Double
    /// Sign assignments compared: 2ⁿ when exact, else the random draws.
    public var assignments: Int
    /// True when every sign assignment was enumerated.
    public var isExact: Bool

    /// Nil unless both lists have the same, non-zero length and `permutations` ≥ 1.
    public init?(baseline: [Double], treatment: [Double], permutations: Int = defaultPermutations,
                 seed: UInt64 = defaultSeed) {
        guard baseline.count == treatment.count, !baseline.isEmpty, permutations >= 1 else { return nil }
        let differences = zip(treatment, baseline).map { $0 - $1 }
        let observed = abs(differences.reduce(0, +))
        // Sums that equal the observed one in exact arithmetic may differ in the last bits.
        let threshold = observed - observed * 1e-9
        let n = differences.count
        if n < Int.bitWidth - 2, 1 << n <= permutations {
            let total = 1 << n
            var extreme = 0
            for mask in 0..<total where abs(Self.signedSum(differences, signs: UInt64(mask))) >= threshold {
                extreme += 1
            }
            p = Double(extreme) / Double(total)
            assignments = total
            isExact = true
        } else {
            var generator = SplitMix64(seed: seed)
            var extreme = 0
            var signs = [UInt64](repeating: 0, count: (n + 63) / 64)
            for _ in 0..<permutations {
                for word in signs.indices { signs[word] = generator.next() }
                if abs(Self.signedSum(differences, signWords: signs)) >= threshold { extreme += 1 }
            }
            p = Double(extreme + 1) / Double(permutations + 1)
            assignments = permutations
            isExact = false
        }
    }

    /// Σ ±dᵢ, the sign of dᵢ flipped where bit i of `signs` is set (n < 64).
    private static func signedSum(_ differences: [Double], signs: UInt64) -> Double {
        var sum = 0.0
        for (index, difference) in differences.enumerated() {
            sum += (signs >> UInt64(index)) & 1 == 1 ? -difference : difference
        }
        return sum
    }

    /// Σ ±dᵢ with the flip bits spread over 64-bit words.
    private static func signedSum(_ differences: [Double], signWords: [UInt64]) -> Double {
        var sum = 0.0
        for (index, difference) in differences.enumerated() {
            let flipped = (signWords[index / 64] >> UInt64(index % 64)) & 1 == 1
            sum += flipped ? -difference : difference
        }
        return sum
    }
}

/// Sebastiano Vigna's SplitMix64: a tiny, fast generator whose whole state is one seed, so a
/// randomization test repeats exactly on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
