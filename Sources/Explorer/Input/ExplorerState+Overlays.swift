/// The one-line prompts at the bottom of the screen.
enum Prompt {
    case command, openFile, filter

    func mode(_ editor: LineEditor) -> Mode {
        switch self {
        case .command: return .command(editor)
        case .openFile: return .openFile(editor)
        case .filter: return .filter(editor)
        }
    }
}

extension ExplorerState {
    /// Keys for the `:`, `o` and `/` lines: Enter submits, Esc cancels (and clears a filter),
    /// Backspace on an empty line closes it.
    mutating func handlePromptKey(_ event: InputEvent, editor: LineEditor, prompt: Prompt) -> [Effect] {
        var editor = editor
        switch event {
        case .key(.escape):
            mode = .normal
            if prompt == .filter { applyFilter("") }
            return []
        case .key(.backspace) where editor.isEmpty:
            mode = .normal
            return []
        case .key(.enter):
            mode = .normal
            switch prompt {
            case .command: return runCommand(editor.text)
            case .openFile: return openFile(editor.text)
            case .filter: return []
            }
        default:
            guard editor.handle(event) else { return [] }
            mode = prompt.mode(editor)
            if prompt == .filter { applyFilter(editor.text) }
            return []
        }
    }

    /// Narrows the lists; keeps the selection among the rows shown when possible.
    mutating func applyFilter(_ text: String) {
        filter = text
        let rows = rows(inPane: focusedPane)
        if let id = selection, !rows.contains(id), let first = rows.first { selection = first }
        revealSelection()
    }

    /// Keys in the detail view: scroll, step through passages, switch pane, back out.
    mutating func handleDetailKey(_ event: InputEvent, detail: DetailState) -> [Effect] {
        var detail = detail
        let page = max(1, ExplorerLayout(self).bodyHeight - 1)
        switch event {
        case .key(.escape), .key(.enter), .key(.backspace), .character("q"):
            mode = .normal
            revealSelection()
            return []
        case .character("j"), .key(.down): detail.scroll += 1
        case .character("k"), .key(.up): detail.scroll -= 1
        case .key(.pageDown), .character(" "): detail.scroll += page
        case .key(.pageUp): detail.scroll -= page
        case .character("g"), .key(.home): detail.scroll = 0
        case .character("n"), .key(.right), .character("p"), .key(.left):
            let forward = event == .character("n") || event == .key(.right)
            moveSelection(by: forward ? 1 : -1)
            guard let id = selection else { return [] }
            mode = .detail(DetailState(passage: id, why: detail.why))
            return readingEffects(for: id)
        case .key(.tab), .key(.backTab):
            focusPane(focusedPane + (event == .key(.tab) ? 1 : -1))
            return readingEffects(for: detail.passage)
        case .key(.f1), .character("?"):
            mode = .help(scroll: 0)
            return []
        case .character("w"):
            cycleWhyView(detail)
            return []
        default:
            return []
        }
        detail.scroll = min(max(0, detail.scroll), max(0, DetailView.lineCount(self) - ExplorerLayout(self).bodyHeight))
        mode = .detail(detail)
        return []
    }

    /// Keys in the help overlay: scroll or close.
    mutating func handleHelpKey(_ event: InputEvent, scroll: Int) -> [Effect] {
        var scroll = scroll
        switch event {
        case .key(.escape), .key(.enter), .key(.f1), .character("?"), .character("q"):
            mode = .normal
            return []
        case .character("j"), .key(.down): scroll += 1
        case .character("k"), .key(.up): scroll -= 1
        case .key(.pageDown), .character(" "): scroll += 10
        case .key(.pageUp): scroll -= 10
        default: return []
        }
        mode = .help(scroll: min(max(0, scroll), HelpOverlay.maximumScroll(self)))
        return []
    }

    /// Keys in the model picker: move, choose with Enter, Esc cancels. The row after the models opens the
    /// command line as `:model N ` for a name to pull from the Hugging Face Hub.
    mutating func handlePickerKey(_ event: InputEvent, picker: ModelPickerState) -> [Effect] {
        var picker = picker
        let count = modelChoices.map { $0.count + 1 } ?? 0
        switch event {
        case .key(.escape), .character("q"):
            mode = .normal
            return []
        case .character("j"), .key(.down), .key(.tab): picker.highlighted += 1
        case .character("k"), .key(.up), .key(.backTab): picker.highlighted -= 1
        case .key(.enter):
            guard let choices = modelChoices, let index = paneIndex(picker.pane) else { return [] }
            guard choices.indices.contains(picker.highlighted) else {
                mode = .command(LineEditor("model \(index + 1) "))
                status = StatusMessage("type ORG/NAME or ORG/NAME@REVISION and Enter: the model downloads from the Hugging Face Hub")
                return []
            }
            mode = .normal
            return setScorer(pane: index, name: choices[picker.highlighted].name)
        default:
            return []
        }
        picker.highlighted = count == 0 ? 0 : min(max(0, picker.highlighted), count - 1)
        mode = .modelPicker(picker)
        return []
    }

    /// Keys in the passage editor: Enter saves, Esc cancels, the rest edits.
    mutating func handleEditorKey(_ event: InputEvent, state editorState: PassageEditorState) -> [Effect] {
        var editorState = editorState
        switch event {
        case .key(.escape):
            mode = .normal
            return []
        case .key(.enter):
            mode = .normal
            return savePassage(editorState)
        default:
            guard editorState.editor.handle(event) else { return [] }
            mode = .passageEditor(editorState)
            return []
        }
    }
}
