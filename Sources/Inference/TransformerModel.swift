import Foundation
import ModelStore
import Tokenization

/// What cross- and bi-encoders share: a model folder, its tokenizer, its encoder, and length rules.
struct TransformerModel: Sendable {
    let folder: ModelFolder
    let tokenizer: any PairTokenizer
    let encoder: BertEncoder
    let reader: TensorReader

    /// Loads the folder's tokenizer, weights and encoder, its dense layers prepared for `precision`.
    init(folder: ModelFolder, precision: Precision = .fp32) throws {
        try self.init(folder: folder, tokenizer: try Tokenizers.load(folder), precision: precision)
    }

    /// Loads the folder's weights and encoder, with a tokenizer given by the caller (tests feed reference ids).
    init(folder: ModelFolder, tokenizer: any PairTokenizer, precision: Precision = .fp32) throws {
        self.folder = folder
        self.tokenizer = tokenizer
        let variant = EncoderVariant(folder.config)
        reader = TensorReader(file: try folder.weights(), variant: variant)
        encoder = try BertEncoder(shape: try BertShape(folder.config), variant: variant, reader: reader, precision: precision)
    }

    /// The folder's default max length, within what the position table holds.
    var defaultMaxLength: Int { min(folder.maxLength, encoder.maxSequenceLength) }

    /// The max length to use: the request's, else the model's default; checked against positions.
    func maxLength(_ requested: Int?) throws -> Int {
        let limit = encoder.maxSequenceLength
        let value = requested ?? defaultMaxLength
        guard value >= 4, value <= limit else { throw InferenceError.invalidMaxLength(value, limit: limit) }
        return value
    }

    /// "ElectraForSequenceClassification · 12 layers · hidden 768", with the precision when it is not fp32.
    var summary: String {
        let config = folder.config
        let precision = encoder.precision == .reference ? "" : " · \(encoder.precision.rawValue)"
        return "\(folder.architecture) · \(config.numHiddenLayers) layers · hidden \(config.hiddenSize)\(precision)"
    }
}

/// The engine's threads: how many (the caller's number, else one per core) and at what priority.
public enum EngineThreads {
    public static func configure(_ requested: Int?, priority: ComputePriority = .normal) {
        Parallel.setWorkers(requested ?? ProcessInfo.processInfo.activeProcessorCount)
        ComputeThreads.shared.setPriority(priority)
    }
}
