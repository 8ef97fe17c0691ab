import Explorer
import Foundation
import Inference
import PassageSources
import Testing
import Tokenization

/// A pane that reads long passages in windows: the `:windows` command, the header, the row's winning
/// window, the detail view's highlight and window list, and the saved session.
@Suite struct WindowedPaneTests {
    static let windows = ReadingMode.windows(length: 256, stride: 128)

    private func run(_ command: String, on state: inout ExplorerState) -> [Effect] {
        if state.focus == .query { Scenario.send(&state, [.key(.escape)]) }
        return Scenario.send(&state, [.character(":")] + Scenario.type(command) + [.key(.enter)])
    }

    /// "The Eiffel Tower was finished in 1889 for the World's Fair." in three windows; the second wins.
    static let eiffelWindows = [
        WindowScore(window: PassageWindow(tokens: 0..<5, span: 0..<16), score: -3.1),
        WindowScore(window: PassageWindow(tokens: 2..<8, span: 11..<37), score: 2.4),
        WindowScore(window: PassageWindow(tokens: 6..<17, span: 29..<59), score: 0.7),
    ]

    /// The three-pane comparison with pane 1 switched to windows and rescored: the Eiffel passage
    /// (second) read in three windows, the others in one.
    static func windowed(width: Int = 100, height: Int = 12) -> ExplorerState {
        var state = Scenario.ranked(width: width, height: height)
        Scenario.send(&state, [.key(.tab), .character(":")] + Scenario.type("windows 256 128") + [.key(.enter)])
        let pane = state.panes[0].id, query = state.scoringQuery
        _ = state.apply(.scoringStarted(pane, query: query, total: 5))
        var scores: [PassageID: PairScore] = [:]
        for (index, value) in [8.2, 2.4, -6.0, 1.5, -0.4].enumerated() {
            let passage = state.passages[index]
            let length = passage.text.unicodeScalars.count
            let windows = index == 1 ? eiffelWindows : [WindowScore(window: PassageWindow(tokens: 0..<10, span: 0..<length), score: value)]
            scores[passage.id] = PairScore(score: value, truncation: TruncationReport(queryTokens: 3, passageTokens: 17, queryTokensCut: 0,
                                                                                      passageTokensCut: 0, passageKeptEnd: length),
                                           windows: windows, bestWindow: index == 1 ? 1 : 0)
        }
        _ = state.apply(.batch(pane, query: query, scores: scores, completed: 5, total: 5))
        _ = state.apply(.scoringFinished(pane, query: query))
        return state
    }

    /// The detail view of the Eiffel passage in the windowed pane, with a hand-made reading.
    static func windowedDetail() -> ExplorerState {
        var state = windowed(width: 70, height: 30)
        Scenario.send(&state, [.key(.home), .character("j"), .key(.enter)])
        let pieces = ["the", "e", "##iff", "##el", "tower", "was", "finished", "in", "1889", "for", "the",
                      "world", "'", "s", "[UNK]", "fair", "."]
        let tokens = pieces.enumerated().map { index, piece in Token(id: Int32(index), piece: piece, offsets: index..<(index + 1)) }
        let reading = PassageReading(tokens: tokens, keptCount: 17, keptEnd: 59, windows: eiffelWindows.map(\.window))
        _ = state.apply(.reading(state.panes[0].id, state.passages[1].id, query: state.scoringQuery, mode: windows, reading))
        return state
    }

    @Test func windowsSetsTheFocusedPanesModeAndRescores() throws {
        var state = Scenario.ranked()
        let effects = run("windows 256 128", on: &state)
        #expect(state.panes[0].readingMode == Self.windows)
        #expect(state.panes[1].readingMode == .truncate)
        #expect(effects.contains(.score(state.panes[0].id, debounce: false)))
        #expect(effects.contains(.saveSession))
        #expect(state.panes[0].scores.isEmpty)
        #expect(state.scoreRequest(for: state.panes[0].id)?.mode == Self.windows)
        #expect(state.readingRequest(pane: state.panes[0].id, passage: state.passages[0].id)?.mode == Self.windows)
        #expect(state.status == StatusMessage("pane 1 reads passages in windows of 256 tokens, 128 apart, and ranks by the best"))
        _ = run("windows 64:32", on: &state)
        #expect(state.panes[0].readingMode == .windows(length: 64, stride: 32))
        _ = run("windows off", on: &state)
        #expect(state.panes[0].readingMode == .truncate)
        #expect(state.scoreRequest(for: state.panes[0].id)?.mode == .truncate)
    }

