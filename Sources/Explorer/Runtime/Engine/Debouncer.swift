/// Holds the latest submitted value until no newer one has arrived for `delay`.
///
/// A plain value driven by the caller's clock: the main loop submits each change, waits at most
/// until `deadline`, and asks `take(at:)` for the value once it is due. Tests pass instants.
public struct Debouncer<Value> {
    public let delay: Duration
    private var pending: (value: Value, due: ContinuousClock.Instant)?

    public init(delay: Duration = .milliseconds(150)) {
        self.delay = delay
    }

    /// Replaces any waiting value; it becomes due `delay` after `now`.
    public mutating func submit(_ value: Value, at now: ContinuousClock.Instant = .now) {
        pending = (value, now + delay)
    }

    /// When the waiting value becomes due; nil when nothing waits.
    public var deadline: ContinuousClock.Instant? {
        pending?.due
    }

    /// The waiting value once it is due (and forgets it); nil before then or when nothing waits.
    public mutating func take(at now: ContinuousClock.Instant = .now) -> Value? {
        guard let waiting = pending, waiting.due <= now else { return nil }
        pending = nil
        return waiting.value
    }

    /// Drops the waiting value.
    public mutating func cancel() {
        pending = nil
    }
}
