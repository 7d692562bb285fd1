import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

/// Stepping through a venue's history (the console audit tab's replay, `--at`): each step
/// beside a full refold to the same event (the anchor: what a replay without kept states costs).
struct BenchReplay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "The audit tab's replay on a venue's log: a step back or forward (p50, p99) beside a full refold to the same event, the first open, and --at's fold through the file."
    )

    @OptionGroup var venue: VenueArgument
    @Option(help: "Steps measured each way (back, then forward).") var steps: Int = 500
    @Option(help: "Keep a folded state every this many events.") var interval: Int = 1_000
    @Option(help: "Full refolds measured for the anchor.") var refolds: Int = 9

    func run() throws {
        let dir = try venue.resolve()
        let reader = try LogReader(path: Venue.logPath(dir))
        var records: [EventRecord] = []
        try reader.readNew { records.append(try EventRecord($0)) }
        guard records.count > 2 * steps else { throw CLIError("\(dir): \(records.count) records; the bench needs more than \(2 * steps)") }
        func time(_ body: () -> Void) -> UInt64 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            return DispatchTime.now().uptimeNanoseconds - t0
        }
        /// How many times faster than the anchor (the ratio's 0.00× says nothing at these sizes).
        func faster(_ ns: UInt64, _ anchor: UInt64) -> String {
            ns == 0 ? "n/a" : String(format: "%.0f× faster", Double(anchor) / Double(ns))
        }
        func row(_ what: String, _ p50: UInt64, _ p99: UInt64?, _ vs: String) {
            print(what.padding(toLength: 52, withPad: " ", startingAt: 0) + micros(p50).padding(toLength: 14, withPad: " ", startingAt: 0)
                  + (p99.map(micros) ?? "").padding(toLength: 14, withPad: " ", startingAt: 0) + vs)
        }
        print("podium bench replay — \(dir): \(records.count) records, states kept every \(interval), \(steps) steps each way")
        print(String(repeating: "-", count: 100))
        print("what".padding(toLength: 52, withPad: " ", startingAt: 0) + "p50".padding(toLength: 14, withPad: " ", startingAt: 0)
              + "p99".padding(toLength: 14, withPad: " ", startingAt: 0) + "vs anchor")

        // Where staff open the replay: two thirds into the day.
        let middle = UInt64(records.count * 2 / 3)
        let anchor = Stats((0..<refolds).map { i in
            time { blackHole(VenueState(replaying: records.prefix(Int(middle) - i)).lastSeq) }
        })
        row("full refold to the event (anchor)", anchor.p50, anchor.p99, "")

        var index = ReplayIndex(records: records, interval: interval)
        let open = time { index.go(to: middle) }
        row("first open at the event (folds there once)", open, nil, ratio(Double(open), Double(anchor.p50)))
        let back = Stats((0..<steps).map { _ in time { index.step(-1) } })
        row("step back one event", back.p50, back.p99, faster(back.p50, anchor.p50) + " (p99 " + faster(back.p99, anchor.p50) + ")")
        let forward = Stats((0..<steps).map { _ in time { index.step(+1) } })
        row("step forward one event", forward.p50, forward.p99, faster(forward.p50, anchor.p50) + " (p99 " + faster(forward.p99, anchor.p50) + ")")
        var rng = SplitMix64(seed: 13)
        let jumps = Stats((0..<50).map { _ in
            let t = UInt64(rng.within(1...Int(middle)))
            return time { index.go(to: t) }
        })
        row("jump to any earlier event (states kept)", jumps.p50, jumps.p99, faster(jumps.p50, anchor.p50) + " (p99 " + faster(jumps.p99, anchor.p50) + ")")

        // What staff see per step: the console's step and a frame of its results tab at 200×60.
        var model = ConsoleModel(options: ConsoleOptions(lang: .zh, directory: dir), actor: Actor(.staff, "bench"))
        for r in records { model.apply(r) }
        model.tab = .audit
        model.selected[.audit] = String(middle)
        model.openReplay(at: middle)
        model.tab = .results
        let now = records.last!.time
        let frames = Stats((0..<min(steps, 200)).map { i in
            time {
                model.stepReplay(i % 2 == 0 ? -1 : +1)
                blackHole(ConsoleScreen.render(model, width: 200, height: 60, now: now).width)
            }
        })
        row("console: step + results frame 200×60", frames.p50, frames.p99, faster(frames.p50, anchor.p50) + " (p99 " + faster(frames.p99, anchor.p50) + ")")

        // `--at SEQ` on the command line: resolve and fold through the file (the seam), once.
        let h = StoreLogHistory(path: Venue.logPath(dir))
        let past = time { blackHole(try! PastVenue.state(.seq(middle), in: h).state.lastSeq) }
        row("--at SEQ: resolve + fold from the file", past, nil, ratio(Double(past), Double(anchor.p50)))
        print("peak memory (ru_maxrss): " + String(format: "%.0f MB", BenchResults.maxRSSKilobytes() / 1024)
              + "; load average " + loadAverage())
    }
}
