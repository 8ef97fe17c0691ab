import Foundation
import Networking

/// What a Hub error response means, from its status and its `X-Error-Code` / `X-Error-Message` headers.
struct HubStatus {
    let repository: String
    let revision: String
    let settings: HubSettings

    /// The error for a response that is neither a success nor a followed redirect; statuses worth another try
    /// (408, 429, 5xx) come back as a `RetryableFailure`.
    func failure(_ head: ResponseHead, file: String? = nil) -> any Error {
        let code = head.header("X-Error-Code")
        let message = head.header("X-Error-Message")
        let tokenSent = settings.token != nil && HubTransport.sameOrigin(head.url, settings.endpoint)
        switch code {
        case "RepoNotFound": return HubError.repositoryNotFound(repository, endpoint: settings.endpoint.absoluteString, tokenSent: tokenSent)
        case "GatedRepo": return HubError.gated(repository, tokenSent: tokenSent)
        case "RevisionNotFound": return HubError.revisionNotFound(repository, revision: revision)
        case "EntryNotFound": return HubError.fileNotFound(repository, revision: revision, file: file ?? "?")
        default: break
        }
        switch head.status {
        case 401: return HubError.repositoryNotFound(repository, endpoint: settings.endpoint.absoluteString, tokenSent: tokenSent)
        case 403: return HubError.gated(repository, tokenSent: tokenSent)
        case 404 where file != nil: return HubError.fileNotFound(repository, revision: revision, file: file ?? "?")
        case 404: return HubError.repositoryNotFound(repository, endpoint: settings.endpoint.absoluteString, tokenSent: tokenSent)
        default:
            let error = HubError.httpStatus(repository, status: head.status, url: head.url.absoluteString, message: message)
            guard head.status == 408 || head.status == 429 || (500...599).contains(head.status) else { return error }
            return RetryableFailure(error: error, retryAfter: head.header("Retry-After").flatMap(Int.init).map { .seconds($0) })
        }
    }
}
