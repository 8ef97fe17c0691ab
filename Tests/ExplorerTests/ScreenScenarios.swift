import Explorer
import Inference
import PassageSources
import Tokenization

/// The key states whose screens the tests compare.
enum ScreenScenarios {
    static var all: [(String, ExplorerState)] {
        [("empty", empty), ("scoring", scoring), ("ranked", ranked), ("detail", detail), ("help", help),
         ("tooSmall", tooSmall), ("narrow", narrow), ("presentation", presentation)]
    }

    /// No passages, no query.
    static var empty: ExplorerState {
        ExplorerState(scorers: ["ms-marco-MiniLM-L-6-v2", "bm25"], width: 60, height: 10)
    }

    /// Pane 1 halfway through, the others just started.
    static var scoring: ExplorerState {
        var state = Scenario.state(width: 80, height: 10)
        let query = state.scoringQuery
        for pane in state.panes {
            _ = state.apply(.scoringStarted(pane.id, query: query, total: 5))
        }
        let first = state.panes[0].id
        _ = state.apply(.batch(first, query: query, scores: [state.passages[0].id: PairScore(score: 8.2),
                                                            state.passages[3].id: PairScore(score: 1.5)],
                               completed: 2, total: 5))
        _ = state.apply(.tick)
        _ = state.apply(.tick)
        return state
    }

    /// Three panes ranked, the lists focused, the second passage of pane 1 selected.
    static var ranked: ExplorerState {
        var state = Scenario.ranked(width: 100, height: 10)
        Scenario.send(&state, [.key(.tab), .character("j")])
        return state
    }

    /// The detail view of a truncated passage with a hand-made reading.
    static var detail: ExplorerState {
        var state = Scenario.ranked(width: 70, height: 18)
        Scenario.send(&state, [.key(.tab), .key(.end), .key(.up), .key(.enter)])
        let pieces = ["the", "e", "##iff", "##el", "tower", "was", "finished", "in", "1889", "for", "the",
                      "world", "'", "s", "[UNK]", "fair", "."]
        let tokens = pieces.enumerated().map { index, piece in Token(id: Int32(index), piece: piece, offsets: index..<(index + 1)) }
        let reading = PassageReading(tokens: tokens, keptCount: 9, keptEnd: 37)
        _ = state.apply(.reading(state.panes[0].id, state.passages[1].id, query: state.scoringQuery, reading))
        return state
    }

    static var help: ExplorerState {
        var state = Scenario.ranked(width: 80, height: 16)
        Scenario.send(&state, [.key(.escape), .character("?")])
        return state
    }

    static var tooSmall: ExplorerState {
        var state = Scenario.ranked()
        Scenario.send(&state, [.resize(width: 30, height: 8)])
        return state
    }

    /// 60×15: two of the three panes side by side.
    static var narrow: ExplorerState {
        var state = Scenario.ranked()
        Scenario.send(&state, [.resize(width: 60, height: 15)])
        return state
    }

    static var presentation: ExplorerState {
        var state = Scenario.ranked(width: 100, height: 14)
        Scenario.send(&state, [.key(.f5)])
        return state
    }
}
