/// A command bound to a key while the lists have focus, or in the query browser.
public enum ListAction: String, Sendable, Hashable, CaseIterable {
    case selectNext, selectPrevious, pageDown, pageUp, selectFirst, selectLast
    case openDetail, focusQuery, nextPane, previousPane, addPane, removePane, pickModel
    case toggleScoreMode, toggleBaseline, cycleTheme, togglePresentation
    /// Pictures of the comparison: each pane's score histogram; the rank flow between pane 1 and the focused pane.
    case toggleHistograms, showRankFlow
    case addPassage, editPassage, deletePassage, undo, openFile
    case commandLine, filter, help, quit
    /// The lists: back to the judged set's query browser.
    case showQueries
    /// The query browser: open the selected query in the panes, cycle the sort, back to the panes.
    case openQuery, cycleSort, showPanes
}

/// One line of the help overlay: the keys as people read them and what they do.
public struct BindingDescription: Sendable, Hashable {
    public var keys: String
    public var summary: String
}

/// A key binding of the lists or the query browser: the events that trigger it and how the help overlay shows it.
public struct KeyBinding: Sendable, Hashable {
    public var events: [InputEvent]
    public var action: ListAction
    public var description: BindingDescription

    init(_ keys: String, _ events: [InputEvent], _ action: ListAction, _ summary: String) {
        self.events = events
        self.action = action
        self.description = BindingDescription(keys: keys, summary: summary)
    }
}

/// Every binding of the explorer, the single source both for dispatching keys and for the help overlay.
public enum KeyBindings {
    /// Keys while the lists have focus.
    public static let lists: [KeyBinding] = [
        KeyBinding("j ↓", [.character("j"), .key(.down)], .selectNext, "select the next passage"),
        KeyBinding("k ↑", [.character("k"), .key(.up)], .selectPrevious, "select the previous passage"),
        KeyBinding("PgDn Space", [.key(.pageDown), .character(" "), .control("f")], .pageDown, "page down"),
        KeyBinding("PgUp", [.key(.pageUp), .control("b")], .pageUp, "page up"),
        KeyBinding("g Home", [.character("g"), .key(.home)], .selectFirst, "first passage"),
        KeyBinding("G End", [.character("G"), .key(.end)], .selectLast, "last passage"),
        KeyBinding("Enter", [.key(.enter)], .openDetail, "detail view of the selection"),
        KeyBinding("Esc i", [.key(.escape), .character("i")], .focusQuery, "edit the query"),
        KeyBinding("Tab l →", [.key(.tab), .character("l"), .key(.right)], .nextPane, "focus the next pane"),
        KeyBinding("S-Tab h ←", [.key(.backTab), .character("h"), .key(.left)], .previousPane, "focus the previous pane"),
        KeyBinding("+", [.character("+"), .character("=")], .addPane, "add a pane"),
        KeyBinding("-", [.character("-")], .removePane, "remove the focused pane"),
        KeyBinding("m", [.character("m")], .pickModel, "choose the focused pane's model, or pull one from the Hub"),
        KeyBinding("s", [.character("s")], .toggleScoreMode, "raw score ↔ probability"),
        KeyBinding("r", [.character("r")], .toggleBaseline, "movement vs pane 1 ↔ input order"),
        KeyBinding("t", [.character("t")], .cycleTheme, "next theme"),
        KeyBinding("F5", [.key(.f5)], .togglePresentation, "presentation mode"),
        KeyBinding("#", [.character("#")], .toggleHistograms, "score histogram under each pane"),
        KeyBinding("f", [.character("f")], .showRankFlow, "rank flow: pane 1 against the focused pane, as a slope chart"),
        KeyBinding("a", [.character("a")], .addPassage, "add a passage"),
        KeyBinding("e", [.character("e")], .editPassage, "edit the selected passage"),
        KeyBinding("d", [.character("d"), .key(.delete)], .deletePassage, "delete the selected passage"),
        KeyBinding("u", [.character("u")], .undo, "undo the last passage change"),
        KeyBinding("o", [.character("o")], .openFile, "open a file or judged-set folder (Esc stops a long read)"),
        KeyBinding("b", [.character("b")], .showQueries, "back to the judged set's query browser"),
        KeyBinding(":", [.character(":")], .commandLine, "command line"),
        KeyBinding("/", [.character("/")], .filter, "filter passages"),
        KeyBinding("? F1", [.character("?"), .key(.f1)], .help, "this help"),
        KeyBinding("q", [.character("q")], .quit, "quit"),
    ]

