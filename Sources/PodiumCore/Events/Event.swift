import Foundation

public enum Priority: String, Codable, Sendable, CaseIterable { case normal, high, urgent }

public struct Announcement: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var text: String
    public var priority: Priority
    /// After this the announcement is no longer shown (nil: until withdrawn).
    public var until: Date?
    public init(id: String, text: String, priority: Priority = .normal, until: Date? = nil) {
        self.id = id; self.text = text; self.priority = priority; self.until = until
    }
}

/// Everything that can happen at a venue. The log holds these; state is their fold.
/// Each case has a type tag (the frame's `type` field) and a JSON name, both fixed forever.
public enum Event: Hashable, Sendable {
    case competitionDefined(CompetitionInfo)
    case siteDefined(Site)
    case delegationDefined(Delegation)
    case skillDefined(Skill)
    case competitorRegistered(Competitor)
    case judgeRegistered(Judge)
    case sessionScheduled(Session)
    case announcementPosted(Announcement)
    case announcementWithdrawn(id: String)
    case markEntered(MarkEntry)
    case moduleLocked(ModuleRef)
    case moduleUnlocked(ModuleRef)
    case remarkRequested(RemarkRequest)
    case resultsPublished(RoundKey)
    case resultsFrozen(RoundKey)
    case resultsFinalized(RoundKey)
    // Logins and credentials (tags 40-49): never a PIN or a hash.
    case loginFailed(LoginRecord)
    case loginSucceeded(LoginRecord)
    case accountLockedOut(Lockout)
    case pinSet(LoginRecord)
    // Staff on the day (tags 50-69): the schedule, the closing clock, the ceremony reveal.
    case sessionStarted(session: String)
    case sessionFinished(session: String)
    case sessionDelayed(SessionDelay)
    case sessionMoved(SessionMove)
    case sessionCancelled(SessionCancel)
    /// The closing ceremony's time, set anew (the countdown aims at it).
    case closingSet(Date)
    /// The countdown frozen at the record's time; `countdownResumed` lets it run again.
    case countdownPaused
    case countdownResumed
    /// The reveal begins at its opening step; its steps are derived from the state at this record.
    case ceremonyStarted
    /// The presenter moved to step `step` (one forward or back).
    case ceremonyStepped(step: Int)
    case ceremonyEnded
    // Signed checkpoints (tags 70-79): the keys they are checked against, and the checkpoints.
    case keyRegistered(RegisteredKey)
    case checkpointSigned(Checkpoint)

    /// The tag of `.markEntered` (the fold reads these bodies without a full decode).
    static let markEnteredTag: UInt16 = 30
    static let competitionDefinedTag: UInt16 = 1
    static let keyRegisteredTag: UInt16 = 70
    static let checkpointSignedTag: UInt16 = 71

    /// (tag, JSON name) of each case.
    public var tag: UInt16 {
        switch self {
        case .competitionDefined: 1
        case .siteDefined: 2
        case .delegationDefined: 3
        case .skillDefined: 4
        case .competitorRegistered: 5
        case .judgeRegistered: 6
        case .sessionScheduled: 7
        case .announcementPosted: 20
        case .announcementWithdrawn: 21
        case .markEntered: 30
        case .moduleLocked: 31
        case .moduleUnlocked: 32
        case .remarkRequested: 33
        case .resultsPublished: 34
        case .resultsFrozen: 35
        case .resultsFinalized: 36
        case .loginFailed: 40
        case .loginSucceeded: 41
        case .accountLockedOut: 42
        case .pinSet: 43
        case .sessionStarted: 50
        case .sessionFinished: 51
        case .sessionDelayed: 52
        case .sessionMoved: 53
        case .sessionCancelled: 54
        case .closingSet: 55
        case .countdownPaused: 56
        case .countdownResumed: 57
        case .ceremonyStarted: 58
        case .ceremonyStepped: 59
        case .ceremonyEnded: 60
        case .keyRegistered: 70
        case .checkpointSigned: 71
        }
    }

