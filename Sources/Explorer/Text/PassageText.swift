/// Small text helpers for passages: the first line shown in a row and the part of it drawn.
enum PassageText {
    /// The first non-blank line without surrounding whitespace, for one-line rows. Line breaks are
    /// found among the Unicode scalars, so a long passage costs a quick scan, not a walk through
    /// its graphemes, on every frame.
    static func firstLine(_ text: String) -> Substring {
        var rest = text[...]
        while !rest.isEmpty {
            let end = rest.unicodeScalars.firstIndex(where: isLineBreak) ?? rest.endIndex
            let line = rest[..<end].trimmingWhitespace()
            if !line.isEmpty { return line }
            rest = end == rest.endIndex ? "" : rest[rest.unicodeScalars.index(after: end)...]
        }
        return ""
    }

    /// The scalars `Character.isNewline` treats as line breaks.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The start of `text` that fills `width` columns, plus `extra` characters (so a word cut at the
    /// edge can still be recognised); rows never style more than they can show.
    static func visiblePrefix(_ text: Substring, width: Int, extra: Int) -> Substring {
        var used = 0
        var index = text.startIndex
        while index < text.endIndex, used <= width {
            used += DisplayWidth.character(text[index])
            index = text.index(after: index)
        }
        var remaining = extra
        while index < text.endIndex, remaining > 0 {
            index = text.index(after: index)
            remaining -= 1
        }
        return text[..<index]
    }
}

extension Substring {
    /// The substring without leading and trailing whitespace.
    func trimmingWhitespace() -> Substring {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return self[start...end]
    }
}
