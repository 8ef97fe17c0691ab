/// What one request may ask of `rerank serve`; past a limit the answer is 413 naming the field.
public struct ServerLimits: Sendable {
    /// Documents (or texts) per request.
    public var maxDocuments: Int
    /// Bytes of a request body.
    public var maxBodyBytes: Int
    /// Characters of a query.
    public var maxQueryCharacters: Int

    public init(maxDocuments: Int = 1_000, maxBodyBytes: Int = 4 << 20, maxQueryCharacters: Int = 10_000) {
        self.maxDocuments = maxDocuments
        self.maxBodyBytes = maxBodyBytes
        self.maxQueryCharacters = maxQueryCharacters
    }
}
