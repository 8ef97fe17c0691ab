import ArgumentParser
import Foundation
import Inference
import Server

/// `rerank serve`: the engine behind the rerank APIs of Text Embeddings Inference, Cohere and Jina.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve models over HTTP: POST /rerank (TEI), /v1/rerank and /v2/rerank (Cohere, Jina).",
        discussion: """
            Also GET /health, /info (models, max length, precision) and /metrics (Prometheus). Requests from \
            many clients are scored together. Binds to 127.0.0.1 unless --host says otherwise. With --api-key \
            (or RERANK_API_KEY), every request but /health needs "Authorization: Bearer KEY". SIGTERM stops \
            accepting, finishes the requests under way, and exits.
            """)

    @Option(name: .shortAndLong, help: "A model to serve (repeat for several; the first answers requests that name none).")
    var model: [String]

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed).")
    var port = 8080

    @Option(help: "Ask every request but /health for this key as a Bearer token (default: $RERANK_API_KEY).")
    var apiKey: String?

    @Option(help: "Documents per request at most.")
    var maxDocuments = 1_000

    @Option(help: "Bytes per request body at most.")
    var maxBodyBytes = 4 << 20

    @OptionGroup var batchOptions: BatchOptions

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        guard !model.isEmpty else { throw ValidationError("name at least one --model") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxDocuments >= 1, maxBodyBytes >= 1 else { throw ValidationError("--max-documents and --max-body-bytes must be at least 1") }
    }

    func run() async throws {
        var scorers: [(name: String, scorer: any Scorer)] = []
        for name in model { scorers.append((name, try await engine.loadScorer(name, batchSize: batchOptions.batchSize))) }
        let service = RerankService(scorers: scorers, limits: ServerLimits(maxDocuments: maxDocuments, maxBodyBytes: maxBodyBytes))
        let key = apiKey ?? ProcessInfo.processInfo.environment["RERANK_API_KEY"]
        let server = RerankServer(service: service, host: host, port: port, apiKey: key.flatMap { $0.isEmpty ? nil : $0 })
        let names = scorers.map(\.name).joined(separator: ", "), host = host
        try await server.run { port in
            print("rerank serve: \(names) on http://\(host):\(port)")
            fflush(nil)
        }
    }
}
