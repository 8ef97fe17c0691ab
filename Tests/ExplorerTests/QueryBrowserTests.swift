import Evaluation
import Explorer
import Foundation
import PassageSources
import Testing
import TestSupport

/// The query browser's reducer: what it asks the engine to score, how results land, sorting,
/// navigation, opening a query in the panes and coming back.
@Suite struct QueryBrowserTests {
    @Test func aJudgedSetOpensOnItsBrowserAndAsksForTheSetToBeScored() throws {
        let state = try BrowserScenario.opened()
        let browser = try #require(state.browser)
        #expect(state.showsBrowser)
        #expect(browser.queries.map(\.id) == ["q2", "q10", "q7", "q5"], "q9 has no candidates")
        #expect(browser.judgedCount == 3)
        #expect(browser.opened == 0 && browser.selected == 0)
        #expect(state.judgments?.id == "q2")
        #expect(state.initialEffects.contains(.scoreSet))

        // Every judged query under every pane's scorer, in the set's order.
        let items = state.setScoreItems()
        #expect(items.count == 9)
        #expect(items.map(\.query) == [0, 0, 0, 1, 1, 1, 3, 3, 3])
        #expect(items[0] == SetScoreItem(set: browser.id, query: 0, scorer: ScorerKey(scorer: "ms-marco-MiniLM-L-6-v2"),
                                         queryText: "capital of France", passages: BrowserScenario.set.queries[0].candidateTexts))
        #expect(state.isBusy)
    }

    @Test func resultsBecomeNDCGAt10AsTrecEvalComputesItAndLeaveTheWorkList() throws {
        let state = try BrowserScenario.partial()
        let browser = try #require(state.browser)
        let keys = state.scorerKeys
        let q2 = try #require(browser.value(query: 0, scorer: keys[0]))
        #expect(abs(q2 - BrowserScenario.q2Pane1) < 1e-12, "the ideal ranking counts d9, judged but not a candidate")
        #expect(abs((browser.value(query: 0, scorer: keys[1]) ?? 0) - BrowserScenario.q2Pane2) < 1e-12)
        #expect(browser.value(query: 3, scorer: keys[1]) == nil)
        #expect(state.setScoreItems().map { "\($0.query) \($0.scorer.scorer)" } == ["3 all-MiniLM-L6-v2", "3 bm25"])

        // Results of a set opened before, and scores that do not fit the query, are ignored.
        var other = state
        _ = other.apply(.setScored(set: browser.id + 1, query: 3, scorer: keys[1], scores: [1, 2]))
        _ = other.apply(.setScored(set: browser.id, query: 3, scorer: keys[1], scores: [1, 2, 3]))
        #expect(other.setScoreItems().count == 2)
    }

    @Test func sortCyclesThroughDifferencePanesAndQueryUnknownValuesLast() throws {
        var state = try BrowserScenario.partial()
        #expect(state.browserSort == .difference)
        // Δ 2−1: q10 +0.37, q2 −0.24; q7 (unjudged) and q5 (pane 2 not done) after them in set order.
        #expect(BrowserScenario.rowIDs(state) == ["q10", "q2", "q7", "q5"])
        var seen: [[String]] = []
        for _ in 0..<5 {
            Scenario.send(&state, [.character("s")])
            seen.append(BrowserScenario.rowIDs(state))
        }
        #expect(seen == [
            ["q5", "q2", "q10", "q7"],   // pane 1
            ["q10", "q2", "q7", "q5"],   // pane 2
            ["q10", "q2", "q7", "q5"],   // pane 3
            ["q2", "q5", "q7", "q10"],   // query id, numbers as numbers
            ["q10", "q2", "q7", "q5"],   // Δ again
        ])

        // Tab compares the next pane with pane 1: pane 3 ties pane 1 on q2 and beats it on q10.
        Scenario.send(&state, [.key(.tab), .key(.tab)])
        #expect(state.comparedPane == 2)
        Scenario.send(&state, [.character("s"), .character("s"), .character("s"), .character("s")])
        #expect(BrowserScenario.rowIDs(state) == ["q2", "q5", "q7", "q10"], "by query id")
        Scenario.send(&state, [.character("s")])
        #expect(state.browserSort == .difference)
        #expect(BrowserScenario.rowIDs(state) == ["q10", "q2", "q7", "q5"])
        Scenario.send(&state, [.key(.tab)])
        #expect(state.focusedPane == 0 && state.comparedPane == 1)
    }

    @Test func navigationFollowsTheRowsAndEnterOpensTheQueryInThePanes() throws {
        var state = try BrowserScenario.partial()
        #expect(BrowserScenario.selectedID(state) == "q2")
        Scenario.send(&state, [.character("j")])
        #expect(BrowserScenario.selectedID(state) == "q7")
        Scenario.send(&state, [.character("G")])
        #expect(BrowserScenario.selectedID(state) == "q5")
        Scenario.send(&state, [.character("g")])
        #expect(BrowserScenario.selectedID(state) == "q10")

        let effects = Scenario.send(&state, [.key(.enter)])
        #expect(!state.showsBrowser && state.focus == .lists)
        #expect(state.query.text == "history of silk weaving")
        #expect(state.title == "mini-dl · q10")
        #expect(state.passages.map(\.record.id) == ["d4", "d5"])
        #expect(state.passages.map(\.record.label) == [2, nil])
        #expect(state.judgments?.id == "q10")
        #expect(state.undoStack.isEmpty)
        for pane in state.panes { #expect(effects.contains(.score(pane.id, debounce: false))) }
        #expect(!effects.contains(.scoreSet), "the set work goes on as it was")
        #expect(state.browser?.opened == 1)

        // b brings the list back with the opened query selected; Esc leaves it again.
        Scenario.send(&state, [.character("j"), .character("b")])
        #expect(state.showsBrowser)
        #expect(BrowserScenario.selectedID(state) == "q10")
        Scenario.send(&state, [.key(.escape)])
        #expect(!state.showsBrowser)
        #expect(state.passages.count == 2)
    }

    @Test func thePanesNDCGUsesEveryJudgmentOfTheOpenedQuery() throws {
        var state = try BrowserScenario.partial()
        Scenario.send(&state, [.key(.escape)])
        Scenario.score(&state, pane: 0, [3, 1, 2])
        let panes = try #require(state.rankings.first?.labelMetrics)
        #expect(abs(panes.ndcgAt10 - BrowserScenario.q2Pane1) < 1e-12, "equal to the browser's value, not 1.0 from the candidates alone")
        #expect(panes.mrrAt10 == 1)
    }

    @Test func anotherModelInAPaneRescoresTheSetAndAFailedScorerIsLeftOut() throws {
        var state = try BrowserScenario.partial()
        let effects = Scenario.send(&state, [.character(":")] + Scenario.type("model 2 tiny-model") + [.key(.enter)])
        #expect(effects.contains(.scoreSet))
        #expect(state.setScoreItems().filter { $0.scorer.scorer == "tiny-model" }.map(\.query) == [0, 1, 3])
        #expect(state.browser?.value(query: 0, scorer: ScorerKey(scorer: "all-MiniLM-L6-v2")) != nil, "results are kept by scorer")

        let browser = try #require(state.browser)
        Scenario.send(&state, [.resize(width: 120, height: 12)])
        _ = state.apply(.setFailed(set: browser.id, scorer: ScorerKey(scorer: "tiny-model"), message: "no model named tiny-model"))
        #expect(state.setScoreItems().allSatisfy { $0.scorer.scorer == "bm25" })
        #expect(screen(state).contains("2 tiny-model ✗"))
        #expect(screen(state).contains("✗ no model named tiny-model"))
    }

    @Test func aJudgedSetOpenedWithOShowsItsBrowserAndKeepsThePassages() throws {
        var state = Scenario.ranked()
        let collection = try BrowserScenario.set.firstQueryPassages()
        let effects = state.apply(.passagesLoaded(collection))
        #expect(state.showsBrowser)
        #expect(effects.contains(.scoreSet))
        #expect(state.passages.count == Scenario.passages.count)
        #expect(state.browser?.opened == nil)
        #expect(state.status?.text == "mini-dl: 4 queries · Enter opens one in the panes")
        // The lists' b shows it again after Esc; without a set it says how to open one.
        Scenario.send(&state, [.key(.escape), .character("b")])
        #expect(state.showsBrowser)
        var plain = Scenario.ranked()
        Scenario.send(&plain, [.key(.tab), .character("b")])
        #expect(!plain.showsBrowser && plain.status?.isError == true)
    }

    @Test func aBEIRFolderWithARunOpensOnItsBrowser() throws {
        let files = try TemporaryFiles("beir-explore")
        try files.write("mini/corpus.jsonl", """
            {"_id": "d1", "title": "Fleas", "text": "An adult flea lives for two or three months."}
            {"_id": "d2", "title": "Dogs", "text": "Dogs scratch when fleas bite them."}
            {"_id": "d3", "title": "", "text": "Concrete floors cost little to pour."}
            {"_id": "d4", "title": "Floors", "text": "Interior concrete flooring costs about five dollars a square foot."}

            """)
        try files.write("mini/queries.jsonl", """
            {"_id": "q1", "text": "how long do fleas live"}
            {"_id": "q2", "text": "cost of interior concrete flooring"}

            """)
        try files.write("mini/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq2\td4\t3\nq2\td3\t1\n")
        let run = try files.write("bm25.run", "q1 Q0 d2 1 2.0 bm25\nq1 Q0 d1 2 1.0 bm25\nq2 Q0 d3 1 9.0 bm25\nq2 Q0 d4 2 8.0 bm25\n")
        let folder = files.directory.appendingPathComponent("mini")

        #expect(throws: PassageSourceError.beirFolderWithoutRun(folder: folder.path)) {
            try PassageSources.load(contentsOf: folder, name: folder.path)
        }
        let loaded = try JudgedSetSource.run(.beir(folder: folder, run: run)).load(topK: 100)
        let collection = try loaded.set.firstQueryPassages()
        #expect(collection.title == "mini · test · q1")
        #expect(collection.passages.map(\.text) == ["Dogs Dogs scratch when fleas bite them.", "Fleas An adult flea lives for two or three months."])
        #expect(collection.passages.map(\.label) == [nil, 2])

        var state = ExplorerState(passages: collection.passages, query: collection.queries.first ?? "", scorers: ["bm25"],
                                  title: collection.title, width: 80, height: 12, judged: collection.judged)
        #expect(state.showsBrowser)
        #expect(state.browser?.queries.map(\.id) == ["q1", "q2"])
        #expect(state.setScoreItems().map(\.queryText) == ["how long do fleas live", "cost of interior concrete flooring"])
        BrowserScenario.scored(&state, pane: 0, query: "q2", [1, 2])
        #expect(state.browser?.value(query: 1, scorer: ScorerKey(scorer: "bm25")) == 1)
    }
}
