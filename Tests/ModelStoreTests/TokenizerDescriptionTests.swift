import Foundation
import ModelStore
import Testing
import TestSupport

@Suite("Tokenizer files")
struct TokenizerDescriptionTests {
    let temporary: TemporaryFiles
    let folder: URL

    init() throws {
        temporary = try TemporaryFiles()
        folder = try SyntheticModel.folder(in: temporary.directory, omitting: ["vocab.txt", "tokenizer_config.json"])
    }

    private func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    private func tokenizer() throws -> TokenizerDescription {
        try ModelFolder.open(folder).tokenizer()
    }

    private func wordPiece() throws -> WordPieceDescription {
        try #require(try tokenizer().wordPiece)
    }

    /// A BERT `tokenizer.json`; `changes` replace top-level fields.
    private func tokenizerJSON(_ changes: [String: Any] = [:], vocab: [String: Int]? = nil) -> [String: Any] {
        let ids = Dictionary(uniqueKeysWithValues: SyntheticModel.vocabulary.enumerated().map { ($1, $0) })
        var json: [String: Any] = [
            "model": ["type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                      "max_input_chars_per_word": 100, "vocab": vocab ?? ids],
            "normalizer": ["type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                           "strip_accents": NSNull(), "lowercase": true],
            "pre_tokenizer": ["type": "BertPreTokenizer"],
            "post_processor": ["type": "TemplateProcessing", "pair": [
                ["SpecialToken": ["id": "[CLS]", "type_id": 0]], ["Sequence": ["id": "A", "type_id": 0]],
                ["SpecialToken": ["id": "[SEP]", "type_id": 0]], ["Sequence": ["id": "B", "type_id": 1]],
                ["SpecialToken": ["id": "[SEP]", "type_id": 1]],
            ]],
            "padding": NSNull(),
        ]
        json.merge(changes) { $1 }
        return json
    }

    private func writeTokenizerJSON(_ json: [String: Any]) throws -> URL {
        let url = folder.appendingPathComponent("tokenizer.json")
        try SyntheticModel.write(json, to: url)
        return url
    }

    @Test func readsVocabTxtLineByLineKeepingBlankLines() throws {
        try write("[PAD]\r\n[UNK]\n\n[CLS]\r[SEP]\n tail \n", to: "vocab.txt")
        let description = try wordPiece()
        #expect(description.vocabulary == ["[PAD]", "[UNK]", "", "[CLS]", "[SEP]", " tail "])
        #expect(description == WordPieceDescription(
            vocabulary: description.vocabulary, lowercase: true, stripAccents: nil, handleChineseChars: true, cleanText: true,
            unknownToken: "[UNK]", classifierToken: "[CLS]", separatorToken: "[SEP]", paddingToken: "[PAD]", modelMaxLength: nil))
    }

    @Test func readsOptionsAndSpecialTokensFromTheConfigFiles() throws {
        try write((SyntheticModel.vocabulary + ["<cls>"]).joined(separator: "\n"), to: "vocab.txt")
        try SyntheticModel.write([
            "do_lower_case": false, "strip_accents": true, "tokenize_chinese_chars": false, "model_max_length": 128,
            "cls_token": ["content": "<cls>", "lstrip": false, "__type": "AddedToken"],
        ], to: folder.appendingPathComponent("tokenizer_config.json"))
        try SyntheticModel.write(["cls_token": "[CLS]", "unk_token": ["content": "[UNK]"]],
                                 to: folder.appendingPathComponent("special_tokens_map.json"))
        let description = try wordPiece()
        #expect(description.lowercase == false)
        #expect(description.stripAccents == true)
        #expect(description.handleChineseChars == false)
        #expect(description.modelMaxLength == 128)
        #expect(description.classifierToken == "<cls>")
        #expect(description.unknownToken == "[UNK]")
    }

