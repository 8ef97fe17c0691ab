import Explorer
import Foundation
import Inference
import PassageSources
import Testing

/// A pane that runs its model in another precision: the `:precision` command, the header (also when
/// crowded at 45 columns), a precision the CPU cannot run, exports and the saved session.
@Suite struct PrecisionPaneTests {
    private func run(_ command: String, on state: inout ExplorerState) -> [Effect] {
        if state.focus == .query { Scenario.send(&state, [.key(.escape)]) }
        return Scenario.send(&state, [.character(":")] + Scenario.type(command) + [.key(.enter)])
    }

    /// A loaded scorer's info in another precision.
    private static func info(_ info: ScorerInfo, in precision: Precision) -> ScorerInfo {
        var changed = info
        changed.precision = precision
        return changed
    }

    /// The three-pane comparison with pane 1 switched to int8, loaded again and rescored.
    static func int8Pane(width: Int = 100, height: Int = 12) -> ExplorerState {
        var state = Scenario.ranked(width: width, height: height)
        Scenario.send(&state, [.key(.tab), .character(":")] + Scenario.type("precision int8") + [.key(.enter)])
        _ = state.apply(.scorerReady(state.panes[0].id, info(Scenario.crossEncoder, in: .int8)))
        Scenario.score(&state, pane: 0, [8.1, -3.2, -6.1, 1.4, -0.5], probabilities: true)
        return state
    }

    @Test func precisionLoadsTheFocusedPanesModelAgainAndRescores() throws {
        var state = Scenario.ranked()
        let pane = state.panes[0].id
        let effects = run("precision int8", on: &state)
        #expect(state.panes.map(\.precision) == [.int8, .fp32, .fp32])
        #expect(effects.contains(.loadScorer(pane, name: "ms-marco-MiniLM-L-6-v2", precision: .int8)))
        #expect(effects.contains(.score(pane, debounce: false)) && effects.contains(.saveSession))
        #expect(state.panes[0].info == nil && state.panes[0].scores.isEmpty)
        #expect(!state.panes[1].scores.isEmpty)
        #expect(state.scoreRequest(for: pane)?.precision == .int8)
        #expect(state.scoreRequest(for: state.panes[1].id)?.precision == .fp32)
        #expect(state.readingRequest(pane: pane, passage: state.passages[0].id)?.precision == .int8)
        #expect(state.status == StatusMessage("pane 1 loads ms-marco-MiniLM-L-6-v2 in int8"))

        _ = state.apply(.scorerReady(pane, Self.info(Scenario.crossEncoder, in: .int8)))
        #expect(run("precision INT8", on: &state).isEmpty)
        #expect(state.status == StatusMessage("pane 1 already runs ms-marco-MiniLM-L-6-v2 in int8"))
        let back = run("precision fp32", on: &state)
        #expect(back.contains(.loadScorer(pane, name: "ms-marco-MiniLM-L-6-v2", precision: .fp32)))
        #expect(state.status == StatusMessage("pane 1 loads ms-marco-MiniLM-L-6-v2 in fp32, the reference"))
        // `:model` keeps the pane's precision for the next model.
        _ = run("precision bf16", on: &state)
        #expect(run("model all-MiniLM-L6-v2", on: &state).contains(.loadScorer(pane, name: "all-MiniLM-L6-v2", precision: .bf16)))
    }

    @Test("bad values are one status line and change nothing", arguments: [
        "precision", "precision fp16", "precision 8", "precision int8 bf16",
    ])
    func badValues(command: String) {
        var state = Scenario.ranked()
        #expect(run(command, on: &state).isEmpty)
        #expect(state.status == StatusMessage("usage: :precision fp32|bf16|int8 (fp32 is the reference)", isError: true))
        #expect(state.panes[0].precision == .fp32 && !state.panes[0].scores.isEmpty)
    }

