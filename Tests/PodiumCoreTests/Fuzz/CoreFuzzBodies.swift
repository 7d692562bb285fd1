import Foundation
@testable import PodiumCore

/// What each fuzz target does with one input. The libFuzzer targets (`fuzz/entry/*.swift`,
/// built by `scripts/fuzz`) and the regression tests (`FuzzRegressionTests`) both call these,
/// so a crashing input checked in under `fuzz/crashes/` is replayed by `swift test`.
/// Each body returns normally on any input; a crash, a trap or a failed `check` is a finding.
/// This file must compile on its own beside PodiumCore (no Testing, no test support).
enum CoreFuzz {
    static func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant: \(what())") }
    }

    /// Free text that reached the state must be free of control characters.
    static func checkClean(_ s: String, _ field: String) {
        check(!s.unicodeScalars.contains(where: TextRules.isControl), "\(field) kept a control character: \(s.debugDescription)")
    }

    /// The frame decoder: the input is everything after a valid file header, read as each format
    /// version. Whatever the bytes, the scan ends (records in order, whole batches), a torn tail,
    /// or a corruption error.
    static func frames(_ data: [UInt8]) {
        for version in LogFormat.readableVersions { frames(data, version: version) }
    }

    static func frames(_ data: [UInt8], version: UInt32) {
        let header = FileHeader(version: version, createdMicros: 1_750_000_000_000_000).encode()
        let file = MemoryLogFile(bytes: header + data)
        for verify in [false, true] {
            let scanner = FrameScanner(reader: ChunkReader(file: file, fileSize: Int64(file.bytes.count)), verifyChain: verify, version: version)
            var expected: UInt64 = 1
            do {
                let out = try scanner.scan(from: Int64(header.count), nextSeq: 1, prevChain: FileHeader.genesisChain(header),
                                           lastTimeMicros: 0) { r in
                    check(r.seq == expected, "seq \(r.seq) delivered, expected \(expected)")
                    expected += 1
                }
                check(out.lastSeq == expected - 1, "lastSeq \(out.lastSeq) after \(expected - 1) records")
                check(out.goodEnd <= Int64(file.bytes.count) && out.goodEnd >= Int64(header.count), "goodEnd \(out.goodEnd) outside the file")
            } catch let e as LogError {
                guard case .corrupt = e else { fatalError("unexpected log error \(e)") }
            } catch { fatalError("unexpected error \(error)") }
        }
    }

    /// competition.toml: parse and validate; what is accepted holds no control characters.
    static func competitionTOML(_ data: [UInt8]) {
        guard let text = String(validating: data, as: UTF8.self) else { return }
        guard let d = try? CompetitionTOML.parse(text, file: "fuzz.toml") else { return }
        for t in DefinitionTexts.all(d) { checkClean(t.text, t.field) }
        // What the parser accepts, the core accepts too.
        do { _ = try Decide.decide(.defineCompetition(d), on: VenueState(), by: Actor(.system, "fuzz"), now: Date(timeIntervalSince1970: 0)) }
        catch { fatalError("parsed and validated, yet refused by the core: \(error)") }
    }

    static let demo: VenueState = {
        var state = VenueState()
        let events = try! Decide.decide(.defineCompetition(DemoCompetition.definition()), on: state, by: Actor(.system, "fuzz"), now: Date(timeIntervalSince1970: 0))
        for (i, e) in events.enumerated() {
            state.apply(EventRecord(seq: UInt64(i + 1), time: Date(timeIntervalSince1970: 0), actor: "system:fuzz", event: e))
        }
        return state
    }()

    /// The CSV importer: the first byte picks competitors, judges or marks; the rest is the file.
    /// Rows that are accepted, and then decided by the core, hold no control characters.
    static func csv(_ data: [UInt8]) {
        guard let kind = data.first else { return }
        guard let table = try? CSVReader.parse(Array(data.dropFirst()), file: "fuzz.csv") else { return }
        let staff = Actor(.staff, "fuzz"), now = Date(timeIntervalSince1970: 1_750_000_000)
        switch kind % 3 {
        case 0:
            guard let list = try? Importer.competitors(table, against: demo) else { return }
            guard (try? Decide.decide(.registerCompetitors(list), on: demo, by: staff, now: now)) != nil else { return }
            for c in list { checkClean(c.name, "competitor name"); c.members.forEach { checkClean($0, "member name") } }
        case 1:
            guard let list = try? Importer.judges(table, against: demo) else { return }
            guard (try? Decide.decide(.registerJudges(list), on: demo, by: staff, now: now)) != nil else { return }
            for j in list { checkClean(j.name, "judge name") }
        default:
            guard let rows = try? Importer.marks(table) else { return }
            guard (try? Decide.decide(.importMarks(rows), on: demo, by: staff, now: now)) != nil else { return }
        }
    }
}

/// Every free-text field of a definition, named, for the control-character checks.
enum DefinitionTexts {
    static func all(_ d: CompetitionDefinition) -> [(field: String, text: String)] {
        var out: [(String, String)] = []
        func add(_ field: String, _ n: LocalizedText) {
            if let zh = n.zh { out.append(("\(field) (zh)", zh)) }
            if let en = n.en { out.append(("\(field) (en)", en)) }
        }
        add("competition name", d.competition.name)
        for s in d.sites { add("site \(s.id) name", s.name) }
        for g in d.delegations { add("delegation \(g.id) name", g.name) }
        for k in d.skills {
            add("skill \(k.id) name", k.name)
            for r in k.rounds { add("round \(r.id) name", r.name) }
            for m in k.modules {
                add("module \(m.id) name", m.name)
                for a in m.aspects { out.append(("aspect \(a.id) text", a.text)) }
            }
        }
        for c in d.competitors { out.append(("competitor \(c.id) name", c.name)); c.members.forEach { out.append(("member", $0)) } }
        for j in d.judges { out.append(("judge \(j.id) name", j.name)) }
        for s in d.sessions { out.append(("session \(s.id) station", s.station)) }
        return out
    }
}

/// A log file held in memory, for feeding the frame decoder.
final class MemoryLogFile: LogFileHandle {
    let path = "fuzz.log"
    var bytes: [UInt8]
    init(bytes: [UInt8]) { self.bytes = bytes }
    func size() throws -> Int64 { Int64(bytes.count) }
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64) throws -> Int {
        let o = Int(offset)
        guard o < bytes.count else { return 0 }
        let n = min(count, bytes.count - o)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + o, byteCount: n) }
        return n
    }
    func write(_ b: [UInt8], at offset: Int64) throws { fatalError("read only") }
    func sync() throws {}
    func truncate(to size: Int64) throws { fatalError("read only") }
    func lock(exclusive: Bool) throws {}
    func unlock() {}
    func durableMark(created: Int64) -> DurableMark? { nil }
}
