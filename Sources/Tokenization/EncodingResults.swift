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

    /// Query and passage tokens the model read (special tokens not counted).
    public var keptTokens: Int { queryTokens + passageTokens - queryTokensCut - passageTokensCut }

    /// True when any token of the query or the passage was cut.
    public var isTruncated: Bool { queryTokensCut > 0 || passageTokensCut > 0 }
}

/// A query and passage encoded with the model's special tokens, e.g. `[CLS] query [SEP] passage [SEP]`.
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

/// One text encoded with the model's special tokens, e.g. `[CLS] text [SEP]` (bi-encoders).
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
