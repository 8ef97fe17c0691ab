import Foundation
import TextFiles

extension LineReader {
    /// Opens a passage source's file, reporting one that cannot be opened as `unreadable`.
    static func opening(_ url: URL, name: String) throws(PassageSourceError) -> LineReader {
        do {
            return try LineReader(contentsOf: url, name: name)
        } catch {
            throw .unreadable(file: error.file, reason: error.reason)
        }
    }

    /// `nextLine()`, reporting a read error as `unreadable`.
    func nextLineOrFail() throws(PassageSourceError) -> String? {
        do {
            return try nextLine()
        } catch {
            throw .unreadable(file: error.file, reason: error.reason)
        }
    }
}
