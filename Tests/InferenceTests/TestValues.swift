/// Deterministic pseudo-random floats for the kernel and layer tests: uniform in ±`spread`, one sequence per seed.
enum TestValues {
    static func uniform(_ count: Int, seed: Int = 1, spread: Float = 4) -> [Float] {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * spread
        }
    }
}
