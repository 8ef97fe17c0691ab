/// Draws an `ExplorerState` into a `CellGrid` of the state's screen size (set by `.resize` events).
/// Pure: no terminal, no theme (cells carry colour roles; the backend resolves them with a
/// `ResolvedPalette`).
public enum ExplorerView {
    public static func render(_ state: ExplorerState) -> CellGrid {
        var grid = CellGrid(width: state.screenWidth, height: state.screenHeight)
        let layout = ExplorerLayout(state)
        if layout.tooSmall {
            TooSmallView.draw(width: state.screenWidth, height: state.screenHeight, on: &grid)
            return grid
        }
        if state.showsBrowser {
            QueryBrowserView.draw(state, on: &grid)
        } else {
            QueryLineView.draw(state, in: layout.query, on: &grid)
            switch state.mode {
            case .detail(let detail): DetailView.draw(state, detail: detail, in: layout.body, on: &grid)
            case .rankFlow: RankFlowView.draw(state, in: layout.body, on: &grid)
            default: drawPanes(state, layout: layout, on: &grid)
            }
        }
        if let bottom = layout.bottom {
            BottomLineView.draw(state, layout: layout, in: bottom, on: &grid)
        }
        switch state.mode {
        case .help(let scroll): HelpOverlay.draw(state, scroll: scroll, on: &grid)
        case .modelPicker(let picker): ModelPickerOverlay.draw(state, picker: picker, on: &grid)
        case .passageEditor(let editor): PassageEditorOverlay.draw(state, editor: editor, on: &grid)
        default: break
        }
        return grid
    }

    private static func drawPanes(_ state: ExplorerState, layout: ExplorerLayout, on grid: inout CellGrid) {
        for frame in layout.panes {
            PaneView.draw(state, frame: frame, layout: layout, on: &grid)
        }
        let border = CellStyle(.border)
        for frame in layout.panes.dropLast() {
            let column = frame.rect.maxX + layout.gap / 2
            for row in frame.rect.rows { grid.write("│", column: column, row: row, style: border) }
        }
        if let preview = layout.preview {
            PassagePreview.draw(state, in: preview, on: &grid)
        }
    }
}

/// The message shown instead of a broken layout when the terminal is below the minimum size.
enum TooSmallView {
    static func draw(width: Int, height: Int, on grid: inout CellGrid) {
        let message = "terminal too small: need \(ExplorerLayout.minimumWidth)×\(ExplorerLayout.minimumHeight)"
        let lines = StyledText(message, CellStyle(.warning, on: .background, .bold)).wrapped(width: width)
            + StyledText("now \(width)×\(height)", CellStyle(.dim)).wrapped(width: width)
        let top = max(0, (height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            grid.draw(line, column: max(0, (width - line.width) / 2), row: top + offset)
        }
    }
}
