import Foundation

/// One folder that looked like a model (it holds `config.json`, or is a Hugging Face cache entry), and whether it opened.
public struct ModelListingEntry: Sendable {
    /// `NAME`, `ORG/NAME` (two levels deep in a search directory, or from the Hugging Face cache).
    public var name: String
    public var url: URL
    public var result: Result<ModelFolder, ModelStoreError>
    /// For a Hugging Face cache entry, the revision of its snapshot; nil for folders on the search path.
    public var revision: CachedRevision?

    public init(name: String, url: URL, result: Result<ModelFolder, ModelStoreError>, revision: CachedRevision? = nil) {
        self.name = name
        self.url = url
        self.result = result
        self.revision = revision
    }
}

/// Which revision of a Hugging Face repository a cache snapshot holds: its commit and the refs naming it.
public struct CachedRevision: Sendable, Hashable, CustomStringConvertible {
    /// The snapshot folder's name, a commit id.
    public var commit: String
    /// Branches and tags (`main`, `v1`, `refs/pr/1`) whose ref file names the commit.
    public var refs: [String]

    public init(commit: String, refs: [String]) {
        self.commit = commit
        self.refs = refs
    }

    /// `main@1a2b3c4d`: the refs, then the first eight digits of the commit.
    public var description: String {
        let short = String(commit.prefix(8))
        return refs.isEmpty ? short : refs.joined(separator: ",") + "@" + short
    }
}

extension ModelLocator {
    /// Every model folder directly inside each search directory (or `ORG/NAME` two levels deep) and every model of
    /// the Hugging Face cache, each once (by resolved path), sorted by name.
    public func listing() -> [ModelListingEntry] {
        var found: [(name: String, url: URL)] = []
        for directory in searchDirectories {
            for child in subfolders(of: directory) {
                if isModelFolder(child) {
                    found.append((child.lastPathComponent, child))
                } else {
                    found += subfolders(of: child).filter(isModelFolder).map { ("\(child.lastPathComponent)/\($0.lastPathComponent)", $0) }
                }
            }
        }
        var seen: Set<String> = []
        var entries: [ModelListingEntry] = []
        for (name, url) in found where seen.insert(url.resolvingSymlinksInPath().path).inserted {
            entries.append(ModelListingEntry(name: name, url: url, result: open(url, name: name)))
        }
        let cache = HuggingFaceCache(root: huggingFaceCache)
        for repository in cache.repositories() {
            let snapshot = Result { () throws(ModelStoreError) -> URL in try cache.snapshot(of: repository) }
            let url = (try? snapshot.get()) ?? repository.folder
            guard seen.insert(url.resolvingSymlinksInPath().path).inserted else { continue }
            let result = snapshot.flatMap { open($0, name: repository.name) }
            let revision = (try? snapshot.get()).map { folder in
                CachedRevision(commit: folder.lastPathComponent, refs: cache.refs(naming: folder.lastPathComponent, in: repository))
            }
            entries.append(ModelListingEntry(name: repository.name, url: url, result: result, revision: revision))
        }
        return entries.sorted { ($0.name, $0.url.path) < ($1.name, $1.url.path) }
    }

    /// Opens a folder for the listing; every error the store throws is a `ModelStoreError`, and anything else is
    /// reported against the folder.
    private func open(_ url: URL, name: String) -> Result<ModelFolder, ModelStoreError> {
        do {
            return .success(try ModelFolder.open(url, name: name))
        } catch let error as ModelStoreError {
            return .failure(error)
        } catch {
            return .failure(.invalidJSON(url, "could not be opened (\(error))"))
        }
    }

    private func subfolders(of directory: URL) -> [URL] {
        let children = (try? FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])) ?? []
        return children.filter { child in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    private func isModelFolder(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(ModelFileNames.config).path)
    }
}
