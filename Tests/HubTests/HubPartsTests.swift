import Foundation
@testable import Hub
import ModelStore
import NIOHTTP1
import Testing
import Networking

@Suite("Hub parts")
struct HubPartsTests {
    @Test func parsesHubModelNames() throws {
        let plain = try #require(HubModelName("cross-encoder/ms-marco-MiniLM-L6-v2"))
        #expect(plain.repository == "cross-encoder/ms-marco-MiniLM-L6-v2" && plain.revision == nil && plain.revisionOrDefault == "main")
        let pinned = try #require(HubModelName("BAAI/bge-reranker-base@refs/pr/5"))
        #expect(pinned.repository == "BAAI/bge-reranker-base" && pinned.revision == "refs/pr/5")
        #expect(try #require(HubModelName("a/b@\(String(repeating: "ab", count: 20))")).revisionIsCommit)
        for bad in ["name", "a/b/c", "/abs/path", "./org/name", "org/-name", "org/na--me", "org/na..me", "org/name@", "org/name@a b", "org/name@../x", "ö/name"] {
            #expect(HubModelName(bad) == nil, "\(bad)")
        }
    }

    @Test func readsSettingsFromTheEnvironment() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("hub-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        try Data("  file-token\n".utf8).write(to: temporary.appendingPathComponent("token"))

        let defaults = try HubSettings(environment: ["HOME": "/h"])
        #expect(defaults.endpoint.absoluteString == "https://huggingface.co")
        #expect(defaults.token == nil && !defaults.offline)
        #expect(defaults.cache.path == "/h/.cache/huggingface/hub")

        let custom = try HubSettings(environment: ["HOME": "/h", "HF_ENDPOINT": "http://127.0.0.1:8080/", "HF_HOME": temporary.path,
                                                   "HF_HUB_OFFLINE": "yes", "HF_HUB_ETAG_TIMEOUT": "2.5"])
        #expect(custom.endpoint.absoluteString == "http://127.0.0.1:8080")
        #expect(custom.token == "file-token")
        #expect(custom.offline)
        #expect(custom.cache.path == temporary.path + "/hub")
        #expect(custom.metadataTimeout == .milliseconds(2500))

        #expect(try HubSettings(environment: ["HF_TOKEN": "a", "HUGGING_FACE_HUB_TOKEN": "b", "HF_HOME": temporary.path]).token == "a")
        #expect(try HubSettings(environment: ["HUGGING_FACE_HUB_TOKEN": "b", "HF_HOME": temporary.path]).token == "b")
        #expect(try HubSettings(environment: ["HF_TOKEN_PATH": "/nonexistent/token", "HF_HOME": temporary.path]).token == nil)
        #expect(try HubSettings(environment: ["TRANSFORMERS_OFFLINE": "1"]).offline)
        #expect(try !HubSettings(environment: ["HF_HUB_OFFLINE": "0"]).offline)
        #expect(throws: HubError.invalidEndpoint("ftp://x")) { try HubSettings(environment: ["HF_ENDPOINT": "ftp://x"]) }
    }

