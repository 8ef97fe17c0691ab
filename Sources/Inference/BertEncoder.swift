import ModelStore

/// BERT's embeddings and transformer layers, run over a packed batch on BLAS.
///
/// Dense layers are single GEMMs over every token of the batch; attention is two GEMMs per
/// sequence and head. Sequences are packed without padding, so no masking is needed and the
/// result equals the reference's masked, padded computation.
struct BertEncoder: Sendable {
    let shape: BertShape
    private let wordEmbeddings: FloatBuffer
    private let positionEmbeddings: FloatBuffer
    private let typeEmbeddings: FloatBuffer
    private let embeddingNormGamma: FloatBuffer
    private let embeddingNormBeta: FloatBuffer
    private let layers: [BertLayerWeights]

    init(shape: BertShape, reader: BertTensorReader) throws {
        let h = shape.hidden
        self.shape = shape
        wordEmbeddings = try reader.read("embeddings.word_embeddings.weight", shape: [shape.vocabulary, h])
        positionEmbeddings = try reader.read("embeddings.position_embeddings.weight", shape: [shape.maxPositions, h])
        typeEmbeddings = try reader.read("embeddings.token_type_embeddings.weight", shape: [shape.typeVocabulary, h])
        embeddingNormGamma = try reader.read("embeddings.LayerNorm.weight", shape: [h])
        embeddingNormBeta = try reader.read("embeddings.LayerNorm.bias", shape: [h])
        layers = try (0..<shape.layers).map { try reader.layer($0, shape: shape) }
    }

    /// The last hidden state, [tokens × hidden], of every token in the batch; throws
    /// `CancellationError` between layers once `isCancelled` says so.
    func encode(_ batch: PackedBatch, isCancelled: () -> Bool = { false }) throws -> FloatBuffer {
        let hiddenStates = try embed(batch)
        let workspace = Workspace(tokens: batch.tokenCount, shape: shape)
        for layer in layers {
            if isCancelled() { throw CancellationError() }
            apply(layer, to: hiddenStates, batch: batch, workspace: workspace)
        }
        return hiddenStates
    }

    private func embed(_ batch: PackedBatch) throws -> FloatBuffer {
        let h = shape.hidden
        let output = FloatBuffer(count: batch.tokenCount * h)
        for sequence in 0..<batch.sequenceCount {
            let range = batch.range(of: sequence)
            guard range.count <= shape.maxPositions else {
                throw InferenceError.sequenceTooLong(range.count, limit: shape.maxPositions)
            }
            for (position, token) in range.enumerated() {
                let id = Int(batch.tokenIds[token]), type = Int(batch.typeIds[token])
                guard id >= 0, id < shape.vocabulary, type >= 0, type < shape.typeVocabulary else {
                    throw InferenceError.tokenOutOfRange(id: id, type: type)
                }
                let row = output.pointer + token * h
                let word = wordEmbeddings.pointer + id * h
                let positional = positionEmbeddings.pointer + position * h
                let typed = typeEmbeddings.pointer + type * h
                for j in 0..<h { row[j] = word[j] + positional[j] + typed[j] }
            }
        }
        addAndNormalize(output, residual: nil, rows: batch.tokenCount, gamma: embeddingNormGamma, beta: embeddingNormBeta)
        return output
    }

    private func apply(_ layer: BertLayerWeights, to x: FloatBuffer, batch: PackedBatch, workspace w: Workspace) {
        let m = batch.tokenCount, h = shape.hidden, inner = shape.intermediate
        // Q, K, V for every token in one GEMM: [m × 3h].
        dense(x, rows: m, inputs: h, weight: layer.qkvWeight, bias: layer.qkvBias, outputs: 3 * h, into: w.qkv)
        attention(qkv: w.qkv, batch: batch, into: w.context, scores: w.scores)
        // Attention output projection, residual, LayerNorm.
        dense(w.context, rows: m, inputs: h, weight: layer.attentionOutWeight, bias: layer.attentionOutBias, outputs: h, into: w.projected)
        addAndNormalize(x, residual: w.projected, rows: m, gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta)
        // Feed-forward: GELU(x·W₁ᵀ + b₁)·W₂ᵀ + b₂, residual, LayerNorm.
        dense(x, rows: m, inputs: h, weight: layer.intermediateWeight, bias: layer.intermediateBias, outputs: inner, into: w.intermediate)
        let intermediate = w.intermediate
        Parallel.forEachChunk(of: m, minimumChunk: 16) { rows in
            Kernels.gelu(intermediate.pointer + rows.lowerBound * inner, count: rows.count * inner)
        }
        dense(w.intermediate, rows: m, inputs: inner, weight: layer.outputWeight, bias: layer.outputBias, outputs: h, into: w.projected)
        addAndNormalize(x, residual: w.projected, rows: m, gamma: layer.outputNormGamma, beta: layer.outputNormBeta)
    }