    @Test("bad values are one status line and change nothing", arguments: [
        ("windows 0 10", "LEN is 0"), ("windows 10 0", "STRIDE is 0"), ("windows 10 20", "STRIDE 20 is larger than LEN 10"),
        ("windows ten", "usage: :windows LEN STRIDE"), ("windows", "usage: :windows LEN STRIDE"),
        ("windows 600 100", "does not fit pane 1's max length 512"),
    ])
    func badValues(command: String, message: String) {
        var state = Scenario.ranked()
        _ = run(command, on: &state)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains(message) == true, "\(state.status?.text ?? "no status")")
        #expect(state.panes[0].readingMode == .truncate)
        #expect(!state.panes[0].scores.isEmpty)
    }

    @Test func bm25PanesReadWholePassages() {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.escape), .key(.tab), .key(.tab)])
        _ = run("windows 256 128", on: &state)
        #expect(state.status == StatusMessage("pane 3 (bm25) reads whole passages: windows do not apply", isError: true))
        #expect(state.panes[2].readingMode == .truncate)
        // `--windows` at start sets every pane but BM25's.
        let opened = ExplorerState(passages: Scenario.passages, scorers: ["cross", "bm25"], readingMode: Self.windows)
        #expect(opened.panes.map(\.readingMode) == [Self.windows, .truncate])
        #expect(opened.scoreRequest(for: opened.panes[1].id) == nil || opened.scoreRequest(for: opened.panes[1].id)?.mode == .truncate)
    }

    @Test("the header says the pane reads in windows and the row says which window won")
    func headerAndRow() throws {
        let state = Self.windowed()
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count > 8)
        #expect(lines[2].hasPrefix(" logit windows 256/128"), "\(lines[2])")
        #expect(!lines[2].contains("cosine windows"))
        // Pane 1 now ranks Eiffel second (2.40), read best in its second window of three.
        #expect(lines[4].hasPrefix("  2 =    2.40 The Eiffel"), "\(lines[4])")
        #expect(lines[4].contains("w2/3 │"), "\(lines[4])")
        #expect(!lines[3].contains("w1/1"))
        let grid = ExplorerView.render(state)
        let label = try #require(lines[4].range(of: "w2/3").map { lines[4].distance(from: lines[4].startIndex, to: $0.lowerBound) })
        #expect(grid[label, 4].foreground == .accent)
    }

    @Test("the detail view highlights the winning window and lists every window's score")
    func detailView() throws {
        let state = Self.windowedDetail()
        #expect(screen(state) == """
         ❯ capital of France                                       5 passages
          Passage 2 of 5

          The Eiffel Tower was finished in 1889 for the World's Fair.

          Tokens · 1 ms-marco-MiniLM-L-6-v2 reads all 17 in 3 windows of up
          to 256, 128 apart · max length 512
          the e ##iff ##el tower was finished in 1889 for the world ' s
          [UNK] fair .

          Windows · 1 ms-marco-MiniLM-L-6-v2 · best w2/3
           w1  characters 0–16     5 tokens    -3.10
           w2  characters 11–37    6 tokens     2.40  ◀ best
           w3  characters 29–59   11 tokens     0.70

          Scores
           1 ms-marco-MiniLM-L-6-v2     2.40 logit   rank 2 of 5  w2/3
           2 all-MiniLM-L6-v2           0.42 cosine  rank 4 of 5
           3 bm25                       0.00 BM25    rank 4 of 5










         Esc back  j/k scroll  n/p passage  Tab pane  ? help   panes 1–2 of 3
        """)
        let grid = ExplorerView.render(state)
        // Row 3 holds the passage: "was" (11–37) is in the winning window, "The" and "Fair" are not.
        #expect(grid[2 + 17, 3].background == .selection && grid[2 + 17, 3].foreground == .selectionText)
        #expect(grid[2, 3].background == .background)
        #expect(grid[2 + 55, 3].background == .background)
        // Tokens 2..<8 ("##iff" … "1889") are highlighted, "the" is not.
        #expect(grid[2 + 6, 7].background == .selection)
        #expect(grid[2, 7].background == .background)
    }

    @Test("exports say how a pane read and which window won")
    func export() throws {
        let state = Self.windowed()
        let markdown = ComparisonExport.render(state, format: .markdown)
        #expect(markdown.contains("## Pane 1: ms-marco-MiniLM-L-6-v2 (cross-encoder, logit, max length 512, windows 256/128)"))
        #expect(markdown.contains("| Rank | Score | Passage | Best window |"))
        #expect(markdown.contains("| 2 | 2.40 | The Eiffel Tower was finished in 1889 for the World's Fair. | w2/3, characters 11–37 |"))
        #expect(markdown.contains("| Rank | Score | Passage | Truncation |"))
        let json = ComparisonExport.render(state, format: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let panes = try #require(document["panes"] as? [[String: Any]])
        #expect(panes[0]["windows"] as? String == "256:128" && panes[1]["windows"] == nil)
        let eiffel = try #require((panes[0]["ranking"] as? [[String: Any]])?[1])
        #expect(eiffel["bestWindow"] as? Int == 1)
        let windows = try #require(eiffel["windows"] as? [[String: Any]])
        #expect(windows.map { $0["start"] as? Int } == [0, 11, 29] && windows.map { $0["end"] as? Int } == [16, 37, 59])
    }

    @Test("a reading made before :windows (or :maxlen) is not shown: the detail view asks again")
    func staleReadingsAreAskedForAgain() throws {
        var state = ScreenScenarios.detail
        let pane = state.panes[0].id, eiffel = state.passages[1].id
        #expect(screen(state).contains("reads 9 of 17"))
        Scenario.send(&state, [.key(.escape)])
        _ = run("windows 256 128", on: &state)
        #expect(Scenario.send(&state, [.key(.enter)]) == [.loadReading(pane, eiffel)])
        #expect(screen(state).contains("reading…") && !screen(state).contains("reads 9 of 17"))
        let request = try #require(state.readingRequest(pane: pane, passage: eiffel))
        #expect(request.mode == Self.windows)
        _ = state.apply(request.update(PassageReading(tokens: [], keptCount: 0, keptEnd: 0, windows: [])))
        #expect(!screen(state).contains("reading…"))
        Scenario.send(&state, [.key(.escape)])
        _ = run("maxlen 128", on: &state)
        #expect(Scenario.send(&state, [.key(.enter)]) == [.loadReading(pane, eiffel)])
    }

    @Test func theSessionKeepsEachPanesModeAndOlderSessionsStillLoad() throws {
        var state = Scenario.ranked()
        _ = run("windows 256 128", on: &state)
        let snapshot = SessionSnapshot(state)
        #expect(snapshot.panes.map(\.readingMode) == [Self.windows, .truncate, .truncate])
        let data = try JSONEncoder().encode(snapshot)
        #expect(String(decoding: data, as: UTF8.self).contains(#""readingMode":"256:128""#))
        let resumed = ExplorerState(snapshot: try JSONDecoder().decode(SessionSnapshot.self, from: data))
        #expect(resumed.panes.map(\.readingMode) == [Self.windows, .truncate, .truncate])

        let older = #"{"version": 1, "passages": [{"text": "only this"}], "panes": [{"scorer": "bm25", "maxLength": 64, "scoreMode": "raw"}]}"#
        let decoded = try JSONDecoder().decode(SessionSnapshot.self, from: Data(older.utf8))
        #expect(decoded.panes == [SessionSnapshot.PaneSnapshot(scorer: "bm25", maxLength: 64)])
        let corrupt = #"{"version": 1, "passages": [], "panes": [{"scorer": "x", "readingMode": "5:9", "scoreMode": "raw"}]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SessionSnapshot.self, from: Data(corrupt.utf8)) }
    }
}
