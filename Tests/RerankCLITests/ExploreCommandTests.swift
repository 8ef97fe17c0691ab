import Foundation
import Testing
import TestSupport

/// `rerank explore` and `rerank trace-summary` where no terminal is needed: problems found before
/// the screen opens, and the refusal to start without a terminal.
@Suite("rerank explore without a terminal, and trace-summary", .enabled(if: RerankBinary.available))
struct ExploreCommandTests {
    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles()
        environment = RerankBinary.environment(home: files.directory)
    }

    @Test("without a terminal the explorer says so and fails")
    func needsATerminal() throws {
        // setsid: a new session has no controlling terminal, so /dev/tty cannot be opened either.
        let setsid = URL(fileURLWithPath: "/usr/bin/setsid")
        try #require(FileManager.default.isExecutableFile(atPath: setsid.path))
        let binary = try #require(RerankBinary.url)
        let process = Process()
        process.executableURL = setsid
        process.arguments = ["--wait", binary.path, "explore", "--model", "bm25"]
        process.environment = environment
        let errors = try files.write("stderr.txt", "")
        let errorHandle = try FileHandle(forWritingTo: errors)
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try errorHandle.close()
        #expect(process.terminationStatus != 0)
        let message = try String(contentsOf: errors, encoding: .utf8)
        #expect(message.contains("the explorer needs a terminal"), "\(message)")
    }

    @Test("an unknown theme, precision or a bad script are reported before the screen opens")
    func problemsBeforeTheScreen() throws {
        let theme = try RerankBinary.run(["explore", "--theme", "plaid"], environment: environment)
        #expect(theme.status != 0)
        #expect(theme.standardError.contains("no theme plaid") && theme.standardError.contains("dark"), "\(theme.standardError)")

        let precision = try RerankBinary.run(["explore", "--precision", "fp16"], environment: environment)
        #expect(precision.status != 0)
        #expect(precision.standardError.contains("'fp16' is invalid for '--precision") && precision.standardError.contains("'int8'"),
                "\(precision.standardError)")

        let script = try files.write("talk.txt", "query: fine\nmodel 9 bm25\n")
        let result = try RerankBinary.run(["explore", "--script", script.path], environment: environment)
        #expect(result.status != 0)
        #expect(result.standardError.contains("\(script.path):2:"), "\(result.standardError)")
    }

    @Test("trace-summary prints redraw and ranking percentiles")
    func traceSummary() throws {
        let trace = try files.write("trace.jsonl", """
            {"event":"key","key":"char","ms_to_redraw":4.5}
            {"event":"key","key":"left","ms_to_redraw":6.5}
            {"event":"pane","pane":1,"scorer":"bm25","first_ms":160,"complete_ms":170,"passages":16}
            """)
        let result = try RerankBinary.run(["trace-summary", trace.path], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("input → redraw: p50 4.5 ms, p99 6.5 ms"))
        #expect(result.standardOutput.contains("bm25: first ranking p50 160.0 ms"))
    }
}
