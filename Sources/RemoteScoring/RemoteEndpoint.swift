import Foundation

/// A reranker served elsewhere, named by URL wherever a model is named: `tei+http://host:port` (Text Embeddings
/// Inference, or `rerank serve`), `infinity+http://host:port` (infinity-emb), `cohere+https://host/v2/rerank#MODEL`,
/// `jina+https://host/v1/rerank#MODEL`.
/// Without a path, each API's usual one is taken; the fragment names the model the request asks for.
public struct RemoteEndpoint: Sendable, Hashable {
    /// The request and response shape the server speaks.
    public enum API: String, Sendable, CaseIterable {
        case tei, infinity, cohere, jina

        /// Where the rerank endpoint is when the URL gives no path.
        var defaultPath: String {
            switch self {
            case .tei, .infinity: "/rerank"
            case .cohere: "/v2/rerank"
            case .jina: "/v1/rerank"
            }
        }

        /// The environment variable that holds this API's key (`RERANK_REMOTE_API_KEY` serves every API).
        public var keyVariable: String {
            switch self {
            case .tei, .infinity: "RERANK_REMOTE_API_KEY"
            case .cohere: "COHERE_API_KEY"
            case .jina: "JINA_API_KEY"
            }
        }
    }

    /// The name as given.
    public let name: String
    public let api: API
    /// The rerank endpoint's full URL.
    public let url: URL
    /// The model the request names (the URL's fragment), when there is one.
    public let model: String?

    /// The endpoint a model name stands for; `nil` when the name is not a remote one (no `API+http(s)://` prefix).
    public init?(_ name: String) {
        guard let plus = name.firstIndex(of: "+"), let api = API(rawValue: name[..<plus].lowercased()) else { return nil }
        let address = name[name.index(after: plus)...]
        guard address.hasPrefix("http://") || address.hasPrefix("https://"),
              var components = URLComponents(string: String(address)), components.host?.isEmpty == false else { return nil }
        model = components.fragment.flatMap { $0.isEmpty ? nil : $0 }
        components.fragment = nil
        if components.path.isEmpty || components.path == "/" { components.path = api.defaultPath }
        guard let url = components.url else { return nil }
        self.name = name
        self.api = api
        self.url = url
    }

    /// `TEI at 127.0.0.1:8080`, for pane headers.
    public var place: String {
        let label = switch api {
        case .tei: "TEI"
        case .infinity: "Infinity"
        case .cohere: "Cohere API"
        case .jina: "Jina API"
        }
        return "\(label) at \(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")"
    }
}
