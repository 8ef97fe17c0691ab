import Foundation
import Testing
@testable import Inference

@Suite("Hand-vectorised kernels against double-precision references")
struct KernelTests {
    /// Odd lengths reach every tail path (32-, 16-, 8-wide and scalar).
    static let lengths = [1, 7, 8, 9, 31, 33, 100]

    @Test("GELU within 2e-7·|x| + 1e-7 of 0.5·x·(1 + erf(x/√2)), tails included", arguments: [1, 7, 8, 9, 31, 33, 100_003])
    func gelu(count: Int) {
        let inputs = (0..<count).map { Float(-10 + 20 * Double($0) / Double(max(count - 1, 1))) }
        var outputs = inputs
        outputs.withUnsafeMutableBufferPointer { Kernels.gelu($0.baseAddress!, count: $0.count) }
        for (x, got) in zip(inputs, outputs) {
            let want = 0.5 * Double(x) * (1 + Foundation.erf(Double(x) / 2.0.squareRoot()))
            #expect(abs(Double(got) - want) <= 2e-7 * abs(Double(x)) + 1e-7, "GELU(\(x)) = \(got), want \(want)")
        }
    }

    @Test("add + LayerNorm equals the double-precision reference", arguments: lengths)
    func layerNorm(width: Int) {
        var x = TestValues.uniform(2 * width, seed: 2)
        let residual = TestValues.uniform(2 * width, seed: 3), gamma = TestValues.uniform(width, seed: 4), beta = TestValues.uniform(width, seed: 5)
        let inputs = x
        x.withUnsafeMutableBufferPointer { out in
            Kernels.addAndLayerNorm(out.baseAddress!, residual: residual, rows: 2, width: width, gamma: gamma, beta: beta, epsilon: 1e-12)
        }
        for r in 0..<2 {
            let row = (0..<width).map { Double(inputs[r * width + $0]) + Double(residual[r * width + $0]) }
            let mean = row.reduce(0, +) / Double(width)
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
            for j in 0..<width {
                let want = (row[j] - mean) / (variance + 1e-12).squareRoot() * Double(gamma[j]) + Double(beta[j])
                #expect(abs(Double(x[r * width + j]) - want) < 1e-4)
            }
        }
    }

    @Test("add + LayerNorm with a residual stride of 0 adds one row, a bias, to every row", arguments: lengths)
    func layerNormAddsBias(width: Int) {
        let x = TestValues.uniform(3 * width, seed: 6), bias = TestValues.uniform(width, seed: 7)
        let gamma = TestValues.uniform(width, seed: 8), beta = TestValues.uniform(width, seed: 9)
        var broadcast = x, repeated = x
        broadcast.withUnsafeMutableBufferPointer { out in
            Kernels.addAndLayerNorm(out.baseAddress!, residual: bias, residualStride: 0, rows: 3, width: width,
                                    gamma: gamma, beta: beta, epsilon: 1e-12)
        }
        repeated.withUnsafeMutableBufferPointer { out in
            Kernels.addAndLayerNorm(out.baseAddress!, residual: bias + bias + bias, rows: 3, width: width, gamma: gamma, beta: beta,
                                    epsilon: 1e-12)
        }
        #expect(broadcast.map(\.bitPattern) == repeated.map(\.bitPattern))
    }

    @Test("attention of one head equals softmax(q·Kᵀ/√d)·V in doubles, on 512-bit vectors (where the CPU has them) and on AVX2",
          arguments: [(1, 8), (5, 32), (17, 64), (40, 12), (3, 3), (7, 48), (33, 32), (100, 16)], [true, false])
    func attention(shape: (length: Int, headSize: Int), wideVectors: Bool) {
        let (length, headSize) = shape
        let stride = 3 * headSize + 5 // rows of a wider matrix, as in the fused QKV output
        let qkv = TestValues.uniform(length * stride, seed: 6, spread: 2)
        var out = [Float](repeating: .nan, count: length * headSize)
        var scratch = [Float](repeating: 0, count: Kernels.attentionScratch(length: length, headSize: headSize))
        let scale = 1 / Float(headSize).squareRoot()
        qkv.withUnsafeBufferPointer { rows in
            let base = rows.baseAddress!
            Kernels.attention(q: base, k: base + headSize, v: base + 2 * headSize, stride: stride, length: length,
                              headSize: headSize, scale: scale, into: &out, outStride: headSize, scratch: &scratch,
                              wideVectors: wideVectors)
        }
        for i in 0..<length {
            let logits = (0..<length).map { j in
                (0..<headSize).reduce(0.0) { $0 + Double(qkv[i * stride + $1]) * Double(qkv[j * stride + headSize + $1]) } * Double(scale)
            }
            let top = logits.max()!
            let weights = logits.map { Foundation.exp($0 - top) }
            let total = weights.reduce(0, +)
            for c in 0..<headSize {
                let want = (0..<length).reduce(0.0) { $0 + weights[$1] / total * Double(qkv[$1 * stride + 2 * headSize + c]) }
                #expect(abs(Double(out[i * headSize + c]) - want) < 1e-5, "row \(i) value \(c)")
            }
        }
    }

