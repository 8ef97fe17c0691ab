import Explorer
import Foundation
import PassageSources
import Testing

/// What is saved to and resumed from the session file.
@Suite struct SessionSnapshotTests {
    @Test func roundTripsThroughJSON() throws {
        var state = Scenario.ranked()
        Scenario.send(&state, [.key(.enter), .character(":")] + Scenario.type("maxlen 64") + [.key(.enter)])
        Scenario.send(&state, [.character("s"), .character("r"), .character(":")] + Scenario.type("sort pane1") + [.key(.enter)])
        let snapshot = SessionSnapshot(state)
        let data = try JSONEncoder().encode(snapshot)
        let decoded = try JSONDecoder().decode(SessionSnapshot.self, from: data)
        #expect(decoded == snapshot)

        let resumed = ExplorerState(snapshot: decoded, themeNames: ["dark"])
        #expect(resumed.query.text == "capital of France")
        #expect(resumed.history.entries == ["capital of France"])
        #expect(resumed.passages.map(\.record) == Scenario.passages)
        #expect(resumed.panes.map(\.scorerName) == state.panes.map(\.scorerName))
        #expect(resumed.panes[0].maxLength == 64)
        #expect(resumed.panes[0].scoreMode == .probability)
        #expect(resumed.sortOrder == .pane1)
        #expect(resumed.baseline == .input)
        #expect(resumed.initialEffects.contains(.loadScorer(resumed.panes[2].id, name: "bm25")))
    }

    @Test func olderFilesWithoutNewerFieldsStillDecode() throws {
        let json = #"{"version": 1, "passages": [{"text": "only this"}]}"#
        let decoded = try JSONDecoder().decode(SessionSnapshot.self, from: Data(json.utf8))
        #expect(decoded.passages == [PassageRecord(text: "only this")])
        #expect(decoded.theme == "dark")
        #expect(decoded.panes.isEmpty)
    }

    @Test func changesToSavedPartsAskForASaveAndOthersDoNot() {
        var state = Scenario.ranked()
        #expect(Scenario.send(&state, [.key(.escape)]).contains(.saveSession) == false)
        #expect(Scenario.send(&state, [.character("j")]).contains(.saveSession) == false)
        #expect(Scenario.send(&state, [.character("d")]).contains(.saveSession))
        #expect(Scenario.send(&state, [.character("t")]).contains(.saveSession))
    }
}
