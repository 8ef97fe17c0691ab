/// One step of a scripted demo.
public enum DemoStep: Sendable, Hashable {
    /// Type this query visibly, one character per tick.
    case query(String)
    /// Bind a pane (1 = leftmost, as people count) to a scorer name.
    case model(pane: Int, scorer: String)
    /// Set the token limit of a pane, or of the focused pane when `pane` is nil.
    case maxLength(pane: Int?, tokens: Int)
    case theme(String)
    /// Show this text in the status bar (empty clears it).
    case note(String)
    /// Run a command-line command as if typed after `:` (for example `sort pane1`).
    case command(String)
}
