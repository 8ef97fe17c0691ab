/// How failed requests are tried again: up to `attempts` times in a row without progress, waiting `initialDelay`,
/// then twice as long each time up to `maximumDelay` (or what the server's `Retry-After` asks, within that bound).
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var initialDelay: Duration
    public var maximumDelay: Duration

    public init(attempts: Int = 5, initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(8)) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// The wait before the next try, after `failures` failures in a row (1 for the first).
    public func delay(afterFailures failures: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maximumDelay) }
        var delay = initialDelay
        for _ in 1..<max(1, failures) where delay < maximumDelay { delay *= 2 }
        return min(delay, maximumDelay)
    }
}

/// A failure worth another try: the error to report when the tries run out, and the wait the server asked for.
public struct RetryableFailure: Error {
    public let error: any Error
    public let retryAfter: Duration?

    public init(error: any Error, retryAfter: Duration?) {
        self.error = error
        self.retryAfter = retryAfter
    }
}

extension RetryPolicy {
    /// `operation`, tried until it succeeds, `classify` throws (a failure for good), or it has failed `attempts`
    /// times in a row; `classify` turns each error into a `RetryableFailure` or throws what to report at once.
    public func run<T>(_ operation: () async throws -> T,
                       classify: (any Error) throws -> RetryableFailure) async throws -> T {
        var failures = 0
        while true {
            do {
                return try await operation()
            } catch {
                let retryable = try classify(error)
                failures += 1
                try await pause(after: failures, retryable)
            }
        }
    }

    /// Sleeps before try number `failures + 1`, or throws the failure's error when the tries are used up.
    public func pause(after failures: Int, _ failure: RetryableFailure) async throws {
        guard failures < attempts else { throw failure.error }
        try await Task.sleep(for: delay(afterFailures: failures, retryAfter: failure.retryAfter))
    }
}
