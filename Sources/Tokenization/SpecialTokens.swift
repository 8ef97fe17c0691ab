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

    /// The four tokens, in the order unknown, classifier, separator, padding.
    var all: [String] { [unknown, classifier, separator, padding] }
}
