import Crypto
import Foundation

/// A signed statement "competition C's log held chain value H at sequence number S, at time T",
/// made with an Ed25519 key registered in the log. Kept twice: as a `checkpoint.signed` event in
/// the log, and as a small text file meant to leave the host (`CheckpointFile`). A log rewritten
/// from a point on, with every chain value recomputed, passes `log verify`; it cannot hold the
/// signed chain value at a signed seq at or after the rewrite, and only the key holder can sign.
public struct Checkpoint: Hashable, Sendable, WireCodable, Encodable {
    public var competition: String
    public var seq: UInt64
    /// When it was signed, whole seconds.
    public var time: Date
    /// The log's chain value of record `seq` (32 bytes).
    public var head: [UInt8]
    /// The signing key's fingerprint (`SigningKeys.fingerprint`).
    public var key: String
    /// Ed25519 signature of `message` (64 bytes).
    public var signature: [UInt8]

    public init(competition: String, seq: UInt64, time: Date, head: [UInt8], key: String, signature: [UInt8]) {
        self.competition = competition; self.seq = seq
        self.time = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        self.head = head; self.key = key; self.signature = signature
    }

    /// The exact bytes signed: one line of fixed fields, so any edit of any field breaks it.
    public var message: [UInt8] {
        Array("podium-checkpoint-v1 \(competition) \(seq) \(Int64(time.timeIntervalSince1970)) \(hex(head)) \(key)".utf8)
    }

    /// Signs (competition, seq, time, head) with `key`.
    public static func sign(competition: String, seq: UInt64, head: ChainHash, time: Date,
                            with key: Curve25519.Signing.PrivateKey) throws -> Checkpoint {
        var cp = Checkpoint(competition: competition, seq: seq, time: time, head: head.bytes,
                            key: SigningKeys.fingerprint(key.publicKey.rawRepresentation), signature: [])
        cp.signature = Array(try key.signature(for: cp.message))
        return cp
    }

    /// Whether the signature checks against `publicKey`.
    public func signatureHolds(for publicKey: Data) -> Bool {
        guard let pk = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return pk.isValidSignature(signature, for: message)
    }

    public func write(to w: inout WireWriter) {
        w.string(competition); w.uint(seq); w.date(time); w.blob(head); w.string(key); w.blob(signature)
    }
    public init(from r: inout WireReader) throws {
        competition = try r.string(); seq = try r.uint(); time = try r.date()
        head = try r.blob(); key = try r.string(); signature = try r.blob()
    }

    enum CodingKeys: String, CodingKey { case competition, seq, time, head, key, signature }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(competition, forKey: .competition)
        try c.encode(seq, forKey: .seq)
        try c.encode(time, forKey: .time)
        try c.encode(hex(head), forKey: .head)
        try c.encode(key, forKey: .key)
        try c.encode(Data(signature).base64EncodedString(), forKey: .signature)
    }
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

/// Why a checkpoint does not hold, naming it (its file, or its event's seq). One place for the
/// i18n catalogue.
public struct CheckpointProblem: Error, CustomStringConvertible, Localized, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case otherCompetition(String)
        case beyondLog(last: UInt64)
        case headDiffers(found: String)
        case unknownKey
        case badSignature
    }
    public var name: String
    public var checkpoint: Checkpoint
    public var kind: Kind

    public var description: String { said.text(.en) }

    public var said: Said {
        let cp = checkpoint
        switch kind {
        case let .otherCompetition(id):
            return "\(name): signed for competition \(cp.competition), but this log holds \(id)"
        case let .beyondLog(last):
            return "\(name): signed at seq \(cp.seq), but the log ends at seq \(last): records were removed"
        case let .headDiffers(found):
            return "\(name): the log no longer holds the signed history: at seq \(cp.seq) the chain is \(found), the checkpoint signed \(hex(cp.head))"
        case .unknownKey:
            return "\(name): signed by key \(cp.key), which is not registered in this log (`podium keys register`)"
        case .badSignature:
            return "\(name): the signature does not check against key \(cp.key): the checkpoint was altered or not signed by that key"
        }
    }
}

/// The text form of a checkpoint, to print, mail or hand to the jury. Strict: fixed keys in a
/// fixed order; anything else is refused with the file and line.
public enum CheckpointFile {
    static let header = "podium checkpoint v1"
    static let keys = ["competition", "seq", "time", "head", "key", "signature"]

