/// Problems the engine finds in a model or a request, with what to do about them.
public enum InferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    case unsupportedActivation(String)
    case invalidConfig(String)
    case sequenceTooLong(Int, limit: Int)
    case tokenOutOfRange(id: Int, type: Int)
    case invalidMaxLength(Int, limit: Int)
    case notABiEncoder(String)
    case notACrossEncoder(String)
    /// A precision this CPU (or its oneDNN) cannot run.
    case kernelUnavailable(String)

    public var description: String {
        switch self {
        case .unsupportedActivation(let name):
            return "unsupported hidden_act \"\(name)\" in config.json (supported: gelu)"
        case .invalidConfig(let detail):
            return "config.json: \(detail)"
        case .sequenceTooLong(let count, let limit):
            return "a sequence of \(count) tokens exceeds the model's \(limit) positions; lower --max-length"
        case .tokenOutOfRange(let id, let type):
            return "token id \(id) (type \(type)) is outside the model's vocabulary; the tokenizer files do not match the weights"
        case .invalidMaxLength(let value, let limit):
            return "max length \(value) is out of range: use 4…\(limit) for this model"
        case .notABiEncoder(let name):
            return "\(name) is a cross-encoder: it scores pairs and has no embeddings; use a bi-encoder such as all-MiniLM-L6-v2"
        case .notACrossEncoder(let name):
            return "\(name) is a bi-encoder, not a cross-encoder"
        case .kernelUnavailable(let detail):
            return "\(detail); use another --precision (fp32 always runs)"
        }
    }
}
