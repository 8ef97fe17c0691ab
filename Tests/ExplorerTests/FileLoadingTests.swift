import Explorer
import PassageSources
import Testing

/// `:open` of a large file: the bottom line shows how far it has been read while typing, moving and
/// scoring go on; Esc or another `:open` stops it; its passages arrive as `:open`'s always did, up
/// to the most the explorer holds.
@Suite("Opening a large file")
struct FileLoadingTests {
    /// The ranked scenario, lists focused, after `:open PATH`.
    private func opening(_ path: String = "/tmp/big.tsv") -> (state: ExplorerState, effects: [Effect]) {
        var state = Scenario.ranked(width: 120)
        Scenario.send(&state, [.key(.escape)])
        let effects = Scenario.send(&state, [.character(":")] + Scenario.type("open \(path)") + [.key(.enter)])
        return (state, effects)
    }

    private func bottomLine(_ state: ExplorerState) -> String {
        String(screen(state).split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }

    @Test("the bottom line shows how far the file has been read, never going back")
    func progressOnTheBottomLine() {
        let opened = opening()
        var state = opened.state
        #expect(opened.effects.contains(.openFile(URLFixture.file("/tmp/big.tsv"))))
        #expect(state.loading == FileLoading(path: "/tmp/big.tsv"))
        #expect(bottomLine(state).contains("reading /tmp/big.tsv… · Esc stops"))
        _ = state.apply(.loadProgress(bytesRead: 74_000_000, totalBytes: 200_000_000))
        #expect(bottomLine(state).contains("reading /tmp/big.tsv · 37 % · 74 MB of 200 MB · Esc stops"))
        _ = state.apply(.loadProgress(bytesRead: 10_000_000, totalBytes: 200_000_000))
        #expect(state.loading?.percent == 37)
    }

    @Test("typing, moving and scores arriving are handled while the file loads")
    func inputWhileLoading() {
        var (state, _) = opening()
        _ = state.apply(.loadProgress(bytesRead: 50_000_000, totalBytes: 200_000_000))
        let selected = state.selection
        Scenario.send(&state, [.character("j")])
        #expect(state.selection != selected)
        let effects = Scenario.send(&state, [.character("i")] + Scenario.type(" today"))
        #expect(state.query.text == "capital of France today")
        #expect(effects.contains(.score(state.panes[0].id, debounce: true)))
        #expect(screen(state).contains("capital of France today"))
        #expect(bottomLine(state).contains("reading /tmp/big.tsv · 25 % · 50 MB of 200 MB"))
        Scenario.score(&state, pane: 2, [1, 2, 3, 4, 5])
        #expect(state.rankings[2].scoredCount == 5)
        #expect(state.loading?.bytesRead == 50_000_000)
    }

    @Test("Esc stops the load and keeps the passages; the next Esc moves the focus as always")
    func escapeStops() {
        var (state, _) = opening()
        let effects = Scenario.send(&state, [.key(.escape)])
        #expect(effects.contains(.cancelLoading))
        #expect(state.loading == nil)
        #expect(state.focus == .lists)
        #expect(state.status == StatusMessage("stopped reading /tmp/big.tsv; the passages are as they were"))
        #expect(state.passages.count == Scenario.passages.count)
        Scenario.send(&state, [.key(.escape)])
        #expect(state.focus == .query)
    }

    @Test("opening another file while one loads reads that one instead")
    func anotherOpenReplaces() {
        var (state, _) = opening()
        let effects = Scenario.send(&state, [.character(":")] + Scenario.type("open /tmp/other.txt") + [.key(.enter)])
        #expect(effects.contains(.openFile(URLFixture.file("/tmp/other.txt"))))
        #expect(state.loading == FileLoading(path: "/tmp/other.txt"))
    }

    @Test("the passages read are appended as one undo step and scored, and the bottom line says how many")
    func loadedPassagesAreAppended() {
        var (state, _) = opening()
        let collection = PassageCollection(title: "big.tsv", passages: (1...3).map { PassageRecord(text: "passage \($0)") })
        let effects = state.apply(.passagesLoaded(collection))
        #expect(state.loading == nil)
        #expect(state.passages.count == Scenario.passages.count + 3)
        #expect(bottomLine(state).contains("added 3 passages from big.tsv"))
        #expect(effects.contains(.score(state.panes[0].id, debounce: false)))
        #expect(effects.contains(.saveSession))
        Scenario.send(&state, [.character("u")])
        #expect(state.passages.count == Scenario.passages.count)
    }

    @Test("a file that cannot be read ends the load with its message")
    func failureEndsTheLoad() {
        var (state, _) = opening()
        let message = PassageSourceError.tooManyColumns(file: "/tmp/big.tsv", line: 7, count: 4).description
        _ = state.apply(.loadFailed(message))
        #expect(state.loading == nil)
        #expect(state.status == StatusMessage(message, isError: true))
    }

    @Test("a file of more passages than the explorer holds adds the first ones and says so; a full explorer takes no paste")
    func passageLimit() {
        var (state, _) = opening()
        let limit = ExplorerState.maximumPassages
        let total = limit + 20
        let collection = PassageCollection(title: "big.tsv", passages: (0..<total).map { PassageRecord(text: "passage \($0)") })
        _ = state.apply(.passagesLoaded(collection))
        let kept = limit - Scenario.passages.count
        #expect(state.passages.count == limit)
        #expect(state.passages.last?.text == "passage \(kept - 1)")
        #expect(state.status == StatusMessage(
            "kept the first \(kept) of \(total) passages from big.tsv: the explorer holds at most \(limit) "
                + "(rerank score --passages ranks a whole file)", isError: true))
        Scenario.send(&state, [.paste("one more\n\ntwo more")])
        #expect(state.passages.count == limit)
        #expect(state.status == StatusMessage(
            "the explorer holds at most \(limit) passages: none of the 2 from the paste were added; delete some first", isError: true))
    }
}
