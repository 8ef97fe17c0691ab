import Foundation

/// The Hugging Face hub cache, as `huggingface_hub` lays it out: `models--ORG--NAME/` folders holding `blobs/` (files
/// named by their etag), `snapshots/COMMIT/…` (relative links into `blobs/`) and `refs/REVISION` (a commit id).
public struct HuggingFaceCache: Sendable {
    public let root: URL

    static let modelPrefix = "models--"

    public init(root: URL) {
        self.root = root
    }

    /// One cached model repository.
    public struct Repository: Sendable {
        /// `ORG/NAME` (or `NAME` for repositories without an organisation).
        public let name: String
        public let folder: URL

        /// `blobs/`: every file's bytes, named by its etag.
        public var blobs: URL { folder.appendingPathComponent("blobs", isDirectory: true) }
        /// `snapshots/`: one folder per commit.
        public var snapshots: URL { folder.appendingPathComponent("snapshots", isDirectory: true) }

        /// `refs/REVISION`, the file naming the commit a branch or tag pointed at when it was fetched.
        public func ref(_ revision: String) -> URL {
            folder.appendingPathComponent("refs", isDirectory: true).appendingPathComponent(revision)
        }

        /// The commit a revision names in this cache: a commit id itself, else the contents of `refs/REVISION`.
        public func commit(for revision: String) -> String? {
            HubModelName.isCommit(revision) ? revision : Self.readCommit(ref(revision))
        }

        /// The commit id a ref file holds (trimmed), nil when it is unreadable or empty.
        static func readCommit(_ file: URL) -> String? {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
            let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return commit.isEmpty ? nil : commit
        }
    }

    /// The repository folder for `ORG/NAME`.
    public func repository(named name: String) -> Repository {
        Repository(name: name, folder: root.appendingPathComponent(Self.modelPrefix + name.replacingOccurrences(of: "/", with: "--")))
    }

    /// Every cached model repository.
    func repositories() -> [Repository] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.sorted().compactMap { entry in
            Self.repositoryName(folderName: entry).map { Repository(name: $0, folder: root.appendingPathComponent(entry)) }
        }
    }

    /// `ORG/NAME` for a cache folder named `models--ORG--NAME`, else nil.
    static func repositoryName(folderName: String) -> String? {
        guard folderName.hasPrefix(modelPrefix) else { return nil }
        return folderName.dropFirst(modelPrefix.count).replacingOccurrences(of: "--", with: "/")
    }

    /// `ORG/NAME` when `folder` is a snapshot, `…/models--ORG--NAME/snapshots/REV`, else nil.
    static func repositoryName(ofSnapshot folder: URL) -> String? {
        let snapshots = folder.deletingLastPathComponent()
        guard snapshots.lastPathComponent == "snapshots" else { return nil }
        return repositoryName(folderName: snapshots.deletingLastPathComponent().lastPathComponent)
    }

    /// Repositories whose name is `name` or ends in `/name` (the hub forbids `--` inside names, so this is exact).
    func repositories(matching name: String) -> [Repository] {
        if name.contains("/") {
            let repository = repository(named: name)
            return FileManager.default.fileExists(atPath: repository.folder.path) ? [repository] : []
        }
        return repositories().filter { $0.name == name || $0.name.hasSuffix("/" + name) }
    }

    /// The snapshot of `revision` (its commit, or the commit `refs/REVISION` names); without a revision, the one
    /// `refs/main` names, else the most recently modified one. Throws `missingFile` when there is none.
    public func snapshot(of repository: Repository, revision: String? = nil) throws(ModelStoreError) -> URL {
        let snapshots = repository.snapshots
        if let commit = repository.commit(for: revision ?? HubModelName.defaultRevision) {
            let folder = snapshots.appendingPathComponent(commit, isDirectory: true)
            if FileManager.default.fileExists(atPath: folder.path) { return folder }
        }
        if let revision { throw ModelStoreError.missingFile(snapshots.appendingPathComponent(revision, isDirectory: true)) }
        let revisions = (try? FileManager.default.contentsOfDirectory(
            at: snapshots, includingPropertiesForKeys: [.contentModificationDateKey], options: [.skipsHiddenFiles])) ?? []
        let newest = revisions.max { modified($0) < modified($1) }
        guard let newest else { throw ModelStoreError.missingFile(snapshots) }
        return newest
    }

    /// The refs (`main`, tags, `refs/pr/1` as `pr/1`) that name `commit`, sorted.
    func refs(naming commit: String, in repository: Repository) -> [String] {
        let refs = repository.folder.appendingPathComponent("refs", isDirectory: true)
        guard let walker = FileManager.default.enumerator(at: refs, includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else { return [] }
        let prefix = refs.standardizedFileURL.path + "/"
        return walker.compactMap { $0 as? URL }.filter { Repository.readCommit($0) == commit }
            .map { String($0.standardizedFileURL.path.dropFirst(prefix.count)) }.sorted()
    }

    private func modified(_ url: URL) -> Date {
        (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
    }
}
