import ArgumentParser
import Explorer
import Foundation

/// `rerank trace-summary`: the percentiles of an explorer `--trace` file.
struct TraceSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace-summary",
        abstract: "Summarise an explorer --trace file: input-to-redraw and ranking times (p50, p99, max).")

    @Argument(help: "The JSON Lines file written by `rerank explore --trace FILE`.")
    var file: String

    func run() throws {
        print(try TraceSummary(contentsOf: URL(fileURLWithPath: file)))
    }
}
