import ModelStore

/// How one family's encoder differs from BERT's. Everything else is the one packed forward pass of `BertEncoder`.
///
/// Not a variation: where 1/√d scales attention. BERT scales QKᵀ, DistilBERT scales q first; the two differ
/// only in rounding, and not at all when √d is a power of two (d = 64 in every seed model), so one order serves.
struct EncoderVariant: Sendable, Hashable {
    /// The prefix of encoder tensors in a task checkpoint (`bert.`, `electra.`, `distilbert.`, `bert_model.`,
    /// `roberta.`); base-model checkpoints (all-MiniLM-L6-v2) name them without it.
    let tensorPrefix: String
    /// The names of a transformer layer's tensors.
    let layerNames: LayerTensorNames
    /// Whether the embeddings add a token-type row (not in DistilBERT, which has no table).
    let usesTokenTypes: Bool
    let positions: PositionScheme

    init(_ config: ModelConfig) {
        switch config.family {
        case .bert: self.init(prefix: "bert.", names: .bert, tokenTypes: true, positions: .fromZero)
        case .electra: self.init(prefix: "electra.", names: .bert, tokenTypes: true, positions: .fromZero)
        case .distilBert: self.init(prefix: "distilbert.", names: .distilBert, tokenTypes: false, positions: .fromZero)
        case .bertCat: self.init(prefix: "bert_model.", names: .distilBert, tokenTypes: false, positions: .fromZero)
        case .roberta:
            self.init(prefix: "roberta.", names: .bert, tokenTypes: true, positions: .afterPadding(config.padTokenId))
        }
    }

    private init(prefix: String, names: LayerTensorNames, tokenTypes: Bool, positions: PositionScheme) {
        tensorPrefix = prefix
        layerNames = names
        usesTokenTypes = tokenTypes
        self.positions = positions
    }
}

/// Which row of the position table each token reads.
enum PositionScheme: Sendable, Hashable {
    /// 0, 1, 2, … (BERT, ELECTRA, DistilBERT).
    case fromZero
    /// RoBERTa's rule: a padding token reads row `padding`; the n-th other token reads `padding + n`.
    case afterPadding(Int)

    /// The position-table row of each token of one sequence.
    func rows(of ids: ArraySlice<Int32>) -> [Int] {
        switch self {
        case .fromZero:
            return Array(0..<ids.count)
        case .afterPadding(let padding):
            var others = 0
            return ids.map { id in
                guard id != padding else { return padding }
                others += 1
                return padding + others
            }
        }
    }

    /// The longest sequence a position table of `rows` rows holds.
    func maxSequenceLength(rows: Int) -> Int {
        switch self {
        case .fromZero: return rows
        case .afterPadding(let padding): return rows - padding - 1
        }
    }
}

/// The names of one transformer layer's tensors, after `<prefix><layer><index>.`.
struct LayerTensorNames: Sendable, Hashable {
    let layer: String
    let query: String, key: String, value: String
    let attentionOutput: String, attentionNorm: String
    let intermediate: String, output: String, outputNorm: String

    static let bert = LayerTensorNames(
        layer: "encoder.layer.", query: "attention.self.query", key: "attention.self.key", value: "attention.self.value",
        attentionOutput: "attention.output.dense", attentionNorm: "attention.output.LayerNorm",
        intermediate: "intermediate.dense", output: "output.dense", outputNorm: "output.LayerNorm")

    static let distilBert = LayerTensorNames(
        layer: "transformer.layer.", query: "attention.q_lin", key: "attention.k_lin", value: "attention.v_lin",
        attentionOutput: "attention.out_lin", attentionNorm: "sa_layer_norm",
        intermediate: "ffn.lin1", output: "ffn.lin2", outputNorm: "output_layer_norm")
}
