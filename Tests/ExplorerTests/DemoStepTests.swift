import Explorer
import Testing

/// Scripted demo steps act on the state as the commands they stand for.
@Suite struct DemoStepTests {
    @Test func modelAndMaxLengthStepsRebindAndRescorePanes() {
        var state = Scenario.ranked()
        let second = state.panes[1].id
        let effects = state.perform(.model(pane: 2, scorer: "bm25"))
        #expect(state.panes[1].scorerName == "bm25")
        #expect(effects.contains(.loadScorer(second, name: "bm25")) && effects.contains(.score(second, debounce: false)))

        let limited = state.perform(.maxLength(pane: 3, tokens: 64))
        #expect(state.panes[2].maxLength == 64 && state.focusedPane == 2)
        #expect(limited.contains(.score(state.panes[2].id, debounce: false)))
        #expect(limited.contains(.saveSession), "pane limits are part of the session")
    }

    @Test func aPaneTheStateDoesNotHaveIsReported() {
        var state = Scenario.ranked()
        #expect(state.perform(.maxLength(pane: 4, tokens: 64)).isEmpty)
        #expect(state.status?.isError == true)
        #expect(state.panes.allSatisfy { $0.maxLength == nil })
    }

    @Test func notesThemesAndCommands() {
        var state = Scenario.ranked()
        _ = state.perform(.note("BM25 misses the paraphrase"))
        #expect(state.status == StatusMessage("BM25 misses the paraphrase"))
        _ = state.perform(.note(""))
        #expect(state.status == nil)
        #expect(state.perform(.theme("light")) == [.setTheme("light"), .saveSession])
        _ = state.perform(.command("sort input"))
        #expect(state.sortOrder == .input)
    }

    @Test func aQueryStepReplacesTheQueryAndRescoresAfterTheDebounce() {
        var state = Scenario.ranked()
        let effects = state.perform(.query("largest city"))
        #expect(state.query.text == "largest city" && state.focus == .query)
        #expect(effects.filter { if case .score(_, true) = $0 { true } else { false } }.count == state.panes.count)
    }
}
