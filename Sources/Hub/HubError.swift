/// Everything that can go wrong bringing a model from the Hub, each a one-line message that names the repository
/// and says what to do.
public enum HubError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Hub knows no such repository (or it is private and no token that may read it was sent).
    case repositoryNotFound(String, endpoint: String, tokenSent: Bool)
    /// The repository is gated or private, and the request carried no token (or one without access).
    case gated(String, tokenSent: Bool)
    case revisionNotFound(String, revision: String)
    case fileNotFound(String, revision: String, file: String)
    /// Offline (`HF_HUB_OFFLINE` or `--offline`) and the cache has no snapshot of the revision.
    case offlineNotCached(String, cache: String)
    case diskFull(String, folder: String)
    /// The Hub could not be reached, after retries where they could help.
    case unreachable(String, endpoint: String, detail: String)
    /// Any other unexpected HTTP status.
    case httpStatus(String, status: Int, url: String, message: String?)
    /// The bytes received do not have the hash the Hub named them by; nothing was linked.
    case corruptDownload(String, file: String, expected: String, actual: String)
    /// The bytes received are more or fewer than the Hub announced.
    case sizeMismatch(String, file: String, expected: Int64, actual: Int64)
    /// The server's answer lacks what the Hub protocol promises (a commit, an etag, a size, valid JSON).
    case invalidResponse(String, detail: String)
    /// The repository has none of the weight files rerank reads.
    case noWeights(String, revision: String)
    /// `HF_ENDPOINT` is not an http(s) address.
    case invalidEndpoint(String)
    /// The cache folder could not be written (permissions, a read-only disk).
    case cacheUnwritable(String, path: String, detail: String)

    public var description: String {
        switch self {
        case .repositoryNotFound(let repository, let endpoint, let tokenSent):
            return "\(repository): no such model repository on \(endpoint); check the name (ORG/NAME, as on the model's page)"
                + (tokenSent ? ", and that your token may read it if it is private" : "; if it is private, set HF_TOKEN to a token that may read it")
        case .gated(let repository, let tokenSent):
            return tokenSent
                ? "\(repository) is gated or private and the token in HF_TOKEN has no access: accept its terms on the model's page with that account, or use another token"
                : "\(repository) is gated or private: accept its terms on the model's page, then set HF_TOKEN to an access token of that account"
        case .revisionNotFound(let repository, let revision):
            return "\(repository) has no revision '\(revision)' (a branch, tag or commit id); check the name after @"
        case .fileNotFound(let repository, let revision, let file):
            return "\(repository)@\(revision) has no file \(file), which a model needs; check the repository's files on its page"
        case .offlineNotCached(let repository, let cache):
            return "\(repository) is not in the Hugging Face cache (\(cache)) and offline mode (HF_HUB_OFFLINE or --offline) "
                + "forbids downloading it; run `rerank models pull \(repository)` with network access first"
        case .diskFull(let repository, let folder):
            return "\(repository): the disk holding \(folder) is full; free some space and pull again (the download resumes)"
        case .unreachable(let repository, let endpoint, let detail):
            return "\(repository): cannot reach \(endpoint) (\(detail)); check the network, or set HF_HUB_OFFLINE=1 to use only cached models"
        case .httpStatus(let repository, let status, let url, let message):
            return "\(repository): the Hub answered HTTP \(status) for \(url)" + (message.map { ": \($0)" } ?? "") + "; try again later"
        case .corruptDownload(let repository, let file, let expected, let actual):
            return "\(repository): \(file) arrived damaged (its hash is \(actual), the Hub names it \(expected)); nothing was kept — pull again"
        case .sizeMismatch(let repository, let file, let expected, let actual):
            return "\(repository): \(file) arrived with \(actual) bytes where the Hub announced \(expected); nothing was kept — pull again"
        case .invalidResponse(let repository, let detail):
            return "\(repository): the server's answer is not what the Hugging Face Hub sends (\(detail)); check HF_ENDPOINT"
        case .noWeights(let repository, let revision):
            return "\(repository)@\(revision) has no PyTorch weights (model.safetensors, pytorch_model.bin or a sharded index of either); "
                + "rerank cannot run it"
        case .invalidEndpoint(let text):
            return "HF_ENDPOINT '\(text)' is not an http(s) address such as https://huggingface.co"
        case .cacheUnwritable(let repository, let path, let detail):
            return "\(repository): cannot write the Hugging Face cache at \(path) (\(detail)); check its permissions, or set HF_HUB_CACHE to a writable folder"
        }
    }
}
