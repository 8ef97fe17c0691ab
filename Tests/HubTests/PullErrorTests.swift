import FakeHub
import Foundation
@testable import Hub
import ModelStore
import Testing
import Networking
import TestSupport

@Suite("Hub errors, each naming the repository", .enabled(if: Fixtures.sharedAvailable, "needs ../shared/fixtures"))
struct PullErrorTests {
    /// The error a pull of `name` ends with.
    private func failure(_ name: String, _ fixture: HubFixture, token: String? = nil) async throws -> HubError {
        let model = try #require(HubModelName(name))
        let error = await #expect(throws: HubError.self) { try await fixture.downloader(token: token).pull(model) }
        return try #require(error)
    }

    @Test func aMissingRepository() async throws {
        try await HubFixture.with { fixture in
            let error = try await failure("org/absent", fixture)
            #expect(error == .repositoryNotFound("org/absent", endpoint: fixture.hub.endpoint.absoluteString, tokenSent: false))
            #expect(error.description.contains("org/absent") && error.description.contains("HF_TOKEN"))
        }
    }

    @Test func aMissingRevision() async throws {
        try await HubFixture.with { fixture in
            let error = try await failure("org/tiny-electra@v9", fixture)
            #expect(error == .revisionNotFound("org/tiny-electra", revision: "v9"))
            #expect(error.description.contains("'v9'"))
        }
    }

    @Test func aGatedRepositoryAsksForAToken() async throws {
        var gated = try FakeRepository.folder(Fixtures.shared.appendingPathComponent("fixtures/models/tiny-bert-cased"), as: "org/gated")
        gated.token = "let-me-in"
        try await HubFixture.with(extra: [gated]) { fixture in
            let anonymous = try await failure("org/gated", fixture)
            #expect(anonymous == .gated("org/gated", tokenSent: false))
            #expect(anonymous.description.contains("set HF_TOKEN"))
            let wrong = try await failure("org/gated", fixture, token: "wrong")
            #expect(wrong == .gated("org/gated", tokenSent: true))
            let result = try await fixture.downloader(token: "let-me-in").pull(try #require(HubModelName("org/gated")))
            #expect(FileManager.default.fileExists(atPath: result.snapshot.appendingPathComponent("model.safetensors").path))
            #expect(FileManager.default.fileExists(atPath: fixture.repositoryFolder("org/gated").appendingPathComponent("refs/main").path))
        }
    }

    @Test func aFileTheHubCannotServeLeavesNoSnapshot() async throws {
        var broken = try FakeRepository.folder(Fixtures.shared.appendingPathComponent("fixtures/models/tiny-bert-cased"), as: "org/broken")
        broken.unservable = ["vocab.txt"]
        try await HubFixture.with(extra: [broken]) { fixture in
            let error = try await failure("org/broken", fixture)
            #expect(error == .fileNotFound("org/broken", revision: "main", file: "vocab.txt"))
            #expect(error.description.contains("vocab.txt") && error.description.contains("org/broken"))
            let folder = fixture.repositoryFolder("org/broken")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("snapshots").path))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("refs").path))
        }
    }

    @Test func aRepositoryWithoutUsableWeights() async throws {
        let onnxOnly = FakeRepository(name: "org/onnx-only", files: [
            "config.json": Data("{}".utf8), "onnx/model.onnx": Data("graph".utf8), "tf_model.h5": Data("tf".utf8),
        ])
        try await HubFixture.with(extra: [onnxOnly]) { fixture in
            let error = try await failure("org/onnx-only", fixture)
            #expect(error == .noWeights("org/onnx-only", revision: "main"))
            #expect(fixture.hub.requests.allSatisfy { $0.method == "GET" && $0.path.hasPrefix("/api/") })
        }
    }

    @Test func anUnreachableHubIsNamed() async throws {
        let temporary = try TemporaryFiles("rerank-hub")
        let settings = HubSettings(endpoint: try #require(URL(string: "http://127.0.0.1:9")), cache: temporary.directory,
                                   metadataTimeout: .seconds(1), retry: RetryPolicy(attempts: 2, initialDelay: .milliseconds(5), maximumDelay: .milliseconds(5)))
        let error = await #expect(throws: HubError.self) { try await HubDownloader(settings: settings).pull(try #require(HubModelName("org/model"))) }
        guard case .unreachable("org/model", let endpoint, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(endpoint == "http://127.0.0.1:9")
        #expect(error?.description.contains("HF_HUB_OFFLINE") == true)
    }

    @Test func offlineWithoutTheModelCachedTouchesNothing() async throws {
        try await HubFixture.with { fixture in
            let error = await #expect(throws: HubError.self) {
                try await fixture.downloader(offline: true).pull(try #require(HubModelName("org/tiny-electra")))
            }
            #expect(error == .offlineNotCached("org/tiny-electra", cache: fixture.cache.path))
            #expect(fixture.hub.requests.isEmpty)
        }
    }

    @Test func offlineWithTheModelCachedAnswersFromTheCache() async throws {
        try await HubFixture.with { fixture in
            let online = try await fixture.downloader().pull(try #require(HubModelName("org/tiny-electra")))
            let before = fixture.hub.requests.count
            let offline = try await fixture.downloader(offline: true).pull(try #require(HubModelName("org/tiny-electra")))
            #expect(offline.snapshot == online.snapshot)
            #expect(offline.fromCacheOnly)
            #expect(fixture.hub.requests.count == before)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full"))
    func aFullDiskIsReportedAsSuch() throws {
        let file = try BlobFile(url: URL(fileURLWithPath: "/dev/full"), failure: CacheFailure(repository: "org/model"))
        let error = #expect(throws: HubError.self) { try [UInt8](repeating: 1, count: 16).withUnsafeBytes { try file.append($0) } }
        #expect(error == .diskFull("org/model", folder: "/dev"))
        #expect(error?.description.contains("is full") == true)
    }
}
