import Foundation

/// A scripted demo for talks (`rerank explore --script FILE`), one step per line:
///
/// ```
/// # comments and blank lines are ignored
/// query: how do cross-encoders read long passages?
/// model 2 bm25          bind pane 2 (1 = leftmost) to a scorer
/// maxlen 128            token limit of the focused pane
/// maxlen 2 64           token limit of pane 2
/// theme light
/// note: BM25 misses the paraphrase     shown in the status bar
/// :sort pane1           any command-line command, as typed after ':'
/// ```
///
/// Parsing reports every bad line at once, each with its line number.
public struct DemoScript: Sendable, Hashable {
    /// A step and the line it came from.
    public struct Entry: Sendable, Hashable {
        public var step: DemoStep
        public var line: Int

        public init(step: DemoStep, line: Int) {
            self.step = step
            self.line = line
        }
    }

    /// Pane numbers a step may name, as people count them.
    public static let paneRange = 1...ExplorerState.maximumPanes
    /// Token limits a `maxlen` step accepts (those of `:maxlen`).
    public static let maxLengthRange = ExplorerCommand.maxLengthRange

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses a script; `file` names it in error messages.
    public init(parsing text: String, file: String) throws {
        var entries: [Entry] = []
        var problems: [DemoScriptError.Problem] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            do {
                entries.append(Entry(step: try Self.step(line), line: offset + 1))
            } catch {
                problems.append(DemoScriptError.Problem(line: offset + 1, message: error.message))
            }
        }
        guard problems.isEmpty else { throw DemoScriptError.invalidLines(file: file, problems) }
        guard !entries.isEmpty else { throw DemoScriptError.empty(file: file) }
        self.entries = entries
    }

    /// Reads and parses a script file.
    public init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DemoScriptError.cannotRead(file: url.path, reason: error.localizedDescription)
        }
        try self.init(parsing: text, file: url.path)
    }

    private struct StepProblem: Error {
        var message: String
    }

    private static func step(_ line: String) throws(StepProblem) -> DemoStep {
        if line.hasPrefix(":") {
            let command = line.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty else { throw StepProblem(message: "':' needs a command after it, for example ':sort pane1'") }
            if case .failure(let problem) = ExplorerCommand.parse(command) { throw StepProblem(message: problem.message) }
            return .command(command)
        }
        if let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" ") {
            let keyword = line[..<colon].lowercased()
            let text = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch keyword {
            case "query":
                guard !text.isEmpty else { throw StepProblem(message: "'query:' needs the query text after it") }
                return .query(text)
            case "note":
                return .note(text)
            default:
                throw StepProblem(message: "unknown step '\(keyword):'; \(expected)")
            }
        }
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        switch words[0].lowercased() {
        case "model":
            guard words.count == 3, let pane = Int(words[1]), paneRange.contains(pane) else {
                throw StepProblem(message: "'model' needs a pane number \(paneRange.lowerBound)–\(paneRange.upperBound) and a scorer name, for example 'model 2 bm25'")
            }
            return .model(pane: pane, scorer: words[2])
        case "maxlen":
            let numbers = words.dropFirst().map { Int($0) }
            let usage = "'maxlen' needs a token limit \(maxLengthRange.lowerBound)–\(maxLengthRange.upperBound), optionally after a pane number: 'maxlen 128' or 'maxlen 2 128'"
            switch numbers.count {
            case 1:
                guard let tokens = numbers[0], maxLengthRange.contains(tokens) else { throw StepProblem(message: usage) }
                return .maxLength(pane: nil, tokens: tokens)
            case 2:
                guard let pane = numbers[0], paneRange.contains(pane), let tokens = numbers[1], maxLengthRange.contains(tokens) else {
                    throw StepProblem(message: usage)
                }
                return .maxLength(pane: pane, tokens: tokens)
            default:
                throw StepProblem(message: usage)
            }
        case "theme":
            guard words.count == 2 else { throw StepProblem(message: "'theme' needs one theme name, for example 'theme light'") }
            return .theme(words[1])
        default:
            throw StepProblem(message: "unknown step '\(words[0])'; \(expected)")
        }
    }

    private static let expected = "expected 'query: TEXT', 'note: TEXT', 'model PANE SCORER', 'maxlen [PANE] TOKENS', 'theme NAME' or ':COMMAND'"
}

/// Why a demo script could not be used.
public enum DemoScriptError: Error, CustomStringConvertible, Equatable {
    /// A bad line of the script.
    public struct Problem: Sendable, Hashable {
        public var line: Int
        public var message: String
    }

    case cannotRead(file: String, reason: String)
    case invalidLines(file: String, [Problem])
    case empty(file: String)

    public var description: String {
        switch self {
        case .cannotRead(let file, let reason):
            return "\(file): the demo script could not be read: \(reason). Check the path given to --script."
        case .invalidLines(let file, let problems):
            return problems.map { "\(file):\($0.line): \($0.message)" }.joined(separator: "\n")
        case .empty(let file):
            return "\(file): the demo script has no steps; add lines such as 'query: …' (see DemoScript for the format)."
        }
    }
}
