import Foundation
import Networking

/// Downloads one blob into its temporary file — resuming with `Range` from what an earlier try (or an earlier run)
/// left there, starting over when the server sends the whole file instead — then checks its size and hash and only
/// then gives it its final name.
struct BlobDownload {
    let path: String
    let metadata: FileMetadata
    let writer: CacheWriter
    let transport: HubTransport
    let retrying: Retrying
    let status: HubStatus
    let tracker: ProgressTracker

    func run() async throws {
        let file = try writer.openIncomplete(metadata.etag)
        var failures = 0
        while file.size != metadata.size {
            if file.size > metadata.size { try file.truncate() }
            let before = file.size
            do {
                try await transfer(into: file)
            } catch {
                let transient = try retrying.classify(error)
                failures = file.size > before ? 1 : failures + 1
                try await retrying.pause(after: failures, transient)
            }
        }
        try verify(file)
        try writer.store(file, etag: metadata.etag)
    }

    /// One GET: from the file's current size on, appending what arrives.
    private func transfer(into file: BlobFile) async throws {
        let offset = file.size
        let (head, body) = try await transport.get(metadata.downloadURL, from: offset, streaming: true)
        switch head.status {
        case 206 where offset > 0 && Self.rangeStart(head) == offset:
            break
        case 200:
            if offset > 0 { try file.truncate() }
        case 206, 416:
            try file.truncate()
            throw RetryableFailure(error: interrupted(at: 0), retryAfter: .zero)
        default:
            throw status.failure(head, file: path)
        }
        tracker.advanced(to: file.size, received: 0)
        for try await buffer in body {
            try buffer.withUnsafeReadableBytes { try file.append($0) }
            guard file.size <= metadata.size else {
                try? FileManager.default.removeItem(at: file.url)
                throw HubError.sizeMismatch(status.repository, file: path, expected: metadata.size, actual: file.size)
            }
            tracker.advanced(to: file.size, received: Int64(buffer.readableBytes))
        }
        if file.size < metadata.size { throw RetryableFailure(error: interrupted(at: file.size), retryAfter: nil) }
    }

    /// Checks the bytes against the etag (sha256 or git blob sha1); a mismatch removes them.
    private func verify(_ file: BlobFile) throws(HubError) {
        guard let kind = ContentDigest.kind(ofEtag: metadata.etag) else { return }
        let actual: String
        do {
            actual = try ContentDigest.digest(ofFile: file.url, kind: kind)
        } catch {
            throw writer.failure.error(error, path: file.url)
        }
        guard actual == metadata.etag else {
            try? FileManager.default.removeItem(at: file.url)
            throw HubError.corruptDownload(status.repository, file: path, expected: metadata.etag, actual: actual)
        }
    }

    private func interrupted(at bytes: Int64) -> HubError {
        .unreachable(status.repository, endpoint: metadata.downloadURL.host ?? metadata.downloadURL.absoluteString,
                     detail: "the transfer of \(path) stopped after \(bytes) of \(metadata.size) bytes")
    }

    /// The first byte of a 206 answer (`Content-Range: bytes START-END/SIZE`).
    static func rangeStart(_ head: ResponseHead) -> Int64? {
        guard let range = head.header("Content-Range"), range.hasPrefix("bytes ") else { return nil }
        return range.dropFirst(6).split(separator: "-").first.flatMap { Int64($0) }
    }
}
