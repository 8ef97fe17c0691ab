import FakeHub
import Foundation
import Testing
import TestSupport

/// The explorer with a pane whose model comes from a (fake, slow) Hugging Face Hub.
@Suite("rerank explore downloading a model", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available && TmuxSession.available))
struct ExplorerDownloadTests {
    static let model = "org/tiny-bert-cased"

    @Test("a downloading pane shows its progress while BM25 ranks, then ranks with the model", .timeLimit(.minutes(5)))
    func paneDownloadsItsModel() async throws {
        let files = try TemporaryFiles("rerank-e2e-hub")
        let folder = Fixtures.shared.appendingPathComponent("fixtures/models/tiny-bert-cased")
        let hub = try await FakeHub.start([try FakeRepository.folder(folder, as: Self.model)])
        hub.slowDownloads(bytesPerSecond: 16_000)
        do {
            try await watch(hub: hub, files: files)
        } catch {
            await hub.stop()
            throw error
        }
        await hub.stop()
    }

    private func watch(hub: FakeHub, files: TemporaryFiles) async throws {
        let binary = try #require(RerankBinary.url)
        var environment = RerankBinary.terminalEnvironment(home: files.directory)
        environment["HF_ENDPOINT"] = hub.endpoint.absoluteString
        for variable in ["HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE", "HF_TOKEN"] {
            environment[variable] = nil
        }
        let tmux = try TmuxSession(width: 120, height: 30,
                                   command: "'\(binary.path)' explore --sample vaccines --model \(Self.model) --model bm25",
                                   environment: environment)
        let downloading = ExplorerScreen(try await tmux.waitFor("pane 1 to download while BM25 ranks") { screen in
            screen.contains("tiny-bert-cased · downloading…") && screen.contains("⇣ ")
                && ExplorerScreen(screen).rows(pane: 1).filter { $0.score != nil }.count == 16
        })
        #expect(downloading.rows(pane: 0).allSatisfy { $0.score == nil })
        let ranked = try await tmux.waitFor("pane 1 to rank with the downloaded model", timeout: .seconds(180)) { screen in
            screen.contains("tiny-bert-cased · cross-encoder") && ExplorerScreen(screen).everyPaneRanked(count: 16)
        }
        #expect(!ranked.contains("⇣"))
        try tmux.press("C-c")
    }
}
