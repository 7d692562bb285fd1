import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The board's behaviour: the rotation, keys, kiosk mode, deadlines, the countdown's colours,
/// the site filter, hostile names, and the labels in both languages.
@Suite("Board model and keys")
struct BoardModelTests {
    let bench = boardBench()

    @Test("Pages: countdown, schedule, medal tables, then each official skill; --site keeps its own skills")
    func pages() {
        let m = boardModel(bench)
        #expect(m.pages == [.countdown, .schedule, .medals, .skill("S01"), .skill("S02"), .skill("S04")])
        let expo = boardModel(bench, site: "expo")
        #expect(expo.pages == [.countdown, .schedule, .medals, .skill("S04")])
        let header = boardCanvas(expo, width: 80, height: 24).lines()[0]
        #expect(header.contains("世博展览馆分赛区 · 6月21日 星期六 10:00:00"))
        let schedule = screen(boardCanvas(boardModel(bench, page: .schedule, site: "expo"), width: 80, height: 24))
        #expect(schedule.contains("网络安全") && !schedule.contains("焊接"))
    }

    @Test("The page turns after page-seconds, not while paused or while a box is open")
    func rotation() {
        var m = boardModel(bench)
        #expect(m.nextPageTurn() == boardNow.addingTimeInterval(10))
        let r1 = m.advance(to: boardNow.addingTimeInterval(9.9))
        #expect(!r1)
        #expect(m.page == .countdown)
        let r2 = m.advance(to: boardNow.addingTimeInterval(10))
        #expect(r2)
        #expect(m.page == .schedule)
        #expect(m.pageStarted == boardNow.addingTimeInterval(10))

        let r3 = m.handle(.char(" "), now: boardNow.addingTimeInterval(11))
        #expect(r3 == .redraw)
        #expect(m.paused && m.nextPageTurn() == nil)
        let r4 = m.advance(to: boardNow.addingTimeInterval(100))
        #expect(!r4)
        #expect(m.page == .schedule)
        _ = m.handle(.char(" "), now: boardNow.addingTimeInterval(100))
        #expect(!m.paused && m.nextPageTurn() == boardNow.addingTimeInterval(110))

        _ = m.handle(.char("?"), now: boardNow.addingTimeInterval(101))
        #expect(m.nextPageTurn() == nil)
        let r5 = m.advance(to: boardNow.addingTimeInterval(200))
        #expect(!r5)
    }

    @Test("At the closing moment the board goes to the closing-ceremony page")
    func closingJump() {
        var m = boardModel(bench, page: .medals, now: boardClosing.addingTimeInterval(-2))
        m.paused = true
        let r6 = m.advance(to: boardClosing.addingTimeInterval(-1))
        #expect(!r6)
        let r7 = m.advance(to: boardClosing)
        #expect(r7)
        #expect(m.page == .countdown)
        let text = screen(boardCanvas(m, width: 80, height: 24, now: boardClosing))
        #expect(text.contains("┌─ 闭幕式 ─") && text.contains("闭幕式进行中"))
        // Once past, the rotation goes on as usual.
        _ = m.handle(.right, now: boardClosing.addingTimeInterval(5))
        let r8 = m.advance(to: boardClosing.addingTimeInterval(6))
        #expect(!r8)
        #expect(m.page == .schedule)
    }

    @Test("Keys: → n and ← p turn pages (wrapping), space pauses, ? helps, q quits")
    func keys() {
        var m = boardModel(bench)
        let t = boardNow
        let r9 = m.handle(.right, now: t)
        #expect(r9 == .redraw && m.page == .schedule)
        let r10 = m.handle(.char("n"), now: t)
        #expect(r10 == .redraw && m.page == .medals)
        let r11 = m.handle(.char("p"), now: t)
        #expect(r11 == .redraw && m.page == .schedule)
        let r12 = m.handle(.left, now: t)
        #expect(r12 == .redraw && m.page == .countdown)
        let r13 = m.handle(.left, now: t)
        #expect(r13 == .redraw && m.page == .skill("S04"), "wraps to the last page")
        let r14 = m.handle(.right, now: t)
        #expect(r14 == .redraw && m.page == .countdown)
        let r15 = m.handle(.char("x"), now: t)
        #expect(r15 == .none)
        let r16 = m.handle(.resize, now: t)
        #expect(r16 == .redraw)
        let r17 = m.handle(.char("?"), now: t)
        #expect(r17 == .redraw && m.overlay == .help)
        let r18 = m.handle(.escape, now: t)
        #expect(r18 == .redraw && m.overlay == nil)
        let r19 = m.handle(.char("?"), now: t)
        #expect(r19 == .redraw)
        let r20 = m.handle(.char("q"), now: t)
        #expect(r20 == .quit)
        m.overlay = nil
        let r21 = m.handle(.char("q"), now: t)
        #expect(r21 == .quit)
    }

