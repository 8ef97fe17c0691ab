import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Nothing is lost when the explorer is killed outright: the real binary in tmux, `kill -9` while it
/// writes its session, then `rerank explore --resume` opens the last session written whole.
@Suite("kill -9 during a save, then --resume", .serialized,
       .enabled(if: Fixtures.sharedAvailable && RerankBinary.available && TmuxSession.available))
struct KillDuringSaveTests {
    static let passages = """
        Booster doses restore protection as antibodies wane.

        Immunity after a vaccine fades over months.

        Fleas live for two or three months.

        """

    @Test("kill -9 while the paste of 1,000 passages is being saved: the session has all of them or none, and resumes",
          .timeLimit(.minutes(5)))
    func killDuringPaste() async throws {
        let files = try TemporaryFiles("rerank-kill-paste")
        let input = try files.write("passages.txt", Self.passages)
        let explorer = try ExplorerRun(["explore", input.path, "--model", "bm25", "--query", "booster doses"], files: files)
        try await explorer.tmux.waitFor("three passages ranked") { ExplorerScreen($0).everyPaneRanked(count: 3) }
        try await explorer.waitForSession("the opening session saved") { $0.passages.count == 3 }

        let pasted = (1...1_000).map { "Pasted passage \($0) on booster doses and waning immunity." }
        try explorer.tmux.paste(pasted.joined(separator: "\n\n"))
        let caught = try await explorer.killDuringSave()
        _ = try await explorer.waitForExit()

        let saved = try #require(try explorer.savedSession(), "no session file after kill -9")
        #expect(saved.query == "booster doses")
        #expect(saved.passages.count == 3 || saved.passages == Self.passagesIn(input) + pasted,
                "the session holds \(saved.passages.count) passages: neither the 3 before the paste nor the 1,003 after")
        print("kill -9 during the paste's save: \(caught ? "during a write" : "no write caught, killed after"); \(saved.passages.count) passages saved")

        let resumed = try ExplorerRun(["explore", "--resume", "--model", "bm25"], files: files)
        try await resumed.tmux.waitFor("the resumed session ranked") { screen in
            screen.contains("booster doses") && !ExplorerScreen(screen).rows(pane: 0).isEmpty
                && !screen.contains(where: ExplorerScreen.spinner.contains)
        }
        #expect(!(try resumed.tmux.screen()).contains("could not be read"))
        let folder = resumed.sessionFile.deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }.isEmpty,
                "--resume removes the temporary file the killed save left")
        // Without a kill the paste is saved whole, and quitting keeps it.
        if saved.passages.count == 3 {
            try resumed.tmux.paste(pasted.joined(separator: "\n\n"))
            try await resumed.tmux.waitFor("the paste added") { $0.contains("pasted 1000 passages") }
        }
        let whole = try await resumed.waitForSession("the paste saved whole") { $0.passages == Self.passagesIn(input) + pasted }
        try resumed.tmux.press("Tab")
        try resumed.tmux.press("q")
        let exit = try await resumed.waitForExit()
        #expect(exit.status == "0")
        #expect(try resumed.savedSession() == whole, "quitting keeps the session")
    }

    @Test("kill -9 while typing saves the query: every time the session is one the explorer wrote whole",
          .timeLimit(.minutes(5)))
    func killWhileTyping() async throws {
        let files = try TemporaryFiles("rerank-kill-typing")
        let input = try files.write("passages.txt", Self.passages)
        var confirmed = "booster"
        var arguments = ["explore", input.path, "--model", "bm25", "--query", confirmed]
        var caughtWrites = 0
        for round in 1...3 {
            let explorer = try ExplorerRun(arguments, files: files)
            // The query's end: a long query scrolls in its line.
            try await explorer.tmux.waitFor("round \(round): the explorer open on \(confirmed)") { $0.contains(confirmed.suffix(20)) && $0.contains("❯") }
            try await explorer.waitForSession("round \(round): the query saved") { $0.query == confirmed }
            let typed = " doses wane after months of immunity \(round)"
            try explorer.tmux.press("End")
            try explorer.tmux.type(typed)
            if try await explorer.killDuringSave(orOnceSaved: { $0.query == confirmed + typed }) { caughtWrites += 1 }
            _ = try await explorer.waitForExit()

            // The file is a whole session whose query is the last one saved before this round or a later one.
            let saved = try #require(try explorer.savedSession(), "round \(round): no session file after kill -9")
            #expect(saved.passages == Self.passagesIn(input))
            let full = confirmed + typed
            #expect(saved.query.hasPrefix(confirmed) && full.hasPrefix(saved.query),
                    "round \(round): the saved query \"\(saved.query)\" is not one typed between \"\(confirmed)\" and \"\(full)\"")
            confirmed = saved.query
            arguments = ["explore", "--resume", "--model", "bm25"]
        }
        print("kill -9 while typing: \(caughtWrites) of 3 kills came during a write")

        let resumed = try ExplorerRun(arguments, files: files)
        try await resumed.tmux.waitFor("the last session resumed") { screen in
            screen.contains(confirmed.suffix(20)) && ExplorerScreen(screen).everyPaneRanked(count: 3)
        }
        try resumed.tmux.press("Tab")
        try resumed.tmux.press("q")
        #expect(try await resumed.waitForExit().status == "0")
    }

    /// The paragraphs of a passage file, as the explorer reads them.
    static func passagesIn(_ file: URL) -> [String] {
        ((try? String(contentsOf: file, encoding: .utf8)) ?? "").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
