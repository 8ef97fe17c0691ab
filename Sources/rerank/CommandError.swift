/// A problem with a command's data that is not a usage mistake: one line naming the file or the
/// set and what to do, printed without the usage text.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
