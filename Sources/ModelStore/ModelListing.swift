import Foundation

/// One folder that looked like a model (it holds `config.json`, or is a Hugging Face cache entry), and whether it opened.
public struct ModelListingEntry: Sendable {
    /// `NAME`, `ORG/NAME` (two levels deep in a search directory, or from the Hugging Face cache).
    public var name: String
    public var url: URL
    public var result: Result<ModelFolder, ModelStoreError>

    public init(name: String, url: URL, result: Result<ModelFolder, ModelStoreError>) {
        self.name = name
        self.url = url
        self.result = result
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
            entries.append(ModelListingEntry(name: repository.name, url: url, result: result))
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
