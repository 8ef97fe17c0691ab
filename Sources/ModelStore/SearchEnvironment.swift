import Foundation

/// The directories the locator searches and the Hugging Face cache, as the environment variables (and the setup
/// script's `model-path` file) set them. The `Hub` module reads its settings through it too.
public struct SearchEnvironment: Sendable {
    public let variables: [String: String]

    public init(variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    /// `$HOME`, else the current user's home directory.
    var home: URL {
        if let home = variable("HOME") { return URL(fileURLWithPath: home, isDirectory: true) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    /// `$RERANK_HOME`, else `$XDG_DATA_HOME/rerank`, else `~/.local/share/rerank`.
    var rerankHome: URL {
        if let custom = variable("RERANK_HOME") { return expand(custom) }
        if let data = variable("XDG_DATA_HOME") { return expand(data).appendingPathComponent("rerank", isDirectory: true) }
        return home.appendingPathComponent(".local/share/rerank", isDirectory: true)
    }

    /// `$HF_HOME`, else `$XDG_CACHE_HOME/huggingface`, else `~/.cache/huggingface`, as `huggingface_hub` chooses.
    public var huggingFaceHome: URL {
        if let hfHome = variable("HF_HOME") { return expand(hfHome) }
        let cache = variable("XDG_CACHE_HOME").map(expand) ?? home.appendingPathComponent(".cache", isDirectory: true)
        return cache.appendingPathComponent("huggingface", isDirectory: true)
    }

    /// `$HF_HUB_CACHE`, else the legacy `$HUGGINGFACE_HUB_CACHE`, else `huggingFaceHome/hub`.
    public var huggingFaceCache: URL {
        if let hub = variable("HF_HUB_CACHE") ?? variable("HUGGINGFACE_HUB_CACHE") { return expand(hub) }
        return huggingFaceHome.appendingPathComponent("hub", isDirectory: true)
    }

    /// `RERANK_MODEL_PATH` entries, the project model directory, then the `model-path` file's lines; each once.
    var searchDirectories: [URL] {
        let modelPath = (variable("RERANK_MODEL_PATH") ?? "").split(separator: ":").map { expand(String($0)) }
        let directories = modelPath + [rerankHome.appendingPathComponent("models", isDirectory: true)] + modelPathFileEntries
        var seen: Set<String> = []
        return directories.filter { seen.insert($0.path).inserted }
    }

    /// `<RERANK_HOME>/model-path`: one directory a line; blank lines and `#` comments are skipped, relative paths
    /// are relative to RERANK_HOME.
    private var modelPathFileEntries: [URL] {
        let file = rerankHome.appendingPathComponent("model-path")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.trimmingCharacters(in: .whitespaces)
            guard !entry.isEmpty, !entry.hasPrefix("#") else { return nil }
            return expand(entry, relativeTo: rerankHome)
        }
    }

    /// A path with a leading `~` replaced by the home directory; relative paths are taken relative to `base`
    /// (the current directory when nil).
    public func expand(_ path: String, relativeTo base: URL? = nil) -> URL {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home.appendingPathComponent(String(path.dropFirst(2))).standardizedFileURL }
        return URL(fileURLWithPath: path, relativeTo: path.hasPrefix("/") ? nil : base).standardizedFileURL
    }

    private func expand(_ path: String) -> URL { expand(path, relativeTo: nil) }

    /// A variable's value; unset and empty are the same.
    public func variable(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }
}
