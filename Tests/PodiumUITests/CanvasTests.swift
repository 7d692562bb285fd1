import Testing
@testable import PodiumUI

@Suite("Canvas")
struct CanvasTests {
    @Test func putDrawsWideGlyphsOnce() {
        var canvas = Canvas(width: 10, height: 1)
        let drawn = canvas.put("张伟 ab", x: 1, y: 0)
        #expect(drawn == 7)
        #expect(canvas.lines() == [" 张伟 ab  "])
        #expect(canvas[1, 0].grapheme == "张" && !canvas[1, 0].isContinuation)
        #expect(canvas[2, 0].isContinuation && canvas[2, 0].grapheme.isEmpty)
    }

    @Test func wideGlyphAtTheLastColumnIsNotSplit() {
        var canvas = Canvas(width: 5, height: 1)
        let drawn = canvas.put("ab中", x: 2, y: 0)
        #expect(drawn == 3)
        #expect(canvas.lines() == ["  ab "])
        #expect(canvas[4, 0].grapheme == " " && !canvas[4, 0].isContinuation)

        var limited = Canvas(width: 10, height: 1)
        limited.put("中文字", x: 0, y: 0, maxWidth: 5)
        #expect(limited.lines() == ["中文      "])
        #expect(invariantViolation(limited) == nil)
    }

    @Test func overwritingEitherHalfClearsTheOther() {
        var right = Canvas(width: 4, height: 1)
        right.put("中", x: 0, y: 0)
        right.put("x", x: 1, y: 0)
        #expect(right.lines() == [" x  "])
        #expect(invariantViolation(right) == nil)

        var left = Canvas(width: 4, height: 1)
        left.put("中", x: 0, y: 0)
        left.put("y", x: 0, y: 0)
        #expect(left.lines() == ["y   "])
        #expect(!left[1, 0].isContinuation)

        var straddle = Canvas(width: 6, height: 1)
        straddle.put("中文", x: 0, y: 0)
        straddle.put("字", x: 1, y: 0)
        #expect(straddle.lines() == [" 字   "])
        #expect(invariantViolation(straddle) == nil)

        var filled = Canvas(width: 4, height: 2)
        filled.put("中文", x: 0, y: 0)
        filled.put("中文", x: 0, y: 1)
        filled.fill(Rect(x: 1, y: 0, width: 1, height: 2), with: "#")
        #expect(filled.lines() == [" #文", " #文"])
    }

    @Test func skipScrollsAndCutsWideGlyphsAtTheLeftEdge() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("中文abc", x: 0, y: 0, skip: 1)
        #expect(canvas.lines() == [" 文abc"])
        var shifted = Canvas(width: 6, height: 1)
        shifted.put("中文abc", x: 1, y: 0, skip: 2)
        #expect(shifted.lines() == [" 文abc"])
        var negative = Canvas(width: 4, height: 1)
        negative.put("中文", x: -1, y: 0)
        #expect(negative.lines() == [" 文 "])
        #expect(invariantViolation(negative) == nil)
    }

    @Test func zeroWidthClustersAreSkippedAndMarksStayWithTheirBase() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("\u{301}e\u{301}\u{200B}x", x: 0, y: 0)
        #expect(canvas.lines() == ["e\u{301}x    "])
        #expect(canvas[0, 0].grapheme == "e\u{301}")
    }

    @Test func outOfBoundsWritesAreClipped() {
        var canvas = Canvas(width: 3, height: 2)
        #expect(canvas.put("abc", x: 0, y: 5) == 0)
        #expect(canvas.put("abc", x: 0, y: -1) == 0)
        #expect(canvas.put("abcdef", x: 1, y: 1) == 2)
        #expect(canvas.put("abc", x: 7, y: 0) == 0)
        #expect(canvas.lines() == ["   ", " ab"])
    }

    @Test("random writes keep the wide-glyph invariants")
    func randomWritesKeepInvariants() {
        var random = SeededGenerator(state: 2024)
        let samples = ["中", "文字", "a", "bc", "🥇", "e\u{301}", "Ａ", "张伟 Li", "…", "한국", "\u{1B}[2J", "\u{202E}x"]
        var canvas = Canvas(width: 13, height: 3)
        for _ in 0..<2000 {
            let text = samples.randomElement(using: &random)!
            let x = Int.random(in: -2...14, using: &random)
            let y = Int.random(in: 0..<3, using: &random)
            let limit: Int? = Bool.random(using: &random) ? Int.random(in: 0...6, using: &random) : nil
            canvas.put(text, x: x, y: y, maxWidth: limit, skip: Int.random(in: 0...1, using: &random))
            if let violation = invariantViolation(canvas) {
                Issue.record("\(violation) after putting \(text.debugDescription) at \(x)")
                return
            }
        }
    }

    @Test("no control character ever reaches the canvas")
    func controlCharactersNeverReachTheCanvas() {
        let hostile = "张\u{1B}[2J伟\u{7}\u{9B}31m\u{202E}Evil\u{2066}\u{7F}\u{0}\t\n\r\u{85}"
        var canvas = Canvas(width: 60, height: 20)
        let rows = canvas.bounds.rows(Array(repeating: .length(2), count: 10))
        canvas.put(hostile, x: 0, y: rows[0].y)
        canvas.render(Panel(title: hostile), in: rows[1])
        canvas.render(Table(columns: [Table.Column(hostile), Table.Column("分", alignment: .right)],
                            rows: [[Table.Cell(hostile), "9.5"]], showHeader: true), in: rows[2])
        canvas.render(Ticker(hostile, tick: 3), in: rows[3])
        canvas.render(Gauge(ratio: 0.5, label: hostile), in: rows[4])
        canvas.render(KeyHelpBar([.init("\u{1B}q", hostile)]), in: rows[5])
        canvas.render(TextField(text: hostile), in: rows[6])
        canvas.render(ScrollList(items: [ScrollList.Item(hostile)]), in: rows[7])
        canvas.render(BigText(hostile), in: rows[8])
        canvas.render(Modal(title: hostile, message: [hostile], buttons: [hostile]), in: canvas.bounds)
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let scalars = canvas[x, y].grapheme.unicodeScalars
                #expect(!scalars.contains(where: isForbidden), "cell (\(x), \(y)): \(scalars.map(\.value))")
            }
        }
        #expect(canvas.lines().joined().contains("[2J"))
    }

    @Test func linesShowEveryColumnOnce() {
        var canvas = Canvas(width: 8, height: 2)
        canvas.put("🥇金牌", x: 0, y: 0)
        canvas.put("Ａb", x: 5, y: 1)
        #expect(canvas.lines() == ["🥇金牌  ", "     Ａb"])
        #expect(canvas.lines().allSatisfy { TextWidth.width(of: $0) == 8 })
    }

    @Test func styleChangesKeepText() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("ab", x: 0, y: 0, style: Style(.gold))
        canvas.setStyle(Style(.highlight), in: Rect(x: 1, y: 0, width: 2, height: 1))
        canvas.addAttributes(.bold, in: canvas.bounds)
        #expect(canvas.lines() == ["ab  "])
        #expect(canvas[0, 0].style == Style(.gold, .bold))
        #expect(canvas[1, 0].style == Style(.highlight, .bold))
    }
}

