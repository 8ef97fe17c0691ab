import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blob being downloaded, under its temporary name: appended to as bytes arrive, emptied when a transfer has to
/// start over, flushed to disk before it is renamed to its final name.
final class BlobFile {
    let url: URL
    /// Bytes in the file.
    private(set) var size: Int64
    private let descriptor: Int32
    private let failure: CacheFailure

    /// Opens (creating when absent) `url` for appending; what it already holds is kept, to resume from.
    init(url: URL, failure: CacheFailure) throws(HubError) {
        self.url = url
        self.failure = failure
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure.error(errno, path: url) }
        self.descriptor = descriptor
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else {
            let code = errno
            close(descriptor)
            throw failure.error(code, path: url)
        }
        self.size = Int64(end)
    }

    deinit { close(descriptor) }

    /// Appends `bytes`, all of them.
    func append(_ bytes: UnsafeRawBufferPointer) throws(HubError) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                guard errno == EINTR else { throw failure.error(errno, path: url) }
                continue
            }
            remaining -= written
            next += written
            size += Int64(written)
        }
    }

    /// Empties the file, for a transfer that starts again from the first byte.
    func truncate() throws(HubError) {
        let descriptor = descriptor
        try failure.check(url) { ftruncate(descriptor, 0) }
        size = 0
    }

    /// Flushes the file's bytes to the disk.
    func sync() throws(HubError) {
        let descriptor = descriptor
        try failure.check(url) { fsync(descriptor) }
    }
}
