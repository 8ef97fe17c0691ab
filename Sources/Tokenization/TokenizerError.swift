/// Problems building a tokenizer from a vocabulary.
public enum TokenizerError: Error, Hashable, CustomStringConvertible {
    case missingSpecialToken(String)
    case emptyVocabulary

    public var description: String {
        switch self {
        case .missingSpecialToken(let token):
            return "the vocabulary has no \(token) token; check that vocab.txt belongs to a BERT model and lists its special tokens"
        case .emptyVocabulary:
            return "the vocabulary is empty; check that the model's vocab.txt (one token per line) is not empty"
        }
    }
}
