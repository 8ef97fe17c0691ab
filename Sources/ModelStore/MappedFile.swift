#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A read-only memory map of a whole file; pages are read from disk only when touched.
final class MappedFile: @unchecked Sendable {
    /// Start of the mapping (nil for an empty file, which cannot be mapped).
    let base: UnsafeRawPointer?
    let count: Int

    /// Maps `url`; throws `missingFile` when it does not exist and `corruptWeights` when it cannot be mapped.
    init(url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            let reason = errno
            if reason == ENOENT { throw ModelStoreError.missingFile(url) }
            throw ModelStoreError.corruptWeights(url, "cannot be opened (\(String(cString: strerror(reason)))); check its permissions")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ModelStoreError.corruptWeights(url, "cannot be examined (\(String(cString: strerror(errno))))")
        }
        count = Int(status.st_size)
        guard count > 0 else {
            base = nil
            return
        }
        let mapping = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapping, mapping != MAP_FAILED else {
            throw ModelStoreError.corruptWeights(url, "cannot be memory-mapped (\(String(cString: strerror(errno))))")
        }
        base = UnsafeRawPointer(mapping)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// The bytes in `range`, which the caller has checked lies inside the file.
    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}
