import Foundation
import TextFiles

extension LineReader {
    /// Opens a judged set's file, reporting a missing or unreadable one as a `JudgedSetError`.
    static func opening(_ url: URL, name: String) throws(JudgedSetError) -> LineReader {
        do {
            return try LineReader(contentsOf: url, name: name)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: url.path)
            throw JudgedSetError(file: name, problem: missing ? .missingFile : .unreadable(error.reason))
        }
    }

    /// `nextLine()`, reporting a read error as a `JudgedSetError`.
    func nextLineOrFail() throws(JudgedSetError) -> String? {
        do {
            return try nextLine()
        } catch {
            throw JudgedSetError(file: name, problem: .unreadable(error.reason))
        }
    }
}