    @Test func readsATokenizerJSONOnlyFolder() throws {
        let normalizer: [String: Any] = ["type": "Sequence", "normalizers": [
            ["type": "BertNormalizer", "clean_text": false, "handle_chinese_chars": false, "strip_accents": false, "lowercase": false],
        ]]
        _ = try writeTokenizerJSON(tokenizerJSON([
            "normalizer": normalizer,
            "post_processor": ["type": "BertProcessing", "cls": ["[CLS]", 2], "sep": ["[SEP]", 3]],
            "padding": ["pad_token": "[PAD]"],
        ]))
        let description = try wordPiece()
        #expect(description == WordPieceDescription(
            vocabulary: SyntheticModel.vocabulary, lowercase: false, stripAccents: false, handleChineseChars: false,
            cleanText: false, unknownToken: "[UNK]", classifierToken: "[CLS]", separatorToken: "[SEP]",
            paddingToken: "[PAD]", modelMaxLength: nil))
    }

    @Test func prefersTokenizerJSONOverVocabTxt() throws {
        try write("only\nthese\n", to: "vocab.txt")
        try SyntheticModel.write(["model_max_length": 300], to: folder.appendingPathComponent("tokenizer_config.json"))
        _ = try writeTokenizerJSON(tokenizerJSON())
        let description = try wordPiece()
        #expect(description.vocabulary == SyntheticModel.vocabulary)
        #expect(description.lowercase)
        #expect(description.stripAccents == nil)
        #expect(description.modelMaxLength == 300)
    }

    @Test func refusesVocabularyIDsWithGaps() throws {
        let url = try writeTokenizerJSON(tokenizerJSON(vocab: ["[PAD]": 0, "[UNK]": 2]))
        let error = try #require(throws: ModelStoreError.self) { try tokenizer() }
        guard case .invalidJSON(url, _) = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains(url.path))
    }

    @Test func refusesANonBertPairTemplate() throws {
        let roberta: [String: Any] = ["type": "TemplateProcessing", "pair": [
            ["SpecialToken": ["id": "[CLS]", "type_id": 0]], ["Sequence": ["id": "A", "type_id": 0]],
            ["SpecialToken": ["id": "[SEP]", "type_id": 0]], ["SpecialToken": ["id": "[SEP]", "type_id": 0]],
            ["Sequence": ["id": "B", "type_id": 0]], ["SpecialToken": ["id": "[SEP]", "type_id": 0]],
        ]]
        let url = try writeTokenizerJSON(tokenizerJSON(["post_processor": roberta]))
        let error = try #require(throws: ModelStoreError.self) { try tokenizer() }
        guard case .invalidJSON(url, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(detail.contains("post_processor.pair"))
    }

    @Test func refusesANonWordPieceModel() throws {
        let url = try writeTokenizerJSON(tokenizerJSON(["model": ["type": "BPE", "vocab": [:] as [String: Int]]]))
        let error = try #require(throws: ModelStoreError.self) { try tokenizer() }
        guard case .invalidJSON(url, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(detail.contains("model.type"))
        #expect(detail.contains("BPE"))
    }

    @Test func refusesAnUnknownNormalizer() throws {
        let url = try writeTokenizerJSON(tokenizerJSON(["normalizer": ["type": "NFKC"]]))
        let error = try #require(throws: ModelStoreError.self) { try tokenizer() }
        guard case .invalidJSON(url, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(detail.contains("NFKC"))
    }

    @Test func refusesSpecialTokensMissingFromTheVocabulary() throws {
        try write("[PAD]\n[UNK]\n[CLS]\n", to: "vocab.txt")
        let error = try #require(throws: ModelStoreError.self) { try tokenizer() }
        guard case .invalidJSON(let url, let detail) = error else { Issue.record("got \(error)"); return }
        #expect(url.lastPathComponent == "vocab.txt")
        #expect(detail.contains("[SEP]"))
    }

    @Test func refusesATokenizerJSONThatIsNotJSON() throws {
        try write("{\"model\": ", to: "tokenizer.json")
        let error = try #require(throws: ModelStoreError.self) { try tokenizer() }
        guard case .invalidJSON(let url, _) = error else { Issue.record("got \(error)"); return }
        #expect(url.lastPathComponent == "tokenizer.json")
        #expect(error.description.contains(url.path))
    }
}

extension TokenizerDescription {
    /// The WordPiece description, or nil for another model.
    var wordPiece: WordPieceDescription? {
        if case .wordPiece(let description) = self { return description }
        return nil
    }

    /// The Unigram description, or nil for another model.
    var unigram: UnigramDescription? {
        if case .unigram(let description) = self { return description }
        return nil
    }
}
