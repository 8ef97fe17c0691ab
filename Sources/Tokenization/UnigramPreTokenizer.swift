/// Applies a SentencePiece tokenizer's pre-tokenization steps to normalized text: the words the model
/// splits into pieces, each a range of a rewritten text whose scalars keep their original positions.
struct UnigramPreTokenizer: Sendable {
    let steps: [PreTokenizationStep]

    /// Buffers reused across the parts of one text.
    struct Workspace {
        var spare = AlignedScalars()
        var spareWords: [Range<Int>] = []
    }

    /// The words of `normalized[range]`, as ranges of `text` (which the steps may rewrite); empty words are left out.
    func words(of normalized: AlignedScalars, range: Range<Int>, text: inout AlignedScalars, words: inout [Range<Int>],
               workspace: inout Workspace) {
        text = normalized
        words.removeAll(keepingCapacity: true)
        if !range.isEmpty { words.append(range) }
        for step in steps {
            switch step {
            case .whitespaceSplit:
                swap(&words, &workspace.spareWords)
                Self.splitAtWhitespace(text.values, workspace.spareWords, into: &words)
            case .metaspace(let metaspace):
                swap(&text, &workspace.spare)
                swap(&words, &workspace.spareWords)
                Self.apply(metaspace, to: workspace.spare, workspace.spareWords, into: &text, words: &words)
            }
        }
    }

    /// `WhitespaceSplit`: the runs of non-white-space scalars of each word.
    private static func splitAtWhitespace(_ text: [UInt32], _ input: [Range<Int>], into words: inout [Range<Int>]) {
        words.removeAll(keepingCapacity: true)
        for word in input {
            var start: Int?
            for position in word {
                if ReferenceCharacterClasses.isWhitespace(text[position]) {
                    if let begin = start { words.append(begin..<position) }
                    start = nil
                } else if start == nil {
                    start = position
                }
            }
            if let begin = start { words.append(begin..<word.upperBound) }
        }
    }

    /// `Metaspace`: each word is rewritten with spaces as the replacement character and, per the prepend
    /// scheme, one in front (aligned with the word's first scalar); with `splits`, it is then cut before
    /// each replacement character.
    private static func apply(_ metaspace: Metaspace, to input: AlignedScalars, _ inputWords: [Range<Int>],
                              into text: inout AlignedScalars, words: inout [Range<Int>]) {
        let marker = metaspace.replacement.value
        text.removeAll()
        words.removeAll(keepingCapacity: true)
        for word in inputWords {
            let start = text.count
            let first = input.values[word.lowerBound]
            let firstOrigin = input.origins[word.lowerBound]
            let beginsWithMarker = first == 0x20 || first == marker
            let prepends = switch metaspace.prependScheme {
            case .always: !beginsWithMarker
            case .first: !beginsWithMarker && firstOrigin == 0
            case .never: false
            }
            if prepends { text.append(marker, origin: firstOrigin) }
            for position in word {
                let value = input.values[position]
                text.append(value == 0x20 ? marker : value, origin: input.origins[position])
            }
            guard metaspace.splits else {
                words.append(start..<text.count)
                continue
            }
            var pieceStart = start
            for position in start..<text.count where text.values[position] == marker && position > pieceStart {
                words.append(pieceStart..<position)
                pieceStart = position
            }
            words.append(pieceStart..<text.count)
        }
    }
}
