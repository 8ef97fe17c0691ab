import CDNNL
import Synchronization

/// The engine's door to oneDNN, which runs the bf16 and int8 matrix products, and fp32's where it has AVX-512,
/// with the best kernels the CPU has (AMX, AVX-512 VNNI or BF16, AVX2), chosen by oneDNN at run time.
/// `ONEDNN_MAX_CPU_ISA=AVX2` caps them, as on a machine without AVX-512.
enum OneDNN {
    /// The CPU engine, created on first use; nil when oneDNN cannot make one.
    // oneDNN engines are safe to share between threads.
    nonisolated(unsafe) private static let engine: dnnl_engine_t? = {
        var engine: dnnl_engine_t?
        return dnnl_engine_create(&engine, dnnl_cpu, 0) == dnnl_success ? engine : nil
    }()

    static func cpuEngine() throws -> dnnl_engine_t {
        guard let engine else { throw InferenceError.kernelUnavailable("oneDNN could not open the CPU engine") }
        return engine
    }

    /// The widest instruction set oneDNN's kernels use here, as oneDNN names it.
    static var instructionSet: String {
        let isa = dnnl_get_effective_cpu_isa()
        switch isa {
        case dnnl_cpu_isa_avx512_core_amx: return "AMX"
        case dnnl_cpu_isa_avx512_core_bf16: return "AVX-512 BF16"
        case dnnl_cpu_isa_avx512_core_vnni: return "AVX-512 VNNI"
        case dnnl_cpu_isa_avx512_core: return "AVX-512"
        case dnnl_cpu_isa_avx2_vnni: return "AVX2 VNNI"
        case dnnl_cpu_isa_avx2: return "AVX2"
        default: return "ISA 0x\(String(isa.rawValue, radix: 16))"
        }
    }

    /// True when oneDNN has its AVX-512 (brgemm) kernels here, which run fp32 products as fast as OpenBLAS's and
    /// fuse the bias, GELU and the residual into them; the fp32 path uses OpenBLAS elsewhere.
    static var hasAVX512Kernels: Bool {
        let isa = dnnl_get_effective_cpu_isa().rawValue, avx512 = dnnl_cpu_isa_avx512_core.rawValue
        return isa & avx512 == avx512
    }

    /// True when int8 products sum four products straight into int32 (VNNI or AMX); without it, AVX2's
    /// `vpmaddubsw` adds pairs of products into int16 and can saturate unless weights keep to 7 bits.
    static var hasDotProductInstructions: Bool {
        switch dnnl_get_effective_cpu_isa() {
        case dnnl_cpu_isa_avx512_core_vnni, dnnl_cpu_isa_avx512_core_bf16, dnnl_cpu_isa_avx512_core_amx, dnnl_cpu_isa_avx2_vnni:
            return true
        default:
            return false
        }
    }

    /// oneDNN's `DNNL_MEMORY_ALLOCATE`: asks `dnnl_memory_create` to allocate the buffer itself.
    static var allocate: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: UInt.max) }

    static func check(_ status: dnnl_status_t, _ what: @autoclosure () -> String) throws {
        guard status == dnnl_success else {
            throw InferenceError.kernelUnavailable("oneDNN: \(what()) failed (status \(status.rawValue))")
        }
    }

    /// A row-major `rows × columns` matrix description.
    static func matrix(rows: Int, columns: Int, type: dnnl_data_type_t) throws -> dnnl_memory_desc_t {
        var desc = dnnl_memory_desc_t()
        try check(dnnl_memory_desc_init_by_tag(&desc, 2, [Int64(rows), Int64(columns)], type, dnnl_ab), "describing a matrix")
        return desc
    }
}