    @Test func choosesFilesInSentenceTransformersOrder() throws {
        let common: Set = ["config.json", "vocab.txt", "tokenizer_config.json", "README.md", "onnx/model.onnx", "tf_model.h5"]
        let single = try FileSelection(available: common.union(["pytorch_model.bin", "model.safetensors"]), repository: "o/n", revision: "main")
        #expect(single.files == ["config.json", "tokenizer_config.json", "vocab.txt", "model.safetensors"])
        #expect(single.shardIndex == nil)
        let indexed = try FileSelection(available: common.union(["pytorch_model.bin", "model.safetensors.index.json"]), repository: "o/n", revision: "main")
        #expect(indexed.shardIndex == "model.safetensors.index.json")
        let bin = try FileSelection(available: common.union(["pytorch_model.bin", "pytorch_model.bin.index.json"]), repository: "o/n", revision: "main")
        #expect(bin.files.last == "pytorch_model.bin")
        #expect(throws: HubError.noWeights("o/n", revision: "main")) { try FileSelection(available: common, repository: "o/n", revision: "main") }
        #expect(throws: HubError.fileNotFound("o/n", revision: "main", file: "config.json")) {
            try FileSelection(available: ["model.safetensors"], repository: "o/n", revision: "main")
        }
    }

    @Test func readsShardNamesSafely() throws {
        let available: Set = ["a.safetensors", "b.safetensors"]
        let index = Data(#"{"weight_map":{"x":"b.safetensors","y":"a.safetensors","z":"a.safetensors"}}"#.utf8)
        #expect(try FileSelection.shards(inIndex: index, index: "i.json", available: available, repository: "o/n", revision: "main")
            == ["a.safetensors", "b.safetensors"])
        let escaping = Data(#"{"weight_map":{"x":"../../etc/passwd"}}"#.utf8)
        #expect(throws: HubError.self) { try FileSelection.shards(inIndex: escaping, index: "i.json", available: available, repository: "o/n", revision: "main") }
        let unlisted = Data(#"{"weight_map":{"x":"c.safetensors"}}"#.utf8)
        #expect(throws: HubError.fileNotFound("o/n", revision: "main", file: "c.safetensors")) {
            try FileSelection.shards(inIndex: unlisted, index: "i.json", available: available, repository: "o/n", revision: "main")
        }
    }

    @Test func namesContentAsTheHubDoes() throws {
        #expect(ContentDigest.gitBlobSHA1(Data()) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(ContentDigest.gitBlobSHA1(Data("hello\n".utf8)) == "ce013625030ba8dba906f756967f9e9ca394464a")
        #expect(ContentDigest.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentDigest.kind(ofEtag: String(repeating: "a", count: 64)) == .sha256)
        #expect(ContentDigest.kind(ofEtag: String(repeating: "0", count: 40)) == .gitBlobSHA1)
        #expect(ContentDigest.kind(ofEtag: "cdn-etag") == nil)
    }

    @Test func linksRelativelyToTheBlob() {
        #expect(CacheWriter.linkTarget(path: "config.json", etag: "e") == "../../blobs/e")
        #expect(CacheWriter.linkTarget(path: "1_Pooling/config.json", etag: "e") == "../../../blobs/e")
    }

    @Test func readsFileMetadataFromTheResolveAnswer() throws {
        let commit = String(repeating: "c", count: 40)
        let url = try #require(URL(string: "http://127.0.0.1:1/o/n/resolve/main/model.safetensors"))
        let lfs = ResponseHead(status: 302, headers: HTTPHeaders([
            ("X-Repo-Commit", commit), ("X-Linked-Etag", "\"\(String(repeating: "a", count: 64))\""), ("X-Linked-Size", "42"),
            ("Location", "http://cdn.example/x?sig=1"), ("Content-Length", "0"),
        ]), url: url)
        let metadata = try FileMetadata.parse(lfs, repository: "o/n", file: "model.safetensors")
        #expect(metadata.etag == String(repeating: "a", count: 64) && metadata.size == 42 && metadata.commit == commit)
        #expect(metadata.downloadURL.absoluteString == "http://cdn.example/x?sig=1")

        let small = ResponseHead(status: 200, headers: HTTPHeaders([("X-Repo-Commit", commit), ("ETag", "W/\"abc\""), ("Content-Length", "7")]), url: url)
        #expect(try FileMetadata.parse(small, repository: "o/n", file: "f").etag == "abc")
        let noCommit = ResponseHead(status: 200, headers: HTTPHeaders([("ETag", "\"abc\""), ("Content-Length", "7")]), url: url)
        #expect(throws: HubError.self) { try FileMetadata.parse(noCommit, repository: "o/n", file: "f") }
        let hostileEtag = ResponseHead(status: 200, headers: HTTPHeaders([("X-Repo-Commit", commit), ("ETag", "\"../../x\""), ("Content-Length", "7")]), url: url)
        #expect(throws: HubError.self) { try FileMetadata.parse(hostileEtag, repository: "o/n", file: "f") }
    }

    @Test func backsOffBoundedly() {
        let policy = RetryPolicy(attempts: 5, initialDelay: .seconds(1), maximumDelay: .seconds(8))
        #expect((1...5).map { policy.delay(afterFailures: $0, retryAfter: nil) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])
        #expect(policy.delay(afterFailures: 1, retryAfter: .seconds(60)) == .seconds(8))
    }
}
