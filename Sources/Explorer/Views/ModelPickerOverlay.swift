/// The `m` overlay: the scorers found on this machine, the highlighted one chosen with Enter, and a last row that
/// asks for a Hugging Face model to pull.
enum ModelPickerOverlay {
    static let pullRow = "pull ORG/NAME from the Hugging Face Hub…"

    static func draw(_ state: ExplorerState, picker: ModelPickerState, on grid: inout CellGrid) {
        let background = CellStyle(.text, on: .overlayBackground)
        let paneNumber = (state.paneIndex(picker.pane) ?? 0) + 1
        guard let choices = state.modelChoices else {
            let frame = OverlayBox.frame(contentWidth: 40, contentHeight: 1, screenWidth: state.screenWidth, screenHeight: state.screenHeight)
            let inner = OverlayBox.draw(frame, title: "Model for pane \(paneNumber)", footer: "Esc cancel", on: &grid)
            grid.write("looking for models…", column: inner.x, row: inner.y, limit: inner.maxX, style: background.with(.dim))
            return
        }
        let nameWidth = min(36, choices.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let rowCount = choices.count + 1
        let frame = OverlayBox.frame(contentWidth: 72, contentHeight: rowCount,
                                     screenWidth: state.screenWidth, screenHeight: state.screenHeight)
        let inner = OverlayBox.draw(frame, title: "Model for pane \(paneNumber)", footer: "Enter choose · Esc cancel", on: &grid)
        guard inner.height > 0 else { return }
        let first = max(0, min(picker.highlighted - inner.height + 1, rowCount - inner.height))
        for row in 0..<inner.height where first + row < rowCount {
            let index = first + row
            let style = index == picker.highlighted ? CellStyle(.selectionText, on: .selection, .bold) : background
            grid.fill(row: inner.y + row, columns: inner.columns, style: style)
            guard choices.indices.contains(index) else {
                grid.draw(StyledText(pullRow, index == picker.highlighted ? style : style.with(.accent)),
                          column: inner.x, row: inner.y + row, limit: inner.maxX)
                continue
            }
            let choice = choices[index]
            var line = StyledText(DisplayWidth.padRight(DisplayWidth.truncate(choice.name, to: nameWidth), nameWidth), style)
            line.append("  " + DisplayWidth.padRight(choice.kind.rawValue, 13), index == picker.highlighted ? style : style.with(.accent))
            line.append(" " + choice.summary, index == picker.highlighted ? style : style.with(.dim))
            grid.draw(line, column: inner.x, row: inner.y + row, limit: inner.maxX)
        }
    }
}
