import Explorer
import Testing

/// The query line: editing keys, history, and the scoring they trigger.
@Suite struct QueryEditingTests {
    private func editing(_ text: String) -> ExplorerState {
        ExplorerState(query: text, scorers: ["bm25"], width: 80, height: 24)
    }

    @Test func cursorMovesAndInserts() {
        var state = editing("pars")
        Scenario.send(&state, [.key(.left), .character("i")])
        #expect(state.query.text == "paris")
        Scenario.send(&state, [.key(.home), .character("¿")])
        #expect(state.query.text == "¿paris")
        Scenario.send(&state, [.control("e"), .character("?")])
        #expect(state.query.text == "¿paris?")
        Scenario.send(&state, [.control("a"), .key(.delete), .key(.end), .key(.backspace)])
        #expect(state.query.text == "paris")
        #expect(state.query.cursor == 5)
    }

    @Test func controlKeysDeleteWordsAndLineParts() {
        var state = editing("capital of france")
        Scenario.send(&state, [.control("w")])
        #expect(state.query.text == "capital of ")
        Scenario.send(&state, [.control("w")])
        #expect(state.query.text == "capital ")
        Scenario.send(&state, Scenario.type("city"))
        Scenario.send(&state, [.key(.left), .key(.left), .control("k")])
        #expect(state.query.text == "capital ci")
        Scenario.send(&state, [.key(.left), .control("u")])
        #expect(state.query.text == "i")
        #expect(state.query.cursor == 0)
    }

    @Test func cursorStepsOverWholeGraphemes() {
        var state = editing("e\u{301}🇫🇷")
        Scenario.send(&state, [.key(.left), .key(.backspace)])
        #expect(state.query.text == "🇫🇷")
    }

    @Test func historyBrowsesOlderAndNewerAndKeepsTheDraft() {
        var state = ExplorerState(query: "", history: ["first", "second"], scorers: ["bm25"])
        Scenario.send(&state, Scenario.type("dra"))
        Scenario.send(&state, [.key(.up)])
        #expect(state.query.text == "second")
        Scenario.send(&state, [.key(.up), .key(.up)])
        #expect(state.query.text == "first")
        Scenario.send(&state, [.key(.down)])
        #expect(state.query.text == "second")
        Scenario.send(&state, [.key(.down)])
        #expect(state.query.text == "dra")
    }

    @Test func enterRecordsTheQueryAndMovesToTheLists() {
        var state = editing("first")
        Scenario.send(&state, [.key(.enter)])
        #expect(state.history.entries == ["first"])
        #expect(state.focus == .lists)
        Scenario.send(&state, [.key(.escape), .control("u")] + Scenario.type("second") + [.key(.enter)])
        Scenario.send(&state, [.key(.escape), .control("u")] + Scenario.type("first") + [.key(.enter)])
        #expect(state.history.entries == ["second", "first"])
    }

    @Test func typingAsksForDebouncedScoringOfEveryPane() {
        var state = ExplorerState(passages: Scenario.passages, scorers: ["a", "b"])
        let effects = Scenario.send(&state, [.character("x")])
        #expect(effects.filter { if case .score(_, debounce: true) = $0 { true } else { false } }.count == 2)
        #expect(state.scoreRequest(for: state.panes[0].id)?.query == "x")
    }

    @Test func spacesAroundTheQueryDoNotRescore() {
        var state = ExplorerState(passages: Scenario.passages, query: "paris", scorers: ["a"])
        #expect(Scenario.send(&state, [.character(" ")]).isEmpty == false, "the query line is saved")
        #expect(Scenario.send(&state, [.character(" ")]).contains(.score(state.panes[0].id, debounce: true)) == false)
        #expect(state.scoreRequest(for: state.panes[0].id)?.query == "paris")
    }

    @Test func replacingTheQueryFocusesItAndRescores() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape)])
        let effects = state.replaceQuery(with: "largest city")
        #expect(state.focus == .query)
        #expect(state.query.text == "largest city" && state.query.cursor == 12)
        #expect(effects.contains(.score(state.panes[1].id, debounce: true)))
        #expect(effects.contains(.saveSession))
    }

    @Test func clearingTheQueryClearsResultsAndCancelsWork() {
        var state = Scenario.ranked()
        let effects = Scenario.send(&state, [.control("u")])
        #expect(state.panes.allSatisfy { $0.scores.isEmpty })
        #expect(effects.contains(.cancelScoring(state.panes[0].id)))
        #expect(state.scoreRequest(for: state.panes[0].id) == nil)
    }

    @Test func escapeTogglesBetweenQueryAndLists() {
        var state = editing("q")
        Scenario.send(&state, [.key(.escape)])
        #expect(state.focus == .lists)
        Scenario.send(&state, [.key(.escape)])
        #expect(state.focus == .query)
        Scenario.send(&state, [.key(.tab)])
        #expect(state.focus == .lists)
        Scenario.send(&state, [.character("i")])
        #expect(state.focus == .query)
    }

    @Test func qTypesInTheQueryButQuitsFromTheLists() {
        var state = editing("")
        #expect(Scenario.send(&state, [.character("q")]).contains(.quit) == false)
        #expect(state.query.text == "q")
        #expect(Scenario.send(&state, [.key(.escape), .character("q")]).contains(.quit))
        var other = editing("")
        #expect(Scenario.send(&other, [.control("c")]).contains(.quit))
    }
}
