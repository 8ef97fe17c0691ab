// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "RerankExplorer",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RerankKit", targets: ["TextFiles", "Tokenization", "ModelStore", "Inference", "Evaluation", "PassageSources", "Pictures"]),
        .executable(name: "rerank", targets: ["rerank"]),
        .executable(name: "rerank-fuzz", targets: ["rerank-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // `rerank serve`, and the tests' fake Hugging Face hub.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Tests only: property-based tests of the invariants (generators, shrinking, seeds).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C shims: no logic, only headers and module maps.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CLibFuzzer"),

        // The encoder's element-wise kernels, hand-vectorised for AVX2 and FMA.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-mavx2", "-mfma"])]),
        .target(name: "TextFiles"),
        // SVG pictures for slides: the document builder and the heat map of text units.
        .target(name: "Pictures"),
        .target(name: "Tokenization"),
        .target(name: "ModelStore"),
        .target(name: "Networking", dependencies: [
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .target(name: "Hub", dependencies: [
            "ModelStore", "Networking",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Inference", dependencies: ["Tokenization", "ModelStore", "CBLAS", "CDNNL", "CKernels"]),
        .target(name: "Evaluation", dependencies: ["Inference", "TextFiles", "Pictures"]),
        .target(name: "PassageSources", dependencies: ["Evaluation", "TextFiles"]),
        .target(name: "Explorer", dependencies: ["Inference", "Evaluation", "PassageSources", "Pictures", "CNcurses"]),
        .target(name: "RemoteScoring", dependencies: [
            "Inference", "Networking",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
        ]),
        .target(name: "Server", dependencies: [
            "Inference",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .executableTarget(name: "rerank", dependencies: [
            "Inference", "Evaluation", "PassageSources", "Explorer", "ModelStore", "Hub", "RemoteScoring", "Server", "Tokenization", "TextFiles", "Pictures",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // One entry per parser of outside input, fed raw bytes; `rerank-fuzz` runs them under libFuzzer
        // (built with -D FUZZING by scripts/fuzz) or replays saved inputs.
        .target(name: "FuzzTargets", dependencies: [
            "Tokenization", "ModelStore", "Inference", "Evaluation", "PassageSources", "Explorer", "Server",
        ]),
        .executableTarget(name: "rerank-fuzz", dependencies: ["FuzzTargets", "CLibFuzzer"]),

        .target(name: "TestSupport", dependencies: ["Tokenization"], path: "Tests/TestSupport"),
        .target(name: "FakeHub", dependencies: [
            "TestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], path: "Tests/FakeHub"),
        .testTarget(name: "TextFilesTests", dependencies: ["TextFiles", "TestSupport"]),
        .testTarget(name: "TokenizationTests", dependencies: ["Tokenization", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")], exclude: ["Fixtures"]),
        .testTarget(name: "ModelStoreTests", dependencies: ["ModelStore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "PicturesTests", dependencies: ["Pictures"]),
        .testTarget(name: "PassageSourcesTests", dependencies: ["PassageSources", "TextFiles", "TestSupport"]),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "HubTests", dependencies: [
            "Hub", "ModelStore", "Networking", "FakeHub", "TestSupport", .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "RemoteScoringTests", dependencies: ["RemoteScoring"]),
        .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets", "Explorer", "TestSupport"], exclude: ["FuzzRegressions"]),
        .testTarget(name: "RerankCLITests", dependencies: ["TestSupport", "FakeHub"]),
    ]
)
