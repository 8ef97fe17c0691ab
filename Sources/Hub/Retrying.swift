import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A failure worth another try: the error to report when the tries run out, and the wait the server asked for.
struct TransientFailure: Error {
    let error: HubError
    let retryAfter: Duration?
}

/// Runs requests under a `RetryPolicy`: statuses 408, 429 and 5xx, read timeouts and connections broken part-way are
/// tried again after a growing pause. Everything else fails at once — also a connection that could not be opened
/// (unknown host, refused, unreachable), which async-http-client has already kept trying until the request's deadline.
struct Retrying: Sendable {
    let policy: RetryPolicy
    let repository: String
    let endpoint: URL

    /// `operation`, tried until it succeeds, fails for good, or has failed `policy.attempts` times.
    func run<T>(_ operation: () async throws -> T) async throws -> T {
        var failures = 0
        while true {
            do {
                return try await operation()
            } catch {
                let transient = try classify(error)
                failures += 1
                try await pause(after: failures, transient)
            }
        }
    }

    /// Sleeps before try number `failures + 1`, or throws the failure's error when the tries are used up.
    func pause(after failures: Int, _ failure: TransientFailure) async throws {
        guard failures < policy.attempts else { throw failure.error }
        try await Task.sleep(for: policy.delay(afterFailures: failures, retryAfter: failure.retryAfter))
    }

    /// A transient failure to try again, or (thrown) the error to report now.
    func classify(_ error: any Error) throws -> TransientFailure {
        switch error {
        case let transient as TransientFailure: return transient
        case is HubError, is CancellationError: throw error
        case let connection as NIOConnectionError where connection.connectionErrors.isEmpty:
            let dns = connection.dnsAError ?? connection.dnsAAAAError
            throw HubError.unreachable(repository, endpoint: endpoint.absoluteString,
                                       detail: dns == nil ? "no address for \(connection.host)" : "host \(connection.host) not found")
        case let connection as NIOConnectionError:
            throw HubError.unreachable(repository, endpoint: endpoint.absoluteString, detail: "cannot connect to \(connection.host)")
        case let io as IOError where [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(io.errnoCode):
            throw HubError.unreachable(repository, endpoint: endpoint.absoluteString, detail: String(cString: strerror(io.errnoCode)).lowercased())
        case let client as HTTPClientError where client == .connectTimeout:
            throw HubError.unreachable(repository, endpoint: endpoint.absoluteString, detail: "connection timed out")
        case TransportFailure.tooManyRedirects(let url):
            throw HubError.invalidResponse(repository, detail: "more than \(HubTransport.maximumRedirects) redirects from \(url.absoluteString)")
        case let client as HTTPClientError where client == .cancelled:
            throw CancellationError()
        default:
            return TransientFailure(error: .unreachable(repository, endpoint: endpoint.absoluteString, detail: Self.describe(error)),
                                    retryAfter: nil)
        }
    }

    /// A short account of a network error.
    private static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .readTimeout: return "no data for too long"
            case .deadlineExceeded: return "the request timed out"
            case .remoteConnectionClosed: return "the connection was closed"
            default: return "\(client)"
            }
        }
        return "\(error)"
    }
}
