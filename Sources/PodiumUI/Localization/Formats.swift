import Foundation
import PodiumCore

/// Time left until a moment, split for display: whole seconds, rounded up, so the display
/// reads 00:00:01 until the very moment and 00:00:00 only at it.
public struct CountdownParts: Hashable, Sendable {
    public var totalSeconds: Int
    public var days: Int { totalSeconds / 86_400 }
    public var hours: Int { totalSeconds % 86_400 / 3600 }
    public var minutes: Int { totalSeconds % 3600 / 60 }
    public var seconds: Int { totalSeconds % 60 }

    public init(totalSeconds: Int) { self.totalSeconds = max(0, totalSeconds) }

    public init(from now: Date, to moment: Date) {
        let left = moment.timeIntervalSince(now)
        self.init(totalSeconds: left <= 0 ? 0 : Int(left.rounded(.up)))
    }

    /// `HH:MM:SS` (hours within the day).
    public var clock: String { "\(Formats.two(hours)):\(Formats.two(minutes)):\(Formats.two(seconds))" }
}

/// Texts with numbers, dates and times in them, in one language and the venue's time zone.
/// Dates are formatted here by hand (no locale data), so they read the same on every machine.
public struct Formats: Sendable {
    public let lang: Language
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(lang: Language, timeZone: TimeZone) {
        self.lang = lang
        self.timeZone = timeZone
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        calendar = c
    }

