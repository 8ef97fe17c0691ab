import Foundation

/// Saves the explorer session as JSON atomically and reads it back; a file that cannot be
/// decoded is set aside (renamed, never deleted) and reported.
///
/// Generic over the session value so the explorer's snapshot type plugs in.
public struct SessionStore<Session: Codable>: Sendable {
    public let fileURL: URL

    public init(fileURL: URL) {
        self.fileURL = fileURL
    }

    /// The store at `$XDG_STATE_HOME/rerank/session.json`, or `~/.local/state/rerank/session.json`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(fileURL: Self.defaultFileURL(environment: environment))
    }

    /// `$XDG_STATE_HOME/rerank/session.json` when that variable holds an absolute path, else
    /// `$HOME/.local/state/rerank/session.json`.
    public static func defaultFileURL(environment: [String: String]) -> URL {
        let state: URL
        if let custom = environment["XDG_STATE_HOME"], custom.hasPrefix("/") {
            state = URL(fileURLWithPath: custom, isDirectory: true)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
                .map { URL(fileURLWithPath: $0, isDirectory: true) } ?? FileManager.default.homeDirectoryForCurrentUser
            state = home.appendingPathComponent(".local/state", isDirectory: true)
        }
        return state.appendingPathComponent("rerank/session.json")
    }

    /// Writes the session to a temporary file beside the session file, flushes it to disk and
    /// renames it over the session file, so a crash leaves either the old or the new session.
    public func save(_ session: Session) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(session)
        } catch {
            throw SessionStoreError.cannotWrite(fileURL, reason: "the session could not be encoded (\(error))")
        }
        try AtomicFile.write(data, to: fileURL)
    }

    /// Reads the session back. A missing file is `.missing`; a file that is not a valid session is
    /// moved to `session.json.corrupt-TIMESTAMP` and reported as `.setAside`. Temporary files of saves
    /// cut short by a crash are removed.
    public func load(now: Date = Date()) throws -> SessionLoad<Session> {
        AtomicFile.removeLeftovers(of: fileURL)
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch CocoaError.fileReadNoSuchFile {
            return .missing
        } catch {
            if !FileManager.default.fileExists(atPath: fileURL.path) { return .missing }
            throw SessionStoreError.cannotRead(fileURL, reason: "\(error.localizedDescription)")
        }
        do {
            return .restored(try JSONDecoder().decode(Session.self, from: data))
        } catch {
            let reason = data.isEmpty ? "the file is empty" : Self.describe(error)
            let aside = try setAside(now: now)
            return .setAside(movedTo: aside, message: "The saved session \(fileURL.path) could not be read (\(reason)); "
                + "it was moved to \(aside.path) and a new session was started.")
        }
    }

    /// Renames the session file to a free `session.json.corrupt-TIMESTAMP[-N]` beside it.
    private func setAside(now: Date) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let base = fileURL.lastPathComponent + ".corrupt-" + formatter.string(from: now)
        let directory = fileURL.deletingLastPathComponent()
        var candidate = directory.appendingPathComponent(base)
        var counter = 1
        while FileManager.default.fileExists(atPath: candidate.path) {
            counter += 1
            candidate = directory.appendingPathComponent("\(base)-\(counter)")
        }
        do {
            try FileManager.default.moveItem(at: fileURL, to: candidate)
        } catch {
            throw SessionStoreError.cannotSetAside(fileURL, reason: error.localizedDescription)
        }
        return candidate
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return "not valid JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): return "the field \"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\(path.isEmpty ? "the top level" : "\"\(path)\"") has the wrong type"
        default: return "\(error)"
        }
    }
}

/// What reading the saved session found.
public enum SessionLoad<Session> {
    /// No session has been saved yet.
    case missing
    case restored(Session)
    /// The file was not a valid session; it was renamed to `movedTo`. Show `message` to the user.
    case setAside(movedTo: URL, message: String)
}

extension SessionLoad: Sendable where Session: Sendable {}

/// Why the session could not be saved or read.
public enum SessionStoreError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(URL, reason: String)
    case cannotRead(URL, reason: String)
    case cannotSetAside(URL, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let url, let reason):
            return "\(url.path): the session could not be saved: \(reason). Check that the folder is writable, or set XDG_STATE_HOME."
        case .cannotRead(let url, let reason):
            return "\(url.path): the saved session could not be read: \(reason). Check its permissions, or move it away."
        case .cannotSetAside(let url, let reason):
            return "\(url.path): the saved session is corrupt and could not be moved aside: \(reason). Move or delete it by hand."
        }
    }
}
