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
        if isASCIIWithoutCRLF {
            for index in values.indices { rewriter.rewriteScalar(at: index, of: values) }
        } else {
            var utf8: [UInt8] = []
            utf8.reserveCapacity(values.count * 2)
            for value in values { UTF8Encoding.append(value, to: &utf8) }
            var start = 0
            for cluster in String(decoding: utf8, as: UTF8.self) {
                let range = start..<start + cluster.unicodeScalars.count
                start = range.upperBound
                if range.count == 1 {
                    rewriter.rewriteScalar(at: range.lowerBound, of: values)
                } else if !rewriter.rewriteCluster(range, of: values) {
                    for index in range { rewriter.rewriteScalar(at: index, of: values) }
                }
            }
        }
        rewriter.write(aligning: input, into: &output)
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

/// Collects the `Precompiled` rewrites of one text as the reference's list of (scalar, change) pairs, then
/// aligns them as the reference does: a scalar with change 0 or less stands for the next original scalar and
/// consumes that many more; a scalar with change 1 is inserted and shares the alignment of the scalar before.
/// A replacement of `k` scalars by `m` marks its last `m − k` scalars inserted, or adds `m − k` to the last
/// change in the list, which may belong to an earlier rewrite; a removal before anything is in the list is
/// lost, so every later scalar is aligned that many scalars early. (`ﬁ` → `f`, `i` both point at `ﬁ`; in
/// `™\u{7}`, the `M` of `TM` points at the removed `\u{7}`.) `Metaspace`'s `first` scheme decides by these origins.
private struct PrecompiledRewriter {
    let charsmap: PrecompiledCharsmap
    private var transformations: [(value: UInt32, change: Int)] = []
    private var utf8: [UInt8] = []
    private var replacement: [UInt32] = []

    init(charsmap: PrecompiledCharsmap) {
        self.charsmap = charsmap
    }

    /// Rewrites the scalar `values[index]` by its own rule, or keeps it.
    mutating func rewriteScalar(at index: Int, of values: [UInt32]) {
        let value = values[index]
        if value < 0x80 {
            guard let ascii = charsmap.asciiReplacement(value) else { return transformations.append((value, 0)) }
            return replace(1, with: ascii)
        }
        guard lookUp(index..<index + 1, of: values) else { return transformations.append((value, 0)) }
        replace(1, with: replacement)
    }

    /// Rewrites a whole cluster of several scalars when it is shorter than 6 UTF-8 bytes and a rule matches its
    /// start; false, recording nothing, otherwise.
    mutating func rewriteCluster(_ range: Range<Int>, of values: [UInt32]) -> Bool {
        guard lookUp(range, of: values) else { return false }
        replace(range.count, with: replacement)
        return true
    }

    /// Writes the rewritten scalars with the origins of the scalars of `input` they stand for.
    func write(aligning input: AlignedScalars, into output: inout AlignedScalars) {
        guard input.count > 0 else { return }
        var consumed = 0
        for (value, change) in transformations {
            if change > 0 {
                output.append(value, origin: input.origins[min(max(consumed - 1, 0), input.count - 1)])
            } else {
                output.append(value, origin: input.origins[min(consumed, input.count - 1)])
                consumed += 1 - change
            }
        }
    }

    /// Looks the scalars up when they are shorter than 6 UTF-8 bytes, leaving a match in `replacement`.
    private mutating func lookUp(_ range: Range<Int>, of values: [UInt32]) -> Bool {
        utf8.removeAll(keepingCapacity: true)
        for index in range { UTF8Encoding.append(values[index], to: &utf8) }
        guard utf8.count < 6 else { return false }
        replacement.removeAll(keepingCapacity: true)
        return utf8.withUnsafeBufferPointer { charsmap.firstReplacement(forPrefixOf: $0, into: &replacement) }
    }

    private mutating func replace(_ replacedCount: Int, with values: [UInt32]) {
        for value in values { transformations.append((value, 0)) }
        let difference = values.count - replacedCount
        if difference > 0 {
            for index in transformations.indices.suffix(difference) { transformations[index].change = 1 }
        } else if difference < 0, !transformations.isEmpty {
            transformations[transformations.count - 1].change += difference
        }
    }
}
