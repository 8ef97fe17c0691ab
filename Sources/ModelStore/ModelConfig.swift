import Foundation

/// The fields of a Hugging Face `config.json` that the engine uses.
public struct ModelConfig: Sendable, Hashable {
    public var architectures: [String]
    public var modelType: String?
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    public var typeVocabSize: Int
    public var vocabSize: Int
    public var layerNormEps: Double
    public var hiddenAct: String
    /// Label names in id order (`id2label`); its count is `num_labels`.
    public var labels: [String]

    public init(architectures: [String], modelType: String?, hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int,
                intermediateSize: Int, maxPositionEmbeddings: Int, typeVocabSize: Int, vocabSize: Int,
                layerNormEps: Double, hiddenAct: String, labels: [String]) {
        self.architectures = architectures
        self.modelType = modelType
        self.hiddenSize = hiddenSize
        self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads
        self.intermediateSize = intermediateSize
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.typeVocabSize = typeVocabSize
        self.vocabSize = vocabSize
        self.layerNormEps = layerNormEps
        self.hiddenAct = hiddenAct
        self.labels = labels
    }

    /// Parses `config.json`. Optional fields take the defaults of transformers' `BertConfig`; labels come from
    /// `id2label`, else `num_labels` (`LABEL_i`), else transformers' default of two labels.
    public static func load(from url: URL) throws -> ModelConfig {
        let json = try JSONObject.read(url)
        guard let architectures = try json.array("architectures") else {
            throw ModelStoreError.missingField(url, "architectures")
        }
        return ModelConfig(
            architectures: try architectures.map { name in
                guard let name = name as? String else { throw json.invalid("architectures", "must be a list of class names") }
                return name
            },
            modelType: try json.string("model_type"),
            hiddenSize: try json.requiredPositive("hidden_size"),
            numHiddenLayers: try json.requiredPositive("num_hidden_layers"),
            numAttentionHeads: try json.requiredPositive("num_attention_heads"),
            intermediateSize: try json.requiredPositive("intermediate_size"),
            maxPositionEmbeddings: try json.requiredPositive("max_position_embeddings"),
            typeVocabSize: try json.int("type_vocab_size") ?? 2,
            vocabSize: try json.requiredPositive("vocab_size"),
            layerNormEps: try json.double("layer_norm_eps") ?? 1e-12,
            hiddenAct: try json.string("hidden_act") ?? "gelu",
            labels: try labels(json))
    }

    private static func labels(_ json: JSONObject) throws -> [String] {
        if let id2label = try json.object("id2label") {
            var byID: [Int: String] = [:]
            for (key, value) in id2label.fields {
                guard let id = Int(key), let label = value as? String else {
                    throw json.invalid("id2label", "must map whole-number ids to label names; fix config.json")
                }
                byID[id] = label
            }
            let labels = (0..<byID.count).compactMap { byID[$0] }
            guard labels.count == byID.count else {
                throw json.invalid("id2label", "must number its labels 0 to \(byID.count - 1) without gaps; fix config.json")
            }
            return labels
        }
        let count = try json.int("num_labels") ?? 2
        return (0..<max(count, 0)).map { "LABEL_\($0)" }
    }
}

private extension JSONObject {
    func requiredPositive(_ key: String) throws -> Int {
        let value = try requiredInt(key)
        guard value > 0 else { throw invalid(key, "must be positive, not \(value); fix config.json") }
        return value
    }
}
