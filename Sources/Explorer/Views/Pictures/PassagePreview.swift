import Inference

/// The rows the lists leave empty: the selected passage in full, query terms marked, and where
/// the focused pane's model stopped reading (✂) or the window that won highlighted. A passage
/// longer than the room starts shortly before that mark, so the mark is always in view.
enum PassagePreview {
    /// Rows the preview needs to be worth showing: a title and two lines of text.
    static let minimumHeight = 3

    static func draw(_ state: ExplorerState, in rect: Rect, on grid: inout CellGrid) {
        guard rect.height >= minimumHeight, rect.width > 4, let id = state.selection, let passage = state.passage(id) else { return }
        grid.fill(rect, style: CellStyle())
        let pane = state.panes.indices.contains(state.focusedPane) ? state.panes[state.focusedPane] : nil
        let score = pane?.scores[id]
        let reading = MarkedPassage.Reading(score)
        grid.draw(title(state, passage: passage, score: score, width: rect.width), column: rect.x, row: rect.y, limit: rect.maxX)

        let width = rect.width - 2
        let rows = rect.height - 1
        // Enough characters to fill the rows even when wrapping wastes a third of each line.
        let room = rows * width
        let start = startOffset(focus: reading.focus, room: room)
        let (text, complete) = MarkedPassage.styled(passage.text, terms: QueryTerms(state.query.text), reading: reading,
                                        from: start, limit: room * 3 / 2 + 8)
        let lines = text.wrapped(width: width)
        for (offset, line) in lines.prefix(rows).enumerated() {
            var shown = line
            if offset == rows - 1, lines.count > rows || !complete { shown.append(" …", CellStyle(.dim)) }
            grid.draw(shown, column: rect.x + 1, row: rect.y + 1 + offset, limit: rect.maxX - 1)
        }
    }

    /// Where the shown text starts: the beginning, or a third of the room before the mark when the mark would not be in view.
    static func startOffset(focus: Int?, room: Int) -> Int {
        guard let focus, focus > room * 2 / 3 else { return 0 }
        return max(0, focus - room / 3)
    }

    /// `── Passage 2 of 5 · label 1 · 1 ms-marco… ✂ 95 cut ──────`, a rule across the screen.
    private static func title(_ state: ExplorerState, passage: ExplorerPassage, score: PairScore?, width: Int) -> StyledText {
        let rule = CellStyle(.border)
        let position = (state.passageIndex[passage.id] ?? 0) + 1
        var line = StyledText("── ", rule)
        line.append("Passage \(position) of \(state.passages.count)", CellStyle(.header, on: .background, .bold))
        if let label = passage.record.label { line.append(" · label \(label)", CellStyle(.accent)) }
        if state.panes.indices.contains(state.focusedPane) {
            let pane = state.panes[state.focusedPane]
            if let window = score?.windowLabel {
                line.append(" · \(state.focusedPane + 1) \(pane.displayName) best window \(window)", CellStyle(.accent))
            } else if let truncation = score?.truncation, truncation.isTruncated {
                line.append(" · \(state.focusedPane + 1) \(pane.displayName) ✂ \(truncation.passageTokensCut + truncation.queryTokensCut) tokens cut",
                            CellStyle(.truncation))
            }
        }
        line.append(" ", rule)
        let fill = width - line.width
        if fill > 0 { line.append(String(repeating: "─", count: fill), rule) }
        return line
    }
}
