import Foundation

/// Past queries, oldest first, browsed with ↑/↓ in the query line like a shell history.
public struct QueryHistory: Sendable, Hashable {
    /// How many queries are kept.
    public static let capacity = 200

    public private(set) var entries: [String]
    /// The entry shown while browsing; `nil` when editing a fresh line.
    private var position: Int?
    /// The line being typed before browsing started, given back when browsing past the newest entry.
    private var draft = ""

    public init(entries: [String] = []) {
        self.entries = Array(entries.suffix(Self.capacity))
    }

    /// Adds a query as the newest entry (a repeat moves to the end) and stops browsing.
    public mutating func record(_ query: String) {
        position = nil
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        entries.removeAll { $0 == trimmed }
        entries.append(trimmed)
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }

    /// The entry before the one shown (`current` is kept as the draft when browsing starts);
    /// `nil` at the oldest entry.
    public mutating func older(than current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        let next: Int
        if let position {
            guard position > 0 else { return nil }
            next = position - 1
        } else {
            draft = current
            next = entries.count - 1
        }
        position = next
        return entries[next]
    }

    /// The entry after the one shown, or the draft past the newest; `nil` when not browsing.
    public mutating func newer() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return draft
    }

    /// Ends browsing without changing the line (any edit does this).
    public mutating func stopBrowsing() { position = nil }
}
