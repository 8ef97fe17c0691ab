import Foundation
import ModelStore
import TestSupport

/// Writes small model folders (config, tokenizer files, weights) into temporary directories for tests.
enum SyntheticModel {
    static let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "##s"]

    /// A `config.json` for a tiny BERT; `changes` replace or add fields, and `removing` drops them.
    static func config(_ changes: [String: Any] = [:], removing: [String] = []) -> [String: Any] {
        var config: [String: Any] = [
            "architectures": ["BertModel"], "model_type": "bert", "hidden_size": 4, "num_hidden_layers": 1,
            "num_attention_heads": 1, "intermediate_size": 8, "max_position_embeddings": 16, "vocab_size": vocabulary.count,
        ]
        config.merge(changes) { $1 }
        for key in removing { config[key] = nil }
        return config
    }

    /// A complete folder `name` (may be a relative path) inside `parent`; `omitting` leaves files out.
    @discardableResult
    static func folder(_ name: String = "tiny-bert", in parent: URL, config: [String: Any] = config(),
                       omitting: Set<String> = []) throws -> URL {
        let folder = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files: [String: Data] = [
            "config.json": try json(config),
            "vocab.txt": Data((vocabulary.joined(separator: "\n") + "\n").utf8),
            "tokenizer_config.json": try json(["do_lower_case": true, "model_max_length": 512]),
            "model.safetensors": SafeTensorsWriter.file([
                .init(name: "weight", dtype: "F32", shape: [2], bytes: SafeTensorsWriter.bytes(float32: [1, 2])),
            ]),
        ]
        for (file, contents) in files where !omitting.contains(file) {
            try contents.write(to: folder.appendingPathComponent(file))
        }
        return folder
    }

    static func json(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func write(_ object: Any, to url: URL) throws {
        try json(object).write(to: url)
    }

    /// Writes `config` as `config.json` in `temporary` and reads it back as the store does.
    static func loadConfig(_ config: [String: Any], in temporary: TemporaryFiles) throws -> ModelConfig {
        let url = try temporary.file("config.json")
        try write(config, to: url)
        return try ModelConfig.load(from: url)
    }
}
