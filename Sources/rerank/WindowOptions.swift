import ArgumentParser
import Inference

/// `--windows LEN:STRIDE`: read long passages in overlapping windows instead of cutting them.
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Read each passage in overlapping windows of LEN passage tokens (query and special tokens not counted), STRIDE tokens apart, each with the whole query; a passage scores as its best window (MaxP). Default: cut at the token limit.",
        valueName: "LEN:STRIDE"))
    var windows: String?

    func validate() throws {
        _ = try mode
    }

    /// The reading mode asked for: windows, else truncation. Bad numbers are one line naming the option.
    var mode: ReadingMode {
        get throws {
            guard let windows else { return .truncate }
            do {
                return try ReadingMode.windows(parsing: windows)
            } catch {
                throw CommandError("--windows \(windows): \(error)")
            }
        }
    }

    /// The mode, checked against the scorer: a window of LEN passage tokens must fit the max length
    /// beside every query whole. BM25 reads whole passages, which stderr says.
    func mode(for scorer: any Scorer, queries: [String], maxLength: Int?) throws -> ReadingMode {
        let mode = try self.mode
        guard mode != .truncate else { return mode }
        if scorer.info.kind == .lexical {
            StandardError.print("\(scorer.info.name) reads whole passages: --windows does not apply")
            return .truncate
        }
        do {
            try scorer.checkWindows(mode, queries: queries, maxLength: maxLength)
        } catch {
            throw CommandError("--windows \(windows ?? ""): \(error)")
        }
        return mode
    }
}
