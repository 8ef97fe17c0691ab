import Foundation
import Testing
import TestSupport

/// `rerank bench` with `--rounds`, `--floor` and `--profile`: what it reports, as JSON lines.
@Suite("rerank bench", .enabled(if: Fixtures.sharedAvailable && RerankBinary.available))
struct BenchCommandTests {
    let files: TemporaryFiles
    let environment: [String: String]

    init() throws {
        files = try TemporaryFiles()
        environment = RerankBinary.environment(home: files.directory)
    }

    @Test("--rounds reports every round's throughput and the fastest one's, with its profile and the floor")
    func rounds() throws {
        let result = try RerankBinary.run(["bench", "--model", "ms-marco-MiniLM-L6-ce-local-v2", "--eval", Fixtures.dl19.path,
                                           "--limit", "12", "--rounds", "3", "--profile", "--floor", "--json"],
                                          environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try result.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.count == 3, "\(result.standardOutput)")
        let engine = try #require(lines.first)
        let runs = try #require(engine["runs_docs_per_sec"] as? [Double])
        #expect(runs.count == 3 && runs.allSatisfy { $0 > 0 })
        #expect(engine["docs_per_sec"] as? Double == runs.max())
        #expect(engine["pairs"] as? Int == 12)
        let profile = try #require(lines[1]["profile"] as? [String: Double])
        #expect((profile["QKV"] ?? 0) > 0 && (profile["attention"] ?? 0) > 0)
        let floor = lines[2]
        #expect((floor["gemm_gflops"] as? Double ?? 0) > 0 && (floor["share_of_floor"] as? Double ?? 0) > 0, "\(floor)")
        #expect(["cblas_sgemm", "oneDNN matmul"].contains(floor["gemm_library"] as? String ?? ""), "\(floor)")
        // A cross-encoder's last layer computes first tokens only: the six-layer model skips 10–14 % of the work.
        let work = try #require(floor["work_gflop"] as? Double), computed = try #require(floor["computed_gflop"] as? Double)
        #expect(computed / work > 0.86 && computed / work < 0.9, "\(floor)")
        let computedShare = try #require(floor["computed_share_of_gemm_rate"] as? Double)
        #expect(abs(computedShare - (floor["share_of_floor"] as? Double ?? 0) * computed / work) < 1e-9, "\(floor)")
    }

    @Test("--rounds 0 is refused in one line")
    func noRounds() throws {
        let result = try RerankBinary.run(["bench", "--model", "ms-marco-MiniLM-L6-ce-local-v2", "--eval", Fixtures.dl19.path,
                                           "--rounds", "0"], environment: environment)
        #expect(result.status != 0)
        #expect(result.standardError.contains("--rounds"), "\(result.standardError)")
    }
}
