/// `POST /rerank` as Text Embeddings Inference takes it.
struct TEIRerankRequest: Decodable, Sendable {
    var query: String
    var texts: [String]
    /// Logits instead of probabilities.
    var rawScores: Bool
    var returnText: Bool
    /// Cut pairs past the token limit; without it, such a pair is refused (413), as TEI does.
    var truncate: Bool

    enum CodingKeys: String, CodingKey {
        case query, texts, rawScores = "raw_scores", returnText = "return_text", truncate
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        query = try container.decode(String.self, forKey: .query)
        texts = try container.decode([String].self, forKey: .texts)
        rawScores = try container.decodeIfPresent(Bool.self, forKey: .rawScores) ?? false
        returnText = try container.decodeIfPresent(Bool.self, forKey: .returnText) ?? false
        truncate = try container.decodeIfPresent(Bool.self, forKey: .truncate) ?? false
    }
}

/// `POST /v1/rerank` and `/v2/rerank` as Cohere and Jina take them.
struct DocumentRerankRequest: Decodable, Sendable {
    var model: String?
    var query: String
    var documents: [RerankDocument]
    var topN: Int?
    var returnDocuments: Bool

    enum CodingKeys: String, CodingKey {
        case model, query, documents, topN = "top_n", returnDocuments = "return_documents"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decodeIfPresent(String.self, forKey: .model)
        query = try container.decode(String.self, forKey: .query)
        documents = try container.decode([RerankDocument].self, forKey: .documents)
        topN = try container.decodeIfPresent(Int.self, forKey: .topN)
        returnDocuments = try container.decodeIfPresent(Bool.self, forKey: .returnDocuments) ?? false
    }
}

/// A document as Cohere and Jina accept it: a string, or an object with a `text`.
struct RerankDocument: Decodable, Sendable {
    var text: String

    private enum CodingKeys: String, CodingKey { case text }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.text = text
        } else {
            text = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .text)
        }
    }
}
