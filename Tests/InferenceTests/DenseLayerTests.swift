import Testing
@testable import Inference

/// What follows a dense layer's product on every kernel: the bias, GELU fused into the product, and the
/// product added into a residual.
@Suite("Dense layers: bias, fused GELU and accumulation on every kernel")
struct DenseLayerTests {
    private static let inputs = 96, outputs = 40, rows = 300 // more rows than one oneDNN block, and a tail

    private static func values(_ count: Int, seed: Int, spread: Float = 1) -> FloatBuffer {
        FloatBuffer(TestValues.uniform(count, seed: seed, spread: spread))
    }

    /// The layer in `precision`, or nil where this CPU has no kernel for it (bf16 without AVX512_BF16 or AMX).
    private static func layer(_ precision: Precision) -> DenseLayer? {
        let weights = DenseWeights(weight: values(inputs * outputs, seed: 3), bias: values(outputs, seed: 4),
                                   inputs: inputs, outputs: outputs)
        return try? DenseLayer(weights, precision: precision)
    }

    @Test("accumulate adds x·Wᵀ into y without the bias: apply's result minus b, plus what y held", arguments: Precision.allCases)
    func accumulateAddsTheProduct(precision: Precision) throws {
        guard let layer = Self.layer(precision) else { return }
        let x = Self.values(Self.rows * Self.inputs, seed: 5, spread: 3), residual = Self.values(Self.rows * Self.outputs, seed: 6, spread: 5)
        let applied = FloatBuffer(count: Self.rows * Self.outputs), accumulated = FloatBuffer(residual.array())
        try layer.apply(x, rows: Self.rows, into: applied)
        try layer.accumulate(x, rows: Self.rows, into: accumulated)
        var worst: Float = 0
        for r in 0..<Self.rows {
            for n in 0..<Self.outputs {
                let i = r * Self.outputs + n
                let want = applied.pointer[i] - layer.bias.pointer[n] + residual.pointer[i]
                worst = max(worst, abs(accumulated.pointer[i] - want) / max(1, abs(want)))
            }
        }
        #expect(worst < 1e-5, "\(precision): relative difference \(worst)")
    }

    @Test("GELU fused into the product equals the product then the GELU kernel", arguments: Precision.allCases)
    func fusedGELU(precision: Precision) throws {
        guard let layer = Self.layer(precision), layer.fusesGELU else { return }
        let x = Self.values(Self.rows * Self.inputs, seed: 7, spread: 3)
        let fused = FloatBuffer(count: Self.rows * Self.outputs), separate = FloatBuffer(count: Self.rows * Self.outputs)
        try layer.apply(x, rows: Self.rows, into: fused, gelu: true)
        try layer.apply(x, rows: Self.rows, into: separate)
        Kernels.gelu(separate.pointer, count: separate.count)
        let worst = (0..<fused.count).map { abs(fused.pointer[$0] - separate.pointer[$0]) / max(1, abs(separate.pointer[$0])) }.max() ?? 0
        #expect(worst < 1e-5, "\(precision): relative difference \(worst)")
    }
}
