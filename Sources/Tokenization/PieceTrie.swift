/// A vocabulary's pieces as a trie over Unicode scalars. Walking it along a text from one position meets
/// every piece that starts there, shortest first, in steps bounded by the longest piece.
///
/// The edges live in one open-addressing hash table keyed by (parent node, scalar), and a node is the slot of
/// the edge that leads to it, so a step costs one probe and a 250,000-piece vocabulary builds in one pass.
struct PieceTrie: Sendable {
    /// The root has no incoming edge; its number is one past the last slot.
    let root: Int
    /// Per slot: 0 when empty, else the edge's key (parent node and scalar), with `terminal` set when a piece ends
    /// at the node the edge leads to.
    private var keys: [UInt64]
    /// Per slot: the id of the piece ending at the slot's node (meaningful when its key has `terminal`).
    private var pieceIds: [Int32]
    /// The id of an empty piece, which ends at the root.
    private var rootPieceId: Int32?
    private let slotShift: UInt64

    private static let occupied: UInt64 = 1 << 62
    private static let terminal: UInt64 = 1 << 63

    /// A trie of `pieces`, `pieces[i]` having id `i`; a piece listed twice keeps its last id.
    init(_ pieces: [String]) {
        let scalarCount = pieces.reduce(0) { count, piece in
            count + piece.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
        // Every scalar adds at most one node, so the table stays at most 80% full.
        var bits: UInt64 = 4
        while (1 << bits) < scalarCount + scalarCount / 4 + 1 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << Int(bits))
        pieceIds = [Int32](repeating: -1, count: 1 << Int(bits))
        slotShift = 64 - bits
        root = keys.count
        for (id, piece) in pieces.enumerated() {
            var node = root
            for scalar in piece.unicodeScalars { node = childInserting(node, scalar.value) }
            if node == root {
                rootPieceId = Int32(truncatingIfNeeded: id)
            } else {
                keys[node] |= Self.terminal
                pieceIds[node] = Int32(truncatingIfNeeded: id)
            }
        }
    }

    /// The node reached from `node` along `scalar`, if the trie has that edge.
    @inline(__always)
    func child(_ node: Int, _ scalar: UInt32) -> Int? {
        let key = Self.key(node, scalar)
        var slot = slotIndex(key)
        while true {
            let found = keys[slot]
            if found & ~Self.terminal == key { return slot }
            if found == 0 { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// The id of the piece ending at `node`, or nil.
    @inline(__always)
    func pieceId(at node: Int) -> Int32? {
        guard node != root else { return rootPieceId }
        return keys[node] & Self.terminal != 0 ? pieceIds[node] : nil
    }

    /// The id of the piece spelled exactly by `scalars`, if any.
    func id(of scalars: some Sequence<UInt32>) -> Int32? {
        var node = root
        for scalar in scalars {
            guard let next = child(node, scalar) else { return nil }
            node = next
        }
        return pieceId(at: node)
    }

    private mutating func childInserting(_ node: Int, _ scalar: UInt32) -> Int {
        let key = Self.key(node, scalar)
        var slot = slotIndex(key)
        while keys[slot] != 0 {
            if keys[slot] & ~Self.terminal == key { return slot }
            slot = (slot + 1) & (keys.count - 1)
        }
        keys[slot] = key
        return slot
    }

    @inline(__always)
    private static func key(_ node: Int, _ scalar: UInt32) -> UInt64 {
        occupied | UInt64(truncatingIfNeeded: node) << 21 | UInt64(scalar & 0x1F_FFFF)
    }

    @inline(__always)
    private func slotIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> slotShift)
    }
}
