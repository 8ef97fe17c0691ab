import FakeHub
import Foundation
import Hub
import Networking
import TestSupport

/// A fake hub serving fixture repositories, a temporary Hugging Face home, and downloaders pointed at both.
final class HubFixture {
    let hub: FakeHub
    let temporary: TemporaryFiles
    var cache: URL { temporary.directory.appendingPathComponent("hf/hub") }

    /// The fixture folders served, as `org/FOLDER`.
    static let fixtureNames = ["tiny-electra", "tiny-bert-cased", "tiny-bert-2label-bin"]

    init(extra: [FakeRepository] = []) async throws {
        temporary = try TemporaryFiles("rerank-hub")
        let folders = Fixtures.shared.appendingPathComponent("fixtures/models")
        let repositories = try Self.fixtureNames.map { try FakeRepository.folder(folders.appendingPathComponent($0), as: "org/\($0)") }
        hub = try await FakeHub.start(repositories + extra)
    }

    /// Settings for the fake hub and the temporary cache, retrying quickly.
    func settings(token: String? = nil, offline: Bool = false) -> HubSettings {
        HubSettings(endpoint: hub.endpoint, token: token, offline: offline, cache: cache,
                    retry: RetryPolicy(attempts: 3, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(20)))
    }

    func downloader(token: String? = nil, offline: Bool = false, progress: @escaping @Sendable (PullProgress) -> Void = { _ in }) -> HubDownloader {
        HubDownloader(settings: settings(token: token, offline: offline), progress: progress)
    }

    /// The repository folder `models--ORG--NAME` in the cache.
    func repositoryFolder(_ name: String) -> URL {
        cache.appendingPathComponent("models--" + name.replacingOccurrences(of: "/", with: "--"))
    }

    /// Every path under `folder`, relative, sorted (hidden files included).
    func tree(_ folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.sorted()
    }

    /// Runs `body` with a fresh fixture, stopping its hub afterwards whatever happens.
    static func with(extra: [FakeRepository] = [], _ body: (HubFixture) async throws -> Void) async throws {
        let fixture = try await HubFixture(extra: extra)
        do {
            try await body(fixture)
        } catch {
            await fixture.hub.stop()
            throw error
        }
        await fixture.hub.stop()
    }
}
