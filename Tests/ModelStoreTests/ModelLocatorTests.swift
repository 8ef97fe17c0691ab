import Foundation
import ModelStore
import Testing
import TestSupport

@Suite("Model locator")
struct ModelLocatorTests {
    let temporary: TemporaryFiles
    /// A fake home directory, so the real user's models and caches never take part.
    let home: URL

    init() throws {
        temporary = try TemporaryFiles()
        home = temporary.directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    private func locator(_ variables: [String: String] = [:]) -> ModelLocator {
        ModelLocator(environment: variables.merging(["HOME": home.path]) { first, _ in first })
    }

    private func directory(_ path: String) throws -> URL {
        let url = temporary.directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A Hugging Face cache entry `models--ORG--NAME` with the given snapshot revisions, `refs/main` naming `main`.
    @discardableResult
    private func cachedModel(_ repository: String, in cache: URL, revisions: [String], main: String? = nil) throws -> URL {
        let entry = cache.appendingPathComponent("models--" + repository.replacingOccurrences(of: "/", with: "--"))
        for (index, revision) in revisions.enumerated() {
            let snapshot = try SyntheticModel.folder("snapshots/\(revision)", in: entry)
            let date = Date(timeIntervalSince1970: 1_000_000 + Double(index) * 1000)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: snapshot.path)
        }
        if let main {
            try FileManager.default.createDirectory(at: entry.appendingPathComponent("refs"), withIntermediateDirectories: true)
            try Data("\(main)\n".utf8).write(to: entry.appendingPathComponent("refs/main"))
        }
        return entry
    }

    @Test func placesRerankHomeByTheEnvironment() {
        #expect(ModelLocator.rerankHome(environment: ["HOME": "/h"]).path == "/h/.local/share/rerank")
        #expect(ModelLocator.rerankHome(environment: ["HOME": "/h", "XDG_DATA_HOME": "/data"]).path == "/data/rerank")
        #expect(ModelLocator.rerankHome(environment: ["HOME": "/h", "XDG_DATA_HOME": "/data", "RERANK_HOME": "/r"]).path == "/r")
        #expect(ModelLocator.projectModelDirectory(environment: ["HOME": "/h", "RERANK_HOME": "~/r"]).path == "/h/r/models")
    }

    @Test func placesTheHuggingFaceCacheByTheEnvironment() {
        #expect(ModelLocator(environment: ["HOME": "/h"]).huggingFaceCache.path == "/h/.cache/huggingface/hub")
        #expect(ModelLocator(environment: ["HOME": "/h", "XDG_CACHE_HOME": "/c"]).huggingFaceCache.path == "/c/huggingface/hub")
        #expect(ModelLocator(environment: ["HOME": "/h", "HF_HOME": "/hf"]).huggingFaceCache.path == "/hf/hub")
        #expect(ModelLocator(environment: ["HOME": "/h", "HF_HOME": "/hf", "HF_HUB_CACHE": "/hub"]).huggingFaceCache.path == "/hub")
    }

    @Test func searchesModelPathThenProjectThenTheModelPathFile() throws {
        let rerankHome = try directory("rerank")
        try Data("# provisioned by setup\n\n/opt/models\n  ~/more  \nrelative\n".utf8)
            .write(to: rerankHome.appendingPathComponent("model-path"))
        let found = locator(["RERANK_HOME": rerankHome.path, "RERANK_MODEL_PATH": "/first::~/second:/opt/models"])
        #expect(found.searchDirectories.map(\.path) == [
            "/first", home.path + "/second", "/opt/models", rerankHome.path + "/models", home.path + "/more",
            rerankHome.path + "/relative",
        ])
    }

    @Test func resolvesAnExistingPath() throws {
        let folder = try SyntheticModel.folder("direct", in: temporary.directory)
        #expect(try locator().resolve(folder.path).url.path == folder.path)
        let underHome = try SyntheticModel.folder("mine", in: home)
        #expect(try locator().resolve("~/mine").url.path == underHome.path)
    }

    @Test func reportsAMissingPathAsNotFound() throws {
        let missing = temporary.directory.appendingPathComponent("absent").path
        let error = try #require(throws: ModelStoreError.self) { try locator().resolve(missing) }
        guard case .modelNotFound(missing, let searched) = error else { Issue.record("got \(error)"); return }
        #expect(searched.map(\.path) == [missing])
        #expect(error.description.contains(missing))
    }

    @Test func takesTheFirstSearchDirectoryThatHasTheName() throws {
        let first = try directory("first")
        let second = try directory("second")
        let project = try directory("rerank/models")
        try SyntheticModel.folder("shared-name", in: second)
        try SyntheticModel.folder("shared-name", in: project)
        try SyntheticModel.folder("shared-name", in: first, omitting: ["model.safetensors"])
        let variables = ["RERANK_HOME": temporary.directory.appendingPathComponent("rerank").path,
                         "RERANK_MODEL_PATH": "\(second.path):\(first.path)"]
        #expect(try locator(variables).resolve("shared-name").url.path == second.appendingPathComponent("shared-name").path)
        let reversed = variables.merging(["RERANK_MODEL_PATH": "\(first.path):\(second.path)"]) { $1 }
        #expect(throws: ModelStoreError.self) { try locator(reversed).resolve("shared-name") }
    }

    @Test func findsOrganisationNamesNestedOrByTheirLastComponent() throws {
        let models = try directory("models")
        try SyntheticModel.folder("org/nested", in: models)
        try SyntheticModel.folder("flat", in: models)
        let found = locator(["RERANK_MODEL_PATH": models.path])
        #expect(try found.resolve("org/nested").name == "org/nested")
        #expect(try found.resolve("someone/flat").url.path == models.appendingPathComponent("flat").path)
    }

    @Test func readsTheModelPathFile() throws {
        let rerankHome = try directory("rerank")
        let elsewhere = try directory("elsewhere")
        try SyntheticModel.folder("listed", in: elsewhere)
        try Data("# comment\n\(elsewhere.path)\n".utf8).write(to: rerankHome.appendingPathComponent("model-path"))
        #expect(try locator(["RERANK_HOME": rerankHome.path]).resolve("listed").url.path == elsewhere.appendingPathComponent("listed").path)
    }

    @Test func resolvesTheHuggingFaceCacheRevisionThatRefsMainNames() throws {
        let cache = home.appendingPathComponent(".cache/huggingface/hub")
        try cachedModel("org/model", in: cache, revisions: ["aaa", "bbb"], main: "aaa")
        let model = try locator().resolve("org/model")
        #expect(model.name == "org/model")
        #expect(model.url.lastPathComponent == "aaa")
        #expect(try locator().resolve("model").url == model.url)
        #expect(try locator().resolve(model.url.path).name == "org/model")
    }

    @Test func resolvesANamedRevisionOfTheCache() throws {
        let cache = try directory("hub")
        let old = String(repeating: "a", count: 40), new = String(repeating: "b", count: 40)
        let entry = try cachedModel("org/model", in: cache, revisions: [old, new], main: new)
        try FileManager.default.createDirectory(at: entry.appendingPathComponent("refs/refs/pr"), withIntermediateDirectories: true)
        try Data(old.utf8).write(to: entry.appendingPathComponent("refs/v1"))
        try Data(old.utf8).write(to: entry.appendingPathComponent("refs/refs/pr/1"))
        let found = locator(["HF_HUB_CACHE": cache.path])
        #expect(try found.resolve("org/model").url.lastPathComponent == new)
        #expect(try found.resolve("org/model@v1").url.lastPathComponent == old)
        #expect(try found.resolve("org/model@refs/pr/1").url.lastPathComponent == old)
        #expect(try found.resolve("org/model@\(old)").url.lastPathComponent == old)
        let error = try #require(throws: ModelStoreError.self) { try found.resolve("org/model@v2") }
        guard case .missingFile(let missing) = error else { Issue.record("got \(error)"); return }
        #expect(missing.path == entry.appendingPathComponent("snapshots/v2").path)

        let listed = try #require(found.listing().first { $0.name == "org/model" })
        #expect(listed.revision == CachedRevision(commit: new, refs: ["main"]))
        #expect(listed.revision?.description == "main@bbbbbbbb")
    }

    @Test func fallsBackToTheNewestSnapshot() throws {
        let cache = try directory("hf/hub")
        try cachedModel("org/model", in: cache, revisions: ["old", "new"])
        try cachedModel("org/other", in: cache, revisions: ["old", "new"], main: "gone")
        let found = locator(["HF_HOME": cache.deletingLastPathComponent().path])
        #expect(try found.resolve("org/model").url.lastPathComponent == "new")
        #expect(try found.resolve("org/other").url.lastPathComponent == "new")
    }

    @Test func refusesAnAmbiguousBareName() throws {
        let cache = try directory("hub")
        try cachedModel("one/model", in: cache, revisions: ["r"])
        try cachedModel("two/model", in: cache, revisions: ["r"])
        let error = try #require(throws: ModelStoreError.self) { try locator(["HF_HUB_CACHE": cache.path]).resolve("model") }
        guard case .ambiguousModel("model", let matches) = error else { Issue.record("got \(error)"); return }
        #expect(matches == ["one/model", "two/model"])
        #expect(error.description.contains("ORG/NAME"))
    }

    @Test func listsWhatWasSearchedWhenNothingMatches() throws {
        let models = try directory("models")
        let found = locator(["RERANK_MODEL_PATH": models.path, "HF_HUB_CACHE": temporary.directory.appendingPathComponent("hub").path])
        let error = try #require(throws: ModelStoreError.self) { try found.resolve("org/missing") }
        guard case .modelNotFound("org/missing", let searched) = error else { Issue.record("got \(error)"); return }
        #expect(searched.map(\.path).starts(with: [models.appendingPathComponent("org/missing").path,
                                                    models.appendingPathComponent("missing").path]))
        #expect(searched.contains { $0.lastPathComponent == "models--org--missing" })
        #expect(error.description.contains(models.path))
        #expect(error.description.contains("rerank models"))
        #expect(error.description.contains("RERANK_MODEL_PATH"))
    }

    @Test func discoversEveryModelOnceWithProblemsApart() throws {
        let models = try directory("models")
        let cache = try directory("hub")
        try SyntheticModel.folder("zeta", in: models)
        try SyntheticModel.folder("org/alpha", in: models)
        try SyntheticModel.folder("broken", in: models, omitting: ["model.safetensors"])
        _ = try directory("models/not-a-model")
        try cachedModel("hf/cached", in: cache, revisions: ["r1"], main: "r1")
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("models--hf--empty"), withIntermediateDirectories: true)
        let found = locator(["RERANK_MODEL_PATH": "\(models.path):\(models.path)/", "HF_HUB_CACHE": cache.path])

        let (discovered, problems) = found.discover()
        #expect(discovered.map(\.name) == ["hf/cached", "org/alpha", "zeta"])
        #expect(problems.count == 2)
        let listing = found.listing()
        #expect(listing.map(\.name) == ["broken", "hf/cached", "hf/empty", "org/alpha", "zeta"])
        let broken = try #require(listing.first)
        guard case .failure(.missingFile(let file)) = broken.result else { Issue.record("got \(broken.result)"); return }
        #expect(file.lastPathComponent == "model.safetensors")
    }
}
