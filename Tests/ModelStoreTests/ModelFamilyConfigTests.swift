import Foundation
import ModelStore
import Testing
import TestSupport

/// Each family's `config.json` names and defaults, and which architecture a config stands for.
@Suite("config.json of every family")
struct ModelFamilyConfigTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    private func load(_ config: [String: Any]) throws -> ModelConfig {
        try SyntheticModel.loadConfig(config, in: temporary)
    }

    /// A DistilBERT config; `changes` replace or add fields.
    private static func distilBert(_ changes: [String: Any] = [:]) -> [String: Any] {
        let config: [String: Any] = [
            "architectures": ["DistilBertForSequenceClassification"], "model_type": "distilbert", "dim": 32, "n_layers": 2,
            "n_heads": 4, "hidden_dim": 64, "vocab_size": 100, "max_position_embeddings": 64, "num_labels": 1,
        ]
        return config.merging(changes) { $1 }
    }

    @Test func electraReadsEmbeddingSize() throws {
        let config = try load(SyntheticModel.config(["model_type": "electra", "embedding_size": 2,
                                                     "architectures": ["ElectraForSequenceClassification"]]))
        #expect(config.family == .electra)
        #expect(config.embeddingSize == 2)
        #expect(config.hiddenSize == 4)
    }

    @Test func electraWithoutEmbeddingSizeTakesElectraConfigsDefaultNotHiddenSize() throws {
        let config = try load(SyntheticModel.config(["model_type": "electra", "architectures": ["ElectraForSequenceClassification"]]))
        #expect(config.embeddingSize == 128)
    }

    @Test func bertEmbeddingsAreHiddenWide() throws {
        let config = try load(SyntheticModel.config(["embedding_size": 2]))
        #expect(config.family == .bert)
        #expect(config.embeddingSize == 4)
    }

    @Test func distilBertReadsItsOwnNames() throws {
        let config = try load(Self.distilBert(["activation": "gelu", "layer_norm_eps": 1e-5, "type_vocab_size": 2]))
        #expect(config == ModelConfig(
            architectures: ["DistilBertForSequenceClassification"], modelType: "distilbert", hiddenSize: 32, numHiddenLayers: 2,
            numAttentionHeads: 4, intermediateSize: 64, maxPositionEmbeddings: 64, typeVocabSize: 0, vocabSize: 100,
            layerNormEps: 1e-12, hiddenAct: "gelu", labels: ["LABEL_0"], family: .distilBert))
    }

    @Test(arguments: ["dim", "n_layers", "n_heads", "hidden_dim", "vocab_size", "max_position_embeddings"])
    func distilBertRefusesAMissingSize(field: String) throws {
        var json = Self.distilBert()
        json[field] = nil
        let error = try #require(throws: ModelStoreError.self) { try load(json) }
        guard case .missingField(_, field) = error else { Issue.record("got \(error)"); return }
    }

    @Test func distilBertActivationIsRead() throws {
        #expect(try load(Self.distilBert(["activation": "relu"])).hiddenAct == "relu")
    }

    @Test func bertCatWithoutSizesIsDistilBertBaseUncased() throws {
        let config = try load(["model_type": "BERT_Cat", "architectures": ["BERT_Cat"], "bert_model": "distilbert-base-uncased",
                               "trainable": true])
        #expect(config == ModelConfig(
            architectures: ["BERT_Cat"], modelType: "BERT_Cat", hiddenSize: 768, numHiddenLayers: 6, numAttentionHeads: 12,
            intermediateSize: 3072, maxPositionEmbeddings: 512, typeVocabSize: 0, vocabSize: 30522, layerNormEps: 1e-12,
            hiddenAct: "gelu", labels: ["LABEL_0"], family: .bertCat))
    }

    @Test func bertCatReadsTheSizesItStates() throws {
        let config = try load(["model_type": "BERT_Cat", "architectures": ["BERT_Cat"], "dim": 32, "n_layers": 2, "num_labels": 2])
        #expect(config.hiddenSize == 32)
        #expect(config.numHiddenLayers == 2)
        #expect(config.numAttentionHeads == 12)
        #expect(config.labels == ["LABEL_0"], "BERT_Cat's _classification_layer gives one score")
    }

    @Test func xlmRobertaReadsEpsPaddingAndOneTokenType() throws {
        let config = try load(SyntheticModel.config([
            "model_type": "xlm-roberta", "architectures": ["XLMRobertaForSequenceClassification"], "layer_norm_eps": 1e-5,
            "pad_token_id": 1, "type_vocab_size": 1, "max_position_embeddings": 514,
        ]))
        #expect(config.family == .roberta)
        #expect(config.layerNormEps == 1e-5)
        #expect(config.padTokenId == 1)
        #expect(config.typeVocabSize == 1)
        #expect(config.maxPositionEmbeddings == 514)
    }

    @Test func robertaPaddingDefaultsToOneAndBertsToZero() throws {
        #expect(try load(SyntheticModel.config(["model_type": "roberta"])).padTokenId == 1)
        #expect(try load(SyntheticModel.config()).padTokenId == 0)
    }

    @Test func withoutModelTypeTheFamilyComesFromTheArchitecture() throws {
        let config = try load(SyntheticModel.config(["architectures": ["ElectraForSequenceClassification"], "embedding_size": 2],
                                                    removing: ["model_type"]))
        #expect(config.family == .electra)
        #expect(config.embeddingSize == 2)
    }

    @Test func refusesANonPositiveSize() throws {
        let error = try #require(throws: ModelStoreError.self) { try load(Self.distilBert(["n_heads": 0])) }
        guard case .invalidJSON(_, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(detail.contains("'n_heads' must be positive"))
    }

    @Test(.enabled(if: Fixtures.sharedAvailable), arguments: [
        ("tiny-electra", ModelFamily.electra, 32, 16), ("tiny-distilbert", .distilBert, 32, 32), ("tiny-bert-cat", .bertCat, 32, 32),
        ("tiny-xlmr", .roberta, 32, 32), ("tiny-bert-cased", .bert, 32, 32), ("tiny-bert-2label-bin", .bert, 32, 32),
    ])
    func readsEveryFixtureConfig(fixture: String, family: ModelFamily, hidden: Int, embedding: Int) throws {
        let url = Fixtures.architectureFixture(fixture).appendingPathComponent("config.json")
        let config = try ModelConfig.load(from: url)
        #expect(config.family == family)
        #expect(config.hiddenSize == hidden)
        #expect(config.embeddingSize == embedding)
        #expect(config.numHiddenLayers == 2)
        #expect(config.numAttentionHeads == 4)
        #expect(config.intermediateSize == 64)
        #expect(config.labels.count == (fixture == "tiny-bert-2label-bin" ? 2 : 1))
    }
}

