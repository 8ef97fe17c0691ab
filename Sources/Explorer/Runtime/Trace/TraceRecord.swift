/// One line of a `--trace` file; the writer and the summary share it so they agree on the format.
///
/// `{"event":"key","key":"ctrl-a","ms_to_redraw":1.8}` for an input event and its redraw;
/// `{"event":"pane","pane":1,"scorer":"bm25","first_ms":12.5,"complete_ms":40.1,"passages":100}`
/// for one pane's ranking after a query change (without `complete_ms` when the query changed
/// again before the pane finished); the same with `"event":"startup"` for the ranking the explorer
/// shows as it opens, timed from the process's start.
struct TraceRecord: Codable, Equatable {
    static let inputEvent = "key"
    static let paneEvent = "pane"
    static let startupEvent = "startup"

    var event: String
    var key: String?
    var millisecondsToRedraw: Double?
    var pane: Int?
    var scorer: String?
    var firstMilliseconds: Double?
    var completeMilliseconds: Double?
    var passages: Int?

    enum CodingKeys: String, CodingKey {
        case event, key, pane, scorer, passages
        case millisecondsToRedraw = "ms_to_redraw"
        case firstMilliseconds = "first_ms"
        case completeMilliseconds = "complete_ms"
    }

    /// A short name for an input event; typed and pasted text is not recorded, only its kind.
    static func name(of event: InputEvent) -> String {
        switch event {
        case .character: return "char"
        case .key(let key): return key.rawValue
        case .control(let character): return "ctrl-\(character)"
        case .paste(let text): return "paste(\(text.count))"
        case .mouse(let mouse): return "mouse-\(mouse.action)"
        case .resize(let width, let height): return "resize(\(width)x\(height))"
        }
    }
}
