/// A model repository on the Hugging Face Hub, `ORG/NAME`, at an optional revision (`ORG/NAME@REVISION`: a
/// branch, a tag or a commit).
public struct HubModelName: Sendable, Hashable, CustomStringConvertible {
    /// `ORG/NAME`.
    public let repository: String
    /// The branch, tag or commit asked for; nil means the default branch.
    public let revision: String?

    /// The default branch, used when no revision is given.
    public static let defaultRevision = "main"

    /// Parses `ORG/NAME` or `ORG/NAME@REVISION`; nil for anything else (a bare name, a path, a malformed id). Both
    /// parts of the id follow the Hub's rule: letters, digits, `-`, `_` and `.`, not starting or ending with `-` or
    /// `.`, no `--` or `..`, at most 96 characters.
    public init?(_ text: String) {
        let (id, revision) = Self.split(text)
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy(Self.isValidPart) else { return nil }
        if let revision {
            guard !revision.isEmpty, !revision.contains(".."), !revision.hasPrefix("/"),
                  !revision.contains(where: { $0.isWhitespace || $0 == "\\" }) else { return nil }
        }
        self.repository = String(id)
        self.revision = revision
    }

    /// The revision to ask the Hub for: the one given, else `main`.
    public var revisionOrDefault: String { revision ?? Self.defaultRevision }

    /// True when the revision is a full commit id (40 hexadecimal digits), which never moves.
    public var revisionIsCommit: Bool { revision.map(Self.isCommit) ?? false }

    public var description: String { revision.map { "\(repository)@\($0)" } ?? repository }

    /// True for a full commit id: 40 lowercase hexadecimal digits.
    public static func isCommit(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func split(_ text: String) -> (id: Substring, revision: String?) {
        guard let at = text.firstIndex(of: "@") else { return (text[...], nil) }
        return (text[..<at], String(text[text.index(after: at)...]))
    }

    private static func isValidPart(_ part: Substring) -> Bool {
        guard (1...96).contains(part.count), let first = part.first, let last = part.last,
              !"-.".contains(first), !"-.".contains(last), !part.contains("--"), !part.contains("..") else { return false }
        return part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
