import Foundation
import PodiumCore

/// The marking of a past view, always in both languages (a jury may read either), drawn in the
/// theme's `past` role, which no live screen uses.
public enum PastViewText {
    /// "过去的画面（只读）：截至 2025-06-20 14:05:00，第 1234/9838 条记录 · PAST VIEW (read-only) as of …, record 1234 of 9838"
    public static func line(_ m: PastMoment, timeZone: TimeZone) -> String {
        let t = time(m.time, timeZone)
        return "过去的画面（只读）：截至 \(t)，第 \(m.seq)/\(m.lastSeq) 条记录 · PAST VIEW (read-only) as of \(t), record \(m.seq) of \(m.lastSeq)"
    }

    /// The short form for narrow rows.
    public static func short(_ m: PastMoment, timeZone: TimeZone) -> String {
        "过去 PAST · \(time(m.time, timeZone)) · #\(m.seq)"
    }

    /// The middle form, for an 80-column console or board.
    public static func medium(_ m: PastMoment, timeZone: TimeZone) -> String {
        "过去的画面（只读）PAST VIEW, read-only · 截至 as of \(time(m.time, timeZone)) · #\(m.seq)"
    }

    /// The longest form that fits `width` columns.
    public static func fitting(_ m: PastMoment, timeZone: TimeZone, width: Int) -> String {
        for text in [line(m, timeZone: timeZone), medium(m, timeZone: timeZone)] where TextWidth.width(of: text) <= width { return text }
        return short(m, timeZone: timeZone)
    }

    static func time(_ d: Date, _ tz: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Draws the banner across `row` and gives `header` the past colour, so neither the top nor
    /// the bottom of the screen can be mistaken for a live one.
    public static func mark(_ m: PastMoment, timeZone: TimeZone, banner row: Rect, header: Rect?, into canvas: inout Canvas) {
        if let header { canvas.setStyle(Style(.past), in: header) }
        canvas.fill(row, style: Style(.past))
        let text = fitting(m, timeZone: timeZone, width: row.width)
        let w = TextWidth.width(of: text)
        canvas.put(text, x: row.x + max(0, (row.width - w) / 2), y: row.y, style: Style(.past), maxWidth: row.width)
    }
}
