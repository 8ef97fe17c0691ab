import Explorer
import Inference
import PassageSources
import Testing
import Tokenization

/// The pictures drawn into the cell grid: the passage preview in the lists' spare rows, the score
/// histograms, and the rank flow view, in the normal layout and in presentation mode.
@Suite struct PicturesScreenTests {
    /// Row `row` of the grid as text.
    private func line(_ grid: CellGrid, _ row: Int) -> String {
        (0..<grid.width).map { grid[$0, row].text }.joined()
    }

    /// The column where `needle` starts on a row, if it does.
    private func column(of needle: String, in grid: CellGrid, row: Int) -> Int? {
        let texts = (0..<grid.width).map { grid[$0, row].text }
        let target = needle.map(String.init)
        guard target.count <= texts.count else { return nil }
        return (0...(texts.count - target.count)).first { Array(texts[$0..<($0 + target.count)]) == target }
    }

    /// The Eiffel passage (cut by pane 1's model) selected at 80×16: five spare rows show it whole, with the ✂.
    static var preview: ExplorerState {
        var state = Scenario.ranked(width: 80, height: 16)
        Scenario.send(&state, [.key(.tab), .character("j"), .character("j"), .character("j")])
        return state
    }

    /// Three panes at 100×16 with the histograms on; "France borders…" selected.
    static var histograms: ExplorerState {
        var state = Scenario.ranked(width: 100, height: 16)
        Scenario.send(&state, [.key(.tab), .character("j"), .character("#")])
        return state
    }

    /// Pane 2 reordered against pane 1, and the rank flow between them; "France borders…" selected.
    static var rankFlow: ExplorerState {
        var state = Scenario.ranked(width: 100, height: 12)
        Scenario.score(&state, pane: 1, [0.1, 0.9, 0.5, 0.3, 0.2])
        Scenario.send(&state, [.key(.tab), .character("j"), .character("f")])
        return state
    }

    // MARK: - Passage preview

