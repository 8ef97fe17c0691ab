import Foundation
import ModelStore

/// One pull of one revision: ask the Hub for its commit and files, choose the files a model needs, bring each blob
/// into the cache (or find it there), then link the snapshot and write the ref — in that order, so a snapshot never
/// points at a blob that is missing or unchecked.
struct RepositoryPull {
    let model: HubModelName
    let settings: HubSettings
    let transport: HubTransport
    let writer: CacheWriter
    let tracker: ProgressTracker

    private var retrying: Retrying { Retrying(policy: settings.retry, repository: model.repository, endpoint: settings.endpoint) }
    private var status: HubStatus { HubStatus(repository: model.repository, revision: model.revisionOrDefault, settings: settings) }

    func run() async throws -> PullResult {
        tracker.listing()
        let listing = try await revisionListing()
        let available = Set(listing.files.keys)
        let selection = try FileSelection(available: available, repository: model.repository, revision: model.revisionOrDefault)
        tracker.plan(selection.files.map { ($0, listing.files[$0] ?? nil) })
        var files: [PulledFile] = []
        for path in selection.files {
            files.append(try await pull(path, commit: listing.commit))
        }
        if let index = selection.shardIndex, let indexFile = files.last {
            let data: Data
            do {
                data = try Data(contentsOf: writer.blob(indexFile.etag))
            } catch {
                throw writer.failure.error(error, path: writer.blob(indexFile.etag))
            }
            let shards = try FileSelection.shards(inIndex: data, index: index, available: available,
                                                  repository: model.repository, revision: model.revisionOrDefault)
            tracker.plan(shards.map { ($0, listing.files[$0] ?? nil) })
            for shard in shards {
                files.append(try await pull(shard, commit: listing.commit))
            }
        }
        let snapshot = try writer.linkSnapshot(commit: listing.commit, files: files.map { ($0.path, $0.etag) })
        if !model.revisionIsCommit { try writer.writeRef(model.revisionOrDefault, commit: listing.commit) }
        return PullResult(model: model, commit: listing.commit, snapshot: snapshot, files: files, fromCacheOnly: false)
    }

    private func revisionListing() async throws -> RevisionListing {
        try await retrying.run {
            let (head, body) = try await transport.getData(HubPaths.revisionAPI(settings.endpoint, model))
            guard head.status == 200 else { throw status.failure(head) }
            return try RevisionListing.parse(body, repository: model.repository)
        }
    }

    /// One file: its metadata from a HEAD pinned to the commit, then its blob — unless the cache has it — downloaded
    /// under the blob's lock, so a second process waits and then finds it there.
    private func pull(_ path: String, commit: String) async throws -> PulledFile {
        let url = HubPaths.resolve(settings.endpoint, repository: model.repository, revision: commit, path: path)
        let metadata = try await retrying.run {
            let head = try await transport.head(url)
            guard head.status == 200 || head.isRedirect else { throw status.failure(head, file: path) }
            return try FileMetadata.parse(head, repository: model.repository, file: path)
        }
        tracker.started(path, size: metadata.size)
        var downloaded = false
        if !writer.hasBlob(metadata.etag, size: metadata.size) {
            downloaded = try await FileLock.withLock(writer.lockFile(metadata.etag), failure: writer.failure) {
                guard !writer.hasBlob(metadata.etag, size: metadata.size) else { return false }
                try await BlobDownload(path: path, metadata: metadata, writer: writer, transport: transport,
                                       retrying: retrying, status: status, tracker: tracker).run()
                return true
            }
        }
        tracker.finished(downloaded: downloaded)
        return PulledFile(path: path, etag: metadata.etag, size: metadata.size, downloaded: downloaded)
    }
}
