@testable import Explorer
import Testing

/// The pieces the pictures are drawn with: the histogram's bins and the braille canvas.
@Suite struct PictureGeometryTests {
    @Test func histogramCountsScoresInEqualBinsAndFindsTheMarkedOne() {
        let histogram = ScoreHistogram([0, 1, 2, 3, 4, 10, .nan, .infinity], bins: 5, marked: 3)
        #expect(histogram.counts == [2, 2, 1, 0, 1])
        #expect(histogram.lowest == 0 && histogram.highest == 10)
        #expect(histogram.marked == 1)
        #expect(histogram.level(of: 2, rows: 3) == 24)
        #expect(histogram.level(of: 1, rows: 3) == 12)
        #expect(histogram.level(of: 0, rows: 3) == 0)
    }

    @Test func equalScoresFallInTheMiddleBinAndNoScoresInNone() {
        let equal = ScoreHistogram([2, 2, 2], bins: 4, marked: 2)
        #expect(equal.counts == [0, 0, 3, 0])
        #expect(equal.marked == 2)
        let empty = ScoreHistogram([], bins: 0, marked: .nan)
        #expect(empty.counts == [0])
        #expect(empty.marked == nil)
    }

    @Test func binCountGrowsWithTheSquareRootWithinItsBounds() {
        #expect(ScoreHistogram.binCount(scores: 1, columns: 30) == 4)
        #expect(ScoreHistogram.binCount(scores: 16, columns: 30) == 8)
        #expect(ScoreHistogram.binCount(scores: 100, columns: 30) == 20)
        #expect(ScoreHistogram.binCount(scores: 10_000, columns: 30) == 24)
        #expect(ScoreHistogram.binCount(scores: 100, columns: 6) == 6)
    }

    @Test func brailleLinesSetTheRightDotsAndKeepTheHighestTag() throws {
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.line(from: (x: 0, y: 0), to: (x: 3, y: 3), tag: 1)
        canvas.line(from: (x: 0, y: 3), to: (x: 3, y: 0), tag: 5)
        let left = try #require(canvas.cell(column: 0, row: 0))
        let right = try #require(canvas.cell(column: 1, row: 0))
        // Left cell: dots (0,0) (1,1) and (0,3) (1,2): bits 0x01 0x10 0x40 0x20.
        #expect(left.character == Character(Unicode.Scalar(0x2800 + 0x71)!))
        #expect(right.character == Character(Unicode.Scalar(0x2800 + 0x8E)!))
        #expect(left.tag == 5 && right.tag == 5)
        canvas.plot(x: 9, y: 9, tag: 9)   // outside: ignored
        #expect(canvas.cell(column: 2, row: 0) == nil)
        #expect(BrailleCanvas(columns: 1, rows: 1).cell(column: 0, row: 0) == nil)
    }
}
