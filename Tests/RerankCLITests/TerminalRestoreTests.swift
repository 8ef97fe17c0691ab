import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The shell gets its terminal back however the explorer ends: `stty -g` in the same tmux pane after
/// SIGTERM, SIGHUP or SIGQUIT equals what it was before the explorer started, and the process dies of the
/// signal; SIGTERM and SIGHUP first stop it as q does, so its session is saved. An error thrown as it ends
/// is printed after the terminal is back.
@Suite("The terminal is restored after a signal or an error", .serialized,
       .enabled(if: Fixtures.sharedAvailable && RerankBinary.available && TmuxSession.available))
struct TerminalRestoreTests {
    @Test("SIGTERM, SIGHUP and SIGQUIT end the explorer with the terminal as it was", .timeLimit(.minutes(3)),
          arguments: [SIGTERM, SIGHUP, SIGQUIT])
    func restoredAfter(signal: Int32) async throws {
        let name = [SIGTERM: "SIGTERM", SIGHUP: "SIGHUP", SIGQUIT: "SIGQUIT"][signal] ?? "signal \(signal)"
        let files = try TemporaryFiles("rerank-signal")
        let input = try files.write("passages.txt", "Booster doses restore protection.\n\nImmunity fades over months.\n")
        let explorer = try ExplorerRun(["explore", input.path, "--model", "bm25", "--query", "booster"], files: files)
        try await explorer.tmux.waitFor("the explorer open") { ExplorerScreen($0).everyPaneRanked(count: 2) }
        // The query mid-edit, with bracketed paste and the alternate screen on.
        try explorer.tmux.type(" doses")
        try await explorer.tmux.waitFor("the typed query") { $0.contains("booster doses") }

        try await explorer.send(signal)
        let exit = try await explorer.waitForExit()
        #expect(exit.status == String(128 + signal), "\(name): exit status \(exit.status)")
        #expect(!exit.sttyBefore.isEmpty && exit.sttyAfter == exit.sttyBefore, "\(name): stty -g before and after differ")
        let screen = try explorer.tmux.screen()
        #expect(!screen.contains("❯"), "\(name): the explorer's screen is gone")
        if signal != SIGQUIT {
            #expect(try explorer.savedSession()?.query == "booster doses", "\(name): the explorer stops as with q, its session saved")
        }
    }

    @Test("an error thrown as the explorer ends (its session cannot be saved) is printed after the terminal is restored",
          .timeLimit(.minutes(3)))
    func restoredAfterAnError() async throws {
        let files = try TemporaryFiles("rerank-thrown")
        // A file where the state folder should be: every save fails, without needing root.
        var environment = RerankBinary.terminalEnvironment(home: files.directory)
        let blocker = try files.write("state-is-a-file", "not a folder")
        environment["XDG_STATE_HOME"] = blocker.path
        let input = try files.write("passages.txt", "Booster doses restore protection.\n\nImmunity fades over months.\n")
        let explorer = try ExplorerRun(["explore", input.path, "--model", "bm25", "--query", "booster"], files: files,
                                       environment: environment, width: 240)
        try await explorer.tmux.waitFor("the failed save reported") { $0.contains("could not be saved") && ExplorerScreen($0).everyPaneRanked(count: 2) }
        try explorer.tmux.press("Tab")
        try explorer.tmux.press("q")
        let exit = try await explorer.waitForExit()
        #expect(exit.status != "0")
        #expect(!exit.sttyBefore.isEmpty && exit.sttyAfter == exit.sttyBefore, "stty -g before and after differ")
        let screen = try explorer.tmux.screen()
        #expect(!screen.contains("❯") && screen.contains("\(blocker.path)/rerank/session.json: the session could not be saved"), "\(screen)")
    }

    @Test("a storm of 100 resizes from 1×1 to 400×120: the explorer keeps running, says when it is too small, and draws the panes again",
          .timeLimit(.minutes(3)))
    func resizeStorm() async throws {
        let files = try TemporaryFiles("rerank-resize")
        let input = try files.write("passages.txt", "Booster doses restore protection.\n\nImmunity fades over months.\n")
        let explorer = try ExplorerRun(["explore", input.path, "--model", "bm25", "--query", "booster"], files: files)
        try await explorer.tmux.waitFor("the explorer open") { ExplorerScreen($0).everyPaneRanked(count: 2) }
        var size = (width: 80, height: 24)
        for step in 0..<100 {
            size = (width: 1 + (size.width * 37 + step * 11) % 400, height: 1 + (size.height * 17 + step * 7) % 120)
            try explorer.tmux.resize(width: size.width, height: size.height)
        }
        try explorer.tmux.resize(width: 30, height: 8)
        try await explorer.tmux.waitFor("the too-small message") { $0.contains("too small") }
        try explorer.tmux.resize(width: 100, height: 30)
        try await explorer.tmux.waitFor("the panes again") { ExplorerScreen($0).everyPaneRanked(count: 2) }
        try explorer.tmux.type(" doses")
        try await explorer.tmux.waitFor("typing still works") { $0.contains("booster doses") }
        try explorer.tmux.press("C-c")
        let exit = try await explorer.waitForExit()
        #expect(exit.status == "0", "exit status \(exit.status)")
        #expect(exit.sttyAfter == exit.sttyBefore)
    }
}