/// The product `C[m×n] = A[m×k]·Wᵀ` of one dense layer on oneDNN, in fp32, bf16 or int8, with what follows
/// it (`Epilogue`: the bias, GELU, or adding into C) fused into the kernel.
///
/// W ([n×k], as PyTorch stores it) is reordered once into the layout the kernel wants. Rows are run in
/// blocks of at most `blockRows` with one primitive per block height and epilogue, cached; each call borrows a
/// stream and a scratchpad of its own, so calls may run on several threads at once.
final class OneDNNMatMul: @unchecked Sendable {
    /// The element types of A, W and C.
    struct Types {
        let source: dnnl_data_type_t, weights: dnnl_data_type_t, destination: dnnl_data_type_t
        let elementSize: Int
        let name: String

        /// fp32 throughout.
        static let fp32 = Types(source: dnnl_f32, weights: dnnl_f32, destination: dnnl_f32, elementSize: 4, name: "fp32")
        /// bf16 × bf16 → fp32.
        static let bf16 = Types(source: dnnl_bf16, weights: dnnl_bf16, destination: dnnl_f32, elementSize: 2, name: "bf16")
        /// uint8 × int8 → int32, which the caller rescales (with `Epilogue.none` only).
        static let int8 = Types(source: dnnl_u8, weights: dnnl_s8, destination: dnnl_s32, elementSize: 1, name: "int8")
    }

    /// What the kernel does with each product before storing it.
    enum Epilogue: Hashable, Sendable {
        /// C = A·Wᵀ.
        case none
        /// C = A·Wᵀ + bias.
        case bias
        /// C = GELU(A·Wᵀ + bias), GELU exact (erf).
        case biasGELU
        /// C += A·Wᵀ; the caller adds the bias.
        case accumulate

        var addsBias: Bool { self == .bias || self == .biasGELU }
    }

    /// Rows per call. The AMX, VNNI and AVX-512 kernels (brgemm) run 128 rows as fast as many; AVX2's (gemm:jit) pack
    /// the weights on every call, so they get bigger blocks to spread that over.
    static let blockRows = OneDNN.hasDotProductInstructions ? 128 : 1024

    let inputs: Int, outputs: Int
    private let types: Types
    private let engine: dnnl_engine_t
    private var weightsDesc: dnnl_memory_desc_t
    private let weights: dnnl_memory_t
    private let bias: dnnl_memory_t
    private let primitives = Mutex<[PrimitiveKey: Primitive]>([:])
    private let contexts = Mutex<[ExecutionContext]>([])

    /// `weights` points at [outputs × inputs] elements of `types.weights`; `bias` at `outputs` floats. Both are
    /// copied. Throws `kernelUnavailable` when the CPU has no kernel.
    init(types: Types, weights source: UnsafeRawPointer, bias biasValues: UnsafePointer<Float>, inputs: Int, outputs: Int) throws {
        self.types = types
        self.inputs = inputs
        self.outputs = outputs
        engine = try OneDNN.cpuEngine()
        // The first primitive decides the weights' layout; every other one is made for that layout.
        let first = PrimitiveKey(rows: Self.blockRows, epilogue: types.destination == dnnl_s32 ? .none : .bias)
        let block = try Self.makePrimitive(types: types, key: first, inputs: inputs, outputs: outputs, weights: nil, engine: engine)
        weightsDesc = block.weightsDesc
        weights = try Self.reorderedWeights(source, types: types, inputs: inputs, outputs: outputs, into: block.weightsDesc, engine: engine)
        var desc = try OneDNN.matrix(rows: 1, columns: outputs, type: dnnl_f32)
        var memory: dnnl_memory_t?
        try OneDNN.check(dnnl_memory_create(&memory, &desc, engine, OneDNN.allocate), "allocating a bias")
        guard let memory else { throw InferenceError.kernelUnavailable("oneDNN gave no bias memory") }
        var handle: UnsafeMutableRawPointer?
        try OneDNN.check(dnnl_memory_get_data_handle(memory, &handle), "reading a bias")
        handle?.copyMemory(from: biasValues, byteCount: outputs * MemoryLayout<Float>.size)
        bias = memory
        primitives.withLock { $0[first] = block }
    }

