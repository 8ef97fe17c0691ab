/// Finds added tokens (the special tokens, e.g. `[SEP]` or `[MASK]`) written verbatim in raw text,
/// as the reference does before normalizing: case-sensitive, leftmost match first, longest at a tie.
struct AddedTokenMatcher: Sendable {
    /// A part of the raw text: plain text to normalize, or one added token.
    enum Segment {
        case text(Range<Int>)
        case added(id: Int32, range: Range<Int>)
    }

    /// Patterns, longest first.
    private let patterns: [(scalars: [UInt32], id: Int32)]
    private let firstScalars: [UInt32]

    init(_ tokens: [(content: String, id: Int32)]) {
        patterns = tokens
            .map { (scalars: $0.content.unicodeScalars.map(\.value), id: $0.id) }
            .filter { !$0.scalars.isEmpty }
            .sorted { $0.scalars.count > $1.scalars.count }
        var firsts: [UInt32] = []
        for pattern in patterns where !firsts.contains(pattern.scalars[0]) { firsts.append(pattern.scalars[0]) }
        firstScalars = firsts
    }

    /// Splits `text` into plain-text parts and added tokens, in order; empty parts are left out.
    func segments(of text: [UInt32]) -> [Segment] {
        var segments: [Segment] = []
        var textStart = 0
        var position = 0
        while position < text.count {
            guard firstScalars.contains(text[position]), let match = longestMatch(in: text, at: position) else {
                position += 1
                continue
            }
            if textStart < position { segments.append(.text(textStart..<position)) }
            let end = position + match.length
            segments.append(.added(id: match.id, range: position..<end))
            position = end
            textStart = end
        }
        if textStart < text.count { segments.append(.text(textStart..<text.count)) }
        return segments
    }

    private func longestMatch(in text: [UInt32], at position: Int) -> (id: Int32, length: Int)? {
        for pattern in patterns where text[position...].starts(with: pattern.scalars) {
            return (pattern.id, pattern.scalars.count)
        }
        return nil
    }
}