    @Test("s opens the skill picker on the current skill; ↑↓ move, Enter jumps, Esc closes")
    func picker() {
        var m = boardModel(bench, page: .skill("S02"))
        let t = boardNow.addingTimeInterval(3)
        _ = m.handle(.char("s"), now: t)
        #expect(m.overlay == .skillPicker(selection: 1))
        _ = m.handle(.down, now: t)
        _ = m.handle(.down, now: t)
        #expect(m.overlay == .skillPicker(selection: 2), "stops at the last skill")
        _ = m.handle(.up, now: t)
        _ = m.handle(.up, now: t)
        let r22 = m.handle(.enter, now: t)
        #expect(r22 == .redraw)
        #expect(m.overlay == nil && m.page == .skill("S01") && m.pageStarted == t)
        _ = m.handle(.char("s"), now: t)
        _ = m.handle(.end, now: t)
        _ = m.handle(.escape, now: t)
        #expect(m.overlay == nil && m.page == .skill("S01"))
    }

    @Test("Kiosk: every key is ignored until podium + Enter; then k locks again")
    func kiosk() {
        var m = boardModel(bench, kiosk: true)
        let t = boardNow
        #expect(m.locked)
        for key in [Key.char("q"), .right, .char(" "), .char("?"), .char("s"), .escape, .ctrl("c"), .enter] {
            let r23 = m.handle(key, now: t)
            #expect(r23 == .none)
        }
        #expect(m.page == .countdown && !m.paused && m.overlay == nil)
        let r24 = m.handle(.resize, now: t)
        #expect(r24 == .redraw)
        for c in "podiun" { _ = m.handle(.char(c), now: t) }
        let r25 = m.handle(.enter, now: t)
        #expect(r25 == .none && m.locked, "a typo does not unlock")
        for c in "xxPodium" { _ = m.handle(.char(c), now: t) }
        let r26 = m.handle(.enter, now: t)
        #expect(r26 == .redraw)
        #expect(!m.locked)
        #expect(screen(boardCanvas(m, width: 80, height: 24)).contains("已解锁：按 k 重新锁定"))
        let r27 = m.handle(.right, now: t)
        #expect(r27 == .redraw && m.page == .schedule)
        let r28 = m.handle(.char("k"), now: t)
        #expect(r28 == .redraw && m.locked)
        let r29 = m.handle(.char("q"), now: t)
        #expect(r29 == .none)
        // Without --kiosk, k does nothing.
        var open = boardModel(bench)
        let r30 = open.handle(.char("k"), now: t)
        #expect(r30 == .none && !open.locked)
        // The key bar shows no keys while locked.
        let bar = boardCanvas(m, width: 80, height: 24).lines()[23]
        #expect(!bar.contains("退出") && bar.contains("展台模式"))
    }

    @Test("Deadlines: the next clock second, the page turn, and 4 ticker steps a second while it scrolls")
    func deadlines() {
        var m = boardModel(bench)
        let t = boardNow.addingTimeInterval(0.3)
        // The fixture's ticker is wider than 80 columns: it scrolls.
        #expect(BoardScreen.tickerScrolls(m, width: 80, now: t))
        #expect(BoardScreen.nextDeadline(m, width: 80, height: 24, after: t) == boardNow.addingTimeInterval(0.5))
        // At 400 columns it fits, stands still, and only the clock asks for frames.
        #expect(!BoardScreen.tickerScrolls(m, width: 400, now: t))
        #expect(BoardScreen.nextDeadline(m, width: 400, height: 60, after: t) == boardNow.addingTimeInterval(1))
        // A page turn sooner than that comes first.
        m.pageStarted = boardNow.addingTimeInterval(-9.5)
        #expect(BoardScreen.nextDeadline(m, width: 400, height: 60, after: t) == boardNow.addingTimeInterval(0.5))
        // Below the minimum size there is no ticker.
        #expect(BoardScreen.nextDeadline(boardModel(bench), width: 60, height: 20, after: t) == boardNow.addingTimeInterval(1))
    }

