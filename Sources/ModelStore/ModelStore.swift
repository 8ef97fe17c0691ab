// CONTRACT (placeholder bodies): the public API the ModelStore work implements.
import Foundation

/// Element types a safetensors file may declare.
public enum TensorDType: String, Sendable, CaseIterable {
    case bool = "BOOL", u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
    case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
    case i32 = "I32", u32 = "U32", f32 = "F32", f64 = "F64", i64 = "I64", u64 = "U64"
}

/// Where one tensor lives in a safetensors file.
public struct TensorInfo: Sendable, Hashable {
    public var name: String
    public var dtype: TensorDType
    public var shape: [Int]
    /// Byte range within the file (header included in the offset).
    public var byteRange: Range<Int>

    public init(name: String, dtype: TensorDType, shape: [Int], byteRange: Range<Int>) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.byteRange = byteRange
    }
}

/// A memory-mapped `model.safetensors` whose header has been checked against the file.
public final class SafeTensorsFile: @unchecked Sendable {
    public let url: URL
    public let tensors: [String: TensorInfo]

    public init(url: URL) throws {
        self.url = url
        self.tensors = [:]
    }

    /// The tensor's values as Float32 (F32, F16 and BF16 are accepted), checked against `shape`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] { [] }
}

/// The fields of a Hugging Face `config.json` that the engine uses.
public struct ModelConfig: Sendable, Hashable {
    public var architectures: [String]
    public var modelType: String?
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    public var typeVocabSize: Int
    public var vocabSize: Int
    public var layerNormEps: Double
    public var hiddenAct: String
    /// Label names in id order (`id2label`); its count is `num_labels`.
    public var labels: [String]

    public init(architectures: [String], modelType: String?, hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int,
                intermediateSize: Int, maxPositionEmbeddings: Int, typeVocabSize: Int, vocabSize: Int,
                layerNormEps: Double, hiddenAct: String, labels: [String]) {
        self.architectures = architectures
        self.modelType = modelType
        self.hiddenSize = hiddenSize
        self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads
        self.intermediateSize = intermediateSize
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.typeVocabSize = typeVocabSize
        self.vocabSize = vocabSize
        self.layerNormEps = layerNormEps
        self.hiddenAct = hiddenAct
        self.labels = labels
    }

    /// Parses `config.json`.
    public static func load(from url: URL) throws -> ModelConfig {
        throw ModelStoreError.missingFile(url)
    }
}

/// What a tokenizer needs from a model folder, read from `tokenizer.json` or `vocab.txt` + configs.
public struct TokenizerDescription: Sendable, Hashable {
    /// Vocabulary entries in id order.
    public var vocabulary: [String]
    public var lowercase: Bool
    public var stripAccents: Bool?
    public var handleChineseChars: Bool
    public var cleanText: Bool
    public var unknownToken: String
    public var classifierToken: String
    public var separatorToken: String
    public var paddingToken: String
    /// `model_max_length` when the files state a sensible one.
    public var modelMaxLength: Int?

    public init(vocabulary: [String], lowercase: Bool, stripAccents: Bool?, handleChineseChars: Bool, cleanText: Bool,
                unknownToken: String, classifierToken: String, separatorToken: String, paddingToken: String, modelMaxLength: Int?) {
        self.vocabulary = vocabulary
        self.lowercase = lowercase
        self.stripAccents = stripAccents
        self.handleChineseChars = handleChineseChars
        self.cleanText = cleanText
        self.unknownToken = unknownToken
        self.classifierToken = classifierToken
        self.separatorToken = separatorToken
        self.paddingToken = paddingToken
        self.modelMaxLength = modelMaxLength
    }
}

/// What a model is used for.
public enum ModelKind: String, Sendable, Hashable, Codable {
    case crossEncoder = "cross-encoder"
    case biEncoder = "bi-encoder"
}

/// A model folder on disk whose config has been read and whose kind is known.
public struct ModelFolder: Sendable, Hashable {
    public var url: URL
    /// Display name: `ORG/NAME` for Hugging Face cache entries, else the folder name.
    public var name: String
    public var config: ModelConfig
    public var kind: ModelKind
    /// Default max length: `sentence_bert_config.json` `max_seq_length`, else the tokenizer's
    /// `model_max_length`, else `max_position_embeddings`; never above `max_position_embeddings`.
    public var maxLength: Int
    /// Bytes of all files in the folder (links followed).
    public var sizeOnDisk: Int64

    public init(url: URL, name: String, config: ModelConfig, kind: ModelKind, maxLength: Int, sizeOnDisk: Int64) {
        self.url = url
        self.name = name
        self.config = config
        self.kind = kind
        self.maxLength = maxLength
        self.sizeOnDisk = sizeOnDisk
    }

    /// Opens a folder: reads `config.json`, checks the architecture is supported and weights exist.
    public static func open(_ url: URL, name: String? = nil) throws -> ModelFolder {
        throw ModelStoreError.missingFile(url)
    }

    public func tokenizer() throws -> TokenizerDescription {
        throw ModelStoreError.missingFile(url)
    }

    public func weights() throws -> SafeTensorsFile {
        throw ModelStoreError.missingFile(url)
    }
}

/// Finds models by path or by name on the search path and in the Hugging Face cache.
public struct ModelLocator: Sendable {
    /// Directories searched for `NAME` folders, in order.
    public var searchDirectories: [URL]
    /// The Hugging Face hub cache (`$HF_HOME/hub` or `~/.cache/huggingface/hub`).
    public var huggingFaceCache: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.searchDirectories = []
        self.huggingFaceCache = URL(fileURLWithPath: "/")
    }

    /// The project's own model directory (provisioned models), `$RERANK_HOME/models`.
    public static func projectModelDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: "/")
    }

    /// A model named by a path or a name.
    public func resolve(_ nameOrPath: String) throws -> ModelFolder {
        throw ModelStoreError.modelNotFound(nameOrPath, searched: [])
    }

    /// Every model found, and the folders that looked like models but could not be opened.
    public func discover() -> (models: [ModelFolder], problems: [ModelStoreError]) { ([], []) }
}

/// Everything that can go wrong finding or reading a model, with a message that says what to do.
public enum ModelStoreError: Error, Sendable, CustomStringConvertible {
    case modelNotFound(String, searched: [URL])
    case missingFile(URL)
    case invalidJSON(URL, String)
    case missingField(URL, String)
    case unsupportedArchitecture(String, supported: [String])
    case corruptWeights(URL, String)
    case missingTensor(URL, String)
    case wrongShape(URL, String, expected: [Int], found: [Int])
    case unsupportedDType(URL, String, String)

    public var description: String { "model error" }
}
