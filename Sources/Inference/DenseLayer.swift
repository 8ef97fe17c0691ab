import Synchronization

/// A dense layer `y = x·Wᵀ + b` (W as PyTorch stores it, [outputs × inputs]) ready to run in one
/// precision. Rows are split across the engine's workers; each worker runs its rows through oneDNN (block by
/// block, converting activations on the way for bf16 and int8) or, for fp32 on a CPU without AVX-512, one
/// OpenBLAS GEMM.
struct DenseLayer: Sendable {
    let inputs: Int
    let outputs: Int
    let precision: Precision
    /// b, which `accumulate` leaves for the caller to add.
    let bias: FloatBuffer
    private let kernel: Kernel

    private enum Kernel: Sendable {
        /// fp32 where oneDNN has no AVX-512 kernels.
        case openBLAS(weight: FloatBuffer)
        case fp32(OneDNNMatMul)
        case bf16(OneDNNMatMul)
        /// `scales[n]` turns int8 weights back into floats; `columnSums[n]` is Σₖ W[n,k] in int8, which removes the
        /// activations' zero points from the int32 sums.
        case int8(OneDNNMatMul, scales: [Float], columnSums: [Int32])
    }

    /// Rows converted and multiplied at a time on the quantized paths: their activations and sums stay in cache.
    private static let blockRows = OneDNNMatMul.blockRows

    init(_ weights: DenseWeights, precision: Precision) throws {
        let inputs = weights.inputs, outputs = weights.outputs
        self.inputs = inputs
        self.outputs = outputs
        self.precision = precision
        bias = weights.bias
        switch precision {
        case .fp32 where !OneDNN.hasAVX512Kernels:
            kernel = .openBLAS(weight: weights.weight)
        case .fp32:
            kernel = .fp32(try OneDNNMatMul(types: .fp32, weights: weights.weight.readOnly, bias: weights.bias.readOnly,
                                            inputs: inputs, outputs: outputs))
        case .bf16:
            let rounded = [UInt16](unsafeUninitializedCapacity: weights.weight.count) { buffer, count in
                Kernels.roundToBFloat16(weights.weight.readOnly, count: weights.weight.count, into: buffer.baseAddress!)
                count = weights.weight.count
            }
            kernel = .bf16(try rounded.withUnsafeBytes { bytes in
                try OneDNNMatMul(types: .bf16, weights: bytes.baseAddress!, bias: weights.bias.readOnly, inputs: inputs, outputs: outputs)
            })
        case .int8:
            let quantized = WeightQuantization(weights.weight, rows: outputs, columns: inputs,
                                               levels: OneDNN.hasDotProductInstructions ? 127 : 63)
            kernel = .int8(try quantized.values.withUnsafeBytes { bytes in
                try OneDNNMatMul(types: .int8, weights: bytes.baseAddress!, bias: weights.bias.readOnly, inputs: inputs, outputs: outputs)
            }, scales: quantized.scales, columnSums: quantized.rowSums)
        }
    }

    /// True when `apply(…, gelu: true)` costs nothing extra: oneDNN applies GELU to each product before storing it,
    /// and the int8 path while it converts its sums back to floats. With OpenBLAS the encoder runs GELU as a stage of
    /// its own.
    var fusesGELU: Bool {
        if case .openBLAS = kernel { return false }
        return true
    }

    /// y[rows × outputs] = x[rows × inputs] · Wᵀ + b, then GELU when `gelu`, which only a layer that `fusesGELU` takes.
    func apply(_ x: FloatBuffer, rows: Int, into y: FloatBuffer, gelu: Bool = false) throws {
        assert(!gelu || fusesGELU, "GELU is a stage of its own with OpenBLAS")
        try run(x, rows: rows, into: y, epilogue: gelu ? .biasGELU : .bias)
    }

    /// y[rows × outputs] += x[rows × inputs] · Wᵀ: the product added into y (a residual), without the bias, which the
    /// caller adds.
    func accumulate(_ x: FloatBuffer, rows: Int, into y: FloatBuffer) throws {
        try run(x, rows: rows, into: y, epilogue: .accumulate)
    }

    private func run(_ x: FloatBuffer, rows: Int, into y: FloatBuffer, epilogue: OneDNNMatMul.Epilogue) throws {
        let failure = FirstError()
        Parallel.forEachChunk(of: rows, minimumChunk: 32) { chunk in
            failure.capture {
                try run(x.readOnly + chunk.lowerBound * inputs, rows: chunk.count, into: y.pointer + chunk.lowerBound * outputs,
                        epilogue: epilogue)
            }
        }
        try failure.rethrow()
    }

