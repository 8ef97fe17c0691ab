/// The Unigram model: splits a word into the pieces whose scores sum highest (Viterbi), as the reference's
/// `Unigram` does. A scalar that starts no piece of its own length becomes the unknown piece, scored
/// 10 below the lowest score of the vocabulary, and consecutive unknown pieces fuse into one token.
struct UnigramModel: Sendable {
    static let unknownPenalty = 10.0

    let trie: PieceTrie
    let scores: [Double]
    let unknownId: Int32
    let unknownScore: Double

    /// `scores[i]` is the score of piece `i`; `unknownId` must be an id of the vocabulary.
    init(pieces: [String], scores: [Double], unknownId: Int32) {
        trie = PieceTrie(pieces)
        self.scores = scores
        self.unknownId = unknownId
        unknownScore = (scores.min() ?? 0) - Self.unknownPenalty
    }

    /// The best path's last step into each position of a word.
    struct Step {
        var score = 0.0
        var start = -1
        var id: Int32 = 0
    }

    /// Appends the pieces of the word `text[word]` to `pieces`, each as its id and range in `text`.
    func split(_ word: Range<Int>, of text: [UInt32], into pieces: inout [(id: Int32, range: Range<Int>)], steps: inout [Step]) {
        guard !word.isEmpty else { return }
        let length = word.count
        steps.removeAll(keepingCapacity: true)
        steps.append(contentsOf: repeatElement(Step(), count: length + 1))
        for start in 0..<length {
            let scoreSoFar = steps[start].score
            var hasSingleScalarPiece = false
            var node = trie.root
            var end = start
            while end < length, let next = trie.child(node, text[word.lowerBound + end]) {
                node = next
                end += 1
                guard let id = trie.pieceId(at: node) else { continue }
                Self.offer(scores[Int(id)] + scoreSoFar, from: start, id: id, to: &steps[end])
                if end == start + 1 { hasSingleScalarPiece = true }
            }
            if !hasSingleScalarPiece {
                Self.offer(unknownScore + scoreSoFar, from: start, id: unknownId, to: &steps[start + 1])
            }
        }
        appendBestPath(word, of: text, steps: steps, to: &pieces)
    }

    /// A path into a position replaces the best so far only when it scores strictly higher.
    @inline(__always)
    private static func offer(_ score: Double, from start: Int, id: Int32, to step: inout Step) {
        if step.start < 0 || score > step.score {
            step = Step(score: score, start: start, id: id)
        }
    }

    /// Walks the best path back from the word's end, fusing runs of unknown pieces; a fused run spelling a
    /// piece of the vocabulary takes that piece's id, as the reference looks each token's text up again.
    private func appendBestPath(_ word: Range<Int>, of text: [UInt32], steps: [Step], to pieces: inout [(id: Int32, range: Range<Int>)]) {
        let firstPiece = pieces.count
        var end = word.count
        var unknownEnd: Int?
        while end > 0 {
            let step = steps[end]
            let start = max(0, min(step.start, end - 1))
            if step.id == unknownId {
                if unknownEnd == nil { unknownEnd = end }
            } else {
                if let runEnd = unknownEnd { appendUnknown(end..<runEnd, of: word, text, to: &pieces) }
                unknownEnd = nil
                pieces.append((step.id, word.lowerBound + start..<word.lowerBound + end))
            }
            end = start
        }
        if let runEnd = unknownEnd { appendUnknown(0..<runEnd, of: word, text, to: &pieces) }
        pieces[firstPiece...].reverse()
    }

    private func appendUnknown(_ run: Range<Int>, of word: Range<Int>, _ text: [UInt32],
                               to pieces: inout [(id: Int32, range: Range<Int>)]) {
        let range = word.lowerBound + run.lowerBound..<word.lowerBound + run.upperBound
        pieces.append((trie.id(of: text[range]) ?? unknownId, range))
    }
}
