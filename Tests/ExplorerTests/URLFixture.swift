import Foundation

/// File URLs as the reducer builds them.
enum URLFixture {
    static func file(_ path: String) -> URL { URL(fileURLWithPath: path) }
}
