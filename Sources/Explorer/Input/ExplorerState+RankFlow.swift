extension ExplorerState {
    /// `f` in the lists: the rank flow view, when there are two panes to compare.
    mutating func showRankFlow() {
        guard panes.count > 1 else {
            status = StatusMessage("the rank flow compares pane 1 with another pane: add one with +", isError: true)
            return
        }
        mode = .rankFlow
    }

    /// Keys in the rank flow view: move the selection, compare another pane, open the detail view, back out.
    mutating func handleRankFlowKey(_ event: InputEvent) -> [Effect] {
        switch event {
        case .key(.escape), .key(.backspace), .character("f"), .character("q"):
            mode = .normal
            revealSelection()
        case .character("j"), .key(.down): moveSelection(by: 1)
        case .character("k"), .key(.up): moveSelection(by: -1)
        case .character("g"), .key(.home): moveSelection(by: -Int(Int32.max))
        case .character("G"), .key(.end): moveSelection(by: Int(Int32.max))
        case .key(.tab), .character("l"), .key(.right): focusPane(focusedPane + 1)
        case .key(.backTab), .character("h"), .key(.left): focusPane(focusedPane - 1)
        case .key(.enter):
            mode = .normal
            return perform(.openDetail)
        case .key(.f1), .character("?"):
            mode = .help(scroll: 0)
        default:
            break
        }
        return []
    }
}
