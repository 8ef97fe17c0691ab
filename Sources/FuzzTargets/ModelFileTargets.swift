import Foundation
import Inference
import ModelStore
import Tokenization

/// The files of a model folder: tokenizer descriptions, `config.json`, and every weight container.
enum ModelFileTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget("tokenizer-json", "tokenizer.json NUL tokenizer_config.json NUL special_tokens_map.json, then the "
                   + "tokenizer it describes") { bytes in
            try ScratchFolder.using { scratch in
                let folder = try scratch.split(bytes, into: ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"])
                try encodeSample(with: TokenizerDescription.load(folder: folder))
            }
        },
        FuzzTarget("vocab-txt", "vocab.txt NUL tokenizer_config.json NUL special_tokens_map.json, then the tokenizer "
                   + "it describes") { bytes in
            try ScratchFolder.using { scratch in
                let folder = try scratch.split(bytes, into: ["vocab.txt", "tokenizer_config.json", "special_tokens_map.json"])
                try encodeSample(with: TokenizerDescription.load(folder: folder))
            }
        },
        FuzzTarget("config-json", "a model's config.json") { bytes in
            _ = try ScratchFolder.using { try ModelConfig.load(from: $0.file("config.json", bytes)) }
        },
        FuzzTarget("safetensors", "model.safetensors: header, then every tensor's values") { bytes in
            try ScratchFolder.using { try readEveryTensor(SafeTensorsFile(url: $0.file("model.safetensors", bytes))) }
        },
        FuzzTarget("torch-bin", "pytorch_model.bin, zip or legacy: container, pickle, every tensor's values") { bytes in
            try ScratchFolder.using { try readEveryTensor(PyTorchCheckpoint(url: $0.file("pytorch_model.bin", bytes))) }
        },
        FuzzTarget("pickle", "a checkpoint's data.pkl alone, through the restricted unpickler and the state-dict reader") { bytes in
            try PyTorchCheckpoint.readStateDictPickle(bytes, url: URL(fileURLWithPath: "data.pkl"))
        },
    ]

    /// Builds the tokenizer a description gives, as model loading does, and encodes one pair with it.
    private static func encodeSample(with description: TokenizerDescription) throws {
        let tokenizer: any PairTokenizer = switch description {
        case .wordPiece(let wordPiece): try BertTokenizer(wordPiece)
        case .unigram(let unigram): try UnigramTokenizer(unigram)
        }
        _ = tokenizer.encodePair(query: "what is <unk> [UNK] café?", passage: "▁A test\u{00A0}checks 中文 things.", maxLength: 16)
    }

    /// Reads each tensor's values at the shape the file declares, as the encoder's loader would.
    private static func readEveryTensor(_ weights: some WeightFile) throws {
        for name in weights.tensorNames.sorted() {
            guard let shape = weights.shape(of: name) else { continue }
            _ = try? weights.floats(name, shape: shape)
        }
    }
}
