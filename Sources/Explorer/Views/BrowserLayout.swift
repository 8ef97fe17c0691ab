/// Where the query browser's parts go: its title on the query line, then four heading lines (the
/// panes' legend, the compared pane against pane 1, the column names, the means), then one row per
/// query down to the bottom line.
struct BrowserLayout {
    /// Lines above the query rows.
    static let headingLines = 4

    let title: Rect
    let legend: Rect
    let comparison: Rect
    let columnNames: Rect
    let means: Rect
    let rows: Rect

    init(_ state: ExplorerState) {
        let layout = ExplorerLayout(state)
        let body = layout.body
        title = layout.query
        func line(_ offset: Int) -> Rect {
            Rect(x: body.x, y: body.y + offset, width: body.width, height: offset < body.height ? 1 : 0)
        }
        legend = line(0)
        comparison = line(1)
        columnNames = line(2)
        means = line(3)
        rows = Rect(x: body.x, y: body.y + Self.headingLines, width: body.width, height: max(0, body.height - Self.headingLines))
    }

    /// Queries shown at once.
    var visibleRows: Int { rows.height }
}
