import ModelStore

/// Loads any scorer by the name people type: `bm25`, a model name on the search path, or a path.
public enum Scorers {
    /// The name of the lexical scorer, always available.
    public static let bm25Name = "bm25"

    /// Loads a scorer; a Hugging Face `ORG/NAME[@REVISION]` missing from the cache is downloaded first when the
    /// locator has a fetcher. `threads` and `priority` configure the engine's threads (default: one per core, normal
    /// priority); `batchSize` caps the sequences of one forward pass; `precision` is the dense layers' number format
    /// (BM25 has none and ignores it).
    public static func load(_ name: String, locator: ModelLocator = ModelLocator(), threads: Int? = nil,
                            priority: ComputePriority = .normal, batchSize: Int = 64,
                            precision: Precision = .fp32) async throws -> any Scorer {
        if name.lowercased() == bm25Name { return BM25Scorer() }
        EngineThreads.configure(threads, priority: priority)
        let folder = try await locator.resolveOrDownload(name)
        switch folder.kind {
        case .crossEncoder: return try CrossEncoder(folder: folder, name: name, batchSize: batchSize, precision: precision)
        case .biEncoder: return try BiEncoder(folder: folder, name: name, batchSize: batchSize, precision: precision)
        }
    }
}