    /// `x = LayerNorm(x + residual)` over `rows` rows, split across the workers.
    private func addAndNormalize(_ x: FloatBuffer, residual: FloatBuffer?, rows: Int, gamma: FloatBuffer, beta: FloatBuffer) {
        let h = shape.hidden
        Parallel.forEachChunk(of: rows, minimumChunk: 64) { chunk in
            let offset = chunk.lowerBound * h
            Kernels.addAndLayerNorm(x.pointer + offset, residual: residual.map { $0.readOnly + offset }, rows: chunk.count, width: h,
                                    gamma: gamma.readOnly, beta: beta.readOnly, epsilon: shape.layerNormEpsilon)
        }
    }

    /// Scaled dot-product attention within each sequence, head by head, into `context` [m × h].
    /// Sequence–head pairs are spread over the workers; each worker has its own score matrix.
    private func attention(qkv: FloatBuffer, batch: PackedBatch, into context: FloatBuffer, scores: [FloatBuffer]) {
        let h = shape.hidden, d = shape.headSize, stride = 3 * h, heads = shape.heads
        let scale = 1 / Float(d).squareRoot()
        Parallel.forEachItem(batch.sequenceCount * heads) { worker, item in
            let range = batch.range(of: item / heads)
            let head = item % heads, length = range.count
            let rows = qkv.readOnly + range.lowerBound * stride
            let query = rows + head * d, key = rows + h + head * d, value = rows + 2 * h + head * d
            let matrix = scores[worker].pointer
            BLAS.gemm(m: length, n: length, k: d, a: query, lda: stride, b: key, ldb: stride, transposeB: true,
                      c: matrix, ldc: length, alpha: scale)
            Kernels.softmaxRows(matrix, rows: length, width: length)
            BLAS.gemm(m: length, n: d, k: length, a: UnsafePointer(matrix), lda: length, b: value, ldb: stride, transposeB: false,
                      c: context.pointer + range.lowerBound * h + head * d, ldc: h)
        }
    }

    /// Scratch buffers for one batch, reused by every layer.
    private final class Workspace {
        let qkv: FloatBuffer, context: FloatBuffer, projected: FloatBuffer, intermediate: FloatBuffer
        /// One attention score matrix per worker.
        let scores: [FloatBuffer]

        init(tokens: Int, shape: BertShape) {
            qkv = FloatBuffer(count: tokens * 3 * shape.hidden)
            context = FloatBuffer(count: tokens * shape.hidden)
            projected = FloatBuffer(count: tokens * shape.hidden)
            intermediate = FloatBuffer(count: tokens * shape.intermediate)
            scores = (0..<Parallel.workers).map { _ in FloatBuffer(count: shape.maxPositions * shape.maxPositions) }
        }
    }
}

/// `y[rows × outputs] = x[rows × inputs] · Wᵀ + b`: bias rows first, then GEMMs with β = 1,
/// the rows split across the workers.
func dense(_ x: FloatBuffer, rows: Int, inputs: Int, weight: FloatBuffer, bias: FloatBuffer, outputs: Int,
           into y: FloatBuffer) {
    Parallel.forEachChunk(of: rows, minimumChunk: 32) { chunk in
        let output = y.pointer + chunk.lowerBound * outputs
        for r in 0..<chunk.count { (output + r * outputs).update(from: bias.readOnly, count: outputs) }
        BLAS.gemm(m: chunk.count, n: outputs, k: inputs, a: x.readOnly + chunk.lowerBound * inputs, lda: inputs,
                  b: weight.readOnly, ldb: inputs, transposeB: true, c: output, ldc: outputs, beta: 1)
    }
}
