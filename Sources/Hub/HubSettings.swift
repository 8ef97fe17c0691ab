import Foundation
import Networking
import ModelStore

/// How to reach the Hub and where its files go, read from the environment the way `huggingface_hub` reads it:
/// `HF_ENDPOINT`, `HF_TOKEN` (then `HUGGING_FACE_HUB_TOKEN`, the file `HF_TOKEN_PATH`, `$HF_HOME/token`),
/// `HF_HUB_OFFLINE` / `TRANSFORMERS_OFFLINE`, `HF_HUB_ETAG_TIMEOUT`, `HF_HUB_DOWNLOAD_TIMEOUT`, and the cache
/// folder `SearchEnvironment` chooses.
public struct HubSettings: Sendable {
    /// The Hub's address, without a trailing slash (`https://huggingface.co` unless `HF_ENDPOINT` says otherwise).
    public var endpoint: URL
    /// Sent as `Authorization: Bearer TOKEN` to the endpoint's host (never to the hosts it redirects downloads to).
    public var token: String?
    /// Never touch the network: only what the cache holds is used.
    public var offline: Bool
    /// The Hugging Face hub cache folder.
    public var cache: URL
    /// Time allowed for a metadata request (the revision's file list, a file's HEAD), and for opening a connection.
    public var metadataTimeout: Duration
    /// Time a download may go without receiving a byte before it counts as failed (and is resumed).
    public var readTimeout: Duration
    /// How often, and how patiently, failed requests and cut transfers are tried again.
    public var retry: RetryPolicy

    public static let defaultEndpoint = "https://huggingface.co"

    public init(endpoint: URL, token: String? = nil, offline: Bool = false, cache: URL,
                metadataTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(10), retry: RetryPolicy = RetryPolicy()) {
        self.endpoint = endpoint
        self.token = token
        self.offline = offline
        self.cache = cache
        self.metadataTimeout = metadataTimeout
        self.readTimeout = readTimeout
        self.retry = retry
    }

    /// Settings from environment variables; throws when `HF_ENDPOINT` is not an http(s) address.
    public init(environment variables: [String: String] = ProcessInfo.processInfo.environment) throws(HubError) {
        let environment = SearchEnvironment(variables: variables)
        let text = environment.variable("HF_ENDPOINT") ?? Self.defaultEndpoint
        guard let endpoint = Self.endpoint(text) else { throw HubError.invalidEndpoint(text) }
        self.init(endpoint: endpoint, token: Self.token(environment),
                  offline: Self.isTrue(environment.variable("HF_HUB_OFFLINE")) || Self.isTrue(environment.variable("TRANSFORMERS_OFFLINE")),
                  cache: environment.huggingFaceCache,
                  metadataTimeout: Self.seconds(environment.variable("HF_HUB_ETAG_TIMEOUT")) ?? .seconds(10),
                  readTimeout: Self.seconds(environment.variable("HF_HUB_DOWNLOAD_TIMEOUT")) ?? .seconds(10))
    }

    /// An http(s) URL with a host, its trailing slashes removed; nil otherwise.
    static func endpoint(_ text: String) -> URL? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    /// The first token found: `HF_TOKEN`, `HUGGING_FACE_HUB_TOKEN`, then the file `HF_TOKEN_PATH` or `$HF_HOME/token`;
    /// surrounding white space removed, empty meaning none.
    static func token(_ environment: SearchEnvironment) -> String? {
        let file = environment.variable("HF_TOKEN_PATH").map { environment.expand($0) }
            ?? environment.huggingFaceHome.appendingPathComponent("token")
        let candidates = [environment.variable("HF_TOKEN"), environment.variable("HUGGING_FACE_HUB_TOKEN"),
                          try? String(contentsOf: file, encoding: .utf8)]
        return candidates.lazy.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
    }

    /// `huggingface_hub`'s truth values: 1, ON, YES or TRUE in any case.
    static func isTrue(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["1", "ON", "YES", "TRUE"].contains(value.trimmingCharacters(in: .whitespaces).uppercased())
    }

    /// A positive number of seconds, else nil.
    private static func seconds(_ value: String?) -> Duration? {
        guard let value, let seconds = Double(value), seconds > 0, seconds.isFinite else { return nil }
        return .milliseconds(Int64(min(seconds, 86_400) * 1000))
    }
}
