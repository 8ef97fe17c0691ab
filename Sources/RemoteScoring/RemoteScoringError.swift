/// Why a remote scorer gave no scores, in one line naming the server.
public enum RemoteScoringError: Error, CustomStringConvertible, Sendable {
    case unreachable(String, detail: String)
    case refused(String, status: Int, message: String)
    case invalidResponse(String, detail: String)

    public var description: String {
        switch self {
        case .unreachable(let name, let detail):
            "\(name): cannot reach the server (\(detail)); check that it runs and the address"
        case .refused(let name, let status, let message):
            "\(name): the server answered \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .invalidResponse(let name, let detail):
            "\(name): the server's answer is not a rerank answer (\(detail))"
        }
    }
}
