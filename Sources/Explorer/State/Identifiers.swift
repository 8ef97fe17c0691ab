import PassageSources

/// Stable identity of a passage for as long as the explorer runs (it survives edits and reordering).
public struct PassageID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: PassageID, rhs: PassageID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "p\(rawValue)" }
}

/// Stable identity of a pane; results from the engine name the pane they belong to by it.
public struct PaneID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "pane#\(rawValue)" }
}

/// A passage as the explorer holds it: its record and its stable id.
public struct ExplorerPassage: Sendable, Hashable, Identifiable {
    public let id: PassageID
    public var record: PassageRecord

    public init(id: PassageID, record: PassageRecord) {
        self.id = id
        self.record = record
    }

    public var text: String { record.text }
}
