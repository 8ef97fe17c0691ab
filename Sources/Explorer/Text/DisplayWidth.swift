/// How many terminal columns text occupies, and how a grapheme is split into terminal cells: one
/// policy for the views and the ncurses backend, so the columns the views measure are the columns
/// the terminal fills.
///
/// A grapheme is drawn as its spacing characters, each in a cell of its own (one column, or two for
/// East Asian wide characters and emoji, as glibc's `wcwidth` says, which ncurses and tmux follow),
/// with the combining marks after it in the same cell. Joiners, variation selectors, tag characters
/// and other format and control characters are left out (a tab is drawn as a space). So a ZWJ emoji
/// sequence shows its members side by side, a flag its two regional indicators and `❤️` the text
/// heart: terminals that would join or widen them cannot shift the columns after them.
public enum DisplayWidth {
    /// Columns one grapheme occupies: the sum of its spacing characters' widths.
    public static func character(_ character: Character) -> Int {
        let utf8 = character.utf8
        if utf8.count == 1, let byte = utf8.first {
            return (byte >= 0x20 && byte < 0x7F) || byte == 0x09 ? 1 : 0
        }
        var width = 0
        for scalar in character.unicodeScalars { width += Self.scalar(scalar) }
        return width
    }

    /// Columns a whole string occupies.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += Self.character(character) }
        return total
    }

    /// Columns one Unicode scalar occupies on its own: 0 for marks, format and control characters.
    public static func scalar(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0x09 { return 1 }  // a tab is drawn as one space
        if value < 0x300 { return value < 0x20 || (0x7F..<0xA0).contains(value) ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if isMedialJamo(value) { return 0 }
        return isWide(value) ? 2 : 1
    }

    /// The cells a grapheme is drawn in, left to right: each spacing character (a tab as a space)
    /// with the combining marks that follow it, and its width, 1 or 2. Empty when nothing is drawn.
    public static func cells(of character: Character) -> [(text: String, width: Int)] {
        var cells: [(text: String, width: Int)] = []
        for scalar in character.unicodeScalars {
            let width = Self.scalar(scalar)
            if width > 0 {
                cells.append((scalar.value == 0x09 ? " " : String(scalar), width))
            } else if !cells.isEmpty, combinesWithPrevious(scalar) {
                cells[cells.count - 1].text.unicodeScalars.append(scalar)
            }
        }
        return cells
    }

    /// True for zero-width scalars drawn in the cell of the character before them (combining marks,
    /// Hangul vowel and final jamo); other zero-width scalars are left out.
    public static func combinesWithPrevious(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return false }
        if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return false }  // variation selectors
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return isMedialJamo(value)
        }
    }

    /// Hangul medial vowels and finals, which join the syllable before them.
    private static func isMedialJamo(_ value: UInt32) -> Bool {
        (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value)
    }

    /// The string cut to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if text.utf8.count <= width, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let columns = Self.character(character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + "…"
    }

    /// The text with spaces in front to fill `width` columns.
    public static func padLeft(_ text: String, _ width: Int) -> String {
        padding(text, width) + text
    }

    /// The text with spaces after it to fill `width` columns.
    public static func padRight(_ text: String, _ width: Int) -> String {
        text + padding(text, width)
    }

    private static func padding(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(text)))
    }

    private static func isWide(_ value: UInt32) -> Bool {
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide and Fullwidth blocks and emoji with default emoji presentation, sorted.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
        0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