    @Test("bfloat16 rounding: nearest, ties to even, tails included", arguments: [1, 15, 16, 17, 40])
    func bfloat16(count: Int) {
        let x = TestValues.uniform(count, seed: 7, spread: 1000) + [1 + 0x1p-8, 1 + 3 * 0x1p-8] // ties: to 1 and to 1 + 2⁻⁶
        var y = [UInt16](repeating: 0, count: x.count)
        Kernels.roundToBFloat16(x, count: x.count, into: &y)
        for (value, rounded) in zip(x, y) {
            let back = Float(bitPattern: UInt32(rounded) << 16)
            #expect(abs(back - value) <= abs(value) * 0x1p-8, "\(value) → \(back)")
        }
        #expect(Float(bitPattern: UInt32(y[y.count - 2]) << 16) == 1)
        #expect(Float(bitPattern: UInt32(y[y.count - 1]) << 16) == 1 + 0x1p-6)
    }

    @Test("uint8 rows: every value within half a step of its row's scale, zero exact", arguments: lengths)
    func quantizeRows(width: Int) {
        var x = TestValues.uniform(3 * width, seed: 8, spread: 5)
        x[0] = 0
        for j in 0..<width { x[2 * width + j] = abs(x[2 * width + j]) } // a row with no negative values
        var q = [UInt8](repeating: 0, count: x.count), scales = [Float](repeating: 0, count: 3), zeros = [Int32](repeating: 0, count: 3)
        Kernels.quantizeRows(x, rows: 3, width: width, into: &q, scales: &scales, zeroPoints: &zeros)
        for r in 0..<3 {
            for j in 0..<width {
                let back = scales[r] * Float(Int32(q[r * width + j]) - zeros[r])
                #expect(abs(back - x[r * width + j]) <= scales[r] * 0.5001)
            }
        }
        #expect(scales[0] * Float(Int32(q[0]) - zeros[0]) == 0)
        #expect(zeros[2] == 0)
    }

    @Test("dequantization removes zero points and applies both scales, the bias and GELU", arguments: [1, 8, 13])
    func dequantize(width: Int) {
        let sums = (0..<(2 * width)).map { Int32($0 * 37 - 100) }, columnSums = (0..<width).map { Int32($0 - 3) }
        let rowScales: [Float] = [0.5, 0.25], zeros: [Int32] = [3, 200]
        let columnScales = TestValues.uniform(width, seed: 9, spread: 0.01), bias = TestValues.uniform(width, seed: 10)
        for gelu in [false, true] {
            var y = [Float](repeating: 0, count: 2 * width)
            Kernels.dequantize(sums, rows: 2, width: width, rowScales: rowScales, zeroPoints: zeros, columnScales: columnScales,
                               columnSums: columnSums, bias: bias, gelu: gelu, into: &y)
            for r in 0..<2 {
                for n in 0..<width {
                    var want = Double(sums[r * width + n] - zeros[r] * columnSums[n]) * Double(rowScales[r]) * Double(columnScales[n])
                        + Double(bias[n])
                    if gelu { want = 0.5 * want * (1 + Foundation.erf(want / 2.0.squareRoot())) }
                    #expect(abs(Double(y[r * width + n]) - want) < 1e-5 * max(1, abs(want)))
                }
            }
        }
        // Without a bias, the product adds into what y holds.
        let start = TestValues.uniform(2 * width, seed: 11)
        var accumulated = start, product = [Float](repeating: 0, count: 2 * width)
        Kernels.dequantize(sums, rows: 2, width: width, rowScales: rowScales, zeroPoints: zeros, columnScales: columnScales,
                           columnSums: columnSums, bias: nil, into: &accumulated)
        Kernels.dequantize(sums, rows: 2, width: width, rowScales: rowScales, zeroPoints: zeros, columnScales: columnScales,
                           columnSums: columnSums, bias: [Float](repeating: 0, count: width), into: &product)
        for i in 0..<(2 * width) {
            #expect(abs(accumulated[i] - (start[i] + product[i])) < 1e-5 * max(1, abs(start[i]) + abs(product[i])))
        }
    }

