import ModelStore
import Tokenization

/// A cross-encoder (`BertForSequenceClassification` with 1 or 2 labels, ELECTRA, DistilBERT, BERT_Cat,
/// XLM-RoBERTa) that scores (query, passage) pairs exactly as `transformers` and sentence-transformers'
/// `CrossEncoder.predict` do.
public final class CrossEncoder: Scorer {
    public let info: ScorerInfo
    /// Label names of the classifier, in id order.
    public let labels: [String]
    /// Batch limits; smaller batches report progress sooner.
    public let batchSize: Int
    private let model: TransformerModel
    private let head: ClassificationHead

    /// Loads a cross-encoder folder, its dense layers in `precision`.
    public convenience init(folder: ModelFolder, name: String? = nil, batchSize: Int = 64, precision: Precision = .fp32) throws {
        try self.init(folder: folder, tokenizer: try Tokenizers.load(folder), name: name, batchSize: batchSize, precision: precision)
    }

    /// Loads a cross-encoder folder's weights with a tokenizer given by the caller (tests feed reference ids).
    init(folder: ModelFolder, tokenizer: any PairTokenizer, name: String? = nil, batchSize: Int = 64,
         precision: Precision = .fp32) throws {
        guard folder.kind == .crossEncoder else { throw InferenceError.notACrossEncoder(folder.name) }
        model = try TransformerModel(folder: folder, tokenizer: tokenizer, precision: precision)
        labels = folder.config.labels
        head = try ClassificationHead(layout: HeadLayout(folder.config.family), reader: model.reader,
                                      hidden: model.encoder.shape.hidden, labels: labels.count)
        self.batchSize = max(1, batchSize)
        let twoLabels = labels.count == 2
        info = ScorerInfo(name: name ?? folder.name, kind: .crossEncoder, maxLength: model.defaultMaxLength,
                          summary: model.summary, scoreName: twoLabels ? "P(relevant)" : "logit",
                          probabilityName: twoLabels ? "softmax" : "sigmoid", note: folder.note, precision: precision)
    }

    /// Loads a cross-encoder by name or path.
    public convenience init(_ nameOrPath: String, locator: ModelLocator = ModelLocator()) throws {
        try self.init(folder: try locator.resolve(nameOrPath), name: nameOrPath)
    }

    public var tokenizer: any PairTokenizer { model.tokenizer }

    /// The arithmetic of a forward pass, for holding throughput against the machine's floor.
    public var forwardCost: ForwardCost { ForwardCost(shape: model.encoder.shape, output: .firstTokens) }

    /// The pair as the model reads it, with `longest_first` truncation.
    public func encode(query: String, passage: String, maxLength: Int? = nil) throws -> EncodedPair {
        model.tokenizer.encodePair(query: query, passage: passage, maxLength: try model.maxLength(maxLength))
    }

    /// Scores (query, passage) pairs, in input order, each passage read as `mode` says.
    public func score(pairs: [(query: String, passage: String)], maxLength: Int? = nil, mode: ReadingMode = .truncate,
                      onBatch: (@Sendable (ScoredBatch) -> Void)? = nil) async throws -> [PairScore] {
        let limit = try model.maxLength(maxLength)
        switch mode {
        case .truncate:
            let encoded = StageProfile.shared.time(.tokenization) {
                pairs.map { model.tokenizer.encodePair(query: $0.query, passage: $0.passage, maxLength: limit) }
            }
            return try await score(encoded: encoded, onBatch: onBatch)
        case .windows(let length, let stride):
            let windowed = StageProfile.shared.time(.tokenization) {
                pairs.map {
                    model.tokenizer.encodePairWindows(query: $0.query, passage: $0.passage, maxLength: limit, length: length, stride: stride)
                }
            }
            return try await score(windowed: windowed, onBatch: onBatch)
        }
    }

    /// Scores pairs already encoded (e.g. reference token ids).
    public func score(encoded: [EncodedPair], onBatch: (@Sendable (ScoredBatch) -> Void)? = nil) async throws -> [PairScore] {
        try await run(encoded) { indices, scores, completed in
            onBatch?(ScoredBatch(indices: indices, scores: scores, completed: completed, total: encoded.count))
        }
    }

