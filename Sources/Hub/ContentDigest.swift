import Crypto
import Foundation

/// The two names the Hub gives a file's content, which a blob is checked against before anything links to it: the
/// sha256 of an LFS file (64 hex digits), the git blob sha1 of a regular one (40 hex digits).
enum ContentDigest {
    enum Kind: Equatable {
        case sha256
        case gitBlobSHA1
    }

    /// What an etag is a hash of, judged by its length and digits; nil for an etag that is neither (no check).
    static func kind(ofEtag etag: String) -> Kind? {
        guard etag.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        switch etag.utf8.count {
        case 64: return .sha256
        case 40: return .gitBlobSHA1
        default: return nil
        }
    }

    /// Lowercase hex of SHA-256 over `bytes`.
    static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lowercase hex of git's blob id: SHA-1 over `blob LENGTH\0` followed by the bytes.
    static func gitBlobSHA1(_ bytes: some DataProtocol) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("blob \(bytes.count)\u{0}".utf8))
        hasher.update(data: bytes)
        return hex(hasher.finalize())
    }

    /// The digest of a file's contents, read a megabyte at a time.
    static func digest(ofFile url: URL, kind: Kind) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        switch kind {
        case .sha256:
            var hasher = SHA256()
            try feed(handle) { hasher.update(data: $0) }
            return hex(hasher.finalize())
        case .gitBlobSHA1:
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            var hasher = Insecure.SHA1()
            hasher.update(data: Data("blob \(size)\u{0}".utf8))
            try feed(handle) { hasher.update(data: $0) }
            return hex(hasher.finalize())
        }
    }

    private static func feed(_ handle: FileHandle, _ update: (Data) -> Void) throws {
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { update(chunk) }
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
