import Inference
import PassageSources

/// Where typing goes when no overlay is open.
public enum Focus: String, Sendable, Hashable, Codable {
    /// Printable keys edit the query; ↑/↓ browse its history.
    case query
    /// Keys navigate the panes and run the single-key commands.
    case lists
}

/// Row order in the panes.
public enum SortOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each pane in its own ranking (default).
    case score
    /// Every pane in the order the passages were given.
    case input
    /// Every pane in pane 1's ranking, so scores line up row by row.
    case pane1
}

/// What the movement arrows compare a pane's ranks against.
public enum MovementBaseline: String, Sendable, Hashable, Codable {
    /// Pane 1's ranks (pane 1 itself is compared with the input order).
    case pane1
    /// The order the passages were given.
    case input

    public var toggled: MovementBaseline { self == .pane1 ? .input : .pane1 }
}

/// A scorer the model picker offers.
public struct ModelChoice: Sendable, Hashable {
    public var name: String
    public var kind: ScorerKind
    /// One line: architecture, layers, size.
    public var summary: String

    public init(name: String, kind: ScorerKind, summary: String) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }
}

/// The detail view's passage, how far it is scrolled, and whether the why view is on.
public struct DetailState: Sendable, Hashable {
    public var passage: PassageID
    public var scroll: Int
    /// The why view's unit (`w` cycles sentences, words, off); `nil` when it is off.
    public var why: TextUnitKind?

    public init(passage: PassageID, scroll: Int = 0, why: TextUnitKind? = nil) {
        self.passage = passage
        self.scroll = scroll
        self.why = why
    }
}

/// The model picker: which entry is highlighted (the list itself is `ExplorerState.modelChoices`).
public struct ModelPickerState: Sendable, Hashable {
    public var pane: PaneID
    public var highlighted: Int

    public init(pane: PaneID, highlighted: Int = 0) {
        self.pane = pane
        self.highlighted = highlighted
    }
}

/// The inline passage editor: a new passage (`editing == nil`) or an existing one.
public struct PassageEditorState: Sendable, Hashable {
    public var editing: PassageID?
    public var editor: LineEditor

    public init(editing: PassageID?, text: String) {
        self.editing = editing
        self.editor = LineEditor(text)
    }
}

/// What is open on top of the panes; keys go to it first.
public enum Mode: Sendable, Hashable {
    case normal
    /// `:` command line.
    case command(LineEditor)
    /// `/` filter line; the filter applies while typing.
    case filter(LineEditor)
    /// `o` prompt for a file or folder to open.
    case openFile(LineEditor)
    /// Enter: one passage in full.
    case detail(DetailState)
    /// `?`/F1 overlay listing the bindings of the context it was opened from, scrolled by `scroll` lines.
    case help(scroll: Int)
    /// `m`: choose the scorer of a pane.
    case modelPicker(ModelPickerState)
    /// `a`/`e`: add or edit a passage.
    case passageEditor(PassageEditorState)
    /// `f`: the rank flow between pane 1 and the compared pane, as a slope chart.
    case rankFlow
}

/// A message in the status bar.
public struct StatusMessage: Sendable, Hashable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// One undoable change to the passage list.
public enum PassageEdit: Sendable, Hashable {
    case added([PassageID])
    case deleted(ExplorerPassage, at: Int)
    case edited(PassageID, previous: PassageRecord)
}
