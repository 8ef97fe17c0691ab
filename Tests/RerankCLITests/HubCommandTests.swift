import FakeHub
import Foundation
import Testing
import TestSupport

@Suite("rerank against a fake Hugging Face Hub", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct HubCommandTests {
    static let model = "org/tiny-bert-cased"
    static var folder: URL { Fixtures.shared.appendingPathComponent("fixtures/models/tiny-bert-cased") }

    /// Runs `body` with a fake hub serving the tiny cased BERT as `org/tiny-bert-cased`, and an environment whose
    /// HF_ENDPOINT is that hub and whose Hugging Face home is a fresh folder.
    private func withHub(_ body: (FakeHub, [String: String], TemporaryFiles) async throws -> Void) async throws {
        let files = try TemporaryFiles("rerank-hub-cli")
        let hub = try await FakeHub.start([try FakeRepository.folder(Self.folder, as: Self.model)])
        var environment = RerankBinary.environment(home: files.directory)
        environment["HF_ENDPOINT"] = hub.endpoint.absoluteString
        for variable in ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE"] {
            environment[variable] = nil
        }
        do {
            try await body(hub, environment, files)
        } catch {
            await hub.stop()
            throw error
        }
        await hub.stop()
    }

    private func snapshot(_ files: TemporaryFiles) -> URL {
        files.directory.appendingPathComponent("hf/hub/models--org--tiny-bert-cased/snapshots")
    }

    @Test("models pull downloads into the Hugging Face cache, one line per file off a terminal")
    func pull() async throws {
        try await withHub { hub, environment, files in
            let result = try await RerankBinary.runInBackground(["models", "pull", Self.model], environment: environment)
            #expect(result.status == 0, "\(result.standardError)")
            let fileLines = result.standardError.split(separator: "\n").filter { $0.hasPrefix(Self.model + " ") }
            #expect(fileLines.count == 5)
            #expect(fileLines.last?.contains("model.safetensors") == true && fileLines.last?.hasSuffix("downloaded") == true)
            #expect(result.standardOutput.contains("ready: cross-encoder"))
            let commits = try FileManager.default.contentsOfDirectory(atPath: snapshot(files).path)
            #expect(commits == [try FakeRepository.folder(Self.folder, as: Self.model).commit])

            let again = try await RerankBinary.runInBackground(["models", "pull", Self.model], environment: environment)
            #expect(again.status == 0)
            #expect(again.standardError.split(separator: "\n").filter { $0.hasSuffix("cached") }.count == 5)

            let listed = try await RerankBinary.runInBackground(["models"], environment: environment)
            let row = try #require(listed.standardOutput.split(separator: "\n").first { $0.hasPrefix(Self.model + " ") })
            #expect(row.contains("main@" + commits[0].prefix(8)))
        }
    }

    @Test("score downloads a model on first use and scores as the folder itself does")
    func scoreOnFirstUse() async throws {
        try await withHub { hub, environment, files in
            let passages = try files.write("passages.txt", "Fleas live for about three months.\n\nThe Eiffel Tower is in Paris.\n")
            let arguments = ["score", "--query", "how long do fleas live", "--passages", passages.path, "--model"]
            let fromHub = try await RerankBinary.runInBackground(arguments + [Self.model], environment: environment)
            #expect(fromHub.status == 0, "\(fromHub.standardError)")
            #expect(fromHub.standardError.contains("fetching from the Hugging Face Hub"))
            let fromFolder = try await RerankBinary.runInBackground(arguments + [Self.folder.path], environment: environment)
            #expect(fromFolder.status == 0, "\(fromFolder.standardError)")
            #expect(Self.rows(fromHub.standardOutput) == Self.rows(fromFolder.standardOutput))
            #expect(!Self.rows(fromHub.standardOutput).isEmpty)

            let requests = hub.requests.count
            let cached = try await RerankBinary.runInBackground(arguments + [Self.model, "--offline"], environment: environment)
            #expect(cached.status == 0, "\(cached.standardError)")
            #expect(hub.requests.count == requests)
        }
    }

    @Test("offline, a model missing from the cache is one clear error and no request")
    func offlineNotCached() async throws {
        try await withHub { hub, environment, files in
            var offline = environment
            offline["HF_HUB_OFFLINE"] = "1"
            let result = try await RerankBinary.runInBackground(["tokenize", "--model", Self.model, "--pairs", "/dev/null"], environment: offline)
            #expect(result.status != 0)
            #expect(result.standardError.contains("\(Self.model) is not in the Hugging Face cache"))
            #expect(result.standardError.split(separator: "\n").count == 1)
            #expect(hub.requests.isEmpty)
        }
    }

    @Test("a missing repository is one line naming it")
    func missingRepository() async throws {
        try await withHub { _, environment, _ in
            let result = try await RerankBinary.runInBackground(["models", "pull", "org/absent"], environment: environment)
            #expect(result.status != 0)
            let errors = result.standardError.split(separator: "\n").filter { $0.hasPrefix("Error:") }
            #expect(errors.count == 1)
            #expect(errors.first?.contains("org/absent: no such model repository") == true)
        }
    }

    @Test("two processes pulling one repository at once both succeed, and the cache is whole")
    func concurrentPulls() async throws {
        try await withHub { hub, environment, files in
            async let first = RerankBinary.runInBackground(["models", "pull", Self.model], environment: environment)
            async let second = RerankBinary.runInBackground(["models", "pull", Self.model], environment: environment)
            let (a, b) = try await (first, second)
            #expect(a.status == 0, "\(a.standardError)")
            #expect(b.status == 0, "\(b.standardError)")
            #expect(hub.requests.filter { $0.path.hasPrefix("/lfs/") }.count == 1)
            let commit = try #require(try FileManager.default.contentsOfDirectory(atPath: snapshot(files).path).first)
            let weights = snapshot(files).appendingPathComponent("\(commit)/model.safetensors")
            #expect(try Data(contentsOf: weights) == Data(contentsOf: Self.folder.appendingPathComponent("model.safetensors")))
        }
    }

    /// The ranked rows of a score table (rank, score, passage), without the header naming the model.
    private static func rows(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix("   ") }
    }
}