    @Test("attention where one key dominates takes that key's value; a key far below the rest gets no weight",
          arguments: [true, false])
    func attentionExtremes(wideVectors: Bool) {
        let length = 5, headSize = 16, stride = 3 * headSize
        var qkv = [Float](repeating: 0, count: length * stride)
        qkv[2 * stride + headSize] = 1 // key 2 is (1, 0, …), every other key is zero
        qkv[0] = 1_000 // query 0 scores 1,000 against key 2, 0 against the rest
        qkv[stride] = -1_000 // query 1 scores -1,000 against key 2, 0 against the rest
        for t in 0..<length {
            for c in 0..<headSize { qkv[t * stride + 2 * headSize + c] = Float(10 * t * t + c) }
        }
        var out = [Float](repeating: .nan, count: length * headSize)
        var scratch = [Float](repeating: .nan, count: Kernels.attentionScratch(length: length, headSize: headSize))
        qkv.withUnsafeBufferPointer { rows in
            let base = rows.baseAddress!
            Kernels.attention(q: base, k: base + headSize, v: base + 2 * headSize, stride: stride, length: length,
                              headSize: headSize, scale: 1, into: &out, outStride: headSize, scratch: &scratch,
                              wideVectors: wideVectors)
        }
        for c in 0..<headSize {
            #expect(out[c] == Float(40 + c), "query 0 takes value 2")
            #expect(abs(out[headSize + c] - Float(65 + c)) < 1e-4, "query 1: the mean of values 0, 1, 3 and 4")
            #expect(abs(out[2 * headSize + c] - Float(60 + c)) < 1e-4, "query 2 (all scores tie): the mean of every value")
        }
    }

    @Test("attention on 512-bit vectors gives bit-identical results to the AVX2 path", arguments: [(95, 32), (7, 64), (33, 48), (4, 16), (1, 32), (13, 32), (12, 16), (300, 64)])
    func widePathIsBitIdentical(length: Int, headSize: Int) {
        // A spread of 40 puts many scores' exponentials below float's normal range, where the two paths scale by 2ⁿ
        // differently (a multiplication against vscalefps).
        for spread: Float in [3, 40] {
            #expect(attentionIsBitIdentical(length: length, headSize: headSize, spread: spread), "spread \(spread)")
        }
    }

    private func attentionIsBitIdentical(length: Int, headSize: Int, spread: Float) -> Bool {
        let stride = 3 * headSize
        let qkv = TestValues.uniform(length * stride, seed: 9, spread: spread)
        func run(wide: Bool) -> [Float] {
            var out = [Float](repeating: .nan, count: length * headSize)
            var scratch = [Float](repeating: 0, count: Kernels.attentionScratch(length: length, headSize: headSize))
            qkv.withUnsafeBufferPointer { rows in
                let base = rows.baseAddress!
                Kernels.attention(q: base, k: base + headSize, v: base + 2 * headSize, stride: stride, length: length,
                                  headSize: headSize, scale: 0.17, into: &out, outStride: headSize, scratch: &scratch, wideVectors: wide)
            }
            return out
        }
        return run(wide: true).map(\.bitPattern) == run(wide: false).map(\.bitPattern)
    }

    @Test("GELU and dequantization on 512-bit vectors give bit-identical results to the AVX2 path",
          arguments: [1, 15, 16, 17, 40, 95, 1_536 + 7])
    func wideElementWiseStepsAreBitIdentical(count: Int) {
        // GELU over a wide range, with its extremes: where exp underflows, infinities, signed zeros.
        let extremes: [Float] = [0, -0.0, 1e-30, -1e-30, 200, -200, .infinity, -.infinity, 87, -87.5, 13.2, -13.2]
        let inputs = Array((extremes + TestValues.uniform(count, seed: 21, spread: 12)).prefix(max(count, extremes.count)))
        func gelu(wide: Bool) -> [UInt32] {
            var x = inputs
            x.withUnsafeMutableBufferPointer { Kernels.gelu($0.baseAddress!, count: $0.count, wideVectors: wide) }
            return x.map(\.bitPattern)
        }
        #expect(gelu(wide: true) == gelu(wide: false))

        let sums = (0..<(2 * count)).map { Int32(($0 * 7_919) % 60_001 - 30_000) }, columnSums = (0..<count).map { Int32($0 % 97 - 40) }
        let columnScales = TestValues.uniform(count, seed: 23, spread: 0.002), bias = TestValues.uniform(count, seed: 24)
        for activation in [false, true] {
            func dequantize(wide: Bool) -> [UInt32] {
                var y = [Float](repeating: .nan, count: 2 * count)
                Kernels.dequantize(sums, rows: 2, width: count, rowScales: [0.031, 0.0007], zeroPoints: [17, 128],
                                   columnScales: columnScales, columnSums: columnSums, bias: bias, gelu: activation,
                                   wideVectors: wide, into: &y)
                return y.map(\.bitPattern)
            }
            #expect(dequantize(wide: true) == dequantize(wide: false), "gelu: \(activation)")
        }
    }
}
