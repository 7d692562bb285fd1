import ArgumentParser
import Foundation
import PodiumCore
#if canImport(Glibc)
import Glibc
#endif

/// The signal that asked `simulate` to stop (0: none yet). Set by the handler, read by the loop.
nonisolated(unsafe) private var simulateStopSignal: Int32 = 0

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Rehearsal feed: append realistic judging, sign-off, publication and announcements to the venue's log.",
        discussion: """
        Proposes what would happen next at the competition, as the people who would do it: judges \
        entering whole sheets (one competitor, one module), disputed judgement scores that the chief \
        judge sends back for re-marking, corrections with a reason, modules signed off, results \
        published and later finalized, staff announcements, and the day's sessions started, finished \
        and now and then delayed by the clock. Each command goes through the same \
        checks as a console, and is appended durably. Rounds are taken in schedule order; a later \
        round starts once the one before it is published.

        Prints one line per command: sequence number(s), actor, what happened. Stops at --until, \
        when every result is final, or on Ctrl-C / SIGTERM (exit 0 in each case). Run it again to \
        carry on from where the venue stands; the same --seed on the same log gives the same commands.
        """
    )

    @OptionGroup var venue: VenueArgument

    @Option(help: "Commands per second (a judge's sheet is one command of several mark events).")
    var rate: Double = 5

    @Option(help: "Stop at an RFC 3339 time, after +MINUTES, or at \"done\" (when every result is final).")
    var until: String?

    @Option(help: "Seed of the feed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("skill"), help: "Rehearse only this skill (repeat for several; default: every official skill).")
    var skills: [String] = []

    func checkOptions() throws {
        guard rate.isFinite, rate > 0 else { throw UsageError("--rate must be more than 0 commands per second") }
    }

    func run() throws {
        try checkOptions()
        let dir = try venue.resolve()
        let start = Date()
        let deadline: Date? = try until.flatMap { $0 == "done" ? nil : try parseWhen($0, now: start, option: "--until") }
        let v = try Venue(directory: dir)
        guard v.state.competition != nil else { throw CLIError("\(dir): the venue has no competition defined yet") }

        simulateStopSignal = 0
        signal(SIGINT) { simulateStopSignal = $0 }
        signal(SIGTERM) { simulateStopSignal = $0 }
        defer { signal(SIGINT, SIG_DFL); signal(SIGTERM, SIG_DFL) }

        var options = RehearsalFeed.Options()
        if !skills.isEmpty {
            for id in skills {
                guard let skill = v.state.skills[id] else { throw CLIError("--skill \(id): no such skill at this venue") }
                guard skill.kind == .official, !skill.modules.isEmpty else {
                    throw CLIError("--skill \(id): skill \(id) is \(skill.kind), with no marks to rehearse")
                }
            }
            options.skills = Set(skills)
        }
        var feed = RehearsalFeed(seed: seed, options: options)
        let tz = v.state.timeZone
        let interval = UInt64(1e9 / rate)
        var due = DispatchTime.now().uptimeNanoseconds
        var executed = 0, refused = 0, inARow = 0
        var firstSeq: UInt64?, lastSeq: UInt64 = 0
        var why = "stopped"
        while true {
            if simulateStopSignal != 0 { why = "stopped by \(simulateStopSignal == SIGTERM ? "SIGTERM" : "SIGINT")"; break }
            let now = Date()
            if let deadline, now >= deadline { why = "reached --until \(until!)"; break }
            guard let (command, actor) = feed.next(state: v.state, now: now) else {
                why = skills.isEmpty ? "every result is final: nothing left to rehearse"
                    : "every result of \(skills.joined(separator: ", ")) is final: nothing left to rehearse"
                break
            }
            do {
                if let receipt = try v.execute(command, as: actor, now: now) {
                    executed += 1
                    inARow = 0
                    if firstSeq == nil { firstSeq = receipt.first }
                    lastSeq = receipt.last
                    let seqs = receipt.first == receipt.last ? "\(receipt.first)" : "\(receipt.first)-\(receipt.last)"
                    // What was actually appended (decided under the lock, against the current state).
                    let appended = v.lastAppended
                    let summary = appended.first.map { EventText.summary($0.event, in: tz, lang: RunLanguage.language) } ?? "-"
                    let more = appended.count > 1 ? " (+\(appended.count - 1) more)" : ""
                    emitLine("\(seqs)\t\(actor)\t\(summary)\(more)")
                }
            } catch let e as CommandError {
                // Someone else changed the venue between the feed's check and ours; the feed re-plans.
                refused += 1
                inARow += 1
                note("refused (\(actor)): \(e)")
                if inARow >= 50 { throw CLIError("the last 50 commands were all refused (the last: \(e))") }
            }
            // Pace: one command every 1/rate seconds, slept in slices so a signal stops us promptly.
            due += interval
            while simulateStopSignal == 0 {
                let t = DispatchTime.now().uptimeNanoseconds
                if t >= due { break }
                usleep(useconds_t(min(due - t, 50_000_000) / 1000))
            }
            if DispatchTime.now().uptimeNanoseconds > due + 1_000_000_000 { due = DispatchTime.now().uptimeNanoseconds }
        }
        let range = firstSeq.map { " (seq \($0)-\(lastSeq))" } ?? ""
        let c = feed.counts
        emitLine("# \(why); \(executed) commands\(range), \(refused) refused; \(c.sheets) sheets, \(c.corrections) corrections, \(c.remarks) re-mark requests, \(c.locks) sign-offs, \(c.publications) published, \(c.finalizations) final, \(c.announcements) announcements, \(c.sessionStarts) sessions started, \(c.sessionFinishes) finished, \(c.sessionDelays) delayed")
    }
}
