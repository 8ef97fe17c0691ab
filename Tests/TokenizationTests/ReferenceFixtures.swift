import Foundation
import Tokenization

/// Reference outputs committed beside the tests (made once with the Rust `tokenizers` library 0.23
/// through its Python binding; the tests themselves need no Python).
enum ReferenceFixtures {
    /// One text tokenized by the reference in one of three normalizer settings.
    struct TokenizedText: Decodable {
        /// `uncased` (all-MiniLM-L6-v2's settings), `cased` (lowercase false, accents follow it)
        /// or `strip-only` (only strip accents: no cleaning, CJK spacing or lower-casing).
        let mode: String
        let text: String
        let normalized: String
        let ids: [Int32]
        /// Python character offsets into `text`.
        let offsets: [[Int]]
    }

    /// What the reference's normalizer steps and pre-tokenizer do with one Unicode scalar.
    struct Character: Decodable {
        let scalar: UInt32
        /// The uncased `BertNormalizer` output (clean, CJK, strip accents, lowercase).
        let uncased: String
        /// `clean_text` alone.
        let cleaned: String
        /// `strip_accents` alone.
        let stripped: String
        /// `lowercase` alone.
        let lowercased: String
        /// How `BertPreTokenizer` treats it: `whitespace`, `punctuation` or `word`.
        let split: String
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func tokenizedTexts() throws -> [TokenizedText] { try lines("reference-tokens.jsonl") }
    static func characters() throws -> [Character] { try lines("reference-characters.jsonl") }

    /// Options for a fixture `mode`.
    static func options(for mode: String) -> BertTextOptions? {
        switch mode {
        case "uncased": return BertTextOptions(lowercase: true, stripAccents: nil, handleChineseChars: true, cleanText: true)
        case "cased": return BertTextOptions(lowercase: false, stripAccents: nil, handleChineseChars: true, cleanText: true)
        case "strip-only": return BertTextOptions(lowercase: false, stripAccents: true, handleChineseChars: false, cleanText: false)
        default: return nil
        }
    }

    /// Decodes a JSON Lines fixture (with `JSONDecoder`: `JSONSerialization` on Linux drops a
    /// leading U+FEFF from strings, and one fixture text starts with it).
    private static func lines<Line: Decodable>(_ name: String) throws -> [Line] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Line.self, from: Data($0)) }
    }
}