    @Test("Between clock seconds only the ticker row changes")
    func tickerOnly() {
        let m = boardModel(bench)
        for (w, h) in [(80, 24), (200, 60)] {
            let a = boardCanvas(m, width: w, height: h, now: boardNow.addingTimeInterval(0.1))
            let b = boardCanvas(m, width: w, height: h, now: boardNow.addingTimeInterval(0.6))
            let changes = b.diff(from: a)
            // At 80 columns the ticker scrolls; at 200 it fits and stands still.
            #expect(changes.isEmpty == (w == 200))
            #expect(changes.allSatisfy { $0.y == h - 2 })
            // And the split rendering the controller caches gives the same frame.
            var split = BoardScreen.renderWithoutTicker(m, theme: .builtIn, width: w, height: h, now: boardNow.addingTimeInterval(0.6))
            BoardScreen.drawTicker(m, now: boardNow.addingTimeInterval(0.6), into: &split)
            #expect(split == b)
        }
    }

    @Test("The countdown: accent colour, the warning colour in the last ten minutes, the live colour at zero")
    func countdownColours() {
        let m = boardModel(bench)
        func digitStyle(_ now: Date) -> Style? {
            let c = boardCanvas(m, width: 80, height: 24, now: now)
            for y in 4..<9 { for x in 0..<80 where c[x, y].grapheme == "█" { return c[x, y].style } }
            return nil
        }
        #expect(digitStyle(boardClosing.addingTimeInterval(-601)) == Style(.accent, .bold))
        #expect(digitStyle(boardClosing.addingTimeInterval(-600)) == Style(.warning, .bold))
        let last = boardCanvas(m, width: 80, height: 24, now: boardClosing.addingTimeInterval(-599.5))
        #expect(last.lines()[1].contains("距闭幕式还有 00 小时 10 分 00 秒"), "whole seconds, rounded up")
        #expect(last[40, 1].style == Style(.warning, .bold))
        #expect(CountdownParts(from: boardClosing.addingTimeInterval(-0.2), to: boardClosing).clock == "00:00:01")
        #expect(CountdownParts(from: boardClosing, to: boardClosing).totalSeconds == 0)
        let zero = boardCanvas(m, width: 80, height: 24, now: boardClosing)
        #expect(zero.lines()[1].contains("闭幕式进行中"))
        #expect(zero[40, 1].style == Style(.live, .bold))
    }

    @Test("Medals are named in text and coloured by role; provisional rows use the provisional role")
    func styles() {
        let c = boardCanvas(boardModel(bench, page: .skill("S01")), width: 80, height: 24)
        #expect(c.lines()[6].contains("金牌  张伟"))
        #expect(c[8, 6].style == MedalBadge.gold.style)
        #expect(c[8, 7].style == MedalBadge.silver.style)
        #expect(c[8, 8].style == MedalBadge.bronze.style)
        #expect(c[0, 0].style.role == .header)
        #expect(c[0, 22].style == Style(.tickerBg))
    }

    @Test("An urgent announcement comes first in the ticker, in the danger colour; the other items keep theirs")
    func urgent() throws {
        var b = boardBench()
        try b.run(.announce(text: "请观众从东侧安全出口有序离场", priority: .urgent, until: nil), boardStaff)
        try b.run(.announce(text: "领队会议改到16:30", priority: .high, until: nil), boardStaff)
        let m = boardModel(b)
        let items = m.tickerItems(now: boardNow)
        #expect(items.first == TickerItem("【紧急】请观众从东侧安全出口有序离场", urgent: true))
        #expect(items.map(\.style) == [Style(.danger), Style(.warning), Style(.tickerBg), Style(.tickerBg)])
        // 200 columns: everything fits, centred; each item in its own style.
        let big = boardCanvas(m, width: 200, height: 60)
        let row = big.lines()[58]
        func styles(of text: String) -> Set<Style> {
            guard let range = row.range(of: text) else { return [] }
            let x = TextWidth.width(of: String(row[..<range.lowerBound]))
            return Set((x..<(x + TextWidth.width(of: text))).map { big[$0, 58].style })
        }
        #expect(styles(of: "【紧急】请观众从东侧安全出口有序离场") == [Style(.danger)])
        #expect(styles(of: "【重要】领队会议改到16:30") == [Style(.warning)])
        #expect(styles(of: "15:00 在主赛区举行技能展示互动活动") == [Style(.tickerBg)])
        #expect(styles(of: "   ◆   ") == [Style(.tickerBg)])
        #expect(big[0, 58].style == Style(.tickerBg) && big[199, 58].style == Style(.tickerBg))
        // 80 columns, scrolling: the urgent text is narrower than the row, so the row is never
        // all red; every cell is in one of the items' styles.
        let small = boardCanvas(m, width: 80, height: 24)
        let rowStyles = (0..<80).map { small[$0, 22].style }
        #expect(rowStyles.contains(Style(.tickerBg)))
        #expect(Set(rowStyles).isSubset(of: [Style(.danger), Style(.warning), Style(.tickerBg)]))
        var en = m
        en.options.lang = .en
        #expect(en.tickerItems(now: boardNow).first?.text == "URGENT: 请观众从东侧安全出口有序离场")
    }

