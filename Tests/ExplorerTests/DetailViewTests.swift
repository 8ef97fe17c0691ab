import Explorer
import Foundation
import Testing

/// Opening, stepping through and leaving the detail view.
@Suite struct DetailViewTests {
    @Test func enterOpensTheSelectionAndAsksForTheFocusedPanesReading() {
        var state = Scenario.ranked()
        let effects = Scenario.send(&state, [.key(.tab), .key(.enter)])
        let paris = state.passages[0].id
        #expect(state.mode == .detail(DetailState(passage: paris)))
        #expect(effects == [.loadReading(state.panes[0].id, paris)])
    }

    @Test func readingRequestsCarryWhatTheScorerNeedsAndTheirAnswerIsShown() throws {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.tab), .character(":")] + Scenario.type("maxlen 64") + [.key(.enter), .key(.enter)])
        let request = try #require(state.readingRequest(pane: state.panes[0].id, passage: state.passages[0].id))
        #expect(request.query == "capital of France")
        #expect(request.maxLength == 64)
        #expect(request.text == Scenario.passages[0].text)
        #expect(request.scorerName == "ms-marco-MiniLM-L-6-v2")
        _ = state.apply(request.update(nil))
        #expect(screen(state).contains("reads whole words, not WordPiece tokens"))
    }

    @Test func tabReadsWithTheNextPanesModelAndNStepsToTheNextPassage() {
        var state = ScreenScenarios.detail
        let eiffel = state.passages[1].id
        #expect(Scenario.send(&state, [.key(.tab)]) == [.loadReading(state.panes[1].id, eiffel)])
        // Pane 2 ranks Eiffel fourth and Lyon fifth.
        #expect(Scenario.send(&state, [.character("n")]) == [.loadReading(state.panes[1].id, state.passages[2].id)])
        #expect(state.selection == state.passages[2].id)
    }

    @Test func theScrollPositionDoesNotCoverTheTextBelowIt() {
        let long = (1...40).map { "Sentence \($0) of a long passage about the capital." }.joined(separator: " ")
        var state = Scenario.state(passages: [.init(text: long)], width: 60, height: 12)
        Scenario.send(&state, [.key(.tab), .key(.enter), .key(.pageDown)])
        let firstBodyLine = screen(state).split(separator: "\n")[1]
        #expect(firstBodyLine.range(of: #"\S… +\d+–\d+ of \d+$"#, options: .regularExpression) != nil,
                "the text stops with an ellipsis before the position: \(firstBodyLine)")
    }

    @Test func theScoresOfEveryPaneAreListed() {
        let text = screen(ScreenScenarios.detail)
        #expect(text.contains("rank 4 of 5  ✂ 95 cut"))
        #expect(text.contains("0.42 cosine  rank 4 of 5"))
    }

    @Test func scrollingIsClampedAndEscapeCloses() {
        var state = ScreenScenarios.detail
        let eiffel = state.passages[1].id
        // Everything fits in 70×18: nothing to scroll.
        Scenario.send(&state, [.character("j"), .key(.pageDown)])
        #expect(state.mode == .detail(DetailState(passage: eiffel, scroll: 0)))
        Scenario.send(&state, [.resize(width: 40, height: 10)] + Array(repeating: .character("j"), count: 40))
        guard case .detail(let detail) = state.mode else { Issue.record("left the detail view"); return }
        #expect(detail.scroll > 0)
        #expect(screen(state).split(separator: "\n")[1].hasSuffix("of \(detail.scroll + 8)"))
        Scenario.send(&state, [.key(.escape)])
        #expect(state.mode == .normal)
    }

    @Test func aReadingForAnotherQueryIsNotShown() {
        var state = ScreenScenarios.detail
        Scenario.send(&state, [.key(.escape), .key(.escape), .character("x"), .key(.escape), .key(.enter)])
        #expect(screen(state).contains("reading…"))
    }
}
