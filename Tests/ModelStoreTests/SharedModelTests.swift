import Foundation
import ModelStore
import TestSupport
import Testing

@Suite("Shared model folders", .enabled(if: Fixtures.sharedAvailable))
struct SharedModelTests {
    @Test func opensTheCrossEncoder() throws {
        let model = try ModelFolder.open(Fixtures.crossEncoder)
        #expect(model.name == "ms-marco-MiniLM-L6-ce-local")
        #expect(model.kind == .crossEncoder)
        #expect(model.architecture == "BertForSequenceClassification")
        #expect(model.config.numHiddenLayers == 6)
        #expect(model.config.hiddenSize == 384)
        #expect(model.config.numAttentionHeads == 12)
        #expect(model.config.labels == ["LABEL_0"])
        #expect(model.maxLength == 512)
        #expect(model.sizeOnDisk > 90_000_000)
        #expect(model.note == "locally trained")
    }

    @Test func opensTheSecondCrossEncoderWithItsF16Weights() throws {
        let model = try ModelFolder.open(Fixtures.crossEncoderV2)
        #expect(model.name == "ms-marco-MiniLM-L6-ce-local-v2")
        #expect(model.kind == .crossEncoder)
        #expect(model.config.numHiddenLayers == 6)
        #expect(model.config.labels == ["LABEL_0"])
        #expect(model.maxLength == 512)
        #expect(model.note == "locally trained")
        let weights = try model.weights()
        #expect((weights as? SafeTensorsFile)?.tensors["classifier.weight"]?.dtype == .f16)
        #expect(try weights.floats("classifier.weight", shape: [1, 384]).contains { $0 != 0 })
    }

    @Test func opensTheBiEncoder() throws {
        let model = try ModelFolder.open(Fixtures.biEncoder)
        #expect(model.kind == .biEncoder)
        #expect(model.config.numHiddenLayers == 6)
        #expect(model.config.hiddenSize == 384)
        #expect(model.config.intermediateSize == 1536)
        #expect(model.config.labels == ["LABEL_0", "LABEL_1"])
        #expect(model.maxLength == 256)
        #expect(model.note == nil)
    }

    @Test(arguments: [Fixtures.crossEncoder, Fixtures.biEncoder])
    func describesTheTokenizer(folder: URL) throws {
        let description = try #require(try ModelFolder.open(folder).tokenizer().wordPiece)
        #expect(description.vocabulary.count == 30522)
        #expect(description.vocabulary[101] == "[CLS]")
        #expect(description.lowercase)
        #expect(description.stripAccents == nil)
        #expect(description.handleChineseChars)
        #expect(description.cleanText)
        #expect([description.unknownToken, description.classifierToken, description.separatorToken, description.paddingToken]
            == ["[UNK]", "[CLS]", "[SEP]", "[PAD]"])
        #expect(description.modelMaxLength == 512)
    }

    @Test func vocabTxtAndTokenizerJSONAgree() throws {
        let fromJSON = try #require(try ModelFolder.open(Fixtures.biEncoder).tokenizer().wordPiece).vocabulary
        let text = try String(contentsOf: Fixtures.biEncoder.appendingPathComponent("vocab.txt"), encoding: .utf8)
        #expect(fromJSON == text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init))
    }

    @Test func readsTheCrossEncoderWeights() throws {
        let weights = try ModelFolder.open(Fixtures.crossEncoder).weights()
        let gamma = try weights.floats("bert.embeddings.LayerNorm.weight", shape: [384])
        #expect(gamma.count == 384)
        #expect(gamma.allSatisfy { $0.isFinite })
        #expect(gamma.contains { $0 != 0 })
        #expect(weights.tensorNames.count == 105)
        let classifier = try weights.floats("classifier.weight", shape: [1, 384])
        #expect(classifier.count == 384)
    }

    @Test func readsTheBiEncoderWeightsButNotItsPositionIDsAsFloats() throws {
        let weights = try ModelFolder.open(Fixtures.biEncoder).weights()
        #expect(try weights.floats("embeddings.LayerNorm.weight", shape: [384]).count == 384)
        #expect(try weights.floats("embeddings.word_embeddings.weight", shape: [30522, 384]).count == 30522 * 384)
        #expect((weights as? SafeTensorsFile)?.tensors["embeddings.position_ids"]?.dtype == .i64)
        let error = try #require(throws: ModelStoreError.self) { try weights.floats("embeddings.position_ids", shape: [1, 512]) }
        guard case .unsupportedDType(_, "embeddings.position_ids", "I64") = error else { Issue.record("got \(error)"); return }
    }

    @Test func findsTheSharedModelsOnTheSearchPath() throws {
        let locator = ModelLocator(environment: ["HOME": "/nonexistent-home", "RERANK_MODEL_PATH": Fixtures.models.path])
        #expect(try locator.resolve("all-MiniLM-L6-v2").kind == .biEncoder)
        #expect(try locator.resolve("cross-encoder/ms-marco-MiniLM-L6-ce-local").kind == .crossEncoder)
        let (models, problems) = locator.discover()
        #expect(models.map(\.name) == ["all-MiniLM-L6-v2", "ms-marco-MiniLM-L6-ce-local", "ms-marco-MiniLM-L6-ce-local-v2"])
        #expect(problems.isEmpty)
    }
}
