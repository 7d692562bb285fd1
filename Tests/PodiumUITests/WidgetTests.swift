import Testing
@testable import PodiumUI

@Suite("Widgets")
struct WidgetTests {
    @Test func panelWithChineseTitle() {
        let canvas = rendered(Panel(title: "决赛 Final"), width: 20, height: 4)
        #expect(screen(canvas) == """
            ┌─ 决赛 Final ─────┐
            │                  │
            │                  │
            └──────────────────┘
            """)
        #expect(canvas[0, 0].style == Style(.border))
        #expect(canvas[3, 0].style == Style(.headerText, .bold))
        #expect(Panel().inner(of: Rect(x: 2, y: 1, width: 20, height: 4)) == Rect(x: 3, y: 2, width: 18, height: 2))
    }

    @Test func panelTitleIsTruncatedWithoutSplittingWideGlyphs() {
        let canvas = rendered(Panel(title: "上海市职业技能大赛"), width: 12, height: 3)
        #expect(screen(canvas) == """
            ┌─ 上海… ──┐
            │          │
            └──────────┘
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test func tableAlignsChineseAndLatinNames() {
        let table = Table(
            columns: [Table.Column("#", alignment: .right), Table.Column("选手 Name"),
                      Table.Column("得分", alignment: .right)],
            rows: [["1", "张伟", "96.5"], ["2", "Li Na", "94.25"], ["10", "欧阳娜娜", "9"]],
            highlighted: 1)
        let canvas = rendered(table, width: 22, height: 4)
        #expect(screen(canvas) == """
             # 选手 Name  得分
             1 张伟       96.5
             2 Li Na     94.25
            10 欧阳娜娜      9
            """)
        #expect(table.columnWidths(for: 22) == [2, 9, 5])
        #expect((0..<22).allSatisfy { canvas[$0, 2].style == Style(.highlight) })
        #expect(canvas[3, 1].style == .text)
        #expect(canvas[0, 0].style == Style(.headerText, .bold))
    }

    @Test func narrowTableTruncatesTheWidestColumn() {
        let table = Table(
            columns: [Table.Column("选手"), Table.Column("单位"), Table.Column("分", width: .fixed(3), alignment: .right)],
            rows: [["欧阳娜娜", "上海市工贸技师学院", "9.5"], ["Li Na", "徐汇", "10"]],
            showHeader: false)
        // The unit column is cut down to the name column, then the leftmost widest gives.
        #expect(table.columnWidths(for: 20) == [7, 8, 3])
        #expect(screen(rendered(table, width: 20, height: 2)) == """
            欧阳娜… 上海市…  9.5
            Li Na   徐汇      10
            """)
        #expect(table.columnWidths(for: 6) == [1, 1, 2])
    }

    @Test func tableFillColumnsShareTheSpareSpace() {
        let table = Table(columns: [Table.Column("A", width: .fill), Table.Column("B"), Table.Column("C", width: .fill)],
                          rows: [["x", "yy", "z"]])
        #expect(table.columnWidths(for: 12) == [4, 2, 4])
    }

    @Test func tableScrollsToTheHighlightedRow() {
        let rows = (1...10).map { n -> Table.Row in ["\(n)", "选手\(n)"] }
        let table = Table(columns: [Table.Column("#", alignment: .right), Table.Column("Name")],
                          rows: rows, highlighted: 7)
        #expect(screen(rendered(table, width: 10, height: 4)) == """
             # Name
             6 选手6
             7 选手7
             8 选手8
            """)
    }

    @Test func bigTextPicksTheLargestSizeThatFits() {
        let clock = BigText("12:05")
        #expect(clock.size(for: Rect(width: 80, height: 10)) == .block(scale: 2))
        #expect(clock.size(for: Rect(width: 40, height: 6)) == .block(scale: 1))
        #expect(clock.size(for: Rect(width: 20, height: 3)) == .halfBlock)
        #expect(clock.size(for: Rect(width: 12, height: 3)) == .plain)
        #expect(BigText("决赛").size(for: Rect(width: 80, height: 20)) == .plain)

        #expect(screen(rendered(clock, width: 34, height: 5)) == """
              ██    ██████      ██████  ██████
            ████        ██  ██  ██  ██  ██
              ██    ██████      ██  ██  ██████
              ██    ██      ██  ██  ██      ██
            ██████  ██████      ██████  ██████
            """)
        #expect(screen(rendered(clock, width: 17, height: 3)) == """
            ▄█  ▀▀█ ▄ █▀█ █▀▀
             █  █▀▀ ▄ █ █ ▀▀█
            ▀▀▀ ▀▀▀   ▀▀▀ ▀▀▀
            """)
        #expect(screen(rendered(clock, width: 9, height: 3)) == """

              12:05

            """)
    }

    @Test func bigTextLetters() {
        #expect(screen(rendered(BigText("LIVE", alignment: .left), width: 15, height: 3)) == """
            █   ▀█▀ █ █ █▀▀
            █    █  █ █ █▀
            ▀▀▀ ▀▀▀  ▀  ▀▀▀
            """)
        // d, a, y, space, 3: glyph widths plus one blank pixel between glyphs.
        let expectedPixels = 3 + 3 + 3 + 2 + 3 + 4
        #expect(BigText.bitmap("day 3")?.first?.count == expectedPixels)
    }

    @Test func tickerSegmentsKeepTheirStylesAsTheyScroll() {
        let danger = Style(.danger), bar = Style(.tickerBg)
        let ticker = Ticker(segments: [.init("急报", style: danger), .init("ok", style: Style(.warning))],
                            separator: " | ", tick: 0, style: bar)
        // The loop: 急报 (4 columns) | (3) ok (2) | (3): 12 columns.
        let frames = [0, 1, 4, 9, 12].map { tick in
            var moved = ticker
            moved.tick = tick
            return rendered(moved, width: 9, height: 1)
        }
        // A wide glyph cut by either edge shows as a space.
        #expect(frames.map { $0.lines()[0] } == ["急报 | ok", " 报 | ok ", " | ok |  ", " | 急报 |", "急报 | ok"])
        #expect((0..<4).allSatisfy { frames[0][$0, 0].style == danger })
        #expect((4..<7).allSatisfy { frames[0][$0, 0].style == bar })
        #expect((7..<9).allSatisfy { frames[0][$0, 0].style == Style(.warning) })
        // Half of 急 cut by the left edge is a space in the segment's style.
        #expect(frames[1][0, 0].style == danger)
        #expect(frames.allSatisfy { invariantViolation($0) == nil })
        // Drawn once, not scrolling: from a column, without repeating.
        var canvas = Canvas(width: 12, height: 1)
        Ticker.draw(ticker.segments, separator: " | ", separatorStyle: bar, x: 1, in: canvas.bounds, into: &canvas)
        #expect(canvas.lines()[0] == " 急报 | ok  ")
        #expect(canvas[1, 0].style == danger && canvas[5, 0].style == bar && canvas[8, 0].style == Style(.warning))
    }

    @Test func tickerScrollsWithoutSplittingWideGlyphs() {
        let ticker = Ticker("欢迎 Welcome", separator: " | ")
        let frames = [0, 1, 2, 13, 15].map { tick in
            var moved = ticker
            moved.tick = tick
            return rendered(moved, width: 12, height: 1)
        }
        #expect(frames.map { $0.lines()[0] } == [
            "欢迎 Welcome",
            " 迎 Welcome ",
            "迎 Welcome |",
            "| 欢迎 Welco",
            "欢迎 Welcome",
        ])
        #expect(frames.allSatisfy { invariantViolation($0) == nil })
        #expect(frames[1][0, 0].style == Style(.tickerBg))
        var backwards = ticker
        backwards.tick = -1
        #expect(rendered(backwards, width: 12, height: 1).lines() == [" 欢迎 Welcom"])
    }

    @Test func gaugeShowsEighthsAndPercentage() {
        #expect(rendered(Gauge(ratio: 0.5), width: 20, height: 1).lines() == ["████████░░░░░░░░ 50%"])
        #expect(rendered(Gauge(ratio: 0.47), width: 20, height: 1).lines() == ["███████▌░░░░░░░░ 47%"])
        #expect(rendered(Gauge(ratio: 0.999), width: 10, height: 1).lines() == ["█████▉ 99%"])
        #expect(rendered(Gauge(ratio: 2), width: 10, height: 1).lines() == ["█████ 100%"])
        #expect(rendered(Gauge(ratio: .nan), width: 8, height: 1).lines() == ["░░░░░ 0%"])
        #expect(rendered(Gauge(ratio: 0.25, label: "已评 2/8"), width: 16, height: 1).lines() == ["█▊░░░░░ 已评 2/8"])
        // No room for the label: the bar alone.
        #expect(rendered(Gauge(ratio: 0.5), width: 4, height: 1).lines() == ["██░░"])
        let canvas = rendered(Gauge(ratio: 0.5), width: 20, height: 1)
        #expect(canvas[0, 0].style == Style(.accent) && canvas[10, 0].style == Style(.muted))
    }

    @Test func keyHelpBarDropsWholeItemsThatDoNotFit() {
        let bar = KeyHelpBar([.init("q", "退出"), .init("?", "帮助"), .init("↑↓", "选择")])
        #expect(rendered(bar, width: 24, height: 1).lines() == ["q 退出  ? 帮助  ↑↓ 选择 "])
        let narrow = rendered(bar, width: 20, height: 1)
        #expect(narrow.lines() == ["q 退出  ? 帮助      "])
        #expect(narrow[0, 0].style == Style(.accent, .bold))
        #expect(narrow[2, 0].style == Style(.muted))
    }

    @Test func modalIsCentredWithWrappedMessageAndButtons() {
        var canvas = Canvas(width: 40, height: 9)
        canvas.fill(canvas.bounds, with: ".")
        canvas.render(Modal(title: "确认 Confirm", message: ["撤销 张伟 的成绩？此操作会记录在日志中。"],
                            buttons: ["确定 OK", "取消"], selectedButton: 1, maxWidth: 30),
                      in: canvas.bounds)
        #expect(screen(canvas) == """
            ........................................
            .....┌─ 确认 Confirm ─────────────┐.....
            .....│ 撤销 张伟 的成绩？此操作会 │.....
            .....│ 记录在日志中。             │.....
            .....│                            │.....
            .....│   [ 确定 OK ]  [ 取消 ]    │.....
            .....└────────────────────────────┘.....
            ........................................
            ........................................
            """)
        #expect(canvas[22, 5].style == Style(.highlight))
        #expect(canvas[9, 5].style == Style(.accent))
    }

    @Test func textFieldEditsByCharacterAndPlacesTheCursorByWidth() {
        var field = TextField(placeholder: "姓名 Name")
        #expect(rendered(field, width: 12, height: 1).lines() == ["姓名 Name   "])
        field.insert("张伟")
        #expect(field.cursor == 2 && field.cursorColumn == 4)
        field.insert(" Li")
        field.moveLeft()
        field.moveLeft()
        field.moveLeft()
        field.insert("-")
        #expect(field.text == "张伟- Li")
        #expect(field.cursorColumn == 5)
        field.backspace()
        field.deleteForward()
        #expect(field.text == "张伟Li")
        field.moveHome()
        field.deleteForward()
        #expect(field.text == "伟Li" && field.cursor == 0)
        field.moveEnd()
        #expect(field.cursor == 3 && field.cursorColumn == 4)
        field.moveRight()
        #expect(field.cursor == 3)
        field.backspace()
        field.insert("e")
        field.insert("\u{301}")
        #expect(field.text == "伟Lé" && field.cursor == 3 && field.cursorColumn == 4)

        let canvas = rendered(field, width: 8, height: 1)
        #expect(canvas.lines() == ["伟Lé    "])
        #expect(canvas[4, 0].style.attributes.contains(.reverse))
        #expect(!canvas[3, 0].style.attributes.contains(.reverse))
        #expect(field.cursorPosition(in: Rect(x: 10, y: 5, width: 8, height: 1)) == (14, 5))
    }

    @Test func textFieldScrollsToKeepTheCursorVisible() {
        var field = TextField(text: "上海市职业技能")
        #expect(field.cursorColumn == 14)
        let end = rendered(field, width: 6, height: 1)
        #expect(end.lines() == [" 技能 "])
        #expect(field.cursorPosition(in: Rect(width: 6, height: 1)).x == 5)
        field.moveHome()
        field.moveRight()
        let start = rendered(field, width: 6, height: 1)
        #expect(start.lines() == ["上海市"])
        #expect(start[2, 0].style.attributes.contains(.reverse) && start[3, 0].style.attributes.contains(.reverse))
        #expect(invariantViolation(end) == nil && invariantViolation(start) == nil)
    }

    @Test func textFieldSanitizesLimitsAndMasks() {
        var field = TextField(maxLength: 4)
        field.insert("\u{1B}[2J12\u{7}34")
        #expect(field.text == "[2J1")
        var pin = TextField(text: "1234", isSecure: true)
        #expect(rendered(pin, width: 6, height: 1).lines() == ["••••  "])
        pin.clear()
        #expect(pin.text.isEmpty && pin.cursor == 0)
    }

    @Test func scrollListKeepsTheSelectionVisible() {
        var list = ScrollList(items: (1...10).map { ScrollList.Item("第\($0)组 Group \($0)") })
        for _ in 0..<5 { list.move(.down, viewport: 4) }
        #expect(list.selection == 5 && list.offset == 2)
        #expect(screen(rendered(list, width: 17, height: 4)) == """
              第3组 Group 3 ▲
              第4组 Group 4
              第5组 Group 5
            ▶ 第6组 Group 6 ▼
            """)
        list.move(.pageDown, viewport: 4)
        #expect(list.selection == 8 && list.offset == 5)
        list.move(.last, viewport: 4)
        #expect(list.selection == 9 && list.offset == 6)
        list.move(.down, viewport: 4)
        #expect(list.selection == 9)
        list.move(.pageUp, viewport: 4)
        #expect(list.selection == 6 && list.offset == 6)
        list.move(.up, viewport: 4)
        #expect(list.selection == 5 && list.offset == 5)
        list.move(.first, viewport: 4)
        #expect(list.selection == 0 && list.offset == 0)
        list.items = ["only"]
        #expect(list.selection == 0)
        list.items = []
        #expect(list.selection == nil)
        list.move(.down, viewport: 4)
        #expect(list.selection == nil)
    }
}
