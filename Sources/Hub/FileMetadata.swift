import Foundation
import ModelStore

/// What the Hub's answer to `HEAD …/resolve/COMMIT/PATH` says about a file: the commit, the etag that names its
/// blob, its size, and where to GET its bytes (the redirect target for LFS files, else the same address).
struct FileMetadata: Sendable {
    let commit: String
    let etag: String
    let size: Int64
    let downloadURL: URL

    /// Reads `X-Repo-Commit`, `X-Linked-Etag` (else `ETag`, without `W/` and quotes) and `X-Linked-Size` (else
    /// `Content-Length`, which a redirect's does not count); throws when one is missing or unusable.
    static func parse(_ head: ResponseHead, repository: String, file: String) throws(HubError) -> FileMetadata {
        func missing(_ what: String) -> HubError {
            HubError.invalidResponse(repository, detail: "no \(what) in the answer for \(file)")
        }
        guard let commit = head.header("X-Repo-Commit"), HubModelName.isCommit(commit) else { throw missing("X-Repo-Commit") }
        guard let rawEtag = head.header("X-Linked-Etag") ?? head.header("ETag") else { throw missing("ETag") }
        let etag = normalise(etag: rawEtag)
        guard HubPaths.isSafeEtag(etag) else { throw HubError.invalidResponse(repository, detail: "unusable ETag '\(rawEtag)' for \(file)") }
        let sizeText = head.header("X-Linked-Size") ?? (head.isRedirect ? nil : head.header("Content-Length"))
        guard let size = sizeText.flatMap(Int64.init), size >= 0 else { throw missing("size (X-Linked-Size or Content-Length)") }
        let downloadURL = head.isRedirect ? head.location : head.url
        guard let downloadURL else { throw missing("Location") }
        return FileMetadata(commit: commit, etag: etag, size: size, downloadURL: downloadURL)
    }

    /// An etag without a weak marker (`W/`) and quotes.
    static func normalise(etag: String) -> String {
        var text = etag.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}
