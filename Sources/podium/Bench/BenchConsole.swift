import ArgumentParser
import Foundation
import PodiumCore
import PodiumUI

/// `podium bench console DIR`: the staff console on a real venue's log, beside its anchors.
///
/// - fold: the log's records into a `ConsoleModel` (state, every record for the audit trail,
///   the filter index, the writers), beside folding the same records into a bare `VenueState`;
/// - one frame of each tab at 200×60 (median and p99 of `--frames`), beside one frame of the
///   board (`BoardScreen.render`, countdown page) of the same state and size;
/// - the audit filter: setting a type filter and a `/` search over every record, beside a
///   plain loop over the records comparing their type names.
struct BenchConsole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The staff console on a venue's log: fold, a frame of each tab at 200×60 beside a board frame, the audit filter beside a plain scan."
    )

    @OptionGroup var venue: VenueArgument
    @Option(help: "Frames measured per tab.")
    var frames: Int = 200

    func run() throws {
        let dir = try venue.resolve()
        let reader = try LogReader(path: Venue.logPath(dir))
        var raws: [RawRecord] = []
        try reader.readNew { raws.append($0) }
        let records = try raws.map { try EventRecord($0) }
        guard !records.isEmpty else { throw CLIError("\(dir): the log is empty") }
        print("podium bench console — \(dir): \(records.count) records, \(frames) frames per tab at 200×60")
        func time(_ body: () -> Void) -> UInt64 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            return DispatchTime.now().uptimeNanoseconds - t0
        }
        func row(_ what: String, _ p50: UInt64, _ p99: UInt64?, _ vs: String) {
            print(what.padding(toLength: 44, withPad: " ", startingAt: 0) + micros(p50).padding(toLength: 14, withPad: " ", startingAt: 0)
                  + (p99.map(micros) ?? "").padding(toLength: 14, withPad: " ", startingAt: 0) + vs)
        }
        print(String(repeating: "-", count: 96))
        print("what".padding(toLength: 44, withPad: " ", startingAt: 0) + "p50".padding(toLength: 14, withPad: " ", startingAt: 0)
              + "p99".padding(toLength: 14, withPad: " ", startingAt: 0) + "vs anchor")

        // Fold: median of 3 each.
        var bare: [UInt64] = [], console: [UInt64] = []
        var model = ConsoleModel(options: ConsoleOptions(lang: .zh, directory: dir), actor: Actor(.staff, "bench"))
        for _ in 0..<3 {
            bare.append(time { var s = VenueState(); for r in records { s.apply(r) }; blackHole(s.lastSeq) })
            console.append(time {
                var m = ConsoleModel(options: ConsoleOptions(lang: .zh, directory: dir), actor: Actor(.staff, "bench"))
                for r in records { m.apply(r) }
                model = m
            })
        }
        let bareFold = Stats(bare).p50, consoleFold = Stats(console).p50
        row("fold into VenueState (anchor)", bareFold, nil, "")
        row("fold into ConsoleModel", consoleFold, nil, ratio(Double(consoleFold), Double(bareFold)))
        print("peak memory of this process (ru_maxrss): " + String(format: "%.0f MB", BenchResults.maxRSSKilobytes() / 1024))

        // Frames.
        let now = records.last!.time
        var board = BoardModel(state: model.state, now: now, options: BoardOptions(lang: .zh))
        board.page = .countdown
        let anchor = Stats((0..<frames).map { _ in time { blackHole(BoardScreen.render(board, theme: .builtIn, width: 200, height: 60, now: now).width) } })
        row("board frame 200×60 (anchor)", anchor.p50, anchor.p99, "")
        for tab in ConsoleTab.allCases {
            model.tab = tab
            let s = Stats((0..<frames).map { _ in time { blackHole(ConsoleScreen.render(model, width: 200, height: 60, now: now).width) } })
            row("console \(tab) frame 200×60", s.p50, s.p99, ratio(Double(s.p50), Double(anchor.p50)) + " (p99 " + ratio(Double(s.p99), Double(anchor.p99)) + ")")
        }

        // The audit `/` search: on a console just started (nothing indexed: the search builds the
        // whole index), then the index built in slices between frames as the controller does,
        // the first search on it and refined ones.
        var first = AuditFilter()
        first.search = "s01"
        var cold = model
        let firstSearch = time { cold.setAuditFilter(first) }
        cold = model
        var slices: [UInt64] = []
        while model.searchIndexPending { slices.append(time { model.indexSearch(forNanos: 20_000_000) }) }
        let firstIndexed = time { model.setAuditFilter(first) }
        var plain: [UInt64] = [], filter: [UInt64] = [], search: [UInt64] = []
        for _ in 0..<5 {
            plain.append(time { blackHole(records.reduce(0) { $0 + ($1.event.typeName.contains("mark") ? 1 : 0) }) })
            var f = AuditFilter()
            f.type = "mark"
            filter.append(time { model.setAuditFilter(f) })
            f = AuditFilter()
            f.search = "S01"
            search.append(time { model.setAuditFilter(f) })
        }
        let p = Stats(plain).p50
        row("scan records by type (anchor)", p, nil, "")
        row("audit filter: type mark", Stats(filter).p50, nil, ratio(Double(Stats(filter).p50), Double(p)))
        row("audit search, first, nothing indexed: / s01", firstSearch, nil, ratio(Double(firstSearch), Double(p)))
        row("audit index in slices between frames: total", slices.reduce(0, +), nil, "\(slices.count) slices")
        row("audit index: one slice (p50, max)", Stats(slices).p50, slices.max(), "")
        row("audit search, first, on the index: / s01", firstIndexed, nil, ratio(Double(firstIndexed), Double(p)))
        row("audit search, next: / S01", Stats(search).p50, nil, ratio(Double(Stats(search).p50), Double(p)))
        print("search index: " + String(format: "%.1f MB", Double(model.searchIndexBytes) / 1_048_576) + "; peak memory now (ru_maxrss): "
              + String(format: "%.0f MB", BenchResults.maxRSSKilobytes() / 1024))
        // The search as it was (the anchor of the two above): every record's line formatted and
        // lower-cased as a String and kept, then `String.contains` over the kept lines.
        var lines: [String] = []
        let oldFirst = time {
            lines = model.records.map { model.searchLine($0) }
            blackHole(lines.indices.filter { lines[$0].contains("s01") })
        }
        let oldNext = Stats((0..<3).map { _ in time { blackHole(lines.indices.filter { lines[$0].contains("s01") }) } }).p50
        row("old first search: format + keep String lines", oldFirst, nil, "new on the index: " + ratio(Double(firstIndexed), Double(oldFirst)))
        row("old next search: String.contains per line", oldNext, nil, "new: " + ratio(Double(Stats(search).p50), Double(oldNext)))
        print("peak memory with the old String lines too (ru_maxrss): " + String(format: "%.0f MB", BenchResults.maxRSSKilobytes() / 1024))
        lines = []

        // The board's replay at start: every record decoded (as before) beside
        // `BoardModel.apply(raw:)`, marks folded from their bytes. Median of 3.
        var decodedFold: [UInt64] = [], rawFold: [UInt64] = []
        for _ in 0..<3 {
            decodedFold.append(time {
                var b = BoardModel(state: VenueState(), now: now, options: BoardOptions(lang: .zh))
                for raw in raws { b.apply(try! EventRecord(raw)) }
                blackHole(b.state.lastSeq)
            })
            rawFold.append(time {
                var b = BoardModel(state: VenueState(), now: now, options: BoardOptions(lang: .zh))
                for raw in raws { try! b.apply(raw: raw) }
                blackHole(b.state.lastSeq)
            })
        }
        let dp = Stats(decodedFold).p50, rp = Stats(rawFold).p50
        row("board replay, every record decoded (anchor)", dp, nil, "")
        row("board replay, BoardModel.apply(raw:)", rp, nil, ratio(Double(rp), Double(dp)))
    }
}

/// Keeps a value alive so the optimiser cannot drop the work that made it.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
