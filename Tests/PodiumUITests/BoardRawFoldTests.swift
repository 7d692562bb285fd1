import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// `podium board` folds its log with `BoardModel.apply(raw:)`: marks straight from their bytes,
/// everything else decoded. The board it shows must be the one the full decode gives.
struct BoardRawFoldTests {
    @Test func foldingTheLogFromItsBytesShowsTheBoardTheFullDecodeShows() throws {
        let bench = boardBench()
        #expect(bench.records.contains { if case .markEntered = $0.event { true } else { false } })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podium-board-raw-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/events.log"
        try LogWriter.create(at: path)
        let writer = try LogWriter(path: path)
        let micros = Int64(boardNow.timeIntervalSince1970 * 1_000_000) - 60_000_000
        // A few appends, so the raw fold also meets records in later batches (the live follow).
        for chunk in stride(from: 0, to: bench.records.count, by: 7) {
            let slice = bench.records[chunk..<min(chunk + 7, bench.records.count)]
            _ = try writer.append(actor: "test:t", timeMicros: micros) { _ in slice.map(\.event.entry) }
        }
        let raws = try LogReader(path: path).records()
        #expect(raws.count == bench.records.count)
        for page in [BoardPage.countdown, .medals, .schedule, .skill("S01")] {
            let options = BoardOptions(lang: .zh, pageSeconds: 10)
            var fast = BoardModel(state: VenueState(), now: boardNow, options: options, page: page)
            var decoded = fast
            for raw in raws {
                try fast.apply(raw: raw)
                decoded.apply(try EventRecord(raw))
            }
            #expect(fast.state.lastSeq == decoded.state.lastSeq && fast.state.lastTime == decoded.state.lastTime)
            #expect(fast.news == decoded.news)
            #expect(!fast.news.isEmpty)
            for (w, h) in [(80, 24), (200, 60)] {
                #expect(screen(boardCanvas(fast, width: w, height: h)) == screen(boardCanvas(decoded, width: w, height: h)), "\(page) \(w)×\(h)")
            }
        }
    }
}
