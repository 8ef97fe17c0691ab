import Foundation
import HTTPTypes
import Hummingbird

/// The fake hub's routes: `GET /api/models/ORG/NAME/revision/REV`, `HEAD|GET /ORG/NAME/resolve/REV/PATH` and
/// `GET /lfs/SHA256` (the download host).
struct FakeHubResponder: Sendable {
    let state: FakeHubStore

    func respond(to request: Request) async throws -> Response {
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        let host = request.head.authority ?? ""
        state.withLock { state in
            state.requests.append(FakeHubRequest(method: request.method.rawValue, path: path, host: host,
                                                 authorization: request.headers[.authorization], range: request.headers[.range]))
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if parts.count == 6, parts[0] == "api", parts[1] == "models", parts[4] == "revision", request.method == .get {
            return revision(repository: parts[2] + "/" + parts[3], revision: parts[5])
        }
        if parts.count == 2, parts[0] == "lfs", request.method == .get {
            return lfs(etag: parts[1], range: request.headers[.range])
        }
        if parts.count >= 5, parts[2] == "resolve", request.method == .get || request.method == .head {
            return resolve(repository: parts[0] + "/" + parts[1], revision: parts[3], path: parts[4...].joined(separator: "/"),
                           authorization: request.headers[.authorization], head: request.method == .head)
        }
        return Self.error(.notFound, code: nil, message: "no route for \(path)")
    }

    private func revision(repository name: String, revision: String) -> Response {
        guard let repository = state.withLock({ $0.repositories[name] }) else {
            return Self.error(.unauthorized, code: "RepoNotFound", message: "Repository not found")
        }
        guard repository.branches.contains(revision) || revision == repository.commit else {
            return Self.error(.notFound, code: "RevisionNotFound", message: "Invalid rev id: \(revision)")
        }
        let siblings: [[String: Any]] = repository.files.keys.sorted().map { path in
            let size = repository.files[path]?.count ?? 0
            var sibling: [String: Any] = ["rfilename": path, "size": size]
            if repository.lfs.contains(path), let etag = repository.etag(path) {
                sibling["lfs"] = ["sha256": etag, "size": size, "pointerSize": 134]
            }
            return sibling
        }
        let object: [String: Any] = ["id": repository.name, "sha": repository.commit, "siblings": siblings, "private": false]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func resolve(repository name: String, revision: String, path: String, authorization: String?, head: Bool) -> Response {
        let (repository, port) = state.withLock { ($0.repositories[name], $0.port) }
        guard let repository else { return Self.error(.unauthorized, code: "RepoNotFound", message: "Repository not found") }
        if let token = repository.token, authorization != "Bearer \(token)" {
            return Self.error(authorization == nil ? .unauthorized : .forbidden, code: "GatedRepo",
                              message: "Access to model \(name) is restricted.")
        }
        guard repository.branches.contains(revision) || revision == repository.commit else {
            return Self.error(.notFound, code: "RevisionNotFound", message: "Invalid rev id: \(revision)")
        }
        guard let data = repository.files[path], let etag = repository.etag(path), !repository.unservable.contains(path) else {
            var response = Self.error(.notFound, code: "EntryNotFound", message: "\(path) does not exist")
            response.headers[Self.repoCommit] = repository.commit
            return response
        }
        var headers: HTTPFields = [Self.repoCommit: repository.commit]
        if repository.lfs.contains(path) {
            headers[Self.linkedEtag] = "\"\(etag)\""
            headers[Self.linkedSize] = String(data.count)
            headers[.location] = "http://\(FakeHub.downloadHost):\(port)/lfs/\(etag)"
            headers[.contentLength] = "0"
            return Response(status: .found, headers: headers)
        }
        headers[.eTag] = "\"\(etag)\""
        headers[.contentLength] = String(data.count)
        return Response(status: .ok, headers: headers, body: head ? .init() : .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An LFS file's bytes, from the start of a `Range: bytes=N-` when given; cut short or corrupted as the scenario says.
    private func lfs(etag: String, range: String?) -> Response {
        let (found, cut, corrupted, ignoresRanges, rate) = state.withLock { state -> (Data?, Int?, Bool, Bool, Int?) in
            let data = state.repositories.values.lazy.compactMap { repository in
                repository.lfs.first { repository.etag($0) == etag }.flatMap { repository.files[$0] }
            }.first
            let cut = state.cuts[etag]?.first
            if cut != nil { state.cuts[etag]?.removeFirst() }
            return (data, cut, state.corrupted.contains(etag), state.ignoresRanges, state.bytesPerSecond)
        }
        guard var data = found else { return Self.error(.notFound, code: nil, message: "no such object") }
        if corrupted, !data.isEmpty { data[data.startIndex] ^= 0xFF }
        let start = ignoresRanges ? 0 : Self.rangeStart(range) ?? 0
        guard start < data.count || data.isEmpty else {
            return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(data.count)"])
        }
        let body = data.suffix(from: data.startIndex + start)
        var headers: HTTPFields = [.contentLength: String(body.count), .eTag: "\"cdn-\(etag.prefix(8))\""]
        let status: HTTPResponse.Status = start > 0 ? .partialContent : .ok
        if start > 0 { headers[.contentRange] = "bytes \(start)-\(data.count - 1)/\(data.count)" }
        if let rate, cut == nil {
            return Response(status: status, headers: headers, body: .init(contentLength: body.count) { writer in
                let piece = 8_192
                for start in stride(from: body.startIndex, to: body.endIndex, by: piece) {
                    let end = min(start + piece, body.endIndex)
                    try await writer.write(ByteBuffer(bytes: body[start..<end]))
                    try await Task.sleep(for: .milliseconds(piece * 1000 / rate))
                }
                try await writer.finish(nil)
            })
        }
        guard let cut, cut < body.count else {
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let sent = body.prefix(cut)
        return Response(status: status, headers: headers, body: .init(contentLength: body.count) { writer in
            try await writer.write(ByteBuffer(bytes: sent))
            throw FakeHubCut()
        })
    }

    static func rangeStart(_ range: String?) -> Int? {
        guard let range, range.hasPrefix("bytes=") else { return nil }
        return range.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false).first.flatMap { Int($0) }
    }

    static func error(_ status: HTTPResponse.Status, code: String?, message: String) -> Response {
        var headers: HTTPFields = [Self.errorMessage: message, .contentType: "application/json"]
        if let code { headers[Self.errorCode] = code }
        let body = ByteBuffer(bytes: Data("{\"error\":\"\(message)\"}".utf8))
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    static let repoCommit = HTTPField.Name("X-Repo-Commit")!
    static let linkedEtag = HTTPField.Name("X-Linked-Etag")!
    static let linkedSize = HTTPField.Name("X-Linked-Size")!
    static let errorCode = HTTPField.Name("X-Error-Code")!
    static let errorMessage = HTTPField.Name("X-Error-Message")!
}

/// Thrown part-way through a body to close the connection early.
struct FakeHubCut: Error {}
