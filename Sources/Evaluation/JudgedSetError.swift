/// Why a judged set, or one of its files (TREC run, qrels), could not be loaded: the file, the line
/// when there is one, and the problem.
public struct JudgedSetError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        /// The file does not exist.
        case missingFile
        /// The file exists but could not be read (the system's reason).
        case unreadable(String)
        /// The line has `found` columns; `expected` says which are wanted.
        case columnCount(found: Int, expected: String)
        /// A column that must be an integer holds something else.
        case notAnInteger(column: String, value: String)
        /// A column that must be a number holds something else.
        case notANumber(column: String, value: String)
        /// A required field is empty.
        case emptyField(String)
        /// The line names a query id that `queries.tsv` does not have.
        case unknownQuery(String)
        /// The line names a docid that `passages.tsv` does not have.
        case unknownPassage(String)
        /// The same key appeared before, on `firstLine`.
        case duplicate(key: String, firstLine: Int)
        /// The file holds no data lines.
        case empty
    }

    /// Path of the offending file.
    public var file: String
    /// 1-based line number, when the problem is on one line.
    public var line: Int?
    public var problem: Problem

    public init(file: String, line: Int? = nil, problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(explanation)"
    }

    private var explanation: String {
        switch problem {
        case .missingFile:
            return "file not found; check the path"
        case .unreadable(let reason):
            return "cannot read the file (\(reason)); check its permissions"
        case .columnCount(let found, let expected):
            return "found \(found) column\(found == 1 ? "" : "s"), expected \(expected)"
        case .notAnInteger(let column, let value):
            return "\(column) \"\(value)\" is not an integer; fix the line"
        case .notANumber(let column, let value):
            return "\(column) \"\(value)\" is not a number; fix the line"
        case .emptyField(let field):
            return "the \(field) is empty; fix the line"
        case .unknownQuery(let qid):
            return "query \"\(qid)\" is not in queries.tsv; add it there or remove this line"
        case .unknownPassage(let docid):
            return "passage \"\(docid)\" is not in passages.tsv; add its text there or remove this line"
        case .duplicate(let key, let firstLine):
            return "\(key) was already given on line \(firstLine); keep one of the two lines"
        case .empty:
            return "the file has no data lines"
        }
    }
}