    /// Scores passages read in windows (MaxP): every window of every passage goes through the same
    /// length-sorted packed batches; a passage is reported once its last window is scored.
    public func score(windowed: [WindowedEncoding<EncodedPair>],
                      onBatch: (@Sendable (ScoredBatch) -> Void)? = nil) async throws -> [PairScore] {
        var collector = WindowCollector<PairScore>(windowCounts: windowed.map(\.encodings.count))
        var completed = 0
        func passageScore(_ passage: Int) -> PairScore {
            PairScore.best(of: collector.results(of: passage), in: windowed[passage])
        }
        _ = try await run(windowed.flatMap(\.encodings)) { indices, scores, _ in
            let finished = collector.add(indices, scores)
            completed += finished.count
            guard !finished.isEmpty else { return }
            onBatch?(ScoredBatch(indices: finished, scores: finished.map(passageScore), completed: completed, total: windowed.count))
        }
        return windowed.indices.map(passageScore)
    }

    /// Runs the encoder and head over the pairs in packed batches; `onBatch` sees each batch's
    /// positions, scores and the count finished so far.
    private func run(_ encoded: [EncodedPair],
                     onBatch: (_ indices: [Int], _ scores: [PairScore], _ completed: Int) -> Void) async throws -> [PairScore] {
        let planner = BatchPlanner(maxSequences: batchSize)
        let workspaces = EncoderWorkspaces(shape: model.encoder.shape)
        let logits = try await BatchRunner.run(
            sequences: encoded.map { ($0.inputIds, $0.tokenTypeIds) }, planner: planner,
            compute: { [head, model] batch, isCancelled in
                let firstTokens = try model.encoder.encode(batch, output: .firstTokens, workspaces: workspaces, isCancelled: isCancelled)
                return try StageProfile.shared.time(.head) { try head.logits(firstTokens: firstTokens, count: batch.sequenceCount) }
            },
            onBatch: { indices, results, completed in
                onBatch(indices, zip(indices, results).map { Self.pairScore($1, encoded[$0].truncation) }, completed)
            })
        return zip(logits, encoded).map { Self.pairScore($0, $1.truncation) }
    }

    private static func pairScore(_ logits: [Float], _ truncation: TruncationReport) -> PairScore {
        let (score, probability) = ClassificationHead.score(logits: logits)
        return PairScore(score: score, probability: probability, logits: logits, truncation: truncation)
    }

    /// The passage in windows of `length` passage tokens, `stride` apart, each with the whole query.
    public func encodeWindows(query: String, passage: String, maxLength: Int? = nil, length: Int,
                              stride: Int) throws -> WindowedEncoding<EncodedPair> {
        model.tokenizer.encodePairWindows(query: query, passage: passage, maxLength: try model.maxLength(maxLength),
                                          length: length, stride: stride)
    }

    // MARK: Scorer

    public func score(query: String, passages: [String], maxLength: Int?, mode: ReadingMode,
                      onBatch: (@Sendable (ScoredBatch) -> Void)?) async throws -> [PairScore] {
        try await score(pairs: passages.map { (query, $0) }, maxLength: maxLength, mode: mode, onBatch: onBatch)
    }

    public func reading(query: String, passage: String, maxLength: Int?, mode: ReadingMode) -> PassageReading? {
        switch mode {
        case .truncate:
            guard let pair = try? encode(query: query, passage: passage, maxLength: maxLength) else { return nil }
            let report = pair.truncation
            return PassageReading(tokens: model.tokenizer.tokenize(passage),
                                  keptCount: report.passageTokens - report.passageTokensCut,
                                  keptEnd: report.passageKeptEnd)
        case .windows(let length, let stride):
            guard let windowed = try? encodeWindows(query: query, passage: passage, maxLength: maxLength, length: length, stride: stride)
            else { return nil }
            return PassageReading(tokens: model.tokenizer.tokenize(passage), keptCount: windowed.passageTokens,
                                  keptEnd: windowed.passageScalars, windows: windowed.windows)
        }
    }

    public func windowCapacity(query: String, maxLength: Int?) throws -> Int? {
        try model.maxLength(maxLength) - model.tokenizer.template.pairSpecialCount - model.tokenizer.tokenize(query).count
    }
}
