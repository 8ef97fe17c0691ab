import Foundation
import Explorer
import Inference
import PassageSources
import Testing
import Tokenization

/// Builders for explorer states with hand-made scores, shared by the screen and reducer tests.
enum Scenario {
    static let passages: [PassageRecord] = [
        PassageRecord(text: "Paris is the capital and largest city of France."),
        PassageRecord(text: "The Eiffel Tower was finished in 1889 for the World's Fair."),
        PassageRecord(text: "Lyon is known for its cuisine and its silk weaving history."),
        PassageRecord(text: "France borders Belgium, Germany, Switzerland, Italy and Spain."),
        PassageRecord(text: "Berlin became the capital of reunified Germany in 1990."),
    ]

    static let crossEncoder = ScorerInfo(name: "ms-marco-MiniLM-L-6-v2", kind: .crossEncoder, maxLength: 512,
                                         summary: "BERT 6 layers", scoreName: "logit", probabilityName: "sigmoid")
    static let biEncoder = ScorerInfo(name: "all-MiniLM-L6-v2", kind: .biEncoder, maxLength: 256,
                                      summary: "BERT 6 layers", scoreName: "cosine", probabilityName: nil)
    static let bm25 = ScorerInfo(name: "bm25", kind: .lexical, maxLength: nil, summary: "Okapi BM25",
                                 scoreName: "BM25", probabilityName: nil)

    /// A state with the sample passages, a query and one pane per scorer info (loaded).
    static func state(query: String = "capital of France", scorers: [ScorerInfo] = [crossEncoder, biEncoder, bm25],
                      passages: [PassageRecord] = passages, width: Int = 100, height: Int = 14) -> ExplorerState {
        var state = ExplorerState(passages: passages, query: query, scorers: scorers.map(\.name), title: "",
                                  themeNames: ["dark", "light", "mono"], width: width, height: height)
        for (pane, info) in zip(state.panes, scorers) {
            _ = state.apply(.scorerReady(pane.id, info))
        }
        return state
    }

    /// Feeds a finished scoring run: `scores` in passage order, with optional truncation reports.
    static func score(_ state: inout ExplorerState, pane index: Int, _ scores: [Double],
                      probabilities: Bool = false, truncation: [Int: TruncationReport] = [:]) {
        let pane = state.panes[index].id
        let query = state.scoringQuery
        _ = state.apply(.scoringStarted(pane, query: query, total: scores.count))
        var results: [PassageID: PairScore] = [:]
        for (offset, value) in scores.enumerated() {
            results[state.passages[offset].id] = PairScore(score: value, probability: probabilities ? 1 / (1 + exp(-value)) : nil,
                                                           truncation: truncation[offset])
        }
        _ = state.apply(.batch(pane, query: query, scores: results, completed: scores.count, total: scores.count))
        _ = state.apply(.scoringFinished(pane, query: query))
    }

    /// The three-pane comparison used by several screens.
    static func ranked(width: Int = 100, height: Int = 14) -> ExplorerState {
        var state = state(width: width, height: height)
        score(&state, pane: 0, [8.2, -3.1, -6.0, 1.5, -0.4], probabilities: true,
              truncation: [1: TruncationReport(queryTokens: 4, passageTokens: 600, queryTokensCut: 0, passageTokensCut: 95, passageKeptEnd: 40)])
        score(&state, pane: 1, [0.81, 0.42, 0.17, 0.66, 0.58])
        score(&state, pane: 2, [3.9, 0, 0, 2.2, 1.4])
        return state
    }

    /// Feeds a sequence of events, returning every effect.
    @discardableResult
    static func send(_ state: inout ExplorerState, _ events: [InputEvent]) -> [Effect] {
        events.flatMap { state.handle($0) }
    }

    /// Characters of a string as key events.
    static func type(_ text: String) -> [InputEvent] {
        text.map { InputEvent.character($0) }
    }
}

/// The rendered screen as text, trailing spaces removed from every line.
func screen(_ state: ExplorerState) -> String {
    ExplorerView.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }
        .joined(separator: "\n")
}

