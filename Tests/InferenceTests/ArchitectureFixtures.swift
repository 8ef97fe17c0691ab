import Foundation
import Testing
import TestSupport
import Tokenization

/// The tiny random-weight models of every seed architecture in `../shared/fixtures/models`, and their
/// transformers outputs in `../shared/golden/arch/arch-NAME.jsonl`.
enum ArchitectureFixtures {
    static func folder(_ name: String) -> URL {
        Fixtures.architectureFixture(name)
    }

    static func golden(_ name: String) throws -> [ArchitectureGoldenLine] {
        try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("arch/arch-\(name).jsonl")).map(ArchitectureGoldenLine.init)
    }

    /// A writable copy of fixture `name` inside `parent`, with `config.json` fields replaced (`NSNull()` removes
    /// one) and tensors renamed in the `model.safetensors` header (same-length names keep every offset valid).
    static func copy(_ name: String, into parent: URL, config changes: [String: Any] = [:],
                     renaming tensors: [String: String] = [:]) throws -> URL {
        let source = folder(name), copy = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            var data = try Data(contentsOf: source.appendingPathComponent(file))
            if file == "config.json", !changes.isEmpty {
                var config = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                for (key, value) in changes { config[key] = value is NSNull ? nil : value }
                data = try JSONSerialization.data(withJSONObject: config)
            }
            if file == "model.safetensors" {
                for (old, new) in tensors {
                    #expect(old.utf8.count == new.utf8.count, "renaming must keep the header's length")
                    let range = try #require(data.range(of: Data("\"\(old)\"".utf8)), "no tensor \(old) in \(name)")
                    data.replaceSubrange(range, with: Data("\"\(new)\"".utf8))
                }
            }
            try data.write(to: copy.appendingPathComponent(file))
        }
        return copy
    }
}

/// One line of `arch-NAME.jsonl`: the pair, the ids transformers' tokenizer gave, and every raw logit.
struct ArchitectureGoldenLine {
    let id: String
    let query: String
    let passage: String
    let maxLength: Int
    let inputIds: [Int32]
    /// Absent for models without token types (DistilBERT, BERT_Cat, XLM-R).
    let tokenTypeIds: [Int32]?
    let logits: [Float]

    init(_ line: [String: Any]) throws {
        id = try #require(line["id"] as? String)
        query = try #require(line["query"] as? String)
        passage = try #require(line["passage"] as? String)
        maxLength = try #require(line["max_length"] as? Int)
        inputIds = try #require(line["input_ids"] as? [Int]).map(Int32.init)
        tokenTypeIds = (line["token_type_ids"] as? [Int])?.map(Int32.init)
        logits = try #require(line["logits"] as? [Double]).map(Float.init)
    }

    /// The reference's ids as the engine's encoded pair (token types 0 where the reference has none).
    var encoded: EncodedPair {
        EncodedPair(inputIds: inputIds, tokenTypeIds: tokenTypeIds ?? Array(repeating: 0, count: inputIds.count),
                    queryTokens: [], passageTokens: [], truncation: .nothingCut)
    }
}

/// A tokenizer for tests that feed the reference's token ids to the model; it is never asked to tokenize.
struct ReferenceIdsTokenizer: PairTokenizer {
    let vocabularySize: Int

    func encodePair(query: String, passage: String, maxLength: Int) -> EncodedPair {
        EncodedPair(inputIds: [], tokenTypeIds: [], queryTokens: [], passageTokens: [], truncation: .nothingCut)
    }

    func encode(_ text: String, maxLength: Int) -> EncodedText {
        EncodedText(inputIds: [], tokens: [], truncation: .nothingCut)
    }

    func encodePairWindows(query: String, passage: String, maxLength: Int, length: Int, stride: Int) -> WindowedEncoding<EncodedPair> {
        WindowedEncoding(windows: [PassageWindow(tokens: 0..<0, span: 0..<0)],
                         encodings: [encodePair(query: query, passage: passage, maxLength: maxLength)], passageTokens: 0, passageScalars: 0)
    }

    func encodeWindows(_ text: String, maxLength: Int, length: Int, stride: Int) -> WindowedEncoding<EncodedText> {
        WindowedEncoding(windows: [PassageWindow(tokens: 0..<0, span: 0..<0)],
                         encodings: [encode(text, maxLength: maxLength)], passageTokens: 0, passageScalars: 0)
    }

    let template = EncodingTemplate.bert(classifier: 0, separator: 0)

    func tokenize(_ text: String) -> [Token] { [] }

    func piece(for id: Int32) -> String { "" }
}

extension TruncationReport {
    /// The report of a pair whose tokens the test gives directly.
    static let nothingCut = TruncationReport(queryTokens: 0, passageTokens: 0, queryTokensCut: 0, passageTokensCut: 0,
                                             passageKeptEnd: 0)
}
