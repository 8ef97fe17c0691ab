import Testing
import Explorer

@Suite("Debouncer")
struct RuntimeDebouncerTests {
    @Test func onlyTheLatestValueFiresAfterTheQuietDelay() {
        let start = ContinuousClock.now
        var debouncer = Debouncer<String>(delay: .milliseconds(150))
        #expect(debouncer.deadline == nil)
        debouncer.submit("q", at: start)
        debouncer.submit("qu", at: start + .milliseconds(100))
        #expect(debouncer.take(at: start + .milliseconds(200)) == nil)
        #expect(debouncer.deadline == start + .milliseconds(250))
        #expect(debouncer.take(at: start + .milliseconds(250)) == "qu")
        #expect(debouncer.take(at: start + .milliseconds(400)) == nil)
        #expect(debouncer.deadline == nil)
    }

    @Test func cancelDropsTheWaitingValue() {
        let start = ContinuousClock.now
        var debouncer = Debouncer<Int>(delay: .milliseconds(10))
        debouncer.submit(1, at: start)
        debouncer.cancel()
        #expect(debouncer.take(at: start + .seconds(1)) == nil)
    }
}
