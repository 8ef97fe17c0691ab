/// The transformers model classes the engine can run, and what each is used for.
public enum SupportedArchitecture: String, Sendable, CaseIterable {
    /// A BERT cross-encoder: the pooler (dense + tanh on token 0), then a one- or two-label classifier.
    case bertForSequenceClassification = "BertForSequenceClassification"
    /// An ELECTRA cross-encoder: `classifier.dense` → GELU → `classifier.out_proj` on token 0.
    case electraForSequenceClassification = "ElectraForSequenceClassification"
    /// A DistilBERT cross-encoder: `pre_classifier` → ReLU → `classifier` on token 0.
    case distilBertForSequenceClassification = "DistilBertForSequenceClassification"
    /// sebastian-hofstaetter's `BERT_Cat`: DistilBERT's token 0 → `_classification_layer`, one score.
    case bertCat = "BERT_Cat"
    /// An XLM-RoBERTa cross-encoder (bge-reranker): `classifier.dense` → tanh → `classifier.out_proj` on token 0.
    case xlmRobertaForSequenceClassification = "XLMRobertaForSequenceClassification"
    /// A bi-encoder: BERT's token states are pooled into an embedding.
    case bertModel = "BertModel"

    public var kind: ModelKind {
        switch self {
        case .bertModel: return .biEncoder
        default: return .crossEncoder
        }
    }

    /// The encoder family the class is built on.
    public var family: ModelFamily {
        switch self {
        case .bertForSequenceClassification, .bertModel: return .bert
        case .electraForSequenceClassification: return .electra
        case .distilBertForSequenceClassification: return .distilBert
        case .bertCat: return .bertCat
        case .xlmRobertaForSequenceClassification: return .roberta
        }
    }

    /// Label counts a reranking head may have: one logit, or two classes of which label 1 is "relevant".
    public static let classifierLabelCounts: ClosedRange<Int> = 1...2

    /// The architecture of `config` that the engine supports, checked against its `model_type` and label count.
    static func of(_ config: ModelConfig) throws -> SupportedArchitecture {
        guard let architecture = config.architectures.lazy.compactMap(SupportedArchitecture.init(rawValue:)).first else {
            let named = config.architectures.isEmpty ? "(none listed in config.json)" : config.architectures.joined(separator: ", ")
            throw ModelStoreError.unsupportedArchitecture(named, supported: allCases.map(\.rawValue))
        }
        guard architecture.family == config.family else {
            let mismatch = "\(architecture.rawValue) with model_type \"\(config.modelType ?? "")\""
            throw ModelStoreError.unsupportedArchitecture(mismatch, supported: allCases.map(\.rawValue))
        }
        if architecture.kind == .crossEncoder, !classifierLabelCounts.contains(config.labels.count) {
            let labelled = "\(architecture.rawValue) with \(config.labels.count) labels"
            let counts = "\(classifierLabelCounts.lowerBound) or \(classifierLabelCounts.upperBound)"
            let supported = allCases.map { $0 == architecture ? "\($0.rawValue) with \(counts) labels" : $0.rawValue }
            throw ModelStoreError.unsupportedArchitecture(labelled, supported: supported)
        }
        return architecture
    }
}
