import Foundation

/// Times as staff type them, in the venue's time zone: `+30` or `+30m` (minutes from now),
/// `+2h`, `15:30` (today), `2025-06-24 15:00`, or RFC 3339 (`2025-06-24T15:00:00+08:00`).
public enum TimeInput {
    public static let accepted = "+MINUTES, +Nh, HH:MM, YYYY-MM-DD HH:MM or an RFC 3339 time"

    public static func parse(_ text: String, now: Date, in tz: TimeZone) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("+") {
            var body = s.dropFirst()
            var unit = 60.0
            if body.hasSuffix("h") { unit = 3600; body = body.dropLast() } else if body.hasSuffix("m") { body = body.dropLast() }
            guard let n = Int(body), n > 0, n <= 100_000 else { return nil }
            return now.addingTimeInterval(Double(n) * unit)
        }
        if let d = Timestamps.parse(s) { return d }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        func hm(_ t: Substring) -> (Int, Int)? {
            let parts = t.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) }),
                  let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
            return (h, m)
        }
        let pieces = s.split(separator: " ", omittingEmptySubsequences: true)
        if pieces.count == 1, let (h, m) = hm(pieces[0]) {
            var c = calendar.dateComponents([.year, .month, .day], from: now)
            c.hour = h; c.minute = m; c.second = 0
            return calendar.date(from: c)
        }
        if pieces.count == 2, let (h, m) = hm(pieces[1]) {
            let ymd = pieces[0].split(separator: "-")
            guard ymd.count == 3, ymd[0].count == 4, let y = Int(ymd[0]), let mo = Int(ymd[1]), let d = Int(ymd[2]),
                  (1...12).contains(mo), (1...31).contains(d) else { return nil }
            let c = DateComponents(year: y, month: mo, day: d, hour: h, minute: m, second: 0)
            guard let date = calendar.date(from: c), calendar.component(.day, from: date) == d else { return nil }
            return date
        }
        return nil
    }
}
