import Foundation
import ModelStore
import Testing
import TestSupport

@Suite("config.json")
struct ModelConfigTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    private func load(_ config: [String: Any]) throws -> ModelConfig {
        try SyntheticModel.loadConfig(config, in: temporary)
    }

    @Test func readsTheFieldsAndFillsBertDefaults() throws {
        let config = try load(SyntheticModel.config())
        #expect(config == ModelConfig(
            architectures: ["BertModel"], modelType: "bert", hiddenSize: 4, numHiddenLayers: 1, numAttentionHeads: 1,
            intermediateSize: 8, maxPositionEmbeddings: 16, typeVocabSize: 2, vocabSize: SyntheticModel.vocabulary.count,
            layerNormEps: 1e-12, hiddenAct: "gelu", labels: ["LABEL_0", "LABEL_1"]))
    }

    @Test func readsStatedOptionalFields() throws {
        let config = try load(SyntheticModel.config(["type_vocab_size": 1, "layer_norm_eps": 1e-5, "hidden_act": "relu"]))
        #expect(config.typeVocabSize == 1)
        #expect(config.layerNormEps == 1e-5)
        #expect(config.hiddenAct == "relu")
    }

    @Test func ordersLabelsByNumericID() throws {
        let id2label = ["10": "k", "2": "c", "0": "a", "1": "b", "3": "d", "4": "e", "5": "f", "6": "g", "7": "h", "8": "i", "9": "j"]
        let config = try load(SyntheticModel.config(["id2label": id2label, "num_labels": 3]))
        #expect(config.labels == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"])
    }

    @Test func namesLabelsFromNumLabels() throws {
        #expect(try load(SyntheticModel.config(["num_labels": 1])).labels == ["LABEL_0"])
        #expect(try load(SyntheticModel.config(["num_labels": 3])).labels == ["LABEL_0", "LABEL_1", "LABEL_2"])
    }

    @Test func refusesLabelIDsWithGaps() throws {
        let error = try #require(throws: ModelStoreError.self) {
            try load(SyntheticModel.config(["id2label": ["0": "a", "2": "c"]]))
        }
        guard case .invalidJSON(let url, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(url.lastPathComponent == "config.json")
        #expect(detail.contains("id2label"))
    }

    @Test(arguments: ["architectures", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                      "max_position_embeddings", "vocab_size"])
    func refusesAMissingRequiredField(field: String) throws {
        let error = try #require(throws: ModelStoreError.self) { try load(SyntheticModel.config(removing: [field])) }
        guard case .missingField(let url, field) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
        #expect(error.description.contains("'\(field)'"))
    }

    @Test func refusesAFieldOfTheWrongType() throws {
        let error = try #require(throws: ModelStoreError.self) { try load(SyntheticModel.config(["hidden_size": "big"])) }
        guard case .invalidJSON(let url, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
        #expect(detail.contains("hidden_size"))
    }

    @Test func refusesAFileThatIsNotJSON() throws {
        let url = try temporary.file("config.json")
        try Data("{\"hidden_size\": 4,".utf8).write(to: url)
        let error = try #require(throws: ModelStoreError.self) { try ModelConfig.load(from: url) }
        guard case .invalidJSON(url, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(detail.contains("not valid JSON"))
        #expect(error.description.contains(url.path))
    }

    @Test func reportsAMissingFile() throws {
        let url = temporary.directory.appendingPathComponent("config.json")
        let error = try #require(throws: ModelStoreError.self) { try ModelConfig.load(from: url) }
        guard case .missingFile(url) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }
}
