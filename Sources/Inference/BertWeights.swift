import ModelStore

/// The shape of a BERT encoder, from `config.json`.
struct BertShape: Sendable {
    let hidden: Int
    let layers: Int
    let heads: Int
    let intermediate: Int
    let maxPositions: Int
    let typeVocabulary: Int
    let vocabulary: Int
    let layerNormEpsilon: Float

    var headSize: Int { hidden / heads }

    init(_ config: ModelConfig) throws {
        guard config.hiddenAct == "gelu" else {
            throw InferenceError.unsupportedActivation(config.hiddenAct)
        }
        guard config.numAttentionHeads > 0, config.hiddenSize % config.numAttentionHeads == 0 else {
            throw InferenceError.invalidConfig("hidden_size \(config.hiddenSize) is not a multiple of num_attention_heads \(config.numAttentionHeads)")
        }
        hidden = config.hiddenSize
        layers = config.numHiddenLayers
        heads = config.numAttentionHeads
        intermediate = config.intermediateSize
        maxPositions = config.maxPositionEmbeddings
        typeVocabulary = config.typeVocabSize
        vocabulary = config.vocabSize
        layerNormEpsilon = Float(config.layerNormEps)
    }
}

/// The weights of one transformer layer, with Q, K and V fused into one matrix.
struct BertLayerWeights: Sendable {
    let qkvWeight: FloatBuffer          // [3h × h]
    let qkvBias: FloatBuffer            // [3h]
    let attentionOutWeight: FloatBuffer // [h × h]
    let attentionOutBias: FloatBuffer
    let attentionNormGamma: FloatBuffer
    let attentionNormBeta: FloatBuffer
    let intermediateWeight: FloatBuffer // [i × h]
    let intermediateBias: FloatBuffer
    let outputWeight: FloatBuffer       // [h × i]
    let outputBias: FloatBuffer
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

/// Reads tensors by their Hugging Face names, with or without the `bert.` prefix.
struct BertTensorReader {
    let file: any WeightFile

    func read(_ name: String, shape: [Int]) throws -> FloatBuffer {
        let candidates = ["bert." + name, name]
        for candidate in candidates where file.contains(candidate) {
            return FloatBuffer(try file.floats(candidate, shape: shape))
        }
        return FloatBuffer(try file.floats(name, shape: shape)) // throws the store's "missing tensor" error
    }

    func dense(_ prefix: String, inputs: Int, outputs: Int) throws -> DenseWeights {
        DenseWeights(weight: try read(prefix + ".weight", shape: [outputs, inputs]),
                     bias: try read(prefix + ".bias", shape: [outputs]),
                     inputs: inputs, outputs: outputs)
    }

    func layer(_ index: Int, shape: BertShape) throws -> BertLayerWeights {
        let h = shape.hidden
        let p = "encoder.layer.\(index)."
        let q = try dense(p + "attention.self.query", inputs: h, outputs: h)
        let k = try dense(p + "attention.self.key", inputs: h, outputs: h)
        let v = try dense(p + "attention.self.value", inputs: h, outputs: h)
        let attentionOut = try dense(p + "attention.output.dense", inputs: h, outputs: h)
        let intermediate = try dense(p + "intermediate.dense", inputs: h, outputs: shape.intermediate)
        let output = try dense(p + "output.dense", inputs: shape.intermediate, outputs: h)
        return BertLayerWeights(
            qkvWeight: FloatBuffer(q.weight.array() + k.weight.array() + v.weight.array()),
            qkvBias: FloatBuffer(q.bias.array() + k.bias.array() + v.bias.array()),
            attentionOutWeight: attentionOut.weight, attentionOutBias: attentionOut.bias,
            attentionNormGamma: try read(p + "attention.output.LayerNorm.weight", shape: [h]),
            attentionNormBeta: try read(p + "attention.output.LayerNorm.bias", shape: [h]),
            intermediateWeight: intermediate.weight, intermediateBias: intermediate.bias,
            outputWeight: output.weight, outputBias: output.bias,
            outputNormGamma: try read(p + "output.LayerNorm.weight", shape: [h]),
            outputNormBeta: try read(p + "output.LayerNorm.bias", shape: [h]))
    }
}
