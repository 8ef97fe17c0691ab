/// What a model is used for.
public enum ModelKind: String, Sendable, Hashable, Codable {
    case crossEncoder = "cross-encoder"
    case biEncoder = "bi-encoder"
}
