import Explorer
import Testing

/// Screens of the key states, compared as text (trailing spaces trimmed). Colours are checked in
/// `ScreenStyleTests`.
@Suite struct ScreenTests {
    /// No passages and no query: pane headers, the hint to paste or open, the query placeholder.
    @Test func emptyScreen() {
        #expect(screen(ScreenScenarios.empty) == """
         ❯  type a query                                 0 passages
         1 ms-marco-MiniLM-L-6-v2 ·… │ 2 bm25 · loading…
         score                       │ score
         No passages yet.            │
         Paste text, or press        │
         o to open a file,           │
         a to write one.             │
                                     │
                                     │
         Enter lists  ↑↓ history  F1 help  ^C quit
        """)
    }

    /// Pane 1 has two of five scores (40 %), the others have just started; unscored rows show · and ….
    @Test func scoringScreen() {
        #expect(screen(ScreenScenarios.scoring) == """
         ❯ capital of France                                                 5 passages
         1 ms-marco-MiniLM-L-6-v… │ 2 all-MiniLM-L6-v2 · bi… │ 3 bm25 · bm25
         logit  ⠹ 40%             │ cosine  ⠹ 0%             │ BM25  ⠹ 0%
          1 =    8.20 Paris is t… │  ·         … Paris is t… │  ·         … Paris is t…
          2 ↑2   1.50 France bor… │  ·         … The Eiffel… │  ·         … The Eiffel…
          ·         … The Eiffel… │  ·         … Lyon is kn… │  ·         … Lyon is kn…
          ·         … Lyon is kn… │  ·         … France bor… │  ·         … France bor…
          ·         … Berlin bec… │  ·         … Berlin bec… │  ·         … Berlin bec…
                                  │                          │
         Enter lists  ↑↓ history  F1 help  ^C quit
        """)
    }

    /// Three panes ranked: movement against pane 1 (pane 1 against the input order), τ and overlap@10, ✂ on the cut passage.
    @Test func rankedScreen() {
        #expect(screen(ScreenScenarios.ranked) == """
         ❯ capital of France                                                                     5 passages
         1 ms-marco-MiniLM-L-6-v2 · cr… │ 2 all-MiniLM-L6-v2 · bi-encoder │ 3 bm25 · bm25
         logit                          │ cosine  τ 1.00  ∩ 5/5           │ BM25  τ 0.95  ∩ 5/5
          1 =    8.20 Paris is the cap… │  1 =    0.81 Paris is the capi… │  1 =    3.90 Paris is the capi…
          2 ↑2   1.50 France borders B… │  2 =    0.66 France borders Be… │  2 =    2.20 France borders Be…
          3 ↑2  -0.40 Berlin became th… │  3 =    0.58 Berlin became the… │  3 =    1.40 Berlin became the…
          4 ↓2  -3.10 The Eiffel T… ✂95 │  4 =    0.42 The Eiffel Tower … │  4 =    0.00 The Eiffel Tower …
          5 ↓2  -6.00 Lyon is known fo… │  5 =    0.17 Lyon is known for… │  5 =    0.00 Lyon is known for…
                                        │                                 │
         ? help  Enter detail  m model  +/- pane  / filter  : cmd  q quit
        """)
    }

    /// A model with a note (a locally trained cross-encoder) says so under its name.
    @Test func paneHeaderShowsTheModelsNote() throws {
        var local = Scenario.crossEncoder
        local.name = "ms-marco-MiniLM-L6-ce-local"
        local.note = "locally trained"
        var state = Scenario.state(scorers: [local, Scenario.bm25], width: 70, height: 10)
        Scenario.score(&state, pane: 0, [8.2, -3.1, -6.0, 1.5, -0.4])
        let lines = screen(state).split(separator: "\n")
        try #require(lines.count > 2)
        #expect(lines[2].hasPrefix(" logit · locally trained"), "\(lines[2])")
    }

    /// The detail view of the cut passage: the unread part after ✂, tokens with [UNK], the cut token, every pane's score.
    @Test func detailScreen() {
        #expect(screen(ScreenScenarios.detail) == """
         ❯ capital of France                                       5 passages
          Passage 2 of 5

          The Eiffel Tower was finished in 1889✂ for the World's Fair.

          Tokens · 1 ms-marco-MiniLM-L-6-v2 reads 9 of 17 · ✂ 8 cut at
          character 37 · max length 512
          the e ##iff ##el tower was finished in 1889 ✂ for the world ' s
          [UNK] fair .

          Scores
           1 ms-marco-MiniLM-L-6-v2    -3.10 logit   rank 4 of 5  ✂ 95 cut
           2 all-MiniLM-L6-v2           0.42 cosine  rank 4 of 5
           3 bm25                       0.00 BM25    rank 4 of 5



         Esc back  j/k scroll  n/p passage  Tab pane  ? help   panes 1–2 of 3
        """)
    }

    /// The help overlay opened from the lists lists their bindings first (the passage preview shows at its sides).
    @Test func helpScreen() {
        #expect(screen(ScreenScenarios.help) == """
         ❯ capital of France                                                 5 passages
         1╭─ Keys ───────────────────────────────────────────────────────────────────╮
         l│ Lists (Esc or i: edit the query)                                         │
          │   j ↓              select the next passage                               │…
          │   k ↑              select the previous passage                           │…
          │   PgDn Space       page down                                             │…
          │   PgUp             page up                                               │…
          │   g Home           first passage                                         │…
        ──│   G End            last passage                                          │──
         P│   Enter            detail view of the selection                          │
          │   Esc i            edit the query                                        │
          │   Tab l →          focus the next pane                                   │
          │   S-Tab h ←        focus the previous pane                               │
          │   +                add a pane                                            │
          ╰───────────────────────────────────────────────── Esc close · j/k scroll ─╯
         Esc close  j/k scroll
        """)
    }

    /// Below 40×10 a message replaces the layout.
    @Test func tooSmallScreen() {
        #expect(screen(ScreenScenarios.tooSmall) == """



        terminal too small: need 40×10
                   now 30×8



        """)
    }

    /// 60×15 shows two of the three panes and says so in the status bar; the rows the lists leave show the selected passage.
    @Test func narrowScreen() {
        #expect(screen(ScreenScenarios.narrow) == """
         ❯ capital of France                             5 passages
         1 ms-marco-MiniLM-L-6-v2 ·… │ 2 all-MiniLM-L6-v2 · bi-enc…
         logit                       │ cosine  τ 1.00  ∩ 5/5
          1 =    8.20 Paris is the … │  1 =    0.81 Paris is the c…
          2 ↑2   1.50 France border… │  2 =    0.66 France borders…
          3 ↑2  -0.40 Berlin became… │  3 =    0.58 Berlin became …
          4 ↓2  -3.10 The Eiffe… ✂95 │  4 =    0.42 The Eiffel Tow…
          5 ↓2  -6.00 Lyon is known… │  5 =    0.17 Lyon is known …
        ── Passage 1 of 5 ──────────────────────────────────────────
         Paris is the capital and largest city of France.




         Enter lists  ↑↓ history  F1 help  ^C quit   panes 1–2 of 3
        """)
    }

    /// Presentation mode: the query in big letters, no status bar, wider gaps.
    @Test func presentationScreen() {
        #expect(screen(ScreenScenarios.presentation) == """

             ▄▀▀ ▄▀▄ █▀▄ ▀█▀ ▀█▀ ▄▀▄ █       ▄▀▄ █▀▀     █▀▀ █▀▄ ▄▀▄ █▀▄ ▄▀▀ █▀▀▌
          ❯  █   █▀█ █▀   █   █  █▀█ █       █ █ █▀      █▀  █▀▄ █▀█ █ █ █   █▀ ▌
              ▀▀ ▀ ▀ ▀   ▀▀▀  ▀  ▀ ▀ ▀▀▀      ▀  ▀       ▀   ▀ ▀ ▀ ▀ ▀ ▀  ▀▀ ▀▀▀▌

         1 ms-marco-MiniLM-L-6-v2 · c…  │  2 all-MiniLM-L6-v2 · bi-enco…  │  3 bm25 · bm25
         logit                          │  cosine  τ 1.00  ∩ 5/5          │  BM25  τ 0.95  ∩ 5/5
                                        │                                 │
          1 =    8.20 Paris is the ca…  │   1 =    0.81 Paris is the ca…  │   1 =    3.90 Paris is the cap…
          2 ↑2   1.50 France borders …  │   2 =    0.66 France borders …  │   2 =    2.20 France borders B…
          3 ↑2  -0.40 Berlin became t…  │   3 =    0.58 Berlin became t…  │   3 =    1.40 Berlin became th…
          4 ↓2  -3.10 The Eiffel … ✂95  │   4 =    0.42 The Eiffel Towe…  │   4 =    0.00 The Eiffel Tower…
          5 ↓2  -6.00 Lyon is known f…  │   5 =    0.17 Lyon is known f…  │   5 =    0.00 Lyon is known fo…
                                        │                                 │
        """)
    }
}
