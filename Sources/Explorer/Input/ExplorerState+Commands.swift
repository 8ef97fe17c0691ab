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
                status = StatusMessage("export writes .md or .json files, not \(url.lastPathComponent)", isError: true)
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
}
