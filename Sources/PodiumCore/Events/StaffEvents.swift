import Foundation

// Bodies of the staff events (type tags 50-69): the schedule on the day, the closing
// ceremony's clock, and the ceremony reveal. docs/log-format.md lists them.

/// A session delayed by `minutes` (added to any earlier delay: start and end move together,
/// or only the end once the session is running).
public struct SessionDelay: Hashable, Sendable, Codable, WireCodable {
    public var session: String
    public var minutes: Int
    public init(session: String, minutes: Int) { self.session = session; self.minutes = minutes }
    public func write(to w: inout WireWriter) { w.string(session); w.int(minutes) }
    public init(from r: inout WireReader) throws { self.init(session: try r.string(), minutes: try r.intValue()) }
}

/// A session moved to another station, at the same or another site.
public struct SessionMove: Hashable, Sendable, Codable, WireCodable {
    public var session: String
    public var site: String
    public var station: String
    public init(session: String, site: String, station: String) { self.session = session; self.site = site; self.station = station }
    public func write(to w: inout WireWriter) { w.string(session); w.string(site); w.string(station) }
    public init(from r: inout WireReader) throws { self.init(session: try r.string(), site: try r.string(), station: try r.string()) }
}

/// A session cancelled, with the reason staff gave.
public struct SessionCancel: Hashable, Sendable, Codable, WireCodable {
    public var session: String
    public var reason: String
    public init(session: String, reason: String) { self.session = session; self.reason = reason }
    public func write(to w: inout WireWriter) { w.string(session); w.string(reason) }
    public init(from r: inout WireReader) throws { self.init(session: try r.string(), reason: try r.string()) }
}
