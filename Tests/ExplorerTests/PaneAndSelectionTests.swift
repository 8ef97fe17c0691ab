import Explorer
import Inference
import Testing

/// Panes, focus and the shared selection.
@Suite struct PaneAndSelectionTests {
    @Test func plusAddsAPaneWithAnUnusedScorerAndMinusRemovesTheFocusedOne() {
        var state = Scenario.state(scorers: [Scenario.crossEncoder])
        Scenario.send(&state, [.key(.escape)])
        let added = Scenario.send(&state, [.character("+")])
        #expect(state.panes.map(\.scorerName) == ["ms-marco-MiniLM-L-6-v2", "bm25"])
        #expect(state.focusedPane == 1)
        let newID = state.panes[1].id
        #expect(added.contains(.loadScorer(newID, name: "bm25")))
        #expect(added.contains(.score(newID, debounce: false)))
        let removed = Scenario.send(&state, [.character("-")])
        #expect(state.panes.count == 1)
        #expect(state.focusedPane == 0)
        #expect(removed.contains(.cancelScoring(newID)))
        Scenario.send(&state, [.character("-")])
        #expect(state.panes.count == 1)
        #expect(state.status?.isError == true)
    }

    @Test func atMostFourPanes() {
        var state = Scenario.state()
        Scenario.send(&state, [.key(.escape), .character("+"), .character("+")])
        #expect(state.panes.count == 4)
        #expect(state.status?.isError == true)
    }

