import Explorer
import Foundation
import Inference
import PassageSources
import PropertyBased
import Testing
import TestSupport

/// The session survives the round trips `--resume` makes, on random sessions: saved to the session file
/// and read back (export → import), and turned into an explorer state and saved from it again.
@Suite("Explorer properties")
struct ExplorerProperties {
    static let fragments = [
        "booster", "doses", " ", "\n", "\n\n", "\t", "\"", "\\", "/", "café", "cafe\u{301}", "中文", "😋", "👨‍👩‍👧",
        "\u{0}", "\u{1B}[31m", "\u{2028}", "\u{FEFF}", "✂", "{", "}", "[", "]", ":", ",", "null", "1e400",
    ]
    static let texts = Gen<String?>.element(of: fragments).compactMap { $0 }.array(of: 0...12).map { $0.joined() }

    static let passages = zip(texts, Gen.int(in: -1...3), texts.optional)
        .map { text, label, id in PassageRecord(text: text, label: label < 0 ? nil : label, id: id) }
        .array(of: 0...12)

    static let readingModes = zip(Gen.bool, Gen.int(in: 8...512), Gen.int(in: 1...256))
        .map { truncates, length, stride in truncates ? ReadingMode.truncate : .windows(length: length, stride: min(stride, length)) }

    static let panes = zip(
        Gen<String?>.element(of: ["bm25", "ms-marco-MiniLM-L6-ce-local-v2", "all-MiniLM-L6-v2", "/models/ce", "BAAI/bge-reranker-base@main"]).compactMap { $0 },
        Gen.int(in: 8...512).optional, readingModes,
        zip(Gen<Precision?>.element(of: Precision.allCases).compactMap { $0 }, Gen.bool)
    ).map { scorer, maxLength, mode, numbers in
        SessionSnapshot.PaneSnapshot(scorer: scorer, maxLength: maxLength, readingMode: mode, precision: numbers.0,
                                     scoreMode: numbers.1 ? .probability : .raw)
    }.array(of: 1...ExplorerState.maximumPanes)

    static let sessions = zip(
        zip(texts, texts.array(of: 0...8), texts),
        passages, panes,
        zip(Gen<String?>.element(of: ["dark", "light", "mono"]).compactMap { $0 },
            Gen<Explorer.SortOrder?>.element(of: Explorer.SortOrder.allCases).compactMap { $0 }, Gen.bool)
    ).map { words, passages, panes, looks in
        SessionSnapshot(query: words.0, history: words.1, title: words.2, passages: passages, panes: panes, theme: looks.0,
                        sortOrder: looks.1, baseline: looks.2 ? .pane1 : .input)
    }

    @Test("a session saved to the session file and read back is the same session")
    func saveThenLoadIsTheIdentity() async throws {
        let files = try TemporaryFiles("session-properties")
        let store = SessionStore<SessionSnapshot>(fileURL: files.directory.appendingPathComponent("rerank/session.json"))
        await propertyCheck(count: 200, input: Self.sessions) { session in
            try store.save(session)
            guard case .restored(let loaded) = try store.load() else {
                Issue.record("the saved session did not load back")
                return
            }
            #expect(loaded == session)
        }
    }

    @Test("a session resumed into the explorer and saved again is the same session")
    func resumeThenSaveIsTheIdentity() async {
        await propertyCheck(count: 200, input: Self.sessions) { session in
            let state = ExplorerState(snapshot: session, themeNames: ["dark", "light", "mono"])
            #expect(SessionSnapshot(state) == session)
        }
    }
}
