import Foundation

/// The files of a repository rerank fetches: the config, the tokenizer and sentence-transformers files that exist,
/// and one choice of weights in sentence-transformers' order of preference. Never ONNX, OpenVINO, TF or Flax files.
struct FileSelection: Equatable {
    /// Files to fetch first, the weights (or their index) last.
    let files: [String]
    /// The sharded index among `files`, whose shards are fetched once it has been read.
    let shardIndex: String?

    static let config = "config.json"
    /// Fetched when the repository has them.
    static let companions = [
        "tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json", "added_tokens.json",
        "sentencepiece.bpe.model", "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json",
        "1_Pooling/config.json",
    ]

    /// The weights, most preferred first: a single file, or an index whose `weight_map` names the shards.
    enum Weights: Equatable {
        case single(String)
        case sharded(index: String)
    }

    static let weightChoices: [Weights] = [
        .single("model.safetensors"), .sharded(index: "model.safetensors.index.json"),
        .single("pytorch_model.bin"), .sharded(index: "pytorch_model.bin.index.json"),
    ]

    /// The selection among `available`; throws when there is no config.json or no weights rerank can read.
    init(available: Set<String>, repository: String, revision: String) throws(HubError) {
        guard available.contains(Self.config) else {
            throw HubError.fileNotFound(repository, revision: revision, file: Self.config)
        }
        let weights = Self.weightChoices.first { choice in
            switch choice {
            case .single(let file), .sharded(index: let file): return available.contains(file)
            }
        }
        guard let weights else { throw HubError.noWeights(repository, revision: revision) }
        let companions = Self.companions.filter(available.contains)
        switch weights {
        case .single(let file):
            files = [Self.config] + companions + [file]
            shardIndex = nil
        case .sharded(let index):
            files = [Self.config] + companions + [index]
            shardIndex = index
        }
    }

    /// The shard files an index's `weight_map` names, each once, sorted; every one must be a safe path that the
    /// repository lists.
    static func shards(inIndex data: Data, index: String, available: Set<String>, repository: String,
                       revision: String) throws(HubError) -> [String] {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let map = object["weight_map"] as? [String: Any] else {
            throw HubError.invalidResponse(repository, detail: "\(index) has no 'weight_map' object")
        }
        let folder = (index as NSString).deletingLastPathComponent
        var shards: Set<String> = []
        for case let name as String in map.values {
            let path = folder.isEmpty ? name : folder + "/" + name
            guard HubPaths.isSafeRepositoryPath(path) else {
                throw HubError.invalidResponse(repository, detail: "\(index) names an unusable shard path '\(name)'")
            }
            guard available.contains(path) else { throw HubError.fileNotFound(repository, revision: revision, file: path) }
            shards.insert(path)
        }
        guard !shards.isEmpty else { throw HubError.invalidResponse(repository, detail: "\(index) names no shards") }
        return shards.sorted()
    }
}
