import Explorer
import Foundation
import Testing

/// `:export` documents.
@Suite struct ExportTests {
    @Test func markdownHasATablePerPane() {
        let markdown = ComparisonExport.render(Scenario.ranked(), format: .markdown)
        #expect(markdown.hasPrefix("""
        # Rerank comparison

        Query: **capital of France**  
        Passages: 5

        ## Pane 1: ms-marco-MiniLM-L-6-v2 (cross-encoder, logit, max length 512)

        | Rank | Score | Passage | Truncation |
        | ---: | ---: | --- | --- |
        | 1 | 8.20 | Paris is the capital and largest city of France. |  |
        | 2 | 1.50 | France borders Belgium, Germany, Switzerland, Italy and Spain. |  |
        | 3 | -0.40 | Berlin became the capital of reunified Germany in 1990. |  |
        | 4 | -3.10 | The Eiffel Tower was finished in 1889 for the World's Fair. | ✂ 95 of 604 tokens cut |
        | 5 | -6.00 | Lyon is known for its cuisine and its silk weaving history. |  |

        ## Pane 2: all-MiniLM-L6-v2 (bi-encoder, cosine, max length 256)

        Kendall τ vs pane 1: 1.00 · overlap@10: 5/5

        """))
        #expect(markdown.contains("## Pane 3: bm25 (bm25, BM25)\n\nKendall τ vs pane 1: 0.95 · overlap@10: 5/5\n"))
    }

    @Test func markdownEscapesPipes() {
        var state = Scenario.state(passages: [.init(text: "a | b")], width: 80, height: 12)
        Scenario.score(&state, pane: 0, [1])
        #expect(ComparisonExport.render(state, format: .markdown).contains("| a \\| b |"))
    }

    @Test func jsonCarriesRankingsScoresAndTruncation() throws {
        let json = ComparisonExport.render(Scenario.ranked(), format: .json)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(document["query"] as? String == "capital of France")
        let panes = try #require(document["panes"] as? [[String: Any]])
        #expect(panes.count == 3)
        #expect(panes[0]["scorer"] as? String == "ms-marco-MiniLM-L-6-v2")
        let ranking = try #require(panes[0]["ranking"] as? [[String: Any]])
        #expect(ranking.map { $0["passage"] as? Int } == [1, 4, 5, 2, 3])
        #expect(ranking[3]["tokensCut"] as? Int == 95)
        #expect((panes[1]["kendallTau"] as? Double).map { abs($0 - 1) < 1e-9 } == true)
        #expect(ExportFormat(fileExtension: "Markdown") == .markdown)
        #expect(ExportFormat(fileExtension: "csv") == nil)
    }
}
