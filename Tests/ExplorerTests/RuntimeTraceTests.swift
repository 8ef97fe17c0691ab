import Testing
import Foundation
import Explorer
import Inference
import TestSupport

@Suite("Trace writer and summary")
struct RuntimeTraceTests {
    @Test func writerAppendsJSONLinesTheSummaryReads() throws {
        let directory = try Fixtures.temporaryDirectory("rerank-trace")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("trace.jsonl")
        try Data("{\"event\":\"key\",\"key\":\"up\",\"ms_to_redraw\":100}\n".utf8).write(to: url)

        let writer = try TraceWriter(fileURL: url)
        for milliseconds in 1...99 { writer.recordInput(.control("a"), millisecondsToRedraw: Double(milliseconds)) }
        writer.recordInput(.paste("secret text"), millisecondsToRedraw: 3)
        writer.recordPane(PaneTiming(pane: PaneID(0), scorer: "mini", firstMilliseconds: 120, completeMilliseconds: 900, passages: 100))
        writer.recordPane(PaneTiming(pane: PaneID(0), scorer: "mini", firstMilliseconds: 80, completeMilliseconds: 700, passages: 100))
        writer.recordPane(PaneTiming(pane: PaneID(2), scorer: nil, firstMilliseconds: 1.5, completeMilliseconds: 1.5, passages: 100))
        writer.close()

        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 104)
        #expect(lines[1] == "{\"event\":\"key\",\"key\":\"ctrl-a\",\"ms_to_redraw\":1}")
        #expect(lines[100] == "{\"event\":\"key\",\"key\":\"paste(11)\",\"ms_to_redraw\":3}")
        #expect(lines[101] == "{\"complete_ms\":900,\"event\":\"pane\",\"first_ms\":120,\"pane\":0,\"passages\":100,\"scorer\":\"mini\"}")
        #expect(!text.contains("secret"))