    @Test func bm25HasNoPrecisionAndTheOpeningPrecisionSetsEveryModelPane() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape), .key(.tab), .key(.tab)])
        #expect(run("precision int8", on: &state).isEmpty)
        #expect(state.status == StatusMessage("pane 3 (bm25) has no neural model: precision does not apply", isError: true))
        #expect(state.panes[2].precision == .fp32)

        // `--precision` at start sets every pane but BM25's.
        let opened = ExplorerState(passages: Scenario.passages, scorers: ["cross", "bm25"], precision: .int8)
        #expect(opened.panes.map(\.precision) == [.int8, .fp32])
        #expect(opened.initialEffects.contains(.loadScorer(opened.panes[0].id, name: "cross", precision: .int8)))
        #expect(opened.initialEffects.contains(.loadScorer(opened.panes[1].id, name: "bm25", precision: .fp32)))
    }

    @Test("two panes show one model in two precisions, each asking for its own")
    func oneModelInTwoPrecisions() {
        var state = ExplorerState(passages: Scenario.passages, query: "capital of France", scorers: ["cross", "cross"])
        Scenario.send(&state, [.key(.escape), .key(.tab)])
        let effects = run("precision int8", on: &state)
        #expect(effects.contains(.loadScorer(state.panes[1].id, name: "cross", precision: .int8)))
        let requests = state.panes.compactMap { state.scoreRequest(for: $0.id) }
        #expect(requests.map(\.scorerName) == ["cross", "cross"] && requests.map(\.precision) == [.fp32, .int8])
    }

    @Test("the header says int8 beside the score name; the detail view's scores say it too")
    func header() throws {
        let state = Self.int8Pane()
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count > 3)
        #expect(lines[2].hasPrefix(" logit int8"), "\(lines[2])")
        #expect(!lines[2].contains("cosine int8") && !lines[2].contains("fp32"))
        let grid = ExplorerView.render(state)
        let column = try #require(lines[2].range(of: "int8").map { lines[2].distance(from: lines[2].startIndex, to: $0.lowerBound) })
        #expect(grid[column, 2].foreground == .accent && grid[column, 2].background == .headerBackground)

        var detail = Self.int8Pane(height: 30)
        Scenario.send(&detail, [.key(.home), .key(.enter)])
        let scores = screen(detail).split(separator: "\n").filter { $0.contains("rank 1 of 5") }
        #expect(scores.count == 3 && scores[0].hasSuffix("int8") && !scores[1].contains("int8"), "\(scores)")
    }

    @Test("at 45 columns a locally trained model read in windows and int8 keeps its settings and note, leaving out agreement")
    func crowdedHeaderAt45Columns() throws {
        var local = Scenario.crossEncoder
        local.name = "ms-marco-MiniLM-L6-ce-local-v2"
        local.note = "locally trained"
        // Two panes of 45 columns, one column of border between them.
        var state = Scenario.state(scorers: [local, local], width: 91, height: 10)
        Scenario.score(&state, pane: 0, [8.2, -3.1, -6.0, 1.5, -0.4])
        Scenario.send(&state, [.key(.escape), .key(.tab), .character(":")] + Scenario.type("windows 256 128") + [.key(.enter)])
        _ = run("precision int8", on: &state)
        _ = state.apply(.scorerReady(state.panes[1].id, Self.info(local, in: .int8)))
        let query = state.scoringQuery
        _ = state.apply(.scoringStarted(state.panes[1].id, query: query, total: 5))
        _ = state.apply(.tick)
        _ = state.apply(.batch(state.panes[1].id, query: query, scores: [state.passages[0].id: PairScore(score: 8.1),
                                                                          state.passages[3].id: PairScore(score: 1.4)],
                               completed: 2, total: 5))
        let scoring = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(scoring.count > 2)
        #expect(scoring[2] == " logit · locally trained                     │ logit win 256/128 int8  ⠙ 40%", "\(scoring[2])")

        Scenario.score(&state, pane: 1, [8.1, -3.2, -6.1, 1.4, -0.5])
        let ranked = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ranked[2] == " logit · locally trained                     │ logit win 256/128 int8 · locally trained", "\(ranked[2])")

        // A published model has room for its agreement with pane 1, and for the full word.
        var published = Scenario.state(scorers: [Scenario.crossEncoder, Scenario.crossEncoder], width: 91, height: 10)
        Scenario.score(&published, pane: 0, [8.2, -3.1, -6.0, 1.5, -0.4])
        Scenario.send(&published, [.key(.escape), .key(.tab), .character(":")] + Scenario.type("windows 256 128") + [.key(.enter)])
        _ = run("precision int8", on: &published)
        _ = published.apply(.scorerReady(published.panes[1].id, Self.info(Scenario.crossEncoder, in: .int8)))
        Scenario.score(&published, pane: 1, [8.1, -3.2, -6.1, 1.4, -0.5])
        let lines = screen(published).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasSuffix("│ logit windows 256/128 int8  τ 1.00  ∩ 5/5"), "\(lines[2])")
    }

    @Test("a precision the CPU cannot run shows the engine's line in its pane; the others keep their rankings")
    func kernelUnavailable() throws {
        var state = Scenario.ranked(width: 120, height: 10)
        Scenario.send(&state, [.key(.escape), .key(.tab)])
        _ = run("precision bf16", on: &state)
        let message = InferenceError.kernelUnavailable("this CPU's oneDNN kernels (up to AVX2) have no bf16 matrix product").description
        _ = state.apply(.failed(state.panes[1].id, message: message))
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count > 4)
        #expect(lines[1].contains("2 all-MiniLM-L6-v2 · not loaded"), "\(lines[1])")
        #expect(lines[2].contains("│ score bf16  ✗ this CPU's oneDNN kern… │ BM25  τ 0.95  ∩ 5/5"), "\(lines[2])")
        #expect(!state.panes[0].scores.isEmpty && !state.panes[2].scores.isEmpty)
        // The status bar has room for the whole line.
        #expect(state.status == StatusMessage("pane 2: \(message)", isError: true))
        #expect(lines.last == " pane 2: \(message)")
        // Asking again tries again (the pane never loaded in bf16).
        #expect(run("precision bf16", on: &state).contains(.loadScorer(state.panes[1].id, name: "all-MiniLM-L6-v2", precision: .bf16)))
    }

    @Test("exports say which precision each model pane ran in")
    func export() throws {
        let state = Self.int8Pane()
        let markdown = ComparisonExport.render(state, format: .markdown)
        #expect(markdown.contains("## Pane 1: ms-marco-MiniLM-L-6-v2 (cross-encoder, logit, max length 512, int8)"))
        #expect(markdown.contains("## Pane 2: all-MiniLM-L6-v2 (bi-encoder, cosine, max length 256)"))
        let json = ComparisonExport.render(state, format: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let panes = try #require(document["panes"] as? [[String: Any]])
        #expect(panes.map { $0["precision"] as? String } == ["int8", "fp32", nil])
    }

    @Test func theSessionKeepsEachPanesPrecisionAndOlderSessionsRunFP32() throws {
        var state = Scenario.ranked()
        _ = run("precision int8", on: &state)
        let snapshot = SessionSnapshot(state)
        #expect(snapshot.panes.map(\.precision) == [.int8, .fp32, .fp32])
        let data = try JSONEncoder().encode(snapshot)
        #expect(String(decoding: data, as: UTF8.self).contains(#""precision":"int8""#))
        let resumed = ExplorerState(snapshot: try JSONDecoder().decode(SessionSnapshot.self, from: data))
        #expect(resumed.panes.map(\.precision) == [.int8, .fp32, .fp32])
        #expect(resumed.initialEffects.contains(.loadScorer(resumed.panes[0].id, name: "ms-marco-MiniLM-L-6-v2", precision: .int8)))

        let older = #"{"version": 1, "passages": [{"text": "only this"}], "panes": [{"scorer": "cross", "maxLength": 64, "readingMode": "64:32", "scoreMode": "raw"}]}"#
        let decoded = try JSONDecoder().decode(SessionSnapshot.self, from: Data(older.utf8))
        #expect(decoded.panes == [SessionSnapshot.PaneSnapshot(scorer: "cross", maxLength: 64, readingMode: .windows(length: 64, stride: 32))])
        #expect(ExplorerState(snapshot: decoded).panes.map(\.precision) == [.fp32])
        let corrupt = #"{"version": 1, "passages": [], "panes": [{"scorer": "x", "precision": "fp16", "scoreMode": "raw"}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SessionSnapshot.self, from: Data(corrupt.utf8)) }
    }

    @Test func helpListsThePrecisionCommand() {
        #expect(KeyBindings.commands.contains { $0.keys == ":precision fp32|bf16|int8" })
    }
}
