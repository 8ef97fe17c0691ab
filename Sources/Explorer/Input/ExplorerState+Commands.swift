import Inference

extension ExplorerState {
    /// Runs a `:` command line.
    mutating func runCommand(_ line: String) -> [Effect] {
        switch ExplorerCommand.parse(line) {
        case .failure(let error):
            status = StatusMessage(error.message, isError: true)
            return []
        case .success(let command):
            return run(command)
        }
    }

    private mutating func run(_ command: ExplorerCommand) -> [Effect] {
        switch command {
        case .model(let number, let name):
            let index = number.map { $0 - 1 } ?? focusedPane
            guard panes.indices.contains(index) else {
                status = StatusMessage("no pane \(index + 1): there \(panes.count == 1 ? "is 1 pane" : "are \(panes.count) panes")", isError: true)
                return []
            }
            return setScorer(pane: index, name: name)
        case .maxLength(let limit):
            guard panes.indices.contains(focusedPane) else { return [] }
            panes[focusedPane].maxLength = limit
            panes[focusedPane].clearResults()
            refreshRankings()
            status = StatusMessage(limit.map { "pane \(focusedPane + 1) reads at most \($0) tokens" } ?? "pane \(focusedPane + 1) uses its model's token limit")
            return [.score(panes[focusedPane].id, debounce: false)]
        case .windows(let mode):
            return setReadingMode(mode)
        case .precision(let precision):
            return setPrecision(precision)
        case .sort(let order):
            sortOrder = order
            revealSelection()
            return []
        case .theme(let name):
            guard themeNames.contains(name) else {
                status = StatusMessage("no theme \(name) (have \(themeNames.joined(separator: ", ")))", isError: true)
                return []
            }
            return setTheme(name)
        case .export(let path):
            let url = Self.fileURL(path)
            guard let format = ExportFormat(fileExtension: url.pathExtension) else {
                status = StatusMessage("export writes .md, .json or .svg files, not \(url.lastPathComponent)", isError: true)
                return []
            }
            return [.export(url, format)]
        case .open(let path):
            return openFile(path)
        case .help:
            mode = .help(scroll: 0)
            return []
        case .quit:
            return [.quit]
        }
    }

    /// `:windows`: the focused pane reads long passages in windows, or cuts them again; it rescores.
    private mutating func setReadingMode(_ mode: ReadingMode) -> [Effect] {
        guard panes.indices.contains(focusedPane) else { return [] }
        let pane = panes[focusedPane]
        let number = focusedPane + 1
        if pane.isLexical, mode != .truncate {
            status = StatusMessage("pane \(number) (\(pane.displayName)) reads whole passages: windows do not apply", isError: true)
            return []
        }
        if case .windows(let length, _) = mode, let limit = pane.effectiveMaxLength, length >= limit {
            status = StatusMessage("a window of \(length) passage tokens does not fit pane \(number)'s max length \(limit) with the query; use LEN < \(limit)",
                                   isError: true)
            return []
        }
        panes[focusedPane].readingMode = mode
        panes[focusedPane].clearResults()
        refreshRankings()
        switch mode {
        case .truncate:
            status = StatusMessage("pane \(number) cuts passages at its token limit")
        case .windows(let length, let stride):
            status = StatusMessage("pane \(number) reads passages in windows of \(length) tokens, \(stride) apart, and ranks by the best")
        }
        return [.score(panes[focusedPane].id, debounce: false)]
    }

    /// `:precision`: the focused pane's model is loaded again in another number format, in the
    /// background, and rescores; the other panes keep theirs.
    private mutating func setPrecision(_ precision: Precision) -> [Effect] {
        guard panes.indices.contains(focusedPane) else { return [] }
        let pane = panes[focusedPane]
        let number = focusedPane + 1
        if pane.isLexical, precision != .reference {
            status = StatusMessage("pane \(number) (\(pane.displayName)) has no neural model: precision does not apply", isError: true)
            return []
        }
        // A pane whose load failed (a precision this CPU cannot run, say) tries again.
        guard precision != pane.precision || pane.info?.precision != precision else {
            status = StatusMessage("pane \(number) already runs \(pane.displayName) in \(precision.rawValue)")
            return []
        }
        panes[focusedPane].precision = precision
        status = StatusMessage("pane \(number) loads \(pane.displayName) in \(precision.rawValue)\(precision == .reference ? ", the reference" : "")")
        return reloadScorer(pane: focusedPane)
    }
}
