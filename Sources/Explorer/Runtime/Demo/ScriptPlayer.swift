/// Walks through a demo script, one step each time the speaker presses →.
public struct ScriptPlayer: Sendable, Hashable {
    /// A step to perform now.
    public struct Move: Sendable, Hashable {
        public var step: DemoStep
        /// Position in the script, from 1.
        public var number: Int
        public var total: Int
        /// For a query, what the query line shows at each tick while it is "typed": one more
        /// character each time, ending with the whole query. Empty for other steps.
        public var typing: [String]
    }

    public let script: DemoScript
    /// Index of the next step.
    public private(set) var position = 0

    public init(script: DemoScript) {
        self.script = script
    }

    public var isFinished: Bool {
        position >= script.entries.count
    }

    /// The next step, or nil after the last one.
    public mutating func advance() -> Move? {
        guard !isFinished else { return nil }
        let step = script.entries[position].step
        position += 1
        return Move(step: step, number: position, total: script.entries.count, typing: Self.typing(step))
    }

    private static func typing(_ step: DemoStep) -> [String] {
        guard case .query(let text) = step else { return [] }
        var frames: [String] = []
        frames.reserveCapacity(text.count)
        var typed = ""
        for character in text {
            typed.append(character)
            frames.append(typed)
        }
        return frames
    }
}
