import FakeHub
import Foundation
import Hub
import ModelStore
import Testing
import TestSupport

@Suite("The locator downloads on first use", .enabled(if: Fixtures.sharedAvailable, "needs ../shared/fixtures"))
struct LocatorDownloadTests {
    private func locator(_ fixture: HubFixture, offline: Bool = false) -> ModelLocator {
        ModelLocator(environment: ["HOME": fixture.temporary.directory.path, "HF_HUB_CACHE": fixture.cache.path,
                                   "RERANK_HOME": fixture.temporary.directory.appendingPathComponent("rerank").path],
                     fetcher: fixture.downloader(offline: offline))
    }

    @Test func downloadsAMissingModelOnceThenUsesTheCache() async throws {
        try await HubFixture.with { fixture in
            let model = try await locator(fixture).resolveOrDownload("org/tiny-bert-cased")
            #expect(model.name == "org/tiny-bert-cased")
            #expect(model.kind == .crossEncoder)
            #expect(model.url.deletingLastPathComponent().lastPathComponent == "snapshots")
            let requests = fixture.hub.requests.count
            #expect(requests > 0)
            let again = try await locator(fixture).resolveOrDownload("org/tiny-bert-cased")
            #expect(again.url == model.url)
            #expect(fixture.hub.requests.count == requests)
            #expect(try locator(fixture).resolve("tiny-bert-cased").url == model.url)
        }
    }

    @Test func downloadsARevisionNotYetCached() async throws {
        try await HubFixture.with { fixture in
            let main = try await locator(fixture).resolveOrDownload("org/tiny-bert-cased")
            let pinned = try await locator(fixture).resolveOrDownload("org/tiny-bert-cased@\(main.url.lastPathComponent)")
            #expect(pinned.url == main.url)
        }
    }

    @Test func neverDownloadsOfflineOrForOtherNames() async throws {
        try await HubFixture.with { fixture in
            await #expect(throws: HubError.offlineNotCached("org/tiny-bert-cased", cache: fixture.cache.path)) {
                try await locator(fixture, offline: true).resolveOrDownload("org/tiny-bert-cased")
            }
            await #expect(throws: ModelStoreError.self) { try await locator(fixture).resolveOrDownload("tiny-bert-cased") }
            #expect(fixture.hub.requests.isEmpty)
        }
    }
}
