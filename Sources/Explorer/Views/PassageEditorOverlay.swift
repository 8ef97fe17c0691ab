/// The `a`/`e` overlay: a wrapped text box for a new or edited passage.
enum PassageEditorOverlay {
    static func draw(_ state: ExplorerState, editor editorState: PassageEditorState, on grid: inout CellGrid) {
        let background = CellStyle(.text, on: .overlayBackground)
        let width = min(72, max(10, state.screenWidth - 8))
        var text = StyledText()
        let characters = editorState.editor.characters
        for (index, character) in characters.enumerated() {
            let style = index == editorState.editor.cursor ? background.on(.cursor) : background
            text.characters.append(StyledCharacter(character: character == "\n" ? " " : character, style: style))
        }
        if editorState.editor.cursor >= characters.count { text.append(" ", background.on(.cursor)) }
        let lines = text.wrapped(width: width)
        let frame = OverlayBox.frame(contentWidth: width, contentHeight: max(3, lines.count),
                                     screenWidth: state.screenWidth, screenHeight: state.screenHeight)
        let title = editorState.editing == nil ? "New passage" : "Edit passage"
        let inner = OverlayBox.draw(frame, title: title, footer: "Enter save · Esc cancel", on: &grid)
        let first = max(0, lines.count - inner.height)
        for row in 0..<inner.height where first + row < lines.count {
            grid.draw(lines[first + row], column: inner.x, row: inner.y + row, limit: inner.maxX)
        }
    }
}
