/// A framed box drawn over the screen for the help, model picker and passage editor overlays.
enum OverlayBox {
    /// The centred box for content of the given size, clipped to the screen with a margin.
    static func frame(contentWidth: Int, contentHeight: Int, screenWidth: Int, screenHeight: Int) -> Rect {
        let width = min(screenWidth - 4, contentWidth + 4)
        let height = min(screenHeight - 2, contentHeight + 2)
        return Rect(x: (screenWidth - width) / 2, y: (screenHeight - height) / 2, width: max(0, width), height: max(0, height))
    }

    /// Draws the frame with a title on the top border and a footer on the bottom one; returns the
    /// inner rectangle (one column of padding inside the border).
    @discardableResult
    static func draw(_ rect: Rect, title: String, footer: String, on grid: inout CellGrid) -> Rect {
        let fill = CellStyle(.text, on: .overlayBackground)
        let border = fill.with(.border)
        grid.fill(rect, style: fill)
        guard rect.width >= 4, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        grid.write("╭" + horizontal + "╮", column: rect.x, row: rect.y, style: border)
        grid.write("╰" + horizontal + "╯", column: rect.x, row: rect.maxY - 1, style: border)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            grid.write("│", column: rect.x, row: row, style: border)
            grid.write("│", column: rect.maxX - 1, row: row, style: border)
        }
        grid.write(" \(title) ", column: rect.x + 2, row: rect.y, limit: rect.maxX - 2, style: fill.with(.header, .bold))
        if !footer.isEmpty {
            let text = " \(footer) "
            let start = max(rect.x + 2, rect.maxX - 2 - DisplayWidth.of(text))
            grid.write(text, column: start, row: rect.maxY - 1, limit: rect.maxX - 2, style: fill.with(.dim))
        }
        return Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
    }
}
