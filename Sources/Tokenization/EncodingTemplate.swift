/// Where a model's special tokens go around one text or a pair, and the token type of every part
/// (the reference's `TemplateProcessing`): `[CLS] A [SEP]` / `[CLS] A [SEP] B [SEP]` for BERT,
/// `<s> A </s>` / `<s> A </s> </s> B </s>` for XLM-R.
public struct EncodingTemplate: Sendable, Hashable {
    /// One step of a template.
    public enum Part: Sendable, Hashable {
        /// Special token ids, inserted as they are.
        case special(ids: [Int32], typeId: Int32)
        /// The tokens of the first text (the query).
        case first(typeId: Int32)
        /// The tokens of the second text (the passage).
        case second(typeId: Int32)
    }

    /// The layout of one text: exactly one `.first` and no `.second`.
    public let single: [Part]
    /// The layout of a pair: one `.first`, then one `.second`.
    public let pair: [Part]

    public init(single: [Part], pair: [Part]) throws {
        let singleTexts = single.compactMap(Self.textIndex)
        let pairTexts = pair.compactMap(Self.textIndex)
        guard singleTexts == [0] else {
            throw TokenizerError.invalidTemplate("the single-text template must hold the text once and no second text")
        }
        guard pairTexts == [0, 1] else {
            throw TokenizerError.invalidTemplate("the pair template must hold the first text once, then the second once")
        }
        self.single = single
        self.pair = pair
    }

    /// BERT's layout: `[CLS] A [SEP]`, and `[CLS] A [SEP] B [SEP]` with token type 1 from B on.
    public static func bert(classifier: Int32, separator: Int32) -> EncodingTemplate {
        EncodingTemplate(
            checkedSingle: [.special(ids: [classifier], typeId: 0), .first(typeId: 0), .special(ids: [separator], typeId: 0)],
            pair: [.special(ids: [classifier], typeId: 0), .first(typeId: 0), .special(ids: [separator], typeId: 0),
                   .second(typeId: 1), .special(ids: [separator], typeId: 1)])
    }

    private init(checkedSingle single: [Part], pair: [Part]) {
        self.single = single
        self.pair = pair
    }

    /// How many special tokens the single-text layout adds.
    public var singleSpecialCount: Int { Self.specialCount(single) }
    /// How many special tokens the pair layout adds.
    public var pairSpecialCount: Int { Self.specialCount(pair) }

    private static func specialCount(_ parts: [Part]) -> Int {
        parts.reduce(0) { count, part in
            if case .special(let ids, _) = part { return count + ids.count }
            return count
        }
    }

    private static func textIndex(_ part: Part) -> Int? {
        switch part {
        case .special: return nil
        case .first: return 0
        case .second: return 1
        }
    }
}
