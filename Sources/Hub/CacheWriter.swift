import Foundation
import ModelStore
#if canImport(Glibc)
import Glibc
#endif

/// Writes one repository's part of the Hugging Face cache as `huggingface_hub` does, so each can read what the other
/// wrote: `blobs/ETAG` (downloaded as `blobs/ETAG.incomplete`, never under the final name before it is checked),
/// `snapshots/COMMIT/PATH` as relative links to `../../blobs/ETAG`, `refs/REVISION` holding the commit, and lock
/// files under `.locks/models--ORG--NAME/`.
struct CacheWriter: Sendable {
    let repository: HuggingFaceCache.Repository
    let failure: CacheFailure
    private let lockFolder: URL

    init(cache: URL, repository name: String) {
        let cache = HuggingFaceCache(root: cache)
        repository = cache.repository(named: name)
        failure = CacheFailure(repository: name)
        lockFolder = cache.root.appendingPathComponent(".locks", isDirectory: true)
            .appendingPathComponent(repository.folder.lastPathComponent, isDirectory: true)
    }

    func blob(_ etag: String) -> URL { repository.blobs.appendingPathComponent(etag) }
    func incompleteBlob(_ etag: String) -> URL { repository.blobs.appendingPathComponent(etag + ".incomplete") }
    func lockFile(_ etag: String) -> URL { lockFolder.appendingPathComponent(etag + ".lock") }

    /// True when `blobs/ETAG` holds `size` bytes.
    func hasBlob(_ etag: String, size: Int64) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: blob(etag).path)
        return (attributes?[.size] as? NSNumber)?.int64Value == size
    }

    /// Opens the temporary file of a blob, keeping what an earlier, interrupted download left in it.
    func openIncomplete(_ etag: String) throws(HubError) -> BlobFile {
        try failure.createFolder(repository.blobs)
        return try BlobFile(url: incompleteBlob(etag), failure: failure)
    }

    /// Gives a finished, checked temporary file its final name, `blobs/ETAG`.
    func store(_ file: BlobFile, etag: String) throws(HubError) {
        try file.sync()
        let source = file.url.path, destination = blob(etag).path
        try failure.check(blob(etag)) { rename(source, destination) }
    }

    /// Links each file to its blob inside `snapshots/COMMIT`. A new snapshot is built beside it under a hidden name
    /// and renamed into place whole; an existing one (another tool's, or a pull that finished first) gets each link
    /// replaced atomically.
    func linkSnapshot(commit: String, files: [(path: String, etag: String)]) throws(HubError) -> URL {
        let snapshot = repository.snapshots.appendingPathComponent(commit, isDirectory: true)
        try failure.createFolder(repository.snapshots)
        if !FileManager.default.fileExists(atPath: snapshot.path) {
            let staging = repository.snapshots.appendingPathComponent(".\(commit).partial-\(Self.uniqueSuffix())", isDirectory: true)
            try link(files, in: staging)
            if rename(staging.path, snapshot.path) == 0 { return snapshot }
            try? FileManager.default.removeItem(at: staging)
        }
        try link(files, in: snapshot)
        return snapshot
    }

    /// Writes `refs/REVISION` (nested folders for `refs/pr/1`) holding `commit` without a newline, through a
    /// temporary file and a rename; left alone when it already says so.
    func writeRef(_ revision: String, commit: String) throws(HubError) {
        let ref = repository.ref(revision)
        if repository.commit(for: revision) == commit { return }
        try failure.createFolder(ref.deletingLastPathComponent())
        let temporary = ref.deletingLastPathComponent().appendingPathComponent("\(ref.lastPathComponent).\(Self.uniqueSuffix()).tmp")
        do {
            try Data(commit.utf8).write(to: temporary)
        } catch {
            throw failure.error(error, path: temporary)
        }
        try failure.check(ref) { rename(temporary.path, ref.path) }
    }

    /// The relative link target from `snapshots/COMMIT/PATH` to `blobs/ETAG`: `../../blobs/ETAG`, one more `../`
    /// per folder in PATH.
    static func linkTarget(path: String, etag: String) -> String {
        let depth = path.split(separator: "/").count - 1
        return String(repeating: "../", count: 2 + max(0, depth)) + "blobs/" + etag
    }

    private func link(_ files: [(path: String, etag: String)], in folder: URL) throws(HubError) {
        for (path, etag) in files {
            let link = folder.appendingPathComponent(path)
            let target = Self.linkTarget(path: path, etag: etag)
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == target { continue }
            try failure.createFolder(link.deletingLastPathComponent())
            let temporary = link.deletingLastPathComponent().appendingPathComponent(".\(link.lastPathComponent).\(Self.uniqueSuffix()).tmp")
            try failure.check(link) { symlink(target, temporary.path) }
            do {
                try failure.check(link) { rename(temporary.path, link.path) }
            } catch {
                unlink(temporary.path)
                throw error
            }
        }
    }

    /// Eight hexadecimal digits, different for every call.
    private static func uniqueSuffix() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8)).lowercased()
    }
}
