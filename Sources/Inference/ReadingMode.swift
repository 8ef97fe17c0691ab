/// How a scorer reads a passage longer than its token limit.
public enum ReadingMode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Cut at the token limit (`longest_first`, as the reference does): the model never sees the rest.
    case truncate
    /// MaxP (Dai & Callan, "Deeper Text Understanding for IR with Contextual Neural Language Modeling",
    /// SIGIR 2019): windows of `length` passage tokens (the query and special tokens not counted),
    /// `stride` tokens apart, covering the whole passage; cross-encoders read each window with the
    /// whole query, bi-encoders embed each window alone. The passage scores as its best window.
    case windows(length: Int, stride: Int)

    /// Windows whose numbers make sense on their own: LEN ≥ 1, STRIDE ≥ 1 and STRIDE ≤ LEN (a larger
    /// stride would skip text). Whether LEN fits beside a query is `Scorer.checkWindows`' question.
    public static func checkedWindows(length: Int, stride: Int) throws(InferenceError) -> ReadingMode {
        guard length >= 1 else { throw .invalidWindows("LEN is \(length); a window holds at least 1 token") }
        guard stride >= 1 else { throw .invalidWindows("STRIDE is \(stride); windows must move at least 1 token") }
        guard stride <= length else {
            throw .invalidWindows("STRIDE \(stride) is larger than LEN \(length), so text between windows would never be read; use STRIDE ≤ LEN")
        }
        return .windows(length: length, stride: stride)
    }

    /// Parses `LEN:STRIDE` (as `--windows` takes it) and checks it as `checkedWindows` does.
    public static func windows(parsing text: String) throws(InferenceError) -> ReadingMode {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[0]), let stride = Int(parts[1]) else {
            throw .invalidWindows("expected LEN:STRIDE, two whole numbers such as 256:128")
        }
        return try checkedWindows(length: length, stride: stride)
    }

    /// `truncate`, or `windows 256/128`.
    public var description: String {
        switch self {
        case .truncate: return "truncate"
        case .windows(let length, let stride): return "windows \(length)/\(stride)"
        }
    }

    /// Saved as one string: `truncate`, or `LEN:STRIDE` as `--windows` takes it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .truncate: try container.encode("truncate")
        case .windows(let length, let stride): try container.encode("\(length):\(stride)")
        }
    }

    /// Reads what `encode(to:)` wrote, checking windows as `checkedWindows` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if text == "truncate" {
            self = .truncate
            return
        }
        do {
            self = try ReadingMode.windows(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "reading mode \"\(text)\": \(error)")
        }
    }
}

extension Scorer {
    /// Checks that windows of `mode` fit the max length beside every one of `queries`, whole: throws
    /// `InferenceError.windowTooLong` naming the first query they do not fit. Truncation, and
    /// scorers that read no tokens (BM25), always pass.
    public func checkWindows(_ mode: ReadingMode, queries: [String], maxLength: Int?) throws {
        guard case .windows(let length, _) = mode else { return }
        var seen = Set<String>()
        for query in queries where seen.insert(query).inserted {
            guard let capacity = try windowCapacity(query: query, maxLength: maxLength) else { return }
            if length > capacity {
                throw InferenceError.windowTooLong(length: length, capacity: capacity, maxLength: maxLength ?? info.maxLength ?? 0,
                                                   query: info.kind == .crossEncoder ? query : nil)
            }
        }
    }
}