    public var typeName: String {
        switch self {
        case .competitionDefined: "competition.defined"
        case .siteDefined: "site.defined"
        case .delegationDefined: "delegation.defined"
        case .skillDefined: "skill.defined"
        case .competitorRegistered: "competitor.registered"
        case .judgeRegistered: "judge.registered"
        case .sessionScheduled: "session.scheduled"
        case .announcementPosted: "announcement.posted"
        case .announcementWithdrawn: "announcement.withdrawn"
        case .markEntered: "mark.entered"
        case .moduleLocked: "module.locked"
        case .moduleUnlocked: "module.unlocked"
        case .remarkRequested: "remark.requested"
        case .resultsPublished: "results.published"
        case .resultsFrozen: "results.frozen"
        case .resultsFinalized: "results.finalized"
        case .loginFailed: "login.failed"
        case .loginSucceeded: "login.succeeded"
        case .accountLockedOut: "account.locked-out"
        case .pinSet: "account.pin-set"
        case .sessionStarted: "session.started"
        case .sessionFinished: "session.finished"
        case .sessionDelayed: "session.delayed"
        case .sessionMoved: "session.moved"
        case .sessionCancelled: "session.cancelled"
        case .closingSet: "closing.set"
        case .countdownPaused: "countdown.paused"
        case .countdownResumed: "countdown.resumed"
        case .ceremonyStarted: "ceremony.started"
        case .ceremonyStepped: "ceremony.stepped"
        case .ceremonyEnded: "ceremony.ended"
        case .keyRegistered: "key.registered"
        case .checkpointSigned: "checkpoint.signed"
        }
    }

    public func encodeBody() -> [UInt8] {
        var w = WireWriter()
        switch self {
        case let .competitionDefined(v): v.write(to: &w)
        case let .siteDefined(v): v.write(to: &w)
        case let .delegationDefined(v): v.write(to: &w)
        case let .skillDefined(v): v.write(to: &w)
        case let .competitorRegistered(v): v.write(to: &w)
        case let .judgeRegistered(v): v.write(to: &w)
        case let .sessionScheduled(v): v.write(to: &w)
        case let .announcementPosted(v): v.write(to: &w)
        case let .announcementWithdrawn(id): w.string(id)
        case let .markEntered(v): v.write(to: &w)
        case let .moduleLocked(v), let .moduleUnlocked(v): v.write(to: &w)
        case let .remarkRequested(v): v.write(to: &w)
        case let .resultsPublished(v), let .resultsFrozen(v), let .resultsFinalized(v): v.write(to: &w)
        case let .loginFailed(v), let .loginSucceeded(v), let .pinSet(v): v.write(to: &w)
        case let .accountLockedOut(v): v.write(to: &w)
        case let .sessionStarted(id), let .sessionFinished(id): w.string(id)
        case let .sessionDelayed(v): v.write(to: &w)
        case let .sessionMoved(v): v.write(to: &w)
        case let .sessionCancelled(v): v.write(to: &w)
        case let .closingSet(d): w.date(d)
        case .countdownPaused, .countdownResumed, .ceremonyStarted, .ceremonyEnded: break
        case let .ceremonyStepped(step): w.int(step)
        case let .keyRegistered(k): k.write(to: &w)
        case let .checkpointSigned(c): c.write(to: &w)
        }
        return w.bytes
    }

    public static func decode(tag: UInt16, body: [UInt8]) throws -> Event {
        var r = WireReader(body)
        switch tag {
        case 1: return .competitionDefined(try CompetitionInfo(from: &r))
        case 2: return .siteDefined(try Site(from: &r))
        case 3: return .delegationDefined(try Delegation(from: &r))
        case 4: return .skillDefined(try Skill(from: &r))
        case 5: return .competitorRegistered(try Competitor(from: &r))
        case 6: return .judgeRegistered(try Judge(from: &r))
        case 7: return .sessionScheduled(try Session(from: &r))
        case 20: return .announcementPosted(try Announcement(from: &r))
        case 21: return .announcementWithdrawn(id: try r.string())
        case 30: return .markEntered(try MarkEntry(from: &r))
        case 31: return .moduleLocked(try ModuleRef(from: &r))
        case 32: return .moduleUnlocked(try ModuleRef(from: &r))
        case 33: return .remarkRequested(try RemarkRequest(from: &r))
        case 34: return .resultsPublished(try RoundKey(from: &r))
        case 35: return .resultsFrozen(try RoundKey(from: &r))
        case 36: return .resultsFinalized(try RoundKey(from: &r))
        case 40: return .loginFailed(try LoginRecord(from: &r))
        case 41: return .loginSucceeded(try LoginRecord(from: &r))
        case 42: return .accountLockedOut(try Lockout(from: &r))
        case 43: return .pinSet(try LoginRecord(from: &r))
        case 50: return .sessionStarted(session: try r.string())
        case 51: return .sessionFinished(session: try r.string())
        case 52: return .sessionDelayed(try SessionDelay(from: &r))
        case 53: return .sessionMoved(try SessionMove(from: &r))
        case 54: return .sessionCancelled(try SessionCancel(from: &r))
        case 55: return .closingSet(try r.date())
        case 56: return .countdownPaused
        case 57: return .countdownResumed
        case 58: return .ceremonyStarted
        case 59: return .ceremonyStepped(step: try r.intValue())
        case 60: return .ceremonyEnded
        case 70: return .keyRegistered(try RegisteredKey(from: &r))
        case 71: return .checkpointSigned(try Checkpoint(from: &r))
        default: throw WireError(message: "unknown event type \(tag)")
        }
    }

