import CKernels
import Foundation

/// Element-wise and row-wise kernels of the encoder: the hand-vectorised C of `CKernels` for the hot
/// ones, plain loops for the head's handful of values. Those taking `wideVectors` run on 512-bit vectors
/// where the CPU has them, unless it is false (tests run both paths and expect bit-identical results).
enum Kernels {
    /// `x = LayerNorm(x + residual)` row by row, with the config's epsilon, as PyTorch computes it
    /// (biased variance, in Float32). The residual's rows are `residualStride` floats apart (the width
    /// unless given); a stride of 0 adds one row, a bias, to every row.
    static func addAndLayerNorm(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, residualStride: Int? = nil,
                                rows: Int, width: Int,
                                gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float) {
        rk_add_layer_norm(x, residual, residualStride ?? width, rows, width, gamma, beta, epsilon)
    }

    /// Exact GELU, `x · Φ(x) = 0.5 · x · (1 + erf(x / √2))`, in place.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int, wideVectors: Bool = true) {
        rk_gelu(x, count, wideVectors ? 1 : 0)
    }

    /// Attention of one head over one sequence: `out[i] = softmax(scale · q[i]·Kᵀ)·V` for the first `queries` rows
    /// (every row unless given), rows `stride` floats apart in q, k, v and `outStride` apart in out. `scratch` holds
    /// `attentionScratch(length:headSize:)` floats.
    static func attention(q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, stride: Int, length: Int,
                          queries: Int? = nil, headSize: Int, scale: Float, into out: UnsafeMutablePointer<Float>, outStride: Int,
                          scratch: UnsafeMutablePointer<Float>, wideVectors: Bool = true) {
        rk_attention_head(q, k, v, stride, length, queries ?? length, headSize, scale, out, outStride, scratch, wideVectors ? 1 : 0)
    }

    /// Floats of scratch `attention` needs.
    static func attentionScratch(length: Int, headSize: Int) -> Int {
        rk_attention_scratch(length, headSize)
    }

    /// Rounds floats to bfloat16, to nearest with ties to even.
    static func roundToBFloat16(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<UInt16>) {
        rk_round_bf16(x, count, y)
    }

    /// Quantizes each row to uint8 over its own range (which always holds 0): `x ≈ scale · (q − zeroPoint)`.
    static func quantizeRows(_ x: UnsafePointer<Float>, rows: Int, width: Int, into q: UnsafeMutablePointer<UInt8>,
                             scales: UnsafeMutablePointer<Float>, zeroPoints: UnsafeMutablePointer<Int32>) {
        rk_quantize_rows_u8(x, rows, width, q, scales, zeroPoints)
    }

    /// `y[r, n] = rowScales[r] · columnScales[n] · (sums[r, n] − zeroPoints[r] · columnSums[n]) + bias[n]`, then GELU
    /// when `gelu`: int32 products of quantized rows and weights back to floats. Without a bias the product is added
    /// into y.
    static func dequantize(_ sums: UnsafePointer<Int32>, rows: Int, width: Int,
                           rowScales: UnsafePointer<Float>, zeroPoints: UnsafePointer<Int32>,
                           columnScales: UnsafePointer<Float>, columnSums: UnsafePointer<Int32>,
                           bias: UnsafePointer<Float>?, gelu: Bool = false, wideVectors: Bool = true,
                           into y: UnsafeMutablePointer<Float>) {
        rk_dequantize(sums, rows, width, rowScales, zeroPoints, columnScales, columnSums, bias, gelu ? 1 : 0, wideVectors ? 1 : 0, y)
    }

    /// `tanh` in place (the pooler's activation; a handful of values per pair).
    static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = Foundation.tanh(x[i]) }
    }

    /// `max(x, 0)` in place (DistilBERT's `pre_classifier` activation).
    static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = max(x[i], 0) }
    }
}
