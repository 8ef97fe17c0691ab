/// A scripted demo in progress: the script's position and the query being typed into the line,
/// one more character every `typingInterval`.
struct DemoPlayback {
    static let typingInterval = Duration.milliseconds(45)

    var player: ScriptPlayer
    /// What the query line shows at each coming frame, the whole query last.
    private var frames: ArraySlice<String> = []
    private var nextFrame: ContinuousClock.Instant?

    init(script: DemoScript) {
        player = ScriptPlayer(script: script)
    }

    /// When the next typing frame is due; nil when nothing is being typed.
    var deadline: ContinuousClock.Instant? { nextFrame }

    /// Starts typing a query: the first frame is due at once.
    mutating func type(_ frames: [String], at now: ContinuousClock.Instant) {
        self.frames = frames[...]
        nextFrame = frames.isEmpty ? nil : now
    }

    /// The query line to show now, if a frame is due.
    mutating func takeFrame(at now: ContinuousClock.Instant) -> String? {
        guard let due = nextFrame, due <= now, let frame = frames.popFirst() else { return nil }
        nextFrame = frames.isEmpty ? nil : now + Self.typingInterval
        return frame
    }
}
