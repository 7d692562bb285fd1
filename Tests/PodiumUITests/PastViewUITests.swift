import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The canvas with, below it, which cells are drawn in the past-view role (`P`), so a golden
/// pins the colour as well as the words.
func pastGoldenText(_ canvas: Canvas) -> String {
    var mask: [String] = []
    for y in 0..<canvas.height {
        var line = ""
        for x in 0..<canvas.width { line.append(canvas[x, y].style.role == .past ? "P" : ".") }
        mask.append(line)
    }
    return screen(canvas) + "\n--- cells in the past-view role (P) ---\n" + mask.joined(separator: "\n") + "\n"
}

/// Compares with (or records, under PODIUM_RECORD_GOLDENS=1) `Goldens/past/NAME.txt`.
func expectPastGolden(_ canvas: Canvas, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectGolden(canvas, name, folder: "past", text: pastGoldenText(canvas), sourceLocation: sourceLocation)
}

/// Writes records to a real log (each its own batch, its own time) for `StoreLogHistory`.
func writePastVenue(_ dir: String, _ records: [EventRecord]) throws {
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try LogWriter.create(at: Venue.logPath(dir), createdMicros: 1_750_000_000_000_000)
    let w = try LogWriter(path: Venue.logPath(dir))
    for r in records {
        try w.append(actor: r.actor, timeMicros: Int64((r.time.timeIntervalSince1970 * 1_000_000).rounded())) { _ in [r.event.entry] }
    }
}

@Suite("Past views on screens", .serialized)
struct PastViewUITests {
    /// The board bench with S01 signed off at 09:50, published at 10:00 and final at 10:10, and
    /// an announcement just after the closing ceremony (so the log reaches past it).
    static func day(_ policy: ResultsPolicy) -> BoardBench {
        var b = boardBench(policy: policy, publish: false)
        b.now = boardTime(day: 21, 9, 50)
        try! b.run(.lockModule(skill: "S01", round: "final", module: "A"), boardChief)
        b.now = boardTime(day: 21, 10, 0)
        try! b.run(.publish(s01Final), boardStaff)
        b.now = boardTime(day: 21, 10, 10)
        try! b.run(.finalize(s01Final), boardStaff)
        b.now = boardClosing.addingTimeInterval(60)
        try! b.run(.announce(text: "闭幕式开始 The ceremony has begun", priority: .high, until: nil), boardStaff)
        return b
    }

    /// The board (and its snapshots) as they stood at `time`, folded from the file through the seam.
    static func pastBoard(_ dir: String, at time: Date) throws -> (BoardModel, PastMoment) {
        let h = StoreLogHistory(path: Venue.logPath(dir))
        let moment = try PastVenue.resolve(.instant(time), in: h)
        var m = BoardModel(state: VenueState(), now: moment.time, options: BoardOptions(lang: .zh, pageSeconds: 10))
        try PastVenue.replay(h, through: moment) { try m.apply(raw: $0) }
        m.past = moment
        return (m, moment)
    }