@Suite("Canvas diff")
struct CanvasDiffTests {
    @Test func identicalCanvasesHaveNoChanges() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("张伟 9.5", x: 0, y: 1)
        #expect(canvas.diff(from: canvas).isEmpty)
    }

    @Test func changesAreRunsOfOneStyle() {
        var before = Canvas(width: 10, height: 2)
        before.put("abcdef", x: 0, y: 0)
        var after = before
        after.put("XY", x: 1, y: 0)
        after.put("Z", x: 3, y: 0, style: Style(.gold))
        after.put("q", x: 9, y: 1)
        #expect(after.diff(from: before) == [
            CellChange(x: 1, y: 0, text: "XY", width: 2, style: .text),
            CellChange(x: 3, y: 0, text: "Z", width: 1, style: Style(.gold)),
            CellChange(x: 9, y: 1, text: "q", width: 1, style: .text),
        ])
    }

    @Test func aChangedHalfBringsTheWholeWideGlyph() {
        var before = Canvas(width: 6, height: 1)
        before.put("中文", x: 0, y: 0)
        var after = before
        after.put("x", x: 1, y: 0)
        #expect(after.diff(from: before) == [CellChange(x: 0, y: 0, text: " x", width: 2, style: .text)])

        var wide = before
        wide.put("字", x: 2, y: 0)
        #expect(wide.diff(from: before) == [CellChange(x: 2, y: 0, text: "字", width: 2, style: .text)])
    }

    @Test func aResizeRedrawsEverything() {
        var small = Canvas(width: 3, height: 1)
        small.put("abc", x: 0, y: 0)
        var large = Canvas(width: 4, height: 2)
        large.put("张a", x: 0, y: 1)
        #expect(large.diff(from: small) == [
            CellChange(x: 0, y: 0, text: "    ", width: 4, style: .text),
            CellChange(x: 0, y: 1, text: "张a ", width: 4, style: .text),
        ])
    }

    @Test func applyingTheDiffReproducesTheCanvas() {
        var random = SeededGenerator(state: 7)
        let samples = ["中文", "ab", "🥇", "张伟", "x", "Ｚ"]
        var screen = Canvas(width: 12, height: 4)
        for _ in 0..<200 {
            var next = screen
            for _ in 0..<3 {
                next.put(samples.randomElement(using: &random)!, x: Int.random(in: 0..<12, using: &random),
                         y: Int.random(in: 0..<4, using: &random),
                         style: Bool.random(using: &random) ? .text : Style(.gold))
            }
            // What a terminal does with the runs.
            var replayed = screen
            for change in next.diff(from: screen) {
                replayed.put(change.text, x: change.x, y: change.y, style: change.style)
            }
            #expect(replayed == next)
            screen = next
        }
    }
}
