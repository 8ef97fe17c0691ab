import Testing
import Explorer

@Suite("Terminal colour depth")
struct RuntimeTerminalColorDepthTests {
    @Test func depthFollowsTheTerminalsColourCount() {
        #expect(TerminalColorDepth.detect(colors: 1 << 24, environment: [:]) == .trueColor)
        #expect(TerminalColorDepth.detect(colors: 256, environment: [:]) == .palette256)
        #expect(TerminalColorDepth.detect(colors: 256, environment: ["COLORTERM": "truecolor"]) == .palette256)
        #expect(TerminalColorDepth.detect(colors: 16, environment: [:]) == .sixteen)
        #expect(TerminalColorDepth.detect(colors: 8, environment: [:]) == .sixteen)
        #expect(TerminalColorDepth.detect(colors: 0, environment: [:]) == .none)
    }

    @Test func noColorTurnsColourOffUnlessEmpty() {
        #expect(TerminalColorDepth.detect(colors: 1 << 24, environment: ["NO_COLOR": "1"]) == .none)
        #expect(TerminalColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .palette256)
    }
}
