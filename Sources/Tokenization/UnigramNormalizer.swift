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
    /// Origins follow the reference's alignment (see `PrecompiledRewriter`).
    static func apply(_ charsmap: PrecompiledCharsmap, to input: AlignedScalars, into output: inout AlignedScalars) {
        var rewriter = PrecompiledRewriter(charsmap: charsmap)
        let values = input.values
        let isASCIIWithoutCRLF = values.indices.allSatisfy { index in
            values[index] < 0x80 && !(values[index] == 0x0D && index + 1 < values.count && values[index + 1] == 0x0A)
        }
        guard !isASCIIWithoutCRLF else {
            for index in values.indices { rewriter.rewriteScalar(at: index, of: input, into: &output) }
            return
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(values.count * 2)
        for value in values { UTF8Encoding.append(value, to: &utf8) }
        var start = 0
        for cluster in String(decoding: utf8, as: UTF8.self) {
            let range = start..<start + cluster.unicodeScalars.count
            start = range.upperBound
            if range.count == 1 {
                rewriter.rewriteScalar(at: range.lowerBound, of: input, into: &output)
            } else if !rewriter.rewriteCluster(range, of: input, into: &output) {
                for index in range { rewriter.rewriteScalar(at: index, of: input, into: &output) }
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

/// Writes the `Precompiled` replacements of one text, aligning them as the reference does: a replacement of
/// `k` scalars by `m` aligns its `j`-th scalar with the `j`-th replaced one and any extra scalars with the last
/// replaced one (`ﬁ` → `f`, `i` both point at `ﬁ`). Scalars removed before the first scalar kept are forgotten
/// by the reference's alignment, which then aligns every later scalar that many scalars too early; origins
/// here follow it, since `Metaspace`'s `first` scheme decides by them.
private struct PrecompiledRewriter {
    let charsmap: PrecompiledCharsmap
    var leadingRemoved = 0
    var utf8: [UInt8] = []
    var replacement: [UInt32] = []

    init(charsmap: PrecompiledCharsmap) {
        self.charsmap = charsmap
    }

    /// Rewrites the scalar `input[index]` by its own rule, or keeps it.
    mutating func rewriteScalar(at index: Int, of input: AlignedScalars, into output: inout AlignedScalars) {
        let value = input.values[index]
        if value < 0x80 {
            guard let ascii = charsmap.asciiReplacement(value) else { return keep(index, of: input, into: &output) }
            return emit(ascii, replacing: index..<index + 1, of: input, into: &output)
        }
        guard lookUp(index..<index + 1, of: input) else { return keep(index, of: input, into: &output) }
        emit(replacement, replacing: index..<index + 1, of: input, into: &output)
    }

    /// Rewrites a whole cluster of several scalars when it is shorter than 6 UTF-8 bytes and a rule matches its
    /// start; false, writing nothing, otherwise.
    mutating func rewriteCluster(_ range: Range<Int>, of input: AlignedScalars, into output: inout AlignedScalars) -> Bool {
        guard lookUp(range, of: input) else { return false }
        emit(replacement, replacing: range, of: input, into: &output)
        return true
    }

    /// Looks the scalars up when they are shorter than 6 UTF-8 bytes, leaving a match in `replacement`.
    private mutating func lookUp(_ range: Range<Int>, of input: AlignedScalars) -> Bool {
        utf8.removeAll(keepingCapacity: true)
        for index in range { UTF8Encoding.append(input.values[index], to: &utf8) }
        guard utf8.count < 6 else { return false }
        replacement.removeAll(keepingCapacity: true)
        return utf8.withUnsafeBufferPointer { charsmap.firstReplacement(forPrefixOf: $0, into: &replacement) }
    }

    private mutating func emit(_ values: [UInt32], replacing range: Range<Int>, of input: AlignedScalars,
                               into output: inout AlignedScalars) {
        if output.count == 0 && values.isEmpty { leadingRemoved += range.count }
        for offset in values.indices {
            let index = min(range.lowerBound + offset, range.upperBound - 1) - leadingRemoved
            output.append(values[offset], origin: input.origins[max(index, 0)])
        }
    }

    private func keep(_ index: Int, of input: AlignedScalars, into output: inout AlignedScalars) {
        output.append(input.values[index], origin: input.origins[max(index - leadingRemoved, 0)])
    }
}
