import Foundation

/// Every fuzz target, by name.
public enum FuzzTargets {
    /// All targets, in the order `scripts/fuzz` runs them. The tokenizer targets read their vocabularies from
    /// `shared` (`../shared` beside the repository) the first time they run.
    public static func all(shared: URL) -> [FuzzTarget] {
        TokenizerTargets.all(shared: shared) + ModelFileTargets.all + PassageTargets.all + ExplorerTargets.all
            + ServerTargets.all
    }

    /// The target called `name`, or nil.
    public static func named(_ name: String, shared: URL) -> FuzzTarget? {
        all(shared: shared).first { $0.name == name }
    }

    /// `$RERANK_SHARED` when set, else `../shared` beside the current directory (the repository when run by the scripts).
    public static func defaultShared(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let custom = environment["RERANK_SHARED"], !custom.isEmpty { return URL(fileURLWithPath: custom) }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .deletingLastPathComponent().appendingPathComponent("shared")
    }
}
