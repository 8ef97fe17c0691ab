import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a lock file (`.locks/models--ORG--NAME/ETAG.lock`, where `huggingface_hub` takes its own),
/// so two processes — or two pulls in one process — never write the same blob at once. Waiting polls, so no thread
/// is blocked while another process finishes a download.
enum FileLock {
    static let pollInterval: Duration = .milliseconds(100)

    /// Runs `body` while holding the lock on `file`, created when missing (lock files are left in place, as
    /// `huggingface_hub` leaves them).
    static func withLock<T>(_ file: URL, failure: CacheFailure, _ body: () async throws -> T) async throws -> T {
        try failure.createFolder(file.deletingLastPathComponent())
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure.error(errno, path: file) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw failure.error(errno, path: file) }
            try await Task.sleep(for: pollInterval)
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
