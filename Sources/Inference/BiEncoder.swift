import ModelStore
import Synchronization
import Tokenization

/// A BERT bi-encoder (`BertModel`): mean-pooled, L2-normalised sentence embeddings as
/// sentence-transformers' all-MiniLM-L6-v2 computes them; passages rank by cosine similarity.
public final class BiEncoder: Scorer {
    public let info: ScorerInfo
    public let batchSize: Int
    private let model: TransformerModel
    /// Embeddings already computed, by (max length, text, window): queries change, passages rarely do.
    private let cache = Mutex<[EmbeddingKey: [Float]]>([:])
    private static let cacheLimit = 50_000

    private struct EmbeddingKey: Hashable {
        let maxLength: Int
        let text: String
        /// The window's tokens when the text is read in windows; `nil` for the text read in one piece.
        var window: Range<Int>? = nil
    }

    /// Loads a bi-encoder folder, its dense layers in `precision`.
    public init(folder: ModelFolder, name: String? = nil, batchSize: Int = 64, precision: Precision = .fp32) throws {
        guard folder.kind == .biEncoder else { throw InferenceError.notABiEncoder(folder.name) }
        model = try TransformerModel(folder: folder, precision: precision)
        self.batchSize = max(1, batchSize)
        info = ScorerInfo(name: name ?? folder.name, kind: .biEncoder, maxLength: model.defaultMaxLength,
                          summary: model.summary + " · mean pooling", scoreName: "cosine", probabilityName: nil,
                          note: folder.note, precision: precision)
    }

    /// Loads a bi-encoder by name or path.
    public convenience init(_ nameOrPath: String, locator: ModelLocator = ModelLocator()) throws {
        try self.init(folder: try locator.resolve(nameOrPath), name: nameOrPath)
    }

    public var tokenizer: any PairTokenizer { model.tokenizer }

    /// The arithmetic of a forward pass, for holding throughput against the machine's floor.
    public var forwardCost: ForwardCost { ForwardCost(shape: model.encoder.shape, output: .everyToken) }

    /// The text as the model reads it, truncated on the right.
    public func encode(_ text: String, maxLength: Int? = nil) throws -> EncodedText {
        model.tokenizer.encode(text, maxLength: try model.maxLength(maxLength))
    }

    /// Unit-length embeddings of the texts, in input order. `onBatch` reports texts embedded so far.
    public func embed(_ texts: [String], maxLength: Int? = nil,
                      onBatch: (@Sendable (_ completed: Int, _ total: Int) -> Void)? = nil) async throws -> [[Float]] {
        var completed = 0
        return try await embed(texts, limit: try model.maxLength(maxLength)) { indices, _ in
            completed += indices.count
            onBatch?(completed, texts.count)
        }
    }

    /// Embeds whole texts (cut at `limit`) with the cache.
    private func embed(_ texts: [String], limit: Int,
                       onBatch: (_ indices: [Int], _ embeddings: [[Float]]) -> Void) async throws -> [[Float]] {
        try await embed(keys: texts.map { EmbeddingKey(maxLength: limit, text: $0) },
                        ids: { model.tokenizer.encode(texts[$0], maxLength: limit).inputIds }, onBatch: onBatch)
    }

    /// Embeds with the cache: `ids(i)` encodes the input of `keys[i]`, asked only for those not
    /// cached. `onBatch` sees positions in `keys` and their embeddings as they finish. Each batch
    /// enters the cache as it finishes, so work cut short by a cancellation (a newer query while
    /// typing) is not done again.
    private func embed(keys: [EmbeddingKey], ids: (Int) -> [Int32],
                       onBatch: (_ indices: [Int], _ embeddings: [[Float]]) -> Void) async throws -> [[Float]] {
        let known = cache.withLock { cache in keys.map { cache[$0] } }
        let cached = keys.indices.filter { known[$0] != nil }
        if !cached.isEmpty { onBatch(cached, cached.compactMap { known[$0] }) }
        let missing = keys.indices.filter { known[$0] == nil }
        let planner = BatchPlanner(maxSequences: batchSize)
        let hidden = model.encoder.shape.hidden
        let workspaces = EncoderWorkspaces(shape: model.encoder.shape)
        let fresh = try await BatchRunner.run(
            sequences: missing.map { (ids($0), nil) }, planner: planner,
            compute: { [model] batch, isCancelled in
                let hiddenStates = try model.encoder.encode(batch, output: .everyToken, workspaces: workspaces, isCancelled: isCancelled)
                return StageProfile.shared.time(.head) { MeanPooling.embeddings(hiddenStates: hiddenStates, batch: batch, hidden: hidden) }
            },
            onBatch: { positions, embeddings, _ in
                let indices = positions.map { missing[$0] }
                remember(embeddings, of: indices.map { keys[$0] })
                onBatch(indices, embeddings)
            })
        var result = known
        for (index, embedding) in zip(missing, fresh) { result[index] = embedding }
        return result.compactMap { $0 }
    }

