import Foundation
import Hummingbird
import Logging
import NIOCore

/// `rerank serve` over HTTP: the rerank endpoints of Text Embeddings Inference (`POST /rerank`), Cohere and Jina
/// (`POST /v1/rerank`, `/v2/rerank`), and `GET /health`, `/info`, `/metrics`. An API key, when set, is asked of
/// every request but `/health`. SIGTERM or SIGINT stop it accepting; requests under way finish first.
public struct RerankServer: Sendable {
    public let service: RerankService
    public let host: String
    public let port: Int
    public let apiKey: String?

    public init(service: RerankService, host: String = "127.0.0.1", port: Int = 8080, apiKey: String? = nil) {
        self.service = service
        self.host = host
        self.port = port
        self.apiKey = apiKey
    }

    /// Runs until a termination signal; `onRunning` gets the port it listens on (useful with port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "rerank-serve")
        logger.logLevel = .warning
        let application = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "rerank"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let service = service, apiKey = apiKey
        router.get("health") { _, _ in Response(status: .ok) }
        router.get("info") { request, _ in
            try await Self.answer(endpoint: "info", request: request, apiKey: apiKey, service: service) { _ in
                try JSONSerialization.data(withJSONObject: service.info(), options: [.sortedKeys])
            }
        }
        router.get("metrics") { request, _ in
            if let refusal = Self.refusal(of: request, apiKey: apiKey) { return refusal }
            let text = service.metrics.render(queueDepth: await service.queueDepth())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.post("rerank") { request, _ in
            try await Self.answer(endpoint: "rerank", request: request, apiKey: apiKey, service: service) { body in
                try Self.encoder.encode(try await service.rerank(try Self.decode(TEIRerankRequest.self, from: body)))
            }
        }
        for version in ["v1", "v2"] {
            router.post("\(version)/rerank") { request, _ in
                try await Self.answer(endpoint: "\(version)/rerank", request: request, apiKey: apiKey,
                                      service: service) { body in
                    try Self.encoder.encode(try await service.rerank(try Self.decode(DocumentRerankRequest.self, from: body)))
                }
            }
        }
        return router
    }

    /// Checks the key, reads the body, runs `handle` — cancelled if the client's connection closes first — and turns
    /// what it returns or throws into a JSON answer, counting it in the metrics.
    private static func answer(endpoint: String, request: Request, apiKey: String?, service: RerankService,
                               _ handle: @escaping @Sendable (Data) async throws -> Data) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        if let refusal = refusal(of: request, apiKey: apiKey) {
            response = refusal
        } else {
            do {
                let data = try await request.body.consumeWithCancellationOnInboundClose { body in
                    let buffer: ByteBuffer
                    do {
                        buffer = try await body.collect(upTo: service.limits.maxBodyBytes)
                    } catch is NIOTooManyBytesError {
                        throw APIError.tooLarge("body", "the request body is larger than \(service.limits.maxBodyBytes) bytes")
                    } catch {
                        throw APIError(status: 400, message: "the request body could not be read: \(error)")
                    }
                    return try await handle(Data(buffer: buffer))
                }
                response = json(data, status: .ok, closing: true)
            } catch let error as APIError {
                response = json(try encoder.encode(error.body), status: .init(code: error.status), closing: true)
            } catch is CancellationError {
                let cancelled = ErrorBody(error: "cancelled: the client went away", errorType: "Cancelled")
                response = json(try encoder.encode(cancelled), status: .init(code: 499), closing: true)
            } catch {
                let failure = ErrorBody(error: "the model failed: \(error)", errorType: "Backend")
                response = json(try encoder.encode(failure), status: .internalServerError, closing: true)
            }
        }
        service.metrics.recordRequest(endpoint: endpoint, status: response.status.code, duration: ContinuousClock.now - start)
        return response
    }

    /// 401 when a key is set and the request does not carry it as `Authorization: Bearer KEY`.
    private static func refusal(of request: Request, apiKey: String?) -> Response? {
        guard let apiKey, request.headers[.authorization] != "Bearer \(apiKey)" else { return nil }
        let body = ErrorBody(error: "missing or wrong API key: send Authorization: Bearer KEY", errorType: "Unauthorized")
        return json((try? encoder.encode(body)) ?? Data(), status: .unauthorized)
    }

    /// The body as `T`: 400 when it is not JSON, 422 naming the field when a field is missing or of the wrong type.
    private static func decode<T: Decodable>(_ type: T.Type, from body: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.invalid(path(context.codingPath + [key]), "\(path(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError.invalid(path(context.codingPath), "\(path(context.codingPath)) should be \(describe(expected))")
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError.invalid(path(context.codingPath), "\(path(context.codingPath)) should be \(describe(expected)), not null")
        } catch {
            throw APIError(status: 400, message: "the body is not valid JSON")
        }
    }

    /// Decodes `body` as the route at `path` does (`/rerank`, else `/v1/rerank` and `/v2/rerank`), throwing the
    /// `APIError` it would answer with: the fuzzer's way to the request decoding without a running server.
    package static func decodeRequestBody(_ body: Data, path: String) throws {
        if path == "/rerank" {
            _ = try decode(TEIRerankRequest.self, from: body)
        } else {
            _ = try decode(DocumentRerankRequest.self, from: body)
        }
    }

    /// `documents[3].text`.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { path, key in
            if let index = key.intValue { return "\(path)[\(index)]" }
            return path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "an integer"
        case is [String].Type: "a list of strings"
        default: "a string or an object with a \"text\""
        }
    }

    /// A JSON answer; `closing` says the connection ends with it, as it does after a body read while watching for
    /// the client to go away (Hummingbird then cannot read a next request on it).
    private static func json(_ data: Data, status: HTTPResponse.Status, closing: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if closing { headers[.connection] = "close" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()
}

