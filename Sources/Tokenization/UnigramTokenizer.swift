/// A SentencePiece Unigram tokenizer (XLM-RoBERTa, bge-reranker), identical to the Rust `tokenizers` library.
///
/// The pipeline: added tokens found verbatim in the raw text, then on the rest the normalization steps
/// (`Precompiled`, `Replace`), the pre-tokenization steps (`WhitespaceSplit`, `Metaspace`) and the Unigram
/// model; encoding lays the texts out with the template and truncates `longest_first`.
public struct UnigramTokenizer: Sendable {
    public let vocabularySize: Int
    public let unknownId: Int32
    public let template: EncodingTemplate

    private let pieces: [String]
    private let model: UnigramModel
    private let normalizer: UnigramNormalizer
    private let preTokenizer: UnigramPreTokenizer
    /// Added tokens looked for in the raw text, and those looked for in each normalized part of it.
    private let rawTokenMatcher: AddedTokenMatcher
    private let normalizedTokenMatcher: AddedTokenMatcher?

    /// `pieces[i]` and `scores[i]` are the text and score of id `i`; added tokens and the template's special
    /// tokens must be ids of the vocabulary.
    public init(pieces: [String], scores: [Double], unknownId: Int, normalization: [NormalizationStep],
                preTokenization: [PreTokenizationStep], addedTokens: [AddedToken], template: EncodingTemplate) throws {
        guard !pieces.isEmpty else { throw TokenizerError.emptyVocabulary }
        guard scores.count == pieces.count else {
            throw TokenizerError.scoresDoNotMatchPieces(pieces: pieces.count, scores: scores.count)
        }
        guard pieces.indices.contains(unknownId) else {
            throw TokenizerError.unknownIdOutOfRange(unknownId, vocabularySize: pieces.count)
        }
        for token in addedTokens where !pieces.indices.contains(Int(token.id)) {
            throw TokenizerError.tokenIdOutOfRange(token.content, id: token.id, vocabularySize: pieces.count)
        }
        for case .special(let ids, _) in template.single + template.pair {
            for id in ids where !pieces.indices.contains(Int(id)) {
                throw TokenizerError.tokenIdOutOfRange("of the template", id: id, vocabularySize: pieces.count)
            }
        }
        self.pieces = pieces
        vocabularySize = pieces.count
        self.unknownId = Int32(unknownId)
        self.template = template
        model = UnigramModel(pieces: pieces, scores: scores, unknownId: Int32(unknownId))
        normalizer = UnigramNormalizer(steps: normalization)
        preTokenizer = UnigramPreTokenizer(steps: preTokenization)
        rawTokenMatcher = AddedTokenMatcher(addedTokens.filter { !$0.matchesNormalizedText })
        let normalizedTokens = addedTokens.filter(\.matchesNormalizedText)
        normalizedTokenMatcher = normalizedTokens.isEmpty ? nil : AddedTokenMatcher(normalizedTokens)
    }

    /// The text as the normalization steps leave it (added tokens get no special care).
    public func normalize(_ text: String) -> String {
        var workspace = Workspace()
        workspace.original = text.unicodeScalars.map(\.value)
        normalize(workspace.original.indices, workspace: &workspace)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: workspace.normalized.values.lazy.compactMap(Unicode.Scalar.init))
        return String(result)
    }

    /// The vocabulary entry of an id (the unknown piece for an id out of range).
    public func piece(for id: Int32) -> String {
        pieces.indices.contains(Int(id)) ? pieces[Int(id)] : pieces[Int(unknownId)]
    }

    /// The id of a vocabulary entry, compared scalar by scalar.
    public func id(of piece: String) -> Int32? {
        model.trie.id(of: piece.unicodeScalars.lazy.map(\.value))
    }

    /// Buffers one encoding reuses for each text it tokenizes.
    struct Workspace {
        var original: [UInt32] = []
        var segment = AlignedScalars()
        var normalized = AlignedScalars()
        var spare = AlignedScalars()
        var preTokenized = AlignedScalars()
        var preTokenizer = UnigramPreTokenizer.Workspace()
        var words: [Range<Int>] = []
        var pieces: [(id: Int32, range: Range<Int>)] = []
        var steps: [UnigramModel.Step] = []
    }

    func makeWorkspace() -> Workspace { Workspace() }

    /// Normalizes `workspace.original[range]` into `workspace.normalized`.
    private func normalize(_ range: Range<Int>, workspace: inout Workspace) {
        workspace.segment.removeAll()
        for index in range { workspace.segment.append(workspace.original[index], origin: index) }
        normalizer.normalize(workspace.segment, into: &workspace.normalized, spare: &workspace.spare)
    }

    /// The tokens of `text` and its length in Unicode scalars.
    func tokenizeCountingScalars(_ text: String, workspace: inout Workspace) -> EncodingTemplate.TokenizedText {
        workspace.original = text.unicodeScalars.map(\.value)
        var tokens: [Token] = []
        for segment in rawTokenMatcher.segments(of: workspace.original) {
            switch segment {
            case .added(let id, let range):
                tokens.append(Token(id: id, piece: pieces[Int(id)], offsets: range))
            case .text(let range):
                normalize(range, workspace: &workspace)
                let parts = normalizedTokenMatcher?.segments(of: workspace.normalized.values)
                    ?? [.text(0..<workspace.normalized.count)]
                for part in parts {
                    switch part {
                    case .added(let id, let normalizedRange):
                        tokens.append(Token(id: id, piece: pieces[Int(id)],
                                            offsets: workspace.normalized.originalRange(of: normalizedRange)))
                    case .text(let normalizedRange):
                        appendModelTokens(of: normalizedRange, to: &tokens, workspace: &workspace)
                    }
                }
            }
        }
        return (tokens, workspace.original.count)
    }

    /// Pre-tokenizes `workspace.normalized[range]` and appends the model's pieces of each word.
    private func appendModelTokens(of range: Range<Int>, to tokens: inout [Token], workspace: inout Workspace) {
        preTokenizer.words(of: workspace.normalized, range: range, text: &workspace.preTokenized, words: &workspace.words,
                           workspace: &workspace.preTokenizer)
        workspace.pieces.removeAll(keepingCapacity: true)
        for word in workspace.words {
            model.split(word, of: workspace.preTokenized.values, into: &workspace.pieces, steps: &workspace.steps)
        }
        for piece in workspace.pieces {
            tokens.append(Token(id: piece.id, piece: pieces[Int(piece.id)],
                                offsets: workspace.preTokenized.originalRange(of: piece.range)))
        }
    }
}
