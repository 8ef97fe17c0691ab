import Inference

/// Hand-made readings for the detail view tests.
enum PassageReadingFixture {
    /// The same tokens with every one of them read.
    static func allKept(_ reading: PassageReading) -> PassageReading {
        PassageReading(tokens: reading.tokens, keptCount: reading.tokens.count, keptEnd: reading.tokens.last?.offsets.upperBound ?? 0)
    }
}