    deinit {
        dnnl_memory_destroy(weights)
        dnnl_memory_destroy(bias)
        primitives.withLock { $0.values.forEach { dnnl_primitive_destroy($0.primitive) } }
        contexts.withLock { $0.forEach { $0.destroy() } }
    }

    /// The product of `rows` rows then `epilogue`: A is [rows × inputs] of the source type, C [rows × outputs] of the
    /// destination type, both row-major.
    func run(source: UnsafeRawPointer, rows: Int, destination: UnsafeMutableRawPointer, epilogue: Epilogue) throws {
        let context = borrowContext()
        defer { contexts.withLock { $0.append(context) } }
        omp_set_num_threads(1) // the engine's own threads split the work
        let destinationSize = 4 // fp32 and int32 results alike
        var start = 0
        while start < rows {
            let height = min(Self.blockRows, rows - start)
            let primitive = try primitive(PrimitiveKey(rows: height, epilogue: epilogue))
            try context.execute(primitive, engine: engine,
                                source: source + start * inputs * types.elementSize,
                                weights: weights, bias: epilogue.addsBias ? bias : nil,
                                destination: destination + start * outputs * destinationSize)
            start += height
        }
    }

    // MARK: primitives

    /// A block height and what follows the product: one primitive each.
    private struct PrimitiveKey: Hashable {
        let rows: Int
        let epilogue: Epilogue
    }

    /// A matmul primitive for one block height and epilogue, with what executing it needs. oneDNN primitives may run
    /// on several threads at once.
    struct Primitive: @unchecked Sendable {
        let primitive: dnnl_primitive_t
        let sourceDesc: dnnl_memory_desc_t
        let destinationDesc: dnnl_memory_desc_t
        let weightsDesc: dnnl_memory_desc_t
        let scratchpadBytes: Int
    }

    private func primitive(_ key: PrimitiveKey) throws -> Primitive {
        if let cached = primitives.withLock({ $0[key] }) { return cached }
        let made = try Self.makePrimitive(types: types, key: key, inputs: inputs, outputs: outputs, weights: weightsDesc, engine: engine)
        return primitives.withLock { cache in
            if let raced = cache[key] {
                dnnl_primitive_destroy(made.primitive)
                return raced
            }
            cache[key] = made
            return made
        }
    }

