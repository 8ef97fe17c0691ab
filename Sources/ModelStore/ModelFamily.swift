/// A family of BERT-like encoders. The family decides which `config.json` field names and defaults apply, and
/// (in Inference) the tensor names and the small differences of the forward pass.
public enum ModelFamily: Sendable, Hashable, CaseIterable {
    /// BERT (`model_type` "bert"): MiniLM, TinyBERT, mBERT and the nboost and amberoad checkpoints.
    case bert
    /// ELECTRA: BERT's layers over embeddings of their own width (`embedding_size`, projected to `hidden_size`).
    case electra
    /// DistilBERT: its own field names (`dim`, `n_layers`, …) and tensor names, and no token types.
    case distilBert
    /// `BERT_Cat` (distilbert-cat-margin_mse): a DistilBERT under `bert_model.` and one linear layer on token 0.
    case bertCat
    /// RoBERTa and XLM-RoBERTa: BERT's layers, with positions counted from after the padding id.
    case roberta

    /// The family transformers' `AutoConfig` builds for a `model_type`; nil for types the engine does not run.
    public init?(modelType: String) {
        switch modelType {
        case "bert": self = .bert
        case "electra": self = .electra
        case "distilbert": self = .distilBert
        case "BERT_Cat": self = .bertCat
        case "roberta", "xlm-roberta": self = .roberta
        default: return nil
        }
    }
}
