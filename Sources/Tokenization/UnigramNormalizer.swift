/// Applies a SentencePiece tokenizer's normalization steps to one part of the raw text, keeping for every
/// output scalar the original scalar it came from, as the reference aligns them.
struct UnigramNormalizer: Sendable {
    let steps: [NormalizationStep]

    /// Normalizes `input` into `output` (`spare` is scratch space).
    func normalize(_ input: AlignedScalars, into output: inout AlignedScalars, spare: inout AlignedScalars) {
        output = input
        for step in steps {
            swap(&output, &spare)
            output.removeAll()
            switch step {
            case .precompiled(let charsmap): Self.apply(charsmap, to: spare, into: &output)
            case .replace(let replacement): Self.apply(replacement, to: spare, into: &output)
            }
        }
    }

    /// The reference's `Precompiled` normalizer: each extended grapheme cluster shorter than 6 UTF-8 bytes is
    /// first looked up whole, and a match replaces all of it (even when the rule matched only its start); any
    /// other cluster is looked up one scalar at a time, and a scalar no rule matches is kept.
    /// (Clusters are Swift's `Character`s; the reference uses the `unicode-segmentation` crate's.)
    ///
    /// A replacement of `k` scalars by `m` aligns its `j`-th scalar with the `j`-th replaced one and any extra
    /// scalars with the last replaced one (`ﬁ` → `f`, `i` both point at `ﬁ`). Scalars the rules remove before the first scalar they keep are forgotten by the reference's alignment,
    /// which then aligns every later scalar that many scalars too early; origins here follow it, since
    /// `Metaspace`'s `first` scheme decides by them.
    static func apply(_ charsmap: PrecompiledCharsmap, to input: AlignedScalars, into output: inout AlignedScalars) {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: input.values.lazy.compactMap(Unicode.Scalar.init))
        var utf8: [UInt8] = []
        /// The replacement for the scalars `range` of the input, when they are shorter than 6 UTF-8 bytes.
        func lookUp(_ range: Range<Int>) -> String.UnicodeScalarView? {
            utf8.removeAll(keepingCapacity: true)
            for index in range { UTF8Encoding.append(input.values[index], to: &utf8) }
            guard utf8.count < 6 else { return nil }
            return utf8.withUnsafeBufferPointer(charsmap.firstReplacement(forPrefixOf:))
        }
        var leadingRemoved = 0
        func emit(_ replacement: some Collection<UInt32>, replacing range: Range<Int>) {
            if output.count == 0 && replacement.isEmpty { leadingRemoved += range.count }
            for (offset, value) in replacement.enumerated() {
                let index = min(range.lowerBound + offset, range.upperBound - 1) - leadingRemoved
                output.append(value, origin: input.origins[max(index, 0)])
            }
        }
        var start = 0
        for cluster in String(text) {
            let range = start..<start + cluster.unicodeScalars.count
            start = range.upperBound
            if let replacement = lookUp(range) {
                emit(replacement.lazy.map(\.value), replacing: range)
                continue
            }
            for index in range {
                if range.count > 1, let replacement = lookUp(index..<index + 1) {
                    emit(replacement.lazy.map(\.value), replacing: index..<index + 1)
                } else {
                    emit(CollectionOfOne(input.values[index]), replacing: index..<index + 1)
                }
            }
        }
    }

    /// `Replace`: every match of the pattern, left to right, becomes the replacement, whose scalars all point
    /// at the last scalar matched.
    static func apply(_ replacement: TextReplacement, to input: AlignedScalars, into output: inout AlignedScalars) {
        let values = input.values
        let content: String.UnicodeScalarView
        let matchLength: (Int) -> Int
        switch replacement {
        case .runs(let scalar, let minimumLength, let runReplacement):
            content = runReplacement.unicodeScalars
            matchLength = { start in
                var end = start
                while end < values.count && values[end] == scalar.value { end += 1 }
                return end - start >= max(minimumLength, 1) ? end - start : 0
            }
        case .literal(let text, let literalReplacement):
            content = literalReplacement.unicodeScalars
            let pattern = text.unicodeScalars.map(\.value)
            matchLength = { start in !pattern.isEmpty && values[start...].starts(with: pattern) ? pattern.count : 0 }
        }
        var index = 0
        while index < values.count {
            let matched = matchLength(index)
            if matched > 0 {
                index += matched
                for scalar in content { output.append(scalar.value, origin: input.origins[index - 1]) }
            } else {
                output.append(values[index], origin: input.origins[index])
                index += 1
            }
        }
    }
}
