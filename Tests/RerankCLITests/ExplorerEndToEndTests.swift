import Foundation
import Testing
import TestSupport

/// The explorer as people use it: the real binary in a tmux window, typed into and read back.
@Suite("rerank explore end to end", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available && TmuxSession.available))
struct ExplorerEndToEndTests {
    /// The default cross-encoder pane when no `--model` is given (the better locally trained model).
    static let crossEncoder = "ms-marco-MiniLM-L6-ce-local-v2"
    static let query = "why are booster doses needed"
    static let sample = Fixtures.repositoryRoot.appendingPathComponent("Samples/vaccines.jsonl")
    static let passageCount = 16
    /// Long enough for a debug build, which scores about twenty times slower than a release one.
    static let rankingTimeout = Duration.seconds(240)

    @Test("type a query, compare with rerank score, read a cut passage and why it scores so, read in windows, run pane 1 in int8, see the pictures, resize, quit and restore the terminal",
          .timeLimit(.minutes(10)))
    func explorerSession() async throws {
        let files = try TemporaryFiles("rerank-e2e")
        let binary = try #require(RerankBinary.url)
        let environment = RerankBinary.terminalEnvironment(home: files.directory)
        let done = files.directory.appendingPathComponent("done")
        let wrapper = try files.write("explore.sh", """
            #!/bin/sh
            export TERM=xterm-256color
            stty -g > '\(files.directory.path)/stty-before'
            '\(binary.path)' explore --sample vaccines
            echo $? > '\(files.directory.path)/status'
            stty -g > '\(files.directory.path)/stty-after'
            touch '\(done.path)'
            echo EXPLORER-EXITED
            exec sleep 600
            """)
        let tmux = try TmuxSession(width: 160, height: 45, command: "sh '\(wrapper.path)'", environment: environment)

        // The sample opens with its own query; replace it by typing another.
        try await tmux.waitFor("the explorer to open") { $0.contains("❯") && $0.contains("1 \(Self.crossEncoder)") }
        try tmux.press("C-u")
        try tmux.type(Self.query)
        let rankedScreen = try await tmux.waitFor("every pane to be ranked", timeout: Self.rankingTimeout) { screen in
            screen.contains(Self.query) && ExplorerScreen(screen).everyPaneRanked(count: Self.passageCount)
        }
        let ranked = ExplorerScreen(rankedScreen)
        // No --model: the default panes, the best cross-encoder, the bi-encoder and BM25.
        #expect(ranked.panes.count == 3)
        #expect(rankedScreen.contains("2 all-MiniLM-L6-v2") && rankedScreen.contains("3 bm25"))

        // Pane 1 ranks as `rerank score` does with the same model, query and passages.
        let shown = ranked.rows(pane: 0)
        let reference = try referenceRanking()
        #expect(shown.map { $0.words.prefix(2).joined(separator: " ") } == reference.map(\.words))
        for (row, expected) in zip(shown, reference) {
            let score = try #require(row.score, "pane 1 shows no score for rank \(row.rank)")
            // The pane rounds to two decimals below 10 and to one below 100: half of the last digit shown.
            let tolerance = (abs(expected.score) < 10 ? 0.005 : 0.05) + 0.001
            #expect(abs(score - expected.score) < tolerance, "rank \(row.rank): \(score) on screen, \(expected.score) from rerank score")
        }

        // With a token limit of 64 pane 1 cuts the passages; the detail view of one shows where it
        // stopped reading.
        try tmux.press("Enter", ":")
        try tmux.type("maxlen 64")
        try tmux.press("Enter")
        let limited = ExplorerScreen(try await tmux.waitFor("pane 1 ranked with 64 tokens", timeout: Self.rankingTimeout) { screen in
            let layout = ExplorerScreen(screen)
            return screen.contains("≤64") && layout.everyPaneRanked(count: Self.passageCount) && layout.rows(pane: 0).contains { $0.isTruncated }
        })
        let firstCut = limited.rows(pane: 0).firstIndex { $0.isTruncated }
        let cut = try #require(firstCut)
        try tmux.press("g")
        for _ in 0..<cut { try tmux.press("j") }
        try tmux.press("Enter")
        try await tmux.waitFor("the detail view with its cut marker", timeout: Self.rankingTimeout) { $0.contains("cut at character") && $0.contains("✂") }
        // w: the why view, a heat map of what moves pane 1's score, sentence by sentence, with its scale.
        try tmux.press("w")
        try await tmux.waitFor("the why view's heat map", timeout: Self.rankingTimeout) { screen in
            screen.contains("Why · 1 \(Self.crossEncoder) · by sentences") && screen.contains("scale ") && screen.contains("Δ = score − score without")
        }
        try tmux.press("Escape")
        try await tmux.waitFor("the panes again") { ExplorerScreen($0).everyPaneRanked(count: Self.passageCount) }

        // Read in windows of 32 tokens instead, pane 1 reads every passage whole: rows say which window
        // won, and the detail view highlights it and lists every window's score.
        try tmux.press(":")
        try tmux.type("windows 32 16")
        try tmux.press("Enter")
        try await tmux.waitFor("pane 1 ranked in windows", timeout: Self.rankingTimeout) { screen in
            let layout = ExplorerScreen(screen)
            return screen.contains("windows 32/16") && layout.everyPaneRanked(count: Self.passageCount)
                && !layout.rows(pane: 0).contains { $0.isTruncated }
                && (2..<layout.lines.count).contains { layout.text(pane: 0, line: $0).range(of: #"w\d+/\d+"#, options: .regularExpression) != nil }
        }
        try tmux.press("g", "Enter")
        try await tmux.waitFor("the detail view with its windows", timeout: Self.rankingTimeout) { screen in
            screen.contains("Windows · 1 \(Self.crossEncoder)") && screen.contains("◀ best") && screen.contains("reads all")
        }
        try tmux.press("Escape")
        try await tmux.waitFor("the panes again") { ExplorerScreen($0).everyPaneRanked(count: Self.passageCount) }

        // Pane 1 loads its model again in int8: its header says so and it ranks again beside the fp32 panes.
        try tmux.press(":")
        try tmux.type("precision int8")
        try tmux.press("Enter")
        try await tmux.waitFor("pane 1 ranked in int8", timeout: Self.rankingTimeout) { screen in
            let layout = ExplorerScreen(screen)
            return layout.text(pane: 0, line: 2).contains("windows 32/16 int8") && !layout.text(pane: 1, line: 2).contains("int8")
                && layout.text(pane: 0, line: 1).contains("cross-encoder") && layout.everyPaneRanked(count: Self.passageCount)
        }

        // The pictures: the selected passage whole under the lists, a score histogram under each pane
        // (#), and the rank flow of pane 1 against pane 2 (f).
        try await tmux.waitFor("the selected passage under the lists") { $0.contains("── Passage ") }
        try tmux.press("#")
        try await tmux.waitFor("the score histograms") { $0.contains("score histograms on") && $0.contains("▲") }
        try tmux.press("#", "f")
        try await tmux.waitFor("the rank flow") { $0.contains("Rank flow · 1 \(Self.crossEncoder) → 2 all-MiniLM-L6-v2") }
        try tmux.press("Escape")
        try await tmux.waitFor("the panes again") { ExplorerScreen($0).everyPaneRanked(count: Self.passageCount) }

        // Resizing redraws for the new size, down to the too-small message.
        try tmux.resize(width: 60, height: 15)
        try await tmux.waitFor("the 60×15 layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 15 && lines.allSatisfy { $0.count <= 60 } && screen.contains("❯")
                && screen.contains("1 \(Self.crossEncoder.prefix(8))") && ExplorerScreen(screen).rows(pane: 0).count >= 5
        }
        try tmux.resize(width: 30, height: 8)
        try await tmux.waitFor("the too-small message") { $0.contains("terminal too small") }
        try tmux.resize(width: 200, height: 50)
        try await tmux.waitFor("the 200×50 layout") { screen in
            let layout = ExplorerScreen(screen)
            return layout.panes.count == 3 && layout.everyPaneRanked(count: Self.passageCount) && layout.lines.count >= 50
        }

        // q quits from the lists; the shell gets its terminal back as it was.
        try tmux.press("q")
        let after = try await tmux.waitFor("the explorer to exit", timeout: .seconds(20)) { $0.contains("EXPLORER-EXITED") }
        #expect(!after.contains("NDCG@10") && !after.contains("❯"), "the explorer's screen is gone")
        #expect(FileManager.default.fileExists(atPath: done.path))
        let status = try String(contentsOf: files.directory.appendingPathComponent("status"), encoding: .utf8)
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let before = try String(contentsOf: files.directory.appendingPathComponent("stty-before"), encoding: .utf8)
        let restored = try String(contentsOf: files.directory.appendingPathComponent("stty-after"), encoding: .utf8)
        #expect(!before.isEmpty && before == restored, "stty settings before and after differ")
    }

    /// `rerank score`'s ranking of the sample for the query: each passage's first two words and score.
    private func referenceRanking() throws -> [(words: String, score: Double)] {
        let files = try TemporaryFiles("rerank-e2e-score")
        let result = try RerankBinary.run(["score", "--model", Self.crossEncoder, "--query", Self.query, "--passages", Self.sample.path],
                                          environment: RerankBinary.environment(home: files.directory))
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count > 4, Int(words[0]) != nil, let score = Double(words[1]) else { return nil }
            let text = words.dropFirst(2).drop { Double($0) != nil || $0.hasPrefix("✂") }
            return (text.prefix(2).joined(separator: " "), score)
        }
    }
}
