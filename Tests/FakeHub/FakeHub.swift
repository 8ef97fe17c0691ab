import Foundation
import Hummingbird
import Logging
import Synchronization

/// A Hugging Face Hub for tests, on 127.0.0.1 with a port the system chooses. It answers the revision API and
/// `resolve` as the Hub does (ETag = git blob sha1 and X-Repo-Commit for small files; a 302 to another host name,
/// `localhost`, serving `/lfs/SHA256` with `Range` support for LFS files; errors with `X-Error-Code`), and plays
/// scenarios: transfers cut part-way, ranges ignored, corrupt bytes, gated repositories, unservable files.
public final class FakeHub: Sendable {
    /// `http://127.0.0.1:PORT`, for `HF_ENDPOINT`.
    public let endpoint: URL
    /// The host name LFS downloads are redirected to: the same server under another name.
    public static let downloadHost = "localhost"
    let state: FakeHubStore
    private let server: Task<Void, any Error>

    /// Starts a hub serving `repositories`; stop it with `stop()`.
    public static func start(_ repositories: [FakeRepository]) async throws -> FakeHub {
        let state = FakeHubStore(FakeHubState(repositories: repositories))
        let responder = FakeHubResponder(state: state)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await responder.respond(to: request) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Self.quietLogger)
        let server = Task { try await application.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0, let endpoint = URL(string: "http://127.0.0.1:\(port)") else {
            server.cancel()
            throw FakeHubError.didNotStart
        }
        state.withLock { $0.port = port }
        return FakeHub(endpoint: endpoint, state: state, server: server)
    }

    /// Tests need no server log: cut transfers and shutdowns are expected here.
    private static var quietLogger: Logger {
        var logger = Logger(label: "fake-hub")
        logger.logLevel = .critical
        return logger
    }

    private init(endpoint: URL, state: FakeHubStore, server: Task<Void, any Error>) {
        self.endpoint = endpoint
        self.state = state
        self.server = server
    }

    /// Stops the server and waits until it has.
    public func stop() async {
        server.cancel()
        _ = await server.result
    }

    /// Every request so far, in arrival order.
    public var requests: [FakeHubRequest] { state.withLock { $0.requests } }

    /// Adds or replaces a repository.
    public func serve(_ repository: FakeRepository) {
        state.withLock { $0.repositories[repository.name] = repository }
    }

    /// The next downloads of the LFS file `path` of `repository` stop after the given numbers of bytes, one number
    /// per download (the connection is closed although more bytes were announced); an empty list ends the cuts.
    public func cutTransfers(of path: String, in repository: String, after bytes: [Int]) {
        state.withLock { state in
            guard let etag = state.repositories[repository]?.etag(path) else { return }
            state.cuts[etag] = bytes
        }
    }

    /// LFS downloads trickle at about `bytesPerSecond`, so a test can watch a download under way.
    public func slowDownloads(bytesPerSecond: Int) {
        state.withLock { $0.bytesPerSecond = max(1, bytesPerSecond) }
    }

    /// LFS downloads answer every `Range` request with the whole file (200), as some servers do.
    public func ignoreRanges() {
        state.withLock { $0.ignoresRanges = true }
    }

    /// The LFS file `path` of `repository` is served with one byte changed (its etag still names the true bytes).
    public func corrupt(_ path: String, in repository: String) {
        state.withLock { state in
            guard let etag = state.repositories[repository]?.etag(path) else { return }
            state.corrupted.insert(etag)
        }
    }
}

/// One request the fake hub received.
public struct FakeHubRequest: Sendable {
    public let method: String
    /// The path, percent-decoded.
    public let path: String
    /// `HOST:PORT` as the client addressed it.
    public let host: String
    public let authorization: String?
    public let range: String?
}

/// The fake hub's state behind a lock, shared by the server and the test.
final class FakeHubStore: Sendable {
    private let mutex: Mutex<FakeHubState>

    init(_ state: FakeHubState) {
        mutex = Mutex(state)
    }

    func withLock<T>(_ body: (inout FakeHubState) -> T) -> T {
        mutex.withLock { body(&$0) }
    }
}

/// What the fake hub serves and the scenarios it plays.
struct FakeHubState {
    var repositories: [String: FakeRepository]
    var port = 0
    var requests: [FakeHubRequest] = []
    /// Cut downloads by etag: the bytes each of the next downloads sends before closing.
    var cuts: [String: [Int]] = [:]
    var corrupted: Set<String> = []
    var ignoresRanges = false
    /// When set, LFS bodies are sent in small pieces at about this rate.
    var bytesPerSecond: Int?

    init(repositories: [FakeRepository]) {
        self.repositories = Dictionary(repositories.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
    }
}

/// The fake hub's own failures.
public enum FakeHubError: Error, CustomStringConvertible {
    case didNotStart
    public var description: String { "the fake hub did not start listening" }
}
