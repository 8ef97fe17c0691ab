import Explorer
import Testing

/// Display width, truncation, and drawing text into grids.
@Suite struct TextLayoutTests {
    @Test func widthsOfScripts() {
        #expect(DisplayWidth.of("paris") == 5)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("서울") == 4)
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4, "half-width katakana is narrow")
        #expect(DisplayWidth.of("ＡＢ") == 4, "full-width Latin is wide")
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("🗼") == 2)
        #expect(DisplayWidth.of("🇫🇷") == 2, "two regional indicators of one column")
        #expect(DisplayWidth.of("👩‍👩‍👧") == 6, "the members of a ZWJ sequence side by side")
        #expect(DisplayWidth.of("❤️") == 1, "the text heart: the variation selector is left out")
        #expect(DisplayWidth.of("✂") == 1)
        #expect(DisplayWidth.of("a\u{200B}b") == 2, "zero-width space")
        #expect(DisplayWidth.of("a\tb") == 3, "a tab is drawn as a space")
        #expect(DisplayWidth.of("\u{1B}[31m") == 4, "escape is dropped, the rest is text")
    }

    @Test func truncationEndsInAnEllipsisWithinTheWidth() {
        #expect(DisplayWidth.truncate("capital", to: 10) == "capital")
        #expect(DisplayWidth.truncate("capital", to: 5) == "capi…")
        #expect(DisplayWidth.truncate("東京は日本", to: 6) == "東京…")
        #expect(DisplayWidth.truncate("東京は日本", to: 5) == "東京…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func wideCharactersTakeTwoCellsAndOverwritingHalfClearsTheOther() {
        var state = ExplorerState(passages: [.init(text: "東京")], scorers: ["bm25"], width: 40, height: 10)
        _ = state.handle(.resize(width: 40, height: 10))
        let grid = ExplorerView.render(state)
        let row = (0..<grid.height).first { row in (0..<grid.width).contains { grid[$0, row].text == "東" } }
        guard let found = row, let column = (0..<grid.width).first(where: { grid[$0, found].text == "東" }) else {
            Issue.record("東 not drawn")
            return
        }
        #expect(grid[column + 1, found].text == "")
        #expect(grid[column + 2, found].text == "京")
    }

    @Test func graphemesAreDrawnAsTheCellsTheTerminalAdvancesBy() {
        var grid = CellGrid(width: 20, height: 1)
        let text = "👩‍👩‍👧|🇫🇷|❤️|e\u{301}|1️⃣|a"
        var state = ExplorerState(passages: [.init(text: text)], scorers: ["bm25"], width: 60, height: 10)
        _ = state.handle(.resize(width: 60, height: 10))
        let screen = ExplorerView.render(state)
        guard let row = (0..<screen.height).first(where: { row in (0..<screen.width).contains { screen[$0, row].text == "👩" } }),
              let start = (0..<screen.width).first(where: { screen[$0, row].text == "👩" }) else {
            Issue.record("the ZWJ sequence was not drawn")
            return
        }
        for column in 0..<min(20, screen.width - start) { grid[column, 0] = screen[start + column, row] }
        #expect(grid.cells.prefix(18).map(\.text) == ["👩", "", "👩", "", "👧", "", "|", "🇫", "🇷", "|", "❤", "|", "e\u{301}", "|", "1\u{20E3}", "|", "a", " "])
        #expect(grid.cells.prefix(18).reduce(0) { $0 + DisplayWidth.of($1.text) } == 18, "the text shown fills exactly the columns it takes")
    }

    @Test func controlCharactersInPassagesDoNotReachTheScreen() {
        var state = Scenario.state(passages: [.init(text: "bell\u{07} tab\tend \u{1B}x")], width: 100, height: 10)
        Scenario.score(&state, pane: 0, [1])
        let text = ExplorerView.render(state).text
        #expect(!text.contains("\u{07}"))
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\t"))
        #expect(text.contains("bell tab end x"))
    }
}