    private func remember(_ embeddings: [[Float]], of keys: [EmbeddingKey]) {
        cache.withLock { cache in
            if cache.count + embeddings.count > Self.cacheLimit { cache.removeAll() }
            for (key, embedding) in zip(keys, embeddings) { cache[key] = embedding }
        }
    }

    /// Cosine similarity of two unit-length embeddings.
    public static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// The text in windows of `length` tokens, `stride` apart, each embedded alone.
    public func encodeWindows(_ text: String, maxLength: Int? = nil, length: Int, stride: Int) throws -> WindowedEncoding<EncodedText> {
        model.tokenizer.encodeWindows(text, maxLength: try model.maxLength(maxLength), length: length, stride: stride)
    }

    // MARK: Scorer

    public func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
                      onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        let limit = try model.maxLength(maxLength)
        let queryEmbedding = try await embed([query], limit: limit) { _, _ in }[0]
        guard case .windows(let length, let stride) = mode else {
            let truncations = passages.map { model.tokenizer.encode($0, maxLength: limit).truncation }
            func pairScore(_ index: Int, _ embedding: [Float]) -> PairScore {
                PairScore(score: Self.cosine(queryEmbedding, embedding), truncation: truncations[index])
            }
            var completed = 0
            let embeddings = try await embed(passages, limit: limit) { indices, embeddings in
                completed += indices.count
                onBatch?(ScoredBatch(indices: indices, scores: zip(indices, embeddings).map(pairScore),
                                     completed: completed, total: passages.count))
            }
            return embeddings.enumerated().map { pairScore($0.offset, $0.element) }
        }
        return try await score(windowed: passages.map { model.tokenizer.encodeWindows($0, maxLength: limit, length: length, stride: stride) },
                               of: passages, query: queryEmbedding, limit: limit, onBatch: onBatch)
    }

    /// MaxP for a bi-encoder: the cosine of the query with each window's embedding (all windows of all
    /// passages in the same batches), the best window's for the passage.
    private func score(windowed: [WindowedEncoding<EncodedText>], of passages: [String], query: [Float], limit: Int,
                       onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        var keys: [EmbeddingKey] = []
        var inputs: [EncodedText] = []
        for (passage, encoding) in zip(passages, windowed) {
            for (window, input) in zip(encoding.windows, encoding.encodings) {
                // A passage read in one window is embedded exactly as when read in one piece: share its cache entry.
                keys.append(EmbeddingKey(maxLength: limit, text: passage, window: encoding.windows.count == 1 ? nil : window.tokens))
                inputs.append(input)
            }
        }
        var collector = WindowCollector<PairScore>(windowCounts: windowed.map(\.encodings.count))
        var completed = 0
        func passageScore(_ passage: Int) -> PairScore {
            PairScore.best(of: collector.results(of: passage), in: windowed[passage])
        }
        _ = try await embed(keys: keys, ids: { inputs[$0].inputIds }) { indices, embeddings in
            let finished = collector.add(indices, zip(indices, embeddings).map { index, embedding in
                PairScore(score: Self.cosine(query, embedding), truncation: inputs[index].truncation)
            })
            completed += finished.count
            guard !finished.isEmpty else { return }
            onBatch?(ScoredBatch(indices: finished, scores: finished.map(passageScore), completed: completed, total: passages.count))
        }
        return windowed.indices.map(passageScore)
    }

    public func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? {
        switch mode {
        case .truncate:
            guard let encoded = try? encode(passage, maxLength: maxLength) else { return nil }
            let report = encoded.truncation
            return PassageReading(tokens: model.tokenizer.tokenize(passage),
                                  keptCount: report.passageTokens - report.passageTokensCut,
                                  keptEnd: report.passageKeptEnd)
        case .windows(let length, let stride):
            guard let windowed = try? encodeWindows(passage, maxLength: maxLength, length: length, stride: stride) else { return nil }
            return PassageReading(tokens: model.tokenizer.tokenize(passage), keptCount: windowed.passageTokens,
                                  keptEnd: windowed.passageScalars, windows: windowed.windows)
        }
    }

    /// Bi-encoders embed each window alone: the query takes no room beside it.
    public func windowCapacity(query: String, maxLength: Int?) throws -> Int? {
        try model.maxLength(maxLength) - model.tokenizer.template.singleSpecialCount
    }
}
