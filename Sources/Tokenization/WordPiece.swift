/// WordPiece: splits one word into the longest vocabulary entries from the left, later pieces
/// spelled with the `##` prefix; a word that cannot be split, or is longer than 100 scalars,
/// becomes one unknown token.
struct WordPiece: Sendable {
    static let maxInputCharsPerWord = 100

    private let vocabulary: Vocabulary
    private let unknownId: Int32

    /// `unknownId` is the id a word that cannot be split becomes.
    init(vocabulary: Vocabulary, unknownId: Int32) {
        self.vocabulary = vocabulary
        self.unknownId = unknownId
    }

    /// Appends the pieces of the word `text[word]` to `pieces`, each as its id and range in `text`.
    func split(_ word: Range<Int>, of text: UnsafeBufferPointer<UInt32>, into pieces: inout [(id: Int32, range: Range<Int>)]) {
        guard word.count <= Self.maxInputCharsPerWord else {
            pieces.append((unknownId, word))
            return
        }
        let firstPiece = pieces.count
        var start = word.lowerBound
        while start < word.upperBound {
            let table = start == word.lowerBound ? vocabulary.entries : vocabulary.continuations
            guard let piece = longestPiece(in: table, text: text, from: start, wordEnd: word.upperBound) else {
                pieces.removeSubrange(firstPiece...)
                pieces.append((unknownId, word))
                return
            }
            pieces.append(piece)
            start = piece.range.upperBound
        }
    }

    /// The longest entry of `table` matching `text[start...]` within the word.
    @inline(__always)
    private func longestPiece(in table: borrowing ScalarKeyedTable, text: UnsafeBufferPointer<UInt32>, from start: Int, wordEnd: Int) -> (id: Int32, range: Range<Int>)? {
        var end = min(wordEnd, start + table.longestKey)
        while end > start {
            if let id = table.id(of: text, start..<end) { return (id, start..<end) }
            end -= 1
        }
        return nil
    }
}
