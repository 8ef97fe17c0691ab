/// BERT's uncased or cased WordPiece tokenizer, identical to the Rust `tokenizers` library.
///
/// The pipeline: added tokens found verbatim in the raw text, then on the rest `BertNormalizer`,
/// `BertPreTokenizer` and `WordPiece`; encoding adds `[CLS]`/`[SEP]` and truncates `longest_first`.
public struct BertTokenizer: Sendable {
    public let options: BertTextOptions
    public let specialTokens: SpecialTokens
    public let vocabularySize: Int
    /// Vocabulary ids of the special tokens (`[UNK]`, `[CLS]`, `[SEP]`, `[PAD]` by default).
    public let unknownId: Int32
    public let classifierId: Int32
    public let separatorId: Int32
    public let paddingId: Int32
    /// Tokens matched verbatim in raw text before normalization (the reference's `added_tokens`).
    public let addedTokens: [String]

    private let vocabulary: Vocabulary
    private let normalizer: BertNormalizer
    private let wordPiece: WordPiece
    private let addedTokenMatcher: AddedTokenMatcher
    /// `[CLS] A [SEP]` and `[CLS] A [SEP] B [SEP]`.
    public let template: EncodingTemplate

    /// A tokenizer whose added tokens are the four special tokens and `[MASK]` when the vocabulary
    /// has it, as in the `tokenizer.json` of BERT models.
    public init(vocabulary: [String], options: BertTextOptions = BertTextOptions(), specialTokens: SpecialTokens = SpecialTokens()) throws {
        let mask = "[MASK]"
        let addedTokens = specialTokens.all + (vocabulary.contains(mask) ? [mask] : [])
        try self.init(vocabulary: vocabulary, options: options, specialTokens: specialTokens, addedTokens: addedTokens)
    }

    /// A tokenizer with an explicit list of added tokens (each must be in the vocabulary).
    /// `vocabulary[i]` is the token of id `i`; an entry listed twice keeps its last id.
    public init(vocabulary: [String], options: BertTextOptions, specialTokens: SpecialTokens, addedTokens: [String]) throws {
        guard !vocabulary.isEmpty else { throw TokenizerError.emptyVocabulary }
        let table = Vocabulary(vocabulary)
        func id(of token: String) throws -> Int32 {
            guard let id = table.id(of: token) else { throw TokenizerError.missingSpecialToken(token) }
            return id
        }
        unknownId = try id(of: specialTokens.unknown)
        classifierId = try id(of: specialTokens.classifier)
        separatorId = try id(of: specialTokens.separator)
        paddingId = try id(of: specialTokens.padding)
        addedTokenMatcher = AddedTokenMatcher(try addedTokens.map { AddedToken(content: $0, id: try id(of: $0)) })
        template = .bert(classifier: classifierId, separator: separatorId)
        self.addedTokens = addedTokens
        self.vocabulary = table
        self.wordPiece = WordPiece(vocabulary: table, unknownId: unknownId)
        self.options = options
        self.specialTokens = specialTokens
        self.vocabularySize = vocabulary.count
        self.normalizer = BertNormalizer(options: options)
    }

    /// The text as the normalizer leaves it, before it is split into words
    /// (what the reference's `normalizer.normalize_str` returns; added tokens get no special care).
    public func normalize(_ text: String) -> String {
        let original = text.unicodeScalars.map(\.value)
        var normalized = AlignedScalars()
        var workspace = BertNormalizer.Workspace()
        normalizer.normalize(original, range: original.indices, into: &normalized, workspace: &workspace)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: normalized.values.lazy.compactMap(Unicode.Scalar.init))
        return String(result)
    }

    /// The vocabulary entry of an id (`[UNK]` for an id out of range).
    public func piece(for id: Int32) -> String {
        vocabulary.pieces.indices.contains(Int(id)) ? vocabulary.pieces[Int(id)] : specialTokens.unknown
    }

    /// The id of a vocabulary entry, compared scalar by scalar.
    public func id(of piece: String) -> Int32? {
        vocabulary.id(of: piece)
    }

    /// Buffers one encoding reuses for each text it tokenizes.
    struct Workspace {
        var original: [UInt32] = []
        var normalized = AlignedScalars()
        var normalizer = BertNormalizer.Workspace()
        var words: [Range<Int>] = []
        var wordPieces: [(id: Int32, range: Range<Int>)] = []
    }

    func makeWorkspace() -> Workspace { Workspace() }

    /// The tokens of `text` and its length in Unicode scalars.
    func tokenizeCountingScalars(_ text: String, workspace: inout Workspace) -> EncodingTemplate.TokenizedText {
        workspace.original.removeAll(keepingCapacity: true)
        workspace.original.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { workspace.original.append(scalar.value) }
        let original = workspace.original
        var tokens: [Token] = []
        tokens.reserveCapacity(original.count / 4)
        for segment in addedTokenMatcher.segments(of: original) {
            switch segment {
            case .added(let id, let range):
                tokens.append(Token(id: id, piece: vocabulary.pieces[Int(id)], offsets: range))
            case .text(let range):
                normalizer.normalize(original, range: range, into: &workspace.normalized, workspace: &workspace.normalizer)
                BertPreTokenizer.words(in: workspace.normalized.values, into: &workspace.words)
                workspace.wordPieces.removeAll(keepingCapacity: true)
                workspace.normalized.values.withUnsafeBufferPointer { text in
                    for word in workspace.words { wordPiece.split(word, of: text, into: &workspace.wordPieces) }
                }
                for piece in workspace.wordPieces {
                    tokens.append(Token(id: piece.id, piece: vocabulary.pieces[Int(piece.id)],
                                        offsets: workspace.normalized.originalRange(of: piece.range)))
                }
            }
        }
        return (tokens, original.count)
    }
}