    private func run(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>, epilogue: OneDNNMatMul.Epilogue) throws {
        switch kernel {
        case .openBLAS(let weight):
            if epilogue != .accumulate {
                for r in 0..<rows { (y + r * outputs).update(from: bias.readOnly, count: outputs) }
            }
            BLAS.accumulateProduct(m: rows, n: outputs, k: inputs, a: x, transposedB: weight.readOnly, into: y)
        case .fp32(let product):
            try product.run(source: x, rows: rows, destination: y, epilogue: epilogue)
        case .bf16(let product):
            let converted = UnsafeMutablePointer<UInt16>.allocate(capacity: min(rows, Self.blockRows) * inputs)
            defer { converted.deallocate() }
            for block in stride(from: 0, to: rows, by: Self.blockRows) {
                let height = min(Self.blockRows, rows - block)
                Kernels.roundToBFloat16(x + block * inputs, count: height * inputs, into: converted)
                try product.run(source: converted, rows: height, destination: y + block * outputs, epilogue: epilogue)
            }
        case .int8(let product, let scales, let columnSums):
            let height = min(rows, Self.blockRows)
            let quantized = UnsafeMutablePointer<UInt8>.allocate(capacity: height * inputs)
            let sums = UnsafeMutablePointer<Int32>.allocate(capacity: height * outputs)
            let rowScales = UnsafeMutablePointer<Float>.allocate(capacity: height)
            let zeroPoints = UnsafeMutablePointer<Int32>.allocate(capacity: height)
            defer { quantized.deallocate(); sums.deallocate(); rowScales.deallocate(); zeroPoints.deallocate() }
            for block in stride(from: 0, to: rows, by: Self.blockRows) {
                let height = min(Self.blockRows, rows - block)
                Kernels.quantizeRows(x + block * inputs, rows: height, width: inputs, into: quantized,
                                     scales: rowScales, zeroPoints: zeroPoints)
                try product.run(source: quantized, rows: height, destination: sums, epilogue: .none)
                scales.withUnsafeBufferPointer { scales in
                    columnSums.withUnsafeBufferPointer { columnSums in
                        Kernels.dequantize(sums, rows: height, width: outputs, rowScales: rowScales, zeroPoints: zeroPoints,
                                           columnScales: scales.baseAddress!, columnSums: columnSums.baseAddress!,
                                           bias: epilogue == .accumulate ? nil : bias.readOnly, gelu: epilogue == .biasGELU,
                                           into: y + block * outputs)
                    }
                }
            }
        }
    }
}

/// Weights rounded to int8 with one scale per output channel (row of W): `W[n,k] ≈ scales[n] · values[n,k]`.
struct WeightQuantization {
    /// [rows × columns], in -levels...levels.
    let values: [Int8]
    let scales: [Float]
    /// Σₖ values[n,k], per row.
    let rowSums: [Int32]

    /// `levels` is 127, or 63 where the CPU's int8 products add pairs into int16 (AVX2 without VNNI) and a full
    /// range could saturate.
    init(_ weight: FloatBuffer, rows: Int, columns: Int, levels: Int) {
        var values = [Int8](repeating: 0, count: rows * columns)
        var scales = [Float](repeating: 1, count: rows)
        var sums = [Int32](repeating: 0, count: rows)
        for n in 0..<rows {
            let row = weight.readOnly + n * columns
            var largest: Float = 0
            for k in 0..<columns { largest = max(largest, abs(row[k])) }
            let scale = largest > 0 ? largest / Float(levels) : 1
            var sum: Int32 = 0
            for k in 0..<columns {
                let q = Int8((row[k] / scale).rounded(.toNearestOrEven))
                values[n * columns + k] = q
                sum += Int32(q)
            }
            scales[n] = scale
            sums[n] = sum
        }
        self.values = values
        self.scales = scales
        rowSums = sums
    }
}

/// Collects the first error thrown on any of the engine's workers, to rethrow on the calling thread.
final class FirstError: Sendable {
    private let error = Mutex<(any Error)?>(nil)

    func capture(_ body: () throws -> Void) {
        do { try body() } catch let thrown { error.withLock { $0 = $0 ?? thrown } }
    }

    func rethrow() throws {
        if let error = error.withLock({ $0 }) { throw error }
    }
}
