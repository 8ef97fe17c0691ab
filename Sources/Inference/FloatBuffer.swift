import ModelStore

/// A fixed-size Float array with a stable pointer, for weights and BLAS workspaces: on the heap, or
/// (for weights stored as F32) in place in the memory-mapped weight file, where it must not be written.
final class FloatBuffer: @unchecked Sendable {
    let count: Int
    let pointer: UnsafeMutablePointer<Float>
    /// The mapping the values lie in; nil when the buffer owns its heap memory.
    private let mapping: MappedFloats?

    /// A zero-filled buffer.
    init(count: Int) {
        self.count = count
        mapping = nil
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    init(_ values: [Float]) {
        count = values.count
        mapping = nil
        pointer = .allocate(capacity: max(count, 1))
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress, count > 0 { pointer.initialize(from: base, count: count) } else { pointer.initialize(to: 0) }
        }
    }

    /// Weights read in place; nothing is copied.
    init(mapped: MappedFloats) {
        count = mapped.count
        mapping = mapped
        pointer = UnsafeMutablePointer(mutating: mapped.pointer)
    }

    deinit {
        if mapping == nil { pointer.deallocate() }
    }

    var readOnly: UnsafePointer<Float> { UnsafePointer(pointer) }

    /// The values as an array (for results leaving the engine).
    func array(from start: Int = 0, count length: Int? = nil) -> [Float] {
        Array(UnsafeBufferPointer(start: pointer + start, count: length ?? (count - start)))
    }
}