    @Test("A delayed session about to start is in the delayed colour in the ticker, the others in the ticker's")
    func delayedSessionInTicker() throws {
        var b = boardBench()
        b.now = boardTime(day: 21, 13, 0)
        try b.run(.delaySession("S04-final", minutes: 20), boardStaff)
        let at = boardTime(day: 21, 13, 40)
        let items = boardModel(b, now: at).tickerItems(now: at)
        let delayed = items.first { $0.text.contains("网络安全") }
        #expect(delayed?.text.contains("13:50") == true)
        #expect(delayed?.style == Style(.delayed))
        #expect(items.filter { !$0.text.contains("网络安全") }.allSatisfy { $0.style == Style(.tickerBg) })
    }

    @Test("The ticker: sessions starting and ending soon, and a welcome when there is nothing else")
    func tickerSessions() {
        let m = boardModel(bench, site: "expo")
        let at = boardTime(day: 21, 13, 20)
        let texts = m.tickerItems(now: at).map(\.text)
        #expect(texts.contains("即将开始 13:30：网络安全 · 决赛 · 1号展厅 A区"))
        let later = m.tickerItems(now: boardTime(day: 21, 16, 20)).map(\.text)
        #expect(later.contains("即将结束 16:30：非遗面塑展示 · 展示赛 · 3号展厅"))
        let quiet = BoardModel(state: BoardBench(boardDefinition()).state, now: boardNow, options: BoardOptions(lang: .en))
        #expect(quiet.tickerItems(now: boardTime(day: 23, 20, 0)).map(\.text) == ["Welcome to 2nd Shanghai Vocational Skills Competition"])
    }

    @Test("Names and messages from the data reach the canvas without control characters")
    func hostileNames() {
        var b = boardBench()
        let evil = "\u{1B}[2J\u{1B}]0;pwned\u{07}恶意\u{202E}选手\u{9B}31m"
        // Straight into the fold, as a damaged or hostile log would carry them.
        let events: [Event] = [
            .competitorRegistered(Competitor(id: "C9", name: evil, delegation: "JD", skill: "S01")),
            .announcementPosted(Announcement(id: "A9", text: "公告\u{1B}[31m红字\u{0D}\u{0A}第二行", priority: .normal)),
        ]
        for e in events {
            let r = EventRecord(seq: b.state.lastSeq + 1, time: b.now, actor: "test:t", event: e)
            b.state.apply(r)
            b.records.append(r)
        }
        for page in [BoardPage.skill("S01"), .countdown] {
            let m = boardModel(b, page: page)
            let everything = BoardPolicyTests.everything(m, now: boardNow)
            #expect(everything.contains("恶意选手") || page == .countdown)
            let canvas = boardCanvas(m, width: 200, height: 60)
            for y in 0..<canvas.height {
                for x in 0..<canvas.width {
                    #expect(!canvas[x, y].grapheme.unicodeScalars.contains(where: isForbidden), "(\(x), \(y))")
                }
            }
            #expect(invariantViolation(canvas) == nil)
        }
    }

    @Test("Every label exists in Chinese and in English")
    func labels() {
        for label in Label.allCases {
            #expect(!label.text(.zh).isEmpty, "\(label) zh")
            #expect(!label.text(.en).isEmpty, "\(label) en")
            // A pure layout ("{1} · {2}": placeholders and punctuation, no words) is the same
            // in both languages; anything with words in it must be translated.
            let words = label.text(.en).replacingOccurrences(of: #"\{\d+\}"#, with: "", options: .regularExpression)
            if words.contains(where: \.isLetter) {
                #expect(label.text(.zh) != label.text(.en), "\(label) is not translated")
            }
        }
        let f = Formats(lang: .en, timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(f.timeLeft(seconds: 61) == "2 min left")
        #expect(f.timeLeft(seconds: 3600) == "1 h 00 min left")
        #expect(f.when(boardTime(day: 22, 8, 30), now: boardNow) == "tomorrow 08:30")
        #expect(f.when(boardTime(day: 23, 8, 30), now: boardNow) == "23 Jun 08:30")
        #expect(Formats(lang: .zh, timeZone: f.timeZone).timeLeft(seconds: 3599) == "还剩 1小时00分")
        #expect(Formats(lang: .zh, timeZone: f.timeZone).timeLeft(seconds: 3540) == "还剩 59分")
    }
}
