import Foundation
import ModelStore
import Testing
import TestSupport
@testable import Inference

/// A head weight that is missing, or a config.json that does not match the weights, is an error naming the
/// tensor and the file; nothing is initialised at random.
@Suite("Architecture loading errors", .enabled(if: Fixtures.sharedAvailable))
struct ArchitectureErrorTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles("rerank-arch")
    }

    /// Loads a (changed) copy of a fixture as a cross-encoder fed with reference ids.
    private func load(_ fixture: String, config: [String: Any] = [:], renaming: [String: String] = [:]) throws -> CrossEncoder {
        let copy = try ArchitectureFixtures.copy(fixture, into: temporary.directory, config: config, renaming: renaming)
        let folder = try ModelFolder.open(copy)
        return try CrossEncoder(folder: folder, tokenizer: ReferenceIdsTokenizer(vocabularySize: folder.config.vocabSize))
    }

    @Test("a missing head weight names the tensor and the file", arguments: [
        ("tiny-electra", "classifier.dense.weight"), ("tiny-electra", "classifier.out_proj.bias"),
        ("tiny-distilbert", "pre_classifier.weight"), ("tiny-distilbert", "classifier.bias"),
        ("tiny-xlmr", "classifier.dense.bias"), ("tiny-bert-cased", "bert.pooler.dense.weight"),
    ])
    func missingHeadWeight(fixture: String, tensor: String) throws {
        let error = try #require(throws: ModelStoreError.self) { try load(fixture, renaming: [tensor: String(tensor.dropLast()) + "_"]) }
        guard case .missingTensor(let url, tensor) = error else { Issue.record("got \(error)"); return }
        #expect(url.lastPathComponent == "model.safetensors")
        #expect(error.description.contains(url.path) && error.description.contains("'\(tensor)'"))
        #expect(!error.description.contains("\n"))
    }

    @Test("ELECTRA without embedding_size reads ElectraConfig's 128, which these weights do not have")
    func electraEmbeddingSizeDefault() throws {
        let error = try #require(throws: ModelStoreError.self) { try load("tiny-electra", config: ["embedding_size": NSNull()]) }
        guard case .wrongShape(_, "electra.embeddings.word_embeddings.weight", [30522, 128], [30522, 16]) = error else {
            Issue.record("got \(error)"); return
        }
    }

    @Test("a config.json that does not match the weights is the store's shape or missing-tensor error", arguments: [
        ("tiny-electra", "hidden_size", 64, "electra.embeddings_project.weight"),
        ("tiny-distilbert", "dim", 64, "distilbert.embeddings.word_embeddings.weight"),
        ("tiny-xlmr", "max_position_embeddings", 512, "roberta.embeddings.position_embeddings.weight"),
        ("tiny-bert-cased", "intermediate_size", 128, "bert.encoder.layer.0.intermediate.dense.weight"),
    ])
    func configDoesNotMatchWeights(fixture: String, field: String, value: Int, tensor: String) throws {
        let error = try #require(throws: ModelStoreError.self) { try load(fixture, config: [field: value]) }
        guard case .wrongShape(_, tensor, _, _) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains("config.json"))
    }

    @Test("more layers in config.json than in the weights name the first missing tensor")
    func moreLayersThanWeights() throws {
        let error = try #require(throws: ModelStoreError.self) { try load("tiny-distilbert", config: ["n_layers": 3]) }
        guard case .missingTensor(_, "distilbert.transformer.layer.2.attention.q_lin.weight") = error else {
            Issue.record("got \(error)"); return
        }
    }

    @Test("an XLM-R padding id beyond the position table is refused")
    func paddingBeyondPositions() throws {
        #expect(throws: InferenceError.invalidConfig("pad_token_id 513 leaves no room in max_position_embeddings 514")) {
            try load("tiny-xlmr", config: ["pad_token_id": 513])
        }
    }
}
