/// The bottom line: the `:`, `/` and `open:` prompts, or the status bar with the status message,
/// else how far a file being opened has been read, else key hints; and what is in force (filter,
/// sort, baseline, hidden panes).
enum BottomLineView {
    static func draw(_ state: ExplorerState, layout: ExplorerLayout, in rect: Rect, on grid: inout CellGrid) {
        let base = CellStyle(.statusText, on: .statusBackground)
        grid.fill(rect, style: base)
        switch state.mode {
        case .command(let editor): drawPrompt(":", editor, in: rect, base: base, on: &grid)
        case .filter(let editor): drawPrompt("/", editor, in: rect, base: base, on: &grid)
        case .openFile(let editor): drawPrompt("open: ", editor, in: rect, base: base, on: &grid)
        default: drawStatus(state, layout: layout, in: rect, base: base, on: &grid)
        }
    }

    private static func drawPrompt(_ prompt: String, _ editor: LineEditor, in rect: Rect, base: CellStyle, on grid: inout CellGrid) {
        let start = grid.write(prompt, column: rect.x, row: rect.y, style: base.with(.accent, .bold))
        QueryLineView.drawEditor(editor, cursorShown: true, placeholder: "", column: start, row: rect.y,
                                 limit: rect.maxX, style: base, on: &grid)
    }

    private static func drawStatus(_ state: ExplorerState, layout: ExplorerLayout, in rect: Rect, base: CellStyle, on grid: inout CellGrid) {
        let indicators = indicatorText(state, layout: layout)
        let indicatorsWidth = DisplayWidth.of(indicators)
        var limit = rect.maxX
        if !indicators.isEmpty, indicatorsWidth + 20 < rect.width {
            grid.write(indicators, column: rect.maxX - indicatorsWidth - 1, row: rect.y, style: base.with(.accent))
            limit = rect.maxX - indicatorsWidth - 2
        }
        if let status = state.status {
            grid.write(" " + status.text, column: rect.x, row: rect.y, limit: limit,
                       style: status.isError ? base.with(.error, .bold) : base)
            return
        }
        if let loading = state.loading {
            grid.write(" " + loading.summary, column: rect.x, row: rect.y, limit: limit, style: base.with(.accent))
            return
        }
        var hints = StyledText()
        for (key, action) in hintPairs(state) {
            hints.append(" " + key, base.with(.accent, .bold))
            hints.append(" " + action + " ", base)
        }
        grid.draw(hints, column: rect.x, row: rect.y, limit: limit)
    }

    /// The few keys worth remembering in the current context.
    private static func hintPairs(_ state: ExplorerState) -> [(String, String)] {
        switch state.mode {
        case .detail: return [("Esc", "back"), ("j/k", "scroll"), ("n/p", "passage"), ("Tab", "pane"), ("?", "help")]
        case .help: return [("Esc", "close"), ("j/k", "scroll")]
        case .rankFlow: return [("Esc", "back"), ("j/k", "passage"), ("Tab", "pane"), ("Enter", "detail"), ("?", "help")]
        case .modelPicker: return [("Enter", "choose"), ("Esc", "cancel")]
        case .passageEditor: return [("Enter", "save"), ("Esc", "cancel")]
        case .normal, .command, .filter, .openFile:
            if state.showsBrowser {
                return [("Enter", "open"), ("s", "sort"), ("Tab", "Δ pane"), ("Esc", "panes"), ("m", "model"), ("?", "help"), ("q", "quit")]
            }
            if state.focus == .query {
                return [("Enter", "lists"), ("↑↓", "history"), ("F1", "help"), ("^C", "quit")]
            }
            return [("?", "help"), ("Enter", "detail"), ("m", "model"), ("+/-", "pane"), ("/", "filter"), (":", "cmd"), ("q", "quit")]
        }
    }

    /// Settings worth seeing at a glance, e.g. `/paris · sort pane1 · panes 2–3 of 4`.
    private static func indicatorText(_ state: ExplorerState, layout: ExplorerLayout) -> String {
        guard !state.showsBrowser else { return "" }   // the browser shows every pane and its own sort
        var parts: [String] = []
        if !state.filter.isEmpty { parts.append("/" + state.filter) }
        if state.sortOrder != .score { parts.append("sort \(state.sortOrder.rawValue)") }
        if state.baseline == .input { parts.append("moves vs input") }
        if let first = layout.panes.first, let last = layout.panes.last, layout.panes.count < state.panes.count {
            parts.append("panes \(first.index + 1)–\(last.index + 1) of \(state.panes.count)")
        }
        return parts.joined(separator: " · ")
    }
}
