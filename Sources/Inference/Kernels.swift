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
        vectorMap(x, count: count) { v in 0.5 * v * (1 + FastMath.erf(v * 0.707_106_78)) }
    }

    /// Numerically stable softmax of each row of `rows`×`width`, in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let row = x + r * width
            var maximum = -Float.infinity
            for j in 0..<width { maximum = max(maximum, row[j]) }
            let shift = FastMath.Vector(repeating: maximum)
            vectorMap(row, count: width) { FastMath.exp($0 - shift) }
            var sum: Float = 0
            for j in 0..<width { sum += row[j] }
            let inverse = 1 / sum
            for j in 0..<width { row[j] *= inverse }
        }
    }

    /// Applies `body` to `count` floats eight at a time; the tail goes through a padded vector.
    @inline(__always)
    private static func vectorMap(_ x: UnsafeMutablePointer<Float>, count: Int,
                                  _ body: (FastMath.Vector) -> FastMath.Vector) {
        let lanes = FastMath.Vector.scalarCount
        var i = 0
        while i + lanes <= count {
            let raw = UnsafeMutableRawPointer(x + i)
            raw.storeBytes(of: body(raw.loadUnaligned(as: FastMath.Vector.self)), as: FastMath.Vector.self)
            i += lanes
        }
        if i < count {
            var tail = FastMath.Vector()
            for j in 0..<(count - i) { tail[j] = x[i + j] }
            let result = body(tail)
            for j in 0..<(count - i) { x[i + j] = result[j] }
        }
    }

    /// `tanh` in place (the pooler's activation; a handful of values per pair).
    static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = Foundation.tanh(x[i]) }
    }
}
