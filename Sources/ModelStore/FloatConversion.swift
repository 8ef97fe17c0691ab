/// Bulk conversion of little-endian tensor bytes to Float32. Inputs need not be aligned; the loops are branch-free
/// so the compiler can vectorise them.
enum FloatConversion {
    /// `count` values of `dtype` widened (or, for F64, rounded) to Float32; nil when `dtype` is not F32, F16, BF16
    /// or F64, or when `source` holds fewer than `count` values.
    static func floats(_ source: UnsafeRawBufferPointer, dtype: TensorDType, count: Int) -> [Float]? {
        guard count >= 0, source.count / dtype.byteSize >= count else { return nil }
        switch dtype {
        case .f32: return float32(source, count: count)
        case .f16: return float16(source, count: count)
        case .bf16: return bfloat16(source, count: count)
        case .f64: return float64(source, count: count)
        default: return nil
        }
    }

    /// Copies `count` F32 values.
    static func float32(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let from = source.baseAddress, let to = buffer.baseAddress {
                UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: count * 4)
            }
            initialized = count
        }
    }

    /// Rounds `count` F64 values to the nearest Float32, as PyTorch's `.float()` does.
    static func float64(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let bits = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                buffer[index] = Float(Double(bitPattern: bits))
            }
            initialized = count
        }
    }

    /// Widens `count` bfloat16 values: their bits are the top half of a Float32.
    static func bfloat16(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        convert(source, count: count) { bits in Float(bitPattern: UInt32(bits) << 16) }
    }

    /// Widens `count` IEEE half-precision values, including subnormals, infinities and NaNs.
    static func float16(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        convert(source, count: count, halfToFloat)
    }

    /// Exact for every value (subnormals and infinities included); a NaN stays a NaN. On x86 builds for Haswell
    /// and later (the release build) the compiler turns the loop into F16C's `vcvtph2ps`, eight values at a time.
    @inline(__always)
    static func halfToFloat(_ bits: UInt16) -> Float {
        Float(Float16(bitPattern: bits))
    }

    @inline(__always)
    private static func convert(_ source: UnsafeRawBufferPointer, count: Int, _ widen: (UInt16) -> Float) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Raw pointers, so no bounds check stands between the compiler and a vector loop; callers pass
            // `count` values' worth of bytes.
            if count > 0, let from = source.baseAddress, let to = buffer.baseAddress {
                for index in 0..<count {
                    to[index] = widen(UInt16(littleEndian: from.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))
                }
            }
            initialized = count
        }
    }
}
