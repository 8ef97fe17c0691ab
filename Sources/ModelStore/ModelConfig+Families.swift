/// One reader per set of `config.json` field names: BERT's (BERT, ELECTRA, RoBERTa / XLM-R) and DistilBERT's
/// (DistilBERT, BERT_Cat). Every size is read from the file; a default is used only where the family's
/// transformers config class has one that real configs rely on.
extension ModelConfig {
    /// `ElectraConfig`'s `embedding_size` when a config leaves it out (not `hidden_size`).
    static let electraDefaultEmbeddingSize = 128

    /// distilbert-base-uncased's sizes: the encoder of `BERT_Cat`, whose config normally names only that model.
    static let distilBertBaseUncased = DistilBertSizes(dim: 768, layers: 6, heads: 12, hiddenDim: 3072, vocabulary: 30522,
                                                      maxPositions: 512)

    /// The sizes a DistilBERT config states.
    struct DistilBertSizes {
        let dim: Int, layers: Int, heads: Int, hiddenDim: Int, vocabulary: Int, maxPositions: Int
    }

    /// BERT's names (`hidden_size`, `num_hidden_layers`, …); ELECTRA adds `embedding_size`, RoBERTa's padding
    /// id defaults to 1.
    static func bertNames(_ json: JSONObject, architectures: [String], modelType: String?, family: ModelFamily,
                          labels: [String]) throws -> ModelConfig {
        let hidden = try json.positive("hidden_size")
        let embedding = family == .electra ? try json.positive("embedding_size", default: electraDefaultEmbeddingSize) : hidden
        return ModelConfig(
            architectures: architectures, modelType: modelType,
            hiddenSize: hidden,
            numHiddenLayers: try json.positive("num_hidden_layers"),
            numAttentionHeads: try json.positive("num_attention_heads"),
            intermediateSize: try json.positive("intermediate_size"),
            maxPositionEmbeddings: try json.positive("max_position_embeddings"),
            typeVocabSize: try json.int("type_vocab_size") ?? 2,
            vocabSize: try json.positive("vocab_size"),
            layerNormEps: try json.double("layer_norm_eps") ?? 1e-12,
            hiddenAct: try json.string("hidden_act") ?? "gelu",
            labels: labels, family: family, embeddingSize: embedding,
            padTokenId: try json.int("pad_token_id") ?? (family == .roberta ? 1 : 0))
    }

    /// DistilBERT's names (`dim`, `n_layers`, `n_heads`, `hidden_dim`, `activation`). Its LayerNorm eps is
    /// fixed at 1e-12 and it has no token types. `BERT_Cat` takes each size missing from its config from
    /// distilbert-base-uncased.
    static func distilBertNames(_ json: JSONObject, architectures: [String], modelType: String?, family: ModelFamily,
                                labels: [String]) throws -> ModelConfig {
        let fallback = family == .bertCat ? distilBertBaseUncased : nil
        let dim = try json.positive("dim", default: fallback?.dim)
        return ModelConfig(
            architectures: architectures, modelType: modelType,
            hiddenSize: dim,
            numHiddenLayers: try json.positive("n_layers", default: fallback?.layers),
            numAttentionHeads: try json.positive("n_heads", default: fallback?.heads),
            intermediateSize: try json.positive("hidden_dim", default: fallback?.hiddenDim),
            maxPositionEmbeddings: try json.positive("max_position_embeddings", default: fallback?.maxPositions),
            typeVocabSize: 0,
            vocabSize: try json.positive("vocab_size", default: fallback?.vocabulary),
            layerNormEps: 1e-12,
            hiddenAct: try json.string("activation") ?? "gelu",
            labels: labels, family: family, embeddingSize: dim,
            padTokenId: try json.int("pad_token_id") ?? 0)
    }
}

extension JSONObject {
    /// A positive whole number; `fallback` when the field is absent, and `missingField` when there is none.
    func positive(_ key: String, default fallback: Int? = nil) throws -> Int {
        guard let value = try int(key) else {
            if let fallback { return fallback }
            throw ModelStoreError.missingField(url, fieldName(key))
        }
        guard value > 0 else { throw invalid(key, "must be positive, not \(value); fix config.json") }
        return value
    }
}
