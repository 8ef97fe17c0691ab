import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `rerank serve` as a real process on loopback, called over HTTP.
@Suite("rerank serve", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available), .serialized)
struct ServeCommandTests {
    static let model = "ms-marco-MiniLM-L6-ce-local-v2"

    @Test("TEI's /rerank gives the reference logits with raw_scores, sorted best first, and the texts when asked")
    func teiShape() async throws {
        try await ServedRerank.with(["--model", Self.model]) { server in
            let golden = Array(try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("logits-\(Self.model).jsonl")).prefix(40))
            let query = try #require(golden.first?["query"] as? String)
            let lines = golden.filter { $0["query"] as? String == query }
            let texts = try lines.map { try #require($0["passage"] as? String) }
            let (status, body) = try await server.post("rerank", ["query": query, "texts": texts, "raw_scores": true,
                                                                  "return_text": true, "truncate": true])
            #expect(status == 200)
            let results = try #require(body as? [[String: Any]])
            #expect(results.count == texts.count)
            let scores = results.compactMap { $0["score"] as? Double }
            #expect(scores == scores.sorted(by: >))
            for result in results {
                let index = try #require(result["index"] as? Int)
                let expected = try #require((lines[index]["logits"] as? [Double])?.first)
                #expect(abs(try #require(result["score"] as? Double) - expected) < 1e-4)
                #expect(result["text"] as? String == texts[index])
            }
        }
    }

    @Test("Cohere's and Jina's /v1 and /v2 rerank: documents as strings or objects, top_n, return_documents, relevance in 0…1")
    func cohereShape() async throws {
        try await ServedRerank.with(["--model", Self.model, "--model", "bm25"]) { server in
            let request: [String: Any] = ["query": "how do vaccines work",
                                          "documents": ["Vaccines train the immune system to recognise a pathogen.",
                                                        ["text": "The tide is driven by the moon."],
                                                        "Booster doses renew the immune response of a vaccine."],
                                          "top_n": 2, "return_documents": true]
            for path in ["v1/rerank", "v2/rerank"] {
                let (status, body) = try await server.post(path, request)
                #expect(status == 200)
                let answer = try #require(body as? [String: Any])
                #expect(answer["model"] as? String == Self.model)
                let results = try #require(answer["results"] as? [[String: Any]])
                #expect(results.compactMap { $0["index"] as? Int }.sorted() == [0, 2])
                for result in results {
                    let relevance = try #require(result["relevance_score"] as? Double)
                    #expect((0...1).contains(relevance))
                    #expect((result["document"] as? [String: Any])?["text"] is String)
                }
            }
            var bm25 = request
            bm25["model"] = "bm25"
            let (status, body) = try await server.post("v2/rerank", bm25)
            #expect(status == 200)
            #expect((body as? [String: Any])?["model"] as? String == "bm25")
        }
    }

    @Test("bad JSON is 400; a missing or mistyped field and an unknown model are 422 naming the field; limits are 413")
    func refusals() async throws {
        try await ServedRerank.with(["--model", "bm25", "--max-documents", "2", "--max-body-bytes", "2000"]) { server in
            let cases: [(path: String, body: Data, status: Int, field: String?)] = [
                ("rerank", Data("{\"query\": ".utf8), 400, nil),
                ("rerank", try JSONSerialization.data(withJSONObject: ["texts": ["a"]]), 422, "query"),
                ("v2/rerank", try JSONSerialization.data(withJSONObject: ["query": "q", "documents": ["a", 3]]), 422, "documents[1]"),
                ("v2/rerank", try JSONSerialization.data(withJSONObject: ["query": "q", "documents": ["a"], "model": "other"]), 422, "model"),
                ("v2/rerank", try JSONSerialization.data(withJSONObject: ["query": "q", "documents": ["a"], "top_n": 0]), 422, "top_n"),
                ("v2/rerank", try JSONSerialization.data(withJSONObject: ["query": "q", "documents": ["a", "b", "c"]]), 413, "documents"),
                ("rerank", try JSONSerialization.data(withJSONObject: ["query": "q", "texts": [String(repeating: "x", count: 3000)]]), 413, "body"),
            ]
            for item in cases {
                let (status, body) = try await server.send(item.path, body: item.body)
                #expect(status == item.status, "\(item.path) \(String(decoding: item.body.prefix(60), as: UTF8.self))")
                let error = try #require(body as? [String: Any])
                #expect(error["error"] is String)
                #expect(error["field"] as? String == item.field)
            }
        }
    }

