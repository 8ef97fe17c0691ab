import Foundation
import PassageSources

extension ExplorerState {
    /// Takes in one input event and returns the work it leads to.
    ///
    /// Focus scheme (shown in the `?` overlay): the query line and the lists take turns. With the
    /// query focused, printable keys edit it and ↑/↓ browse its history; Enter, Tab or Esc move to the
    /// lists. With the lists focused, single keys are commands (`KeyBindings.lists`) and Esc or `i`
    /// go back to the query. Overlays (detail, help, model picker, editors, `:` and `/` lines) take
    /// keys first; Esc backs out of them. Ctrl-C quits from anywhere.
    public mutating func handle(_ event: InputEvent) -> [Effect] {
        let before = checkpoint
        let effects = dispatch(event)
        return effects + followUps(since: before)
    }

    private mutating func dispatch(_ event: InputEvent) -> [Effect] {
        switch event {
        case .resize(let width, let height):
            screenWidth = max(0, width)
            screenHeight = max(0, height)
            revealSelection()
            revealBrowserSelection()
            return []
        case .control("c"):
            return [.quit]
        case .mouse(let mouse):
            return handleMouse(mouse)
        case .paste(let text):
            status = nil
            return handlePaste(text)
        case .key(.f5):
            presentation.toggle()
            revealSelection()
            return []
        default:
            status = nil
        }
        switch mode {
        case .normal:
            if event == .key(.escape), loading != nil { return cancelLoading() }
            if showsBrowser { return handleBrowserKey(event) }
            return focus == .query ? handleQueryKey(event) : handleListKey(event)
        case .command(let editor):
            return handlePromptKey(event, editor: editor, prompt: .command)
        case .openFile(let editor):
            return handlePromptKey(event, editor: editor, prompt: .openFile)
        case .filter(let editor):
            return handlePromptKey(event, editor: editor, prompt: .filter)
        case .detail(let detail):
            return handleDetailKey(event, detail: detail)
        case .help(let scroll):
            return handleHelpKey(event, scroll: scroll)
        case .modelPicker(let picker):
            return handlePickerKey(event, picker: picker)
        case .passageEditor(let editorState):
            return handleEditorKey(event, state: editorState)
        case .rankFlow:
            return handleRankFlowKey(event)
        }
    }

    private mutating func handleQueryKey(_ event: InputEvent) -> [Effect] {
        switch event {
        case .key(.up):
            if let older = history.older(than: query.text) { return setQuery(older) }
            return []
        case .key(.down):
            if let newer = history.newer() { return setQuery(newer) }
            return []
        case .key(.enter):
            history.record(query.text)
            focus = .lists
            return []
        case .key(.tab), .key(.backTab), .key(.escape):
            history.stopBrowsing()
            focus = .lists
            return []
        case .key(.pageDown):
            return perform(.pageDown)
        case .key(.pageUp):
            return perform(.pageUp)
        case .key(.f1):
            return perform(.help)
        default:
            let previous = scoringQuery
            guard query.handle(event) else { return [] }
            history.stopBrowsing()
            return scoringQuery == previous ? [] : queryChanged()
        }
    }

    private mutating func handleListKey(_ event: InputEvent) -> [Effect] {
        if let action = KeyBindings.action(for: event) { return perform(action) }
        return []
    }

    /// Puts a whole query in the line and focuses it, as if typed (scripted demos, `--query`);
    /// returns the (debounced) scoring it leads to.
    public mutating func replaceQuery(with text: String) -> [Effect] {
        let before = checkpoint
        focus = .query
        history.stopBrowsing()
        return setQuery(text) + followUps(since: before)
    }

    /// Replaces the query text (history browsing) and reacts to the change.
    private mutating func setQuery(_ text: String) -> [Effect] {
        let previous = scoringQuery
        query.set(text)
        return scoringQuery == previous ? [] : queryChanged()
    }

    /// A new query: rescore after the debounce, or clear every pane when it is empty.
    mutating func queryChanged() -> [Effect] {
        if scoringQuery.isEmpty {
            for index in panes.indices { panes[index].clearResults() }
            refreshRankings()
            return panes.map { .cancelScoring($0.id) }
        }
        return scoreAll(debounce: true)
    }

    /// Pasted text: into the open editor or prompt, into the query when it is focused and the text is
    /// one line, otherwise each paragraph becomes a passage.
    /// The most characters a query holds; a longer single line pasted on the query line becomes a passage.
    static let longestQuery = 2_000

    private mutating func handlePaste(_ text: String) -> [Effect] {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        switch mode {
        case .passageEditor(var editorState):
            editorState.editor.insert(text)
            mode = .passageEditor(editorState)
            return []
        case .command(var editor):
            editor.insert(oneLine)
            mode = .command(editor)
            return []
        case .openFile(var editor):
            editor.insert(oneLine.trimmingCharacters(in: .whitespaces))
            mode = .openFile(editor)
            return []
        case .filter(var editor):
            editor.insert(oneLine)
            mode = .filter(editor)
            filter = editor.text
            return []
        case .normal:
            guard !showsBrowser else { return [] }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if focus == .query, !trimmed.isEmpty, !trimmed.contains(where: \.isNewline) {
                guard query.text.count + trimmed.count > Self.longestQuery else {
                    query.insert(trimmed)
                    history.stopBrowsing()
                    return queryChanged()
                }
                // Longer than any query: a passage pasted on the query line by mistake, or on purpose.
                guard roomForPassages > 0 else {
                    status = StatusMessage(Self.passageLimitNote(kept: 0, of: 1, from: "the paste"), isError: true)
                    return []
                }
                status = StatusMessage("pasted \(trimmed.count) characters: added as a passage (a query holds at most \(Self.longestQuery))")
                return addPassages([PassageRecord(text: trimmed)])
            }
            let paragraphs = PassageSources.paragraphs(in: text)
            guard !paragraphs.isEmpty else { return [] }
            let room = roomForPassages
            let effects = addPassages(paragraphs.map { PassageRecord(text: $0) })
            if paragraphs.count > room {
                status = StatusMessage(Self.passageLimitNote(kept: room, of: paragraphs.count, from: "the paste"), isError: true)
            } else {
                status = StatusMessage("pasted \(paragraphs.count) passage\(paragraphs.count == 1 ? "" : "s") — u undoes")
            }
            return effects
        case .detail, .help, .modelPicker, .rankFlow:
            return []
        }
    }
}
