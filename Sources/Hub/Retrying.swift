import Foundation
import Networking

/// Hub requests under a `RetryPolicy`: statuses 408, 429 and 5xx, read timeouts and connections broken part-way are
/// tried again after a growing pause. Everything else fails at once — also a connection that could not be opened
/// (unknown host, refused, unreachable), which async-http-client has already kept trying until the request's deadline.
struct Retrying: Sendable {
    let policy: RetryPolicy
    let repository: String
    let endpoint: URL

    /// `operation`, tried until it succeeds, fails for good, or has failed `policy.attempts` times.
    func run<T>(_ operation: () async throws -> T) async throws -> T {
        try await policy.run(operation, classify: classify)
    }

    /// Sleeps before try number `failures + 1`, or throws the failure's error when the tries are used up.
    func pause(after failures: Int, _ failure: RetryableFailure) async throws {
        try await policy.pause(after: failures, failure)
    }

    /// A transient failure to try again, or (thrown) the error to report now.
    func classify(_ error: any Error) throws -> RetryableFailure {
        switch error {
        case let retryable as RetryableFailure: return retryable
        case is HubError, is CancellationError: throw error
        case TransportFailure.tooManyRedirects(let url):
            throw HubError.invalidResponse(repository, detail: "more than \(HubTransport.maximumRedirects) redirects from \(url.absoluteString)")
        default:
            switch NetworkFailure(error) {
            case .unreachable(let detail): throw HubError.unreachable(repository, endpoint: endpoint.absoluteString, detail: detail)
            case .cancelled: throw CancellationError()
            case .interrupted(let detail):
                return RetryableFailure(error: HubError.unreachable(repository, endpoint: endpoint.absoluteString, detail: detail),
                                        retryAfter: nil)
            }
        }
    }
}
