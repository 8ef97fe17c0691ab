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

    /// The last hidden state, [tokens × hidden], of every token in the batch.
    func encode(_ batch: PackedBatch) throws -> FloatBuffer {
        let hiddenStates = try embed(batch)
        let workspace = Workspace(tokens: batch.tokenCount, shape: shape)
        for layer in layers {
            try Task.checkCancellation()
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
        Kernels.addAndLayerNorm(output.pointer, residual: nil, rows: batch.tokenCount, width: h,
                                gamma: embeddingNormGamma.readOnly, beta: embeddingNormBeta.readOnly,
                                epsilon: shape.layerNormEpsilon)
        return output
    }

    private func apply(_ layer: BertLayerWeights, to x: FloatBuffer, batch: PackedBatch, workspace w: Workspace) {
        let m = batch.tokenCount, h = shape.hidden, inner = shape.intermediate
        // Q, K, V for every token in one GEMM: [m × 3h].
        dense(x.readOnly, rows: m, inputs: h, weight: layer.qkvWeight, bias: layer.qkvBias, outputs: 3 * h, into: w.qkv.pointer)
        attention(qkv: w.qkv, batch: batch, into: w.context, scores: w.scores)
        // Attention output projection, residual, LayerNorm.
        dense(w.context.readOnly, rows: m, inputs: h, weight: layer.attentionOutWeight, bias: layer.attentionOutBias, outputs: h, into: w.projected.pointer)
        Kernels.addAndLayerNorm(x.pointer, residual: w.projected.readOnly, rows: m, width: h,
                                gamma: layer.attentionNormGamma.readOnly, beta: layer.attentionNormBeta.readOnly,
                                epsilon: shape.layerNormEpsilon)
        // Feed-forward: GELU(x·W₁ᵀ + b₁)·W₂ᵀ + b₂, residual, LayerNorm.
        dense(x.readOnly, rows: m, inputs: h, weight: layer.intermediateWeight, bias: layer.intermediateBias, outputs: inner, into: w.intermediate.pointer)
        Kernels.gelu(w.intermediate.pointer, count: m * inner)
        dense(w.intermediate.readOnly, rows: m, inputs: inner, weight: layer.outputWeight, bias: layer.outputBias, outputs: h, into: w.projected.pointer)
        Kernels.addAndLayerNorm(x.pointer, residual: w.projected.readOnly, rows: m, width: h,
                                gamma: layer.outputNormGamma.readOnly, beta: layer.outputNormBeta.readOnly,
                                epsilon: shape.layerNormEpsilon)
    }

    /// Scaled dot-product attention within each sequence, head by head, into `context` [m × h].
    private func attention(qkv: FloatBuffer, batch: PackedBatch, into context: FloatBuffer, scores: FloatBuffer) {
        let h = shape.hidden, d = shape.headSize, stride = 3 * h
        let scale = 1 / Float(d).squareRoot()
        for sequence in 0..<batch.sequenceCount {
            let range = batch.range(of: sequence)
            let length = range.count
            let rows = qkv.readOnly + range.lowerBound * stride
            for head in 0..<shape.heads {
                let query = rows + head * d, key = rows + h + head * d, value = rows + 2 * h + head * d
                BLAS.gemm(m: length, n: length, k: d, a: query, lda: stride, b: key, ldb: stride, transposeB: true,
                          c: scores.pointer, ldc: length, alpha: scale)
                Kernels.softmaxRows(scores.pointer, rows: length, width: length)
                BLAS.gemm(m: length, n: d, k: length, a: scores.readOnly, lda: length, b: value, ldb: stride, transposeB: false,
                          c: context.pointer + range.lowerBound * h + head * d, ldc: h)
            }
        }
    }

    /// Scratch buffers for one batch, reused by every layer.
    private final class Workspace {
        let qkv: FloatBuffer, context: FloatBuffer, projected: FloatBuffer, intermediate: FloatBuffer, scores: FloatBuffer

        init(tokens: Int, shape: BertShape) {
            qkv = FloatBuffer(count: tokens * 3 * shape.hidden)
            context = FloatBuffer(count: tokens * shape.hidden)
            projected = FloatBuffer(count: tokens * shape.hidden)
            intermediate = FloatBuffer(count: tokens * shape.intermediate)
            scores = FloatBuffer(count: shape.maxPositions * shape.maxPositions)
        }
    }
}

/// `y[rows × outputs] = x[rows × inputs] · Wᵀ + b` as one GEMM (bias rows first, then β = 1).
func dense(_ x: UnsafePointer<Float>, rows: Int, inputs: Int, weight: FloatBuffer, bias: FloatBuffer, outputs: Int,
           into y: UnsafeMutablePointer<Float>) {
    for r in 0..<rows { (y + r * outputs).update(from: bias.readOnly, count: outputs) }
    BLAS.gemm(m: rows, n: outputs, k: inputs, a: x, lda: inputs, b: weight.readOnly, ldb: inputs, transposeB: true,
              c: y, ldc: outputs, beta: 1)
}
