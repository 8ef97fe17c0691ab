/// The character tests of the reference BERT normalizer and pre-tokenizer, on scalar values.
///
/// ASCII is answered inline; other scalars come from small explicit sets or from
/// `ReferenceUnicodeData`, which records how the Rust library classifies them.
enum ReferenceCharacterClasses {
    /// Dropped by `clean_text`: NUL, U+FFFD and what the reference calls control characters
    /// (general categories Cc, Cf and Co of its Unicode tables; tab, newline and carriage return excepted).
    static func isRemovedByCleaning(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0x7F
        }
        switch value {
        case 0x80...0x9F, 0xAD, 0x600...0x605, 0x61C, 0x6DD, 0x70F, 0x180E,
             0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F,
             0xE000...0xF8FF, 0xFEFF, 0xFFF9...0xFFFB, 0xFFFD, 0x110BD,
             0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0001, 0xE0020...0xE007F,
             0xF0000...0xFFFFD, 0x100000...0x10FFFD:
            return true
        default:
            return false
        }
    }

    /// Unicode `White_Space` (Rust's `char::is_whitespace`), which includes tab, newline and carriage return.
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// ASCII punctuation and symbols (33–47, 58–64, 91–96, 123–126) plus the reference's general category P*.
    static func isPunctuation(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        return rangesContain(ReferenceUnicodeData.punctuationRanges, value)
    }

    /// The CJK ideograph blocks `handle_chinese_chars` surrounds with spaces.
    static func isChineseIdeograph(_ value: UInt32) -> Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2A6DF,
             0x2A700...0x2B81F, 0x2B920...0x2CEAF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// A scalar `strip_accents` removes after decomposition.
    static func isNonspacingMark(_ value: UInt32) -> Bool {
        value >= 0x300 && rangesContain(ReferenceUnicodeData.nonspacingMarkRanges, value)
    }

    /// The canonical combining class the reference's NFD orders marks by (0 for starters).
    static func combiningClass(_ value: UInt32) -> UInt8 {
        guard value >= 0x300, let scalar = Unicode.Scalar(value) else { return 0 }
        let combiningClass = scalar.properties.canonicalCombiningClass.rawValue
        if combiningClass == 0 || rangesContain(ReferenceUnicodeData.unknownCombiningClassRanges, value) {
            return 0
        }
        return combiningClass
    }

    /// Binary search in flat, sorted pairs of inclusive bounds.
    private static func rangesContain(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if ranges[2 * middle + 1] < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < ranges.count / 2 && ranges[2 * low] <= value
    }
}
