@testable import Explorer
import Testing

/// Every view draws at every terminal size from 1×1 to 400×120: a grid of exactly the terminal's size, the
/// "too small" message below the smallest size the explorer lays out, and no crash anywhere.
@Suite("Terminal sizes")
struct TerminalSizeTests {
    /// Widths and heights from the extremes to past the layout's thresholds, and every size near them.
    static let widths = Array(1...12) + [20, 39, 40, 41, 59, 60, 61, 79, 80, 81, 100, 119, 120, 121, 160, 200, 250, 300, 399, 400]
    static let heights = Array(1...14) + [15, 20, 24, 30, 40, 48, 60, 80, 100, 119, 120]

    /// The views a user can be in: the panes' lists, the detail view and its why view, the help, the
    /// histograms, the rank flow, the command line, and a judged set's query browser.
    static func views() throws -> [(name: String, state: ExplorerState)] {
        func ranked(_ events: [InputEvent]) -> ExplorerState {
            var state = Scenario.ranked()
            Scenario.send(&state, [.key(.escape)] + events)
            return state
        }
        return [
            ("query line", Scenario.ranked()),
            ("lists", ranked([])),
            ("detail", ranked([.key(.enter)])),
            ("why view", ranked([.key(.enter), .character("w")])),
            ("help", ranked([.character("?")])),
            ("histograms", ranked([.character("#")])),
            ("rank flow", ranked([.key(.tab), .character("f")])),
            ("command line", ranked([.character(":"), .character("m")])),
            ("query browser", try BrowserScenario.opened()),
        ]
    }

    @Test("every view at every size: a grid of the terminal's size, and the message where it is too small")
    func everySize() throws {
        for (name, opened) in try Self.views() {
            for width in Self.widths {
                for height in Self.heights {
                    var state = opened
                    _ = state.handle(.resize(width: width, height: height))
                    let grid = ExplorerView.render(state)
                    #expect(grid.width == width && grid.height == height, "\(name) at \(width)×\(height)")
                    let tooSmall = width < ExplorerLayout.minimumWidth || height < ExplorerLayout.minimumHeight
                    if tooSmall, width >= 40, height >= 1 {
                        #expect(grid.text.contains("too small"), "\(name) at \(width)×\(height)")
                    }
                }
            }
        }
    }

    @Test("a storm of 100 resizes, each drawn, leaves a state that draws and ranks as before")
    func resizeStorm() throws {
        for (name, opened) in try Self.views() {
            var state = opened
            var size = (width: 80, height: 24)
            for step in 0..<100 {
                size = (width: 1 + (size.width * 37 + step * 11) % 400, height: 1 + (size.height * 17 + step * 7) % 120)
                _ = state.handle(.resize(width: size.width, height: size.height))
                let grid = ExplorerView.render(state)
                #expect(grid.width == size.width && grid.height == size.height, "\(name), resize \(step)")
            }
            _ = state.handle(.resize(width: opened.screenWidth, height: opened.screenHeight))
            #expect(ExplorerView.render(state).text == ExplorerView.render(opened).text, "\(name)")
        }
    }
}
