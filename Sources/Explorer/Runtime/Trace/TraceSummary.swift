import Foundation

/// Percentiles of a `--trace` file: input-to-redraw time, and per scorer the time from a query
/// change to the first ranking (every query that showed one) and to the complete ranking
/// (the queries that were not replaced first). `rerank trace-summary FILE` prints it.
public struct TraceSummary: Sendable, Hashable, CustomStringConvertible {
    /// Nearest-rank percentiles of a set of milliseconds.
    public struct Percentiles: Sendable, Hashable {
        public var count: Int
        public var p50: Double
        public var p99: Double
        public var max: Double

        /// Nil for no samples.
        public init?(_ samples: [Double]) {
            guard !samples.isEmpty else { return nil }
            let sorted = samples.sorted()
            func rank(_ fraction: Double) -> Double {
                sorted[Swift.max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1)]
            }
            count = sorted.count
            p50 = rank(0.5)
            p99 = rank(0.99)
            max = sorted[sorted.count - 1]
        }
    }

    /// Ranking timings of one scorer (or of one pane when the scorer is unknown).
    public struct Ranking: Sendable, Hashable {
        public var scorer: String
        public var first: Percentiles
        /// Nil when no query of this scorer ran to the end.
        public var complete: Percentiles?
    }

    public var redraw: Percentiles?
    /// One entry per scorer, by name.
    public var rankings: [Ranking]
    /// The opening ranking per scorer, from the process's start (one sample per run of the explorer).
    public var startup: [Ranking]
    /// Line numbers (1-based) that were not trace records, such as a line cut by a crash.
    public var skippedLines: [Int]

    /// Summarises the JSON lines of a trace.
    public init(text: String) {
        var redraws: [Double] = []
        var first: [String: [Double]] = [:], complete: [String: [Double]] = [:]
        var startupFirst: [String: [Double]] = [:], startupComplete: [String: [Double]] = [:]
        var skipped: [Int] = []
        let decoder = JSONDecoder()
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let record = try? decoder.decode(TraceRecord.self, from: Data(line.utf8)) else {
                skipped.append(offset + 1)
                continue
            }
            switch record.event {
            case TraceRecord.inputEvent:
                if let milliseconds = record.millisecondsToRedraw { redraws.append(milliseconds) } else { skipped.append(offset + 1) }
            case TraceRecord.paneEvent, TraceRecord.startupEvent:
                guard let firstMilliseconds = record.firstMilliseconds else {
                    skipped.append(offset + 1)
                    continue
                }
                let name = record.scorer ?? "pane \(record.pane ?? 0)"
                let opening = record.event == TraceRecord.startupEvent
                if opening { startupFirst[name, default: []].append(firstMilliseconds) } else { first[name, default: []].append(firstMilliseconds) }
                if let completeMilliseconds = record.completeMilliseconds {
                    if opening { startupComplete[name, default: []].append(completeMilliseconds) } else { complete[name, default: []].append(completeMilliseconds) }
                }
            default:
                skipped.append(offset + 1)
            }
        }
        redraw = Percentiles(redraws)
        func rankingsByScorer(_ first: [String: [Double]], _ complete: [String: [Double]]) -> [Ranking] {
            first.keys.sorted().compactMap { name in
                Percentiles(first[name] ?? []).map { Ranking(scorer: name, first: $0, complete: Percentiles(complete[name] ?? [])) }
            }
        }
        rankings = rankingsByScorer(first, complete)
        startup = rankingsByScorer(startupFirst, startupComplete)
        skippedLines = skipped
    }

    /// Reads and summarises a trace file.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TraceError.cannotRead(url, reason: error.localizedDescription)
        }
        self.init(text: text)
    }

    /// A short report for people.
    public var description: String {
        var lines: [String] = []
        if let redraw {
            lines.append("input → redraw: \(Self.format(redraw)) over \(redraw.count) events")
        } else {
            lines.append("input → redraw: no input events")
        }
        for ranking in rankings {
            let complete = ranking.complete.map { "complete \(Self.format($0)) over \($0.count)" } ?? "none complete"
            lines.append("\(ranking.scorer): first ranking \(Self.format(ranking.first)) over \(ranking.first.count) queries; \(complete)")
        }
        for ranking in startup {
            let complete = ranking.complete.map { "complete \(Self.format($0))" } ?? "not complete"
            lines.append("\(ranking.scorer), from the process's start: first ranking \(Self.format(ranking.first)); \(complete) over \(ranking.first.count) start(s)")
        }
        if !skippedLines.isEmpty {
            let shown = skippedLines.prefix(5).map(String.init).joined(separator: ", ")
            lines.append("skipped \(skippedLines.count) line(s) that are not trace records (line \(shown)\(skippedLines.count > 5 ? ", …" : ""))")
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ percentiles: Percentiles) -> String {
        func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }
        return "p50 \(milliseconds(percentiles.p50)), p99 \(milliseconds(percentiles.p99)), max \(milliseconds(percentiles.max))"
    }
}
