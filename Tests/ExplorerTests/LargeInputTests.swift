@testable import Explorer
import Testing

/// Inputs far larger than anyone types: a megabyte on one line, ten thousand pasted passages. They are
/// taken in whole, and what is drawn on every redraw stays small.
@Suite("Large inputs")
struct LargeInputTests {
    static let megabyteLine = String(repeating: "Vaccines train the immune system to recognise a pathogen. ", count: 17_500)

    @Test("a megabyte pasted on the query line becomes a passage, with a message, and the query stays as it was")
    func megabyteOnTheQueryLine() {
        var state = Scenario.ranked()
        let effects = state.handle(.paste(Self.megabyteLine))
        #expect(state.query.text == "capital of France")
        #expect(state.passages.count == Scenario.passages.count + 1)
        #expect(state.passages.last?.text == Self.megabyteLine.trimmingCharacters(in: .whitespaces))
        #expect(state.status?.text.contains("added as a passage") == true)
        #expect(effects.contains { if case .score = $0 { true } else { false } })
    }

    @Test("a query-sized paste still goes into the query")
    func shortPasteIsAQuery() {
        var state = Scenario.ranked()
        _ = state.handle(.paste(" and its suburbs"))
        #expect(state.query.text.hasSuffix("and its suburbs"))
        #expect(state.passages.count == Scenario.passages.count)
    }

    @Test("the detail view of a megabyte passage lays out its first characters and says how many there are")
    func detailOfAMegabytePassage() throws {
        var state = Scenario.ranked()
        _ = state.handle(.paste(Self.megabyteLine))
        Scenario.send(&state, [.key(.escape), .character("G"), .key(.enter)])
        guard case .detail(let detail) = state.mode else {
            Issue.record("the detail view did not open")
            return
        }
        let lines = DetailView.lines(state, detail: detail, width: 100)
        let total = Self.megabyteLine.trimmingCharacters(in: .whitespaces).count
        #expect(lines.contains { String($0.characters.map(\.character)).contains("the first \(DetailView.shownCharacters) of \(total) characters are shown") })
        #expect(lines.count < DetailView.shownCharacters / 50)
        let grid = ExplorerView.render(state)
        #expect(grid.width == state.screenWidth && grid.height == state.screenHeight)
    }

    @Test("ten thousand pasted passages are added in one step and scored by every pane")
    func tenThousandPassages() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape)])
        let pasted = (0..<10_000).map { "Passage number \($0) about vaccines and immunity." }.joined(separator: "\n\n")
        let effects = state.handle(.paste(pasted))
        #expect(state.passages.count == Scenario.passages.count + 10_000)
        let scored = Set(effects.compactMap { effect -> PaneID? in if case .score(let pane, _) = effect { pane } else { nil } })
        #expect(scored == Set(state.panes.map(\.id)))
        let grid = ExplorerView.render(state)
        #expect(grid.text.contains("10005 passages"))
    }
}
