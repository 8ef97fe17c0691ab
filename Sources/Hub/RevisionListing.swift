import Foundation
import ModelStore

/// One revision of a repository as the Hub's revision API describes it: its commit and its files.
struct RevisionListing: Sendable {
    let commit: String
    /// Sizes by path; nil where the API gave none.
    let files: [String: Int64?]

    /// Parses `GET /api/models/ORG/NAME/revision/REV?blobs=true`: `sha` and `siblings[].rfilename` (with `size`, or
    /// `lfs.size`, when present).
    static func parse(_ data: Data, repository: String) throws(HubError) -> RevisionListing {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw HubError.invalidResponse(repository, detail: "the revision API did not return a JSON object")
        }
        guard let commit = object["sha"] as? String, HubModelName.isCommit(commit) else {
            throw HubError.invalidResponse(repository, detail: "the revision API gave no commit id ('sha')")
        }
        guard let siblings = object["siblings"] as? [Any] else {
            throw HubError.invalidResponse(repository, detail: "the revision API listed no files ('siblings')")
        }
        var files: [String: Int64?] = [:]
        for case let sibling as [String: Any] in siblings {
            guard let path = sibling["rfilename"] as? String else { continue }
            let lfs = sibling["lfs"] as? [String: Any]
            let size = Self.size(sibling["size"]) ?? Self.size(lfs?["size"])
            files[path] = .some(size)
        }
        return RevisionListing(commit: commit, files: files)
    }

    private static func size(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber, let size = Int64(exactly: number.doubleValue), size >= 0 else { return nil }
        return size
    }
}
