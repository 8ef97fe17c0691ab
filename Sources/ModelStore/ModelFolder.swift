import Foundation

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

    /// What people must be told beside this model's name (`ModelNotes`), e.g. "locally trained".
    public var note: String? {
        ModelNotes.note(forFolderNamed: url.lastPathComponent)
    }

    /// The transformers class the engine runs this model as (the first supported entry of `architectures`).
    public var architecture: String {
        config.architectures.first { SupportedArchitecture(rawValue: $0) != nil } ?? config.architectures.first ?? ""
    }

    /// Opens a folder: reads `config.json`, checks the architecture is supported and weights exist. Without a
    /// `name`, a Hugging Face cache snapshot is named `ORG/NAME`, any other folder by its own name.
    public static func open(_ url: URL, name: String? = nil) throws -> ModelFolder {
        let folder = url.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelStoreError.missingFile(folder)
        }
        let config = try ModelConfig.load(from: folder.appendingPathComponent(ModelFileNames.config))
        let architecture = try SupportedArchitecture.of(config)
        _ = try weightFormat(in: folder)
        try requireTokenizer(folder)
        return ModelFolder(
            url: folder,
            name: name ?? HuggingFaceCache.repositoryName(ofSnapshot: folder) ?? folder.lastPathComponent,
            config: config,
            kind: architecture.kind,
            maxLength: try defaultMaxLength(folder, config: config),
            sizeOnDisk: FolderSize.bytes(in: folder))
    }

    /// Reads the tokenizer files (see `TokenizerDescription`).
    public func tokenizer() throws -> TokenizerDescription {
        try TokenizerDescription.load(folder: url)
    }

    /// The model's weights, in sentence-transformers' order of preference (`WeightFormat`): mapped and checked.
    public func weights() throws -> any WeightFile {
        try Self.weightFormat(in: url).open(in: url)
    }

    private static func requireFile(_ file: URL) throws {
        guard FileManager.default.fileExists(atPath: file.path) else { throw ModelStoreError.missingFile(file) }
    }

    /// The preferred weight format present in `folder`; throws `missingFile` (which names every format) when none is.
    private static func weightFormat(in folder: URL) throws -> WeightFormat {
        guard let format = WeightFormat.preferred(in: folder) else {
            throw ModelStoreError.missingFile(folder.appendingPathComponent(ModelFileNames.weights))
        }
        return format
    }

    private static func requireTokenizer(_ folder: URL) throws {
        let vocabulary = folder.appendingPathComponent(ModelFileNames.vocabulary)
        if !FileManager.default.fileExists(atPath: vocabulary.path) {
            try requireFile(folder.appendingPathComponent(ModelFileNames.tokenizerJSON))
        }
    }

    private static func defaultMaxLength(_ folder: URL, config: ModelConfig) throws -> Int {
        let sentenceBert = try JSONObject.readIfPresent(folder.appendingPathComponent(ModelFileNames.sentenceBertConfig))
        let stated = try sentenceBert?.int("max_seq_length").flatMap { $0 > 0 ? $0 : nil }
            ?? TokenizerConfigFiles.read(folder: folder).modelMaxLength
        return min(stated ?? config.maxPositionEmbeddings, config.maxPositionEmbeddings)
    }
}
