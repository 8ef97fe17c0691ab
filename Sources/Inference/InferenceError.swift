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
    /// `--windows`/`:windows` values that make no sense; the text says which and why.
    case invalidWindows(String)
    /// Windows of `length` passage tokens do not fit `maxLength` beside `query` (cross-encoders) or the
    /// special tokens alone (bi-encoders); `capacity` is the most that fits.
    case windowTooLong(length: Int, capacity: Int, maxLength: Int, query: String?)
    /// An attribution would score `count` variants, more than `limit` allows.
    case tooManyUnits(count: Int, limit: Int, unit: TextUnitKind)

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
        case .invalidWindows(let reason):
            return reason
        case .windowTooLong(let length, let capacity, let maxLength, let query):
            let beside = query.map { "beside the query \"\($0)\" and the special tokens" } ?? "beside the special tokens"
            guard capacity >= 1 else {
                return "no window fits max length \(maxLength) \(beside); use a shorter query or a larger --max-length"
            }
            return "a window of \(length) passage tokens does not fit max length \(maxLength) \(beside): use LEN ≤ \(capacity)"
        case .tooManyUnits(let count, let limit, let unit):
            let advice = unit == .word ? "explain sentences instead, or a shorter passage" : "use a shorter passage"
            return "explaining by \(unit.plural) would score \(count) variants of the pair, more than the \(limit) allowed; \(advice)"
        }
    }
}