    @Test("without truncate, TEI's /rerank refuses a pair past the model's limit with 413 naming the text")
    func truncationIsAskedFor() async throws {
        try await ServedRerank.with(["--model", Self.model]) { server in
            let long = Array(repeating: "word", count: 800).joined(separator: " ")
            let (status, body) = try await server.post("rerank", ["query": "q", "texts": ["short", long]])
            #expect(status == 413)
            #expect((body as? [String: Any])?["field"] as? String == "texts[1]")
            let (cut, _) = try await server.post("rerank", ["query": "q", "texts": ["short", long], "truncate": true])
            #expect(cut == 200)
        }
    }

    @Test("an API key is asked of everything but /health; /info and /metrics report the models and the work done")
    func keyInfoAndMetrics() async throws {
        try await ServedRerank.with(["--model", "bm25", "--api-key", "secret"]) { server in
            #expect(try await server.get("health", key: nil).status == 200)
            #expect(try await server.get("info", key: nil).status == 401)
            #expect(try await server.post("rerank", ["query": "q", "texts": ["a"]], key: "wrong").status == 401)
            #expect(try await server.post("rerank", ["query": "q", "texts": ["q a", "b"]], key: "secret").status == 200)
            let info = try await server.get("info", key: "secret")
            let models = try #require((try JSONSerialization.jsonObject(with: info.body) as? [String: Any])?["models"] as? [[String: Any]])
            #expect(models.first?["name"] as? String == "bm25")
            #expect(models.first?["precision"] as? String == "fp32")
            let metrics = String(decoding: try await server.get("metrics", key: "secret").body, as: UTF8.self)
            #expect(metrics.contains("rerank_requests_total{endpoint=\"rerank\",status=\"200\"} 1"))
            #expect(metrics.contains("rerank_requests_total{endpoint=\"rerank\",status=\"401\"} 1"))
            #expect(metrics.contains("rerank_pairs_total 2"))
            #expect(metrics.contains("rerank_queue_depth 0"))
        }
    }

