import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a failed system call on the cache into the error people see: a full disk, or a cache that cannot be written.
struct CacheFailure {
    let repository: String

    /// The error for `errno` after an operation on `path`.
    func error(_ code: Int32, path: URL) -> HubError {
        switch code {
        case ENOSPC, EDQUOT:
            return .diskFull(repository, folder: path.deletingLastPathComponent().path)
        default:
            return .cacheUnwritable(repository, path: path.path, detail: String(cString: strerror(code)))
        }
    }

    /// The error for a Foundation file operation's failure on `path`.
    func error(_ error: any Error, path: URL) -> HubError {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return self.error(Int32(underlying.code), path: path)
        }
        if nsError.domain == NSPOSIXErrorDomain { return self.error(Int32(nsError.code), path: path) }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileWriteOutOfSpace.rawValue {
            return .diskFull(repository, folder: path.deletingLastPathComponent().path)
        }
        return .cacheUnwritable(repository, path: path.path, detail: nsError.localizedDescription)
    }

    /// Runs a system call that returns -1 on failure, retrying on EINTR.
    func check(_ path: URL, _ call: () -> Int32) throws(HubError) {
        while call() == -1 {
            guard errno == EINTR else { throw error(errno, path: path) }
        }
    }

    /// Creates `folder` and its parents.
    func createFolder(_ folder: URL) throws(HubError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw self.error(error, path: folder)
        }
    }
}
