/// A vocabulary's pieces as a trie over Unicode scalars. Walking it along a text from one position meets
/// every piece that starts there, shortest first, in steps bounded by the longest piece.
///
/// Nodes are numbered from 0 (the root); edges live in one open-addressing hash table keyed by
/// (parent node, scalar), so a vocabulary of 250,000 pieces builds in one pass without a node object each.
struct PieceTrie: Sendable {
    static let root: Int32 = 0

    /// Per slot: 0 when empty, else the occupied bit, the parent node (bits 21…52) and the scalar (bits 0…20).
    private var keys: [UInt64]
    /// Per slot: the child node the edge leads to.
    private var children: [Int32]
    /// Per node: the id of the piece that ends there, or -1.
    private var pieceIds: [Int32] = [-1]
    private var slotShift: UInt64 = 60

    private static let occupied: UInt64 = 1 << 63

    /// A trie of `pieces`, `pieces[i]` having id `i`; a piece listed twice keeps its last id, empty pieces are left out.
    init(_ pieces: [String]) {
        keys = [UInt64](repeating: 0, count: 16)
        children = [Int32](repeating: 0, count: 16)
        for (id, piece) in pieces.enumerated() where !piece.isEmpty {
            var node = Self.root
            for scalar in piece.unicodeScalars { node = childInserting(node, scalar.value) }
            pieceIds[Int(node)] = Int32(truncatingIfNeeded: id)
        }
    }

    /// The node reached from `node` along `scalar`, if the trie has that edge.
    @inline(__always)
    func child(_ node: Int32, _ scalar: UInt32) -> Int32? {
        let key = Self.key(node, scalar)
        var slot = slotIndex(key)
        while true {
            let found = keys[slot]
            if found == key { return children[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// The id of the piece ending at `node`, or nil.
    @inline(__always)
    func pieceId(at node: Int32) -> Int32? {
        let id = pieceIds[Int(node)]
        return id >= 0 ? id : nil
    }

    /// The id of the piece spelled exactly by `scalars`, if any.
    func id(of scalars: some Sequence<UInt32>) -> Int32? {
        var node = Self.root
        for scalar in scalars {
            guard let next = child(node, scalar) else { return nil }
            node = next
        }
        return pieceId(at: node)
    }

    private mutating func childInserting(_ node: Int32, _ scalar: UInt32) -> Int32 {
        let key = Self.key(node, scalar)
        var slot = slotIndex(key)
        while keys[slot] != 0 {
            if keys[slot] == key { return children[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        let newNode = Int32(truncatingIfNeeded: pieceIds.count)
        keys[slot] = key
        children[slot] = newNode
        pieceIds.append(-1)
        if pieceIds.count * 10 > keys.count * 7 { doubleCapacity() }
        return newNode
    }

    /// Moves every edge into a table twice as large, keeping the load below 70%.
    private mutating func doubleCapacity() {
        let oldKeys = keys
        let oldChildren = children
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        children = [Int32](repeating: 0, count: oldKeys.count * 2)
        slotShift -= 1
        for (key, child) in zip(oldKeys, oldChildren) where key != 0 {
            var slot = slotIndex(key)
            while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            children[slot] = child
        }
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 {
        occupied | UInt64(UInt32(bitPattern: node)) << 21 | UInt64(scalar & 0x1F_FFFF)
    }

    @inline(__always)
    private func slotIndex(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> slotShift)
    }
}
