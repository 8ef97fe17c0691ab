import Foundation
import Testing
import TestSupport

/// The explorer's state folder fills up or turns read-only while it runs: the status bar says which
/// file could not be saved and what to do, the explorer keeps working with the session in memory, and
/// saves it once the folder takes it again. A quit while it still cannot be saved ends with that error
/// on one line and the terminal restored.
///
/// The folder is a small tmpfs mounted for the test (`mount` needs root, as in CI; the suite is skipped
/// without it): filling it gives real ENOSPC, `remount,ro` real EROFS; modes alone would not stop root.
@Suite("A full or read-only state folder", .serialized,
       .enabled(if: Fixtures.sharedAvailable && RerankBinary.available && TmuxSession.available && ScratchMount.available))
struct StateFolderTests {
    @Test("full, then read-only: a message, the explorer keeps ranking, and the session is saved once it can be",
          .timeLimit(.minutes(5)))
    func fullThenReadOnly() async throws {
        let files = try TemporaryFiles("rerank-state-folder")
        let mount = try ScratchMount(at: try files.file("state/.keep").deletingLastPathComponent(), size: "1m")
        // Unmounted before the temporary folder around it is removed.
        defer { withExtendedLifetime(files) { mount.unmount() } }
        var environment = RerankBinary.terminalEnvironment(home: files.directory)
        environment["XDG_STATE_HOME"] = mount.directory.path
        let input = try files.write("passages.txt", "Booster doses restore protection.\n\nImmunity fades over months.\n")
        let explorer = try ExplorerRun(["explore", input.path, "--model", "bm25", "--query", "booster"], files: files,
                                       environment: environment, width: 240)
        try await explorer.tmux.waitFor("the explorer open") { ExplorerScreen($0).everyPaneRanked(count: 2) }
        try await explorer.waitForSession("the opening session saved") { $0.query == "booster" }
        let sessionPath = explorer.sessionFile.path

        // Full: the save fails with ENOSPC; the message names the file and what to do.
        try mount.fill()
        try explorer.tmux.press("End")
        try explorer.tmux.type(" doses")
        try await explorer.tmux.waitFor("the full folder reported") { screen in
            screen.contains("could not be saved") && screen.contains("No space left") && screen.contains(String(sessionPath.suffix(40)))
        }
        // It keeps working: a new query ranks.
        try explorer.tmux.type(" wane")
        try await explorer.tmux.waitFor("the new query ranked") { $0.contains("booster doses wane") && ExplorerScreen($0).everyPaneRanked(count: 2) }
        #expect(try explorer.savedSession()?.query == "booster", "the last whole session stays on disk")

        // Space again: the session in memory is saved without another keystroke.
        try mount.emptyFiller()
        try await explorer.tmux.waitFor("the session saved again", timeout: .seconds(30)) { $0.contains("saved again") }
        try await explorer.waitForSession("the typed query saved") { $0.query == "booster doses wane" }

        // Read-only: the same, with EROFS.
        try mount.remount(readOnly: true)
        try explorer.tmux.type(" later")
        try await explorer.tmux.waitFor("the read-only folder reported") { $0.contains("could not be saved") && $0.contains("Read-only") }
        try mount.remount(readOnly: false)
        try await explorer.waitForSession("the query saved after the folder is writable", timeout: .seconds(30)) {
            $0.query == "booster doses wane later"
        }

        // A quit while the session cannot be saved: the error is thrown after the screen closed, printed
        // on one line, and the terminal is as it was.
        try mount.remount(readOnly: true)
        try explorer.tmux.type("!")
        try await explorer.tmux.waitFor("the read-only folder reported again") { $0.contains("could not be saved") }
        try explorer.tmux.press("Tab")
        try explorer.tmux.press("q")
        let exit = try await explorer.waitForExit()
        #expect(exit.status != "0")
        #expect(exit.sttyAfter == exit.sttyBefore, "stty -g before and after differ")
        let screen = try explorer.tmux.screen()
        #expect(screen.contains("could not be saved") && screen.contains("Check that the folder is writable"), "\(screen)")
        try mount.remount(readOnly: false)
        #expect(try explorer.savedSession()?.query == "booster doses wane later")
    }
}

/// A small tmpfs mounted over a test's folder, unmounted when released.
final class ScratchMount {
    let directory: URL
    private var isUnmounted = false
    private var filler: URL { directory.appendingPathComponent("filler") }

    /// True when this process may mount a tmpfs (root, as in CI).
    static let available: Bool = {
        guard getuid() == 0, let probe = try? Fixtures.temporaryDirectory("rerank-mount-probe") else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path])) != nil else { return false }
        _ = try? run("/bin/umount", [probe.path])
        return true
    }()

    init(at directory: URL, size: String) throws {
        self.directory = directory
        try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory.path])
    }

    deinit { unmount() }

    /// Unmounts the tmpfs (lazily, should a process still hold a file in it); once is enough.
    func unmount() {
        guard !isUnmounted else { return }
        isUnmounted = true
        _ = try? Self.run("/bin/umount", ["-l", directory.path])
    }

    /// Fills the file system to its last byte.
    func fill() throws {
        _ = try? Self.run("/bin/dd", ["if=/dev/zero", "of=\(filler.path)", "bs=4k"])
    }

    func emptyFiller() throws {
        try FileManager.default.removeItem(at: filler)
    }

    func remount(readOnly: Bool) throws {
        try Self.run("/bin/mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", directory.path])
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MountError(command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus)
        }
        return process.terminationStatus
    }
}

/// A mount command that failed.
struct MountError: Error, CustomStringConvertible {
    let command: String
    let status: Int32
    var description: String { "\(command) failed with exit status \(status)" }
}
