import Hub
import ModelStore

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
}
