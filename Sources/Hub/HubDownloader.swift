import Foundation
import ModelStore

/// Brings models from the Hugging Face Hub into the shared Hugging Face cache — the files a model needs, each checked
/// before a snapshot links to it — and serves as the locator's `ModelFetcher`, so a model is downloaded on first use.
public struct HubDownloader: ModelFetcher {
    public var settings: HubSettings
    /// Told how the pull is going; called on the pulling task.
    public var progress: @Sendable (PullProgress) -> Void

    public init(settings: HubSettings, progress: @escaping @Sendable (PullProgress) -> Void = { _ in }) {
        self.settings = settings
        self.progress = progress
    }

    /// Pulls a revision (`main` unless the name has `@REVISION`) into `settings.cache`, asking the Hub for the commit
    /// it points at now. Offline, answers from the cache or throws `offlineNotCached`.
    public func pull(_ model: HubModelName) async throws -> PullResult {
        let writer = CacheWriter(cache: settings.cache, repository: model.repository)
        if settings.offline { return try cached(model, writer: writer) }
        let tracker = ProgressTracker(repository: model.repository, handler: progress)
        return try await HubTransport.run(settings) { transport in
            try await RepositoryPull(model: model, settings: settings, transport: transport, writer: writer, tracker: tracker).run()
        }
    }

    public func fetch(_ model: HubModelName, into cache: URL) async throws -> URL {
        var downloader = self
        downloader.settings.cache = cache
        return try await downloader.pull(model).snapshot
    }

    private func cached(_ model: HubModelName, writer: CacheWriter) throws(HubError) -> PullResult {
        let cache = HuggingFaceCache(root: settings.cache)
        guard let commit = writer.repository.commit(for: model.revisionOrDefault),
              let snapshot = try? cache.snapshot(of: writer.repository, revision: commit) else {
            throw HubError.offlineNotCached(model.repository, cache: settings.cache.path)
        }
        return PullResult(model: model, commit: commit, snapshot: snapshot, files: [], fromCacheOnly: true)
    }
}
