import Foundation

/// Everything that can go wrong finding or reading a model, with a message that says what to do.
public enum ModelStoreError: Error, Sendable, CustomStringConvertible {
    case modelNotFound(String, searched: [URL])
    case missingFile(URL)
    case invalidJSON(URL, String)
    case missingField(URL, String)
    case unsupportedArchitecture(String, supported: [String])
    case corruptWeights(URL, String)
    case missingTensor(URL, String)
    case wrongShape(URL, String, expected: [Int], found: [Int])
    case unsupportedDType(URL, String, String)
    /// A pickle asked for a global, an opcode or a value that a PyTorch state dict never needs; nothing was run.
    case refusedPickle(URL, String)
    /// A bare `NAME` matched several `ORG/NAME` entries of the Hugging Face cache.
    case ambiguousModel(String, matches: [String])

    public var description: String {
        switch self {
        case .modelNotFound(let name, let searched):
            let places = searched.isEmpty ? "nowhere" : searched.map(\.path).joined(separator: ", ")
            return "model '\(name)' not found (searched: \(places)); run `rerank models` to list the models available, "
                + "or add the folder that holds it to RERANK_MODEL_PATH (colon-separated directories)"
        case .missingFile(let url):
            return Self.missingFileMessage(url)
        case .invalidJSON(let url, let detail):
            return "\(url.path): \(detail)"
        case .missingField(let url, let field):
            return "\(url.path): required field '\(field)' is missing; the file is incomplete — fetch it again from the model's repository"
        case .unsupportedArchitecture(let architecture, let supported):
            return "unsupported architecture \(architecture) (supported: \(supported.joined(separator: ", ")))"
        case .corruptWeights(let url, let detail):
            return "\(url.path): \(detail)"
        case .missingTensor(let url, let name):
            return "\(url.path): no tensor named '\(name)'; the weights do not match the architecture in config.json — "
                + "fetch config.json and the weights from the same model"
        case .wrongShape(let url, let name, let expected, let found):
            return "\(url.path): tensor '\(name)' has shape \(found) but config.json implies \(expected); "
                + "the weights and config.json belong to different models — fetch both from the same model"
        case .unsupportedDType(let url, let name, let dtype):
            return "\(url.path): tensor '\(name)' has element type \(dtype), which cannot be read as floats "
                + "(F32, F16, BF16 and F64 can); convert the weights to float32 with transformers and save them again"
        case .refusedPickle(let url, let detail):
            return "\(url.path): refused, \(detail); nothing in it was run. A plain state dict never needs that, so the "
                + "file may be malicious: use the model's model.safetensors, or save the weights again from a trusted copy"
        case .ambiguousModel(let name, let matches):
            return "'\(name)' matches several models in the Hugging Face cache (\(matches.joined(separator: ", "))); "
                + "name the one you mean as ORG/NAME"
        }
    }

    private static func missingFileMessage(_ url: URL) -> String {
        switch url.lastPathComponent {
        case ModelFileNames.config:
            return "\(url.path) does not exist; a model folder needs the config.json of a Hugging Face model — "
                + "check the path, or download the complete model folder"
        case ModelFileNames.weights:
            return "\(url.path) does not exist; a model folder needs its weights as model.safetensors, "
                + "model.safetensors.index.json (with its shards), pytorch_model.bin or pytorch_model.bin.index.json "
                + "(with its shards) — download them from the model's Hugging Face page"
        case ModelFileNames.tokenizerJSON, ModelFileNames.vocabulary:
            return "\(url.deletingLastPathComponent().path) has no tokenizer: it needs tokenizer.json, "
                + "or vocab.txt (with tokenizer_config.json); download them from the model's repository"
        default:
            return "\(url.path) does not exist; check the path"
        }
    }
}