    /// Keys in the query browser of a judged set.
    public static let browser: [KeyBinding] = [
        KeyBinding("j ↓", [.character("j"), .key(.down)], .selectNext, "select the next query"),
        KeyBinding("k ↑", [.character("k"), .key(.up)], .selectPrevious, "select the previous query"),
        KeyBinding("PgDn Space", [.key(.pageDown), .character(" "), .control("f")], .pageDown, "page down"),
        KeyBinding("PgUp", [.key(.pageUp), .control("b")], .pageUp, "page up"),
        KeyBinding("g Home", [.character("g"), .key(.home)], .selectFirst, "first query"),
        KeyBinding("G End", [.character("G"), .key(.end)], .selectLast, "last query"),
        KeyBinding("Enter", [.key(.enter)], .openQuery, "open the query's candidates in the panes"),
        KeyBinding("s", [.character("s")], .cycleSort, "sort by Δ, by each pane's NDCG@10, by query id"),
        KeyBinding("Tab l →", [.key(.tab), .character("l"), .key(.right)], .nextPane, "Δ of the next pane against pane 1"),
        KeyBinding("S-Tab h ←", [.key(.backTab), .character("h"), .key(.left)], .previousPane, "Δ of the previous pane"),
        KeyBinding("Esc b", [.key(.escape), .character("b")], .showPanes, "back to the panes"),
        KeyBinding("m", [.character("m")], .pickModel, "choose the focused pane's model; the set is scored with it"),
        KeyBinding("+", [.character("+"), .character("=")], .addPane, "add a pane"),
        KeyBinding("-", [.character("-")], .removePane, "remove the focused pane"),
        KeyBinding("t", [.character("t")], .cycleTheme, "next theme"),
        KeyBinding("o", [.character("o")], .openFile, "open a file or judged-set folder (Esc stops a long read)"),
        KeyBinding(":", [.character(":")], .commandLine, "command line"),
        KeyBinding("? F1", [.character("?"), .key(.f1)], .help, "this help"),
        KeyBinding("q", [.character("q")], .quit, "quit"),
    ]

    /// Keys while the query line has focus.
    public static let queryLine: [BindingDescription] = [
        BindingDescription(keys: "typing", summary: "edit the query; panes rerank as you type"),
        BindingDescription(keys: "← → Home End", summary: "move the cursor (also Ctrl-A, Ctrl-E)"),
        BindingDescription(keys: "Ctrl-U Ctrl-K", summary: "delete to the start / to the end"),
        BindingDescription(keys: "Ctrl-W", summary: "delete the word before the cursor"),
        BindingDescription(keys: "↑ ↓", summary: "query history"),
        BindingDescription(keys: "Enter Tab Esc", summary: "go to the lists (Enter keeps the query in history)"),
        BindingDescription(keys: "PgUp PgDn", summary: "page through the focused pane"),
        BindingDescription(keys: "F1", summary: "this help"),
    ]

    /// Keys in the detail view.
    public static let detail: [BindingDescription] = [
        BindingDescription(keys: "j k ↓ ↑", summary: "scroll (PgUp PgDn Space by page)"),
        BindingDescription(keys: "n p → ←", summary: "next / previous passage"),
        BindingDescription(keys: "Tab S-Tab", summary: "read the passage with another pane's model"),
        BindingDescription(keys: "w", summary: "why: heat map of what moves the score (sentences, words, off)"),
        BindingDescription(keys: "Esc Enter q", summary: "back to the lists"),
    ]

    /// Keys in the rank flow view.
    public static let rankFlow: [BindingDescription] = [
        BindingDescription(keys: "j k ↓ ↑ g G", summary: "select a passage (its line and rows are highlighted)"),
        BindingDescription(keys: "Tab S-Tab", summary: "compare pane 1 with another pane"),
        BindingDescription(keys: "Enter", summary: "detail view of the selection"),
        BindingDescription(keys: "Esc f q", summary: "back to the lists"),
    ]

    /// Keys that work everywhere.
    public static let anywhere: [BindingDescription] = [
        BindingDescription(keys: "Ctrl-C", summary: "quit"),
        BindingDescription(keys: "Ctrl-Z", summary: "suspend to the shell (fg comes back)"),
        BindingDescription(keys: "F5", summary: "presentation mode"),
        BindingDescription(keys: "→", summary: "next step of a --script demo (not mid-query)"),
        BindingDescription(keys: "paste", summary: "adds each pasted paragraph as a passage"),
        BindingDescription(keys: "mouse", summary: "click selects a row or focuses a pane; wheel scrolls"),
    ]

    /// Commands of the `:` line.
    public static let commands: [BindingDescription] = [
        BindingDescription(keys: ":model N NAME", summary: "set pane N's scorer (N may be left out)"),
        BindingDescription(keys: ":maxlen N", summary: "token limit of the focused pane (:maxlen default)"),
        BindingDescription(keys: ":windows LEN STRIDE", summary: "focused pane reads long passages in windows, best wins (:windows off)"),
        BindingDescription(keys: ":precision fp32|bf16|int8", summary: "number format of the focused pane's model"),
        BindingDescription(keys: ":sort score|input|pane1", summary: "row order in the panes"),
        BindingDescription(keys: ":theme NAME", summary: "switch theme"),
        BindingDescription(keys: ":export FILE", summary: "write the comparison (.md, .json, or .svg: a picture)"),
        BindingDescription(keys: ":open FILE", summary: "add passages from a file or folder"),
        BindingDescription(keys: ":quit", summary: "quit"),
    ]

    /// The list action an event triggers, if any.
    public static func action(for event: InputEvent) -> ListAction? {
        actionsByEvent[event]
    }

    /// The query browser's action an event triggers, if any.
    public static func browserAction(for event: InputEvent) -> ListAction? {
        browserActionsByEvent[event]
    }

    private static let actionsByEvent = table(lists)
    private static let browserActionsByEvent = table(browser)

    private static func table(_ bindings: [KeyBinding]) -> [InputEvent: ListAction] {
        var table: [InputEvent: ListAction] = [:]
        for binding in bindings {
            for event in binding.events where table[event] == nil { table[event] = binding.action }
        }
        return table
    }
}