        let summary = try TraceSummary(contentsOf: url)
        #expect(summary.redraw?.count == 101)
        #expect(summary.redraw?.p50 == 50)
        #expect(summary.redraw?.p99 == 99)
        #expect(summary.redraw?.max == 100)
        #expect(summary.rankings.map(\.scorer) == ["mini", "pane 2"])
        #expect(summary.rankings.first?.first.p50 == 80)
        #expect(summary.rankings.first?.complete?.max == 900)
        #expect(summary.skippedLines.isEmpty)
    }

    @Test func summarySkipsLinesThatAreNotRecords() {
        let text = """
        {"event":"key","key":"q","ms_to_redraw":2.5}

        {"event":"key","key":"q"
        {"event":"other"}
        {"event":"pane","pane":1,"first_ms":10,"complete_ms":20,"passages":5}
        {"event":"pane","pane":1,"first_ms":30,"passages":5}
        {"event":"pane","pane":2,"first_ms":40,"passages":5}
        """
        let summary = TraceSummary(text: text)
        #expect(summary.skippedLines == [3, 4])
        #expect(summary.redraw?.p99 == 2.5)
        #expect(summary.description == """
        input → redraw: p50 2.5 ms, p99 2.5 ms, max 2.5 ms over 1 events
        pane 1: first ranking p50 10.0 ms, p99 30.0 ms, max 30.0 ms over 2 queries; complete p50 20.0 ms, p99 20.0 ms, max 20.0 ms over 1
        pane 2: first ranking p50 40.0 ms, p99 40.0 ms, max 40.0 ms over 1 queries; none complete
        skipped 2 line(s) that are not trace records (line 3, 4)
        """)
    }

    @Test func missingTraceFileIsAnError() {
        let url = URL(fileURLWithPath: "/nonexistent/trace.jsonl")
        #expect(throws: TraceError.self) { try TraceSummary(contentsOf: url) }
        #expect(throws: TraceError.self) { try TraceWriter(fileURL: url) }
    }

    @Test func timerMeasuresFromTheQueryChange() {
        let start = ContinuousClock.now
        var timer = RankingTimer()
        let info = ScorerInfo(name: "bm25", kind: .lexical, maxLength: nil, summary: "", scoreName: "BM25", probabilityName: nil)
        #expect(timer.queryChanged(generation: 3, at: start).isEmpty)
        #expect(timer.observe(.loaded(pane: PaneID(1), info: info), at: start) == nil)
        #expect(timer.observe(.partial(generation: 2, pane: PaneID(1), scores: [:], completed: 1, total: 9), at: start + .milliseconds(5)) == nil)
        #expect(timer.observe(.finished(generation: 2, pane: PaneID(1), seconds: 0), at: start + .milliseconds(6)) == nil)
        #expect(timer.observe(.partial(generation: 3, pane: PaneID(1), scores: [:], completed: 4, total: 8), at: start + .milliseconds(160)) == nil)
        #expect(timer.observe(.partial(generation: 3, pane: PaneID(1), scores: [:], completed: 8, total: 8), at: start + .milliseconds(190)) == nil)
        let timing = timer.observe(.finished(generation: 3, pane: PaneID(1), seconds: 0), at: start + .milliseconds(200))
        #expect(timing == PaneTiming(pane: PaneID(1), scorer: "bm25", firstMilliseconds: 160, completeMilliseconds: 200, passages: 8))
    }

    @Test func aQueryReplacedWhileScoringStillCountsItsFirstRanking() {
        let start = ContinuousClock.now
        var timer = RankingTimer()
        _ = timer.queryChanged(generation: 1, at: start)
        #expect(timer.observe(.partial(generation: 1, pane: PaneID(0), scores: [:], completed: 4, total: 100), at: start + .milliseconds(190)) == nil)
        #expect(timer.observe(.partial(generation: 1, pane: PaneID(2), scores: [:], completed: 100, total: 100), at: start + .milliseconds(152)) == nil)
        #expect(timer.observe(.finished(generation: 1, pane: PaneID(2), seconds: 0), at: start + .milliseconds(153)) != nil)
        let unfinished = timer.queryChanged(generation: 2, at: start + .milliseconds(600))
        #expect(unfinished == [PaneTiming(pane: PaneID(0), scorer: nil, firstMilliseconds: 190, completeMilliseconds: nil, passages: 100)])
        #expect(timer.queryChanged(generation: 3, at: start + .milliseconds(700)).isEmpty)
    }

    @Test("the opening ranking is timed from the process's start, and told apart in the trace and its summary")
    func openingRankingFromProcessStart() throws {
        let start = ContinuousClock.now
        var timer = RankingTimer(openingRankingFrom: start)
        #expect(timer.observe(.partial(generation: 1, pane: PaneID(0), scores: [:], completed: 2, total: 8), at: start + .milliseconds(400)) == nil)
        let openingTiming = timer.observe(.finished(generation: 1, pane: PaneID(0), seconds: 0), at: start + .milliseconds(900))
        let opening = try #require(openingTiming)
        #expect(opening == PaneTiming(pane: PaneID(0), scorer: nil, firstMilliseconds: 400, completeMilliseconds: 900, passages: 8,
                                      sinceProcessStart: true))
        _ = timer.queryChanged(generation: 2, at: start + .milliseconds(1_000))
        _ = timer.observe(.partial(generation: 2, pane: PaneID(0), scores: [:], completed: 8, total: 8), at: start + .milliseconds(1_100))
        let typedTiming = timer.observe(.finished(generation: 2, pane: PaneID(0), seconds: 0), at: start + .milliseconds(1_200))
        let typed = try #require(typedTiming)
        #expect(!typed.sinceProcessStart)

        let directory = try Fixtures.temporaryDirectory("rerank-trace")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("trace.jsonl")
        let writer = try TraceWriter(fileURL: url)
        writer.recordPane(opening)
        writer.recordPane(typed)
        writer.close()
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("{\"complete_ms\":900,\"event\":\"startup\","))
        let summary = try TraceSummary(contentsOf: url)
        #expect(summary.startup.first?.complete?.p50 == 900)
        #expect(summary.rankings.first?.complete?.p50 == 200)
        #expect(summary.description.contains("pane 0, from the process's start: first ranking p50 400.0 ms"))
    }

    @Test("the process's start is read from the system, before now")
    func processStart() {
        let sinceStart = RankingTimer.processStart.duration(to: .now)
        #expect(sinceStart > .zero)
        #expect(sinceStart < .seconds(24 * 3600))
    }
}