    public static func text(_ cp: Checkpoint) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return """
            \(header)
            competition \(cp.competition)
            seq \(cp.seq)
            time \(f.string(from: cp.time))
            head \(hex(cp.head))
            key \(cp.key)
            signature \(Data(cp.signature).base64EncodedString())

            """
    }

    public struct ParseError: Error, CustomStringConvertible, Localized, Equatable {
        public var file: String, line: Int
        public var reason: Said
        public var description: String { said.text(.en) }
        public var said: Said { "\(file):\(line): \(reason)" }
    }

    public static func parse(_ text: String, file: String) throws -> Checkpoint {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ line: Int, _ why: Said) -> ParseError { ParseError(file: file, line: line, reason: why) }
        guard lines.first == header else { throw fail(1, "not a podium checkpoint (expected \"\(header)\")") }
        var values: [String] = []
        for (i, key) in keys.enumerated() {
            let n = i + 2
            guard n - 1 < lines.count else { throw fail(n, "missing \"\(key) …\"") }
            let parts = lines[n - 1].split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == key else { throw fail(n, "expected \"\(key) …\"") }
            values.append(parts[1])
        }
        if let extra = lines.indices.dropFirst(keys.count + 1).first(where: { !lines[$0].isEmpty }) {
            throw fail(extra + 1, "unexpected text after the signature")
        }
        guard let seq = UInt64(values[1]), seq > 0 else { throw fail(3, "seq: expected a sequence number") }
        guard let time = Timestamps.parse(values[2]) else { throw fail(4, "time: expected an RFC 3339 time") }
        guard let head = unhex(values[3]), head.count == 32 else { throw fail(5, "head: expected 64 hex digits") }
        guard let sig = Data(base64Encoded: values[5]), sig.count == 64 else { throw fail(7, "signature: expected 64 bytes in base64") }
        return Checkpoint(competition: values[0], seq: seq, time: time, head: head, key: values[4], signature: Array(sig))
    }

    static func unhex(_ s: String) -> [UInt8]? {
        guard s.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var it = s.makeIterator()
        while let a = it.next(), let b = it.next() {
            guard let v = UInt8(String([a, b]), radix: 16) else { return nil }
            out.append(v)
        }
        return out
    }
}

/// Checks checkpoints against a log in one pass over its records (`consume` each record in
/// order, then `finish`): every `checkpoint.signed` event in the log, and any checkpoints given
/// from outside (files). Keys come from the `key.registered` events; a checkpoint checks against
/// a key registered anywhere in the log (a file may be checked before or after its key's record).
public struct CheckpointAudit {
    private var given: [(name: String, cp: Checkpoint)]
    private var inLog: [(name: String, cp: Checkpoint)] = []
    private var keys: [String: Data] = [:]
    private var competition: String?
    /// Chain value of every record, by seq - 1 (32 bytes each: 32 MB per million records).
    private var chains: [ChainHash] = []

    public init(checkpoints: [(name: String, checkpoint: Checkpoint)] = []) {
        given = checkpoints.map { ($0.name, $0.checkpoint) }
    }

    public mutating func consume(_ raw: RawRecord) throws {
        chains.append(raw.chain)
        switch raw.type {
        case Event.competitionDefinedTag, Event.keyRegisteredTag, Event.checkpointSignedTag:
            switch try EventRecord(raw).event {
            case let .competitionDefined(c): competition = c.id
            case let .keyRegistered(k): keys[k.id] = k.publicKey
            case let .checkpointSigned(cp): inLog.append(("checkpoint event seq \(raw.seq)", cp))
            default: break
            }
        default: break
        }
    }

    /// The checkpoint events found in the log so far.
    public var logCheckpoints: Int { inLog.count }

    /// Every problem, the given checkpoints' first.
    public func finish() -> [CheckpointProblem] {
        (given + inLog).compactMap { name, cp in
            func problem(_ k: CheckpointProblem.Kind) -> CheckpointProblem { CheckpointProblem(name: name, checkpoint: cp, kind: k) }
            // The signature first: an edited file is named as such, whatever field was edited.
            guard let pk = keys[cp.key] else { return problem(.unknownKey) }
            if !cp.signatureHolds(for: pk) { return problem(.badSignature) }
            if let id = competition, cp.competition != id { return problem(.otherCompetition(id)) }
            guard cp.seq <= UInt64(chains.count) else { return problem(.beyondLog(last: UInt64(chains.count))) }
            let found = chains[Int(cp.seq) - 1]
            if found.bytes != cp.head { return problem(.headDiffers(found: found.hex)) }
            return nil
        }
    }
}
