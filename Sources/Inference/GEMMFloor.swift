import Foundation

/// The arithmetic of one forward pass, and the fastest this machine runs it: the floor
/// `rerank bench --floor` holds fp32 throughput against.
public struct ForwardCost: Sendable {
    let shape: BertShape

    /// Floating-point operations (a multiply-add counts two) for one sequence of `length` tokens:
    /// every layer's dense products (Q, K, V, output, both feed-forward products) and its attention
    /// scores and context (quadratic in the length), plus ELECTRA's embedding projection.
    public func flops(length: Int) -> Double {
        let l = Double(length), h = Double(shape.hidden), inner = Double(shape.intermediate)
        let dense = 2 * l * (4 * h * h + 2 * h * inner)
        let attention = 4 * l * l * h
        let projection = shape.projectsEmbeddings ? 2 * l * Double(shape.embedding) * h : 0
        return Double(shape.layers) * (dense + attention) + projection
    }

    /// Single-precision GEMM speed, in FLOP/s, on this model's dense-layer shapes over `rows` tokens:
    /// the best of OpenBLAS splitting each product across the cores and one single-threaded product per
    /// core side by side (the engine's way), each timed for about `seconds`.
    public func gemmRate(rows: Int = 4_096, seconds: Double = 1) -> Double {
        let h = shape.hidden, inner = shape.intermediate
        let products = [(n: 3 * h, k: h), (n: h, k: h), (n: inner, k: h), (n: h, k: inner)]
        let flopsPerPass = products.reduce(0.0) { $0 + 2 * Double(rows * $1.n * $1.k) }
        let workers = Parallel.workers
        let lanes = (0..<workers).map { _ in GEMMLane(rows: rows, products: products) }
        func rate(_ pass: () -> Void, passesAtOnce: Int) -> Double {
            pass() // warm-up: page in the buffers, let OpenBLAS start its threads
            let start = ContinuousClock.now
            var passes = 0
            while (ContinuousClock.now - start).seconds < seconds {
                pass()
                passes += passesAtOnce
            }
            return Double(passes) * flopsPerPass / (ContinuousClock.now - start).seconds
        }
        // Side by side first: OpenBLAS's own threads, once started, spin for a while after each product.
        let sideBySide = rate({ _ = try? Parallel.sideBySide(lanes) { $0.run() } }, passesAtOnce: workers)
        BLAS.setThreads(workers)
        let split = rate({ lanes[0].run() }, passesAtOnce: 1)
        BLAS.setThreads(1)
        return max(split, sideBySide)
    }
}

/// One core's buffers for timing the dense-layer products.
private final class GEMMLane: Sendable {
    let rows: Int
    let products: [(n: Int, k: Int)]
    let input: FloatBuffer, weight: FloatBuffer, output: FloatBuffer

    init(rows: Int, products: [(n: Int, k: Int)]) {
        self.rows = rows
        self.products = products
        let widest = products.map { max($0.n, $0.k) }.max() ?? 1
        input = FloatBuffer(count: rows * widest)
        weight = FloatBuffer(count: widest * widest)
        output = FloatBuffer(count: rows * widest)
        for i in 0..<input.count { input.pointer[i] = Float(i % 7) * 0.01 }
        for i in 0..<weight.count { weight.pointer[i] = Float(i % 5) * 0.01 }
    }

    func run() {
        for product in products {
            BLAS.accumulateProduct(m: rows, n: product.n, k: product.k, a: input.readOnly, transposedB: weight.readOnly,
                                   into: output.pointer)
        }
    }
}
