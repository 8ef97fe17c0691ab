import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A response's status line and headers, with the address that gave it.
struct ResponseHead: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let url: URL

    func header(_ name: String) -> String? { headers.first(name: name) }
    var isRedirect: Bool { [301, 302, 303, 307, 308].contains(status) }
    /// The `Location` of a redirect, resolved against the request's address.
    var location: URL? { header("Location").flatMap { URL(string: $0, relativeTo: url)?.absoluteURL } }
}

/// The HTTP side of a pull, over one async-http-client whose own redirect handling is off: a HEAD follows only
/// same-host redirects (the Hub's answer to it carries the commit, etag and size, which the CDN's would not), a GET
/// follows every redirect, and the token goes only to the endpoint's host (download hosts get signed URLs).
struct HubTransport: Sendable {
    let client: HTTPClient
    let settings: HubSettings
    static let maximumRedirects = 10
    static let userAgent = "rerank/1.0; hf_hub-compatible"

    /// Runs `body` with a fresh client, shut down afterwards whatever happens.
    static func run<T: Sendable>(_ settings: HubSettings, _ body: (HubTransport) async throws -> T) async throws -> T {
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(settings.metadataTimeout), read: TimeAmount(settings.readTimeout)),
            decompression: .disabled)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let transport = HubTransport(client: client, settings: settings)
        do {
            let value = try await body(transport)
            try? await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// HEAD `url`, following redirects only while they stay on the same host and port.
    func head(_ url: URL) async throws -> ResponseHead {
        var current = url
        for _ in 0...Self.maximumRedirects {
            let response = try await client.execute(request(.HEAD, current), deadline: metadataDeadline)
            _ = try await response.body.collect(upTo: 1 << 20)
            let head = ResponseHead(status: Int(response.status.code), headers: response.headers, url: current)
            guard head.isRedirect, let next = head.location, Self.sameOrigin(next, current) else { return head }
            current = next
        }
        throw TransportFailure.tooManyRedirects(url)
    }

    /// GET `url` (from byte `offset` on, when above zero), following every redirect; the body is left to the caller.
    /// `streaming` requests have no overall deadline: only the read timeout between bytes applies.
    func get(_ url: URL, from offset: Int64 = 0, streaming: Bool) async throws -> (head: ResponseHead, body: HTTPClientResponse.Body) {
        var current = url
        for _ in 0...Self.maximumRedirects {
            var request = request(.GET, current)
            if offset > 0 { request.headers.replaceOrAdd(name: "Range", value: "bytes=\(offset)-") }
            let response = try await client.execute(request, deadline: streaming ? .distantFuture : metadataDeadline)
            let head = ResponseHead(status: Int(response.status.code), headers: response.headers, url: current)
            guard head.isRedirect, let next = head.location else { return (head, response.body) }
            _ = try await response.body.collect(upTo: 1 << 20)
            current = next
        }
        throw TransportFailure.tooManyRedirects(url)
    }

    /// GET `url` and its whole body, at most `limit` bytes.
    func getData(_ url: URL, limit: Int = 64 << 20) async throws -> (head: ResponseHead, body: Data) {
        let (head, body) = try await get(url, streaming: false)
        let buffer = try await body.collect(upTo: limit)
        return (head, Data(buffer.readableBytesView))
    }

    private var metadataDeadline: NIODeadline { .now() + TimeAmount(settings.metadataTimeout) }

    private func request(_ method: HTTPMethod, _ url: URL) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept-Encoding", value: "identity")
        if let token = settings.token, Self.sameOrigin(url, settings.endpoint) {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        return request
    }

    /// Same scheme, host and port.
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && port(a) == port(b)
    }

    private static func port(_ url: URL) -> Int? {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
    }
}

/// Transport problems that are not HTTP statuses.
enum TransportFailure: Error {
    case tooManyRedirects(URL)
}

extension TimeAmount {
    /// The same span as a NIO time amount (nanoseconds).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let clamped = min(max(seconds, 0), 1_000_000_000)
        self = .nanoseconds(clamped * 1_000_000_000 + max(attoseconds, 0) / 1_000_000_000)
    }
}
