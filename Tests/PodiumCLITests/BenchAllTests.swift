import Foundation
import Testing
@testable import podium

/// The bench suite's own machinery: the SQLite anchor really stores what it is timed on, and
/// the one table of `podium bench all` marks each target met or missed from the figures.
/// No timing is asserted.
@Suite struct BenchAllTests {
    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bench-all-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func sqliteAnchorInsertsEveryRecordDurablyInWALModeWithFullSync() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/anchor.db"
        let n = 137
        do {
            let db = try SQLiteAnchor(path: path)
            #expect(try db.journalMode() == "wal")
            #expect(try db.synchronous() == 2) // FULL
            #expect(try db.count() == 0)
            for i in 0..<n {
                try db.insert(time: Int64(i), actor: "bench:t", type: 999, body: BenchWorker.body(tag: "t", i: i, size: 40))
            }
            #expect(try db.count() == n)
        }
        // Committed: a second connection (after the first closed) sees every row, and the WAL
        // mode is the database's, not the connection's.
        let again = try SQLiteAnchor(path: path)
        #expect(try again.count() == n)
        try again.insert(time: 0, actor: "bench:u", type: 999, body: [0x2E])
        #expect(try again.count() == n + 1)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func sqliteAnchorNamesTheFileWhenItCannotOpen() throws {
        let path = "/nonexistent-podium-dir/anchor.db"
        #expect {
            _ = try SQLiteAnchor(path: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("cannot open")
        }
    }

    @Test func workerBodiesArePaddedToTheirSize() {
        #expect(BenchWorker.body(tag: "b3", i: 12, size: 10) == Array("b3:12:....".utf8))
        #expect(BenchWorker.body(tag: "b3", i: 12, size: 2) == Array("b3:12:".utf8))
    }

    @Test func tableMarksEachTargetMetOrMissedFromTheFigures() {
        let figures = [
            BenchFigure(bench: "log", what: "append p99", value: 120, unit: .micros, anchor: 100, anchorWhat: "plain",
                        target: .belowShareOfAnchor(1.5), load: "3.10 2.00 1.50"),                                  // 1.2× < 1.5×: met
            BenchFigure(bench: "log", what: "append p99 vs SQLite", value: 120, unit: .micros, anchor: 80, anchorWhat: "SQLite",
                        target: .belowShareOfAnchor(1), load: "3.10 2.00 1.50"),                                    // 1.5× ≥ 1×: missed
            BenchFigure(bench: "render", what: "compose p99", value: 2.5, unit: .millis, target: .below(2), load: "4.00 3.00 2.00"),      // missed
            BenchFigure(bench: "render", what: "idle CPU", value: 0.2, unit: .percent, target: .below(1), load: "4.00 3.00 2.00"),         // met
            BenchFigure(bench: "render", what: "limit exactly", value: 2, unit: .millis, target: .below(2), load: "4.00 3.00 2.00"),        // not below: missed
            BenchFigure(bench: "judge", what: "no target", value: 1, unit: .millis, anchor: 2, load: "5.00 4.00 3.00"),
            BenchFigure(bench: "judge", what: "relative, no anchor", value: 1, unit: .millis, target: .belowShareOfAnchor(1),
                        load: "5.00 4.00 3.00"),
        ]
        let lines = figureTableLines(figures)
        func row(_ what: String) -> String { lines.first { $0.contains(" \(what) ") || $0.hasSuffix(" \(what)") } ?? "" }
        #expect(lines[0].hasPrefix("bench"))
        #expect(lines[0].contains("load"))
        #expect(lines.count == 2 + figures.count)
        #expect(row("append p99").contains(" met "))
        #expect(row("append p99").contains("1.20×"))
        #expect(row("append p99").contains("< 150 % of anchor"))
        #expect(row("append p99 vs SQLite").contains("MISSED"))
        #expect(row("compose p99").contains("MISSED"))
        #expect(row("idle CPU").contains(" met "))
        #expect(row("limit exactly").contains("MISSED"))
        for what in ["no target", "relative, no anchor"] {
            #expect(!row(what).contains("met") && !row(what).contains("MISSED"), "\(what): \(row(what))")
        }
        #expect(row("no target").hasSuffix("5.00 4.00 3.00"))
        // Without loads stamped, the table is the one `bench render` has always printed.
        let plain = figureTableLines(figures.map { var f = $0; f.load = ""; return f })
        #expect(plain[0].hasPrefix("what"))
        #expect(!plain[0].contains("load"))
    }

    @Test func benchAllSummaryCountsMetAndMissed() {
        let figures = [
            BenchFigure(bench: "a", what: "x", value: 1, unit: .millis, target: .below(2)),
            BenchFigure(bench: "a", what: "y", value: 3, unit: .millis, target: .below(2)),
            BenchFigure(bench: "a", what: "z", value: 3, unit: .millis),
        ]
        #expect(BenchAll.summary(figures) == "1 of 2 targets met; missed: y")
    }
}
