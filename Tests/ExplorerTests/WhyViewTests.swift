import Explorer
import Inference
import PassageSources
import Testing

/// The detail view's why view: `w` asks for an attribution, its news is shown, and the heat map is
/// drawn from the theme's rank colours with marks that read without colour.
@Suite struct WhyViewTests {
    static let text = "Paris is the capital of France. Cats sleep a lot. Lyon is a city."

    /// One pane of each kind over three passages, ranked, the detail view of the first open.
    static func detailState(width: Int = 110, height: Int = 30) -> ExplorerState {
        var state = Scenario.state(passages: [PassageRecord(text: text), PassageRecord(text: "Berlin is big."),
                                              PassageRecord(text: "Rome is old.")], width: width, height: height)
        Scenario.score(&state, pane: 0, [5.1, 1.0, -2.0])
        Scenario.score(&state, pane: 1, [0.8, 0.3, 0.1])
        Scenario.score(&state, pane: 2, [2.0, 0.5, 0.0])
        Scenario.send(&state, [.key(.tab), .key(.enter)])
        return state
    }

    /// A hand-made attribution of `text`: the first sentence pushes the score up most, the second down.
    static func attribution() -> Attribution {
        let sentences = TextUnits(text, kind: .sentence).units
        let words = TextUnits("capital of France", kind: .word).units
        return Attribution(method: .occlusion, score: 5.1, unitKind: .sentence,
                           units: zip(sentences, [3.0, -2.5, 0.2]).map { UnitAttribution(unit: $0, scoreWithout: 5.1 - $1, delta: $1) },
                           queryTerms: zip(words, [1.5, 0.0, -0.75]).map { UnitAttribution(unit: $0, scoreWithout: 5.1 - $1, delta: $1) })
    }

    static func explained() throws -> ExplorerState {
        var state = detailState()
        Scenario.send(&state, [.character("w")])
        let request = try #require(state.wantedExplanation)
        _ = state.apply(.explanation(Explanation(key: request.key, attribution: attribution())))
        return state
    }

