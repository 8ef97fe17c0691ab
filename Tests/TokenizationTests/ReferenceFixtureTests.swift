import Foundation
import Testing
import TestSupport
import Tokenization

/// Parity with reference outputs committed under `Fixtures/`.
struct ReferenceFixtureTests {
    @Test("reference-characters.jsonl: each normalizer step and the word split treat every listed scalar as the reference does")
    func charactersMatchTheReference() throws {
        let characters = try ReferenceFixtures.characters()
        #expect(characters.count > 1000)
        let uncased = try TokenizerFixtures.small()
        let cleaning = try TokenizerFixtures.small(BertTextOptions(lowercase: false, stripAccents: false, handleChineseChars: false, cleanText: true))
        let stripping = try TokenizerFixtures.small(BertTextOptions(lowercase: false, stripAccents: true, handleChineseChars: false, cleanText: false))
        let lowercasing = try TokenizerFixtures.small(BertTextOptions(lowercase: true, stripAccents: false, handleChineseChars: false, cleanText: false))
        let verbatim = try TokenizerFixtures.small(BertTextOptions(lowercase: false, stripAccents: false, handleChineseChars: false, cleanText: false))
        var mismatches: [String] = []
        for character in characters {
            guard let scalar = Unicode.Scalar(character.scalar) else { continue }
            let text = String(scalar)
            let label = "U+" + String(character.scalar, radix: 16, uppercase: true)
            for (name, tokenizer, expected) in [("uncased", uncased, character.uncased), ("cleaned", cleaning, character.cleaned),
                                                ("stripped", stripping, character.stripped), ("lowercased", lowercasing, character.lowercased)] {
                let normalized = tokenizer.normalize(text)
                if !normalized.unicodeScalars.elementsEqual(expected.unicodeScalars) {
                    mismatches.append("\(label) \(name): got \(normalized.unicodeScalars.map(\.value)) expected \(expected.unicodeScalars.map(\.value))")
                }
            }
            let split = wordSplit(of: scalar, by: verbatim)
            if split != character.split { mismatches.append("\(label) split: got \(split) expected \(character.split)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    }

    /// How the pre-tokenizer treats a scalar, seen from the pieces of `a<scalar>a` (vocabulary: `a`, no `##a`).
    private func wordSplit(of scalar: Unicode.Scalar, by tokenizer: BertTokenizer) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: ["a", scalar, "a"])
        let pieces = TokenizerFixtures.pieces(tokenizer, String(text))
        if pieces == ["a", "a"] { return "whitespace" }
        if pieces.count == 3 && pieces.first == "a" && pieces.last == "a" { return "punctuation" }
        return "word"
    }

    @Test("reference-tokens.jsonl: normalized text, ids and offsets match in uncased, cased and strip-only modes",
          .enabled(if: Fixtures.sharedAvailable))
    func tokensMatchTheReference() throws {
        let vocabulary = try TokenizerFixtures.miniLMVocabulary()
        let texts = try ReferenceFixtures.tokenizedTexts()
        #expect(texts.count == 360)
        var tokenizers: [String: BertTokenizer] = [:]
        var mismatches: [String] = []
        for (line, expected) in texts.enumerated() {
            let options = try #require(ReferenceFixtures.options(for: expected.mode))
            let tokenizer = try tokenizers[expected.mode] ?? BertTokenizer(vocabulary: vocabulary, options: options)
            tokenizers[expected.mode] = tokenizer
            let tokens = tokenizer.tokenize(expected.text)
            let where_ = "line \(line + 1) (\(expected.mode)) \(expected.text.debugDescription)"
            if !tokenizer.normalize(expected.text).unicodeScalars.elementsEqual(expected.normalized.unicodeScalars) {
                mismatches.append("\(where_): normalized text differs")
            }
            if tokens.map(\.id) != expected.ids {
                mismatches.append("\(where_): \(TokenizerFixtures.firstDifference(tokens.map(\.id), expected.ids))")
            } else if tokens.map(\.offsets) != expected.offsets.map({ $0[0]..<$0[1] }) {
                mismatches.append("\(where_): offsets \(tokens.map(\.offsets)) expected \(expected.offsets)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    }
}
