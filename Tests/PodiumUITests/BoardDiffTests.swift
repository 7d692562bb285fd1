import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// What the terminal is sent when one score changes: the runner writes only `Canvas.diff`, so a
/// judge's correction on a live standings page must change the score's cells and nothing else
/// (no shifted column, no redrawn row). `podium bench render` measures the bytes of the same
/// change on a real board in a pseudo-terminal.
@Suite("Board: a one-score change is a small diff")
struct BoardDiffTests {
    /// S02 under the `live` policy (its standings are public while marking), on its page;
    /// D1 has 70.00 (A1 30.00 + A2 judged 2 by the panel), D2 a measurement only.
    static func scene() -> BoardBench { boardBench(policy: .live, publish: false) }

    static func correct(_ b: inout BoardBench, hundredths: Int64) throws {
        b.now = boardTime(day: 21, 9, 55)
        try b.run(.submitMarks(skill: "S02", round: "final",
                               marks: [MarkInput(competitor: "D1", aspect: "A1", value: .measurement(Fixed2(hundredths: hundredths)))],
                               reason: "录入错误，更正为实际测量值"), Actor(.judge, "J1"))
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func oneCorrectionChangesOnlyTheScore(size: (Int, Int)) throws {
        let (width, height) = size
        var b = Self.scene()
        let before = boardCanvas(boardModel(b, page: .skill("S02")), width: width, height: height)
        #expect(before.lines().contains { $0.contains("李强") && $0.contains("70.00") })
        try Self.correct(&b, hundredths: 2875)                     // 30.00 → 28.75: 70.00 → 68.75
        let after = boardCanvas(boardModel(b, page: .skill("S02")), width: width, height: height)
        #expect(after.lines().contains { $0.contains("李强") && $0.contains("68.75") })

        let changes = after.diff(from: before)
        let cells = changes.reduce(0) { $0 + $1.width }
        // "70.00" → "68.75": four digits, in one row; the point stays.
        #expect(cells == 4)
        #expect(Set(changes.map(\.y)).count == 1)
        #expect(changes.map(\.text).joined() == "6875")
        #expect(Double(cells) < 0.05 * Double(width * height))
    }

    @Test func theSameFrameTwiceIsNoChange() {
        let m = boardModel(Self.scene(), page: .skill("S02"))
        let a = boardCanvas(m, width: 200, height: 60), b = boardCanvas(m, width: 200, height: 60)
        #expect(b.diff(from: a).isEmpty)
        // Against nothing (a full repaint) every cell is sent.
        #expect(a.diff(from: Canvas(width: 0, height: 0)).reduce(0) { $0 + $1.width } == 200 * 60)
    }
}
