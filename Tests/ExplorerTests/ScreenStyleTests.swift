import Explorer
import PassageSources
import Testing

/// Colour roles of cells the text comparison cannot see: selection, query-term matches, the cut.
@Suite struct ScreenStyleTests {
    /// Row `row` of the grid as text, one entry per cell.
    private func cells(_ grid: CellGrid, row: Int) -> [Cell] {
        (0..<grid.width).map { grid[$0, row] }
    }

    /// The column where `needle` starts on a row (counting cells, so wide characters count twice).
    private func column(of needle: String, in grid: CellGrid, row: Int, from start: Int = 0) -> Int? {
        let texts = cells(grid, row: row).map(\.text)
        let target = Array(needle).map(String.init)
        guard start + target.count <= texts.count else { return nil }
        for column in start...(texts.count - target.count) where Array(texts[column..<(column + target.count)]) == target {
            return column
        }
        return nil
    }

    @Test func selectionIsHighlightedInEveryPane() throws {
        let grid = ExplorerView.render(ScreenScenarios.ranked)
        // "France borders…" is second in every pane (screen row 4) and selected.
        for start in [0, 33, 67] {
            let france = try #require(column(of: "France", in: grid, row: 4, from: start))
            #expect(grid[france, 4].background == .selection)
            #expect(grid[france, 3].background == .background)
        }
    }

    @Test func queryTermsAreMarked() throws {
        let grid = ExplorerView.render(ScreenScenarios.ranked)
        let capital = try #require(column(of: "capi", in: grid, row: 3))
        #expect(grid[capital, 3].foreground == .match)
        let paris = try #require(column(of: "Paris", in: grid, row: 3))
        #expect(grid[paris, 3].foreground == .text)
    }

    @Test func truncationIndicatorUsesTheTruncationRole() throws {
        let grid = ExplorerView.render(ScreenScenarios.ranked)
        let scissors = try #require(column(of: "✂95", in: grid, row: 6))
        #expect(grid[scissors, 6].foreground == .truncation)
    }

    @Test func detailViewDimsTheUnreadPartAndMarksUnknownTokens() throws {
        let grid = ExplorerView.render(ScreenScenarios.detail)
        let cut = try #require(column(of: "✂ for the World", in: grid, row: 3).map { $0 + 2 })
        #expect(grid[cut, 3].foreground == .cutText)
        let read = try #require(column(of: "1889", in: grid, row: 3))
        #expect(grid[read, 3].foreground == .text)
        let unknown = try #require(column(of: "[UNK]", in: grid, row: 8))
        #expect(grid[unknown, 8].foreground == .cutText)
        let kept = try #require(column(of: "tower", in: grid, row: 7))
        #expect(grid[kept, 7].foreground == .text)
    }

    @Test func unknownTokensAreMarkedWhenRead() throws {
        var state = ScreenScenarios.detail
        guard case .detail = state.mode else { Issue.record("not in the detail view"); return }
        let current = try #require(state.detailReading?.reading)
        let reading = PassageReadingFixture.allKept(current)
        _ = state.apply(.reading(state.panes[0].id, state.passages[1].id, query: state.scoringQuery, reading))
        let grid = ExplorerView.render(state)
        let unknown = try #require((0..<grid.height).lazy.compactMap { row in column(of: "[UNK]", in: grid, row: row).map { ($0, row) } }.first)
        #expect(grid[unknown.0, unknown.1].foreground == .unknownToken)
    }

    @Test func wideCharactersKeepColumnsAligned() {
        let passages = [
            PassageRecord(text: "東京は日本の首都です。人口は約千四百万人 🗼🇯🇵"),
            PassageRecord(text: "Café crème — naïve résumé with combining e\u{301} accents"),
            PassageRecord(text: "서울은 대한민국의 수도이다 and 北京是中国的首都"),
        ]
        var state = Scenario.state(query: "首都", passages: passages, width: 119, height: 12)
        Scenario.score(&state, pane: 0, [3, 1, 2])
        Scenario.score(&state, pane: 1, [0.3, 0.1, 0.2])
        Scenario.score(&state, pane: 2, [1, 0, 2])
        let grid = ExplorerView.render(state)
        let borders = (0..<grid.width).filter { grid[$0, 1].text == "│" }
        #expect(borders.count == 2)
        // The panes' rows (header and three passages); the preview of the selected passage is under them.
        for row in 1..<(grid.height - 1) {
            for border in borders where row < 6 { #expect(grid[border, row].text == "│", "row \(row)") }
            let line = cells(grid, row: row).map(\.text).joined()
            #expect(DisplayWidth.of(line) == grid.width, "row \(row): \(line)")
        }
        let match = (0..<grid.width).first { grid[$0, 3].text == "首" }
        #expect(match.map { grid[$0, 3].foreground } == .match)
        #expect(cells(grid, row: 6).map(\.text).joined().hasPrefix("── Passage 1 of 3"))
        let previewMatch = (0..<grid.width).first { grid[$0, 7].text == "首" }
        #expect(previewMatch.map { grid[$0, 7].foreground } == .match)
    }
}
