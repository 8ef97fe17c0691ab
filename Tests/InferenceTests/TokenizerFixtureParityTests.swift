import Foundation
import Inference
import ModelStore
import Testing
import TestSupport
import Tokenization

/// Token ids identical to transformers on every line of every architecture fixture's golden file
/// (`arch-NAME.jsonl`: 43 DL19 pairs and 20 adversarial pairs, at max lengths 512 and 48).
@Suite("Tokenizer parity on the architecture fixtures", .enabled(if: Fixtures.sharedAvailable))
struct TokenizerFixtureParityTests {
    static let names = ["tiny-bert-2label-bin", "tiny-bert-cased", "tiny-bert-cat", "tiny-bert-legacy-bin",
                        "tiny-distilbert", "tiny-electra", "tiny-xlmr"]

    static func folder(_ name: String) -> URL {
        Fixtures.architectureFixture(name)
    }

    /// The fixture's tokenizer through its model folder when the engine opens that folder, else from its
    /// tokenizer files alone (the weights may be `.bin` only, or the architecture not yet supported).
    static func tokenizer(_ name: String) throws -> any PairTokenizer {
        if let folder = try? ModelFolder.open(folder(name)) { return try Tokenizers.load(folder) }
        return try Tokenizers.build(try TokenizerDescription.load(folder: folder(name)))
    }

    @Test("input_ids, and token_type_ids where the model takes them, match on every line", arguments: names)
    func everyLine(name: String) throws {
        let tokenizer = try Self.tokenizer(name)
        let lines = try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("arch/arch-\(name).jsonl"))
        #expect(lines.count == 126)
        #expect(Set(lines.compactMap { ($0["max_length"] as? NSNumber)?.intValue }) == [512, 48])
        var mismatches: [String] = []
        for line in lines {
            let query = try #require(line["query"] as? String)
            let passage = try #require(line["passage"] as? String)
            let maxLength = try #require((line["max_length"] as? NSNumber)?.intValue)
            let encoded = tokenizer.encodePair(query: query, passage: passage, maxLength: maxLength)
            let label = "\(line["id"] ?? "?")@\(maxLength)"
            let expectedIds = try #require(line["input_ids"] as? [Int]).map(Int32.init)
            if encoded.inputIds != expectedIds {
                mismatches.append("\(label) input_ids: got \(encoded.inputIds.prefix(24)), expected \(expectedIds.prefix(24))")
            } else if let types = line["token_type_ids"] as? [Int], encoded.tokenTypeIds != types.map(Int32.init) {
                mismatches.append("\(label) token_type_ids: got \(encoded.tokenTypeIds), expected \(types)")
            }
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches.count) mismatches:\n\(mismatches.prefix(10).joined(separator: "\n"))")
    }

    @Test("XLM-R: four special tokens per pair and token type 0 throughout")
    func xlmRobertaLayout() throws {
        let tokenizer = try Self.tokenizer("tiny-xlmr")
        let pair = tokenizer.encodePair(query: "what is a cross-encoder", passage: "a model", maxLength: 512)
        #expect(pair.inputIds.filter { $0 == 0 || $0 == 2 }.count == 4)
        #expect(pair.inputIds.first == 0 && pair.inputIds.last == 2)
        #expect(pair.tokenTypeIds.allSatisfy { $0 == 0 })
        #expect(tokenizer.vocabularySize == 2002)
        #expect(tokenizer.piece(for: 2001) == "<mask>")
    }

    @Test("XLM-R offsets point into the original text as transformers' offset_mapping does",
          arguments: [
              ("Hello world", [127, 501, 27, 522], [0..<1, 1..<4, 4..<5, 6..<11]),
              ("hello <mask> world", [133, 501, 27, 2001, 522], [0..<1, 1..<4, 4..<5, 5..<12, 13..<18]),
              ("\u{FB01}ne \u{216B}", [87, 247, 10, 772, 139, 139], [0..<1, 0..<3, 4..<5, 4..<5, 4..<5, 4..<5]),
              ("a\r\nb  c", [9, 91, 89], [0..<1, 3..<4, 6..<7]),
              ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} x", [10, 3, 10, 152], [0..<1, 0..<5, 6..<7, 6..<7]),
              ("\u{7}Tab", [97, 341], [0..<1, 1..<3]),
              ("<s>x</s>", [0, 10, 152, 2], [0..<3, 3..<4, 3..<4, 4..<8]),
              ("\u{2122}\u{7} x", [97, 220, 10, 152], [0..<1, 1..<2, 3..<4, 3..<4]),
              ("\u{FB02}\u{7F}TNA", [759, 187, 1307], [0..<2, 2..<3, 3..<5]),
          ])
    func xlmRobertaOffsets(text: String, ids: [Int32], offsets: [Range<Int>]) throws {
        let tokens = try Self.tokenizer("tiny-xlmr").tokenize(text)
        #expect(tokens.map(\.id) == ids)
        #expect(tokens.map(\.offsets) == offsets)
    }

    @Test("a tokenizer.json whose charsmap cannot be decoded is one error naming the file")
    func damagedCharsmap() throws {
        let temporary = try TemporaryFiles()
        let source = Self.folder("tiny-xlmr")
        let original = try Data(contentsOf: source.appendingPathComponent("tokenizer.json"))
        var json = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        json["normalizer"] = ["type": "Precompiled", "precompiled_charsmap": Data([1, 2, 3]).base64EncodedString()]
        let target = try temporary.file("xlmr/tokenizer.json")
        try JSONSerialization.data(withJSONObject: json).write(to: target)
        try FileManager.default.copyItem(at: source.appendingPathComponent("tokenizer_config.json"),
                                         to: target.deletingLastPathComponent().appendingPathComponent("tokenizer_config.json"))
        let error = try #require(throws: ModelStoreError.self) {
            try Tokenizers.build(try TokenizerDescription.load(folder: target.deletingLastPathComponent()))
        }
        #expect(error.description.contains(target.path))
        #expect(error.description.contains("precompiled_charsmap"))
        #expect(!error.description.contains("\n"))
    }
}
