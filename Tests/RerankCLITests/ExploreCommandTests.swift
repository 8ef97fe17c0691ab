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
        let (status, message) = try exploreWithoutATerminal(["--model", "bm25"])
        #expect(status != 0)
        #expect(message.contains("the explorer needs a terminal"), "\(message)")
    }

    @Test("a BEIR folder opens with its run, is refused without one, and a judged set comes as FILES or options, not both")
    func judgedSetOptions() throws {
        try files.write("mini/corpus.jsonl", """
            {"_id": "d1", "title": "Fleas", "text": "An adult flea lives for two or three months."}
            {"_id": "d2", "title": "", "text": "Dogs scratch when fleas bite them."}

            """)
        try files.write("mini/queries.jsonl", "{\"_id\": \"q1\", \"text\": \"how long do fleas live\"}\n")
        try files.write("mini/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\n")
        let run = try files.write("bm25.run", "q1 Q0 d2 1 2.0 bm25\nq1 Q0 d1 2 1.0 bm25\n")
        let folder = files.directory.appendingPathComponent("mini").path

        // With its run the set loads, and only the missing terminal stops the explorer.
        let (status, opened) = try exploreWithoutATerminal([folder, "--run", run.path, "--model", "bm25"])
        #expect(status != 0)
        #expect(opened.contains("the explorer needs a terminal"), "\(opened)")

        let withoutRun = try RerankBinary.run(["explore", folder, "--model", "bm25"], environment: environment)
        #expect(withoutRun.status != 0)
        #expect(withoutRun.standardError.contains("\(folder): a BEIR folder has no candidates of its own"), "\(withoutRun.standardError)")
        #expect(withoutRun.standardError.contains("--run FILE"))

        let both = try RerankBinary.run(["explore", "notes.txt", "--eval", folder], environment: environment)
        #expect(both.status != 0)
        #expect(both.standardError.contains("give passage FILES or a judged set"), "\(both.standardError)")

        let incomplete = try RerankBinary.run(["explore", "--queries", "queries.jsonl"], environment: environment)
        #expect(incomplete.status != 0)
        #expect(incomplete.standardError.contains("--run FILE --queries FILE --corpus FILE"), "\(incomplete.standardError)")
    }

    /// Runs `rerank explore ARGUMENTS` in a session without a controlling terminal (setsid: /dev/tty
    /// cannot be opened either); returns its exit status and standard error.
    private func exploreWithoutATerminal(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let setsid = URL(fileURLWithPath: "/usr/bin/setsid")
        try #require(FileManager.default.isExecutableFile(atPath: setsid.path))
        let binary = try #require(RerankBinary.url)
        let process = Process()
        process.executableURL = setsid
        process.arguments = ["--wait", binary.path, "explore"] + arguments
        process.environment = environment
        let errors = try files.write("stderr-\(UUID().uuidString).txt", "")
        let errorHandle = try FileHandle(forWritingTo: errors)
        process.standardError = errorHandle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try errorHandle.close()
        return (process.terminationStatus, try String(contentsOf: errors, encoding: .utf8))
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
