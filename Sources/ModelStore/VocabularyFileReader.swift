import Foundation

/// Reads a BERT `vocab.txt` (one token per line, id = line number) with the options of `tokenizer_config.json`.
enum VocabularyFileReader {
    static func read(_ url: URL, configFiles: TokenizerConfigFiles) throws -> WordPieceDescription {
        let lowercase = configFiles.doLowerCase ?? true
        return WordPieceDescription(
            vocabulary: try tokens(url),
            lowercase: lowercase,
            stripAccents: configFiles.stripAccents,
            handleChineseChars: configFiles.tokenizeChineseChars ?? true,
            cleanText: true,
            unknownToken: configFiles.token("unk_token", else: "[UNK]"),
            classifierToken: configFiles.token("cls_token", else: "[CLS]"),
            separatorToken: configFiles.token("sep_token", else: "[SEP]"),
            paddingToken: configFiles.token("pad_token", else: "[PAD]"),
            modelMaxLength: configFiles.modelMaxLength)
    }

    /// The lines of the file as Python's text mode reads them: `\n`, `\r\n` and `\r` end a line, and only the line
    /// ending is removed (blank lines are tokens too); a final line ending does not start another token.
    static func tokens(_ url: URL) throws -> [String] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelStoreError.missingFile(url)
        }
        var lines: [String] = []
        var invalid = false
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var start = 0
            var index = 0
            func endLine() {
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                guard let token = String(validating: line, as: UTF8.self) else { invalid = true; return }
                lines.append(token)
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    endLine()
                    index += byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
                    start = index
                } else {
                    index += 1
                }
            }
            if start < bytes.count { endLine() }
        }
        guard !invalid else {
            throw ModelStoreError.invalidJSON(url, "is not UTF-8 text; the file is damaged — fetch it again")
        }
        return lines
    }
}
