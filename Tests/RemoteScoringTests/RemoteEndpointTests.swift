import Foundation
import RemoteScoring
import Testing

@Suite("Remote endpoints named by URL")
struct RemoteEndpointTests {
    @Test("each API's usual path when the URL has none, the fragment as the model, the place for pane headers")
    func parsesNames() throws {
        let tei = try #require(RemoteEndpoint("tei+http://127.0.0.1:8080"))
        #expect(tei.api == .tei && tei.url.absoluteString == "http://127.0.0.1:8080/rerank" && tei.model == nil)
        #expect(tei.place == "TEI at 127.0.0.1:8080")
        let cohere = try #require(RemoteEndpoint("cohere+https://api.example.com#rerank-v3.5"))
        #expect(cohere.url.absoluteString == "https://api.example.com/v2/rerank" && cohere.model == "rerank-v3.5")
        let jina = try #require(RemoteEndpoint("JINA+https://api.example.com/v1/rerank#jina-reranker-v2"))
        #expect(jina.api == .jina && jina.url.path == "/v1/rerank" && jina.api.keyVariable == "JINA_API_KEY")
        let infinity = try #require(RemoteEndpoint("infinity+http://localhost:7997/"))
        #expect(infinity.url.absoluteString == "http://localhost:7997/rerank")
    }

    @Test("names that are not remote stay local models", arguments: [
        "bm25", "ms-marco-MiniLM-L6-ce-local-v2", "cross-encoder/ms-marco-MiniLM-L6-v2", "tei+ftp://host",
        "other+http://host", "tei+http://", "./models/a+b",
    ])
    func leavesLocalNames(_ name: String) {
        #expect(RemoteEndpoint(name) == nil)
    }
}
