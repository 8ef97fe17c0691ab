import PassageSources

/// Generated passages for tests that need many rows.
enum PassageRecordFixture {
    static func numbered(_ number: Int) -> PassageRecord {
        PassageRecord(text: "Passage number \(number) about nothing in particular.")
    }
}
