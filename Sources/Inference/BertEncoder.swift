import ModelStore

/// A BERT-family encoder (BERT, ELECTRA, DistilBERT, BERT_Cat's DistilBERT, XLM-R): embeddings and
/// transformer layers, run over a packed batch. `EncoderVariant` names what differs per family.
///
/// Dense layers are GEMMs over every token of the batch in the encoder's `precision` (`DenseLayer`), the
/// output products adding straight into the hidden states; attention runs in fp32 per sequence and head,
/// one pass over each query row (`Kernels.attention`). Sequences are packed without padding, so no masking is needed and
/// the result equals the reference's masked, padded computation. A pass for a classification head computes the last
/// layer for each sequence's first token alone (`EncoderOutput.firstTokens`).
struct BertEncoder: Sendable {
    let shape: BertShape
    let variant: EncoderVariant
    let precision: Precision
    private let wordEmbeddings: FloatBuffer
    private let positionEmbeddings: FloatBuffer
    /// Nil when the family has no token types.
    private let typeEmbeddings: FloatBuffer?
    private let embeddingNormGamma: FloatBuffer
    private let embeddingNormBeta: FloatBuffer
    /// ELECTRA's `embeddings_project` (embedding width → hidden), applied after the embedding LayerNorm.
    private let embeddingProjection: DenseLayer?
    private let layers: [BertLayerWeights]

    init(shape: BertShape, variant: EncoderVariant, reader: TensorReader, precision: Precision = .fp32) throws {
        let e = shape.embedding
        if variant.usesTokenTypes, shape.typeVocabulary < 1 {
            throw InferenceError.invalidConfig("type_vocab_size \(shape.typeVocabulary) leaves no token types; it must be at least 1")
        }
        if case .afterPadding(let padding) = variant.positions, padding < 0 || padding + 1 >= shape.maxPositions {
            throw InferenceError.invalidConfig("pad_token_id \(padding) leaves no room in max_position_embeddings \(shape.maxPositions)")
        }
        self.shape = shape
        self.variant = variant
        self.precision = precision
        wordEmbeddings = try reader.read(.encoder("embeddings.word_embeddings.weight"), shape: [shape.vocabulary, e])
        positionEmbeddings = try reader.read(.encoder("embeddings.position_embeddings.weight"), shape: [shape.maxPositions, e])
        typeEmbeddings = variant.usesTokenTypes
            ? try reader.read(.encoder("embeddings.token_type_embeddings.weight"), shape: [shape.typeVocabulary, e]) : nil
        (embeddingNormGamma, embeddingNormBeta) = try reader.norm(.encoder("embeddings.LayerNorm"), width: e)
        embeddingProjection = shape.projectsEmbeddings
            ? try DenseLayer(try reader.dense(.encoder("embeddings_project"), inputs: e, outputs: shape.hidden), precision: precision) : nil
        layers = try (0..<shape.layers).map { try reader.layer($0, shape: shape, names: variant.layerNames, precision: precision) }
    }

    /// The longest sequence the position table holds.
    var maxSequenceLength: Int { variant.positions.maxSequenceLength(rows: shape.maxPositions) }

    /// The last hidden state of the batch, the rows `output` asks for, computed in a workspace borrowed from
    /// `workspaces` (one pool per scoring run); throws `CancellationError` between layers once `isCancelled` says so.
    func encode(_ batch: PackedBatch, output: EncoderOutput, workspaces: EncoderWorkspaces,
                isCancelled: () -> Bool = { false }) throws -> FloatBuffer {
        let hiddenStates = try StageProfile.shared.time(.embeddings) { try embed(batch) }
        return try workspaces.withWorkspace(tokens: batch.tokenCount) { workspace in
            let firstTokensOnly = output == .firstTokens
            for layer in layers.dropLast(firstTokensOnly ? 1 : 0) {
                if isCancelled() { throw CancellationError() }
                try apply(layer, to: hiddenStates, batch: batch, workspace: workspace)
            }
            guard firstTokensOnly else { return hiddenStates }
            let firstTokens = firstRows(of: hiddenStates, batch: batch)
            if let last = layers.last {
                if isCancelled() { throw CancellationError() }
                try apply(last, to: hiddenStates, batch: batch, workspace: workspace, firstTokens: firstTokens)
            }
            return firstTokens
        }
    }

    /// Word + position (+ token type) rows, LayerNorm, then the projection to the hidden width if any.
    private func embed(_ batch: PackedBatch) throws -> FloatBuffer {
        let e = shape.embedding, limit = maxSequenceLength
        let output = FloatBuffer(count: batch.tokenCount * e)
        for sequence in 0..<batch.sequenceCount {
            let range = batch.range(of: sequence)
            guard range.count <= limit else { throw InferenceError.sequenceTooLong(range.count, limit: limit) }
            let positions = variant.positions.rows(of: batch.tokenIds[range])
            for (token, position) in zip(range, positions) {
                let id = Int(batch.tokenIds[token]), type = Int(batch.typeIds[token])
                guard id >= 0, id < shape.vocabulary else { throw InferenceError.tokenOutOfRange(id: id, type: type) }
                let row = output.pointer + token * e
                let word = wordEmbeddings.pointer + id * e
                let positional = positionEmbeddings.pointer + position * e
                if let typeEmbeddings {
                    guard type >= 0, type < shape.typeVocabulary else { throw InferenceError.tokenOutOfRange(id: id, type: type) }
                    let typed = typeEmbeddings.pointer + type * e
                    for j in 0..<e { row[j] = word[j] + positional[j] + typed[j] }
                } else {
                    for j in 0..<e { row[j] = word[j] + positional[j] }
                }
            }
        }
        addAndNormalize(output, bias: nil, rows: batch.tokenCount, width: e, gamma: embeddingNormGamma, beta: embeddingNormBeta)
        guard let projection = embeddingProjection else { return output }
        let projected = FloatBuffer(count: batch.tokenCount * shape.hidden)
        try projection.apply(output, rows: batch.tokenCount, into: projected)
        return projected
    }

