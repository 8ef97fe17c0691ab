import Explorer
import Inference
import Testing

@Suite("Models downloading in a pane, and pulling one from the picker")
struct ModelDownloadTests {
    /// Pane 1 asks for a Hub model that is not loaded yet; panes 2 and 3 are ready.
    private func downloadingState() -> ExplorerState {
        var state = Scenario.state()
        Scenario.send(&state, [.key(.escape), .character(":")] + Scenario.type("model 1 org/remote-model") + [.key(.enter)])
        return state
    }

    @Test func aDownloadingPaneShowsItsProgressAndTheOthersKeepTheirs() {
        var state = downloadingState()
        Scenario.score(&state, pane: 1, [0.81, 0.42, 0.17, 0.66, 0.58])
        _ = state.apply(.downloading(scorer: "org/remote-model",
                                     ModelDownload(completedBytes: 450_000_000, totalBytes: 1_100_000_000, file: "model.safetensors")))
        #expect(state.panes[0].download?.percent == 40)
        #expect(state.panes[1].download == nil)
        let text = screen(state)
        #expect(text.contains("remote-model · downloading…"))
        #expect(text.contains("⇣ 40% of 1.1 GB"))
        #expect(state.rankings[1].ranks.count == 5)

        _ = state.apply(.scorerReady(state.panes[0].id, Scenario.crossEncoder))
        #expect(state.panes[0].download == nil)
        #expect(!screen(state).contains("downloading"))
    }

    @Test func aFailedDownloadShowsTheErrorInstead() {
        var state = downloadingState()
        _ = state.apply(.downloading(scorer: "org/remote-model", ModelDownload(completedBytes: 1, totalBytes: 10, file: "config.json")))
        _ = state.apply(.failed(state.panes[0].id, message: "org/remote-model is gated or private"))
        #expect(state.panes[0].download == nil)
        #expect(screen(state).contains("✗ org/remote-mod"))
        #expect(state.panes[0].error == "org/remote-model is gated or private")
    }

    @Test func thePickersLastRowAsksForAModelToPull() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape), .character("m")])
        _ = state.apply(.modelList([ModelChoice(name: "cross-a", kind: .crossEncoder, summary: "6 layers")]))
        #expect(screen(state).contains("pull ORG/NAME from the Hugging Face Hub…"))
        let effects = Scenario.send(&state, [.key(.down), .key(.down), .key(.enter)])
        #expect(effects.isEmpty)
        #expect(state.mode == .command(LineEditor("model 1 ")))
        let chosen = Scenario.send(&state, Scenario.type("org/remote-model") + [.key(.enter)])
        #expect(state.panes[0].scorerName == "org/remote-model")
        #expect(chosen.contains(.loadScorer(state.panes[0].id, name: "org/remote-model")))
    }
}
