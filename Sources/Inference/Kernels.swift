import Foundation

/// Element-wise and row-wise kernels of the encoder, written as tight loops the optimiser vectorises.
enum Kernels {
    /// Each row of `rows`×`width` gets `bias` added.
    static func addBias(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * width
            for j in 0..<width { row[j] += bias[j] }
        }
    }

    /// `x = LayerNorm(x + residual)` row by row, with the config's epsilon, as PyTorch computes it
    /// (biased variance, in Float32).
    static func addAndLayerNorm(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
                                rows: Int, width: Int,
                                gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float) {
        let n = Float(width)
        for r in 0..<rows {
            let row = x + r * width
            if let residual {
                let res = residual + r * width
                for j in 0..<width { row[j] += res[j] }
            }
            var sum: Float = 0
            for j in 0..<width { sum += row[j] }
            let mean = sum / n
            var squares: Float = 0
            for j in 0..<width {
                let d = row[j] - mean
                squares += d * d
            }
            let inverse = 1 / (squares / n + epsilon).squareRoot()
            for j in 0..<width { row[j] = (row[j] - mean) * inverse * gamma[j] + beta[j] }
        }
    }

    /// Exact GELU, `x · Φ(x) = 0.5 · x · (1 + erf(x / √2))`, in place.
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + FastMath.erf(v * 0.707_106_78))
        }
    }

    /// Numerically stable softmax of each row of `rows`×`width`, in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let row = x + r * width
            let maximum = reduce(row, count: width, initial: -.infinity, max)
            for j in 0..<width { row[j] = FastMath.exp(row[j] - maximum) }
            let inverse = 1 / reduce(row, count: width, initial: 0, +)
            for j in 0..<width { row[j] *= inverse }
        }
    }

    /// Folds `count` floats with eight independent accumulators (so the loop vectorises), then
    /// combines them.
    @inline(__always)
    private static func reduce(_ x: UnsafePointer<Float>, count: Int, initial: Float,
                               _ combine: (Float, Float) -> Float) -> Float {
        var lanes = SIMD8<Float>(repeating: initial)
        var i = 0
        while i + 8 <= count {
            for lane in 0..<8 { lanes[lane] = combine(lanes[lane], x[i + lane]) }
            i += 8
        }
        var result = initial
        for lane in 0..<8 { result = combine(result, lanes[lane]) }
        while i < count {
            result = combine(result, x[i])
            i += 1
        }
        return result
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