    @Test func tabCyclesFocusThroughPanes() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.tab)])
        #expect(state.focus == .lists && state.focusedPane == 0)
        Scenario.send(&state, [.key(.tab), .key(.tab)])
        #expect(state.focusedPane == 2)
        Scenario.send(&state, [.key(.tab)])
        #expect(state.focusedPane == 0)
        Scenario.send(&state, [.key(.backTab)])
        #expect(state.focusedPane == 2)
    }

    @Test func selectionIsSharedAndFollowsTheFocusedPanesOrder() {
        var state = Scenario.ranked()
        #expect(state.selection == state.passages[0].id)
        // Pane 1 ranks: Paris, France, Berlin, Eiffel, Lyon.
        Scenario.send(&state, [.key(.tab), .character("j"), .character("j")])
        #expect(state.selection == state.passages[4].id)
        // Pane 3 (BM25) ranks: Paris, France, Berlin, Eiffel, Lyon too; move from Berlin to Eiffel.
        Scenario.send(&state, [.key(.backTab), .key(.down)])
        #expect(state.focusedPane == 2)
        #expect(state.selection == state.passages[1].id)
        Scenario.send(&state, [.key(.home)])
        #expect(state.selection == state.passages[0].id)
        Scenario.send(&state, [.character("G")])
        #expect(state.selection == state.passages[2].id)
        Scenario.send(&state, [.character("k")])
        #expect(state.selection == state.passages[1].id)
    }

    @Test func movingTheSelectionScrollsEveryPaneToIt() {
        let many = (1...30).map { PassageRecordFixture.numbered($0) }
        var state = Scenario.state(scorers: [Scenario.bm25, Scenario.crossEncoder], passages: many, width: 80, height: 10)
        Scenario.score(&state, pane: 0, (1...30).map(Double.init))
        Scenario.score(&state, pane: 1, (1...30).map { -Double($0) })
        // Six rows visible. Pane 1 lists passage 30 first, pane 2 passage 1 first; passage 1 is
        // selected, but with the query line focused fresh rankings show from their top.
        #expect(state.panes[0].scrollOffset == 0)
        #expect(state.panes[1].scrollOffset == 0)
        Scenario.send(&state, [.key(.escape), .key(.pageUp), .key(.pageUp)])
        // Two pages of five rows up from passage 1 (pane 1's last row): passage 11, at row 10 of pane 2.
        #expect(state.selection == state.passages[10].id)
        #expect(state.panes[0].scrollOffset == 19)
        #expect(state.panes[1].scrollOffset == 5)
    }

    @Test func scoreModeAndBaselineToggle() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape), .character("s")])
        #expect(state.panes[0].scoreMode == .probability)
        #expect(state.panes[1].scoreMode == .raw)
        #expect(state.movement(of: state.passages[3].id, inPane: 1) == .same)
        Scenario.send(&state, [.character("r")])
        #expect(state.baseline == .input)
        // Passage 4 is second in pane 2: up two places from its input position.
        #expect(state.movement(of: state.passages[3].id, inPane: 1) == .up(2))
    }

    @Test func staleBatchesAreIgnored() {
        var state = Scenario.state()
        let pane = state.panes[0].id
        _ = state.apply(.scoringStarted(pane, query: "capital of France", total: 5))
        _ = state.apply(.batch(pane, query: "an older query", scores: [state.passages[0].id: PairScore(score: 1)], completed: 1, total: 5))
        #expect(state.panes[0].scores.isEmpty)
        _ = state.apply(.batch(pane, query: "capital of France", scores: [state.passages[0].id: PairScore(score: 1)], completed: 1, total: 5))
        #expect(state.panes[0].scores.count == 1)
        #expect(state.panes[0].isScoring)
        #expect(state.panes[0].progress.percent == 20)
    }

    @Test func failuresShowInThePane() {
        var state = Scenario.state()
        _ = state.apply(.failed(state.panes[1].id, message: "model not found"))
        #expect(state.panes[1].error == "model not found")
        #expect(screen(state).contains("✗ model not found"))
    }

    @Test func modelPickerChoosesTheFocusedPanesScorer() {
        var state = Scenario.ranked()
        let effects = Scenario.send(&state, [.key(.escape), .character("m")])
        #expect(effects.contains(.loadModelList))
        #expect(screen(state).contains("looking for models…"))
        _ = state.apply(.modelList([ModelChoice(name: "cross-a", kind: .crossEncoder, summary: "6 layers"),
                                    ModelChoice(name: "bi-b", kind: .biEncoder, summary: "6 layers")]))
        #expect(state.modelChoices?.map(\.name) == ["cross-a", "bi-b", "bm25"])
        #expect(screen(state).contains("bi-b"))
        let chosen = Scenario.send(&state, [.character("j"), .key(.enter)])
        let pane = state.panes[0]
        #expect(pane.scorerName == "bi-b")
        #expect(pane.info == nil && pane.scores.isEmpty)
        #expect(chosen.contains(.loadScorer(pane.id, name: "bi-b")))
        #expect(chosen.contains(.score(pane.id, debounce: false)))
        #expect(state.mode == .normal)
    }

    @Test func mouseClickSelectsARowAndFocusesItsPane() {
        var state = Scenario.ranked(width: 100, height: 10)
        // Pane 3 starts at column 67; its fourth row (screen row 6) is the Eiffel passage.
        Scenario.send(&state, [.mouse(MouseEvent(action: .press, column: 80, row: 6))])
        #expect(state.focusedPane == 2)
        #expect(state.focus == .lists)
        #expect(state.selection == state.passages[1].id)
        Scenario.send(&state, [.mouse(MouseEvent(action: .press, column: 10, row: 0))])
        #expect(state.focus == .query)
    }

    @Test func wheelScrollsThePaneUnderThePointer() {
        let many = (1...30).map { PassageRecordFixture.numbered($0) }
        var state = Scenario.state(scorers: [Scenario.bm25, Scenario.crossEncoder], passages: many, width: 80, height: 10)
        Scenario.send(&state, [.mouse(MouseEvent(action: .wheelDown, column: 60, row: 5))])
        #expect(state.panes[0].scrollOffset == 0)
        #expect(state.panes[1].scrollOffset == 3)
        Scenario.send(&state, [.mouse(MouseEvent(action: .wheelUp, column: 60, row: 5)), .mouse(MouseEvent(action: .wheelUp, column: 60, row: 5))])
        #expect(state.panes[1].scrollOffset == 0)
    }

    @Test func resizeAndPresentationChangeTheLayout() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.resize(width: 200, height: 50)])
        #expect(state.screenWidth == 200 && state.screenHeight == 50)
        #expect(screen(state).contains("3 bm25"))
        Scenario.send(&state, [.key(.f5)])
        #expect(state.presentation)
        #expect(ExplorerView.render(state).height == 50)
    }
}