    @Test func previewShowsTheSelectedPassageWholeWithTheCut() {
        #expect(screen(Self.preview) == """
         ❯ capital of France                                                 5 passages
         1 ms-marco-MiniLM-L-6-v… │ 2 all-MiniLM-L6-v2 · bi… │ 3 bm25 · bm25
         logit                    │ cosine  τ 1.00  ∩ 5/5    │ BM25  τ 0.95  ∩ 5/5
          1 =    8.20 Paris is t… │  1 =    0.81 Paris is t… │  1 =    3.90 Paris is t…
          2 ↑2   1.50 France bor… │  2 =    0.66 France bor… │  2 =    2.20 France bor…
          3 ↑2  -0.40 Berlin bec… │  3 =    0.58 Berlin bec… │  3 =    1.40 Berlin bec…
          4 ↓2  -3.10 The Ei… ✂95 │  4 =    0.42 The Eiffel… │  4 =    0.00 The Eiffel…
          5 ↓2  -6.00 Lyon is kn… │  5 =    0.17 Lyon is kn… │  5 =    0.00 Lyon is kn…
        ── Passage 2 of 5 · 1 ms-marco-MiniLM-L-6-v2 ✂ 95 tokens cut ───────────────────
         The Eiffel Tower was finished in 1889 fo✂r the World's Fair.





         ? help  Enter detail  m model  +/- pane  / filter  : cmd  q quit
        """)
    }

    @Test func previewMarksQueryTermsAndDimsWhatWasNotRead() throws {
        let grid = ExplorerView.render(Self.preview)
        let cut = try #require(column(of: "✂r the", in: grid, row: 9))
        #expect(grid[cut, 9].foreground == .truncation)
        #expect(grid[cut + 1, 9].foreground == .cutText)
        #expect(grid[cut - 1, 9].foreground == .text)

        var paris = Self.preview
        Scenario.send(&paris, [.character("g")])
        let parisGrid = ExplorerView.render(paris)
        let capital = try #require(column(of: "capital and", in: parisGrid, row: 9))
        #expect(parisGrid[capital, 9].foreground == .match)
        #expect(parisGrid[capital + 8, 9].foreground == .text)
    }

    @Test func previewOfAWindowedPaneHighlightsTheWindowThatWon() throws {
        var state = WindowedPaneTests.windowed(width: 100, height: 16)
        Scenario.send(&state, [.key(.home), .character("j")])
        let grid = ExplorerView.render(state)
        let title = try #require((0..<grid.height).first { line(grid, $0).hasPrefix("── Passage 2 of 5") })
        #expect(line(grid, title).contains("best window w2/3"))
        // Characters 11–37 ("Tower was finished in 1889") are the second window's.
        let text = try #require(column(of: "The Eiffel Tower", in: grid, row: title + 1))
        #expect(grid[text + 10, title + 1].background == .background)
        #expect(grid[text + 11, title + 1].background == .selection)
        #expect(grid[text + 36, title + 1].background == .selection)
        #expect(grid[text + 37, title + 1].background == .background)
    }

    @Test func aLongPassageIsShownFromShortlyBeforeItsCut() throws {
        let words = (1...400).map { "word\($0)" }
        let text = words.joined(separator: " ")
        let keptEnd = words.prefix(300).joined(separator: " ").unicodeScalars.count
        var state = Scenario.state(passages: [.init(text: text), .init(text: "short")], width: 60, height: 14)
        Scenario.score(&state, pane: 0, [1, 0], truncation: [0: TruncationReport(queryTokens: 3, passageTokens: 900, queryTokensCut: 0,
                                                                                     passageTokensCut: 300, passageKeptEnd: keptEnd)])
        Scenario.send(&state, [.key(.tab)])
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        let title = try #require(lines.firstIndex { $0.hasPrefix("── Passage 1 of 2") })
        #expect(lines[title + 1].hasPrefix(" …"))
        #expect(lines[(title + 1)...].contains { $0.contains("word300✂ word301") })
        #expect(lines[lines.count - 2].hasSuffix("…"))
    }

    @Test func withoutSpareRowsTheListsAreUnchanged() {
        // Two spare rows are too few for a preview (ScreenTests.rankedScreen has one).
        let lines = screen(Scenario.ranked(width: 100, height: 11)).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.contains("── Passage") })
        let blank = String(repeating: " ", count: 32) + "│" + String(repeating: " ", count: 33) + "│"
        #expect(lines[8] == blank)
        #expect(lines[9] == blank)
    }

    @Test func aFilterLeavesRoomForThePreview() {
        var state = Scenario.ranked(width: 80, height: 10)
        #expect(!screen(state).contains("── Passage"))
        Scenario.send(&state, [.key(.tab), .character("/")] + Scenario.type("capital") + [.key(.enter)])
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[5].hasPrefix("── Passage 1 of 5"))
        #expect(lines[6] == " Paris is the capital and largest city of France.")
    }

    // MARK: - Histograms

    @Test func histogramsUnderEachPaneMarkTheSelectedPassagesBin() {
        #expect(screen(Self.histograms) == """
         ❯ capital of France                                                                     5 passages
         1 ms-marco-MiniLM-L-6-v2 · cr… │ 2 all-MiniLM-L6-v2 · bi-encoder │ 3 bm25 · bm25
         logit                          │ cosine  τ 1.00  ∩ 5/5           │ BM25  τ 0.95  ∩ 5/5
          1 =    8.20 Paris is the cap… │  1 =    0.81 Paris is the capi… │  1 =    3.90 Paris is the capi…
          2 ↑2   1.50 France borders B… │  2 =    0.66 France borders Be… │  2 =    2.20 France borders Be…
          3 ↑2  -0.40 Berlin became th… │  3 =    0.58 Berlin became the… │  3 =    1.40 Berlin became the…
          4 ↓2  -3.10 The Eiffel T… ✂95 │  4 =    0.42 The Eiffel Tower … │  4 =    0.00 The Eiffel Tower …
          5 ↓2  -6.00 Lyon is known fo… │  5 =    0.17 Lyon is known for… │  5 =    0.00 Lyon is known for…
         ████ ████ ████ ████      ████  │ ████      ████ ████ ████ █████  │ ████
         ████ ████ ████ ████      ████  │ ████      ████ ████ ████ █████  │ ████      ▄▄▄▄ ▄▄▄▄      ▄▄▄▄▄
         ████ ████ ████ ████      ████  │ ████      ████ ████ ████ █████  │ ████      ████ ████      █████
         -6.00           ▲1.50     8.20 │ 0.17                 ▲0.66 0.81 │ 0.00            ▲2.20      3.90
        ── Passage 4 of 5 ──────────────────────────────────────────────────────────────────────────────────
         France borders Belgium, Germany, Switzerland, Italy and Spain.

         score histograms on: ▲ marks the selected passage's bin
        """)
    }

    @Test func theSelectedBinIsInTheAccentColour() throws {
        let grid = ExplorerView.render(Self.histograms)
        let marker = try #require(column(of: "▲1.50", in: grid, row: 11))
        #expect(grid[marker, 11].foreground == .accent)
        #expect(grid[marker, 10].text == "█")
        #expect(grid[marker, 10].foreground == .accent)
        #expect(grid[1, 10].foreground == .score)
    }

    @Test func histogramsWorkInPresentationMode() throws {
        var state = Self.histograms
        Scenario.send(&state, [.resize(width: 100, height: 20), .key(.f5)])
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        let axis = try #require(lines.firstIndex { $0.contains("▲1.50") })
        #expect(lines[axis - 1].contains("████"))
        #expect(lines[axis].contains("-6.00") && lines[axis].contains("8.20"))
    }

    // MARK: - Rank flow

    @Test func rankFlowDrawsALineFromEachRankToTheOther() {
        #expect(screen(Self.rankFlow) == """
         ❯ capital of France                                                                     5 passages
         Rank flow · 1 ms-marco-MiniLM-L-6-v2 → 2 all-MiniLM-L6-v2 · τ -0.60 · ∩ 5/5
                1 ms-marco-MiniLM-L-6-v2                                   2 all-MiniLM-L6-v2
         Paris is the capital and lar… 1 ⠒⠢⠤⢄⣀⡀                    ⣀⣀⡠⠤⠤⠔⠒ 1 The Eiffel Tower was finished…
         France borders Belgium, Germ… 2 ⠒⠒⠒⠒⠢⠬⠭⠵⠶⠦⠤⢤⣄⣀⣀⣀⣀⣀⣤⣤⡔⠒⠒⠊⠉⠉⣀⣀⡠⠤⠤⠔⠒ 2 Lyon is known for its cuisine…
         Berlin became the capital of… 3 ⠒⠒⠒⠒⢢⣤⣤⠤⠤⠴⠶⠶⢎⣉⣉⣑⣒⣢⣤⣤⣜⡛⠛⠋⠉⠉⠉⠉⠑⠒⠒⠒⠒ 3 France borders Belgium, Germa…
         The Eiffel Tower was finishe… 4 ⠒⠊⠉⠉⢁⣀⣀⠤⠤⠔⠒⠒⠊⠉⠉     ⠈⠉⠉⠙⠛⠫⠭⢍⣑⡒⠒⠒⠒ 4 Berlin became the capital of …
         Lyon is known for its cuisin… 5 ⠒⠊⠉⠉⠁                        ⠈⠉⠑⠒ 5 Paris is the capital and larg…



         Esc back  j/k passage  Tab pane  Enter detail  ? help
        """)
    }

    @Test func theSelectedPassagesLineAndRowsAreHighlighted() throws {
        let grid = ExplorerView.render(Self.rankFlow)
        // France: rank 2 on the left (row 4), rank 3 on the right (row 5); its line falls from one to the other.
        #expect(grid[1, 4].background == .selection)
        #expect(grid[1, 3].background == .background)
        let right = try #require(column(of: "3 France", in: grid, row: 5))
        #expect(grid[right, 5].background == .selection)
        #expect(grid[33, 4].foreground == .accent)
        #expect(grid[right - 2, 5].foreground == .accent)
        // Paris falls from 1 to 5 (rank-down colour), Eiffel rises from 4 to 1.
        #expect(grid[33, 3].foreground == .rankDown)
        #expect(grid[33, 6].foreground == .rankUp)
    }

    @Test func rankFlowWorksInPresentationModeAndSaysWhatDoesNotFit() throws {
        var state = Self.rankFlow
        Scenario.send(&state, [.resize(width: 100, height: 11), .key(.f5)])
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        let title = try #require(lines.firstIndex { $0.contains("Rank flow · 1 ms-marco") })
        #expect(title >= 4)   // under the big query
        #expect(lines[title + 2].hasSuffix("1 The Eiffel Tower was finished…"))
        #expect(lines[title + 4].hasSuffix("3 France borders Belgium, Germa…"))
        #expect(lines[title + 5].contains("⋮ 2 more") && lines[title + 5].hasSuffix("⋮ 2 more"))
    }

    @Test func withRoomToSpareRanksAreSpreadOut() {
        var state = Self.rankFlow
        Scenario.send(&state, [.resize(width: 100, height: 16)])
        let lines = screen(state).split(separator: "\n", omittingEmptySubsequences: false)
        // Twelve chart rows for five ranks: two rows each, the lines between them.
        #expect(lines[3].hasPrefix(" Paris is the capital and lar… 1 "))
        #expect(lines[5].hasPrefix(" France borders Belgium, Germ… 2 "))
        #expect(lines[11].hasPrefix(" Lyon is known for its cuisin… 5 "))
        #expect(lines[4].hasPrefix("                               ") && lines[4].contains { ("\u{2801}"..."\u{28FF}").contains($0) })
    }

    @Test func rankFlowWithNothingRankedSaysSo() {
        var state = Scenario.state(width: 100, height: 12)
        Scenario.send(&state, [.key(.tab), .character("f")])
        #expect(screen(state).contains("No passage is ranked in both panes yet."))
    }
}
