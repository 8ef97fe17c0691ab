// CONTRACT (placeholder bodies): the public API the Tokenization work implements.

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
}

/// The special tokens a BERT vocabulary must hold.
public struct SpecialTokens: Sendable, Hashable {
    public var unknown: String
    public var classifier: String
    public var separator: String
    public var padding: String

    public init(unknown: String = "[UNK]", classifier: String = "[CLS]", separator: String = "[SEP]", padding: String = "[PAD]") {
        self.unknown = unknown
        self.classifier = classifier
        self.separator = separator
        self.padding = padding
    }
}

/// One WordPiece token and the characters of the original text it came from.
public struct Token: Sendable, Hashable {
    /// Vocabulary id.
    public var id: Int32
    /// The vocabulary entry, e.g. `play`, `##ing` or `[UNK]`.
    public var piece: String
    /// Unicode-scalar offsets into the original text (Python-style character offsets).
    public var offsets: Range<Int>

    public init(id: Int32, piece: String, offsets: Range<Int>) {
        self.id = id
        self.piece = piece
        self.offsets = offsets
    }
}

/// What truncation did to one encoded pair or text.
public struct TruncationReport: Sendable, Hashable {
    /// Tokens of the query before truncation.
    public var queryTokens: Int
    /// Tokens of the passage (or single text) before truncation.
    public var passageTokens: Int
    /// Query tokens removed by truncation.
    public var queryTokensCut: Int
    /// Passage tokens removed by truncation.
    public var passageTokensCut: Int
    /// Unicode-scalar offset in the passage where the kept part ends
    /// (the passage's scalar count when nothing was cut).
    public var passageKeptEnd: Int

    public init(queryTokens: Int, passageTokens: Int, queryTokensCut: Int, passageTokensCut: Int, passageKeptEnd: Int) {
        self.queryTokens = queryTokens
        self.passageTokens = passageTokens
        self.queryTokensCut = queryTokensCut
        self.passageTokensCut = passageTokensCut
        self.passageKeptEnd = passageKeptEnd
    }

    /// True when any token of the query or the passage was cut.
    public var isTruncated: Bool { queryTokensCut > 0 || passageTokensCut > 0 }
}

/// A query and passage encoded as `[CLS] query [SEP] passage [SEP]`.
public struct EncodedPair: Sendable, Hashable {
    public var inputIds: [Int32]
    public var tokenTypeIds: [Int32]
    /// The query tokens that were kept.
    public var queryTokens: [Token]
    /// The passage tokens that were kept.
    public var passageTokens: [Token]
    public var truncation: TruncationReport

    public init(inputIds: [Int32], tokenTypeIds: [Int32], queryTokens: [Token], passageTokens: [Token], truncation: TruncationReport) {
        self.inputIds = inputIds
        self.tokenTypeIds = tokenTypeIds
        self.queryTokens = queryTokens
        self.passageTokens = passageTokens
        self.truncation = truncation
    }
}

/// One text encoded as `[CLS] text [SEP]` (bi-encoders).
public struct EncodedText: Sendable, Hashable {
    public var inputIds: [Int32]
    /// The text tokens that were kept.
    public var tokens: [Token]
    /// `passage*` fields describe the text; `query*` fields are zero.
    public var truncation: TruncationReport

    public init(inputIds: [Int32], tokens: [Token], truncation: TruncationReport) {
        self.inputIds = inputIds
        self.tokens = tokens
        self.truncation = truncation
    }
}

/// Problems building a tokenizer from a vocabulary.
public enum TokenizerError: Error, Hashable, CustomStringConvertible {
    case missingSpecialToken(String)
    case emptyVocabulary

    public var description: String {
        switch self {
        case .missingSpecialToken(let token): return "the vocabulary has no \(token) token"
        case .emptyVocabulary: return "the vocabulary is empty"
        }
    }
}

/// BERT's uncased or cased WordPiece tokenizer, identical to the Rust `tokenizers` library.
public struct BertTokenizer: Sendable {
    public let options: BertTextOptions
    public let specialTokens: SpecialTokens
    public let vocabularySize: Int

    public init(vocabulary: [String], options: BertTextOptions = BertTextOptions(), specialTokens: SpecialTokens = SpecialTokens()) throws {
        self.options = options
        self.specialTokens = specialTokens
        self.vocabularySize = vocabulary.count
    }

    /// The WordPiece tokens of a text, without special tokens.
    public func tokenize(_ text: String) -> [Token] { [] }

    /// `[CLS] query [SEP] passage [SEP]` with `longest_first` truncation to `maxLength` tokens.
    public func encodePair(query: String, passage: String, maxLength: Int) -> EncodedPair {
        EncodedPair(inputIds: [], tokenTypeIds: [], queryTokens: [], passageTokens: [],
                    truncation: TruncationReport(queryTokens: 0, passageTokens: 0, queryTokensCut: 0, passageTokensCut: 0, passageKeptEnd: 0))
    }

    /// `[CLS] text [SEP]`, truncated on the right to `maxLength` tokens.
    public func encode(_ text: String, maxLength: Int) -> EncodedText {
        EncodedText(inputIds: [], tokens: [],
                    truncation: TruncationReport(queryTokens: 0, passageTokens: 0, queryTokensCut: 0, passageTokensCut: 0, passageKeptEnd: 0))
    }

    /// The vocabulary entry of an id (`[UNK]` for an id out of range).
    public func piece(for id: Int32) -> String { "" }
}
