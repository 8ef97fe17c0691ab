import Foundation

/// The arithmetic of one forward pass, and the fastest this machine runs it: the floor
/// `rerank bench --floor` holds fp32 throughput against.
public struct ForwardCost: Sendable {
    let shape: BertShape
    /// The rows the engine's last layer computes.
    let output: EncoderOutput

    /// Floating-point operations (a multiply-add counts two) of the whole forward pass over one sequence of
    /// `length` tokens, as the reference runs it: every layer's dense products (Q, K, V, output, both feed-forward
    /// products) and its attention scores and context (quadratic in the length), plus ELECTRA's embedding projection.
    public func flops(length: Int) -> Double {
        Double(shape.layers) * layerFlops(length: length, queries: length) + projectionFlops(length: length)
    }

    /// The share of `flops(length:)` the engine computes: all of it for every token's output, less the last layer's
    /// work on the rows past the first when only first tokens are read (Q stays fused with K and V for every token).
    public func computedFlops(length: Int) -> Double {
        guard output == .firstTokens, shape.layers > 0 else { return flops(length: length) }
        return Double(shape.layers - 1) * layerFlops(length: length, queries: length) + layerFlops(length: length, queries: 1)
            + projectionFlops(length: length)
    }

    /// One layer over `length` tokens, attending from and running the output products on `queries` of them.
    private func layerFlops(length: Int, queries: Int) -> Double {
        let l = Double(length), q = Double(queries), h = Double(shape.hidden), inner = Double(shape.intermediate)
        let dense = 2 * l * 3 * h * h + 2 * q * (h * h + 2 * h * inner)
        let attention = 4 * q * l * h
        return dense + attention
    }

    private func projectionFlops(length: Int) -> Double {
        shape.projectsEmbeddings ? 2 * Double(length) * Double(shape.embedding) * Double(shape.hidden) : 0
    }

    /// Single-precision GEMM speed on this model's dense-layer shapes over `rows` tokens, and the library that
    /// reached it: the best of OpenBLAS splitting each product across the cores, one single-threaded OpenBLAS
    /// product per core side by side, and, where the fp32 path runs on oneDNN's AVX-512 kernels, one oneDNN
    /// product per core side by side (the engine's way), each timed for about `seconds`.
    public func gemmRate(rows: Int = 4_096, seconds: Double = 1) -> GEMMRate {
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
        var rates = [GEMMRate(flopsPerSecond: rate({ _ = try? Parallel.sideBySide(lanes) { $0.runOpenBLAS() } }, passesAtOnce: workers),
                              library: "cblas_sgemm")]
        if OneDNN.hasAVX512Kernels, let oneDNNLanes = try? lanes.map({ try OneDNNLane($0) }) {
            rates.append(GEMMRate(flopsPerSecond: rate({ _ = try? Parallel.sideBySide(oneDNNLanes) { try $0.run() } }, passesAtOnce: workers),
                                  library: "oneDNN matmul"))
        }
        BLAS.setThreads(workers)
        rates.append(GEMMRate(flopsPerSecond: rate({ lanes[0].runOpenBLAS() }, passesAtOnce: 1), library: "cblas_sgemm"))
        BLAS.setThreads(1)
        return rates.max { $0.flopsPerSecond < $1.flopsPerSecond }!
    }
}

/// A GEMM speed, in FLOP/s, and the library that reached it.
public struct GEMMRate: Sendable {
    public let flopsPerSecond: Double
    public let library: String
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

    func runOpenBLAS() {
        for product in products {
            BLAS.accumulateProduct(m: rows, n: product.n, k: product.k, a: input.readOnly, transposedB: weight.readOnly,
                                   into: output.pointer)
        }
    }
}

/// A lane's products on oneDNN's fp32 kernels, where the engine's fp32 path runs on them.
private final class OneDNNLane: Sendable {
    let lane: GEMMLane
    let products: [OneDNNMatMul]

    init(_ lane: GEMMLane) throws {
        self.lane = lane
        products = try lane.products.map {
            try OneDNNMatMul(types: .fp32, weights: lane.weight.readOnly, bias: lane.weight.readOnly, inputs: $0.k, outputs: $0.n)
        }
    }

    func run() throws {
        for product in products {
            try product.run(source: lane.input.readOnly, rows: lane.rows, destination: lane.output.pointer, epilogue: .accumulate)
        }
    }
}
