import Explorer
import Testing

/// The `:` command line.
@Suite struct CommandLineTests {
    private func run(_ command: String, on state: inout ExplorerState) -> [Effect] {
        if state.focus == .query { Scenario.send(&state, [.key(.escape)]) }
        return Scenario.send(&state, [.character(":")] + Scenario.type(command) + [.key(.enter)])
    }

    @Test func modelSetsTheNamedPanesScorer() {
        var state = Scenario.ranked()
        let effects = run("model 2 bm25", on: &state)
        let pane = state.panes[1]
        #expect(pane.scorerName == "bm25")
        #expect(effects.contains(.loadScorer(pane.id, name: "bm25")))
        #expect(effects.contains(.score(pane.id, debounce: false)))
        #expect(effects.contains(.saveSession))
    }

    @Test func modelWithoutANumberUsesTheFocusedPaneAndABadNumberIsReported() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape), .key(.tab), .key(.tab)])
        #expect(state.focusedPane == 2)
        _ = run("model cross-x", on: &state)
        #expect(state.panes[2].scorerName == "cross-x")
        _ = run("model 7 bm25", on: &state)
        #expect(state.status?.isError == true)
    }

    @Test func maxlenSetsTheFocusedPanesLimitAndRescores() {
        var state = Scenario.ranked()
        let effects = run("maxlen 128", on: &state)
        #expect(state.panes[0].maxLength == 128)
        #expect(state.panes[0].effectiveMaxLength == 128)
        #expect(state.scoreRequest(for: state.panes[0].id)?.maxLength == 128)
        #expect(effects.contains(.score(state.panes[0].id, debounce: false)))
        #expect(screen(state).contains("logit ≤128"))
        _ = run("maxlen default", on: &state)
        #expect(state.panes[0].maxLength == nil)
        _ = run("maxlen 1", on: &state)
        #expect(state.status?.isError == true)
    }

    @Test func sortReordersRows() {
        var state = Scenario.ranked()
        _ = run("sort input", on: &state)
        #expect(state.rows(inPane: 1) == state.passages.map(\.id))
        _ = run("sort pane1", on: &state)
        #expect(state.rows(inPane: 2) == state.rankings[0].order)
        _ = run("sort sideways", on: &state)
        #expect(state.status?.isError == true)
    }

    @Test func themeSwitchesOnlyToKnownThemesAndTCycles() {
        var state = Scenario.ranked()
        #expect(run("theme light", on: &state).contains(.setTheme("light")))
        #expect(state.themeName == "light")
        #expect(run("theme neon", on: &state).contains(.setTheme("neon")) == false)
        #expect(state.status?.isError == true)
        #expect(Scenario.send(&state, [.character("t")]).contains(.setTheme("mono")))
        #expect(Scenario.send(&state, [.character("t")]).contains(.setTheme("dark")))
    }

    @Test func exportPicksTheFormatFromTheExtension() {
        var state = Scenario.ranked()
        #expect(run("export /tmp/out.md", on: &state).contains(.export(URLFixture.file("/tmp/out.md"), .markdown)))
        #expect(run("export /tmp/out.JSON", on: &state).contains(.export(URLFixture.file("/tmp/out.JSON"), .json)))
        #expect(run("export /tmp/out.txt", on: &state).isEmpty)
        #expect(state.status?.isError == true)
    }

    @Test func quitAndUnknownCommands() {
        var state = Scenario.ranked()
        #expect(run("quit", on: &state).contains(.quit))
        #expect(run("frobnicate", on: &state).isEmpty)
        #expect(state.status?.text.hasPrefix("unknown command :frobnicate") == true)
    }

    @Test func theCommandLineShowsWhileTypingAndEscapeCancels() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape), .character(":")] + Scenario.type("sort inp"))
        #expect(screen(state).hasSuffix(":sort inp"))
        Scenario.send(&state, [.key(.escape)])
        #expect(state.mode == .normal)
        #expect(state.sortOrder == .score)
    }
}
