import Foundation
import Inference

/// The models `rerank serve` answers with, and the answers themselves, apart from HTTP: each endpoint's request
/// in, its response out, or an `APIError`.
public final class RerankService: Sendable {
    /// One served model: its scorer, and the batcher that merges clients' requests for it.
    struct ServedModel: Sendable {
        let name: String
        let scorer: any Scorer
        let batcher: PairBatcher
    }

    let models: [ServedModel]
    let limits: ServerLimits
    let metrics = ServerMetrics()

    /// Serves `scorers` under their names (the first answers requests that name no model).
    public init(scorers: [(name: String, scorer: any Scorer)], limits: ServerLimits = ServerLimits()) {
        let metrics = self.metrics
        models = scorers.map { ServedModel(name: $0.name, scorer: $0.scorer,
                                           batcher: PairBatcher(scorer: $0.scorer) { metrics.recordList($0) }) }
        self.limits = limits
    }

    /// `POST /rerank`, Text Embeddings Inference's shape: results sorted by score, best first.
    func rerank(_ request: TEIRerankRequest) async throws -> [TEIRerankResult] {
        let model = try self.model(named: nil)
        try check(query: request.query, documents: request.texts, field: "texts")
        let scores = try await model.batcher.score(query: request.query, passages: request.texts, maxLength: nil)
        if !request.truncate, let cut = scores.firstIndex(where: { $0.truncation?.isTruncated ?? false }) {
            let limit = model.scorer.info.maxLength.map { " of \($0) tokens" } ?? ""
            throw APIError.tooLarge("texts[\(cut)]", "texts[\(cut)] with the query is longer than the model's limit\(limit); send \"truncate\": true to cut it")
        }
        return Ranking.order(scores.map(\.score)).map { index in
            TEIRerankResult(index: index, score: request.rawScores ? scores[index].score : Self.relevance(scores[index]),
                            text: request.returnText ? request.texts[index] : nil)
        }
    }

    /// `POST /v1/rerank` and `/v2/rerank`, Cohere's and Jina's shape: the `top_n` best, with relevance scores.
    func rerank(_ request: DocumentRerankRequest) async throws -> DocumentRerankResponse {
        let model = try self.model(named: request.model)
        let texts = request.documents.map(\.text)
        try check(query: request.query, documents: texts, field: "documents")
        if let topN = request.topN, topN < 1 { throw APIError.invalid("top_n", "top_n must be at least 1") }
        let scores = try await model.batcher.score(query: request.query, passages: texts, maxLength: nil)
        let order = Ranking.order(scores.map(\.score)).prefix(request.topN ?? texts.count)
        return DocumentRerankResponse(
            id: UUID().uuidString.lowercased(), model: model.name,
            results: order.map { index in
                .init(index: index, relevanceScore: Self.relevance(scores[index]),
                      document: request.returnDocuments ? .init(text: texts[index]) : nil)
            },
            usage: .init(totalTokens: scores.readTokens),
            meta: .init(apiVersion: .init(version: "2"), billedUnits: .init(searchUnits: 1)))
    }

    /// `GET /info`: every model, its limit and precision, and TEI's fields for the first.
    func info() -> [String: Any] {
        let described: [[String: Any]] = models.map { model in
            var entry: [String: Any] = ["name": model.name, "kind": model.scorer.info.kind.rawValue,
                                        "precision": model.scorer.info.precision.rawValue, "score": model.scorer.info.scoreName]
            entry["max_length"] = model.scorer.info.maxLength
            entry["note"] = model.scorer.info.note
            return entry
        }
        var info: [String: Any] = ["models": described, "model_type": ["reranker": ["id2label": ["0": "LABEL_0"]]],
                                   "max_client_batch_size": limits.maxDocuments]
        info["model_id"] = models.first?.name
        info["max_input_length"] = models.first?.scorer.info.maxLength
        return info
    }

    /// Requests waiting for the engine, over every model.
    func queueDepth() async -> Int {
        var depth = 0
        for model in models { depth += await model.batcher.queueDepth }
        return depth
    }

    private func model(named name: String?) throws -> ServedModel {
        guard let name, !name.isEmpty else {
            guard let first = models.first else { throw APIError(status: 503, message: "no model is loaded") }
            return first
        }
        guard let model = models.first(where: { $0.name == name }) else {
            throw APIError.invalid("model", "model \"\(name)\" is not served here; served: \(models.map(\.name).joined(separator: ", "))")
        }
        return model
    }

    private func check(query: String, documents: [String], field: String) throws {
        if query.isEmpty { throw APIError.invalid("query", "query is empty") }
        if query.count > limits.maxQueryCharacters {
            throw APIError.tooLarge("query", "query has \(query.count) characters; at most \(limits.maxQueryCharacters) are taken")
        }
        if documents.isEmpty { throw APIError.invalid(field, "\(field) is empty") }
        if documents.count > limits.maxDocuments {
            throw APIError.tooLarge(field, "\(field) has \(documents.count) entries; at most \(limits.maxDocuments) are taken per request")
        }
    }

    /// A score in 0…1 where the model has a probability (the sigmoid of a logit), the raw score elsewhere.
    private static func relevance(_ score: PairScore) -> Double {
        score.probability ?? score.score
    }
}
