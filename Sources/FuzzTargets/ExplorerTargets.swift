import Explorer
import Foundation
import PassageSources

/// The explorer's own files and its terminal input.
enum ExplorerTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget("theme", "a theme .toml file, resolved at every colour depth") { bytes in
            let (theme, _) = ThemeParser.parse(String(decoding: bytes, as: UTF8.self), name: "fuzz", file: "fuzz.toml")
            for depth in ColorDepth.allCases { _ = ResolvedPalette(theme: theme, depth: depth) }
        },
        FuzzTarget("session", "session.json as saved by the explorer, restored into a state and drawn") { bytes in
            let load = try ScratchFolder.using { scratch in
                try SessionStore<SessionSnapshot>(fileURL: scratch.file("session.json", bytes)).load(now: Date(timeIntervalSince1970: 0))
            }
            if case .restored(let snapshot) = load {
                var state = ExplorerState(snapshot: snapshot, themeNames: ["dark", "light"])
                _ = state.handle(.resize(width: 100, height: 30))
                _ = ExplorerView.render(state)
            }
        },
        FuzzTarget("demo-script", "a .demo script for talks, each step performed on a state, then drawn") { bytes in
            let script = try DemoScript(parsing: String(decoding: bytes, as: UTF8.self), file: "fuzz.demo")
            var state = sampleState()
            for entry in script.entries { _ = state.perform(entry.step) }
            _ = ExplorerView.render(state)
        },
        FuzzTarget("terminal-input", "wget_wch results (see TerminalInputBytes) through the input decoder into a state, "
                   + "then drawn") { bytes in
            var decoder = InputDecoder()
            var state = sampleState()
            var events: [InputEvent] = []
            for item in TerminalInputBytes.items(bytes) {
                switch item {
                case .input(let input): decoder.feed(input, into: &events)
                case .pause: events += decoder.flushPending()
                }
            }
            events += decoder.flushPending()
            for event in events { _ = state.handle(event) }
            _ = ExplorerView.render(state)
        },
    ]

    /// A state as the explorer opens on a small sample: two panes, a query, three passages.
    private static func sampleState() -> ExplorerState {
        ExplorerState(passages: [PassageRecord(text: "Fleas live for weeks.", label: 1, id: "a"),
                                 PassageRecord(text: "Concrete floors cost little.", id: "b"),
                                 PassageRecord(text: "", id: "c")],
                      query: "flea life", history: ["flea"], scorers: ["bm25", "bm25"], title: "fuzz",
                      themeNames: ["dark", "light"])
    }
}

/// How the `terminal-input` target reads its bytes as `wget_wch` results: a byte below 0xF8 is that character;
/// 0xF8 k is key code 0o400 + k; 0xF9 c r b0 b1 b2 b3 a mouse report at column c, row r with little-endian
/// button bits; 0xFA w h a resize; 0xFB a pause (the runtime flushes an unfinished sequence); 0xFC b0 b1 b2 b3 any
/// 32-bit character code, scalar or not. A marker cut short by the end of the input is dropped.
enum TerminalInputBytes {
    enum Item {
        case input(RawInput)
        case pause
    }

    static func items(_ bytes: [UInt8]) -> [Item] {
        var items: [Item] = []
        var index = bytes.startIndex
        func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard bytes.endIndex - index >= count else { return nil }
            defer { index += count }
            return bytes[index..<(index + count)]
        }
        while let marker = take(1)?.first {
            switch marker {
            case 0xF8:
                guard let code = take(1)?.first else { return items }
                items.append(.input(.keyCode(0o400 + Int32(code))))
            case 0xF9:
                guard let report = take(6).map(Array.init) else { return items }
                items.append(.input(.mouse(MouseReport(column: Int(report[0]), row: Int(report[1]),
                                                       buttonState: littleEndian(report[2...])))))
            case 0xFA:
                guard let size = take(2).map(Array.init) else { return items }
                items.append(.input(.resize(width: Int(size[0]), height: Int(size[1]))))
            case 0xFB:
                items.append(.pause)
            case 0xFC:
                guard let code = take(4) else { return items }
                items.append(.input(.character(littleEndian(code))))
            default:
                items.append(.input(.character(UInt32(marker))))
            }
        }
        return items
    }

    private static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}
