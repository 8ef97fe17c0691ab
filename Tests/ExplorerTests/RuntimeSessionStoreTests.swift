import Testing
import Foundation
import Explorer
import TestSupport

private struct Snapshot: Codable, Equatable, Sendable {
    var query: String
    var passages: [String]
}

/// A value whose encoding always fails, to show a failed save keeps the previous file.
private struct Unencodable: Codable {
    struct Refused: Error {}
    init() {}
    init(from decoder: any Decoder) throws { throw Refused() }
    func encode(to encoder: any Encoder) throws { throw Refused() }
}

private func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
    let directory = try Fixtures.temporaryDirectory("rerank-session")
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory)
}

@Suite("Session store")
struct RuntimeSessionStoreTests {
    @Test func defaultLocationFollowsXDGStateHome() {
        let xdg = SessionStore<Snapshot>.defaultFileURL(environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/a"])
        #expect(xdg.path == "/state/rerank/session.json")
        let relative = SessionStore<Snapshot>.defaultFileURL(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/a"])
        #expect(relative.path == "/home/a/.local/state/rerank/session.json")
    }

    @Test func savesAtomicallyAndLoadsBack() throws {
        try withTemporaryDirectory { directory in
            let store = SessionStore<Snapshot>(fileURL: directory.appendingPathComponent("nested/rerank/session.json"))
            guard case .missing = try store.load() else { Issue.record("expected no session yet"); return }

            try store.save(Snapshot(query: "first", passages: ["a"]))
            let second = Snapshot(query: "second ✂ 日本", passages: ["a", "b\nc"])
            try store.save(second)
            guard case .restored(let loaded) = try store.load() else { Issue.record("expected a session"); return }
            #expect(loaded == second)

            let folder = store.fileURL.deletingLastPathComponent()
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["session.json"])
            let permissions = try FileManager.default.attributesOfItem(atPath: store.fileURL.path)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
        }
    }

    @Test func failedSaveKeepsThePreviousSession() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("session.json")
            try Data("{\"kept\": true}".utf8).write(to: url)
            #expect(throws: SessionStoreError.self) { try SessionStore<Unencodable>(fileURL: url).save(Unencodable()) }
            #expect(try String(contentsOf: url, encoding: .utf8) == "{\"kept\": true}")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["session.json"])
        }
    }

    @Test func corruptFileIsSetAsideWithAMessage() throws {
        try withTemporaryDirectory { directory in
            let store = SessionStore<Snapshot>(fileURL: directory.appendingPathComponent("session.json"))
            let now = Date(timeIntervalSince1970: 1_767_323_045)   // 2026-01-02 03:04:05 UTC
            try Data("{\"query\": \"cut off".utf8).write(to: store.fileURL)
            guard case .setAside(let first, let message) = try store.load(now: now) else { Issue.record("not set aside"); return }
            #expect(first.lastPathComponent == "session.json.corrupt-20260102-030405")
            #expect(try String(contentsOf: first, encoding: .utf8) == "{\"query\": \"cut off")
            #expect(message.contains(store.fileURL.path) && message.contains(first.path) && message.contains("not valid JSON"))
            #expect(!FileManager.default.fileExists(atPath: store.fileURL.path))

            try Data("{\"query\": \"no passages\"}".utf8).write(to: store.fileURL)
            guard case .setAside(let second, let secondMessage) = try store.load(now: now) else { Issue.record("not set aside"); return }
            #expect(second.lastPathComponent == "session.json.corrupt-20260102-030405-2")
            #expect(secondMessage.contains("\"passages\" is missing"))
            guard case .missing = try store.load() else { Issue.record("expected a fresh start"); return }
        }
    }

    @Test func emptyFileIsSetAside() throws {
        try withTemporaryDirectory { directory in
            let store = SessionStore<Snapshot>(fileURL: directory.appendingPathComponent("session.json"))
            try Data().write(to: store.fileURL)
            guard case .setAside(_, let message) = try store.load() else { Issue.record("not set aside"); return }
            #expect(message.contains("the file is empty"))
        }
    }

    @Test func autosaverWritesTheNewestSession() throws {
        try withTemporaryDirectory { directory in
            let store = SessionStore<Snapshot>(fileURL: directory.appendingPathComponent("session.json"))
            let saver = SessionAutosaver(store: store)
            for number in 1...50 { saver.submit(Snapshot(query: "q\(number)", passages: [])) }
            try saver.flush()
            guard case .restored(let loaded) = try store.load() else { Issue.record("nothing saved"); return }
            #expect(loaded.query == "q50")
            #expect(saver.takeError() == nil)
        }
    }

    @Test("a session that could not be saved stays in memory and is saved by a retry once the folder takes it")
    func autosaverKeepsAFailedSessionForARetry() async throws {
        let files = try TemporaryFiles("rerank-session")
        let directory = files.directory
        // A file where the session's folder should be: every save fails until it is removed.
        let blocker = directory.appendingPathComponent("rerank")
        try Data("not a folder".utf8).write(to: blocker)
        let store = SessionStore<Snapshot>(fileURL: blocker.appendingPathComponent("session.json"))
        let saver = SessionAutosaver(store: store)
        saver.submit(Snapshot(query: "kept", passages: ["a"]))
        #expect(throws: SessionStoreError.self) { try saver.flush() }
        #expect(saver.hasFailedSave)
        #expect(!saver.takeRecovery())

        try FileManager.default.removeItem(at: blocker)
        saver.retryFailedSave()
        let deadline = ContinuousClock.now + .seconds(10)
        while saver.hasFailedSave, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try saver.flush()
        #expect(!saver.hasFailedSave)
        #expect(saver.takeRecovery())
        guard case .restored(let loaded) = try store.load() else { Issue.record("the retry saved nothing"); return }
        #expect(loaded == Snapshot(query: "kept", passages: ["a"]))
    }

    @Test("a newer session replaces the failed one, and flush saves it")
    func autosaverPrefersTheNewestSession() throws {
        try withTemporaryDirectory { directory in
            let blocker = directory.appendingPathComponent("rerank")
            try Data("not a folder".utf8).write(to: blocker)
            let store = SessionStore<Snapshot>(fileURL: blocker.appendingPathComponent("session.json"))
            let saver = SessionAutosaver(store: store)
            saver.submit(Snapshot(query: "old", passages: []))
            #expect(throws: SessionStoreError.self) { try saver.flush() }
            try FileManager.default.removeItem(at: blocker)
            saver.submit(Snapshot(query: "new", passages: []))
            try saver.flush()
            guard case .restored(let loaded) = try store.load() else { Issue.record("nothing saved"); return }
            #expect(loaded.query == "new")
            #expect(!saver.hasFailedSave)
        }
    }

    @Test("loading removes the temporary files of saves a killed process left, not those of live processes")
    func loadRemovesLeftoverTemporaryFiles() throws {
        try withTemporaryDirectory { directory in
            let store = SessionStore<Snapshot>(fileURL: directory.appendingPathComponent("session.json"))
            try store.save(Snapshot(query: "kept", passages: []))
            // No process has this id (above Linux's largest pid_max); this test's own process is alive.
            let dead = directory.appendingPathComponent(".session.json.2147483646.0A1B.tmp")
            let live = directory.appendingPathComponent(".session.json.\(getpid()).0A1B.tmp")
            try Data("{\"query\": \"cut".utf8).write(to: dead)
            try Data("{}".utf8).write(to: live)
            guard case .restored(let loaded) = try store.load() else { Issue.record("the session did not load"); return }
            #expect(loaded.query == "kept")
            #expect(!FileManager.default.fileExists(atPath: dead.path))
            #expect(FileManager.default.fileExists(atPath: live.path))
        }
    }
}
