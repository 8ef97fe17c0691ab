import Foundation
import ModelStore
import Testing
import TestSupport

/// Reading a Unigram (XLM-R) `tokenizer.json`: the model, its pipeline as transformers runs it, and refusals.
@Suite("Unigram tokenizer files", .enabled(if: Fixtures.sharedAvailable))
struct UnigramDescriptionTests {
    let temporary: TemporaryFiles
    let fixture: [String: Any]

    init() throws {
        temporary = try TemporaryFiles()
        let url = Fixtures.architectureFixture("tiny-xlmr").appendingPathComponent("tokenizer.json")
        fixture = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// A folder with the fixture's `tokenizer.json` (top-level fields replaced by `changes`) and the given
    /// `tokenizer_config.json`, or none.
    private func folder(_ changes: [String: Any] = [:], config: [String: Any]? = ["tokenizer_class": "XLMRobertaTokenizer"],
                        modelType: String? = nil) throws -> URL {
        let folder = temporary.directory.appendingPathComponent("model")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try SyntheticModel.write(fixture.merging(changes) { $1 }, to: folder.appendingPathComponent("tokenizer.json"))
        if let config { try SyntheticModel.write(config, to: folder.appendingPathComponent("tokenizer_config.json")) }
        if let modelType { try SyntheticModel.write(["model_type": modelType], to: folder.appendingPathComponent("config.json")) }
        return folder
    }

    private func unigram(_ folder: URL) throws -> UnigramDescription {
        try #require(try TokenizerDescription.load(folder: folder).unigram)
    }

    private var model: [String: Any] { fixture["model"] as? [String: Any] ?? [:] }

    private func refusal(_ changes: [String: Any]) throws -> String {
        let folder = try folder(changes)
        let error = try #require(throws: ModelStoreError.self) { try TokenizerDescription.load(folder: folder) }
        #expect(error.description.contains(folder.appendingPathComponent("tokenizer.json").path))
        return error.description
    }

    @Test("the fixture: pieces and scores in id order, unk id, added tokens, and XLM-R's pipeline as transformers builds it")
    func readsTheFixture() throws {
        let description = try unigram(Fixtures.architectureFixture("tiny-xlmr"))
        #expect(description.pieces.count == 2002)
        #expect(Array(description.pieces.prefix(5)) == ["<s>", "<pad>", "</s>", "<unk>", "s"])
        #expect(description.scores[4] == -3.0562632083892822)
        #expect(description.pieces[2001] == "<mask>")
        #expect(description.unknownId == 3)
        #expect(description.modelMaxLength == 512)
        #expect(description.addedTokens.map(\.content) == ["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
        #expect(description.addedTokens.last == UnigramDescription.AddedToken(content: "<mask>", id: 2001, stripsLeft: true))
        // transformers 5 keeps only the Precompiled step and splits at white space before Metaspace.
        #expect(description.normalization.count == 1)
        guard case .precompiled(let charsmap) = description.normalization.first else {
            Issue.record("expected the Precompiled step, got \(description.normalization)")
            return
        }
        #expect(charsmap.count == 240_007)
        #expect(description.preTokenization == [.whitespaceSplit, .metaspace(replacement: "\u{2581}", prependScheme: .always, splits: true)])
        #expect(description.singleTemplate == [.special(ids: [0], typeId: 0), .first(typeId: 0), .special(ids: [2], typeId: 0)])
        #expect(description.pairTemplate == [
            .special(ids: [0], typeId: 0), .first(typeId: 0), .special(ids: [2], typeId: 0),
            .special(ids: [2], typeId: 0), .second(typeId: 0), .special(ids: [2], typeId: 0),
        ])
    }

    @Test("another tokenizer class runs the file's own pipeline: Precompiled + Replace, Metaspace alone")
    func readsTheFilePipelineForOtherClasses() throws {
        let description = try unigram(try folder(config: ["tokenizer_class": "PreTrainedTokenizerFast"]))
        #expect(description.normalization.count == 2)
        #expect(description.normalization.last == .replaceRuns(of: " ", minimumLength: 2, replacement: " "))
        #expect(description.preTokenization == [.metaspace(replacement: "\u{2581}", prependScheme: .always, splits: true)])
    }

    @Test("without tokenizer_config.json, config.json's model_type names the class")
    func modelTypeNamesTheClass() throws {
        #expect(try unigram(try folder(config: nil, modelType: "xlm-roberta")).preTokenization.first == .whitespaceSplit)
        #expect(try unigram(try folder(config: nil, modelType: "t5")).preTokenization.count == 1)
    }

    @Test("add_prefix_space false turns the prepend scheme off; the bos and eos tokens make the template")
    func classOptions() throws {
        let description = try unigram(try folder(config: [
            "tokenizer_class": "XLMRobertaTokenizer", "add_prefix_space": false, "bos_token": "</s>", "eos_token": "<pad>",
        ]))
        #expect(description.preTokenization.last == .metaspace(replacement: "\u{2581}", prependScheme: .never, splits: true))
        #expect(description.singleTemplate == [.special(ids: [2], typeId: 0), .first(typeId: 0), .special(ids: [1], typeId: 0)])
    }

    @Test("the vocabulary is read straight from the bytes: escapes, surrogate pairs and every number form")
    func readsEscapedPiecesAndNumbers() throws {
        let folder = try folder(config: nil)
        try temporary.write("model/tokenizer.json", #"""
            {"model": {"type": "Unigram", "unk_id": 0, "vocab": [ ["<unk>", 0] , ["quote\"back\\slash\/", -1.5],
             ["\u00e9\ud83d\ude00\n\t", -2.5e-3], ["\u2581x",-12.25E+1],["", -0.0] ]}, "normalizer": null}
            """#)
        let description = try unigram(folder)
        #expect(description.pieces == ["<unk>", "quote\"back\\slash/", "\u{e9}\u{1F600}\n\t", "\u{2581}x", ""])
        #expect(description.scores == [0, -1.5, -2.5e-3, -122.5, 0])
        #expect(description.normalization.isEmpty)
        #expect(description.preTokenization.isEmpty)
        #expect(description.pairTemplate == [.first(typeId: 0), .second(typeId: 0)])
    }

    @Test("a damaged vocabulary (a lone surrogate, a score that is no number, an unclosed list) is refused")
    func damagedVocabularies() throws {
        let folder = try folder(config: nil)
        for vocab in [#"[["\udc00", 0]]"#, #"[["a", "0"]]"#, #"[["a", 0], ["b", 1]"#, #"[["a", 0],]"#] {
            try temporary.write("model/tokenizer.json", #"{"model": {"type": "Unigram", "unk_id": 0, "vocab": "# + vocab + "}}")
            let error = try #require(throws: ModelStoreError.self) { try TokenizerDescription.load(folder: folder) }
            #expect(error.description.contains("tokenizer.json"), "\(vocab)")
        }
    }

    @Test("a 250,000-piece vocabulary (bge-reranker's size) is read whole by the fast path; the time is printed")
    func largeVocabulary() throws {
        var vocab: [[Any]] = [["<unk>", 0.0]]
        for index in 1..<250_000 { vocab.append(["▁piece\(index)", -Double(index) / 10_000]) }
        let folder = try folder(["model": ["type": "Unigram", "unk_id": 0, "vocab": vocab]], config: nil)
        let clock = ContinuousClock()
        let start = clock.now
        let description = try unigram(folder)
        print("Unigram: a 250,000-piece tokenizer.json read in \(clock.now - start) (debug build)")
        #expect(description.pieces.count == 250_000)
        #expect(description.pieces[249_999] == "▁piece249999")
        #expect(description.scores[249_999] == -24.9999)
    }

    @Test("unsupported model types, normalizers, pre-tokenizers and options are one line naming tokenizer.json")
    func refusals() throws {
        let bpe: [String: Any] = ["type": "BPE", "vocab": [:] as [String: Int], "merges": [] as [String]]
        #expect(try refusal(["model": bpe]).contains("'model.type' is BPE"))
        #expect(try refusal(["model": ["type": "WordLevel", "vocab": [:] as [String: Int]]]).contains("WordLevel"))
        #expect(try refusal(["normalizer": ["type": "NFKC"]]).contains("NFKC"))
        #expect(try refusal(["normalizer": ["type": "Replace", "pattern": ["Regex": "\\s+"], "content": " "]]).contains("\\s+"))
        #expect(try refusal(["pre_tokenizer": ["type": "ByteLevel"]]).contains("ByteLevel"))
        #expect(try refusal(["pre_tokenizer": ["type": "Metaspace", "replacement": "ab"]]).contains("one character"))
        #expect(try refusal(["post_processor": ["type": "BertProcessing"]]).contains("BertProcessing"))
        var fallback = model
        fallback["byte_fallback"] = true
        #expect(try refusal(["model": fallback]).contains("byte_fallback"))
        var noUnknown = model
        noUnknown["unk_id"] = NSNull()
        #expect(try refusal(["model": noUnknown]).contains("unk_id"))
        var outOfRange = model
        outOfRange["unk_id"] = 5000
        #expect(try refusal(["model": outOfRange]).contains("5000"))
        var damaged = model
        damaged["vocab"] = [["a", 0.0], ["b"]]
        #expect(try refusal(["model": damaged]).contains("entry 1"))
        var singleWord = try #require(fixture["added_tokens"] as? [[String: Any]])
        singleWord[4]["single_word"] = true
        #expect(try refusal(["added_tokens": singleWord]).contains("single_word"))
        #expect(try refusal(["normalizer": ["type": "Precompiled", "precompiled_charsmap": "not base64!"]]).contains("base64"))
    }
}
