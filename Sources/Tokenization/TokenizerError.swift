/// Problems building a tokenizer from what a model's files state.
public enum TokenizerError: Error, Hashable, CustomStringConvertible {
    case missingSpecialToken(String)
    case emptyVocabulary
    /// A template without the texts where they belong.
    case invalidTemplate(String)
    /// The unknown-token id is not an id of the vocabulary.
    case unknownIdOutOfRange(Int, vocabularySize: Int)
    /// A Unigram vocabulary whose pieces and scores differ in number.
    case scoresDoNotMatchPieces(pieces: Int, scores: Int)
    /// An added or special token id outside the vocabulary.
    case tokenIdOutOfRange(String, id: Int32, vocabularySize: Int)
    /// A SentencePiece `precompiled_charsmap` that cannot be decoded.
    case invalidCharsmap(String)

    public var description: String {
        switch self {
        case .missingSpecialToken(let token):
            return "the vocabulary has no \(token) token; check that vocab.txt belongs to a BERT model and lists its special tokens"
        case .emptyVocabulary:
            return "the vocabulary is empty; check that the model's vocab.txt (one token per line) is not empty"
        case .invalidTemplate(let problem):
            return "the post-processor template is unusable: \(problem)"
        case .unknownIdOutOfRange(let id, let size):
            return "the unknown-token id \(id) is outside the vocabulary of \(size) pieces; the file is damaged — fetch it again"
        case .scoresDoNotMatchPieces(let pieces, let scores):
            return "the vocabulary has \(pieces) pieces but \(scores) scores; the file is damaged — fetch it again"
        case .tokenIdOutOfRange(let token, let id, let size):
            return "the token \(token) has id \(id), outside the vocabulary of \(size) pieces; the file is damaged — fetch it again"
        case .invalidCharsmap(let problem):
            return "the normalizer's precompiled_charsmap is damaged (\(problem)); fetch the file again"
        }
    }
}
