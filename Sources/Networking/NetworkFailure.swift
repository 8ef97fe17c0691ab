import AsyncHTTPClient
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// What a failed HTTP request says about the network, in words for people: a connection that could not be
/// opened (trying again soon will not help: async-http-client has kept trying until the deadline), a request
/// broken part-way or timed out while reading (worth another try), or a cancelled request.
public enum NetworkFailure: Sendable, Equatable {
    case unreachable(String)
    case interrupted(String)
    case cancelled

    /// Classifies an error thrown by async-http-client or NIO; any other error counts as an interruption.
    public init(_ error: any Error) {
        switch error {
        case let connection as NIOConnectionError where connection.connectionErrors.isEmpty:
            let dns = connection.dnsAError ?? connection.dnsAAAAError
            self = .unreachable(dns == nil ? "no address for \(connection.host)" : "host \(connection.host) not found")
        case let connection as NIOConnectionError:
            self = .unreachable("cannot connect to \(connection.host)")
        case let io as IOError where [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(io.errnoCode):
            self = .unreachable(String(cString: strerror(io.errnoCode)).lowercased())
        case let client as HTTPClientError where client == .connectTimeout:
            self = .unreachable("connection timed out")
        case let client as HTTPClientError where client == .cancelled:
            self = .cancelled
        case is CancellationError:
            self = .cancelled
        default:
            self = .interrupted(Self.describe(error))
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
