import Inference

/// A `:` command line, parsed.
enum ExplorerCommand: Equatable {
    /// `:model [N] NAME`; `pane` is 1-based, `nil` for the focused pane.
    case model(pane: Int?, name: String)
    /// `:maxlen N`, or `nil` for `:maxlen default`.
    case maxLength(Int?)
    /// `:windows LEN STRIDE` (the focused pane reads in windows), or `:windows off` (it cuts).
    case windows(ReadingMode)
    /// `:precision fp32|bf16|int8`: the number format of the focused pane's model.
    case precision(Precision)
    case sort(SortOrder)
    case theme(String)
    case export(String)
    case open(String)
    case help
    case quit

    /// The smallest and largest `:maxlen` accepted.
    static let maxLengthRange = 4...8192

    /// Parses a command line (without the `:`); the error says what was expected.
    static func parse(_ line: String) -> Result<ExplorerCommand, CommandError> {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return .failure(CommandError("empty command")) }
        let rest = words.dropFirst()
        let argument = rest.joined(separator: " ")
        switch verb {
        case "model", "m":
            if rest.count >= 2, let pane = Int(rest[rest.startIndex]) {
                return .success(.model(pane: pane, name: rest.dropFirst().joined(separator: " ")))
            }
            guard !argument.isEmpty else { return .failure(CommandError("usage: :model [PANE] NAME")) }
            return .success(.model(pane: nil, name: argument))
        case "maxlen", "max-length", "maxlength":
            if ["", "default", "off", "none"].contains(argument.lowercased()) { return .success(.maxLength(nil)) }
            guard let value = Int(argument), maxLengthRange.contains(value) else {
                return .failure(CommandError("usage: :maxlen N with N from \(maxLengthRange.lowerBound) to \(maxLengthRange.upperBound), or :maxlen default"))
            }
            return .success(.maxLength(value))
        case "windows", "window":
            return parseWindows(Array(rest))
        case "precision":
            guard rest.count == 1, let precision = Precision(rawValue: argument.lowercased()) else {
                let choices = Precision.allCases.map(\.rawValue).joined(separator: "|")
                return .failure(CommandError("usage: :precision \(choices) (fp32 is the reference)"))
            }
            return .success(.precision(precision))
        case "sort":
            guard let order = SortOrder(rawValue: argument.lowercased()) else {
                return .failure(CommandError("usage: :sort score|input|pane1"))
            }
            return .success(.sort(order))
        case "theme":
            guard !argument.isEmpty else { return .failure(CommandError("usage: :theme NAME")) }
            return .success(.theme(argument))
        case "export", "w", "write":
            guard !argument.isEmpty else { return .failure(CommandError("usage: :export FILE.md or FILE.json")) }
            return .success(.export(argument))
        case "open", "o", "e":
            guard !argument.isEmpty else { return .failure(CommandError("usage: :open FILE")) }
            return .success(.open(argument))
        case "help", "h": return .success(.help)
        case "quit", "q", "exit": return .success(.quit)
        default:
            return .failure(CommandError("unknown command :\(verb) — try :model, :maxlen, :windows, :precision, :sort, :theme, :export, :open, :quit"))
        }
    }

    /// `LEN STRIDE`, `LEN:STRIDE`, or `off` (also `truncate`, `none`, `default`).
    private static func parseWindows(_ words: [String]) -> Result<ExplorerCommand, CommandError> {
        let usage = "usage: :windows LEN STRIDE (passage tokens per window, tokens between starts; e.g. :windows 256 128) or :windows off"
        if words.count == 1, ["off", "truncate", "none", "default"].contains(words[0].lowercased()) {
            return .success(.windows(.truncate))
        }
        let numbers = words.count == 1 ? words[0].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : words
        guard numbers.count == 2, let length = Int(numbers[0]), let stride = Int(numbers[1]) else {
            return .failure(CommandError(usage))
        }
        do {
            return .success(.windows(try ReadingMode.checkedWindows(length: length, stride: stride)))
        } catch {
            return .failure(CommandError(":windows \(length) \(stride): \(error)"))
        }
    }
}

/// Why a `:` command was not understood.
struct CommandError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
