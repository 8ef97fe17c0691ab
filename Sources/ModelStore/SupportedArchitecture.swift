/// The transformers model classes the engine can run, and what each is used for.
public enum SupportedArchitecture: String, Sendable, CaseIterable {
    /// A cross-encoder: the pair goes through BERT and a one- or two-label head scores it.
    case bertForSequenceClassification = "BertForSequenceClassification"
    /// A bi-encoder: BERT's token states are pooled into an embedding.
    case bertModel = "BertModel"

    public var kind: ModelKind {
        switch self {
        case .bertForSequenceClassification: return .crossEncoder
        case .bertModel: return .biEncoder
        }
    }

    /// Label counts a reranking head may have: one logit, or two classes of which label 1 is "relevant".
    public static let classifierLabelCounts: ClosedRange<Int> = 1...2

    /// The architecture of `config` that the engine supports, checked against the label count.
    static func of(_ config: ModelConfig) throws -> SupportedArchitecture {
        guard let architecture = config.architectures.lazy.compactMap(SupportedArchitecture.init(rawValue:)).first else {
            let named = config.architectures.isEmpty ? "(none listed in config.json)" : config.architectures.joined(separator: ", ")
            throw ModelStoreError.unsupportedArchitecture(named, supported: allCases.map(\.rawValue))
        }
        if architecture == .bertForSequenceClassification, !classifierLabelCounts.contains(config.labels.count) {
            let labelled = "\(architecture.rawValue) with \(config.labels.count) labels"
            let counts = "\(classifierLabelCounts.lowerBound) or \(classifierLabelCounts.upperBound)"
            let supported = allCases.map { $0 == architecture ? "\($0.rawValue) with \(counts) labels" : $0.rawValue }
            throw ModelStoreError.unsupportedArchitecture(labelled, supported: supported)
        }
        return architecture
    }
}
