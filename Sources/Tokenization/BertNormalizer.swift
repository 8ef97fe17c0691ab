/// BERT's normalizer (`BertNormalizer`): clean text, space out CJK ideographs, strip accents, lower-case.
///
/// It works scalar by scalar and keeps, for every output scalar, the original scalar it came from,
/// which is how token offsets point back into the original text.
struct BertNormalizer: Sendable {
    /// Buffers reused across the segments of one text.
    struct Workspace {
        var cleaned = AlignedScalars()
        var decomposed = AlignedScalars()
        /// For each decomposed scalar: true when it stands for the next cleaned scalar,
        /// false when it is an extra scalar of a decomposition.
        var consumesInput: [Bool] = []
    }

    let cleansText: Bool
    let spacesChineseChars: Bool
    let stripsAccents: Bool
    let lowercases: Bool

    init(options: BertTextOptions) {
        cleansText = options.cleanText
        spacesChineseChars = options.handleChineseChars
        stripsAccents = options.stripsAccents
        lowercases = options.lowercase
    }

    /// Normalizes `original[range]` into `output`.
    ///
    /// ASCII scalars are lower-cased during cleaning: they have no decomposition and are no marks,
    /// so doing it early changes nothing and spares text that is all ASCII the later passes.
    func normalize(_ original: [UInt32], range: Range<Int>, into output: inout AlignedScalars, workspace: inout Workspace) {
        let hasNonASCII = cleanAndSpace(original, range: range, into: &output)
        guard hasNonASCII, stripsAccents || lowercases else { return }
        swap(&output, &workspace.cleaned)
        output.removeAll()
        if stripsAccents {
            decompose(workspace.cleaned, into: &workspace.decomposed, consumesInput: &workspace.consumesInput)
            stripMarksAndLowercase(workspace.decomposed, into: &output)
        } else {
            stripMarksAndLowercase(workspace.cleaned, into: &output)
        }
    }

    /// `clean_text`, `handle_chinese_chars`, and `lowercase` of ASCII; tells whether any non-ASCII scalar remains.
    private func cleanAndSpace(_ original: [UInt32], range: Range<Int>, into output: inout AlignedScalars) -> Bool {
        output.removeAll()
        output.reserveCapacity(range.count)
        var hasNonASCII = false
        for index in range {
            var value = original[index]
            if value < 0x80 {
                if cleansText {
                    if ReferenceCharacterClasses.isRemovedByCleaning(value) { continue }
                    if ReferenceCharacterClasses.isWhitespace(value) { value = 0x20 }
                }
                if lowercases && (0x41...0x5A).contains(value) { value += 0x20 }
                output.append(value, origin: index)
                continue
            }
            if cleansText {
                if ReferenceCharacterClasses.isRemovedByCleaning(value) { continue }
                if ReferenceCharacterClasses.isWhitespace(value) {
                    output.append(0x20, origin: index)
                    continue
                }
            }
            hasNonASCII = true
            if spacesChineseChars && ReferenceCharacterClasses.isChineseIdeograph(value) {
                output.append(0x20, origin: index)
                output.append(value, origin: index)
                output.append(0x20, origin: index)
            } else {
                output.append(value, origin: index)
            }
        }
        return hasNonASCII
    }

    /// NFD: full canonical decomposition, then marks sorted by combining class within each run of marks.
    ///
    /// Origins follow the reference's alignment rule: the scalars of the output, in their final order,
    /// take the origins of the input scalars one after another, each decomposition's first scalar
    /// moving on to the next input scalar and its extra scalars repeating the current one.
    private func decompose(_ input: AlignedScalars, into output: inout AlignedScalars, consumesInput: inout [Bool]) {
        output.removeAll()
        consumesInput.removeAll(keepingCapacity: true)
        output.reserveCapacity(input.count)
        consumesInput.reserveCapacity(input.count)
        var runStart = 0
        for value in input.values {
            if value < 0xC0 {
                output.values.append(value)
                consumesInput.append(true)
                runStart = output.values.count
                continue
            }
            var first = true
            CanonicalDecomposition.forEach(of: value) { part in
                appendCanonicallyOrdered(part, consumesInput: first, to: &output.values, flags: &consumesInput, runStart: &runStart)
                first = false
            }
        }
        var consumed = -1
        for position in consumesInput.indices {
            if consumesInput[position] { consumed += 1 }
            output.origins.append(input.origins[max(consumed, 0)])
        }
    }

    /// Appends a scalar, moving a combining mark before the marks of higher class that precede it.
    private func appendCanonicallyOrdered(_ value: UInt32, consumesInput: Bool, to values: inout [UInt32], flags: inout [Bool], runStart: inout Int) {
        values.append(value)
        flags.append(consumesInput)
        let combiningClass = ReferenceCharacterClasses.combiningClass(value)
        if combiningClass == 0 {
            runStart = values.count
            return
        }
        var position = values.count - 1
        while position > runStart, ReferenceCharacterClasses.combiningClass(values[position - 1]) > combiningClass {
            values[position] = values[position - 1]
            flags[position] = flags[position - 1]
            position -= 1
        }
        values[position] = value
        flags[position] = consumesInput
    }

    /// `strip_accents` (dropping non-spacing marks) and `lowercase` (full Unicode lower-case mapping).
    private func stripMarksAndLowercase(_ input: AlignedScalars, into output: inout AlignedScalars) {
        for position in 0..<input.count {
            let value = input.values[position]
            let origin = input.origins[position]
            if stripsAccents && ReferenceCharacterClasses.isNonspacingMark(value) { continue }
            guard lowercases else {
                output.append(value, origin: origin)
                continue
            }
            if value < 0x80 {
                output.append((0x41...0x5A).contains(value) ? value + 0x20 : value, origin: origin)
            } else if let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    output.append(lower.value, origin: origin)
                }
            } else {
                output.append(value, origin: origin)
            }
        }
    }
}
