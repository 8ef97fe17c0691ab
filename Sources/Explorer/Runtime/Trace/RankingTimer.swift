/// How long one pane took to rank after the query changed.
public struct PaneTiming: Sendable, Hashable {
    public var pane: PaneID
    /// The pane's scorer name, when the engine announced it.
    public var scorer: String?
    /// Query change → first partial ranking.
    public var firstMilliseconds: Double
    /// Query change → complete ranking; nil when the query changed again before the pane finished.
    public var completeMilliseconds: Double?
    public var passages: Int
    /// True for the ranking the explorer shows as it opens, timed from the process's start.
    public var sinceProcessStart: Bool

    public init(pane: PaneID, scorer: String?, firstMilliseconds: Double, completeMilliseconds: Double?, passages: Int,
                sinceProcessStart: Bool = false) {
        self.pane = pane
        self.scorer = scorer
        self.firstMilliseconds = firstMilliseconds
        self.completeMilliseconds = completeMilliseconds
        self.passages = passages
        self.sinceProcessStart = sinceProcessStart
    }
}

/// Turns engine events into per-pane timings measured from the query change (debounce included).
///
/// Call `queryChanged` when the user changes the query, with the generation the request will
/// carry; pass every engine event to `observe`, which returns a timing when a pane finishes.
/// A pane that showed a first ranking but was still scoring when the query changed again is
/// returned by that `queryChanged`, without a complete time, so fast typing still counts.
public struct RankingTimer: Sendable {
    private var generation: Int?
    private var changedAt: ContinuousClock.Instant = .now
    private var firstPartial: [PaneID: ContinuousClock.Instant] = [:]
    private var scorers: [PaneID: String] = [:]
    private var totals: [PaneID: Int] = [:]
    /// True until the first query change: the timings are of the opening ranking, from the process's start.
    private var timingStartup = false

    public init() {}

    /// Also times the opening ranking (the explorer's first request, generation 1) from `start`.
    public init(openingRankingFrom start: ContinuousClock.Instant) {
        generation = 1
        changedAt = start
        timingStartup = true
    }

    /// The process's start, for `init(openingRankingFrom:)`.
    public static var processStart: ContinuousClock.Instant { ProcessStart.instant }

    /// Starts timing a new query; returns the panes of the previous one that never finished.
    public mutating func queryChanged(generation: Int, at instant: ContinuousClock.Instant = .now) -> [PaneTiming] {
        let unfinished = firstPartial.sorted { $0.key.rawValue < $1.key.rawValue }.map { pane, first in
            PaneTiming(pane: pane, scorer: scorers[pane], firstMilliseconds: changedAt.duration(to: first).milliseconds,
                       completeMilliseconds: nil, passages: totals[pane] ?? 0, sinceProcessStart: timingStartup)
        }
        timingStartup = false
        self.generation = generation
        changedAt = instant
        firstPartial.removeAll(keepingCapacity: true)
        totals.removeAll(keepingCapacity: true)
        return unfinished
    }

    public mutating func observe(_ event: EngineEvent, at instant: ContinuousClock.Instant = .now) -> PaneTiming? {
        switch event {
        case .loaded(let pane, let info):
            scorers[pane] = info.name
        case .partial(let eventGeneration, let pane, _, _, let total):
            guard eventGeneration == generation else { return nil }
            totals[pane] = total
            if firstPartial[pane] == nil { firstPartial[pane] = instant }
        case .finished(let eventGeneration, let pane, _):
            guard eventGeneration == generation else { return nil }
            let first = firstPartial.removeValue(forKey: pane) ?? instant
            return PaneTiming(pane: pane, scorer: scorers[pane], firstMilliseconds: changedAt.duration(to: first).milliseconds,
                              completeMilliseconds: changedAt.duration(to: instant).milliseconds, passages: totals[pane] ?? 0,
                              sinceProcessStart: timingStartup)
        case .failed, .downloading, .setScored, .setFailed, .explanation:
            break
        }
        return nil
    }
}
