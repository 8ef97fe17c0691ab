import Prometheus

/// What `GET /metrics` reports, in Prometheus' text format: requests by endpoint and status, pairs and tokens
/// scored, how many pairs each engine list held, request latency and the requests waiting for the engine.
/// A request whose client went away before its answer counts with status 499, as nginx logs it.
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let pairs: Counter
    private let tokens: Counter
    private let listPairs: ValueHistogram
    private let listRequests: ValueHistogram
    private let queueDepth: Gauge

    init() {
        pairs = registry.makeCounter(name: "rerank_pairs_total", help: "Query-passage pairs scored.")
        tokens = registry.makeCounter(name: "rerank_tokens_total", help: "Tokens the model read.")
        listPairs = registry.makeValueHistogram(name: "rerank_batch_pairs", buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
                                                help: "Pairs in each list the engine scored at once.")
        listRequests = registry.makeValueHistogram(name: "rerank_batch_requests", buckets: [1, 2, 4, 8, 16, 32, 64],
                                                   help: "Requests merged into each list the engine scored at once.")
        queueDepth = registry.makeGauge(name: "rerank_queue_depth", help: "Requests waiting for the engine.")
    }

    /// Counts one answered request and its latency.
    func recordRequest(endpoint: String, status: Int, duration: Duration) {
        registry.makeCounter(name: "rerank_requests_total", labels: [("endpoint", endpoint), ("status", String(status))],
                             help: "Requests answered, by endpoint and status.").increment()
        registry.makeDurationHistogram(name: "rerank_request_duration_seconds", labels: [("endpoint", endpoint)],
                                       buckets: Self.latencyBuckets, help: "Time from request to answer.").record(duration)
    }

    /// Counts one list of pairs the engine scored.
    func recordList(_ report: PairBatcher.BatchReport) {
        pairs.increment(by: Int64(report.pairs))
        tokens.increment(by: Int64(report.tokens))
        listPairs.record(Double(report.pairs))
        listRequests.record(Double(report.requests))
    }

    /// The exposition text, with the queue depth as it is now.
    func render(queueDepth depth: Int) -> String {
        queueDepth.set(Double(depth))
        return registry.emitToString()
    }

    private static let latencyBuckets: [Duration] = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000].map(Duration.milliseconds)
}
