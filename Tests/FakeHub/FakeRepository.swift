import Crypto
import Foundation

/// A model repository the fake hub serves: its files at one commit, which of them are LFS files, and the
/// scenarios it plays (gated behind a token, files it lists but cannot serve).
public struct FakeRepository: Sendable {
    /// `ORG/NAME`.
    public var name: String
    public var commit: String
    /// Contents by path in the repository.
    public var files: [String: Data]
    /// Paths served as LFS files: a redirect to the download host's `/lfs/SHA256`.
    public var lfs: Set<String>
    /// Branches and tags, each naming `commit`.
    public var branches: Set<String> = ["main"]
    /// When set, `resolve` answers 401/403 GatedRepo unless the request carries `Authorization: Bearer TOKEN`.
    public var token: String?
    /// Paths the revision API lists but `resolve` answers with 404 EntryNotFound.
    public var unservable: Set<String> = []

    /// File extensions the Hub stores in LFS.
    public static let lfsExtensions: Set<String> = ["safetensors", "bin", "model", "h5", "msgpack", "onnx"]

    public init(name: String, files: [String: Data], lfs: Set<String>? = nil) {
        self.name = name
        self.files = files
        self.lfs = lfs ?? Set(files.keys.filter { Self.lfsExtensions.contains(($0 as NSString).pathExtension) })
        self.commit = Self.commitID(name: name, files: files)
    }

    /// Every file of a folder (one level, as the fixtures are laid out).
    public static func folder(_ url: URL, as name: String) throws -> FakeRepository {
        var files: [String: Data] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            files[file] = try Data(contentsOf: url.appendingPathComponent(file))
        }
        return FakeRepository(name: name, files: files)
    }

    /// A 40-digit commit id that changes with the contents.
    static func commitID(name: String, files: [String: Data]) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data(name.utf8))
        for path in files.keys.sorted() {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: files[path] ?? Data())
        }
        return hex(hasher.finalize())
    }

    /// The etag the Hub names a file by: sha256 for LFS files, the git blob sha1 otherwise.
    public func etag(_ path: String) -> String? {
        guard let data = files[path] else { return nil }
        return lfs.contains(path) ? Self.sha256(data) : Self.gitBlobSHA1(data)
    }

    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    public static func gitBlobSHA1(_ data: Data) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("blob \(data.count)\u{0}".utf8))
        hasher.update(data: data)
        return hex(hasher.finalize())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
