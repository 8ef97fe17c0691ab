/// Problems while evaluating a scorer.
public enum EvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The scorer returned a different number of scores than passages it was given.
    case scoreCountMismatch(scorer: String, queryID: String, expected: Int, received: Int)

    public var description: String {
        switch self {
        case .scoreCountMismatch(let scorer, let queryID, let expected, let received):
            return "scorer \(scorer) returned \(received) scores for the \(expected) candidates of query \(queryID); "
                + "this is a bug in the scorer, please report it"
        }
    }
}
