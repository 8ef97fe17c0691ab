import Foundation
import PassageSources

extension ExplorerState {
    /// How many passage changes `u` can undo.
    static let undoDepth = 100

    /// Appends passages (one undo step), the first `roomForPassages` of them, and scores them. Callers
    /// say what was added, or with `passageLimitNote` what the limit left out.
    mutating func addPassages(_ records: [PassageRecord]) -> [Effect] {
        let kept = records.prefix(roomForPassages)
        guard !kept.isEmpty else { return [] }
        let added = kept.map { makePassage($0) }
        passages.append(contentsOf: added)
        recordUndo(.added(added.map(\.id)))
        passagesChanged()
        revealSelection()
        return scoreAll(debounce: false)
    }

    /// Saves the passage editor: a new passage, or the edited text of an existing one.
    mutating func savePassage(_ editorState: PassageEditorState) -> [Effect] {
        let text = editorState.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            status = StatusMessage("empty passage not saved (d deletes one)", isError: true)
            return []
        }
        guard let id = editorState.editing else {
            guard roomForPassages > 0 else {
                status = StatusMessage(Self.passageLimitNote(kept: 0, of: 1, from: "the editor"), isError: true)
                return []
            }
            let effects = addPassages([PassageRecord(text: text)])
            selection = passages.last?.id
            revealSelection()
            return effects
        }
        guard let index = passageIndex[id], passages[index].text != text else { return [] }
        recordUndo(.edited(id, previous: passages[index].record))
        passages[index].record.text = text
        dropScores(of: [id])
        passagesChanged()
        return scoreAll(debounce: false)
    }

    /// `d`: deletes the selected passage and selects its neighbour.
    mutating func deleteSelectedPassage() {
        guard let id = selection, let index = passageIndex[id] else { return }
        let rows = rows(inPane: focusedPane)
        let neighbour = rows.firstIndex(of: id).flatMap { row in
            row + 1 < rows.count ? rows[row + 1] : (row > 0 ? rows[row - 1] : nil)
        }
        let removed = passages.remove(at: index)
        recordUndo(.deleted(removed, at: index))
        selection = neighbour
        passagesChanged()
        revealSelection()
        status = StatusMessage("deleted a passage — u undoes")
    }

    /// `u`: reverts the last add, delete or edit.
    mutating func undo() -> [Effect] {
        guard let edit = undoStack.popLast() else {
            status = StatusMessage("nothing to undo")
            return []
        }
        switch edit {
        case .added(let ids):
            let gone = Set(ids)
            passages.removeAll { gone.contains($0.id) }
            passagesChanged()
            status = StatusMessage("removed \(ids.count) added passage\(ids.count == 1 ? "" : "s")")
            return []
        case .deleted(let passage, let index):
            passages.insert(passage, at: min(index, passages.count))
            selection = passage.id
            status = StatusMessage("restored a deleted passage")
        case .edited(let id, let previous):
            guard let index = passageIndex[id] else { return [] }
            passages[index].record = previous
            dropScores(of: [id])
            selection = id
            status = StatusMessage("restored the passage's text")
        }
        passagesChanged()
        revealSelection()
        return scoreAll(debounce: false)
    }

    /// How many more passages the explorer takes.
    var roomForPassages: Int { max(0, Self.maximumPassages - passages.count) }

    /// What the status says when `maximumPassages` left passages out: `kept` of `total` from `source` were added.
    public static func passageLimitNote(kept: Int, of total: Int, from source: String) -> String {
        guard kept > 0 else {
            return "the explorer holds at most \(maximumPassages) passages: none of the \(total) from \(source) were added; delete some first"
        }
        return "kept the first \(kept) of \(total) passages from \(source): the explorer holds at most \(maximumPassages) "
            + "(rerank score --passages ranks a whole file)"
    }

    /// `o` or `:open`: asks the runtime to load a file or folder, stopping the load under way; the
    /// bottom line shows how far the read has come.
    mutating func openFile(_ path: String) -> [Effect] {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        status = nil
        loading = FileLoading(path: trimmed)
        return [.openFile(Self.fileURL(trimmed))]
    }

    /// Esc while a file loads: stops it, keeping the passages there were.
    mutating func cancelLoading() -> [Effect] {
        guard let stopped = loading else { return [] }
        loading = nil
        status = StatusMessage("stopped reading \(stopped.path); the passages are as they were")
        return [.cancelLoading]
    }

    /// A typed path as a file URL, with `~` expanded.
    static func fileURL(_ path: String) -> URL {
        if path == "~" || path.hasPrefix("~/") {
            let home = FileManager.default.homeDirectoryForCurrentUser.path
            return URL(fileURLWithPath: home + path.dropFirst())
        }
        return URL(fileURLWithPath: path)
    }

    private mutating func recordUndo(_ edit: PassageEdit) {
        undoStack.append(edit)
        if undoStack.count > Self.undoDepth { undoStack.removeFirst(undoStack.count - Self.undoDepth) }
    }

    private mutating func dropScores(of ids: [PassageID]) {
        for index in panes.indices {
            for id in ids { panes[index].scores[id] = nil }
        }
    }
}
