import Foundation
import Testing
@testable import PodiumCore

/// `Fixtures/golden-signing-v1.log` pins the signing events (type tags 70-71) as written by
/// their first build: it must decode to exactly these events forever (PODIUM_WRITE_GOLDEN=1
/// rewrites it, for a new format version only).
enum SigningGolden {
    /// A fixed key, so the fixture's signature is fixed too (Ed25519 signing is deterministic).
    static var key: SigningKey { try! SigningKey(rawRepresentation: Data((1...32).map { UInt8($0) })) }
    static var registered: RegisteredKey {
        let pub = key.publicKey.rawRepresentation
        return RegisteredKey(id: SigningKeys.fingerprint(pub), publicKey: pub, holder: "评审组长 jury chair")
    }
    static var checkpoint: Checkpoint {
        try! Checkpoint.sign(competition: "sh2025", seq: 1, head: ChainHash(digest: [UInt8](repeating: 0xAB, count: 32)),
                             time: Date(timeIntervalSince1970: 1_750_399_500), with: key)
    }
    static var events: [Event] { [.keyRegistered(registered), .checkpointSigned(checkpoint)] }

    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden-signing-v1.log").path
    }

    /// Written in log format 1, the format the fixture was recorded in (the events' bytes,
    /// which this fixture pins, are the same in format 2; GoldenLogTests pins the framing).
    static func write(_ path: String) throws {
        try LogWriter.create(at: path, createdMicros: Golden.created, version: 1)
        let w = try LogWriter(path: path)
        for (i, e) in events.enumerated() {
            try w.append(actor: "staff:wang", timeMicros: Golden.created + Int64(i) * 60_000_000) { _ in [e.entry] }
        }
    }
}

@Suite("Signing events: codec, JSON, the golden fixture and the checkpoint text")
struct SigningEventTests {
    @Test("golden-signing-v1.log decodes to the same events, and this build writes the same bytes")
    func golden() throws {
        if ProcessInfo.processInfo.environment["PODIUM_WRITE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: SigningGolden.fixture)
            try SigningGolden.write(SigningGolden.fixture)
        }
        let records = try LogReader(path: SigningGolden.fixture).records().map { try EventRecord($0) }
        #expect(records.map(\.event) == SigningGolden.events)
        #expect(records.map { $0.event.tag } == [70, 71])
        let dir = TempDir(memory: true)
        try SigningGolden.write(dir.file("again.log"))
        #expect(readBytes(dir.file("again.log")) == readBytes(SigningGolden.fixture), "the encoder must not drift")
    }

    @Test("JSON data of both events, as log-format.md shows them")
    func json() throws {
        let k = SigningGolden.registered, cp = SigningGolden.checkpoint
        let r1 = try EventRecord(seq: 1, time: Date(timeIntervalSince1970: 0), actor: "staff:wang", event: .keyRegistered(k)).jsonLine()
        #expect(r1.contains(#""type":"key.registered""#))
        #expect(r1.contains(#""data":{"holder":"评审组长 jury chair","id":"\#(k.id)","publicKey":"\#(k.publicKey.base64EncodedString())"}"#), "\(r1)")
        let r2 = try EventRecord(seq: 2, time: Date(timeIntervalSince1970: 0), actor: "system:checkpoint", event: .checkpointSigned(cp)).jsonLine()
        #expect(r2.contains(#""data":{"competition":"sh2025","head":"\#(String(repeating: "ab", count: 32))","key":"\#(k.id)","seq":1,"signature":"\#(Data(cp.signature).base64EncodedString())","time":"2025-06-20T06:05:00Z"}"#), "\(r2)")
        #expect(cp.signatureHolds(for: k.publicKey))
        var other = cp
        other.seq = 2
        #expect(!other.signatureHolds(for: k.publicKey))
    }

    @Test("The checkpoint file is exactly the fields, one a line, and parses back")
    func checkpointText() throws {
        let cp = SigningGolden.checkpoint
        let text = CheckpointFile.text(cp)
        #expect(text == """
            podium checkpoint v1
            competition sh2025
            seq 1
            time 2025-06-20T06:05:00Z
            head \(String(repeating: "ab", count: 32))
            key \(cp.key)
            signature \(Data(cp.signature).base64EncodedString())

            """)
        #expect(try CheckpointFile.parse(text, file: "cp") == cp)
        #expect(throws: CheckpointFile.ParseError(file: "cp", line: 1, reason: "not a podium checkpoint (expected \"podium checkpoint v1\")")) {
            try CheckpointFile.parse("hello", file: "cp")
        }
        #expect(throws: CheckpointFile.ParseError(file: "cp", line: 3, reason: "seq: expected a sequence number")) {
            try CheckpointFile.parse(text.replacingOccurrences(of: "seq 1", with: "seq x"), file: "cp")
        }
        #expect(throws: CheckpointFile.ParseError(file: "cp", line: 8, reason: "unexpected text after the signature")) {
            try CheckpointFile.parse(text + "more\n", file: "cp")
        }
    }

    @Test("Registering a key and recording a checkpoint are decided: wrong fingerprint, twice, bad signature, beyond the log")
    func rules() throws {
        var state = VenueState(replaying: RehearsalFeedTests.demoRecords)
        let staff = Actor(.staff, "wang")
        var k = SigningGolden.registered
        k.id = "0000000000000000"
        #expect(throws: CommandError.invalid("key id 0000000000000000 does not match the key (its fingerprint is \(SigningGolden.registered.id))")) {
            try Decide.decide(.registerKey(k), on: state, by: staff, now: Date())
        }
        let events = try Decide.decide(.registerKey(SigningGolden.registered), on: state, by: staff, now: Date())
        state.apply(EventRecord(seq: state.lastSeq + 1, time: Date(), actor: staff.logName, event: events[0]))
        #expect(throws: CommandError.self) { try Decide.decide(.registerKey(SigningGolden.registered), on: state, by: staff, now: Date()) }
        var cp = try Checkpoint.sign(competition: state.competition!.id, seq: 3, head: ChainHash(digest: [UInt8](repeating: 1, count: 32)), time: Date(), with: SigningGolden.key)
        #expect(try Decide.decide(.recordCheckpoint(cp), on: state, by: Actor(.system, "checkpoint"), now: Date()) == [.checkpointSigned(cp)])
        cp.seq = 4
        #expect(throws: CommandError.invalid("the checkpoint's signature does not check against key \(cp.key)")) {
            try Decide.decide(.recordCheckpoint(cp), on: state, by: staff, now: Date())
        }
        let far = try Checkpoint.sign(competition: state.competition!.id, seq: 1_000_000, head: ChainHash(digest: [UInt8](repeating: 1, count: 32)), time: Date(), with: SigningGolden.key)
        #expect(throws: CommandError.self) { try Decide.decide(.recordCheckpoint(far), on: state, by: staff, now: Date()) }
        #expect(throws: CommandError.self) { try Decide.decide(.recordCheckpoint(cp), on: state, by: Actor(.judge, "J1"), now: Date()) }
    }
}
