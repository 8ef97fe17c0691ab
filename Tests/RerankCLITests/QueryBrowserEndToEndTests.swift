import Foundation
import Testing
import TestSupport

/// The explorer's query browser on TREC DL 2019 as people use it: the real binary in a tmux window.
/// BM25 and a tiny fixture model keep the background scoring of the 43 queries short.
@Suite("rerank explore: the query browser end to end", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available && TmuxSession.available))
struct QueryBrowserEndToEndTests {
    /// Long enough for a debug build to score the set with the tiny model (about a minute).
    static let scoringTimeout = Duration.seconds(300)

    @Test("open DL19, watch the list fill in, open the top query in the panes, come back to the list",
          .timeLimit(.minutes(10)))
    func browseDL19() async throws {
        let files = try TemporaryFiles("rerank-e2e-browser")
        let binary = try #require(RerankBinary.url)
        let environment = RerankBinary.terminalEnvironment(home: files.directory)
        let tiny = Fixtures.architectureFixture("tiny-distilbert")
        let wrapper = try files.write("explore.sh", """
            #!/bin/sh
            export TERM=xterm-256color
            '\(binary.path)' explore '\(Fixtures.dl19.path)' --model bm25 --model '\(tiny.path)' --offline
            echo EXPLORER-EXITED $?
            exec sleep 600
            """)
        let tmux = try TmuxSession(width: 140, height: 40, command: "sh '\(wrapper.path)'", environment: environment)

        try await tmux.waitFor("the query browser") { $0.contains("Queries of trec-dl-2019-passage-bm25-top100 · 43 queries") }
        let done = try await tmux.waitFor("every query scored by both panes", timeout: Self.scoringTimeout) { screen in
            !screen.contains("scoring:") && screen.contains("Δ 2−1 over 43 queries")
        }
        // BM25 over each query's candidates: the mean `rerank compare` gives for it (see the README).
        let means = try #require(done.split(separator: "\n").first { $0.hasPrefix("   mean ") })
        #expect(means.split(separator: " ").contains("0.3075"), "\(means)")
        #expect(!done.contains("…"), "every row has its values:\n\(done)")

        // g selects the top row (the largest difference); Enter opens it in the panes.
        try tmux.press("g")
        let top = try #require(Self.rows(try tmux.screen()).first)
        try tmux.press("Enter")
        let panes = try await tmux.waitFor("the top query in the panes") { screen in
            screen.contains("❯ \(top.text)") && screen.contains("100 passages") && !screen.contains(where: ExplorerScreen.spinner.contains)
        }
        // The panes' NDCG@10 are the browser's values, rounded as the pane header rounds.
        let layout = ExplorerScreen(panes)
        #expect(layout.text(pane: 0, line: 3).contains("NDCG@10 \(String(format: "%.2f", top.values[0]))"), "\(panes)")
        #expect(layout.text(pane: 1, line: 3).contains("NDCG@10 \(String(format: "%.2f", top.values[1]))"), "\(panes)")

        // b returns to the list, the opened query marked.
        try tmux.press("b")
        try await tmux.waitFor("the list again, the query marked") { $0.contains("▸ \(top.id) ") }
        try tmux.press("q")
        let after = try await tmux.waitFor("the explorer to exit", timeout: .seconds(20)) { $0.contains("EXPLORER-EXITED") }
        #expect(after.contains("EXPLORER-EXITED 0"))
    }

    /// A query row of the browser: its id, text and each pane's value (the rows under the mean line).
    struct Row {
        var id: String
        var text: String
        var values: [Double]
    }

    static func rows(_ screen: String) -> [Row] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let mean = lines.firstIndex(where: { $0.hasPrefix("   mean ") }) else { return [] }
        return lines[(mean + 1)...].compactMap { line in
            let words = line.split(separator: " ").map(String.init).filter { $0 != "▸" }
            // id, the query's words, one value per pane, the difference.
            guard words.count >= 5, Double(words[words.count - 1]) != nil,
                  let first = Double(words[words.count - 3]), let second = Double(words[words.count - 2]) else { return nil }
            return Row(id: words[0], text: words[1..<(words.count - 3)].joined(separator: " "), values: [first, second])
        }
    }
}
