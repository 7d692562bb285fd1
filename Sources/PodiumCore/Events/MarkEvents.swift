import Foundation

extension MarkEntry: WireCodable {
    public func write(to w: inout WireWriter) {
        w.string(skill); w.string(round); w.string(competitor); w.string(aspect); w.string(judge)
        switch value {
        case let .measurement(m): w.byte(0); w.fixed(m)
        case let .judgement(j): w.byte(1); w.int(j)
        }
        w.optional(reason) { $0.string($1) }
    }
    public init(from r: inout WireReader) throws {
        let skill = try r.string(), round = try r.string(), competitor = try r.string(), aspect = try r.string(), judge = try r.string()
        let value: MarkValue
        switch try r.byte() {
        case 0: value = .measurement(try r.fixed())
        case 1: value = .judgement(try r.intValue())
        case let b: throw WireError(message: "bad mark kind \(b)")
        }
        self.init(skill: skill, round: round, competitor: competitor, aspect: aspect, judge: judge, value: value,
                  reason: try r.optional { try $0.string() })
    }
}

/// A module of a round (lock and unlock).
public struct ModuleRef: Hashable, Sendable, Codable, WireCodable {
    public var skill: String
    public var round: String
    public var module: String
    public var reason: String?
    public init(skill: String, round: String, module: String, reason: String? = nil) {
        self.skill = skill; self.round = round; self.module = module; self.reason = reason
    }
    public var roundKey: RoundKey { RoundKey(skill: skill, round: round) }
    public func write(to w: inout WireWriter) { w.string(skill); w.string(round); w.string(module); w.optional(reason) { $0.string($1) } }
    public init(from r: inout WireReader) throws {
        self.init(skill: try r.string(), round: try r.string(), module: try r.string(), reason: try r.optional { try $0.string() })
    }
}

/// The chief judge asks the panel to mark an aspect again.
public struct RemarkRequest: Hashable, Sendable, Codable, WireCodable {
    public var skill: String
    public var round: String
    public var competitor: String
    public var aspect: String
    public var note: String
    public init(skill: String, round: String, competitor: String, aspect: String, note: String) {
        self.skill = skill; self.round = round; self.competitor = competitor; self.aspect = aspect; self.note = note
    }
    public func write(to w: inout WireWriter) { w.string(skill); w.string(round); w.string(competitor); w.string(aspect); w.string(note) }
    public init(from r: inout WireReader) throws {
        self.init(skill: try r.string(), round: try r.string(), competitor: try r.string(), aspect: try r.string(), note: try r.string())
    }
}

extension RoundKey: WireCodable {
    public func write(to w: inout WireWriter) { w.string(skill); w.string(round) }
    public init(from r: inout WireReader) throws { self.init(skill: try r.string(), round: try r.string()) }
}
