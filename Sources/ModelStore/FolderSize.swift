import Foundation

/// Sums the sizes of the files under a folder, following symbolic links (Hugging Face cache snapshots link to blobs).
enum FolderSize {
    static func bytes(in folder: URL) -> Int64 {
        var visited: Set<String> = []
        return bytes(in: folder, visited: &visited)
    }

    private static func bytes(in folder: URL, visited: inout Set<String>) -> Int64 {
        let resolved = folder.resolvingSymlinksInPath()
        guard visited.insert(resolved.path).inserted,
              let names = try? FileManager.default.contentsOfDirectory(atPath: resolved.path) else { return 0 }
        var total: Int64 = 0
        for name in names {
            let item = resolved.appendingPathComponent(name).resolvingSymlinksInPath()
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: item.path) else { continue }
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                total += bytes(in: item, visited: &visited)
            } else if let size = attributes[.size] as? NSNumber {
                total += size.int64Value
            }
        }
        return total
    }
}