    /// The event as an entry of a batch, with the scope of state it changes (`scope`).
    public var entry: RawEntry { RawEntry(type: tag, body: encodeBody(), scope: scope) }

    /// The event's data for JSON output.
    func encodeData(to c: inout KeyedEncodingContainer<EventRecord.Keys>) throws {
        switch self {
        case let .competitionDefined(v): try c.encode(v, forKey: .data)
        case let .siteDefined(v): try c.encode(v, forKey: .data)
        case let .delegationDefined(v): try c.encode(v, forKey: .data)
        case let .skillDefined(v): try c.encode(v, forKey: .data)
        case let .competitorRegistered(v): try c.encode(v, forKey: .data)
        case let .judgeRegistered(v): try c.encode(v, forKey: .data)
        case let .sessionScheduled(v): try c.encode(v, forKey: .data)
        case let .announcementPosted(v): try c.encode(v, forKey: .data)
        case let .announcementWithdrawn(id): try c.encode(["id": id], forKey: .data)
        case let .markEntered(v): try c.encode(v, forKey: .data)
        case let .moduleLocked(v), let .moduleUnlocked(v): try c.encode(v, forKey: .data)
        case let .remarkRequested(v): try c.encode(v, forKey: .data)
        case let .resultsPublished(v), let .resultsFrozen(v), let .resultsFinalized(v): try c.encode(v, forKey: .data)
        case let .loginFailed(v), let .loginSucceeded(v), let .pinSet(v): try c.encode(v, forKey: .data)
        case let .accountLockedOut(v): try c.encode(v, forKey: .data)
        case let .sessionStarted(id), let .sessionFinished(id): try c.encode(["session": id], forKey: .data)
        case let .sessionDelayed(v): try c.encode(v, forKey: .data)
        case let .sessionMoved(v): try c.encode(v, forKey: .data)
        case let .sessionCancelled(v): try c.encode(v, forKey: .data)
        case let .closingSet(d): try c.encode(["closing": d], forKey: .data)
        case .countdownPaused, .countdownResumed, .ceremonyStarted, .ceremonyEnded: try c.encode([String: String](), forKey: .data)
        case let .ceremonyStepped(step): try c.encode(["step": step], forKey: .data)
        case let .keyRegistered(k): try c.encode(k, forKey: .data)
        case let .checkpointSigned(cp): try c.encode(cp, forKey: .data)
        }
    }
}

/// An event as read back from the log: with its sequence number, time and actor.
public struct EventRecord: Hashable, Sendable, Encodable {
    public var seq: UInt64
    public var time: Date
    public var actor: String
    public var event: Event

    public init(seq: UInt64, time: Date, actor: String, event: Event) {
        self.seq = seq; self.time = time; self.actor = actor; self.event = event
    }

    public init(_ raw: RawRecord) throws {
        do {
            self.init(seq: raw.seq, time: Date(timeIntervalSince1970: Double(raw.timeMicros) / 1_000_000),
                      actor: raw.actor, event: try Event.decode(tag: raw.type, body: raw.body))
        } catch let e as WireError {
            throw WireError(message: "record seq \(raw.seq) (type \(raw.type)): \(e)")
        }
    }

    enum Keys: String, CodingKey { case seq, time, type, actor, data }

    /// One NDJSON line: `{"seq":…,"time":"…","type":"…","actor":"…","data":{…}}`, keys in that
    /// order (data's own keys sorted), times in RFC 3339 UTC.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let full = try encoder.encode(self)
        // Re-emit the fixed head in a stable order, then the data object as encoded.
        let object = try JSONSerialization.jsonObject(with: full) as! [String: Any]
        let data = try JSONSerialization.data(withJSONObject: object["data"] ?? [:], options: [.sortedKeys, .withoutEscapingSlashes])
        let head = try encoder.encode([time])
        let timeText = String(decoding: head, as: UTF8.self).dropFirst().dropLast()
        let actorText = String(decoding: try encoder.encode([actor]), as: UTF8.self).dropFirst().dropLast()
        return "{\"seq\":\(seq),\"time\":\(timeText),\"type\":\"\(event.typeName)\",\"actor\":\(actorText),\"data\":\(String(decoding: data, as: UTF8.self))}"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(time, forKey: .time)
        try c.encode(event.typeName, forKey: .type)
        try c.encode(actor, forKey: .actor)
        try event.encodeData(to: &c)
    }
}
