import ModelStore

/// The shape of a BERT-family encoder, from `config.json`.
struct BertShape: Sendable {
    let hidden: Int
    /// Width of the embedding tables; differs from `hidden` only in ELECTRA, which then projects.
    let embedding: Int
    let layers: Int
    let heads: Int
    let intermediate: Int
    let maxPositions: Int
    /// Rows of the token-type table; 0 when the family has none.
    let typeVocabulary: Int
    let vocabulary: Int
    let layerNormEpsilon: Float

    var headSize: Int { hidden / heads }
    /// True when the embeddings are projected from `embedding` to `hidden` (ELECTRA's `embeddings_project`).
    var projectsEmbeddings: Bool { embedding != hidden }

    init(_ config: ModelConfig) throws {
        guard config.hiddenAct == "gelu" else {
            throw InferenceError.unsupportedActivation(config.hiddenAct)
        }
        guard config.numAttentionHeads > 0, config.hiddenSize % config.numAttentionHeads == 0 else {
            throw InferenceError.invalidConfig("hidden_size \(config.hiddenSize) is not a multiple of num_attention_heads \(config.numAttentionHeads)")
        }
        hidden = config.hiddenSize
        embedding = config.embeddingSize
        layers = config.numHiddenLayers
        heads = config.numAttentionHeads
        intermediate = config.intermediateSize
        maxPositions = config.maxPositionEmbeddings
        typeVocabulary = config.typeVocabSize
        vocabulary = config.vocabSize
        layerNormEpsilon = Float(config.layerNormEps)
    }
}

/// One transformer layer, its dense layers prepared for a precision, with Q, K and V fused into one.
struct BertLayerWeights: Sendable {
    let qkv: DenseLayer                 // [3h × h]
    let attentionOutput: DenseLayer     // [h × h]
    let attentionNormGamma: FloatBuffer
    let attentionNormBeta: FloatBuffer
    let intermediate: DenseLayer        // [i × h]
    let output: DenseLayer              // [h × i]
    let outputNormGamma: FloatBuffer
    let outputNormBeta: FloatBuffer
}

/// A dense layer `y = x·Wᵀ + b` as PyTorch stores it (`weight` is [out × in]).
struct DenseWeights: Sendable {
    let weight: FloatBuffer
    let bias: FloatBuffer
    let inputs: Int
    let outputs: Int
}

/// Where a tensor sits in a checkpoint: in the encoder (under the checkpoint's encoder prefix) or in the task
/// head (`classifier.*`, `pre_classifier.*`, `_classification_layer.*`, never prefixed).
enum TensorName: Sendable, Hashable {
    case encoder(String)
    case head(String)

    func appending(_ suffix: String) -> TensorName {
        switch self {
        case .encoder(let name): return .encoder(name + suffix)
        case .head(let name): return .head(name + suffix)
        }
    }
}

/// Reads a checkpoint's tensors by their Hugging Face names. Tensors the architecture does not use
/// (`fit_dense.*`, `position_ids`, an unused `embeddings_project`) are never asked for; a missing or
/// mis-shaped one is the weight file's `missingTensor` / `wrongShape` error, naming the tensor and the file.
struct TensorReader: Sendable {
    let file: any WeightFile
    /// The prefix the checkpoint's encoder tensors carry: the family's, or "" when no tensor has it.
    let encoderPrefix: String

    init(file: any WeightFile, variant: EncoderVariant) {
        self.file = file
        let prefix = variant.tensorPrefix
        encoderPrefix = file.tensorNames.contains { $0.hasPrefix(prefix) } ? prefix : ""
    }

    /// The tensor in place in the mapped file when it is stored as F32, else converted to a heap copy.
    func read(_ name: TensorName, shape: [Int]) throws -> FloatBuffer {
        let stored: String
        switch name {
        case .encoder(let name): stored = encoderPrefix + name
        case .head(let name): stored = name
        }
        if let mapped = try file.mappedFloats(stored, shape: shape) { return FloatBuffer(mapped: mapped) }
        return FloatBuffer(try file.floats(stored, shape: shape))
    }

    func dense(_ name: TensorName, inputs: Int, outputs: Int) throws -> DenseWeights {
        DenseWeights(weight: try read(name.appending(".weight"), shape: [outputs, inputs]),
                     bias: try read(name.appending(".bias"), shape: [outputs]),
                     inputs: inputs, outputs: outputs)
    }

    /// A LayerNorm's gamma and beta (`NAME.weight`, `NAME.bias`).
    func norm(_ name: TensorName, width: Int) throws -> (gamma: FloatBuffer, beta: FloatBuffer) {
        (try read(name.appending(".weight"), shape: [width]), try read(name.appending(".bias"), shape: [width]))
    }

    func layer(_ index: Int, shape: BertShape, names: LayerTensorNames, precision: Precision) throws -> BertLayerWeights {
        let h = shape.hidden
        func tensor(_ name: String) -> TensorName { .encoder(names.layer + "\(index)." + name) }
        let q = try dense(tensor(names.query), inputs: h, outputs: h)
        let k = try dense(tensor(names.key), inputs: h, outputs: h)
        let v = try dense(tensor(names.value), inputs: h, outputs: h)
        let attentionOut = try dense(tensor(names.attentionOutput), inputs: h, outputs: h)
        let attentionNorm = try norm(tensor(names.attentionNorm), width: h)
        let intermediate = try dense(tensor(names.intermediate), inputs: h, outputs: shape.intermediate)
        let output = try dense(tensor(names.output), inputs: shape.intermediate, outputs: h)
        let outputNorm = try norm(tensor(names.outputNorm), width: h)
        let qkv = DenseWeights(weight: FloatBuffer(q.weight.array() + k.weight.array() + v.weight.array()),
                               bias: FloatBuffer(q.bias.array() + k.bias.array() + v.bias.array()), inputs: h, outputs: 3 * h)
        return BertLayerWeights(
            qkv: try DenseLayer(qkv, precision: precision),
            attentionOutput: try DenseLayer(attentionOut, precision: precision),
            attentionNormGamma: attentionNorm.gamma, attentionNormBeta: attentionNorm.beta,
            intermediate: try DenseLayer(intermediate, precision: precision),
            output: try DenseLayer(output, precision: precision),
            outputNormGamma: outputNorm.gamma, outputNormBeta: outputNorm.beta)
    }
}
