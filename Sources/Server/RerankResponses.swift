/// One result of `POST /rerank` (Text Embeddings Inference).
struct TEIRerankResult: Encodable, Sendable {
    var index: Int
    var score: Double
    var text: String?
}

/// The answer of `POST /v1/rerank` and `/v2/rerank`: Cohere's shape, which Jina's clients read too.
struct DocumentRerankResponse: Encodable, Sendable {
    /// One ranked document.
    struct Result: Encodable, Sendable {
        var index: Int
        var relevanceScore: Double
        var document: Document?

        enum CodingKeys: String, CodingKey { case index, relevanceScore = "relevance_score", document }
    }

    /// A returned document.
    struct Document: Encodable, Sendable {
        var text: String
    }

    /// Jina's usage block and Cohere's metadata, so both families of clients find what they read.
    struct Usage: Encodable, Sendable {
        var totalTokens: Int
        enum CodingKeys: String, CodingKey { case totalTokens = "total_tokens" }
    }

    /// Cohere's `meta`.
    struct Meta: Encodable, Sendable {
        struct APIVersion: Encodable, Sendable { var version: String }
        struct BilledUnits: Encodable, Sendable {
            var searchUnits: Int
            enum CodingKeys: String, CodingKey { case searchUnits = "search_units" }
        }
        var apiVersion: APIVersion
        var billedUnits: BilledUnits
        enum CodingKeys: String, CodingKey { case apiVersion = "api_version", billedUnits = "billed_units" }
    }

    var id: String
    var model: String
    var results: [Result]
    var usage: Usage
    var meta: Meta
}

/// The body of every error answer: what is wrong, and the field it concerns when there is one.
struct ErrorBody: Encodable, Sendable {
    var error: String
    var errorType: String
    var field: String?

    enum CodingKeys: String, CodingKey { case error, errorType = "error_type", field }
}
