import Explorer
import Testing

/// The query browser drawn into the cell grid, compared as text like `ScreenTests`: the list while
/// the set is still being scored (sorted by the difference), the panes after Enter, and the list
/// again after b.
@Suite struct QueryBrowserScreenTests {
    /// Part of the set scored: means over the two queries every pane has, `…` where a pane has not
    /// scored a query yet, `–` for the unjudged q7, ▸ on the query the panes show.
    @Test func listWithPartialResultsSortedByDifference() throws {
        #expect(screen(try BrowserScenario.partial(width: 100, height: 12)) == """
         Queries of mini-dl · 4 queries, 3 judged  ⠋ scoring: 2 of 3 done                 sorted by Δ 2−1 ▼
         NDCG@10 by pane:  1 ms-marco-MiniLM-L-6-v2  2 all-MiniLM-L6-v2  3 bm25
         Δ 2−1 over 2 of 3 queries: mean +0.0658 · 1 better, 0 equal, 1 worse · paired t-test p = 0.864
           qid   query                                                           1       2       3   ▼Δ 2−1
           mean  2 of 3 queries                                             0.6967  0.7625  0.8813  +0.0658
           q10   history of silk weaving                                    0.6309  1.0000  1.0000  +0.3691
         ▸ q2    capital of France                                          0.7625  0.5250  0.7625  -0.2375
           q7    an unjudged question                                            –       –       –        –
           q5    when was the eiffel tower built                            1.0000       …       …        …


         Enter open  s sort  Tab Δ pane  Esc panes  m model  ? help  q quit
        """)
    }

    /// Enter on the top row opens q10 in the panes; their NDCG@10 equal the browser's values.
    @Test func thePanesAfterEnter() throws {
        #expect(screen(try Self.openedQ10()) == """
         ❯ history of silk weaving                                               2 passages · mini-dl · q10
         1 ms-marco-MiniLM-L-6-v2 · cr… │ 2 all-MiniLM-L6-v2 · bi-encoder │ 3 bm25 · bm25
         logit                          │ cosine  τ -1.00  ∩ 2/2          │ BM25  τ -1.00  ∩ 2/2
         NDCG@10 0.63  MRR@10 0.50      │ NDCG@10 1.00  MRR@10 1.00       │ NDCG@10 1.00  MRR@10 1.00
          1 ↑1   0.90 Cotton is grown … │  1 ↑1   0.90 Silk weaving in L… │  1 ↑1   1.50 Silk weaving in L…
          2 ↓1   0.10 Silk weaving in … │  2 ↓1   0.10 Cotton is grown i… │  2 ↓1   0.00 Cotton is grown i…
                                        │                                 │
                                        │                                 │
                                        │                                 │
                                        │                                 │
                                        │                                 │
         ? help  Enter detail  m model  +/- pane  / filter  : cmd  q quit
        """)
    }

    /// b brings the list back, ▸ now on q10, which stays selected.
    @Test func theListAfterReturning() throws {
        var state = try Self.openedQ10()
        Scenario.send(&state, [.character("b")])
        #expect(screen(state) == """
         Queries of mini-dl · 4 queries, 3 judged  ⠋ scoring: 2 of 3 done                 sorted by Δ 2−1 ▼
         NDCG@10 by pane:  1 ms-marco-MiniLM-L-6-v2  2 all-MiniLM-L6-v2  3 bm25
         Δ 2−1 over 2 of 3 queries: mean +0.0658 · 1 better, 0 equal, 1 worse · paired t-test p = 0.864
           qid   query                                                           1       2       3   ▼Δ 2−1
           mean  2 of 3 queries                                             0.6967  0.7625  0.8813  +0.0658
         ▸ q10   history of silk weaving                                    0.6309  1.0000  1.0000  +0.3691
           q2    capital of France                                          0.7625  0.5250  0.7625  -0.2375
           q7    an unjudged question                                            –       –       –        –
           q5    when was the eiffel tower built                            1.0000       …       …        …


         Enter open  s sort  Tab Δ pane  Esc panes  m model  ? help  q quit
        """)
    }

    /// The help overlay opened from the browser lists the browser's keys first.
    @Test func helpFromTheBrowserListsItsKeysFirst() throws {
        var state = try BrowserScenario.partial(width: 100, height: 16)
        Scenario.send(&state, [.character("?")])
        let lines = screen(state).split(separator: "\n").map(String.init)
        let top = try #require(lines.firstIndex { $0.contains("╭─ Keys") })
        #expect(lines[top + 1].contains("Query browser of a judged set (b in the lists)"))
        #expect(lines.contains { $0.contains("Enter            open the query's candidates in the panes") })
        #expect(lines.contains { $0.contains("s                sort by Δ, by each pane's NDCG@10, by query id") })
    }

    /// q10 opened from the top row and ranked by every pane, as the engine reports it from its cache.
    private static func openedQ10() throws -> ExplorerState {
        var state = try BrowserScenario.partial(width: 100, height: 12)
        Scenario.send(&state, [.character("g"), .key(.enter)])
        Scenario.score(&state, pane: 0, [0.1, 0.9])
        Scenario.score(&state, pane: 1, [0.9, 0.1])
        Scenario.score(&state, pane: 2, [1.5, 0])
        return state
    }
}
