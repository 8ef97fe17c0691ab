import Foundation

/// Finds models by path or by name on the search path and in the Hugging Face cache.
public struct ModelLocator: Sendable {
    /// Directories searched for `NAME` folders, in order.
    public var searchDirectories: [URL]
    /// The Hugging Face hub cache (`$HF_HOME/hub` or `~/.cache/huggingface/hub`).
    public var huggingFaceCache: URL
    private let environment: SearchEnvironment

    /// Search directories: each of `RERANK_MODEL_PATH` (colon-separated), the project model directory, then the
    /// lines of `<RERANK_HOME>/model-path`. The cache honours `HF_HUB_CACHE`, `HF_HOME` and `XDG_CACHE_HOME`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = SearchEnvironment(variables: environment)
        self.searchDirectories = self.environment.searchDirectories
        self.huggingFaceCache = self.environment.huggingFaceCache
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

    /// A model named by a path or a name: an existing folder path (absolute, relative or `~/…`); else `NAME` (or
    /// `ORG/NAME`, also tried as `NAME`) inside each search directory in order; else the Hugging Face cache, where a
    /// bare `NAME` must match exactly one `ORG/NAME`.
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

        let cache = HuggingFaceCache(root: huggingFaceCache)
        let matches = cache.repositories(matching: nameOrPath)
        guard matches.count <= 1 else { throw ModelStoreError.ambiguousModel(nameOrPath, matches: matches.map(\.name)) }
        guard let repository = matches.first else {
            let pattern = nameOrPath.contains("/") ? nameOrPath : "*/\(nameOrPath)"
            searched.append(cache.repository(named: pattern).folder)
            throw ModelStoreError.modelNotFound(nameOrPath, searched: searched)
        }
        return try ModelFolder.open(try cache.snapshot(of: repository), name: repository.name)
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