    @Test("requests sent at once are scored together, each answered with its own passages")
    func concurrentRequestsShareLists() async throws {
        try await ServedRerank.with(["--model", Self.model]) { server in
            let answers = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
                for client in 0..<16 {
                    group.addTask {
                        let texts = (0..<5).map { "passage \($0) of client \(client) about vaccines and booster doses" }
                        let (_, body) = try await server.post("rerank", ["query": "booster doses", "texts": texts, "return_text": true])
                        return (client, (body as? [[String: Any]] ?? []).compactMap { $0["text"] as? String })
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(answers.count == 16)
            for (client, texts) in answers {
                #expect(texts.count == 5)
                #expect(texts.allSatisfy { $0.hasSuffix("client \(client) about vaccines and booster doses") })
            }
            let metrics = String(decoding: try await server.get("metrics", key: nil).body, as: UTF8.self)
            let lists = metrics.split(separator: "\n").first { $0.hasPrefix("rerank_batch_requests_count") }
            let count = try #require(lists.flatMap { Double($0.split(separator: " ").last ?? "") })
            #expect(count < 16, "16 requests at once go through fewer lists: \(metrics)")
        }
    }

    @Test("a client that goes away stops its request: its list stops between batches and is never finished")
    func disconnectedClientsStopTakingEngineTime() async throws {
        try await ServedRerank.with(["--model", Self.model, "--batch-size", "4"]) { server in
            let long = Array(repeating: "vaccines train the immune system to recognise a pathogen", count: 60).joined(separator: " ")
            let request = try JSONSerialization.data(withJSONObject: ["query": "how do vaccines work", "texts": Array(repeating: long, count: 150),
                                                                      "truncate": true])
            // curl gives up after two seconds, closing its connection while the 150 long pairs are scored.
            let gaveUp = try await server.curl("rerank", body: request, maxSeconds: 2)
            #expect(gaveUp != 0)
            var metrics = ""
            for _ in 0..<100 where !metrics.contains("status=\"499\"} 1") {
                try await Task.sleep(for: .milliseconds(100))
                metrics = String(decoding: try await server.get("metrics", key: nil).body, as: UTF8.self)
            }
            #expect(metrics.contains("rerank_requests_total{endpoint=\"rerank\",status=\"499\"} 1"))
            let (status, _) = try await server.post("rerank", ["query": "q", "texts": ["a", "b"]])
            #expect(status == 200)
            metrics = String(decoding: try await server.get("metrics", key: nil).body, as: UTF8.self)
            #expect(metrics.contains("rerank_pairs_total 2"), "the abandoned list was never finished: \(metrics)")
        }
    }

    /// The Python that `scripts/setup --test-deps` gives the Cohere SDK.
    static let peersPython = Fixtures.repositoryRoot.appendingPathComponent(".build/test-peers/bin/python")

    @Test("the Cohere Python SDK, v1 and v2 clients pointed at loopback, reads rerank serve's answers",
          .enabled(if: FileManager.default.isExecutableFile(atPath: peersPython.path)))
    func cohereSDK() async throws {
        try await ServedRerank.with(["--model", Self.model, "--api-key", "local-key"]) { server in
            let script = """
                import json, sys
                import cohere
                base, model = sys.argv[1], sys.argv[2]
                documents = ["The tide follows the moon.", "Vaccines train the immune system to recognise a pathogen.",
                             "Booster doses renew a vaccine's protection."]
                v2 = cohere.ClientV2(api_key="local-key", base_url=base).rerank(
                    model=model, query="how do vaccines work", documents=documents, top_n=2)
                v1 = cohere.Client(api_key="local-key", base_url=base).rerank(
                    model=model, query="how do vaccines work", documents=documents, top_n=3, return_documents=True)
                print(json.dumps({"v2": [[r.index, r.relevance_score] for r in v2.results],
                                  "v1": [[r.index, r.relevance_score, r.document.text] for r in v1.results]}))
                """
            let process = Process()
            process.executableURL = Self.peersPython
            process.arguments = ["-c", script, server.base.absoluteString, Self.model]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let data = await Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
            let failure = await Task.detached { errors.fileHandleForReading.readDataToEndOfFile() }.value
            await Task.detached { process.waitUntilExit() }.value
            #expect(process.terminationStatus == 0, "\(String(decoding: failure, as: UTF8.self))")
            let answer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[Any]]])
            let v2 = try #require(answer["v2"]), v1 = try #require(answer["v1"])
            #expect(v2.count == 2 && v1.count == 3)
            #expect(v2.compactMap { $0.first as? Int } == Array(v1.compactMap { $0.first as? Int }.prefix(2)))
            #expect(Set(v2.compactMap { $0.first as? Int }) == [1, 2], "the two vaccine passages come first")
            #expect(v1.allSatisfy { ($0.last as? String)?.isEmpty == false })
        }
    }
}

/// A `rerank serve` process on a free loopback port, stopped with SIGTERM at the end (which must exit cleanly).
struct ServedRerank: Sendable {
    let base: URL

    static func with(_ arguments: [String], _ body: (ServedRerank) async throws -> Void) async throws {
        let files = try TemporaryFiles("rerank-serve")
        let process = Process()
        process.executableURL = try #require(RerankBinary.url)
        process.arguments = ["serve", "--port", "0", "--offline"] + arguments
        process.environment = RerankBinary.environment(home: files.directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let line = try await firstLine(of: output.fileHandleForReading)
        let address = try #require(line.split(separator: " ").last.flatMap { URL(string: String($0)) }, "printed: \(line)")
        try await body(ServedRerank(base: address))
        kill(process.processIdentifier, SIGTERM)
        await Task.detached { process.waitUntilExit() }.value
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "SIGTERM ends the server cleanly")
    }

    /// The line the server prints once it listens.
    private static func firstLine(of handle: FileHandle) async throws -> String {
        try await Task.detached {
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                data.append(chunk)
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }.value
    }

    func post(_ path: String, _ json: Any, key: String? = nil) async throws -> (status: Int, body: Any?) {
        let (status, data) = try await send(path, body: try JSONSerialization.data(withJSONObject: json), key: key)
        return (status, data)
    }

    func send(_ path: String, body: Data, key: String? = nil) async throws -> (status: Int, body: Any?) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONSerialization.jsonObject(with: data))
    }

    /// Posts with the real curl, which gives up after `maxSeconds`; its exit status.
    func curl(_ path: String, body: Data, maxSeconds: Int) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-o", "/dev/null", "--max-time", String(maxSeconds), "-H", "Content-Type: application/json",
                             "--data-binary", "@-", base.appendingPathComponent(path).absoluteString]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(body)
        try input.fileHandleForWriting.close()
        await Task.detached { process.waitUntilExit() }.value
        return process.terminationStatus
    }

    func get(_ path: String, key: String?) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
