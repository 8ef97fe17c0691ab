/// How BERT's normalizer and pre-tokenizer treat text, as a model's tokenizer files state it.
public struct BertTextOptions: Sendable, Hashable {
    /// Lower-case the text (`do_lower_case` / `lowercase`).
    public var lowercase: Bool
    /// Strip accents; `nil` follows `lowercase`, as the reference does.
    public var stripAccents: Bool?
    /// Put spaces around CJK ideographs (`tokenize_chinese_chars` / `handle_chinese_chars`).
    public var handleChineseChars: Bool
    /// Drop control characters and map whitespace to spaces (`clean_text`).
    public var cleanText: Bool

    public init(lowercase: Bool = true, stripAccents: Bool? = nil, handleChineseChars: Bool = true, cleanText: Bool = true) {
        self.lowercase = lowercase
        self.stripAccents = stripAccents
        self.handleChineseChars = handleChineseChars
        self.cleanText = cleanText
    }

    /// Whether accents are stripped once `stripAccents` has defaulted to `lowercase`.
    public var stripsAccents: Bool { stripAccents ?? lowercase }
}
