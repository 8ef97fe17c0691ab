// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "RerankExplorer",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RerankKit", targets: ["TextFiles", "Tokenization", "ModelStore", "Inference", "Evaluation", "PassageSources"]),
        .executable(name: "rerank", targets: ["rerank"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C shims: no logic, only headers and module maps.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),

        .target(name: "TextFiles"),
        .target(name: "Tokenization"),
        .target(name: "ModelStore"),
        .target(name: "Inference", dependencies: ["Tokenization", "ModelStore", "CBLAS"]),
        .target(name: "Evaluation", dependencies: ["Inference", "TextFiles"]),
        .target(name: "PassageSources", dependencies: ["Evaluation", "TextFiles"]),
        .target(name: "Explorer", dependencies: ["Inference", "Evaluation", "PassageSources", "CNcurses"]),
        .executableTarget(name: "rerank", dependencies: [
            "Inference", "Evaluation", "PassageSources", "Explorer", "ModelStore", "Tokenization", "TextFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TextFilesTests", dependencies: ["TextFiles", "TestSupport"]),
        .testTarget(name: "TokenizationTests", dependencies: ["Tokenization", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ModelStoreTests", dependencies: ["ModelStore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport"]),
        .testTarget(name: "PassageSourcesTests", dependencies: ["PassageSources", "TextFiles", "TestSupport"]),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "TestSupport"]),
        .testTarget(name: "RerankCLITests", dependencies: ["TestSupport"]),
    ]
)
