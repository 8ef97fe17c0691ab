/// One character and its look, the unit of `StyledText`.
struct StyledCharacter: Hashable {
    var character: Character
    var style: CellStyle
}

/// Text whose characters carry styles; wraps to a width and draws into a grid.
struct StyledText: Hashable {
    var characters: [StyledCharacter] = []

    init() {}

    init<S: StringProtocol>(_ text: S, _ style: CellStyle) {
        append(text, style)
    }

    var isEmpty: Bool { characters.isEmpty }

    var width: Int { characters.reduce(0) { $0 + DisplayWidth.character($1.character) } }

    mutating func append<S: StringProtocol>(_ text: S, _ style: CellStyle) {
        for character in text { characters.append(StyledCharacter(character: character, style: style)) }
    }

    /// Lines no wider than `width`, broken after spaces where possible and at every newline.
    func wrapped(width: Int) -> [StyledText] {
        guard width > 0 else { return [] }
        var lines: [StyledText] = []
        var line = StyledText()
        var lineWidth = 0
        var lastSpace: Int?
        for item in characters {
            if item.character.isNewline {
                lines.append(line)
                line = StyledText()
                lineWidth = 0
                lastSpace = nil
                continue
            }
            let columns = DisplayWidth.character(item.character)
            if lineWidth + columns > width {
                if item.character == " " {
                    lines.append(line)
                    line = StyledText()
                    lineWidth = 0
                    lastSpace = nil
                    continue
                }
                if let space = lastSpace {
                    var head = StyledText()
                    head.characters = Array(line.characters[..<space])
                    lines.append(head)
                    line.characters = Array(line.characters[(space + 1)...])
                    lineWidth = line.width
                } else {
                    lines.append(line)
                    line = StyledText()
                    lineWidth = 0
                }
                lastSpace = nil
            }
            if item.character == " " { lastSpace = line.characters.count }
            line.characters.append(item)
            lineWidth += columns
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension CellGrid {
    /// Draws styled text from `column` on `row`, ending in `…` (in the last character's style) when
    /// it is wider than the space up to `limit`. Returns the column after the text.
    @discardableResult
    mutating func draw(_ text: StyledText, column: Int, row: Int, limit: Int? = nil) -> Int {
        let end = min(limit ?? width, width)
        guard column < end else { return column }
        var characters = text.characters
        if text.width > end - column {
            var kept: [StyledCharacter] = []
            var used = 0
            for item in characters {
                let columns = DisplayWidth.character(item.character)
                if used + columns > end - column - 1 { break }
                kept.append(item)
                used += columns
            }
            let style = kept.last?.style ?? characters.first?.style ?? CellStyle()
            kept.append(StyledCharacter(character: "…", style: style))
            characters = kept
        }
        var position = column
        var start = 0
        while start < characters.count {
            let style = characters[start].style
            var stop = start
            var run = ""
            while stop < characters.count, characters[stop].style == style {
                run.append(characters[stop].character)
                stop += 1
            }
            position = write(run, column: position, row: row, limit: end, style: style)
            start = stop
        }
        return position
    }
}
