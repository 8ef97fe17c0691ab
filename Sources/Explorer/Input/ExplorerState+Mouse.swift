extension ExplorerState {
    /// Rows one wheel step scrolls.
    static let wheelStep = 3

    /// Click: focus the query line, or focus a pane and select the clicked row. Wheel: scroll the
    /// pane under the pointer, the detail view or the help overlay.
    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        let layout = ExplorerLayout(self)
        guard !layout.tooSmall else { return [] }
        let step: Int
        switch event.action {
        case .release: return []
        case .wheelUp: step = -Self.wheelStep
        case .wheelDown: step = Self.wheelStep
        case .press: return click(event, layout: layout)
        }
        switch mode {
        case .detail(let detail):
            var scrolled = detail
            scrolled.scroll = min(max(0, detail.scroll + step), max(0, DetailView.lineCount(self) - layout.bodyHeight))
            mode = .detail(scrolled)
        case .help(let scroll):
            mode = .help(scroll: min(max(0, scroll + step), HelpOverlay.maximumScroll(self)))
        case .rankFlow:
            moveSelection(by: step > 0 ? 1 : -1)
        case .normal, .command, .filter, .openFile:
            guard !showsBrowser else {
                scrollBrowser(by: step)
                return []
            }
            let index = layout.pane(atColumn: event.column, row: event.row)?.index ?? focusedPane
            scroll(pane: index, by: step)
        case .modelPicker, .passageEditor:
            break
        }
        return []
    }

    private mutating func click(_ event: MouseEvent, layout: ExplorerLayout) -> [Effect] {
        switch mode {
        case .help:
            mode = .normal
            return []
        case .normal:
            break
        default:
            return []
        }
        if showsBrowser {
            selectBrowserRow(at: event.row)
            return []
        }
        if layout.query.contains(column: event.column, row: event.row) {
            focus = .query
            return []
        }
        guard let frame = layout.pane(atColumn: event.column, row: event.row) else { return [] }
        focusedPane = frame.index
        focus = .lists
        guard frame.list.contains(column: event.column, row: event.row) else { return [] }
        let row = panes[frame.index].scrollOffset + (event.row - frame.list.y) / layout.rowHeight
        let rows = rows(inPane: frame.index)
        if rows.indices.contains(row) {
            selection = rows[row]
            revealSelection()
        }
        return []
    }

    /// A click in the query browser selects the query on that row.
    private mutating func selectBrowserRow(at row: Int) {
        let rows = BrowserLayout(self).rows
        guard let current = browser, rows.contains(column: rows.x, row: row) else { return }
        let order = browserOrder
        let position = current.scrollOffset + row - rows.y
        guard order.indices.contains(position) else { return }
        browser?.selected = order[position]
    }
}
