import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Models named by URL (`tei+http://…`, `cohere+http://…#MODEL`, `infinity+http://…`) score through real servers
/// on loopback: `rerank serve` itself (also as an explorer pane), and infinity-emb when `RERANK_INFINITY` names its
/// executable.
@Suite("remote models", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available), .serialized)
struct RemoteModelTests {
    static let model = ServeCommandTests.model
    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles("rerank-remote")
        environment = RerankBinary.environment(home: files.directory)
    }

    /// `rerank score --query --passages --json` as (passage id, score) pairs.
    private func scores(_ model: String) throws -> [String: Double] {
        let sample = Fixtures.repositoryRoot.appendingPathComponent("Samples/vaccines.jsonl").path
        let result = try RerankBinary.run(["score", "--model", model, "--query", "why are booster doses needed", "--passages", sample,
                                           "--json", "--offline"], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        var scores: [String: Double] = [:]
        for line in result.standardOutput.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            scores[try #require(object["id"] as? String)] = try #require(object["score"] as? Double)
        }
        return scores
    }

    @Test("tei+http:// and cohere+http://…#MODEL, served by rerank serve, score as the local model does")
    func servedByRerank() async throws {
        let local = try scores(Self.model)
        try await ServedRerank.with(["--model", Self.model]) { server in
            let port = try #require(server.base.port)
            let tei = try scores("tei+http://127.0.0.1:\(port)")
            #expect(tei.keys == local.keys)
            for (id, score) in local { #expect(abs((tei[id] ?? .nan) - score) < 1e-4, "\(id)") }
            let cohere = try scores("cohere+http://127.0.0.1:\(port)#\(Self.model)")
            let order = { (scores: [String: Double]) in scores.keys.sorted { scores[$0]! > scores[$1]! } }
            #expect(order(cohere) == order(local), "relevance (the sigmoid) keeps the logits' order")
        }
    }

    @Test("a server that is not there, and one that refuses, are one line naming the URL")
    func failures() async throws {
        let gone = try RerankBinary.run(["score", "--model", "tei+http://127.0.0.1:9", "--query", "q", "--passages",
                                         Fixtures.repositoryRoot.appendingPathComponent("Samples/vaccines.jsonl").path],
                                        environment: environment)
        #expect(gone.status != 0)
        #expect(gone.standardError.contains("tei+http://127.0.0.1:9: cannot reach the server"))
        try await ServedRerank.with(["--model", "bm25"]) { server in
            let port = try #require(server.base.port)
            let refused = try RerankBinary.run(["score", "--model", "cohere+http://127.0.0.1:\(port)#other", "--query", "q", "--passages",
                                                Fixtures.repositoryRoot.appendingPathComponent("Samples/vaccines.jsonl").path],
                                               environment: environment)
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("the server answered 422: model \"other\" is not served here"))
        }
    }

    @Test("in the explorer a served model's pane says it is remote and where, and ranks as the local model's pane beside it",
          .enabled(if: TmuxSession.available), .timeLimit(.minutes(5)))
    func explorerPane() async throws {
        try await ServedRerank.with(["--model", Self.model]) { server in
            let port = try #require(server.base.port)
            let binary = try #require(RerankBinary.url)
            let command = "'\(binary.path)' explore --sample vaccines --model tei+http://127.0.0.1:\(port) --model \(Self.model) --offline"
            let tmux = try TmuxSession(width: 200, height: 40, command: command,
                                       environment: RerankBinary.terminalEnvironment(home: files.directory))
            let shown = try await tmux.waitFor("both panes ranked", timeout: .seconds(180)) { screen in
                screen.contains("remote: TEI at 127.0.0.1:\(port)") && ExplorerScreen(screen).everyPaneRanked(count: 16)
            }
            let panes = ExplorerScreen(shown)
            let remote = panes.rows(pane: 0), local = panes.rows(pane: 1)
            #expect(remote.map { $0.words.prefix(3) } == local.map { $0.words.prefix(3) })
            for (served, here) in zip(remote, local) {
                #expect(abs((served.score ?? .nan) - (here.score ?? .nan)) < 0.011, "rank \(served.rank)")
            }
            try tmux.press("q")
        }
    }

    /// Ends infinity-emb: SIGTERM, then SIGKILL after 5 s, since it does not always end on SIGTERM (seen
    /// here: still serving minutes later).
    static func stop(_ process: Process) {
        process.terminate()
        for _ in 0..<50 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// infinity-emb's executable, when the environment names one (see the README's "Remote models").
    static let infinity = ProcessInfo.processInfo.environment["RERANK_INFINITY"]

    @Test("infinity-emb serving the cross-encoder's folder scores as the local model does, within 1e-3",
          .enabled(if: infinity != nil), .timeLimit(.minutes(5)))
    func servedByInfinity() async throws {
        let executable = try #require(Self.infinity)
        let folder = Fixtures.models.appendingPathComponent(Self.model).path
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["v2", "--model-id", folder, "--port", String(port), "--engine", "torch", "--device", "cpu"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { Self.stop(process) }
        // It takes a while to load torch; wait for its health endpoint.
        var ready = false
        for _ in 0..<240 where !ready {
            try await Task.sleep(for: .milliseconds(500))
            ready = (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/health")!)) != nil
        }
        try #require(ready, "infinity-emb did not start on port \(port)")
        let local = try scores(Self.model)
        let remote = try scores("infinity+http://127.0.0.1:\(port)#\(folder)")
        #expect(remote.keys == local.keys)
        for (id, score) in local { #expect(abs((remote[id] ?? .nan) - score) < 1e-3, "\(id)") }
    }
}
