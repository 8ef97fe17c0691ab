import Foundation
import Server

/// `rerank serve`'s request bodies.
enum ServerTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget("rerank-request", "a POST body of /rerank (TEI), else of /v1/rerank (Cohere, Jina)") { bytes in
            do {
                try RerankServer.decodeRequestBody(Data(bytes), path: "/rerank")
            } catch {
                try RerankServer.decodeRequestBody(Data(bytes), path: "/v1/rerank")
            }
        },
    ]
}
