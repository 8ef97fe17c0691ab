/// BERT's normalizer (`BertNormalizer`): clean text, space out CJK ideographs, strip accents, lower-case.
///
/// It works scalar by scalar and keeps, for every output scalar, the original scalar it came from,
/// which is how token offsets point back into the original text.
struct BertNormalizer: Sendable {
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

    /// Normalizes `original[range]` into `output`; `scratch` holds the intermediate text.
    func normalize(_ original: [UInt32], range: Range<Int>, into output: inout AlignedScalars, scratch: inout AlignedScalars) {
        output.removeAll()
        scratch.removeAll()
        cleanSpaceAndDecompose(original, range: range, into: &scratch)
        stripMarksAndLowercase(scratch, into: &output)
    }

    /// `clean_text`, `handle_chinese_chars` and, when stripping accents, NFD.
    private func cleanSpaceAndDecompose(_ original: [UInt32], range: Range<Int>, into output: inout AlignedScalars) {
        var reorderingStart = 0
        for index in range {
            var value = original[index]
            if cleansText {
                if ReferenceCharacterClasses.isRemovedByCleaning(value) { continue }
                if ReferenceCharacterClasses.isWhitespace(value) { value = 0x20 }
            }
            let spaced = spacesChineseChars && ReferenceCharacterClasses.isChineseIdeograph(value)
            if spaced { output.append(0x20, origin: index) }
            if stripsAccents {
                CanonicalDecomposition.forEach(of: value) { part in
                    appendCanonicallyOrdered(part, origin: index, to: &output, reorderingStart: &reorderingStart)
                }
            } else {
                output.append(value, origin: index)
            }
            if spaced {
                output.append(0x20, origin: index)
                reorderingStart = output.count
            }
        }
    }

    /// Appends a scalar of NFD output, moving a combining mark before the marks of higher class
    /// that precede it (canonical ordering). Origins stay in place, as the reference's alignments do.
    private func appendCanonicallyOrdered(_ value: UInt32, origin: Int, to output: inout AlignedScalars, reorderingStart: inout Int) {
        output.append(value, origin: origin)
        let combiningClass = ReferenceCharacterClasses.combiningClass(value)
        if combiningClass == 0 {
            reorderingStart = output.count
            return
        }
        var position = output.count - 1
        while position > reorderingStart,
              ReferenceCharacterClasses.combiningClass(output.values[position - 1]) > combiningClass {
            output.values[position] = output.values[position - 1]
            position -= 1
        }
        output.values[position] = value
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