    /// One layer over the batch's hidden states `x`, in place; or, given `firstTokens` ([sequences × hidden], each
    /// sequence's first row of `x`), keys and values from every token but attention from the first tokens alone, and
    /// the output projection and feed-forward on those rows alone, updating `firstTokens` instead.
    private func apply(_ layer: BertLayerWeights, to x: FloatBuffer, batch: PackedBatch, workspace w: EncoderWorkspace,
                       firstTokens: FloatBuffer? = nil) throws {
        let inner = shape.intermediate
        let profile = StageProfile.shared
        // Q, K, V for every token in one GEMM: [tokens × 3h].
        try profile.time(.qkv) { try layer.qkv.apply(x, rows: batch.tokenCount, into: w.qkv) }
        profile.time(.attention) {
            attention(qkv: w.qkv, batch: batch, firstQueryOnly: firstTokens != nil, into: w.context, scratch: w.attentionScratch)
        }
        let (residual, m) = firstTokens.map { ($0, batch.sequenceCount) } ?? (x, batch.tokenCount)
        // Attention output projection added into the residual rows, then its bias and LayerNorm.
        try profile.time(.projections) { try layer.attentionOutput.accumulate(w.context, rows: m, into: residual) }
        profile.time(.layerNorm) {
            addAndNormalize(residual, bias: layer.attentionOutput.bias, rows: m, gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta)
        }
        // Feed-forward: GELU(x·W₁ᵀ + b₁)·W₂ᵀ added into the residual rows, then b₂ and LayerNorm.
        let fused = layer.intermediate.fusesGELU
        try profile.time(.projections) { try layer.intermediate.apply(residual, rows: m, into: w.intermediate, gelu: fused) }
        if !fused {
            let intermediate = w.intermediate
            profile.time(.gelu) {
                Parallel.forEachChunk(of: m, minimumChunk: 16) { rows in
                    Kernels.gelu(intermediate.pointer + rows.lowerBound * inner, count: rows.count * inner)
                }
            }
        }
        try profile.time(.projections) { try layer.output.accumulate(w.intermediate, rows: m, into: residual) }
        profile.time(.layerNorm) {
            addAndNormalize(residual, bias: layer.output.bias, rows: m, gamma: layer.outputNormGamma, beta: layer.outputNormBeta)
        }
    }

    /// Each sequence's first row of `hiddenStates`, [sequences × hidden].
    private func firstRows(of hiddenStates: FloatBuffer, batch: PackedBatch) -> FloatBuffer {
        let h = shape.hidden
        let rows = FloatBuffer(count: batch.sequenceCount * h)
        for sequence in 0..<batch.sequenceCount {
            (rows.pointer + sequence * h).update(from: hiddenStates.readOnly + batch.range(of: sequence).lowerBound * h, count: h)
        }
        return rows
    }

    /// `x = LayerNorm(x + bias)` over `rows` rows of `width` (the hidden width unless given), split across the workers.
    private func addAndNormalize(_ x: FloatBuffer, bias: FloatBuffer?, rows: Int, width: Int? = nil, gamma: FloatBuffer, beta: FloatBuffer) {
        let width = width ?? shape.hidden
        Parallel.forEachChunk(of: rows, minimumChunk: 64) { chunk in
            Kernels.addAndLayerNorm(x.pointer + chunk.lowerBound * width, residual: bias?.readOnly, residualStride: 0, rows: chunk.count,
                                    width: width, gamma: gamma.readOnly, beta: beta.readOnly, epsilon: shape.layerNormEpsilon)
        }
    }

    /// Scaled dot-product attention within each sequence, head by head, into `context`: row t of the batch for
    /// every token t, or, when `firstQueryOnly`, row s for sequence s's first token alone.
    /// Sequence–head pairs are spread over the workers; each worker has its own scratch.
    private func attention(qkv: FloatBuffer, batch: PackedBatch, firstQueryOnly: Bool, into context: FloatBuffer, scratch: [FloatBuffer]) {
        let h = shape.hidden, d = shape.headSize, stride = 3 * h, heads = shape.heads
        let scale = 1 / Float(d).squareRoot()
        Parallel.forEachItem(batch.sequenceCount * heads, scratchSpaces: scratch.count) { worker, item in
            let sequence = item / heads, head = item % heads
            let range = batch.range(of: sequence)
            let rows = qkv.readOnly + range.lowerBound * stride
            let out = context.pointer + (firstQueryOnly ? sequence : range.lowerBound) * h + head * d
            Kernels.attention(q: rows + head * d, k: rows + h + head * d, v: rows + 2 * h + head * d, stride: stride,
                              length: range.count, queries: firstQueryOnly ? 1 : range.count, headSize: d, scale: scale,
                              into: out, outStride: h, scratch: scratch[worker].pointer)
        }
    }
}

/// Which rows of the last hidden state an encoder pass computes.
enum EncoderOutput: Sendable {
    /// Every token's row, [tokens × hidden]: what mean pooling reads.
    case everyToken
    /// Each sequence's first token (`[CLS]`, `<s>`), [sequences × hidden]: all a classification head reads. The
    /// last layer then attends from those rows alone and runs its output projection and feed-forward on them alone
    /// (keys and values still come from every token): an eighth of a six-layer model's arithmetic skipped, the kept
    /// rows unchanged.
    case firstTokens
}
