/// Finds where one value sits in JSON text by skimming the bytes around it, without building the rest,
/// so that a huge value (a 250,000-piece vocabulary) can be read by a parser made for its shape.
struct JSONValueLocator {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    /// The byte range of the value at `path` (keys of nested objects, from the top level); nil when a key is
    /// absent, is spelled with escapes, or the text is not well-formed JSON on the way there.
    static func range(of path: [String], in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var locator = JSONValueLocator(bytes: bytes)
        return locator.find(path.map { Array($0.utf8) }[...])
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func find(_ path: ArraySlice<[UInt8]>) -> Range<Int>? {
        guard let key = path.first else {
            skipWhitespace()
            let start = position
            return skipValue() ? start..<position : nil
        }
        skipWhitespace()
        guard next() == UInt8(ascii: "{") else { return nil }
        while true {
            skipWhitespace()
            guard let member = string(), skipWhitespace(), next() == UInt8(ascii: ":") else { return nil }
            if bytes[member].elementsEqual(key) { return find(path.dropFirst()) }
            skipWhitespace()
            guard skipValue() else { return nil }
            skipWhitespace()
            guard next() == UInt8(ascii: ",") else { return nil }
        }
    }

    /// Moves past one value; false when the text ends first.
    private mutating func skipValue() -> Bool {
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return true
                    }
                default:
                    break
                }
                position += 1
            }
            return false
        default:
            while position < bytes.count, !Self.endsScalar(bytes[position]) { position += 1 }
            return true
        }
    }

    /// Moves past a string starting at the current position; the range of its raw content, or nil.
    private mutating func string() -> Range<Int>? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        position = start
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"):
                position += 2
            case UInt8(ascii: "\""):
                position += 1
                return start..<position - 1
            default:
                position += 1
            }
        }
        return nil
    }

    /// Moves past white space; always true, to chain in conditions.
    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        return true
    }

    private mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// A byte that ends a number or literal.
    private static func endsScalar(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }
}
