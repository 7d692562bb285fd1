import Foundation

/// `podium init DIR --demo`: the built-in demo competition (`DemoCompetition`), moved in time so
/// that a rehearsal is always mid-week. Its first competition day is today's midnight in
/// Asia/Shanghai minus three days, so the first three days' sessions are over, today's are on,
/// and the closing ceremony (day 6 at 15:00) is three days ahead: the board's countdown runs.
enum InitDemo {
    static let daysBefore = 3

    /// Midnight (Asia/Shanghai, which has no daylight saving) of `now`'s day, minus three days.
    static func start(now: Date) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return cal.date(byAdding: .day, value: -daysBefore, to: cal.startOfDay(for: now))!
    }
}
