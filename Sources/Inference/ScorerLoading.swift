// CONTRACT (placeholder body): implemented with the engine.
import ModelStore

/// Loads any scorer by the name people type: `bm25`, a model name on the search path, or a path.
public enum Scorers {
    /// The name of the lexical scorer, always available.
    public static let bm25Name = "bm25"

    public static func load(_ name: String, locator: ModelLocator = ModelLocator(), threads: Int? = nil) throws -> any Scorer {
        throw ModelStoreError.modelNotFound(name, searched: locator.searchDirectories)
    }
}
