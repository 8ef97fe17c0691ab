/// The query line at the top: prompt, query with cursor, passage count; large in presentation mode.
enum QueryLineView {
    static func draw(_ state: ExplorerState, in rect: Rect, on grid: inout CellGrid) {
        let base = CellStyle(.queryText, on: .queryBackground)
        grid.fill(rect, style: base)
        let editing = state.focus == .query && state.mode == .normal
        let row = rect.y + rect.height / 2
        let promptStyle = editing ? base.with(.accent, .bold) : base.with(.dim)
        if state.presentation {
            grid.write("❯", column: rect.x + 2, row: row, style: promptStyle)
            let start = rect.x + 5
            if !state.query.isEmpty, BigText.width(state.query.text) <= rect.maxX - start - 2,
               let rows = BigText.rows(state.query.text) {
                drawBig(rows, cursor: editing ? state.query.cursor : nil, column: start, row: row - 1, style: base, on: &grid)
                return
            }
            drawEditor(state.query, cursorShown: editing, placeholder: "type a query", column: start, row: row,
                       limit: rect.maxX - 2, style: base.with(.queryText, .bold), on: &grid)
            return
        }
        var limit = rect.maxX - 1
        let info = passageSummary(state)
        let infoWidth = DisplayWidth.of(info)
        if infoWidth + 24 < rect.width {
            grid.write(info, column: rect.maxX - 1 - infoWidth, row: row, style: base.with(.dim))
            limit = rect.maxX - 3 - infoWidth
        }
        let textStart = grid.write("❯ ", column: rect.x + 1, row: row, style: promptStyle)
        drawEditor(state.query, cursorShown: editing, placeholder: "type a query", column: textStart, row: row,
                   limit: limit, style: base, on: &grid)
    }

    /// The query in big letters with the cursor as a bar in the gap before the character it is at.
    private static func drawBig(_ rows: [String], cursor: Int?, column: Int, row: Int, style: CellStyle, on grid: inout CellGrid) {
        for (offset, line) in rows.enumerated() {
            grid.write(line, column: column, row: row + offset, style: style.with(.queryText, .bold))
        }
        guard let cursor else { return }
        for offset in rows.indices {
            grid.write("▌", column: column + cursor * BigText.advance - 1, row: row + offset, style: style.with(.cursor))
        }
    }

    /// "24 passages · Sample title", or the filtered count while filtering.
    private static func passageSummary(_ state: ExplorerState) -> String {
        let count = state.passages.count
        var text = "\(count) passage\(count == 1 ? "" : "s")"
        if !state.filter.isEmpty {
            text = "\(state.rows(inPane: state.focusedPane).count) of \(count) shown"
        }
        if !state.title.isEmpty { text += " · " + state.title }
        return text
    }

    /// Draws an editable line with its cursor, scrolled so the cursor stays in view.
    static func drawEditor(_ editor: LineEditor, cursorShown: Bool, placeholder: String, column: Int, row: Int,
                           limit: Int, style: CellStyle, on grid: inout CellGrid) {
        let available = limit - column
        guard available > 1 else { return }
        if editor.isEmpty {
            if cursorShown { grid.write(" ", column: column, row: row, style: style.on(.cursor)) }
            grid.write(placeholder, column: column + 1, row: row, limit: limit, style: style.with(.dim))
            return
        }
        let characters = editor.characters
        var first = 0
        var widthBeforeCursor = DisplayWidth.of(String(characters[..<editor.cursor]))
        while widthBeforeCursor + 1 > available, first < editor.cursor {
            widthBeforeCursor -= DisplayWidth.character(characters[first])
            first += 1
        }
        var position = column
        for index in first...characters.count {
            let isCursor = cursorShown && index == editor.cursor
            guard index < characters.count else {
                if isCursor { grid.write(" ", column: position, row: row, limit: limit, style: style.on(.cursor)) }
                break
            }
            let next = grid.write(String(characters[index]), column: position, row: row, limit: limit,
                                  style: isCursor ? style.on(.cursor) : style)
            if next == position { break }
            position = next
        }
    }
}
