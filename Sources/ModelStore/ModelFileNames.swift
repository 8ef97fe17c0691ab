/// The file names of a Hugging Face model folder that the store reads.
enum ModelFileNames {
    static let config = "config.json"
    static let weights = "model.safetensors"
    static let safetensorsIndex = "model.safetensors.index.json"
    static let pytorchWeights = "pytorch_model.bin"
    static let pytorchIndex = "pytorch_model.bin.index.json"
    static let tokenizerJSON = "tokenizer.json"
    static let vocabulary = "vocab.txt"
    static let tokenizerConfig = "tokenizer_config.json"
    static let specialTokensMap = "special_tokens_map.json"
    static let sentenceBertConfig = "sentence_bert_config.json"
}
