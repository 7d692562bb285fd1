import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The Results and Schedule rows are kept between frames (`ConsoleRowsMemo`): a console that
/// has drawn them before must show exactly what a fresh console, which builds them anew, shows,
/// whatever the clock and the log did in between.
@Suite("Console rows kept between frames")
struct ConsoleRowsMemoTests {
    /// Rows of a console that has never drawn anything.
    func fresh(_ records: [EventRecord], _ tab: ConsoleTab, now: Date) -> [ConsoleModel.Row] {
        var m = ConsoleModel(options: ConsoleOptions(lang: .zh, directory: "/v"), actor: boardStaff)
        for r in records { m.apply(r) }
        return m.rows(tab, now: now)
    }

    @Test("Schedule: as the clock passes each session's start and end, the kept rows are the fresh ones")
    func scheduleFollowsTheClock() {
        let bench = boardBench()
        var m = ConsoleModel(options: ConsoleOptions(lang: .zh, directory: "/v"), actor: boardStaff)
        for r in bench.records { m.apply(r) }
        let instants = bench.state.sessionStates.flatMap { [$0.effectiveStart, $0.effectiveEnd] }.sorted()
        #expect(instants.count >= 4)
        var changed = 0
        var previous: [ConsoleModel.Row]?
        for t in instants.flatMap({ [$0.addingTimeInterval(-1), $0, $0.addingTimeInterval(1)] }) {
            let kept = m.rows(.schedule, now: t)
            _ = m.rows(.schedule, now: t) // a second frame at the same time: from the memo
            #expect(kept == fresh(bench.records, .schedule, now: t), "at \(t)")
            if let previous, previous != kept { changed += 1 }
            previous = kept
        }
        #expect(changed > 0, "the clock moved some session from upcoming to due or ended")
    }

    @Test("Results and Schedule: after each record, the kept rows are the fresh ones; the language is part of the key")
    func rowsFollowTheLog() {
        let bench = boardBench()
        var m = ConsoleModel(options: ConsoleOptions(lang: .zh, directory: "/v"), actor: boardStaff)
        var resultsChanged = 0
        var last: [ConsoleModel.Row] = []
        for (i, r) in bench.records.enumerated() {
            m.apply(r)
            let records = Array(bench.records.prefix(i + 1))
            let results = m.rows(.results, now: boardNow)
            #expect(results == fresh(records, .results, now: boardNow), "after seq \(r.seq)")
            #expect(m.rows(.schedule, now: boardNow) == fresh(records, .schedule, now: boardNow), "after seq \(r.seq)")
            if results != last { resultsChanged += 1 }
            last = results
        }
        #expect(resultsChanged > 2)
        m.options.lang = .en
        var english = ConsoleModel(options: ConsoleOptions(lang: .en, directory: "/v"), actor: boardStaff)
        for r in bench.records { english.apply(r) }
        #expect(m.rows(.results, now: boardNow) == english.rows(.results, now: boardNow))
        #expect(m.rows(.results, now: boardNow) != fresh(bench.records, .results, now: boardNow))
    }
}
