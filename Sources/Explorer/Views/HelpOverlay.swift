/// The `?` overlay: every binding, the context it was opened from first (the query browser, the lists or the query line).
enum HelpOverlay {
    private static let keyColumn = 16
    private static let preferredWidth = 72

    static func draw(_ state: ExplorerState, scroll: Int, on grid: inout CellGrid) {
        let content = lines(state)
        let frame = self.frame(state, lineCount: content.count)
        let inner = OverlayBox.draw(frame, title: "Keys", footer: "Esc close · j/k scroll", on: &grid)
        let first = min(max(0, scroll), max(0, content.count - inner.height))
        for row in 0..<inner.height where first + row < content.count {
            grid.draw(content[first + row], column: inner.x, row: inner.y + row, limit: inner.maxX)
        }
    }

    /// The furthest the overlay scrolls at the current size.
    static func maximumScroll(_ state: ExplorerState) -> Int {
        let count = lines(state).count
        return max(0, count - max(0, frame(state, lineCount: count).height - 2))
    }

    private static func frame(_ state: ExplorerState, lineCount: Int) -> Rect {
        OverlayBox.frame(contentWidth: preferredWidth, contentHeight: lineCount,
                         screenWidth: state.screenWidth, screenHeight: state.screenHeight)
    }

    static func lines(_ state: ExplorerState) -> [StyledText] {
        let background = CellStyle(.text, on: .overlayBackground)
        var sections: [(String, [BindingDescription])] = [
            ("Lists (Esc or i: edit the query)", KeyBindings.lists.map(\.description)),
            ("Query line", KeyBindings.queryLine),
            ("Query browser of a judged set (b in the lists)", KeyBindings.browser.map(\.description)),
            ("Detail view", KeyBindings.detail),
            ("Rank flow (f in the lists)", KeyBindings.rankFlow),
            ("Anywhere", KeyBindings.anywhere),
            (": commands", KeyBindings.commands),
        ]
        if state.showsBrowser {
            sections.insert(sections.remove(at: 2), at: 0)
        } else if state.focus == .query {
            sections.swapAt(0, 1)
        }
        var result: [StyledText] = []
        for (title, bindings) in sections {
            if !result.isEmpty { result.append(StyledText()) }
            result.append(StyledText(title, background.with(.header, .bold)))
            for binding in bindings {
                var line = StyledText("  " + DisplayWidth.padRight(binding.keys, keyColumn), background.with(.accent, .bold))
                line.append(" " + binding.summary, background)
                result.append(line)
            }
        }
        return result
    }
}
