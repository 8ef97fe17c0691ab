import Foundation
import TestSupport
import Tokenization

/// Tokenizers the tests share: the real all-MiniLM-L6-v2 vocabulary and a tiny hand-made one.
enum TokenizerFixtures {
    /// The all-MiniLM-L6-v2 vocabulary, one entry per line (id = line index).
    static func miniLMVocabulary() throws -> [String] {
        let url = Fixtures.biEncoder.appendingPathComponent("vocab.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The uncased all-MiniLM-L6-v2 tokenizer, built once.
    static let miniLM: Result<BertTokenizer, any Error> = Result {
        try BertTokenizer(vocabulary: miniLMVocabulary(), options: BertTextOptions(lowercase: true, stripAccents: nil, handleChineseChars: true, cleanText: true))
    }

    /// A small vocabulary for rule tests; ids are the positions in this list.
    static let smallVocabulary = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
        "play", "##ing", "##ed", "un", "##want", "##able", "a", "b", "c", "##b", "##c",
        "cafe", "café", "Café", "hello", "world", ".", ",", "!", "中", "i", "̇", "##̇", "σ", "ς", "x", "##x",
    ]

    static func small(_ options: BertTextOptions = BertTextOptions()) throws -> BertTokenizer {
        try BertTokenizer(vocabulary: smallVocabulary, options: options)
    }

    /// The vocabulary entries of a text's tokens.
    static func pieces(_ tokenizer: BertTokenizer, _ text: String) -> [String] {
        tokenizer.tokenize(text).map(\.piece)
    }

    /// The original characters each token of `text` points at.
    static func spans(_ tokenizer: BertTokenizer, _ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return tokenizer.tokenize(text).map { String(String.UnicodeScalarView(scalars[$0.offsets])) }
    }

    /// A readable description of where two id lists first differ.
    static func firstDifference(_ actual: [Int32], _ expected: [Int32]) -> String {
        let position = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
        let window = { (ids: [Int32]) in ids[max(0, position - 3)..<min(ids.count, position + 4)].map(String.init).joined(separator: " ") }
        return "first difference at position \(position) (lengths \(actual.count) vs \(expected.count)): got …\(window(actual))… expected …\(window(expected))…"
    }

    /// Integer array field of a JSON line.
    static func ints(_ line: [String: Any], _ key: String) -> [Int32] {
        (line[key] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.int32Value }
    }
}
