import Hub
import Inference
import ModelStore
import RemoteScoring

/// The locator every command uses: the search path, the Hugging Face cache, and — unless offline — a download from
/// the Hub (`HF_ENDPOINT`, `HF_TOKEN`) for an `ORG/NAME[@REVISION]` the cache lacks, with its progress on standard error.
enum ModelAccess {
    /// Hub settings from the environment; `offline` (the `--offline` flag) adds to `HF_HUB_OFFLINE`.
    static func settings(offline: Bool) throws -> HubSettings {
        var settings = try HubSettings()
        if offline { settings.offline = true }
        return settings
    }

    static func locator(offline: Bool) throws -> ModelLocator {
        ModelLocator(fetcher: HubDownloader(settings: try settings(offline: offline), progress: PullReporter().handler))
    }

    /// The one way commands load a scorer by name: a served reranker's URL (`tei+http://…`, `cohere+https://…`,
    /// `jina+https://…`; see `RemoteEndpoint`), or what `Scorers.load` finds (BM25, a model folder or name, a Hub model).
    static func loadScorer(_ name: String, locator: @autoclosure () throws -> ModelLocator, threads: Int? = nil,
                           priority: ComputePriority = .normal, batchSize: Int = 64,
                           precision: Precision = .fp32) async throws -> any Scorer {
        if let endpoint = RemoteEndpoint(name) { return RemoteScorer(endpoint) }
        return try await Scorers.load(name, locator: locator(), threads: threads, priority: priority, batchSize: batchSize,
                                      precision: precision)
    }
}
