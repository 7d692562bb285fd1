import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The console's Schedule, Clock and Ceremony tabs, driven by keys on the board's bench
/// (Saturday 21 June 2025, 10:00 in Shanghai). Every change goes through the core; the
/// warnings are the core's `scheduleWarnings()`, in the console's words.
@Suite("Console day tabs")
struct ConsoleDayTests {
    /// Moves S04-final to S02-final's station, then delays S02-final by two hours so it runs
    /// 30 minutes into S04-final.
    func overrun() -> ConsoleHarness {
        var h = ConsoleHarness(boardBench(), tab: .schedule)
        h.press(.down, .down, .down)                 // S04-final (expo, 13:30)
        #expect(h.model.selectedID(.schedule, now: h.now) == "S04-final")
        h.press(.char("m"), .left, .tab, .ctrl("u"))
        h.type("2号馆 B区")
        h.press(.enter)
        guard case let .sessionMoved(move) = h.bench.records.last?.event else { Issue.record("not moved"); return h }
        #expect(move.site == "main" && move.station == "2号馆 B区")
        #expect(h.model.selectedID(.schedule, now: h.now) == "S04-final", "the selection follows the session")
        h.press(.up)                                 // S02-final, 08:30 at the same station now
        #expect(h.model.selectedID(.schedule, now: h.now) == "S02-final")
        h.press(.char("d"))
        h.type("120")
        h.press(.enter)
        return h
    }

    @Test("delay into the next session: the warning is shown, at 80×24 and 200×60")
    func delayOverrun() {
        let h = overrun()
        #expect(h.bench.records.last?.event == .sessionDelayed(SessionDelay(session: "S02-final", minutes: 120)))
        #expect(h.model.state.scheduleWarnings() == [.delayOverrun(delayed: "S02-final", next: "S04-final", site: "main", station: "2号馆 B区", minutes: 30)])
        expectGolden(h.canvas(width: 80, height: 24), "schedule-overrun-80x24")
        expectGolden(h.canvas(width: 200, height: 60), "schedule-overrun-200x60")
    }

    @Test("delay: a number the core refuses, and text that is not a number")
    func delayRefused() {
        var h = ConsoleHarness(boardBench(), tab: .schedule)
        let before = h.bench.records.count
        h.press(.down, .char("d"))
        h.type("十五")
        h.press(.enter)
        guard case let .form(form) = h.model.overlay else { Issue.record("the form closed"); return }
        #expect(form.problem?.contains("不是分钟数") == true)
        h.press(.ctrl("u"))
        h.type("0")
        h.press(.enter)
        #expect(h.bench.records.count == before)
        expectGolden(h.canvas(width: 80, height: 24), "refusal-delay-zero-80x24")
    }

    @Test("start, finish and cancel; a cancel without a reason is refused")
    func startFinishCancel() {
        var h = ConsoleHarness(boardBench(), tab: .schedule)
        h.press(.down)                               // S02-final
        h.press(.char("s"), .enter)
        #expect(h.model.state.sessionState("S02-final")?.status == .live)
        h.press(.char("e"), .enter)
        #expect(h.model.state.sessionState("S02-final")?.status == .finished)
        h.press(.end)                                // S01-final-2, on the 22nd
        let before = h.bench.records.count
        h.press(.char("x"), .enter)
        #expect(h.bench.records.count == before, "no reason: refused")
        guard case .message(_, _, true) = h.model.overlay else { Issue.record("no refusal"); return }
        h.press(.escape, .char("x"))
        h.type("场地检修")
        h.press(.enter)
        #expect(h.model.state.sessionState("S01-final-2")?.status == .cancelled)
        expectGolden(h.canvas(width: 80, height: 24), "schedule-started-cancelled-80x24")
        h.press(.enter)
        expectGolden(h.canvas(width: 80, height: 24), "schedule-detail-80x24")
    }

    @Test("clock: move the closing ceremony and pause the countdown")
    func clock() {
        var h = ConsoleHarness(boardBench(), tab: .clock)
        h.press(.char("c"))
        h.type("2025-06-24 16:00")
        h.press(.enter)
        #expect(h.model.state.closing == boardTime(day: 24, 16, 0))
        h.press(.char("p"))
        #expect(h.model.state.clock.paused)
        h.now = h.now.addingTimeInterval(3600)       // an hour later the countdown still holds
        expectGolden(h.canvas(width: 80, height: 24), "clock-moved-paused-80x24")
        expectGolden(h.canvas(width: 200, height: 60), "clock-moved-paused-200x60")
        h.press(.char("p"))
        #expect(!h.model.state.clock.paused)
    }

    @Test("ceremony: start, the hall's step and the presenter's preview, back, the end")
    func ceremony() {
        var h = ConsoleHarness(boardBench(), tab: .ceremony)
        expectGolden(h.canvas(width: 80, height: 24), "ceremony-not-started-80x24")
        h.press(.char("s"), .enter)
        #expect(h.model.state.ceremony.running)
        h.press(.right)                              // the bronze
        #expect(h.model.state.ceremony.current == 1)
        expectGolden(h.canvas(width: 80, height: 24), "ceremony-bronze-80x24")
        expectGolden(h.canvas(width: 200, height: 60), "ceremony-bronze-200x60")
        h.press(.left)
        #expect(h.model.state.ceremony.current == 0)
        h.press(.left)                               // before the opening: the core refuses
        guard case let .message(_, lines, true) = h.model.overlay else { Issue.record("no refusal"); return }
        #expect(lines.first?.contains("opening step") == true)
        h.press(.escape, .char("e"), .enter)
        #expect(!h.model.state.ceremony.running)
    }
}
