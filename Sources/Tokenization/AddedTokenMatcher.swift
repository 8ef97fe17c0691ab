/// Finds added tokens (the special tokens, e.g. `[SEP]` or `<mask>`) written verbatim in raw text,
/// as the reference does before normalizing: case-sensitive, leftmost match first, longest at a tie.
/// A token that absorbs whitespace takes the white space (Unicode `White_Space`) beside it into its range.
struct AddedTokenMatcher: Sendable {
    /// A part of the raw text: plain text to normalize, or one added token.
    enum Segment: Equatable {
        case text(Range<Int>)
        case added(id: Int32, range: Range<Int>)
    }

    private struct Pattern {
        var scalars: [UInt32]
        var token: AddedToken
    }

    /// Patterns, longest first.
    private let patterns: [Pattern]
    private let firstScalars: [UInt32]

    init(_ tokens: [AddedToken]) {
        patterns = tokens
            .map { Pattern(scalars: $0.content.unicodeScalars.map(\.value), token: $0) }
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
            var start = position
            if match.token.absorbsSpaceBefore {
                while start > textStart && ReferenceCharacterClasses.isWhitespace(text[start - 1]) { start -= 1 }
            }
            var end = position + match.length
            if match.token.absorbsSpaceAfter {
                while end < text.count && ReferenceCharacterClasses.isWhitespace(text[end]) { end += 1 }
            }
            if textStart < start { segments.append(.text(textStart..<start)) }
            segments.append(.added(id: match.token.id, range: start..<end))
            position = end
            textStart = end
        }
        if textStart < text.count { segments.append(.text(textStart..<text.count)) }
        return segments
    }

    private func longestMatch(in text: [UInt32], at position: Int) -> (token: AddedToken, length: Int)? {
        for pattern in patterns where text[position...].starts(with: pattern.scalars) {
            return (pattern.token, pattern.scalars.count)
        }
        return nil
    }
}
