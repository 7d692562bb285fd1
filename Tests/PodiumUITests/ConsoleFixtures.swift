import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// A console on the board's bench (BoardFixtures.swift), with keys fed as a person types
/// them and requests carried out as `podium console`'s controller does: decided in the core on
/// the bench's state, the new records folded into the model, a refusal handed back as the
/// core's message.
struct ConsoleHarness {
    var bench: BoardBench
    var model: ConsoleModel
    var now: Date
    /// Requests the model made, in order.
    var requests: [ConsoleRequest] = []
    /// The PIN that re-authenticates (when the options ask for it).
    var pin = "2468"

    init(_ bench: BoardBench, lang: Language = .zh, tab: ConsoleTab = .schedule, now: Date = boardNow,
         reauthenticate: Bool = false, actor: Actor? = boardStaff) {
        self.bench = bench
        self.now = now
        model = ConsoleModel(options: ConsoleOptions(lang: lang, directory: "/srv/podium/venue", reauthenticate: reauthenticate),
                             actor: actor)
        for r in bench.records { model.apply(r) }
        model.tab = tab
        model.health = ConsoleHealth(logBytes: 48_213, freeBytes: 20 << 30, totalBytes: 100 << 30)
    }

    /// Feeds keys; `.char` keys may be given as a string of characters.
    mutating func press(_ keys: Key...) { for k in keys { press(k) } }

    mutating func type(_ text: String) { for c in text { press(.char(c)) } }

    mutating func press(_ key: Key) {
        guard case let .request(r) = model.handle(key, now: now) else { return }
        requests.append(r)
        perform(r)
    }

    mutating func perform(_ r: ConsoleRequest) {
        switch r {
        case let .execute(command, pin):
            if let pin, pin != self.pin {
                model.finished(.notAuthenticated("wrong PIN for \(model.actor!.logName)"), now: now)
                return
            }
            let before = bench.records.count
            bench.now = now
            do {
                try bench.run(command, model.actor!)
                let tz = bench.state.timeZone
                let new = bench.records[before...]
                for rec in new { model.apply(rec) }
                model.finished(.appended(new.map { "seq \($0.seq): \(EventText.summary($0.event, in: tz))" }), now: now)
            } catch {
                model.finished(.refused(error.message), now: now)
            }
        case .verifyLog:
            model.verified(.init(at: now, ok: true, records: bench.state.lastSeq, detail: "chain head 3f5a9c0e…"))
        case let .login(id, pin):
            if id == "wang", pin == self.pin {
                model.loginAnswered(.success(Actor(.staff, id)), now: now)
            } else {
                model.loginAnswered(.failure(ConsoleLoginError(id: id, message: "wrong PIN for \(id)")), now: now)
            }
        }
    }

    func canvas(width: Int, height: Int) -> Canvas {
        ConsoleScreen.render(model, width: width, height: height, now: now)
    }
}

/// Compares a screen with its golden file in `Goldens/FOLDER/NAME.txt` (trailing spaces
/// trimmed). `PODIUM_RECORD_GOLDENS=1 swift test --filter Console` writes the files instead;
/// review them with `git diff` before committing.
/// `folder` and `text` let other goldens (the past view's, with its colour mask) share this.
func expectGolden(_ canvas: Canvas, _ name: String, folder: String = "console", text: String? = nil,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    let text = text ?? screen(canvas) + "\n"
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens/\(folder)/\(name).txt").path
    #expect(invariantViolation(canvas) == nil, "\(name): \(invariantViolation(canvas) ?? "")", sourceLocation: sourceLocation)
    if ProcessInfo.processInfo.environment["PODIUM_RECORD_GOLDENS"] == "1" {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        Issue.record("no golden \(path); record it with PODIUM_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
        return
    }
    let golden = String(decoding: data, as: UTF8.self)
    if golden != text {
        let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("""
            \(name) differs from its golden from line \(first + 1):
            golden: \(first < a.count ? String(a[first]) : "(end)")
            now:    \(first < b.count ? String(b[first]) : "(end)")
            whole screen now:
            \(text)
            """, sourceLocation: sourceLocation)
    }
}

/// S04's judgement split by more than 1 (a dispute), on top of the standard bench.
func disputedBench() -> BoardBench {
    var b = boardBench()
    b.now = boardTime(day: 21, 9, 55)
    for (judge, score) in [("J1", 0), ("J2", 3), ("J3", 3)] {
        try! b.run(.submitMarks(skill: "S04", round: "final",
                                marks: [MarkInput(competitor: "E1", aspect: "A2", value: .judgement(score))], reason: nil),
                   Actor(.judge, judge))
    }
    try! b.measure("E1", m: 3000, skill: "S04")
    return b
}
