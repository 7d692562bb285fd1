import Foundation
import PodiumCore

/// The day's tabs: Schedule, Clock and Ceremony.
extension ConsoleModel {
    mutating func dayKey(_ key: Key, now: Date) -> ConsoleKeyResult {
        .none
    }

    mutating func submitDay(_ form: DayForm, _ f: inout ConsoleForm, now: Date) -> ConsoleKeyResult {
        overlay = nil
        return .redraw
    }
}

extension ConsoleScreen {
    static func dayKeys(_ tab: ConsoleTab) -> [(String, Label, Bool)] {
        []
    }

    static func drawSchedule(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        drawRows(m, .schedule, columns: [
            .init(m.t(.consoleDay)), .init(m.t(.time)), .init(m.t(.consoleSite)), .init(m.t(.skill), width: .fill),
            .init(m.t(.station)), .init(m.t(.consoleStatus)),
        ], now: now, empty: .nothingNext, in: area, into: &canvas)
    }

    static func drawClock(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
        guard let closing = m.state.competition?.closing else { return }
        let f = m.formats
        let parts = CountdownParts(from: now, to: closing)
        canvas.put(m.t(.closingAt) + "：" + f.day(closing) + " " + f.hourMinute(closing), x: area.x, y: area.y,
                   style: Style(.headerText, .bold), maxWidth: area.width)
        canvas.put(f.countdown(parts), x: area.x, y: area.y + 1, style: BoardScreen.countdownStyle(parts), maxWidth: area.width)
        let digits = Rect(x: area.x, y: area.y + 3, width: area.width, height: max(0, area.height - 3))
        canvas.render(BigText(f.shortCountdown(parts).replacingOccurrences(of: "天", with: "D"), style: BoardScreen.countdownStyle(parts)),
                      in: digits)
    }

    static func drawCeremony(_ m: ConsoleModel, now: Date, in area: Rect, into canvas: inout Canvas) {
    }
}
