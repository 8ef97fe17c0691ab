import FakeHub
import Foundation
import Hub
import ModelStore
import Synchronization
import Testing
import TestSupport

@Suite("Pulling from the Hub", .enabled(if: Fixtures.sharedAvailable, "needs ../shared/fixtures"))
struct PullTests {
    let electra = "org/tiny-electra"

    @Test func writesTheCacheAsHuggingFaceHubDoes() async throws {
        try await HubFixture.with { fixture in
            let result = try await fixture.downloader().pull(try #require(HubModelName(electra)))
            let source = Fixtures.shared.appendingPathComponent("fixtures/models/tiny-electra")
            let served = try FakeRepository.folder(source, as: electra)
            let folder = fixture.repositoryFolder(electra)
            #expect(result.commit == served.commit)
            #expect(result.snapshot.path == folder.appendingPathComponent("snapshots/\(served.commit)").path)

            let expectedFiles = ["config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "vocab.txt"]
            #expect(result.files.map(\.path).sorted() == expectedFiles)
            for file in expectedFiles {
                let etag = try #require(served.etag(file))
                let blob = folder.appendingPathComponent("blobs/\(etag)")
                #expect(try Data(contentsOf: blob) == Data(contentsOf: source.appendingPathComponent(file)), "\(file)")
                let link = result.snapshot.appendingPathComponent(file)
                #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "../../blobs/\(etag)")
            }
            #expect(try #require(served.etag("model.safetensors")).count == 64)
            #expect(try #require(served.etag("config.json")).count == 40)
            #expect(try String(contentsOf: folder.appendingPathComponent("refs/main"), encoding: .utf8) == served.commit)
            #expect(fixture.tree(folder).allSatisfy { !$0.contains("incomplete") && !$0.contains(".tmp") && !$0.contains("partial") })
            #expect(fixture.tree(fixture.cache.appendingPathComponent(".locks/models--org--tiny-electra"))
                == expectedFiles.compactMap { served.etag($0).map { $0 + ".lock" } }.sorted())
        }
    }

    @Test func fetchesWeightsFromTheDownloadHostWithoutTheToken() async throws {
        try await HubFixture.with { fixture in
            _ = try await fixture.downloader(token: "secret").pull(try #require(HubModelName(electra)))
            let requests = fixture.hub.requests
            let downloads = requests.filter { $0.path.hasPrefix("/lfs/") }
            #expect(downloads.count == 1)
            #expect(downloads.allSatisfy { $0.host.hasPrefix(FakeHub.downloadHost + ":") && $0.authorization == nil })
            let hubRequests = requests.filter { !$0.path.hasPrefix("/lfs/") }
            #expect(hubRequests.allSatisfy { $0.host.hasPrefix("127.0.0.1:") && $0.authorization == "Bearer secret" })
            #expect(hubRequests.first?.path == "/api/models/org/tiny-electra/revision/main")
            #expect(hubRequests.filter { $0.method == "HEAD" }.count == 6)
        }
    }

    @Test func choosesOneWeightsFileAndNeverOtherFormats() async throws {
        var files: [String: Data] = [:]
        for name in ["config.json", "vocab.txt", "model.safetensors", "pytorch_model.bin", "tf_model.h5", "flax_model.msgpack",
                     "onnx/model.onnx", "openvino/openvino_model.bin", "README.md", "modules.json", "1_Pooling/config.json"] {
            files[name] = Data("contents of \(name)".utf8)
        }
        let both = FakeRepository(name: "org/both", files: files)
        try await HubFixture.with(extra: [both]) { fixture in
            let result = try await fixture.downloader().pull(try #require(HubModelName("org/both")))
            #expect(result.files.map(\.path) == ["config.json", "vocab.txt", "modules.json", "1_Pooling/config.json", "model.safetensors"])
            let link = result.snapshot.appendingPathComponent("1_Pooling/config.json")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "../../../blobs/\(try #require(both.etag("1_Pooling/config.json")))")
            #expect(try String(contentsOf: link, encoding: .utf8) == "contents of 1_Pooling/config.json")
        }
    }

    @Test func takesPytorchWeightsWhenThereIsNoSafetensors() async throws {
        try await HubFixture.with { fixture in
            let result = try await fixture.downloader().pull(try #require(HubModelName("org/tiny-bert-2label-bin")))
            #expect(result.files.map(\.path).contains("pytorch_model.bin"))
            #expect(FileManager.default.fileExists(atPath: result.snapshot.appendingPathComponent("pytorch_model.bin").path))
        }
    }

    @Test func fetchesTheShardsASafetensorsIndexNames() async throws {
        let index = #"{"metadata":{"total_size":8},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-of-00002.safetensors","c":"model-00001-of-00002.safetensors"}}"#
        let sharded = FakeRepository(name: "org/sharded", files: [
            "config.json": Data("{}".utf8), "model.safetensors.index.json": Data(index.utf8),
            "model-00001-of-00002.safetensors": Data("first".utf8), "model-00002-of-00002.safetensors": Data("second".utf8),
            "pytorch_model.bin": Data("unwanted".utf8),
        ])
        try await HubFixture.with(extra: [sharded]) { fixture in
            let result = try await fixture.downloader().pull(try #require(HubModelName("org/sharded")))
            #expect(result.files.map(\.path) == ["config.json", "model.safetensors.index.json",
                                                 "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"])
        }
    }

    @Test func resumesATransferCutHalfWay() async throws {
        try await HubFixture.with { fixture in
            fixture.hub.cutTransfers(of: "model.safetensors", in: electra, after: [500_000])
            let result = try await fixture.downloader().pull(try #require(HubModelName(electra)))
            let downloads = fixture.hub.requests.filter { $0.path.hasPrefix("/lfs/") }
            #expect(downloads.count == 2)
            #expect(downloads.first?.range == nil)
            let resumedAt = try #require(Self.rangeStart(downloads.last?.range))
            #expect(resumedAt > 0 && resumedAt <= 500_000)
            let weights = result.snapshot.appendingPathComponent("model.safetensors")
            let source = Fixtures.shared.appendingPathComponent("fixtures/models/tiny-electra/model.safetensors")
            #expect(try Data(contentsOf: weights) == Data(contentsOf: source))
        }
    }

    @Test func startsOverWhenTheServerIgnoresTheRange() async throws {
        try await HubFixture.with { fixture in
            fixture.hub.cutTransfers(of: "model.safetensors", in: electra, after: [300_000])
            fixture.hub.ignoreRanges()
            let result = try await fixture.downloader().pull(try #require(HubModelName(electra)))
            #expect(fixture.hub.requests.filter { $0.path.hasPrefix("/lfs/") }.count == 2)
            let source = Fixtures.shared.appendingPathComponent("fixtures/models/tiny-electra/model.safetensors")
            #expect(try Data(contentsOf: result.snapshot.appendingPathComponent("model.safetensors")) == Data(contentsOf: source))
        }
    }

    @Test func resumesAcrossRunsFromTheIncompleteFile() async throws {
        try await HubFixture.with { fixture in
            fixture.hub.cutTransfers(of: "model.safetensors", in: electra, after: [400_000, 0, 0, 0])
            await #expect(throws: HubError.self) { try await fixture.downloader().pull(try #require(HubModelName(electra))) }
            let folder = fixture.repositoryFolder(electra)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("snapshots").path))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("refs/main").path))
            #expect(fixture.tree(folder.appendingPathComponent("blobs")).contains { $0.hasSuffix(".incomplete") })

            fixture.hub.cutTransfers(of: "model.safetensors", in: electra, after: [])
            _ = try await fixture.downloader().pull(try #require(HubModelName(electra)))
            let resumedAt = try #require(Self.rangeStart(fixture.hub.requests.filter { $0.path.hasPrefix("/lfs/") }.last?.range))
            #expect(resumedAt > 0 && resumedAt <= 400_000)
            #expect(!fixture.tree(folder.appendingPathComponent("blobs")).contains { $0.hasSuffix(".incomplete") })
        }
    }

    @Test func refusesCorruptBytesAndLinksNothing() async throws {
        try await HubFixture.with { fixture in
            fixture.hub.corrupt("model.safetensors", in: electra)
            let error = await #expect(throws: HubError.self) { try await fixture.downloader().pull(try #require(HubModelName(electra))) }
            guard case .corruptDownload(electra, "model.safetensors", _, _) = error else { Issue.record("got \(String(describing: error))"); return }
            let folder = fixture.repositoryFolder(electra)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("snapshots").path))
            #expect(!fixture.tree(folder.appendingPathComponent("blobs")).contains { $0.count == 64 || $0.hasSuffix(".incomplete") })
        }
    }

    @Test func reportsProgressFileByFile() async throws {
        let events = Mutex<[PullProgress]>([])
        try await HubFixture.with { fixture in
            _ = try await fixture.downloader { progress in events.withLock { $0.append(progress) } }.pull(try #require(HubModelName(electra)))
            let seen = events.withLock { $0 }
            #expect(seen.first?.event == .listing)
            let finished = seen.filter { if case .fileFinished = $0.event { true } else { false } }
            #expect(finished.map(\.fileNumber) == [1, 2, 3, 4, 5, 6])
            let last = try #require(finished.last)
            #expect(last.completedBytes == last.totalBytes)
            #expect(last.downloadedBytes == last.totalBytes)
            #expect(seen.contains { $0.event == .bytes && $0.file == "model.safetensors" })

            events.withLock { $0 = [] }
            _ = try await fixture.downloader { progress in events.withLock { $0.append(progress) } }.pull(try #require(HubModelName(electra)))
            let again = events.withLock { $0 }
            #expect(again.allSatisfy { $0.event != .fileFinished(downloaded: true) })
            #expect(again.last?.downloadedBytes == 0)
        }
    }

    @Test func twoPullsAtOnceShareTheWork() async throws {
        try await HubFixture.with { fixture in
            let name = try #require(HubModelName(electra))
            let one = fixture.downloader(), other = fixture.downloader()
            async let first = one.pull(name)
            async let second = other.pull(name)
            let (a, b) = try await (first, second)
            #expect(a.snapshot == b.snapshot)
            #expect(fixture.hub.requests.filter { $0.path.hasPrefix("/lfs/") }.count == 1)
            let source = Fixtures.shared.appendingPathComponent("fixtures/models/tiny-electra/model.safetensors")
            #expect(try Data(contentsOf: a.snapshot.appendingPathComponent("model.safetensors")) == Data(contentsOf: source))
        }
    }

    /// N of a `bytes=N-` range header.
    private static func rangeStart(_ range: String?) -> Int? {
        guard let range, range.hasPrefix("bytes="), range.hasSuffix("-") else { return nil }
        return Int(range.dropFirst(6).dropLast())
    }
}
