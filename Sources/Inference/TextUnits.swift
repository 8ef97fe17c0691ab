/// How finely attribution cuts a text: into sentences, or into words.
public enum TextUnitKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Split after `.`, `!` or `?` (and any closing quotes or brackets) followed by whitespace or the
    /// end, and at line breaks; a text without such breaks is one sentence.
    case sentence
    /// Runs of characters between whitespace.
    case word

    /// "sentences" or "words", for people.
    public var plural: String { rawValue + "s" }
}

/// One unit of a text and where it sits: Unicode-scalar offsets, so Python's `text[start:end]` is its
/// text (the offsets windows and tokens use too).
public struct TextUnit: Sendable, Hashable {
    /// Unicode-scalar offsets in the text, without the whitespace around the unit.
    public var range: Range<Int>
    public var text: String

    public init(range: Range<Int>, text: String) {
        self.range = range
        self.text = text
    }
}

/// A text cut into sentences or words, and the text with one unit left out.
public struct TextUnits: Sendable, Hashable {
    public let text: String
    public let kind: TextUnitKind
    /// The units in text order; empty for a text of only whitespace.
    public let units: [TextUnit]
    /// Where each unit lies in `text.unicodeScalars`, parallel to `units`.
    private let bounds: [Range<String.Index>]

    public init(_ text: String, kind: TextUnitKind) {
        self.text = text
        self.kind = kind
        let scalars = Array(text.unicodeScalars)
        let ranges = kind == .sentence ? Self.sentenceRanges(scalars) : Self.wordRanges(scalars)
        units = ranges.map { TextUnit(range: $0, text: Self.string(scalars[$0])) }
        var indices: [String.Index] = []
        indices.reserveCapacity(scalars.count + 1)
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            indices.append(index)
            index = text.unicodeScalars.index(after: index)
        }
        indices.append(text.unicodeScalars.endIndex)
        bounds = ranges.map { indices[$0.lowerBound]..<indices[$0.upperBound] }
    }

    /// The text without unit `index`: the whitespace that joined it to the text after it goes with it
    /// (so no doubled space is left), or, for the last unit, the whitespace before it. An index
    /// outside `units` gives the text unchanged. Units cover every non-whitespace character, so only
    /// whitespace follows the last one.
    public func removing(_ index: Int) -> String {
        guard bounds.indices.contains(index) else { return text }
        let scalars = text.unicodeScalars
        var lower = bounds[index].lowerBound
        var upper = bounds[index].upperBound
        if index == bounds.count - 1 {
            upper = scalars.endIndex
            while lower > scalars.startIndex, Self.isWhitespace(scalars[scalars.index(before: lower)]) { lower = scalars.index(before: lower) }
        } else {
            while upper < scalars.endIndex, Self.isWhitespace(scalars[upper]) { upper = scalars.index(after: upper) }
        }
        return String(scalars[..<lower]) + String(scalars[upper...])
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?"]
    /// Closing marks that stay with the sentence they end: `He said "no." Then…`.
    private static let closers: Set<Unicode.Scalar> = ["\"", "'", ")", "]", "}", "\u{201D}", "\u{2019}", "\u{BB}"]

    private static func string<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func wordRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        for (offset, scalar) in scalars.enumerated() {
            if isWhitespace(scalar) {
                if let first = start { ranges.append(first..<offset) }
                start = nil
            } else if start == nil {
                start = offset
            }
        }
        if let first = start { ranges.append(first..<scalars.count) }
        return ranges
    }

    private static func sentenceRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        var lastVisible = 0
        func close() {
            if let first = start { ranges.append(first..<lastVisible) }
            start = nil
        }
        var offset = 0
        while offset < scalars.count {
            let scalar = scalars[offset]
            if isLineBreak(scalar) {
                close()
            } else if !isWhitespace(scalar) {
                if start == nil { start = offset }
                lastVisible = offset + 1
                if sentenceEnds.contains(scalar) {
                    var next = offset + 1
                    while next < scalars.count, closers.contains(scalars[next]) { next += 1 }
                    if next == scalars.count || isWhitespace(scalars[next]) {
                        lastVisible = next
                        offset = next - 1
                        close()
                    }
                }
            }
            offset += 1
        }
        close()
        return ranges
    }
}
