import Foundation
import Inference
import ModelStore
import Tokenization

/// The WordPiece and Unigram tokenizers, loaded once from the fixture models, fed `query NUL passage`
/// (without a NUL, the whole input is both) through every encoding the engine asks of them.
enum TokenizerTargets {
    static func all(shared: URL) -> [FuzzTarget] {
        let fixtures = shared.appendingPathComponent("fixtures/models")
        let wordPiece = LoadedOnce { () throws -> any PairTokenizer in
            let folder = fixtures.appendingPathComponent("tiny-bert-2label-bin")
            guard case .wordPiece(let description) = try TokenizerDescription.load(folder: folder) else {
                throw FuzzSetupError.wrongTokenizer(folder.path)
            }
            return try BertTokenizer(description)
        }
        let unigram = LoadedOnce { () throws -> any PairTokenizer in
            let folder = fixtures.appendingPathComponent("tiny-xlmr")
            guard case .unigram(let description) = try TokenizerDescription.load(folder: folder) else {
                throw FuzzSetupError.wrongTokenizer(folder.path)
            }
            return try UnigramTokenizer(description)
        }
        return [
            FuzzTarget("wordpiece", "uncased BERT WordPiece: pair, single text, windows, tokens") {
                exercise(try wordPiece.value(), $0)
            },
            FuzzTarget("unigram", "XLM-R SentencePiece Unigram: pair, single text, windows, tokens") {
                exercise(try unigram.value(), $0)
            },
        ]
    }

    /// Every encoding, at the full length and at lengths short enough to truncate and window.
    private static func exercise(_ tokenizer: any PairTokenizer, _ bytes: [UInt8]) {
        let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let query = String(decoding: parts.first ?? [], as: UTF8.self)
        let passage = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : query
        for maxLength in [512, 9] {
            _ = tokenizer.encodePair(query: query, passage: passage, maxLength: maxLength)
            _ = tokenizer.encode(passage, maxLength: maxLength)
        }
        _ = tokenizer.encodePairWindows(query: query, passage: passage, maxLength: 24, length: 12, stride: 5)
        _ = tokenizer.encodeWindows(passage, maxLength: 16, length: 8, stride: 3)
        for token in tokenizer.tokenize(passage) { _ = tokenizer.piece(for: token.id) }
    }
}

/// A value made on first use and kept (the tokenizers, whose vocabularies take a while to read).
final class LoadedOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () throws -> Value
    private var made: Value?

    init(_ make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    func value() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = try make()
        made = value
        return value
    }
}

/// A target could not set itself up (its fixture is missing or not what it expects): not a finding.
enum FuzzSetupError: Error, CustomStringConvertible {
    case wrongTokenizer(String)

    var description: String {
        switch self {
        case .wrongTokenizer(let path): "\(path): the fixture's tokenizer is not the kind this target fuzzes"
        }
    }
}
