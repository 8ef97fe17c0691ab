/// The number format of the encoder's dense layers. `fp32` is the reference; `bf16` and `int8` trade
/// a measured amount of accuracy (`rerank eval --precision`) for speed.
public enum Precision: String, Sendable, Hashable, Codable, CaseIterable {
    /// 32-bit floats throughout, on OpenBLAS: scores within 1e-4 of transformers.
    case fp32
    /// Weights and activations of the dense layers rounded to bfloat16, products summed in fp32 (oneDNN).
    case bf16
    /// Weights in int8 with a scale per output channel, activations in uint8 with a scale and zero point per
    /// row, computed at run time; products summed in int32 (oneDNN).
    case int8

    /// The reference precision.
    public static let reference = Precision.fp32
}
