import Testing
@testable import PodiumUI

@Suite("Layout")
struct LayoutTests {
    let screen = Rect(width: 80, height: 24)

    @Test func rowsWithFixedAndFill() {
        let rows = screen.rows([.length(1), .fill(), .length(1)])
        #expect(rows == [Rect(x: 0, y: 0, width: 80, height: 1),
                         Rect(x: 0, y: 1, width: 80, height: 22),
                         Rect(x: 0, y: 23, width: 80, height: 1)])
    }

    @Test func percentagesAndWeightedFills() {
        let columns = screen.columns([.percentage(25), .fill(2), .fill(1)])
        #expect(columns.map(\.width) == [20, 40, 20])
        #expect(columns.map(\.x) == [0, 20, 60])
        // Odd cells go to the first fill.
        #expect(Rect(width: 10, height: 1).columns([.fill(), .fill(), .fill()]).map(\.width) == [4, 3, 3])
    }

    @Test func minGrowsLikeFill() {
        #expect(Rect(width: 30, height: 1).columns([.min(10), .length(10), .fill()]).map(\.width) == [15, 10, 5])
        #expect(Rect(width: 12, height: 1).columns([.min(10), .length(10)]).map(\.width) == [10, 2])
    }

    @Test func spacingSeparatesParts() {
        let columns = Rect(x: 2, y: 3, width: 21, height: 4).columns([.length(5), .fill(), .length(5)], spacing: 3)
        #expect(columns.map(\.x) == [2, 10, 18])
        #expect(columns.map(\.width) == [5, 5, 5])
        #expect(columns.allSatisfy { $0.y == 3 && $0.height == 4 })
    }

    @Test func shortSpaceShrinksTheLastParts() {
        let rows = Rect(width: 10, height: 5).rows([.length(3), .length(3), .length(3)])
        #expect(rows.map(\.height) == [3, 2, 0])
        #expect(rows.map(\.y) == [0, 3, 5])
        #expect(Rect(width: 0, height: 0).rows([.fill(), .length(2)]).map(\.height) == [0, 0])
    }

    @Test func leftoverWithoutFillStaysUnused() {
        #expect(Rect(width: 10, height: 1).columns([.length(3), .percentage(50)]).map(\.width) == [3, 5])
    }

    @Test func edgeSplitsAndHelpers() {
        let (top, rest) = screen.splitTop(3)
        #expect(top.height == 3 && rest.y == 3 && rest.height == 21)
        let (body, bottom) = screen.splitBottom(2)
        #expect(body.height == 22 && bottom.y == 22)
        let (left, right) = screen.splitLeft(100)
        #expect(left.width == 80 && right.width == 0)
        #expect(screen.splitRight(30).right == Rect(x: 50, y: 0, width: 30, height: 24))
        #expect(screen.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(Rect(width: 3, height: 3).inset(by: 5) == Rect(x: 1, y: 1, width: 1, height: 1))
        #expect(screen.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(screen.centered(width: 100, height: 30) == screen)
        #expect(screen.intersection(Rect(x: 70, y: 20, width: 20, height: 20)) == Rect(x: 70, y: 20, width: 10, height: 4))
        #expect(screen.intersection(Rect(x: 90, y: 0, width: 5, height: 5)).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -5, height: 2).width == 0)
    }
}
