extension CellGrid {
    /// Paints `columns` of `row` blank in `style`.
    mutating func fill(row: Int, columns: Range<Int>, style: CellStyle) {
        guard row >= 0, row < height else { return }
        for column in max(0, columns.lowerBound)..<min(width, columns.upperBound) {
            self[column, row] = Cell(text: " ", foreground: style.foreground, background: style.background, attributes: style.attributes)
        }
    }

    /// Paints a rectangle blank in `style`.
    mutating func fill(_ rect: Rect, style: CellStyle) {
        for row in rect.rows { fill(row: row, columns: rect.columns, style: style) }
    }

    /// Writes text from `column` on `row`, never past `limit` (exclusive; the grid's width by default).
    /// Text that does not fit ends in `…`. Returns the column after the last one written.
    @discardableResult
    mutating func write<S: StringProtocol>(_ text: S, column: Int, row: Int, limit: Int? = nil, style: CellStyle) -> Int {
        let end = min(limit ?? width, width)
        guard row >= 0, row < height, column < end else { return column }
        let available = end - column
        if DisplayWidth.of(text) <= available {
            return place(text, column: column, row: row, end: end, style: style)
        }
        let cut = DisplayWidth.truncate(String(text), to: available)
        return place(cut, column: column, row: row, end: end, style: style)
    }

    private mutating func place<S: StringProtocol>(_ text: S, column start: Int, row: Int, end: Int, style: CellStyle) -> Int {
        var column = start
        for character in text {
            if let ascii = character.asciiValue {
                guard ascii >= 0x20 && ascii < 0x7F || ascii == 0x09 else { continue }
                guard column < end else { break }
                put(ascii == 0x09 ? " " : String(character), wide: false, column: column, row: row, style: style)
                column += 1
                continue
            }
            let columns = DisplayWidth.character(character)
            if columns == 0 { continue }
            if column + columns > end { break }
            for cell in DisplayWidth.cells(of: character) {
                put(cell.text, wide: cell.width == 2, column: column, row: row, style: style)
                column += cell.width
            }
        }
        return column
    }

    /// Sets one cell (two for a wide character), repairing any wide character it overwrites half of.
    private mutating func put(_ text: String, wide: Bool, column: Int, row: Int, style: CellStyle) {
        guard column >= 0, column < width else { return }
        if self[column, row].text.isEmpty, column > 0 {
            self[column - 1, row].text = " "
        }
        let span = wide ? 2 : 1
        let after = column + span
        if after < width, self[after, row].text.isEmpty {
            self[after, row].text = " "
        }
        self[column, row] = Cell(text: text, foreground: style.foreground, background: style.background, attributes: style.attributes)
        if wide, column + 1 < width {
            self[column + 1, row] = Cell(text: "", foreground: style.foreground, background: style.background, attributes: style.attributes)
        }
    }
}
