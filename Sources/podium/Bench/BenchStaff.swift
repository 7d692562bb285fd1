import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

/// `podium bench staff`: what the staff's day costs the screens, in memory, beside anchors.
///
/// On the demo competition (71 sessions) and the WorldSkills-scale one of `bench results`, at
/// 10:30 on a competition day, staff start every session due, delay a third of them, cancel and
/// move a few (all through `Decide`). Then, each timed over `--samples` runs:
/// - the board's now and next for every site (`sessionsOn`, `sessionsNext`, `cancelledSessions`),
///   beside the anchor: the definition-only filter the board used before (times straight from
///   `state.sessions`, no status, delays or moves);
/// - `scheduleWarnings()`, beside the anchor: grouping the sessions by station and sorting each group;
/// - the board's schedule page at 200×60, beside the same page on the state before staff did
///   anything (what delays and cancellations add to a frame).
struct BenchStaff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "The staff's day on the screens: now and next, schedule warnings, the schedule page, each beside its anchor."
    )

    @Option(help: "Timed runs of each measurement.") var samples = 2000

    func run() throws {
        print("podium bench staff — \(samples) samples each; p50 / p99")
        for (name, def) in [("demo", DemoCompetition.definition()), ("WorldSkills scale", BenchResults.worldSkillsScale(seed: 2025))] {
            try measure(name, def)
        }
    }

    func measure(_ name: String, _ def: CompetitionDefinition) throws {
        var state = VenueState()
        func run(_ c: Command, _ a: Actor, _ now: Date) throws {
            for e in try Decide.decide(c, on: state, by: a, now: now) {
                state.apply(EventRecord(seq: state.lastSeq + 1, time: now, actor: a.logName, event: e))
            }
        }
        let start = def.sessions.map(\.start).min()!
        try run(.defineCompetition(def), Actor(.system, "init"), start)
        let before = state
        // 10:30 on the day of the first session (days start at midnight in the venue's zone).
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = state.timeZone
        let now = calendar.startOfDay(for: start).addingTimeInterval(10.5 * 3600)
        let staff = Actor(.staff, "bench")
        var changes = 0
        for (i, s) in state.sessionStates.enumerated() {
            if s.effectiveStart <= now, now < s.effectiveEnd, !state.sessionStates.contains(where: { $0.status == .live && $0.site == s.site && $0.station == s.station }) {
                try run(.startSession(s.id), staff, now); changes += 1
            }
            if i % 3 == 0, state.sessionState(s.id)!.status != .finished { try run(.delaySession(s.id, minutes: 10 + i % 20), staff, now); changes += 1 }
            if i % 17 == 5, state.sessionState(s.id)!.status == .scheduled { try run(.cancelSession(s.id, reason: "bench"), staff, now); changes += 1 }
            else if i % 11 == 4, state.sessionState(s.id)!.status == .scheduled {
                try run(.moveSession(s.id, site: nil, station: s.station + " B"), staff, now); changes += 1
            }
        }
        let sites = state.sites.items.map(\.id)
        print("\n\(name): \(state.sessions.count) sessions, \(sites.count) sites, \(changes) staff changes, \(state.scheduleWarnings().count) warnings")

        var sink = 0
        let model = BoardModel(state: state, now: now, page: .schedule)
        let nowNext = time {
            for site in sites {
                sink &+= model.liveSessions(site: site, now: now).count + model.nextSessions(site: site, now: now).count
                    + model.cancelledSessions(site: site, now: now).count
            }
        }
        let nowNextAnchor = time {
            for site in sites {
                let items = state.sessions.items
                sink &+= items.filter { $0.site == site && $0.start <= now && now < $0.end }.count
                let later = items.filter { $0.site == site && $0.start > now }
                if let first = later.map(\.start).min() { sink &+= later.filter { $0.start == first }.count }
            }
        }
        report("now and next, every site", nowNext, anchor: "definition-only filter", nowNextAnchor)

        let warnings = time { sink &+= state.scheduleWarnings().count }
        // The least any pairwise check does: group the sessions by station and sort each group.
        let grouping = time {
            var groups: [String: [SessionState]] = [:]
            for s in state.sessionStates { groups[s.site + "\u{1F}" + s.station, default: []].append(s) }
            for (_, g) in groups { sink &+= g.sorted { $0.effectiveStart < $1.effectiveStart }.count }
        }
        report("schedule warnings", warnings, anchor: "group by station and sort", grouping)

        let plain = BoardModel(state: before, now: now, page: .schedule)
        let page = time { sink &+= BoardScreen.render(model, theme: .builtIn, width: 200, height: 60, now: now).width }
        let pageAnchor = time { sink &+= BoardScreen.render(plain, theme: .builtIn, width: 200, height: 60, now: now).width }
        report("schedule page 200×60", page, anchor: "the same page before any staff change", pageAnchor)
        if sink == 42 { print("") } // keep the work observable
    }

    func time(_ body: () -> Void) -> Stats {
        for _ in 0..<min(50, samples) { body() } // warm up
        var out: [UInt64] = []
        out.reserveCapacity(samples)
        for _ in 0..<samples {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            out.append(DispatchTime.now().uptimeNanoseconds - t0)
        }
        return Stats(out)
    }

    func report(_ what: String, _ s: Stats, anchor: String, _ a: Stats) {
        print("  \(what): \(micros(s.p50)) / \(micros(s.p99))   anchor (\(anchor)): \(micros(a.p50)) / \(micros(a.p99))   ratio p50 \(ratio(Double(s.p50), Double(a.p50)))")
    }
}
