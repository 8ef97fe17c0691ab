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
    func delay(afterFailures failures: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maximumDelay) }
        var delay = initialDelay
        for _ in 1..<max(1, failures) where delay < maximumDelay { delay *= 2 }
        return min(delay, maximumDelay)
    }
}