    private func row(_ grid: CellGrid, containing needle: String) throws -> Int {
        let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(needle) }, "no row holds \(needle)")
    }

    private func column(of needle: String, in grid: CellGrid, row: Int) throws -> Int {
        let texts = (0..<grid.width).map { grid[$0, row].text }
        let target = Array(needle).map(String.init)
        let found = (0...(texts.count - target.count)).first { Array(texts[$0..<($0 + target.count)]) == target }
        return try #require(found, "\(needle) not on row \(row)")
    }

    // MARK: reducer

    @Test func wCyclesSentencesWordsAndOffAskingForEachAndCancelling() throws {
        var state = Self.detailState()
        let paris = state.passages[0].id
        let sentences = Scenario.send(&state, [.character("w")])
        let request = try #require(state.wantedExplanation)
        #expect(sentences == [.explain(request)])
        #expect(state.mode == .detail(DetailState(passage: paris, why: .sentence)))
        #expect(request.key == ExplainKey(scorer: state.panes[0].scorerKey, query: "capital of France", passage: Self.text, unit: .sentence))
        #expect(request.collection == state.passages.map(\.text), "BM25's statistics come from the pane's passages")
        let words = Scenario.send(&state, [.character("w")])
        #expect(words == [.explain(try #require(state.wantedExplanation))])
        #expect(state.wantedExplanation?.key.unit == .word)
        #expect(Scenario.send(&state, [.character("w")]) == [.cancelExplain])
        #expect(state.mode == .detail(DetailState(passage: paris)))
        #expect(state.wantedExplanation == nil)
    }

    @Test func steppingSwitchingPanesAndLeavingFollowTheWhyView() throws {
        var state = Self.detailState()
        Scenario.send(&state, [.character("w")])
        let next = Scenario.send(&state, [.character("n")])
        let berlin = state.passages[1].id
        #expect(next == [.loadReading(state.panes[0].id, berlin), .explain(try #require(state.wantedExplanation))])
        #expect(state.wantedExplanation?.key.passage == "Berlin is big.", "the why view stays on for the next passage")
        let tab = Scenario.send(&state, [.key(.tab)])
        #expect(tab.last == .explain(try #require(state.wantedExplanation)))
        #expect(state.wantedExplanation?.key.scorer == state.panes[1].scorerKey)
        #expect(Scenario.send(&state, [.key(.escape)]) == [.cancelExplain])
        #expect(state.mode == .normal)
    }

    @Test func progressErrorsAndStaleNewsAreShownOrDropped() throws {
        var state = Self.detailState()
        Scenario.send(&state, [.character("w")])
        #expect(screen(state).contains("waiting for the panes to finish…"))
        let key = try #require(state.wantedExplanation?.key)
        _ = state.apply(.explanation(Explanation(key: key, progress: AttributionProgress(completed: 3, total: 9))))
        #expect(screen(state).contains("explaining… 3 of 9 variants scored"))
        var stale = key
        stale.unit = .word
        _ = state.apply(.explanation(Explanation(key: stale, attribution: Self.attribution())))
        #expect(state.explanation?.progress == AttributionProgress(completed: 3, total: 9), "news for words while sentences are shown")
        _ = state.apply(.explanation(Explanation(key: key, error: "explaining by words would score 9001 variants")))
        #expect(screen(state).contains("explaining by words would score 9001 variants"))
    }

    // MARK: screen

    @Test func theHeatMapColoursUnitsAndQueryWordsFromTheTheme() throws {
        let state = try Self.explained()
        let grid = ExplorerView.render(state)
        let text = screen(state)
        #expect(text.contains("Why · 1 ms-marco-MiniLM-L-6-v2 · by sentences · occlusion: Δ = score − score without it"))
        #expect(text.contains("query +capital of France  (its own scale: strongest ±1.50)"))
        #expect(text.contains("scale −3.00 −1.20 −0.30 0 +0.30 +1.20 +3.00  Δ = score − score without"))
        #expect(text.contains("Strongest sentences"))
        #expect(text.contains("+Paris is the capital of France. −Cats sleep a lot. Lyon is a city."))
        #expect(text.contains("   +3.00  Paris is the capital of France."))
        #expect(text.contains("   −2.50  Cats sleep a lot."))

        let passage = try row(grid, containing: "+Paris")
        let paris = try column(of: "+Paris", in: grid, row: passage)
        #expect(grid[paris, passage] == Cell(text: "+", foreground: .background, background: .rankUp, attributes: .bold))
        #expect(grid[paris + 1, passage].background == .rankUp)
        let cats = try column(of: "−Cats", in: grid, row: passage)
        #expect(grid[cats + 1, passage] == Cell(text: "C", foreground: .background, background: .rankDown, attributes: .bold))
        let lyon = try column(of: "Lyon", in: grid, row: passage)
        #expect(grid[lyon, passage] == Cell(text: "L"), "0.2 of 3.0 is below the first threshold: not marked")

        // The query's words on their own scale: 1.5 is its strongest, −0.75 is half of it.
        let query = try row(grid, containing: "query +capital of France")
        #expect(grid[try column(of: "capital", in: grid, row: query), query] == Cell(text: "c", foreground: .background, background: .rankUp,
                                                                                      attributes: .bold))
        #expect(grid[try column(of: " of ", in: grid, row: query) + 1, query] == Cell(text: "o"))
        #expect(grid[try column(of: "France", in: grid, row: query), query] == Cell(text: "F", foreground: .rankDown, attributes: .bold))

        let legend = try row(grid, containing: "scale −")
        #expect(grid[try column(of: "+3.00", in: grid, row: legend), legend].background == .rankUp)
        #expect(grid[try column(of: "−1.20", in: grid, row: legend), legend].foreground == .rankDown)
    }

    @Test func withoutColourTheStrongestUnitsAreReversedAndMarked() throws {
        let grid = ExplorerView.render(try Self.explained())
        let mono = ResolvedPalette(theme: .dark, depth: .monochrome)
        let passage = try row(grid, containing: "+Paris")
        let paris = try column(of: "+Paris", in: grid, row: passage)
        let cats = try column(of: "−Cats", in: grid, row: passage)
        let lyon = try column(of: "Lyon", in: grid, row: passage)
        #expect(mono.colors(for: grid[paris + 1, passage]) == (-1, -1))
        #expect(mono.attributes(for: grid[paris + 1, passage]) == [.bold, .reverse])
        #expect(mono.attributes(for: grid[cats + 1, passage]) == [.bold, .reverse])
        #expect(mono.attributes(for: grid[lyon, passage]) == [])
        // The sign that tells up from down without colour is in the text itself.
        #expect(grid[paris, passage].text == "+" && grid[cats, passage].text == "−")
        let query = try row(grid, containing: "query +capital")
        #expect(mono.attributes(for: grid[try column(of: "France", in: grid, row: query), query]) == .bold)
    }

    @Test func bm25SaysItsNumbersAreTermContributions() throws {
        var state = Self.detailState()
        Scenario.send(&state, [.key(.tab), .key(.tab), .character("w")])
        #expect(screen(state).contains("Why · 3 bm25 · by sentences · BM25 term contributions"))
    }

    @Test func theHelpListsTheKey() {
        #expect(KeyBindings.detail.contains { $0.keys == "w" })
    }
}
