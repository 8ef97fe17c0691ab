import Explorer
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `:export FILE.svg`: the panes side by side with rank-flow lines between neighbours.
@Suite struct ComparisonPictureTests {
    private func parses(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    @Test func pictureHoldsEveryPassageOfEveryPaneAndALinePerPassageBetweenNeighbours() {
        let svg = ComparisonExport.render(Scenario.ranked(), format: .svg)
        #expect(parses(svg))
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("Query: capital of France"))
        for passage in Scenario.passages {
            let text = passage.text.replacingOccurrences(of: "'", with: "&apos;")
            #expect(svg.components(separatedBy: "<title>\(text)</title></text>").count - 1 == 3, "\(text)")
        }
        for name in ["1 ms-marco-MiniLM-L-6-v2", "2 all-MiniLM-L6-v2", "3 bm25"] { #expect(svg.contains(name)) }
        // Five passages ranked in all three panes: five lines between panes 1–2 and five between 2–3.
        #expect(svg.components(separatedBy: "<line ").count - 1 == 10)
        // The three panes agree on the order: every line is level and grey.
        #expect(svg.contains("The Eiffel Tower was finished in 1889 for the World&apos;s Fair.: rank 4 → 4"))
        #expect(svg.components(separatedBy: "stroke=\"#9e9e9e\"").count - 1 == 10)
        // The cut passage says so in pane 1.
        #expect(svg.components(separatedBy: ">✂95<title>the model&apos;s token limit cut 95 of 604 tokens</title>").count - 1 == 1)
    }

    @Test func aWindowedPaneNamesTheWindowThatWon() {
        let svg = ComparisonExport.render(WindowedPaneTests.windowed(), format: .svg)
        #expect(svg.contains(">w2/3<title>read in windows; window w2/3 gave the score</title>"))
    }

    @Test func risingLinesAreGreenAndFallingOnesRed() {
        var state = Scenario.state(width: 100, height: 14)
        Scenario.score(&state, pane: 0, [3, 2, 1, 0, -1])
        Scenario.score(&state, pane: 1, [0.1, 0.9, 0.5, 0.3, 0.2])
        let svg = ComparisonExport.render(state, format: .svg)
        #expect(parses(svg))
        #expect(svg.components(separatedBy: "<line ").count - 1 == 5)
        #expect(svg.contains("Paris is the capital and largest city of France.: rank 1 → 5"))
        #expect(svg.components(separatedBy: "stroke=\"#c62828\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "stroke=\"#2e7d32\"").count - 1 == 4)
    }

    @Test func markupInQueriesAndPassagesIsEscaped() {
        var state = Scenario.state(query: "<b> & 'q'", passages: [.init(text: "x < y & \"z\""), .init(text: "plain")], width: 80, height: 12)
        Scenario.score(&state, pane: 0, [1, 2])
        Scenario.score(&state, pane: 1, [2, 1])
        let svg = ComparisonExport.render(state, format: .svg)
        #expect(parses(svg))
        #expect(svg.contains("Query: &lt;b&gt; &amp; &apos;q&apos;"))
        #expect(svg.contains("x &lt; y &amp; &quot;z&quot;"))
    }

    @Test func nothingRankedStillDrawsAPicture() {
        let svg = ComparisonExport.render(Scenario.state(), format: .svg)
        #expect(parses(svg))
        #expect(svg.contains("No passage is ranked yet."))
        #expect(!svg.contains("<line "))
    }
}
