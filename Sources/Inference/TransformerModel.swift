import Foundation
import ModelStore
import Tokenization

/// What cross- and bi-encoders share: a model folder, its tokenizer, its encoder, and length rules.
struct TransformerModel: Sendable {
    let folder: ModelFolder
    let tokenizer: any PairTokenizer
    let encoder: BertEncoder
    let reader: BertTensorReader

    init(folder: ModelFolder) throws {
        self.folder = folder
        tokenizer = try Tokenizers.load(folder)
        reader = BertTensorReader(file: try folder.weights())
        encoder = try BertEncoder(shape: try BertShape(folder.config), reader: reader)
    }

    /// The max length to use: the request's, else the model's default; checked against positions.
    func maxLength(_ requested: Int?) throws -> Int {
        let limit = encoder.shape.maxPositions
        let value = requested ?? folder.maxLength
        guard value >= 4, value <= limit else { throw InferenceError.invalidMaxLength(value, limit: limit) }
        return value
    }

    /// "BertForSequenceClassification · 6 layers · hidden 384".
    var summary: String {
        let config = folder.config
        return "\(config.architectures.first ?? "?") · \(config.numHiddenLayers) layers · hidden \(config.hiddenSize)"
    }
}

/// The engine's threads: how many (the caller's number, else one per core) and at what priority.
public enum EngineThreads {
    public static func configure(_ requested: Int?, priority: ComputePriority = .normal) {
        Parallel.setWorkers(requested ?? ProcessInfo.processInfo.activeProcessorCount)
        ComputeThreads.shared.setPriority(priority)
    }
}
