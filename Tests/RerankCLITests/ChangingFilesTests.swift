import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Files that change under the explorer: a model folder deleted while a pane uses it, and a passage file
/// rewritten while it is read. Each gives a message or a consistent result, and the explorer keeps working.
@Suite("Files changing under the explorer", .serialized,
       .enabled(if: Fixtures.sharedAvailable && RerankBinary.available && TmuxSession.available))
struct ChangingFilesTests {
    static let passages = "Booster doses restore protection.\n\nImmunity fades over months.\n\nFleas live for months.\n"

    @Test("a model folder deleted while its pane ranks: the mapped weights keep scoring, a reload says what is missing",
          .timeLimit(.minutes(5)))
    func modelFolderDeleted() async throws {
        let files = try TemporaryFiles("rerank-model-deleted")
        let model = try files.file("models/tiny-bert-cased")
        try FileManager.default.copyItem(at: Fixtures.architectureFixture("tiny-bert-cased"), to: model)
        let input = try files.write("passages.txt", Self.passages)
        let explorer = try ExplorerRun(["explore", input.path, "--model", model.path, "--model", "bm25", "--query", "booster"],
                                       files: files, width: 200)
        try await explorer.tmux.waitFor("both panes ranked", timeout: .seconds(120)) { ExplorerScreen($0).everyPaneRanked(count: 3) }

        try FileManager.default.removeItem(at: model.deletingLastPathComponent())
        try explorer.tmux.type(" doses")
        try await explorer.tmux.waitFor("both panes ranked after the folder went", timeout: .seconds(120)) { screen in
            screen.contains("booster doses") && ExplorerScreen(screen).everyPaneRanked(count: 3)
        }

        // Another precision loads the model again from its folder, which is gone: the pane says so.
        try explorer.tmux.press("Tab", ":")
        try explorer.tmux.type("precision int8")
        try explorer.tmux.press("Enter")
        let failed = try await explorer.tmux.waitFor("the reload's message in the pane", timeout: .seconds(60)) { $0.contains("✗") }
        #expect(failed.contains("tiny-bert-cased"), "\(failed)")
        let pid = try await explorer.processID()
        #expect(kill(pid, 0) == 0, "the explorer is still running")
        try explorer.tmux.press("q")
        #expect(try await explorer.waitForExit().status == "0")
    }

    @Test("a passage file rewritten while it is opened: passages or a message each time, never a crash",
          .timeLimit(.minutes(5)))
    func passageFileChanging() async throws {
        let files = try TemporaryFiles("rerank-file-changing")
        let input = try files.write("passages.txt", Self.passages)
        let changing = try files.write("changing.jsonl", "")
        // Rewrites the file without pause: one line, 400 lines, empty; a read can land on any of them or midway.
        let long = (1...400).map { "{\"text\": \"Rewritten passage \($0) on booster doses and immunity.\"}" }.joined(separator: "\n")
        let source = try files.write("long.jsonl", long + "\n")
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "while :; do printf '{\"text\": \"short\"}\\n' > \"$0\"; cat \"$1\" > \"$0\"; : > \"$0\"; done",
                            changing.path, source.path]
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        defer { if writer.isRunning { writer.terminate() } }

        let explorer = try ExplorerRun(["explore", input.path, "--model", "bm25", "--query", "booster"], files: files, width: 200)
        try await explorer.tmux.waitFor("the explorer open") { ExplorerScreen($0).everyPaneRanked(count: 3) }
        try explorer.tmux.press("Tab")
        for attempt in 1...5 {
            // A name of its own each time, so each answer can be told from the last.
            let name = "changing-\(attempt).jsonl"
            try FileManager.default.createSymbolicLink(at: files.directory.appendingPathComponent(name), withDestinationURL: changing)
            try explorer.tmux.press(":")
            try explorer.tmux.type("open \(files.directory.appendingPathComponent(name).path)")
            try explorer.tmux.press("Enter")
            let screen = try await explorer.tmux.waitFor("open \(attempt) answered") { screen in
                screen.split(separator: "\n").contains { line in
                    (line.contains("added ") && line.contains("changing-\(attempt)")) || line.contains(name + ":")
                }
            }
            #expect(!screen.contains("EXPLORER-EXITED"), "open \(attempt)")
        }
        writer.terminate()
        writer.waitUntilExit()
        let pid = try await explorer.processID()
        #expect(kill(pid, 0) == 0, "the explorer is still running")
        try explorer.tmux.press("q")
        #expect(try await explorer.waitForExit().status == "0")
    }
}
