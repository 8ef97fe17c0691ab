import Foundation
import Synchronization

/// Saves the latest session in the background so the interface never waits for the disk.
///
/// `submit` returns at once; while a save is running, newer submissions replace each other and
/// only the newest is written next. `flush` writes what is pending before the program exits.
/// A session that could not be written (a full or read-only folder) stays in memory and is
/// written by `retryFailedSave` once the folder takes it again.
public final class SessionAutosaver<Session: Codable & Sendable>: Sendable {
    private struct State {
        /// The newest unsaved session and its submission number.
        var pending: (session: Session, version: Int)?
        /// The newest session whose save failed, kept until a save succeeds.
        var failed: (session: Session, version: Int)?
        var submitted = 0
        var isSaving = false
        var lastError: SessionStoreError?
        /// Set when a save succeeds after a failure; the interface says the session is safe again.
        var recovered = false
    }

    private let store: SessionStore<Session>
    private let state = Mutex(State())
    /// Held while writing, so a flush never interleaves with a background save; holds the
    /// version last written, so an older session never overwrites a newer one.
    private let writing = Mutex(0)

    public init(store: SessionStore<Session>) {
        self.store = store
    }

    /// Queues the session for saving; the newest queued value wins.
    public func submit(_ session: Session) {
        let startSaving = state.withLock { state in
            state.submitted += 1
            state.pending = (session, state.submitted)
            defer { state.isSaving = true }
            return !state.isSaving
        }
        if startSaving { saveInBackground() }
    }

    /// Queues the session whose save failed again, unless a newer one is already queued; the
    /// interface calls it every few seconds while saving fails.
    public func retryFailedSave() {
        let startSaving = state.withLock { state in
            guard let failed = state.failed, state.pending == nil else { return false }
            state.pending = failed
            defer { state.isSaving = true }
            return !state.isSaving
        }
        if startSaving { saveInBackground() }
    }

    /// True while the newest session is only in memory because its save failed.
    public var hasFailedSave: Bool {
        state.withLock { $0.failed != nil }
    }

    /// True once, after a save succeeded that followed a failed one.
    public func takeRecovery() -> Bool {
        state.withLock { state in
            defer { state.recovered = false }
            return state.recovered
        }
    }

    private func saveInBackground() {
        Task.detached(priority: .utility) { [self] in
            while let next = takePending() { save(next) }
        }
    }

    /// Writes any pending session now, waiting for a background save in progress.
    /// A session whose save failed is tried once more, and its error thrown if it fails again.
    public func flush() throws {
        let next = state.withLock { state in
            defer { state.pending = nil }
            return state.pending ?? state.failed
        }
        if let next { save(next) }
        // A background save that took its session before this flush ends once it is written.
        while state.withLock({ $0.isSaving }) { Thread.sleep(forTimeInterval: 0.001) }
        if let error = takeError() { throw error }
    }

    /// The error of the latest failed save, once; the interface shows it in the status bar.
    public func takeError() -> SessionStoreError? {
        state.withLock { state in
            defer { state.lastError = nil }
            return state.lastError
        }
    }

    /// The next session to write, or nil (and the background saving ends) when there is none.
    private func takePending() -> (session: Session, version: Int)? {
        state.withLock { state in
            guard let next = state.pending else {
                state.isSaving = false
                return nil
            }
            state.pending = nil
            return next
        }
    }

    private func save(_ next: (session: Session, version: Int)) {
        writing.withLock { written in
            guard next.version > written else { return }
            do {
                try store.save(next.session)
                written = next.version
                state.withLock { state in
                    guard let failed = state.failed, failed.version <= next.version else { return }
                    state.failed = nil
                    state.recovered = true
                }
            } catch {
                let failure = error as? SessionStoreError ?? .cannotWrite(store.fileURL, reason: "\(error)")
                state.withLock { state in
                    state.lastError = failure
                    if next.version >= state.failed?.version ?? 0 { state.failed = next }
                }
            }
        }
    }
}
