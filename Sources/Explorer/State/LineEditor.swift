/// One editable line of text with a cursor: the query, the `:` command line, the `/` filter,
/// and the passage editor all use it.
public struct LineEditor: Sendable, Hashable {
    /// The text as graphemes, so cursor moves never split one.
    public private(set) var characters: [Character]
    /// Cursor position in graphemes, `0...characters.count`.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Replaces the whole text and puts the cursor at its end.
    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public mutating func insert(_ text: String) {
        let inserted = Array(text)
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-U: deletes from the start of the line to the cursor.
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Ctrl-K: deletes from the cursor to the end of the line.
    public mutating func deleteToEnd() {
        characters.removeSubrange(cursor..<characters.count)
    }

    /// Ctrl-W: deletes the word before the cursor and the spaces after it.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Applies a line-editing event (arrows, Home/End, Backspace/Delete, Ctrl-A/E/U/W/K, printable
    /// characters). Returns false when the event is not a line-editing one.
    public mutating func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .character(let character):
            guard !character.isNewline else { return false }
            insert(String(character))
        case .key(.left): moveLeft()
        case .key(.right): moveRight()
        case .key(.home), .control("a"): moveHome()
        case .key(.end), .control("e"): moveEnd()
        case .key(.backspace), .control("h"): deleteBackward()
        case .key(.delete), .control("d"): deleteForward()
        case .control("u"): deleteToStart()
        case .control("k"): deleteToEnd()
        case .control("w"): deleteWordBackward()
        default: return false
        }
        return true
    }
}
