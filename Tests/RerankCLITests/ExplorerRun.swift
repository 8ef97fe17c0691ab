import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `rerank ARGUMENTS` started in a tmux window by a shell script that records what the crash tests check
/// around it: the explorer's process id, `stty -g` before and after it ran, and its exit status.
final class ExplorerRun {
    let tmux: TmuxSession
    /// Where the explorer keeps its session (`$XDG_STATE_HOME/rerank/session.json`).
    let sessionFile: URL
    /// This run's records: `pid`, `stty-before`, `stty-after` and `status`.
    private let records: URL

    /// Starts the explorer; `environment` defaults to `RerankBinary.terminalEnvironment(home: files.directory)`.
    init(_ arguments: [String], files: TemporaryFiles, environment: [String: String]? = nil,
         width: Int = 160, height: Int = 40) throws {
        guard let binary = RerankBinary.url else { throw FixtureError.missingExecutable("rerank") }
        let environment = environment ?? RerankBinary.terminalEnvironment(home: files.directory)
        sessionFile = URL(fileURLWithPath: environment["XDG_STATE_HOME"] ?? files.directory.path).appendingPathComponent("rerank/session.json")
        records = try files.file("run-\(UUID().uuidString.prefix(8))/pid").deletingLastPathComponent()
        let quoted = ([binary.path] + arguments).map(Self.shellQuoted).joined(separator: " ")
        let script = try files.write(records.lastPathComponent + "/run.sh", """
            #!/bin/sh
            export TERM=xterm-256color
            ulimit -c 0
            stty -g > \(Self.shellQuoted(records.appendingPathComponent("stty-before").path))
            sh -c 'echo $$ > "$0"; shift; exec "$@"' \(Self.shellQuoted(records.appendingPathComponent("pid").path)) - \(quoted)
            echo $? > \(Self.shellQuoted(records.appendingPathComponent("status").path))
            stty -g > \(Self.shellQuoted(records.appendingPathComponent("stty-after").path))
            echo EXPLORER-EXITED
            exec sleep 600
            """)
        tmux = try TmuxSession(width: width, height: height, command: "sh \(Self.shellQuoted(script.path))", environment: environment)
    }

    /// The explorer's process id, once its script has written it.
    func processID(timeout: Duration = .seconds(30)) async throws -> pid_t {
        let file = records.appendingPathComponent("pid")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TmuxError.timedOut("the explorer's process id", screen: try tmux.screen())
    }

    /// Sends `signal` to the explorer.
    func send(_ signal: Int32) async throws {
        let pid = try await processID()
        guard kill(pid, signal) == 0 else { throw TmuxError.failed(["kill -\(signal) \(pid)"], String(cString: strerror(errno))) }
    }

    /// Waits until the session file is being written (its temporary file exists beside it) and kills the
    /// explorer with SIGKILL at that moment; kills it anyway once the saved session satisfies `saved` (no
    /// write left to catch) or after `timeout`. True when the kill came while a temporary file was there.
    func killDuringSave(timeout: Duration = .seconds(30), orOnceSaved saved: (SavedSession) -> Bool = { _ in false }) async throws -> Bool {
        let pid = try await processID()
        let folder = sessionFile.deletingLastPathComponent()
        let prefix = "." + sessionFile.lastPathComponent + "."
        let deadline = ContinuousClock.now + timeout
        var caught = false, polls = 0
        while !caught, ContinuousClock.now < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            caught = names.contains { $0.hasPrefix(prefix) && $0.hasSuffix(".tmp") }
            polls += 1
            if !caught, polls % 200 == 0, let session = try? savedSession(), saved(session) { break }
            if !caught { usleep(300) }
        }
        kill(pid, SIGKILL)
        return caught
    }

    /// What the explorer's script recorded once the explorer ended: its exit status and the terminal's
    /// modes before and after.
    func waitForExit(timeout: Duration = .seconds(60)) async throws -> (status: String, sttyBefore: String, sttyAfter: String) {
        try await tmux.waitFor("the explorer to exit", timeout: timeout) { $0.contains("EXPLORER-EXITED") }
        func record(_ name: String) throws -> String {
            try String(contentsOf: records.appendingPathComponent(name), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (try record("status"), try record("stty-before"), try record("stty-after"))
    }

    /// The session file's query and passage count, or nil while there is none.
    func savedSession() throws -> SavedSession? {
        guard let data = try? Data(contentsOf: sessionFile) else { return nil }
        return try SavedSession(data, file: sessionFile)
    }

    /// Polls the session file until `condition` holds.
    @discardableResult
    func waitForSession(_ what: String, timeout: Duration = .seconds(60), _ condition: (SavedSession) -> Bool) async throws -> SavedSession {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let session = try savedSession(), condition(session) { return session }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TmuxError.timedOut("\(what) (\(sessionFile.path))", screen: try tmux.screen())
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The parts of a saved session the crash tests compare; reading it fails when the file is not a whole session.
struct SavedSession: Equatable {
    var query: String
    var passages: [String]

    init(_ data: Data, file: URL) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let query = object["query"] as? String, let passages = object["passages"] as? [[String: Any]] else {
            throw FixtureError.notAnObject(file.path)
        }
        self.query = query
        self.passages = passages.compactMap { $0["text"] as? String }
    }
}
