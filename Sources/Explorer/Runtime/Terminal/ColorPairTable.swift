/// The ncurses colour pairs allocated so far, one per (foreground, background) combination.
///
/// Pair 0 is the terminal's default colours and is never allocated. When every pair is taken
/// the table starts over; the caller then repaints the whole screen.
struct ColorPairTable {
    private var pairs: [Int64: Int32] = [:]
    private var nextPair: Int32 = 1
    private let capacity: Int32

    /// `capacity` is ncurses' `COLOR_PAIRS`.
    init(capacity: Int32) {
        self.capacity = max(1, capacity)
    }

    enum Lookup {
        case existing(Int32)
        /// A pair number to initialise; `restarted` when older pairs were given up.
        case new(Int32, restarted: Bool)
        /// No pairs at all: use pair 0.
        case unavailable
    }

    mutating func pair(foreground: Int32, background: Int32) -> Lookup {
        let key = Int64(foreground) << 32 | Int64(UInt32(bitPattern: background))
        if let pair = pairs[key] { return .existing(pair) }
        guard capacity > 1 else { return .unavailable }
        var restarted = false
        if nextPair >= capacity {
            pairs.removeAll(keepingCapacity: true)
            nextPair = 1
            restarted = true
        }
        let pair = nextPair
        nextPair += 1
        pairs[key] = pair
        return .new(pair, restarted: restarted)
    }

    mutating func removeAll() {
        pairs.removeAll(keepingCapacity: true)
        nextPair = 1
    }
}