    public func label(_ l: Label) -> String { l.text(lang) }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private func parts(_ d: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: d)
    }

    /// `14:03:07`.
    public func clock(_ d: Date) -> String {
        let p = parts(d)
        return "\(Self.two(p.hour ?? 0)):\(Self.two(p.minute ?? 0)):\(Self.two(p.second ?? 0))"
    }

    /// `14:03`.
    public func hourMinute(_ d: Date) -> String {
        let p = parts(d)
        return "\(Self.two(p.hour ?? 0)):\(Self.two(p.minute ?? 0))"
    }

    static let weekdaysZh = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"]
    static let weekdaysEn = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthsEn = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `6月21日 星期六` / `Sat 21 Jun`.
    public func day(_ d: Date) -> String {
        let p = parts(d)
        let w = ((p.weekday ?? 1) - 1 + 7) % 7
        switch lang {
        case .zh: return "\(p.month ?? 1)月\(p.day ?? 1)日 \(Self.weekdaysZh[w])"
        case .en: return "\(Self.weekdaysEn[w]) \(p.day ?? 1) \(Self.monthsEn[((p.month ?? 1) - 1) % 12])"
        }
    }

    /// `6月21日` / `21 Jun`.
    public func shortDay(_ d: Date) -> String {
        let p = parts(d)
        switch lang {
        case .zh: return "\(p.month ?? 1)月\(p.day ?? 1)日"
        case .en: return "\(p.day ?? 1) \(Self.monthsEn[((p.month ?? 1) - 1) % 12])"
        }
    }

    /// A start time relative to `now`: `14:00` today, `明天 08:30`, `6月23日 08:30`.
    public func when(_ d: Date, now: Date) -> String {
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: d)).day ?? 0
        switch days {
        case 0: return hourMinute(d)
        case 1: return label(.tomorrow) + " " + hourMinute(d)
        default: return shortDay(d) + " " + hourMinute(d)
        }
    }

    /// `08:30–12:00`.
    public func span(_ from: Date, _ to: Date) -> String { hourMinute(from) + "–" + hourMinute(to) }

    /// The countdown in words: `距闭幕式还有 3 天 04 小时 12 分 33 秒` /
    /// `Closing ceremony in 3 days 04 h 12 min 33 s`; days left out when there are none.
    public func countdown(_ c: CountdownParts) -> String {
        if c.totalSeconds == 0 { return label(.closingCeremonyNow) }
        let (h, m, s) = (Self.two(c.hours), Self.two(c.minutes), Self.two(c.seconds))
        switch lang {
        case .zh:
            return "距闭幕式还有 " + (c.days > 0 ? "\(c.days) 天 " : "") + "\(h) 小时 \(m) 分 \(s) 秒"
        case .en:
            let days = c.days == 1 ? "1 day " : "\(c.days) days "
            return "Closing ceremony in " + (c.days > 0 ? days : "") + "\(h) h \(m) min \(s) s"
        }
    }

    /// The countdown in a few columns: `3天 04:12:33` / `3d 04:12:33`.
    public func shortCountdown(_ c: CountdownParts) -> String {
        guard c.days > 0 else { return c.clock }
        return "\(c.days)" + (lang == .zh ? "天 " : "d ") + c.clock
    }

    /// Time left of a session, in whole minutes rounded up: `还剩 1小时05分` / `1 h 05 min left`.
    public func timeLeft(seconds: Int) -> String {
        let minutes = max(0, (seconds + 59) / 60)
        let (h, m) = (minutes / 60, minutes % 60)
        switch lang {
        case .zh: return h > 0 ? "还剩 \(h)小时\(Self.two(m))分" : "还剩 \(m)分"
        case .en: return h > 0 ? "\(h) h \(Self.two(m)) min left" : "\(m) min left"
        }
    }

    /// `评分中 62%` / `marking 62%`.
    public func marking(_ percent: Int) -> String {
        lang == .zh ? "评分中 \(percent)%" : "marking \(percent)%"
    }

    /// `16 名选手` / `16 competitors`.
    public func competitors(_ n: Int) -> String {
        lang == .zh ? "\(n) 名选手" : (n == 1 ? "1 competitor" : "\(n) competitors")
    }

    /// `…另有 3 名` / `… and 3 more`.
    public func more(_ n: Int) -> String {
        lang == .zh ? "…另有 \(n) 名" : "… and \(n) more"
    }

    /// `第 3/27 页` / `page 3/27`.
    public func page(_ i: Int, of n: Int) -> String {
        lang == .zh ? "第 \(i)/\(n) 页" : "page \(i)/\(n)"
    }

    public func rotation(seconds: Int) -> String {
        label(.helpRotation).replacingOccurrences(of: "%d", with: "\(seconds)")
    }

    /// The message shown below the minimum size.
    public func tooSmall(width: Int, height: Int, minWidth: Int, minHeight: Int) -> String {
        var text = label(.tooSmall)
        for n in [minWidth, minHeight, width, height] {
            if let r = text.range(of: "%d") { text.replaceSubrange(r, with: "\(n)") }
        }
        return text
    }

    /// A medal's name: `金牌` / `Gold`; `short` gives one character (`金` / `G`).
    public func medal(_ m: Medal, short: Bool = false) -> String {
        switch (m, short) {
        case (.gold, false): label(.gold)
        case (.silver, false): label(.silver)
        case (.bronze, false): label(.bronze)
        case (.excellence, false): label(.excellence)
        case (.gold, true): label(.goldShort)
        case (.silver, true): label(.silverShort)
        case (.bronze, true): label(.bronzeShort)
        case (.excellence, true): label(.excellenceShort)
        }
    }

    /// A round's status word.
    public func status(_ s: ResultsStatus) -> String {
        switch s {
        case .marking: label(.statusMarking)
        case .locked: label(.statusLocked)
        case .published: label(.statusPublished)
        case .final: label(.statusFinal)
        }
    }

    /// Joins names in a list: `嘉定区、浦东新区` / `Jiading, Pudong`.
    public func list(_ items: [String]) -> String { items.joined(separator: lang == .zh ? "、" : ", ") }

    /// A separator between parts of a line: ` · `.
    public static let dot = " · "

    /// `推迟 20 分钟` / `delayed 20 min`.
    public func delayed(minutes: Int) -> String {
        lang == .zh ? "推迟 \(minutes) 分钟" : "delayed \(minutes) min"
    }

    /// `+20分` / `+20 min`: a delay where room is short (the schedule's time column).
    public func delayShort(minutes: Int) -> String {
        lang == .zh ? "+\(minutes)分" : "+\(minutes) min"
    }

    /// `第 3/10 项` / `step 3 of 10` (1-based).
    public func ceremonyStep(_ i: Int, of n: Int) -> String {
        var text = label(.ceremonyStep)
        for k in [i, n] { if let r = text.range(of: "%d") { text.replaceSubrange(r, with: "\(k)") } }
        return text
    }

    /// `12 个赛项` / `12 skills`.
    public func skills(_ n: Int) -> String {
        lang == .zh ? "\(n) 个赛项" : (n == 1 ? "1 skill" : "\(n) skills")
    }
}