/// Which architectures the engine runs, and what each is used for.
@Suite("supported architectures")
struct SupportedArchitectureTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    @Test(arguments: [
        ("ElectraForSequenceClassification", "electra"), ("DistilBertForSequenceClassification", "distilbert"),
        ("BERT_Cat", "BERT_Cat"), ("XLMRobertaForSequenceClassification", "xlm-roberta"),
        ("BertForSequenceClassification", "bert"),
    ])
    func opensEveryCrossEncoder(architecture: String, modelType: String) throws {
        let config = SyntheticModel.config(["architectures": [architecture], "model_type": modelType, "num_labels": 1,
                                            "dim": 4, "n_layers": 1, "n_heads": 1, "hidden_dim": 8])
        let folder = try ModelFolder.open(try SyntheticModel.folder(in: temporary.directory, config: config))
        #expect(folder.kind == .crossEncoder)
        #expect(folder.architecture == architecture)
    }

    @Test func refusesAnArchitectureOfAnotherFamilyThanItsModelType() throws {
        let config = SyntheticModel.config(["architectures": ["ElectraForSequenceClassification"], "model_type": "bert"])
        let error = try #require(throws: ModelStoreError.self) {
            try ModelFolder.open(try SyntheticModel.folder(in: temporary.directory, config: config))
        }
        guard case .unsupportedArchitecture(let named, _) = error else { Issue.record("got \(error)"); return }
        #expect(named == "ElectraForSequenceClassification with model_type \"bert\"")
    }

    @Test func refusesAnElectraHeadWithThreeLabels() throws {
        let config = SyntheticModel.config(["architectures": ["ElectraForSequenceClassification"], "model_type": "electra",
                                            "num_labels": 3])
        let error = try #require(throws: ModelStoreError.self) {
            try ModelFolder.open(try SyntheticModel.folder(in: temporary.directory, config: config))
        }
        #expect(error.description.hasPrefix("unsupported architecture ElectraForSequenceClassification with 3 labels"))
    }
}
