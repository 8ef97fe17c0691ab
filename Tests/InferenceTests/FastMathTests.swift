import Foundation
import Testing
@testable import Inference

@Suite("Vectorised exp and erf")
struct FastMathTests {
    @Test("exp matches Foundation within 2e-7 relative over the softmax range")
    func expAccuracy() {
        var worst: Double = 0
        for step in 0...20_000 {
            let x = Float(-80 + Double(step) * 0.0045)
            let expected = Foundation.exp(Double(x))
            let relative = abs(Double(FastMath.exp(x)) - expected) / expected
            worst = max(worst, relative)
        }
        #expect(worst < 2e-7)
    }

    /// The fit's own error (1.2e-7) plus Float rounding in the polynomial.
    @Test("erf matches Foundation within 5e-7 absolute")
    func erfAccuracy() {
        var worst: Double = 0
        for step in 0...20_000 {
            let x = Float(-8 + Double(step) * 0.0008)
            worst = max(worst, abs(Double(FastMath.erf(x)) - Foundation.erf(Double(x))))
        }
        #expect(worst < 5e-7)
    }

    @Test("erf is odd and saturates")
    func erfShape() {
        #expect(FastMath.erf(0) == 0)
        #expect(FastMath.erf(-1.5) == -FastMath.erf(1.5))
        #expect(FastMath.erf(10) == 1)
    }

    @Test("GELU of a buffer whose length is not a multiple of eight")
    func geluTail() {
        let inputs: [Float] = [-3, -1, -0.5, 0, 0.5, 1, 2, 3, 4, 5, 6]
        var values = inputs
        values.withUnsafeMutableBufferPointer { Kernels.gelu($0.baseAddress!, count: $0.count) }
        let expected = inputs.map(Self.referenceGELU)
        for (got, want) in zip(values, expected) { #expect(abs(got - want) < 1e-6) }
    }

    private static func referenceGELU(_ x: Float) -> Float {
        let v = Double(x)
        return Float(0.5 * v * (1 + Foundation.erf(v / 2.0.squareRoot())))
    }

    @Test("softmax rows sum to one and keep order")
    func softmax() {
        var values: [Float] = [1, 2, 3, -1000, 0, 1000]
        values.withUnsafeMutableBufferPointer { Kernels.softmaxRows($0.baseAddress!, rows: 2, width: 3) }
        #expect(abs(values[0...2].reduce(0, +) - 1) < 1e-6)
        #expect(values[0] < values[1] && values[1] < values[2])
        #expect(values[5] == 1 && values[3] == 0)
    }
}
