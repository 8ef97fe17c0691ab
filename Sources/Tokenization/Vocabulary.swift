/// A WordPiece vocabulary: the entry of each id, and lookups from scalars to ids.
struct Vocabulary: Sendable {
    static let continuingSubwordPrefix: [UInt32] = [0x23, 0x23]

    /// `pieces[id]` is the entry of `id`.
    let pieces: [String]
    /// Every entry as written.
    let entries: ScalarKeyedTable
    /// Entries that begin with `##`, keyed by what follows the prefix.
    let continuations: ScalarKeyedTable

    /// `pieces[i]` is the entry of id `i`; an entry listed twice keeps its last id.
    init(_ pieces: [String]) {
        var entries: [(key: [UInt32], id: Int32)] = []
        var continuations: [(key: [UInt32], id: Int32)] = []
        entries.reserveCapacity(pieces.count)
        for (index, piece) in pieces.enumerated() {
            let scalars = piece.unicodeScalars.map(\.value)
            let id = Int32(truncatingIfNeeded: index)
            entries.append((scalars, id))
            if scalars.starts(with: Self.continuingSubwordPrefix) {
                continuations.append((Array(scalars.dropFirst(Self.continuingSubwordPrefix.count)), id))
            }
        }
        self.pieces = pieces
        self.entries = ScalarKeyedTable(entries)
        self.continuations = ScalarKeyedTable(continuations)
    }

    /// The id of an entry, compared scalar by scalar.
    func id(of piece: String) -> Int32? {
        let scalars = piece.unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { entries.id(of: $0, 0..<scalars.count) }
    }
}
