import Explorer
import PassageSources
import Testing

/// Adding, editing, deleting, undoing and pasting passages.
@Suite struct PassageEditingTests {
    private func listFocused() -> ExplorerState {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape)])
        return state
    }

    @Test func addAPassageThenUndoIt() {
        var state = listFocused()
        let effects = Scenario.send(&state, [.character("a")] + Scenario.type("Marseille is a port.") + [.key(.enter)])
        #expect(state.passages.count == 6)
        #expect(state.passages.last?.text == "Marseille is a port.")
        #expect(state.selection == state.passages.last?.id)
        #expect(effects.contains(.score(state.panes[0].id, debounce: false)))
        #expect(effects.contains(.saveSession))
        Scenario.send(&state, [.character("u")])
        #expect(state.passages.count == 5)
    }

    @Test func escapeCancelsTheEditorAndEmptyTextIsNotSaved() {
        var state = listFocused()
        Scenario.send(&state, [.character("a")] + Scenario.type("draft") + [.key(.escape)])
        #expect(state.passages.count == 5)
        #expect(state.mode == .normal)
        Scenario.send(&state, [.character("a"), .character(" "), .key(.enter)])
        #expect(state.passages.count == 5)
        #expect(state.status?.isError == true)
    }

    @Test func editThenUndoRestoresTheTextAndDropsStaleScores() {
        var state = listFocused()
        let paris = state.passages[0].id
        Scenario.send(&state, [.character("e"), .control("u")] + Scenario.type("Paris hosts the Louvre.") + [.key(.enter)])
        #expect(state.passage(paris)?.text == "Paris hosts the Louvre.")
        #expect(state.panes.allSatisfy { $0.scores[paris] == nil })
        Scenario.send(&state, [.character("u")])
        #expect(state.passage(paris)?.text == Scenario.passages[0].text)
    }

    @Test func deleteSelectsTheNextRowAndUndoPutsThePassageBack() {
        var state = listFocused()
        // Pane 1 order: Paris, France, Berlin, Eiffel, Lyon; select France and delete it.
        Scenario.send(&state, [.character("j"), .character("d")])
        #expect(state.passages.count == 4)
        #expect(state.selection == state.passages.first { $0.text.hasPrefix("Berlin") }?.id)
        #expect(state.rankings[0].order.count == 4)
        Scenario.send(&state, [.character("u")])
        #expect(state.passages.map(\.text) == Scenario.passages.map(\.text))
        #expect(state.selection == state.passages[3].id)
        Scenario.send(&state, [.character("u")])
        #expect(state.status?.text == "nothing to undo")
    }

    @Test func pastedParagraphsBecomePassages() {
        var state = listFocused()
        let effects = Scenario.send(&state, [.paste("Nice is on the coast.\nIt has a long promenade.\n\n\nBordeaux makes wine.\n")])
        #expect(state.passages.suffix(2).map(\.text) == ["Nice is on the coast. It has a long promenade.", "Bordeaux makes wine."])
        #expect(effects.contains(.score(state.panes[2].id, debounce: false)))
        Scenario.send(&state, [.character("u")])
        #expect(state.passages.count == 5)
    }

    @Test func aOneLinePasteInTheQueryLineEditsTheQuery() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.control("u"), .paste("largest city\n")])
        #expect(state.query.text == "largest city")
        #expect(state.passages.count == 5)
    }

    @Test func loadedCollectionsAreAddedAndTheirQueryUsedWhenNoneIsTyped() {
        var state = ExplorerState(scorers: ["bm25"])
        let collection = PassageCollection(title: "cities", queries: ["biggest city"], passages: Scenario.passages,
                                           warnings: ["cities.txt:3: invalid UTF-8 replaced"])
        let effects = state.apply(.passagesLoaded(collection))
        #expect(state.passages.count == 5)
        #expect(state.query.text == "biggest city")
        #expect(state.title == "cities")
        #expect(state.status == StatusMessage("cities.txt:3: invalid UTF-8 replaced", isError: true))
        #expect(effects.contains(.score(state.panes[0].id, debounce: false)))
        #expect(effects.contains(.saveSession))
    }

    @Test func filterNarrowsTheRowsWhileTyping() {
        var state = listFocused()
        Scenario.send(&state, [.character("/")] + Scenario.type("capital"))
        #expect(state.rows(inPane: 0).count == 2)
        #expect(screen(state).contains("/capital"))
        Scenario.send(&state, [.key(.enter)])
        #expect(state.filter == "capital")
        Scenario.send(&state, [.character("/"), .key(.escape)])
        #expect(state.filter.isEmpty)
        #expect(state.rows(inPane: 0).count == 5)
    }

    @Test func openAsksTheRuntimeToLoadAFile() {
        var state = listFocused()
        let effects = Scenario.send(&state, [.character("o")] + Scenario.type("/tmp/notes.txt") + [.key(.enter)])
        #expect(effects.contains(.openFile(URLFixture.file("/tmp/notes.txt"))))
    }
}
