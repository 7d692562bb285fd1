import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

struct ClockCommand: ParsableCommand {
    static let verbs = ["show", "set", "pause", "resume"]
    static let usage = "podium clock DIR show|set TIME|pause|resume"
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "The closing ceremony's clock: show it, set (move) the ceremony's time, pause or resume the countdown.",
        usage: """
        podium clock DIR show
          podium clock DIR set TIME
          podium clock DIR pause
          podium clock DIR resume
        """,
        discussion: """
        TIME is an RFC 3339 time (2025-06-24T15:30:00+08:00) or +MINUTES from now; it must be in the \
        future. Every board's countdown aims at the new time at once. A pause freezes the countdown \
        on every board at the time left when it was paused; it does not move the ceremony (set a new \
        time for that), and while paused the closing moment does not arrive on the boards. Prints \
        the record appended (seq); a refusal prints one line on stderr and appends nothing.
        """
    )

    @Argument(help: "The venue directory (or PODIUM_VENUE), the verb, and for set the time.")
    var words: [String] = []
    @OptionGroup var staff: StaffArguments

    func run() throws {
        let w = try StaffWords(words, verbs: Self.verbs, usage: Self.usage)
        let v = try Venue(directory: w.directory)
        let now = Date()
        switch w.verb {
        case "show":
            _ = try w.arguments(0, "")
            let s = v.state
            guard let closing = s.closing else { throw CLIError("\(w.directory): the venue has no competition defined yet") }
            let tz = s.timeZone
            let parts = CountdownParts(from: s.countdownFrom(now), to: closing)
            print("closing ceremony: \(Timestamps.format(closing, in: tz))"
                  + (s.clock.closingSet != nil ? " (moved from \(Timestamps.format(s.competition!.closing, in: tz)))" : ""))
            print("countdown: \(Formats(lang: .en, timeZone: tz).countdown(parts))"
                  + (s.clock.pausedAt.map { " — paused since \(Timestamps.format($0, in: tz))" } ?? ""))
        case "set":
            let a = try w.arguments(1, "the new time, e.g. set 2025-06-24T15:30:00+08:00 (or +MINUTES)")
            try executeAndReport(.setClosing(try parseWhen(a[0], now: now, option: "set")), in: v, staff: staff, now: now)
        case "pause":
            _ = try w.arguments(0, "")
            try executeAndReport(.pauseCountdown, in: v, staff: staff, now: now)
        default:
            _ = try w.arguments(0, "")
            try executeAndReport(.resumeCountdown, in: v, staff: staff, now: now)
        }
    }
}
