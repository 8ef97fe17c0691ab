import Foundation
import ModelStore
import Testing
import TestSupport

@Suite("Model folders")
struct ModelFolderTests {
    let temporary: TemporaryFiles

    init() throws {
        temporary = try TemporaryFiles()
    }

    private func folder(_ name: String = "tiny-bert", config: [String: Any] = SyntheticModel.config(),
                        omitting: Set<String> = []) throws -> URL {
        try SyntheticModel.folder(name, in: temporary.directory, config: config, omitting: omitting)
    }

    @Test func opensABiEncoder() throws {
        let url = try folder()
        let model = try ModelFolder.open(url)
        #expect(model.kind == .biEncoder)
        #expect(model.name == "tiny-bert")
        #expect(model.architecture == "BertModel")
        #expect(model.url.path == url.path)
        let expectedSize = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.fileSizeKey])
            .reduce(0) { $0 + (try $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
        #expect(model.sizeOnDisk == Int64(expectedSize))
    }

    @Test(arguments: [1, 2])
    func opensACrossEncoder(labels: Int) throws {
        let config = SyntheticModel.config(["architectures": ["BertForSequenceClassification"], "num_labels": labels])
        let model = try ModelFolder.open(try folder(config: config), name: "org/tiny")
        #expect(model.kind == .crossEncoder)
        #expect(model.name == "org/tiny")
        #expect(model.config.labels.count == labels)
    }

    @Test func refusesAClassifierWithThreeLabels() throws {
        let config = SyntheticModel.config(["architectures": ["BertForSequenceClassification"], "num_labels": 3])
        let error = try #require(throws: ModelStoreError.self) { try ModelFolder.open(try folder(config: config)) }
        guard case .unsupportedArchitecture = error else { Issue.record("got \(error)"); return }
        #expect(error.description == "unsupported architecture BertForSequenceClassification with 3 labels "
            + "(supported: BertForSequenceClassification with 1 or 2 labels, ElectraForSequenceClassification, "
            + "DistilBertForSequenceClassification, BERT_Cat, XLMRobertaForSequenceClassification, BertModel)")
    }

    @Test func refusesAnUnsupportedArchitecture() throws {
        let config = SyntheticModel.config(["architectures": ["DebertaV2ForSequenceClassification"]])
        let error = try #require(throws: ModelStoreError.self) { try ModelFolder.open(try folder(config: config)) }
        guard case .unsupportedArchitecture("DebertaV2ForSequenceClassification", let supported) = error else {
            Issue.record("got \(error)"); return
        }
        #expect(supported == SupportedArchitecture.allCases.map(\.rawValue))
        #expect(error.description == "unsupported architecture DebertaV2ForSequenceClassification (supported: "
            + "BertForSequenceClassification, ElectraForSequenceClassification, DistilBertForSequenceClassification, "
            + "BERT_Cat, XLMRobertaForSequenceClassification, BertModel)")
    }

    @Test func reportsAMissingFolder() throws {
        let url = temporary.directory.appendingPathComponent("nowhere")
        let error = try #require(throws: ModelStoreError.self) { try ModelFolder.open(url) }
        guard case .missingFile(url) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }

    @Test func reportsAMissingConfig() throws {
        let url = try folder(omitting: ["config.json"])
        let error = try #require(throws: ModelStoreError.self) { try ModelFolder.open(url) }
        guard case .missingFile(let file) = error else { Issue.record("got \(error)"); return }
        #expect(file.lastPathComponent == "config.json")
        #expect(error.description.contains(file.path))
    }

    @Test func reportsMissingWeightsNamingEveryFormatRead() throws {
        let url = try folder(omitting: ["model.safetensors"])
        let error = try #require(throws: ModelStoreError.self) { try ModelFolder.open(url) }
        guard case .missingFile(let file) = error else { Issue.record("got \(error)"); return }
        #expect(file.lastPathComponent == "model.safetensors")
        #expect(error.description.contains(url.path))
        #expect(error.description.contains("pytorch_model.bin"))
    }

    @Test func reportsAMissingTokenizer() throws {
        let url = try folder(omitting: ["vocab.txt"])
        let error = try #require(throws: ModelStoreError.self) { try ModelFolder.open(url) }
        guard case .missingFile(let file) = error else { Issue.record("got \(error)"); return }
        #expect(file.deletingLastPathComponent().path == url.standardizedFileURL.path)
        #expect(error.description.contains(url.path))
        #expect(error.description.contains("tokenizer.json"))
        #expect(error.description.contains("vocab.txt"))
    }

    @Test func takesMaxLengthFromSentenceTransformersFirst() throws {
        let url = try folder()
        try SyntheticModel.write(["max_seq_length": 8], to: url.appendingPathComponent("sentence_bert_config.json"))
        #expect(try ModelFolder.open(url).maxLength == 8)
    }

    @Test func takesMaxLengthFromTheTokenizerConfigNext() throws {
        let url = try folder(config: SyntheticModel.config(["max_position_embeddings": 64]))
        try SyntheticModel.write(["model_max_length": 12], to: url.appendingPathComponent("tokenizer_config.json"))
        try SyntheticModel.write(["do_lower_case": false], to: url.appendingPathComponent("sentence_bert_config.json"))
        #expect(try ModelFolder.open(url).maxLength == 12)
    }

    @Test func ignoresAnUnlimitedModelMaxLength() throws {
        let url = try folder()
        try SyntheticModel.write(["model_max_length": 1e30], to: url.appendingPathComponent("tokenizer_config.json"))
        #expect(try ModelFolder.open(url).maxLength == 16)
    }

    @Test func neverExceedsThePositionEmbeddings() throws {
        let url = try folder()
        try SyntheticModel.write(["max_seq_length": 100], to: url.appendingPathComponent("sentence_bert_config.json"))
        #expect(try ModelFolder.open(url).maxLength == 16)
        #expect(try ModelFolder.open(try folder("plain", omitting: ["tokenizer_config.json"])).maxLength == 16)
    }

    @Test func countsFilesBehindSymbolicLinks() throws {
        let url = try folder()
        let blob = try temporary.file("blobs/big")
        try Data(count: 1000).write(to: blob)
        let before = try ModelFolder.open(url).sizeOnDisk
        try FileManager.default.createSymbolicLink(at: url.appendingPathComponent("extra"), withDestinationURL: blob)
        #expect(try ModelFolder.open(url).sizeOnDisk == before + 1000)
    }

    @Test func mapsItsWeights() throws {
        let weights = try ModelFolder.open(try folder()).weights()
        #expect(try weights.floats("weight", shape: [2]) == [1, 2])
    }
}
