import AsyncHTTPClient
import Foundation
import Inference
import Networking
import NIOCore
import NIOFoundationCompat

/// A reranker served elsewhere (`RemoteEndpoint`), scored over HTTP like any local model: passages go in requests
/// of a few documents each, a failed request is tried again with a growing pause (statuses 408, 429 and 5xx,
/// connections broken part-way), and cancelling the task cancels the request under way.
public struct RemoteScorer: Scorer {
    public let info: ScorerInfo
    public let endpoint: RemoteEndpoint
    private let apiKey: String?
    private let retry: RetryPolicy
    private let timeout: Duration
    private let documentsPerRequest: Int

    /// `apiKey` defaults to the API's environment variable (`COHERE_API_KEY`, `JINA_API_KEY`) or
    /// `RERANK_REMOTE_API_KEY`.
    public init(_ endpoint: RemoteEndpoint, apiKey: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                retry: RetryPolicy = RetryPolicy(attempts: 3, initialDelay: .milliseconds(500), maximumDelay: .seconds(4)),
                timeout: Duration = .seconds(30)) {
        self.endpoint = endpoint
        self.apiKey = apiKey ?? environment[endpoint.api.keyVariable] ?? environment["RERANK_REMOTE_API_KEY"]
        self.retry = retry
        self.timeout = timeout
        // TEI refuses more than its max_client_batch_size (32 by default) texts in one request.
        documentsPerRequest = endpoint.api == .tei ? 32 : 100
        info = ScorerInfo(name: endpoint.name, kind: .crossEncoder, maxLength: nil,
                          summary: "remote reranker, \(endpoint.place)", scoreName: Self.givesLogits(endpoint.api) ? "logit" : "relevance",
                          probabilityName: Self.givesLogits(endpoint.api) ? "sigmoid" : nil, note: "remote: \(endpoint.place)")
    }

    /// The server reads passages its own way: windows and a local max length do not apply.
    public func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
                      onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        var scores: [PairScore] = []
        scores.reserveCapacity(passages.count)
        for start in stride(from: 0, to: passages.count, by: documentsPerRequest) {
            try Task.checkCancellation()
            let indices = Array(start..<min(start + documentsPerRequest, passages.count))
            let batch = try await retry.run({ try await request(query: query, documents: indices.map { passages[$0] }) },
                                            classify: classify)
            scores += batch
            onBatch?(ScoredBatch(indices: indices, scores: batch, completed: scores.count, total: passages.count))
        }
        return scores
    }

    /// Nothing is known locally of how the server reads a passage.
    public func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? { nil }

    public func windowCapacity(query: String, maxLength: Int?) throws -> Int? { nil }

    /// One request's scores, in the documents' order.
    private func request(query: String, documents: [String]) async throws -> [PairScore] {
        var request = HTTPClientRequest(url: endpoint.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        var body: [String: Any] = switch endpoint.api {
        case .tei: ["query": query, "texts": documents, "raw_scores": true, "truncate": true]
        case .infinity: ["query": query, "documents": documents, "raw_scores": true, "return_documents": false]
        case .cohere, .jina: ["query": query, "documents": documents, "top_n": documents.count, "return_documents": false]
        }
        if endpoint.api != .tei, let model = endpoint.model { body["model"] = model }
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await Self.client.execute(request, timeout: .seconds(timeout.components.seconds))
        let data = Data(buffer: try await response.body.collect(upTo: 64 << 20))
        guard (200..<300).contains(Int(response.status.code)) else {
            let failure = RemoteScoringError.refused(endpoint.name, status: Int(response.status.code), message: Self.message(in: data))
            if [408, 429].contains(response.status.code) || response.status.code >= 500 {
                throw RetryableFailure(error: failure, retryAfter: response.headers.first(name: "Retry-After").flatMap(Int.init).map { .seconds($0) })
            }
            throw failure
        }
        return try scores(in: data, count: documents.count)
    }

    /// Scores by document index, from TEI's list or Cohere's and Jina's `results`.
    private func scores(in data: Data, count: Int) throws -> [PairScore] {
        let parsed = try? JSONSerialization.jsonObject(with: data)
        let entries: [[String: Any]]?
        let key: String
        switch endpoint.api {
        case .tei: (entries, key) = (parsed as? [[String: Any]], "score")
        case .infinity, .cohere, .jina: (entries, key) = ((parsed as? [String: Any])?["results"] as? [[String: Any]], "relevance_score")
        }
        guard let entries else { throw RemoteScoringError.invalidResponse(endpoint.name, detail: "no list of results") }
        var scores = [PairScore?](repeating: nil, count: count)
        for entry in entries {
            guard let index = entry["index"] as? Int, scores.indices.contains(index), let value = (entry[key] as? NSNumber)?.doubleValue else {
                throw RemoteScoringError.invalidResponse(endpoint.name, detail: "a result without a valid \"index\" and \"\(key)\"")
            }
            scores[index] = Self.givesLogits(endpoint.api) ? PairScore(score: value, probability: 1 / (1 + exp(-value))) : PairScore(score: value)
        }
        let missing = scores.filter { $0 == nil }.count
        guard missing == 0 else { throw RemoteScoringError.invalidResponse(endpoint.name, detail: "\(missing) of \(count) documents have no score") }
        return scores.compactMap { $0 }
    }

    /// One client for every remote scorer of the process. A refused connection is retried by async-http-client until
    /// its connect timeout, so that is short: a server that is not there shows in the pane within seconds.
    private static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                           configuration: .init(timeout: .init(connect: .seconds(3), read: .seconds(60))))

    /// TEI and Infinity are asked for raw scores (a cross-encoder's logits); Cohere and Jina give relevance in 0…1.
    private static func givesLogits(_ api: RemoteEndpoint.API) -> Bool {
        api == .tei || api == .infinity
    }

    /// What to try again, and what to report at once.
    private func classify(_ error: any Error) throws -> RetryableFailure {
        switch error {
        case let retryable as RetryableFailure: return retryable
        case is RemoteScoringError, is CancellationError: throw error
        default:
            switch NetworkFailure(error) {
            case .unreachable(let detail): throw RemoteScoringError.unreachable(endpoint.name, detail: detail)
            case .cancelled: throw CancellationError()
            case .interrupted(let detail): return RetryableFailure(error: RemoteScoringError.unreachable(endpoint.name, detail: detail), retryAfter: nil)
            }
        }
    }

    /// The `error` or `message` of an error answer, or its first line.
    private static func message(in data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            if let error = object["error"] as? String { return error }
            if let message = object["message"] as? String { return message }
            if let detail = object["detail"] { return "\(detail)" }
        }
        return String(decoding: data.prefix(200), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }
}
