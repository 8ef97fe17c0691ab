import Foundation

/// The Hugging Face hub cache: `models--ORG--NAME/snapshots/REV/` folders, `refs/main` naming the current revision.
struct HuggingFaceCache {
    let root: URL

    static let modelPrefix = "models--"

    /// One cached model repository.
    struct Repository {
        /// `ORG/NAME` (or `NAME` for repositories without an organisation).
        let name: String
        let folder: URL
    }

    /// The repository folder for `ORG/NAME`.
    func repository(named name: String) -> Repository {
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

    /// The snapshot `refs/main` names, else the most recently modified one; throws `missingFile` when there is none.
    func snapshot(of repository: Repository) throws(ModelStoreError) -> URL {
        let snapshots = repository.folder.appendingPathComponent("snapshots", isDirectory: true)
        let main = repository.folder.appendingPathComponent("refs/main")
        if let revision = try? String(contentsOf: main, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           !revision.isEmpty, FileManager.default.fileExists(atPath: snapshots.appendingPathComponent(revision).path) {
            return snapshots.appendingPathComponent(revision, isDirectory: true)
        }
        let revisions = (try? FileManager.default.contentsOfDirectory(
            at: snapshots, includingPropertiesForKeys: [.contentModificationDateKey], options: [.skipsHiddenFiles])) ?? []
        let newest = revisions.max { modified($0) < modified($1) }
        guard let newest else { throw ModelStoreError.missingFile(snapshots) }
        return newest
    }

    private func modified(_ url: URL) -> Date {
        (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
    }
}
