/// The words of a query, for highlighting them case-insensitively in passages.
struct QueryTerms {
    private let terms: [[Character]]

    /// Words of two or more characters (any length for non-ASCII words such as CJK), lower-cased.
    init(_ query: String) {
        var seen = Set<String>()
        var result: [[Character]] = []
        let words = query.lowercased().split { !Self.isWordCharacter($0) }
        for word in words where word.count >= 2 || !word.allSatisfy(\.isASCII) {
            if seen.insert(String(word)).inserted { result.append(Array(word)) }
        }
        terms = result.sorted { $0.count > $1.count }
    }

    var isEmpty: Bool { terms.isEmpty }

    /// Characters in the longest term.
    var longest: Int { terms.first?.count ?? 0 }

    /// For each character, whether it is part of a query term. ASCII terms match at word starts
    /// (so `cap` marks `Capital` but not `escape`); other terms match anywhere.
    func matches(in characters: [Character]) -> [Bool] {
        var marked = Array(repeating: false, count: characters.count)
        guard !terms.isEmpty, !characters.isEmpty else { return marked }
        let lowered = Array(String(characters).lowercased())
        guard lowered.count == characters.count else { return marked }
        var index = 0
        while index < lowered.count {
            let wordStart = index == 0 || !Self.isWordCharacter(lowered[index - 1])
            var advanced = false
            for term in terms where term.count <= lowered.count - index {
                guard wordStart || !term[0].isASCII else { continue }
                if lowered[index..<(index + term.count)].elementsEqual(term) {
                    for position in index..<(index + term.count) { marked[position] = true }
                    index += term.count
                    advanced = true
                    break
                }
            }
            if !advanced { index += 1 }
        }
        return marked
    }

    /// Letters and digits, with a fast path for ASCII.
    private static func isWordCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (ascii >= 0x30 && ascii <= 0x39) || ((ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7A)
        }
        return character.isLetter || character.isNumber
    }
}
