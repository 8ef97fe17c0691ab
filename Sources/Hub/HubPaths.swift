import Foundation
import ModelStore

/// The Hub's addresses for a repository, and the checks that keep names from the network safe to use as file names.
enum HubPaths {
    /// `ENDPOINT/api/models/ORG/NAME/revision/REV?blobs=true` (the revision escaped whole, so `refs/pr/1` stays one part).
    static func revisionAPI(_ endpoint: URL, _ model: HubModelName) -> URL {
        url(endpoint, "/api/models/\(model.repository)/revision/\(escape(model.revisionOrDefault, keepingSlashes: false))?blobs=true")
    }

    /// `ENDPOINT/ORG/NAME/resolve/REV/PATH` (the path's slashes kept).
    static func resolve(_ endpoint: URL, repository: String, revision: String, path: String) -> URL {
        url(endpoint, "/\(repository)/resolve/\(escape(revision, keepingSlashes: false))/\(escape(path, keepingSlashes: true))")
    }

    /// True for a path inside a repository that is safe to create under a snapshot: relative, without empty, `.` or
    /// `..` parts, backslashes or control characters.
    static func isSafeRepositoryPath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path.utf8.count <= 1024,
              !path.contains(where: { $0 == "\\" || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// True for an etag usable as a blob's file name: hex digits, letters, `-` and `_`, at most 128 characters.
    static func isSafeEtag(_ etag: String) -> Bool {
        (1...128).contains(etag.utf8.count) && etag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    private static func url(_ endpoint: URL, _ suffix: String) -> URL {
        URL(string: endpoint.absoluteString + suffix) ?? endpoint
    }

    private static func escape(_ text: String, keepingSlashes: Bool) -> String {
        var allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        if keepingSlashes { allowed.insert("/") }
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