    @Test("The board and snapshot --at show only what was public then, under each results policy",
          arguments: [ResultsPolicy.live, .onPublish, .atCeremony])
    func publicThen(policy: ResultsPolicy) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podium-past-\(policy)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let b = Self.day(policy)
        try writePastVenue(dir, b.records)
        let s01 = BoardPolicyTests.s01Names + BoardPolicyTests.s01Scores
        // Today (live) the whole of S01 is public under every policy once the ceremony has passed.
        let liveNow = BoardPolicyTests.everything(boardModel(b, now: boardClosing.addingTimeInterval(120)), now: boardClosing.addingTimeInterval(120))
        #expect(!BoardPolicyTests.shows(liveNow, any: s01).isEmpty)
        let expected: [(Date, Bool)] = switch policy {
        case .live: [(boardTime(day: 21, 9, 55), true), (boardTime(day: 21, 10, 5), true), (boardClosing.addingTimeInterval(60), true)]
        case .onPublish: [(boardTime(day: 21, 9, 55), false), (boardTime(day: 21, 10, 5), true), (boardClosing.addingTimeInterval(60), true)]
        case .atCeremony: [(boardTime(day: 21, 9, 55), false), (boardTime(day: 21, 10, 5), false), (boardClosing.addingTimeInterval(-1), false),
                           (boardClosing.addingTimeInterval(60), true)]
        }
        for (time, shown) in expected {
            let (model, moment) = try Self.pastBoard(dir, at: time)
            #expect(moment.time == time)
            let text = BoardPolicyTests.everything(model, now: moment.time)
            let found = BoardPolicyTests.shows(text, any: s01)
            #expect(found.isEmpty != shown, "\(policy) at \(time): \(found)")
            if policy != .live { #expect(BoardPolicyTests.shows(text, any: BoardPolicyTests.s02Names).isEmpty, "S02 is never published") }
            #expect(text.contains("过去的画面（只读）") && text.contains("PAST VIEW (read-only)"))
            #expect(BoardSnapshot.html(model, now: moment.time).contains("class=\"past\""), "the public page says it too")
        }
    }

    @Test("Golden: the board in the past-view colour, Chinese and English")
    func boardGoldens() {
        let b = boardBench()
        for lang in [Language.zh, .en] {
            var m = boardModel(b, lang: lang, page: .countdown)
            m.past = PastMoment(seq: UInt64(b.records.count), time: boardNow, lastSeq: UInt64(b.records.count) + 37)
            expectPastGolden(boardCanvas(m, width: 80, height: 24), "board-countdown-\(lang)-80x24")
            m.page = .skill("S01")
            expectPastGolden(boardCanvas(m, width: 200, height: 60), "board-s01-\(lang)-200x60")
        }
    }

    @Test("Golden: the console replaying the audit trail in the past-view colour, Chinese and English; read-only until Esc")
    func consoleGoldens() {
        for lang in [Language.zh, .en] {
            var h = ConsoleHarness(boardBench(), lang: lang, tab: .audit)
            let last = h.bench.state.lastSeq
            h.press(.char("t"))
            #expect(h.model.past?.seq == last)
            h.press(.char("["), .char("["), .char("["))
            #expect(h.model.past?.seq == last - 3 && h.model.selected[.audit] == String(last - 3))
            #expect(h.model.state.lastSeq == last - 3)
            h.press(.char("]"))
            #expect(h.model.state.lastSeq == last - 2, "the publication (the last record) is not yet in")
            expectPastGolden(h.canvas(width: 80, height: 24), "console-audit-\(lang)-80x24")
            h.press(.char("4"))
            #expect(h.model.tab == .results && h.model.state.rounds[s01Final]?.published == false)
            expectPastGolden(h.canvas(width: 80, height: 24), "console-results-\(lang)-80x24")
            // Read-only: publishing from the past does nothing.
            h.press(.char("p"))
            #expect(h.model.overlay == nil && h.requests.isEmpty)
            h.press(.escape)
            #expect(h.model.past == nil && h.model.state.lastSeq == last)
            #expect(h.model.state.rounds[s01Final]?.published == true)
        }
    }

    @Test("Every theme gives the past view a background no other role uses")
    func pastColour() throws {
        var themes = [Theme.builtIn]
        for info in listThemes(in: themesDirectory) { themes.append(try Theme.load(path: info.path)) }
        #expect(themes.count >= 6)
        for theme in themes {
            let past = theme[.past]
            for role in Role.allCases where role != .past {
                #expect(theme[role] != past, "\(theme.name): \(role) looks like the past view")
                if past.background != .default {
                    #expect(theme[role].background != past.background && theme[role].foreground != past.background,
                            "\(theme.name): \(role) uses the past view's colour")
                }
            }
        }
    }
}
