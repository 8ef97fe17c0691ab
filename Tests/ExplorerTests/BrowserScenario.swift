import Evaluation
import Explorer
import PassageSources

/// A small judged set opened in the explorer, for the query browser's tests: four queries with
/// candidates (q7 unjudged) and one without (left out of the list); the panes are `Scenario`'s three.
enum BrowserScenario {
    static let set = JudgedSet(name: "mini-dl", queries: [
        JudgedQuery(id: "q2", text: "capital of France",
                    candidates: [candidate("d1", "Paris is the capital and largest city of France.", 1),
                                 candidate("d2", "Lyon is known for its cuisine and its silk weaving history.", 2),
                                 candidate("d3", "Berlin became the capital of reunified Germany in 1990.", 3)],
                    grades: ["d1": 3, "d3": 1, "d9": 2]),
        JudgedQuery(id: "q10", text: "history of silk weaving",
                    candidates: [candidate("d4", "Silk weaving in Lyon goes back to the Renaissance.", 1),
                                 candidate("d5", "Cotton is grown in warm climates.", 2)],
                    grades: ["d4": 2]),
        JudgedQuery(id: "q7", text: "an unjudged question",
                    candidates: [candidate("d1", "Paris is the capital and largest city of France.", 1)], grades: [:]),
        JudgedQuery(id: "q5", text: "when was the eiffel tower built",
                    candidates: [candidate("d6", "The Eiffel Tower was finished in 1889 for the World's Fair.", 1),
                                 candidate("d7", "The Louvre is the world's most visited museum.", 2)],
                    grades: ["d6": 1]),
        JudgedQuery(id: "q9", text: "a query without candidates", candidates: [], grades: ["d1": 1]),
    ])

    /// NDCG@10 of the scores `partial` feeds (trec_eval: the ideal from every judgment, d9 too).
    static let q2Pane1 = 0.7625024946924551
    static let q2Pane2 = 0.5250049893849101
    static let q10Pane1 = 0.6309297535714575

    static func candidate(_ docid: String, _ text: String, _ rank: Int) -> JudgedCandidate {
        JudgedCandidate(docid: docid, text: text, firstStageRank: rank)
    }

    /// The explorer as `rerank explore` opens the set: q2's candidates in the panes, the browser shown.
    static func opened(width: Int = 90, height: Int = 12) throws -> ExplorerState {
        let collection = try set.firstQueryPassages()
        let panes = [Scenario.crossEncoder, Scenario.biEncoder, Scenario.bm25]
        var state = ExplorerState(passages: collection.passages, query: collection.queries.first ?? "",
                                  scorers: panes.map(\.name), title: collection.title, themeNames: ["dark", "light"],
                                  width: width, height: height, judged: collection.judged)
        for (pane, info) in zip(state.panes, panes) {
            _ = state.apply(.scorerReady(pane.id, info))
        }
        return state
    }

    /// Part of the set scored: pane 1 has q2, q10 and q5; panes 2 and 3 have q2 and q10.
    static func partial(width: Int = 90, height: Int = 12) throws -> ExplorerState {
        var state = try opened(width: width, height: height)
        scored(&state, pane: 0, query: "q2", [3, 1, 2])
        scored(&state, pane: 0, query: "q10", [0.1, 0.9])
        scored(&state, pane: 0, query: "q5", [2, 1])
        scored(&state, pane: 1, query: "q2", [1, 2, 3])
        scored(&state, pane: 1, query: "q10", [0.9, 0.1])
        scored(&state, pane: 2, query: "q2", [3, 0, 1])
        scored(&state, pane: 2, query: "q10", [1.5, 0])
        return state
    }

    /// What the engine reports when a pane's scorer has scored a query of the set.
    @discardableResult
    static func scored(_ state: inout ExplorerState, pane: Int, query id: String, _ scores: [Double]) -> [Effect] {
        guard let browser = state.browser, let index = browser.queries.firstIndex(where: { $0.id == id }) else { return [] }
        return state.apply(.setScored(set: browser.id, query: index, scorer: state.panes[pane].scorerKey, scores: scores))
    }

    /// The browser's rows, top to bottom, by query id.
    static func rowIDs(_ state: ExplorerState) -> [String] {
        state.browserOrder.compactMap { index in state.browser.map { $0.queries[index].id } }
    }

    /// The selected query's id.
    static func selectedID(_ state: ExplorerState) -> String? {
        state.browser.map { $0.queries[$0.selected].id }
    }
}
