import Foundation
import TestSupport

/// A tmux server of its own (a private socket, no user configuration) running one window: the
/// end-to-end tests type into it and read its screen like a person would.
final class TmuxSession {
    /// True when a `tmux` executable is on the `PATH`.
    static var available: Bool { executable != nil }

    private static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("tmux") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    private let socket = "rerank-test-\(UUID().uuidString.prefix(8))"
    private let environment: [String: String]
    private let target = "main"

    /// Starts a detached session of `width`×`height` running `command` with `environment`.
    init(width: Int, height: Int, command: String, environment: [String: String]) throws {
        self.environment = environment
        _ = try tmux(["new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), command])
    }

    /// Ends the session, and with it the server (it exits once it has no session). Not
    /// `kill-server`: that signals the server, which inherits the test thread's blocked signals.
    deinit {
        _ = try? tmux(["kill-session", "-t", target])
    }

    /// Types text as it is (no key names).
    func type(_ text: String) throws {
        _ = try tmux(["send-keys", "-t", target, "-l", text])
    }

    /// Presses keys by tmux name (`Enter`, `Escape`, `C-u`, `q`…).
    func press(_ keys: String...) throws {
        _ = try tmux(["send-keys", "-t", target] + keys)
    }

    /// Pastes text as a terminal does: through a tmux buffer, bracketed when the program asked for it.
    func paste(_ text: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-paste-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try tmux(["load-buffer", "-b", "paste", file.path])
        _ = try tmux(["paste-buffer", "-p", "-d", "-b", "paste", "-t", target])
    }

    func resize(width: Int, height: Int) throws {
        _ = try tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// The visible screen, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", target])
    }

    /// Polls the screen until `condition` holds, failing with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(60), _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TmuxError.timedOut(what, screen: last)
    }

    /// Runs a tmux client. It goes through bash, which first closes every descriptor but the
    /// standard three: the server a client starts would otherwise keep the one Foundation uses to
    /// notice the client's exit, and `waitUntilExit` would never return. Output goes to a file for
    /// the same reason (a pipe would never reach its end).
    private func tmux(_ arguments: [String]) throws -> String {
        guard let executable = Self.executable else { throw TmuxError.notInstalled }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let closeAndRun = "for fd in /proc/self/fd/*; do n=${fd##*/}; if ((n > 2)); then eval \"exec $n>&-\"; fi; done; exec \"$0\" \"$@\""
        process.arguments = ["-c", closeAndRun, executable.path, "-L", socket, "-f", "/dev/null"] + arguments
        process.environment = environment
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else { throw TmuxError.failed(arguments, "no output file") }
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
        guard process.terminationStatus == 0 else { throw TmuxError.failed(arguments, text) }
        return text
    }
}

/// Why driving tmux failed.
enum TmuxError: Error, CustomStringConvertible {
    case notInstalled
    case failed([String], String)
    case timedOut(String, screen: String)

    var description: String {
        switch self {
        case .notInstalled: return "tmux is not installed"
        case .failed(let arguments, let output): return "tmux \(arguments.joined(separator: " ")) failed: \(output)"
        case .timedOut(let what, let screen): return "timed out waiting for \(what); the screen was:\n\(screen)"
        }
    }
}
