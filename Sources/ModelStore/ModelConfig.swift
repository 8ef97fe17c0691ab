import Foundation

/// The fields of a Hugging Face `config.json` that the engine uses, whatever names the model's family gives them.
public struct ModelConfig: Sendable, Hashable {
    public var architectures: [String]
    public var modelType: String?
    /// The encoder family: from `model_type`, else from the first supported entry of `architectures`.
    public var family: ModelFamily
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    /// Rows of the token-type table; 0 for families without token types (DistilBERT, BERT_Cat).
    public var typeVocabSize: Int
    public var vocabSize: Int
    public var layerNormEps: Double
    public var hiddenAct: String
    /// Label names in id order (`id2label`); its count is `num_labels`.
    public var labels: [String]
    /// Width of the embedding tables: ELECTRA's `embedding_size`, else `hiddenSize`.
    public var embeddingSize: Int
    /// `pad_token_id`; RoBERTa-family positions are counted from after it.
    public var padTokenId: Int

    public init(architectures: [String], modelType: String?, hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int,
                intermediateSize: Int, maxPositionEmbeddings: Int, typeVocabSize: Int, vocabSize: Int,
                layerNormEps: Double, hiddenAct: String, labels: [String], family: ModelFamily = .bert,
                embeddingSize: Int? = nil, padTokenId: Int = 0) {
        self.architectures = architectures
        self.modelType = modelType
        self.family = family
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
        self.embeddingSize = embeddingSize ?? hiddenSize
        self.padTokenId = padTokenId
    }

    /// Parses `config.json` with the field names and defaults of the family's transformers config class
    /// (`BertConfig`, `ElectraConfig`, `DistilBertConfig`, `XLMRobertaConfig`; see `ModelConfig+Families`).
    /// Labels come from `id2label`, else `num_labels` (`LABEL_i`), else transformers' default of two labels;
    /// `BERT_Cat` always has one.
    public static func load(from url: URL) throws -> ModelConfig {
        let json = try JSONObject.read(url)
        guard let listed = try json.array("architectures") else {
            throw ModelStoreError.missingField(url, "architectures")
        }
        let architectures = try listed.map { name in
            guard let name = name as? String else { throw json.invalid("architectures", "must be a list of class names") }
            return name
        }
        let modelType = try json.string("model_type")
        let family = modelType.flatMap(ModelFamily.init(modelType:))
            ?? architectures.lazy.compactMap { SupportedArchitecture(rawValue: $0)?.family }.first
            ?? .bert
        let labels = family == .bertCat ? ["LABEL_0"] : try labels(json)
        switch family {
        case .bert, .electra, .roberta:
            return try bertNames(json, architectures: architectures, modelType: modelType, family: family, labels: labels)
        case .distilBert, .bertCat:
            return try distilBertNames(json, architectures: architectures, modelType: modelType, family: family, labels: labels)
        }
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
