import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file atomically: a temporary file in the same folder, flushed, then renamed over it.
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SessionStoreError.cannotWrite(url, reason: "its folder could not be created (\(error.localizedDescription))")
        }
        let temporary = directory.appendingPathComponent("\(temporaryPrefix(of: url))\(getpid()).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure(url, "a temporary file could not be created") }
        var closed = false
        defer {
            if !closed { close(descriptor) }
            unlink(temporary.path)   // a no-op once renamed
        }
        let written = data.withUnsafeBytes { writeAll($0, to: descriptor) }
        guard written, fsync(descriptor) == 0 else { throw failure(url, "the temporary file could not be written") }
        closed = true
        guard close(descriptor) == 0 else { throw failure(url, "the temporary file could not be closed") }
        guard rename(temporary.path, url.path) == 0 else { throw failure(url, "the temporary file could not be renamed") }
        syncDirectory(directory)
    }

    /// Removes the temporary files a killed process left beside `url` (those of live processes stay:
    /// they may be writing). Best effort: what cannot be removed is left.
    static func removeLeftovers(of url: URL) {
        let directory = url.deletingLastPathComponent()
        let prefix = temporaryPrefix(of: url)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let owner = name.dropFirst(prefix.count).prefix { $0 != "." }
            guard let pid = pid_t(owner), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    /// `.session.json.`: the temporary files of `url` are this, the writer's process id, a UUID and `.tmp`.
    private static func temporaryPrefix(of url: URL) -> String {
        ".\(url.lastPathComponent)."
    }

    /// Makes the rename itself durable; failure here only weakens crash safety, so it is ignored.
    private static func syncDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ url: URL, _ what: String) -> SessionStoreError {
        .cannotWrite(url, reason: "\(what) (\(String(cString: strerror(errno))))")
    }
}
