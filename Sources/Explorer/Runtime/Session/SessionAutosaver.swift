import Synchronization

/// Saves the latest session in the background so the interface never waits for the disk.
///
/// `submit` returns at once; while a save is running, newer submissions replace each other and
/// only the newest is written next. `flush` writes what is pending before the program exits.
public final class SessionAutosaver<Session: Codable & Sendable>: Sendable {
    private struct State {
        /// The newest unsaved session and its submission number.
        var pending: (session: Session, version: Int)?
        var submitted = 0
        var isSaving = false
        var lastError: SessionStoreError?
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
        guard startSaving else { return }
        Task.detached(priority: .utility) { [self] in
            while let next = takePending(orFinish: true) { save(next) }
        }
    }

    /// Writes any pending session now, waiting for a background save in progress.
    public func flush() throws {
        if let next = takePending(orFinish: false) { save(next) }
        writing.withLock { _ in }
        if let error = takeError() { throw error }
    }

    /// The error of the latest failed save, once; the interface shows it in the status bar.
    public func takeError() -> SessionStoreError? {
        state.withLock { state in
            defer { state.lastError = nil }
            return state.lastError
        }
    }

    private func takePending(orFinish finish: Bool) -> (session: Session, version: Int)? {
        state.withLock { state in
            guard let next = state.pending else {
                if finish { state.isSaving = false }
                return nil
            }
            state.pending = nil
            return next
        }
    }

    private func save(_ next: (session: Session, version: Int)) {
        writing.withLock { written in
            guard next.version > written else { return }
            written = next.version
            do {
                try store.save(next.session)
            } catch {
                let failure = error as? SessionStoreError ?? .cannotWrite(store.fileURL, reason: "\(error)")
                state.withLock { $0.lastError = failure }
            }
        }
    }
}
