import Explorer
import Inference
import Testing

/// Long runs of arbitrary input and engine news never break the state or the screen.
@Suite struct RandomInputTests {
    /// A small deterministic generator so failures reproduce.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private static let characters: [Character] = Array("jkgGaedumst+-=/:?qiohlb r東🗼\u{301}x1") + ["\n"]
    private static let keys: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .enter, .escape,
                                      .tab, .backTab, .backspace, .delete, .f1, .f5]

    /// Even seeds start in the query browser of a judged set, whose background results arrive at random.
    @Test(arguments: [1, 2, 3, 4])
    func arbitraryEventsKeepTheStateDrawable(seed: Int) throws {
        var random = Generator(state: UInt64(seed))
        var state = seed.isMultiple(of: 2) ? try BrowserScenario.opened() : Scenario.ranked()
        for _ in 0..<600 {
            let event: InputEvent
            switch random.next(10) {
            case 0: event = .key(Self.keys[random.next(Self.keys.count)])
            case 1: event = .control(["a", "e", "u", "w", "k", "b", "f"][random.next(7)])
            case 2: event = .paste(["one\n\ntwo", "line", "", "\n\n"][random.next(4)])
            case 3: event = .mouse(MouseEvent(action: [.press, .release, .wheelUp, .wheelDown][random.next(4)],
                                              column: random.next(130), row: random.next(45)))
            case 4: event = .resize(width: random.next(130), height: random.next(45))
            default: event = .character(Self.characters[random.next(Self.characters.count)])
            }
            for effect in state.handle(event) {
                if case .quit = effect { continue }
                if case .score(let pane, _) = effect, let request = state.scoreRequest(for: pane) {
                    _ = state.apply(.scoringStarted(pane, query: request.query, total: request.passages.count))
                    let scores = Dictionary(uniqueKeysWithValues: request.passageIDs.map { ($0, PairScore(score: Double(random.next(100)))) })
                    _ = state.apply(.batch(pane, query: request.query, scores: scores, completed: scores.count, total: scores.count))
                }
            }
            if random.next(3) == 0, let item = state.setScoreItems().first {
                _ = random.next(9) == 0
                    ? state.apply(.setFailed(set: item.set, scorer: item.scorer, message: "x"))
                    : state.apply(.setScored(set: item.set, query: item.query, scorer: item.scorer,
                                             scores: item.passages.map { _ in Double(random.next(10)) }))
            }
            if random.next(7) == 0, let pane = state.panes.first {
                _ = state.apply(.modelList([ModelChoice(name: "m\(random.next(3))", kind: .crossEncoder, summary: "")]))
                _ = state.apply(.tick)
                _ = state.apply(.failed(pane.id, message: "x"))
            }
            let grid = ExplorerView.render(state)
            #expect(grid.width == state.screenWidth && grid.height == state.screenHeight)
            #expect(state.rankings.count == state.panes.count)
            #expect(state.panes.indices.contains(state.focusedPane))
            if let browser = state.browser {
                #expect(browser.queries.indices.contains(browser.selected))
                #expect(state.browserOrder.sorted() == Array(browser.queries.indices))
            }
        }
    }
}
