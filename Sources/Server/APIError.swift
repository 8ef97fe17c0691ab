/// A request `rerank serve` refuses: its HTTP status, what is wrong, and the field it concerns.
struct APIError: Error, Sendable {
    var status: Int
    var message: String
    var field: String?

    /// TEI's names for the kinds of error, which its clients show.
    var errorType: String {
        switch status {
        case 401: "Unauthorized"
        case 413: "Validation"
        case 422: "Validation"
        case 400: "Bad Request"
        case 503: "Overloaded"
        default: "Backend"
        }
    }

    var body: ErrorBody { ErrorBody(error: message, errorType: errorType, field: field) }

    static func invalid(_ field: String, _ message: String) -> APIError { APIError(status: 422, message: message, field: field) }
    static func tooLarge(_ field: String, _ message: String) -> APIError { APIError(status: 413, message: message, field: field) }
}
