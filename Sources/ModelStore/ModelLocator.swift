import Foundation

/// Finds models by path or by name on the search path and in the Hugging Face cache, and — given a fetcher — brings
/// a Hugging Face model that is not on disk into the cache on first use.
public struct ModelLocator: Sendable {
    /// Directories searched for `NAME` folders, in order.
    public var searchDirectories: [URL]
    /// The Hugging Face hub cache (`$HF_HOME/hub` or `~/.cache/huggingface/hub`).
    public var huggingFaceCache: URL
    /// Downloads `ORG/NAME[@REVISION]` models missing from the cache (`resolveOrDownload`); nil never downloads.
    public var fetcher: (any ModelFetcher)?
    private let environment: SearchEnvironment

    /// Search directories: each of `RERANK_MODEL_PATH` (colon-separated), the project model directory, then the
    /// lines of `<RERANK_HOME>/model-path`. The cache honours `HF_HUB_CACHE`, `HF_HOME` and `XDG_CACHE_HOME`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, fetcher: (any ModelFetcher)? = nil) {
        self.environment = SearchEnvironment(variables: environment)
        self.searchDirectories = self.environment.searchDirectories
        self.huggingFaceCache = self.environment.huggingFaceCache
        self.fetcher = fetcher
    }

    /// The project's own model directory (provisioned models), `$RERANK_HOME/models`.
    public static func projectModelDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        rerankHome(environment: environment).appendingPathComponent("models", isDirectory: true)
    }

    /// The project's data directory: `$RERANK_HOME`, else `$XDG_DATA_HOME/rerank`, else `~/.local/share/rerank`.
    /// Its `model-path` file lists further model directories, one a line.
    public static func rerankHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        SearchEnvironment(variables: environment).rerankHome
    }

    /// A model named by a path or a name, on disk only: an existing folder path (absolute, relative or `~/…`); else
    /// `NAME` (or `ORG/NAME`, also tried as `NAME`) inside each search directory in order; else the Hugging Face
    /// cache, where a bare `NAME` must match exactly one `ORG/NAME` and `ORG/NAME@REVISION` names a cached revision.
    public func resolve(_ nameOrPath: String) throws -> ModelFolder {
        let asPath = environment.expand(nameOrPath)
        if isDirectory(asPath) { return try ModelFolder.open(asPath) }
        if Self.isExplicitPath(nameOrPath) { throw ModelStoreError.modelNotFound(nameOrPath, searched: [asPath]) }

        var searched: [URL] = []
        let names = Self.folderNames(for: nameOrPath)
        for directory in searchDirectories {
            for name in names {
                let candidate = directory.appendingPathComponent(name, isDirectory: true)
                searched.append(candidate)
                if isDirectory(candidate) { return try ModelFolder.open(candidate, name: name) }
            }
        }

        let hubName = HubModelName(nameOrPath)
        let cacheName = hubName?.repository ?? nameOrPath
        let cache = HuggingFaceCache(root: huggingFaceCache)
        let matches = cache.repositories(matching: cacheName)
        guard matches.count <= 1 else { throw ModelStoreError.ambiguousModel(nameOrPath, matches: matches.map(\.name)) }
        guard let repository = matches.first else {
            let pattern = cacheName.contains("/") ? cacheName : "*/\(cacheName)"
            searched.append(cache.repository(named: pattern).folder)
            throw ModelStoreError.modelNotFound(nameOrPath, searched: searched)
        }
        return try ModelFolder.open(try cache.snapshot(of: repository, revision: hubName?.revision), name: repository.name)
    }

    /// Like `resolve`, but an `ORG/NAME[@REVISION]` that is neither on the search path nor complete in the cache is
    /// downloaded into the cache by the fetcher first (as sentence-transformers does on first use). Without a
    /// fetcher, or for other names, this is `resolve`.
    public func resolveOrDownload(_ nameOrPath: String) async throws -> ModelFolder {
        do {
            return try resolve(nameOrPath)
        } catch let error as ModelStoreError {
            guard let fetcher, let hubName = HubModelName(nameOrPath), isMissingFromCache(error) else { throw error }
            let snapshot = try await fetcher.fetch(hubName, into: huggingFaceCache)
            return try ModelFolder.open(snapshot, name: hubName.repository)
        }
    }

    /// True when the model was not found at all, or the cache holds it only in part (no snapshot of the revision, or
    /// a snapshot missing a file); false for a broken folder on the search path, which a download would not mend.
    private func isMissingFromCache(_ error: ModelStoreError) -> Bool {
        switch error {
        case .modelNotFound: return true
        case .missingFile(let file): return file.standardizedFileURL.path.hasPrefix(huggingFaceCache.standardizedFileURL.path + "/")
        default: return false
        }
    }

    /// Every model found, and the folders that looked like models but could not be opened.
    public func discover() -> (models: [ModelFolder], problems: [ModelStoreError]) {
        var models: [ModelFolder] = []
        var problems: [ModelStoreError] = []
        for entry in listing() {
            switch entry.result {
            case .success(let model): models.append(model)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (models, problems)
    }

    /// Names tried inside a search directory: the name itself, then the last component of `ORG/NAME`.
    private static func folderNames(for name: String) -> [String] {
        let last = URL(fileURLWithPath: name).lastPathComponent
        return name.contains("/") && last != name ? [name, last] : [name]
    }

    private static func isExplicitPath(_ name: String) -> Bool {
        name.hasPrefix("/") || name.hasPrefix("~") || name.hasPrefix("./") || name.hasPrefix("../") || name == "." || name == ".."
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
