/// BERT's pre-tokenizer (`BertPreTokenizer`): splits normalized text into words at whitespace
/// (which is dropped) and makes every punctuation character a word of its own.
enum BertPreTokenizer {
    /// The ranges of `text` that are words, in order.
    static func words(in text: [UInt32], into words: inout [Range<Int>]) {
        words.removeAll(keepingCapacity: true)
        var wordStart: Int?
        for position in text.indices {
            let value = text[position]
            if ReferenceCharacterClasses.isWhitespace(value) {
                if let start = wordStart { words.append(start..<position) }
                wordStart = nil
            } else if ReferenceCharacterClasses.isPunctuation(value) {
                if let start = wordStart { words.append(start..<position) }
                words.append(position..<position + 1)
                wordStart = nil
            } else if wordStart == nil {
                wordStart = position
            }
        }
        if let start = wordStart { words.append(start..<text.count) }
    }
}