    /// `weights`: the layout to use, or nil to let oneDNN choose it.
    private static func makePrimitive(types: Types, key: PrimitiveKey, inputs: Int, outputs: Int, weights: dnnl_memory_desc_t?,
                                      engine: dnnl_engine_t) throws -> Primitive {
        var source = try OneDNN.matrix(rows: key.rows, columns: inputs, type: types.source)
        var destination = try OneDNN.matrix(rows: key.rows, columns: outputs, type: types.destination)
        var weightsDesc = dnnl_memory_desc_t()
        if let weights {
            weightsDesc = weights
        } else {
            try OneDNN.check(dnnl_memory_desc_init_by_tag(&weightsDesc, 2, [Int64(inputs), Int64(outputs)], types.weights,
                                                          dnnl_format_tag_any), "describing weights")
        }
        var biasDesc = try OneDNN.matrix(rows: 1, columns: outputs, type: dnnl_f32)
        var operation = dnnl_matmul_desc_t()
        let described = key.epilogue.addsBias
            ? dnnl_matmul_desc_init(&operation, &source, &weightsDesc, &biasDesc, &destination)
            : dnnl_matmul_desc_init(&operation, &source, &weightsDesc, nil, &destination)
        try OneDNN.check(described, "describing a matmul")
        var attributes: dnnl_primitive_attr_t?
        try OneDNN.check(dnnl_primitive_attr_create(&attributes), "creating attributes")
        defer { dnnl_primitive_attr_destroy(attributes) }
        try OneDNN.check(dnnl_primitive_attr_set_scratchpad_mode(attributes, dnnl_scratchpad_mode_user), "setting the scratchpad mode")
        if key.epilogue == .biasGELU || key.epilogue == .accumulate {
            var postOps: dnnl_post_ops_t?
            try OneDNN.check(dnnl_post_ops_create(&postOps), "creating post-ops")
            defer { dnnl_post_ops_destroy(postOps) }
            try OneDNN.check(key.epilogue == .biasGELU
                             ? dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_gelu_erf, 0, 0)
                             : dnnl_post_ops_append_sum(postOps, 1), "appending a post-op")
            try OneDNN.check(dnnl_primitive_attr_set_post_ops(attributes, postOps), "setting post-ops")
        }
        var descriptor: dnnl_primitive_desc_t?
        let status = dnnl_primitive_desc_create(&descriptor, &operation, attributes, engine, nil)
        guard status == dnnl_success, let descriptor else {
            throw InferenceError.kernelUnavailable(status == dnnl_unimplemented
                ? "this CPU's oneDNN kernels (up to \(OneDNN.instructionSet)) have no \(types.name) matrix product"
                : "oneDNN: creating a matmul failed (status \(status.rawValue))")
        }
        defer { dnnl_primitive_desc_destroy(descriptor) }
        var primitive: dnnl_primitive_t?
        try OneDNN.check(dnnl_primitive_create(&primitive, descriptor), "creating a matmul")
        guard let primitive, let chosenWeights = dnnl_primitive_desc_query_md(descriptor, dnnl_query_weights_md, 0),
              let scratchpad = dnnl_primitive_desc_query_md(descriptor, dnnl_query_scratchpad_md, 0)
        else { throw InferenceError.kernelUnavailable("oneDNN gave no matmul") }
        return Primitive(primitive: primitive, sourceDesc: source, destinationDesc: destination, weightsDesc: chosenWeights.pointee,
                         scratchpadBytes: dnnl_memory_desc_get_size(scratchpad))
    }

    /// W [outputs × inputs] row-major is W ᵀ [inputs × outputs] with strides (1, inputs): reordered into `layout`.
    private static func reorderedWeights(_ source: UnsafeRawPointer, types: Types, inputs: Int, outputs: Int,
                                         into layout: dnnl_memory_desc_t, engine: dnnl_engine_t) throws -> dnnl_memory_t {
        var plain = dnnl_memory_desc_t()
        try OneDNN.check(dnnl_memory_desc_init_by_strides(&plain, 2, [Int64(inputs), Int64(outputs)], types.weights, [1, Int64(inputs)]),
                         "describing weights")
        var target = layout
        var plainMemory: dnnl_memory_t?, targetMemory: dnnl_memory_t?
        try OneDNN.check(dnnl_memory_create(&plainMemory, &plain, engine, UnsafeMutableRawPointer(mutating: source)), "wrapping weights")
        defer { dnnl_memory_destroy(plainMemory) }
        try OneDNN.check(dnnl_memory_create(&targetMemory, &target, engine, OneDNN.allocate), "allocating weights")
        var reorderDesc: dnnl_primitive_desc_t?
        try OneDNN.check(dnnl_reorder_primitive_desc_create(&reorderDesc, &plain, engine, &target, engine, nil), "planning a reorder")
        defer { dnnl_primitive_desc_destroy(reorderDesc) }
        var reorder: dnnl_primitive_t?
        try OneDNN.check(dnnl_primitive_create(&reorder, reorderDesc), "creating a reorder")
        defer { dnnl_primitive_destroy(reorder) }
        var stream: dnnl_stream_t?
        try OneDNN.check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "creating a stream")
        defer { dnnl_stream_destroy(stream) }
        var arguments = [dnnl_exec_arg_t(arg: DNNL_ARG_FROM, memory: plainMemory), dnnl_exec_arg_t(arg: DNNL_ARG_TO, memory: targetMemory)]
        try OneDNN.check(dnnl_primitive_execute(reorder, stream, 2, &arguments), "reordering weights")
        try OneDNN.check(dnnl_stream_wait(stream), "reordering weights")
        guard let targetMemory else { throw InferenceError.kernelUnavailable("oneDNN gave no weights memory") }
        return targetMemory
    }

    // MARK: execution contexts

    private func borrowContext() -> ExecutionContext {
        contexts.withLock { $0.popLast() } ?? ExecutionContext()
    }

    /// A stream and a scratchpad, used by one call at a time (the pool hands each to one caller).
    private final class ExecutionContext: @unchecked Sendable {
        private var stream: dnnl_stream_t?
        private var scratchpad = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
        private var scratchpadBytes = 64

        func execute(_ primitive: Primitive, engine: dnnl_engine_t, source: UnsafeRawPointer, weights: dnnl_memory_t,
                     bias: dnnl_memory_t?, destination: UnsafeMutableRawPointer) throws {
            if stream == nil {
                try OneDNN.check(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags.rawValue), "creating a stream")
            }
            if primitive.scratchpadBytes > scratchpadBytes {
                scratchpad.deallocate()
                scratchpadBytes = primitive.scratchpadBytes
                scratchpad = .allocate(byteCount: scratchpadBytes, alignment: 64)
            }
            var sourceDesc = primitive.sourceDesc, destinationDesc = primitive.destinationDesc
            var scratchDesc = dnnl_memory_desc_t()
            try OneDNN.check(dnnl_memory_desc_init_by_tag(&scratchDesc, 1, [Int64(max(primitive.scratchpadBytes, 1))], dnnl_u8, dnnl_a),
                             "describing a scratchpad")
            var sourceMemory: dnnl_memory_t?, destinationMemory: dnnl_memory_t?, scratchMemory: dnnl_memory_t?
            try OneDNN.check(dnnl_memory_create(&sourceMemory, &sourceDesc, engine, UnsafeMutableRawPointer(mutating: source)), "wrapping a source")
            defer { dnnl_memory_destroy(sourceMemory) }
            try OneDNN.check(dnnl_memory_create(&destinationMemory, &destinationDesc, engine, destination), "wrapping a destination")
            defer { dnnl_memory_destroy(destinationMemory) }
            try OneDNN.check(dnnl_memory_create(&scratchMemory, &scratchDesc, engine, scratchpad), "wrapping a scratchpad")
            defer { dnnl_memory_destroy(scratchMemory) }
            var arguments = [dnnl_exec_arg_t(arg: DNNL_ARG_SRC, memory: sourceMemory),
                             dnnl_exec_arg_t(arg: DNNL_ARG_WEIGHTS, memory: weights),
                             dnnl_exec_arg_t(arg: DNNL_ARG_DST, memory: destinationMemory),
                             dnnl_exec_arg_t(arg: DNNL_ARG_SCRATCHPAD, memory: scratchMemory)]
            if let bias { arguments.append(dnnl_exec_arg_t(arg: DNNL_ARG_BIAS, memory: bias)) }
            try OneDNN.check(dnnl_primitive_execute(primitive.primitive, stream, Int32(arguments.count), &arguments), "a matmul")
            try OneDNN.check(dnnl_stream_wait(stream), "a matmul")
        }

        func destroy() {
            if let stream { dnnl_stream_destroy(stream) }
            scratchpad.deallocate()
        }
    }
}

/// Which kernels run a precision's dense layers on this machine, for reports: "OpenBLAS Cooperlake",
/// "oneDNN AMX".
public enum EngineKernels {
    public static func description(for precision: Precision) -> String {
        switch precision {
        case .fp32 where !OneDNN.hasAVX512Kernels: return "OpenBLAS \(BLAS.coreName)"
        case .fp32, .bf16, .int8: return "oneDNN \(OneDNN.instructionSet)"
        }
    }
}
