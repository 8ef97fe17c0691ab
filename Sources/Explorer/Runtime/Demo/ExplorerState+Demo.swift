extension ExplorerState {
    /// Performs one step of a scripted demo as if the speaker had typed it: `model`, `maxlen`,
    /// `theme` and `:` steps run as `:` commands, a note shows in the status bar, and a query
    /// replaces the query line at once (`ExplorerApp` types it visibly with `replaceQuery(with:)`).
    public mutating func perform(_ step: DemoStep) -> [Effect] {
        if case .query(let text) = step { return replaceQuery(with: text) }
        let before = checkpoint
        var effects: [Effect] = []
        switch step {
        case .query:
            break
        case .model(let pane, let scorer):
            effects = runCommand("model \(pane) \(scorer)")
        case .maxLength(let pane, let tokens):
            if let pane {
                guard panes.indices.contains(pane - 1) else {
                    status = StatusMessage("the script names pane \(pane), but there are \(panes.count)", isError: true)
                    return []
                }
                focusPane(pane - 1)
            }
            effects = runCommand("maxlen \(tokens)")
        case .theme(let name):
            effects = runCommand("theme \(name)")
        case .note(let text):
            status = text.isEmpty ? nil : StatusMessage(text)
        case .command(let line):
            effects = runCommand(line)
        }
        return effects + followUps(since: before)
    }
}
