import Explorer
import Testing

/// The keys and commands of the pictures: `#` histograms, `f` rank flow, `:export FILE.svg`.
@Suite struct PicturesReducerTests {
    @Test func hashTogglesTheHistogramsAndSaysSo() {
        var state = Scenario.ranked(width: 100, height: 20)
        Scenario.send(&state, [.key(.tab), .character("#")])
        #expect(state.showsHistograms)
        #expect(state.status?.isError == false)
        Scenario.send(&state, [.character("#")])
        #expect(!state.showsHistograms)
        #expect(state.status?.text == "score histograms off")
    }

    @Test func histogramsWithoutRoomSayWhatIsMissing() {
        var state = Scenario.ranked(width: 100, height: 10)
        Scenario.send(&state, [.key(.tab), .key(.f5), .character("#")])
        #expect(state.showsHistograms)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("enlarge the terminal") == true)
    }

    @Test func rankFlowOpensMovesTheSelectionSwitchesPanesAndBacksOut() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.tab), .character("f")])
        #expect(state.mode == .rankFlow)
        Scenario.send(&state, [.character("j")])
        #expect(state.selection == state.passages[3].id)   // second in pane 1's ranking
        Scenario.send(&state, [.key(.tab)])
        #expect(state.focusedPane == 1)
        #expect(state.mode == .rankFlow)
        Scenario.send(&state, [.key(.tab), .key(.tab)])
        #expect(state.focusedPane == 0)
        #expect(state.comparedPane == 1)
        Scenario.send(&state, [.key(.escape)])
        #expect(state.mode == .normal)
        Scenario.send(&state, [.character("f"), .character("f")])
        #expect(state.mode == .normal)
    }

    @Test func rankFlowEnterOpensTheDetailView() {
        var state = Scenario.ranked()
        let effects = Scenario.send(&state, [.key(.tab), .character("f"), .key(.enter)])
        #expect(state.mode == .detail(DetailState(passage: state.passages[0].id)))
        #expect(effects.contains(.loadReading(state.panes[0].id, state.passages[0].id)))
    }

    @Test func rankFlowNeedsTwoPanes() {
        var state = Scenario.state(scorers: [Scenario.bm25])
        Scenario.send(&state, [.key(.tab), .character("f")])
        #expect(state.mode == .normal)
        #expect(state.status?.isError == true)
    }

    @Test func exportToSVGAsksForThePicture() {
        var state = Scenario.ranked()
        let effects = Scenario.send(&state, [.key(.tab), .character(":")] + Scenario.type("export talk.SVG") + [.key(.enter)])
        #expect(effects.contains { effect in
            if case .export(let url, .svg) = effect { return url.lastPathComponent == "talk.SVG" }
            return false
        })
        Scenario.send(&state, [.character(":")] + Scenario.type("export talk.png") + [.key(.enter)])
        #expect(state.status?.text == "export writes .md, .json or .svg files, not talk.png")
    }

    @Test func helpListsThePictureKeys() {
        var state = Scenario.ranked(width: 100, height: 20)
        Scenario.send(&state, [.key(.tab), .character("?")])
        let help = (0..<12).map { _ -> String in
            let text = screen(state)
            Scenario.send(&state, [.key(.pageDown)])
            return text
        }.joined(separator: "\n")
        #expect(help.contains("score histogram under each pane"))
        #expect(help.contains("rank flow: pane 1 against the focused pane"))
        #expect(help.contains("Rank flow (f in the lists)"))
        #expect(help.contains(".svg: a picture"))
    }
}
