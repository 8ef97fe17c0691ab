/// A fixed-size Float array on the heap with a stable pointer, for weights and BLAS workspaces.
final class FloatBuffer: @unchecked Sendable {
    let count: Int
    let pointer: UnsafeMutablePointer<Float>

    /// A zero-filled buffer.
    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    init(_ values: [Float]) {
        count = values.count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: count) }
        }
    }

    deinit { pointer.deallocate() }

    var readOnly: UnsafePointer<Float> { UnsafePointer(pointer) }

    /// The values as an array (for results leaving the engine).
    func array(from start: Int = 0, count length: Int? = nil) -> [Float] {
        Array(UnsafeBufferPointer(start: pointer + start, count: length ?? (count - start)))
    }
}
