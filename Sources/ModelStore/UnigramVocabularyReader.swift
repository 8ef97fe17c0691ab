import Foundation

/// Reads a Unigram `tokenizer.json` quickly: its `model.vocab` (`[[piece, score], …]`, 250,000 entries in
/// XLM-R's 17 MB file) straight from the bytes, and the rest with `JSONSerialization`, which would take
/// seconds over the whole vocabulary.
enum UnigramVocabularyReader {
    /// Pieces and scores in id order.
    struct Vocabulary {
        var pieces: [String]
        var scores: [Double]
    }

    static let path = ["model", "vocab"]

    /// The file parsed, with `model.vocab` left empty and returned apart when it is a list;
    /// any other file (a WordPiece vocabulary is an object) is parsed whole.
    static func read(_ url: URL) throws -> (json: JSONObject, vocabulary: Vocabulary?) {
        var data = try JSONObject.contents(of: url)
        let split = try data.withUnsafeBytes { raw -> (Range<Int>, Vocabulary)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let range = JSONValueLocator.range(of: path, in: bytes), bytes[range.lowerBound] == UInt8(ascii: "[") else {
                return nil
            }
            var parser = Parser(bytes: bytes, position: range.lowerBound, url: url)
            return (range, try parser.vocabulary())
        }
        guard let (range, vocabulary) = split else { return (try JSONObject.parse(data, from: url), nil) }
        data.replaceSubrange(range, with: Array("[]".utf8))
        return (try JSONObject.parse(data, from: url), vocabulary)
    }

    /// A parser for exactly `[[string, number], …]`.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        let url: URL

        /// What the one-letter escapes (`\"`, `\n`, …) stand for.
        private static let simpleEscapes: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]

        mutating func vocabulary() throws -> Vocabulary {
            var vocabulary = Vocabulary(pieces: [], scores: [])
            try expect("[")
            if peek() == UInt8(ascii: "]") { return vocabulary }
            repeat {
                let entry = vocabulary.pieces.count
                try expect("[", entry: entry)
                vocabulary.pieces.append(try string(entry: entry))
                try expect(",", entry: entry)
                vocabulary.scores.append(try number(entry: entry))
                try expect("]", entry: entry)
            } while try separator()
            return vocabulary
        }

        /// After an entry: true at a comma, false at the closing bracket.
        private mutating func separator() throws -> Bool {
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
                return true
            case UInt8(ascii: "]"):
                position += 1
                return false
            default:
                throw problem("is not a list of [piece, score] pairs")
            }
        }

        private mutating func string(entry: Int) throws -> String {
            guard peek() == UInt8(ascii: "\"") else { throw problem(entry: entry) }
            position += 1
            var unescaped: [UInt8]?
            var start = position
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    let piece: String?
                    if var text = unescaped {
                        text.append(contentsOf: bytes[start..<position])
                        piece = String(validating: text, as: UTF8.self)
                    } else {
                        piece = String(validating: bytes[start..<position], as: UTF8.self)
                    }
                    position += 1
                    guard let piece else { throw problem(entry: entry) }
                    return piece
                case UInt8(ascii: "\\"):
                    var text = unescaped ?? []
                    text.append(contentsOf: bytes[start..<position])
                    try unescape(into: &text, entry: entry)
                    unescaped = text
                    start = position
                case 0..<0x20:
                    throw problem(entry: entry)
                default:
                    position += 1
                }
            }
            throw problem(entry: entry)
        }

        /// Decodes the escape at the current position (`\n`, `\uXXXX`, a surrogate pair, …).
        private mutating func unescape(into text: inout [UInt8], entry: Int) throws {
            guard position + 1 < bytes.count else { throw problem(entry: entry) }
            let letter = bytes[position + 1]
            position += 2
            if let byte = Self.simpleEscapes[letter] {
                text.append(byte)
                return
            }
            guard letter == UInt8(ascii: "u"), var value = hexQuad() else { throw problem(entry: entry) }
            if (0xD800..<0xDC00).contains(value) {
                let lowFollows = position + 1 < bytes.count && bytes[position] == UInt8(ascii: "\\")
                    && bytes[position + 1] == UInt8(ascii: "u")
                guard lowFollows else { throw problem(entry: entry) }
                position += 2
                guard let low = hexQuad(), (0xDC00..<0xE000).contains(low) else { throw problem(entry: entry) }
                value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw problem(entry: entry) }
            text.append(contentsOf: String(scalar).utf8)
        }

        /// Four hexadecimal digits at the current position, consumed.
        private mutating func hexQuad() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[position..<position + 4] {
                guard let digit = Self.hexDigit(byte) else { return nil }
                value = value << 4 | digit
            }
            position += 4
            return value
        }

        private static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        private mutating func number(entry: Int) throws -> Double {
            skipWhitespace()
            let start = position
            while position < bytes.count, Self.isNumberByte(bytes[position]) { position += 1 }
            guard position > start, let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
                throw problem(entry: entry)
            }
            return value
        }

        private static func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }

        private mutating func expect(_ character: Unicode.Scalar, entry: Int? = nil) throws {
            guard peek() == UInt8(ascii: character) else {
                throw entry.map { problem(entry: $0) } ?? problem("is not a list of [piece, score] pairs")
            }
            position += 1
        }

        /// The next byte after white space, not consumed.
        private mutating func peek() -> UInt8? {
            skipWhitespace()
            return position < bytes.count ? bytes[position] : nil
        }

        private mutating func skipWhitespace() {
            while position < bytes.count {
                let byte = bytes[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                position += 1
            }
        }

        private func problem(entry: Int) -> ModelStoreError {
            problem("entry \(entry) is not a [piece, score] pair with a UTF-8 piece and a numeric score")
        }

        private func problem(_ detail: String) -> ModelStoreError {
            .invalidJSON(url, "'\(UnigramVocabularyReader.path.joined(separator: "."))' \(detail); "
                + "the file is damaged — fetch it again")
        }
    }
}
