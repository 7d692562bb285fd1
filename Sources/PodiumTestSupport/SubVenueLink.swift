import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A main venue and a sub-venue joined by one network link the test can cut and restore: two
/// network namespaces made for the test (`ip netns`), each with its own loopback, and a veth
/// pair between them with link-local addresses (169.254.x.1 on the main venue's side, .2 on the
/// sub-venue's). Nothing outside the two namespaces is touched: no address or route of the
/// host, no firewall rule. Servers and `podium` processes are put inside with `wrap` (`ip netns
/// exec NAME ...`).
///
/// The namespaces (and with them the veth pair) are deleted when the value is dropped; ones a
/// killed test run left behind (named after a process that no longer exists) are deleted when
/// the next one is made. Needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN) and `ip` (iproute2).
public final class SubVenueLink: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The namespaces' names: `podium-main-PID-N` and `podium-sub-PID-N`.
    public let main: String
    public let sub: String
    /// The main venue's address as the sub-venue reaches it, and the sub-venue's.
    public let mainAddress: String
    public let subAddress: String
    private let mainDevice: String
    private let subDevice: String
    public private(set) var isCut = false

    nonisolated(unsafe) private static var made = 0
    static let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Why a sub-venue link cannot be made here (not root, no `ip`), or nil when it can.
    public static var unavailable: String? {
        if getuid() != 0 { return "network namespaces need root" }
        if ip == nil { return "no ip command (install iproute2)" }
        return nil
    }

    public init() throws {
        if let why = Self.unavailable { throw Failure(description: why) }
        Self.removeLeftovers()
        Self.made += 1
        let tag = "\(getpid())-\(Self.made)"
        main = "podium-main-\(tag)"
        sub = "podium-sub-\(tag)"
        // Interface names are at most 15 bytes: pdm/pds + a short tag.
        let short = String(format: "%x%x", getpid() & 0xfffff, Self.made & 0xff)
        mainDevice = "pdm\(short)"
        subDevice = "pds\(short)"
        let net = 1 + (Int(getpid()) &+ Self.made) % 250
        mainAddress = "169.254.\(net).1"
        subAddress = "169.254.\(net).2"
        do {
            try Self.ip(["netns", "add", main])
            try Self.ip(["netns", "add", sub])
            try Self.ip(["link", "add", mainDevice, "type", "veth", "peer", "name", subDevice])
            try Self.ip(["link", "set", mainDevice, "netns", main])
            try Self.ip(["link", "set", subDevice, "netns", sub])
            try Self.ip(["-n", main, "addr", "add", mainAddress + "/30", "dev", mainDevice])
            try Self.ip(["-n", sub, "addr", "add", subAddress + "/30", "dev", subDevice])
            for (ns, dev) in [(main, mainDevice), (sub, subDevice)] {
                try Self.ip(["-n", ns, "link", "set", "lo", "up"])
                try Self.ip(["-n", ns, "link", "set", dev, "up"])
            }
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    /// `command` run inside a namespace: `ip netns exec NAME command...`.
    public func wrap(_ namespace: String, _ command: [String]) -> [String] {
        [Self.ip!, "netns", "exec", namespace] + command
    }

    /// Cuts the link: the sub-venue's end of the veth goes down, so packets in flight are lost
    /// and new connections fail at once ("network is unreachable"), as when a line is cut.
    public func cut() throws {
        try Self.ip(["-n", sub, "link", "set", subDevice, "down"])
        isCut = true
    }

    /// Brings the link back (the address and route come back with the device).
    public func restore() throws {
        try Self.ip(["-n", sub, "link", "set", subDevice, "up"])
        isCut = false
    }

    /// Deletes both namespaces (the veth pair goes with them). Processes still inside keep
    /// running without a network; callers stop their servers first.
    public func remove() {
        _ = try? Self.ip(["netns", "delete", main])
        _ = try? Self.ip(["netns", "delete", sub])
    }

    /// Namespaces `podium-main-PID-N` / `podium-sub-PID-N` whose PID is no longer running.
    static func removeLeftovers() {
        guard let list = try? Self.ip(["netns", "list"]) else { return }
        for line in list.split(separator: "\n") {
            let name = String(line.split(separator: " ").first ?? "")
            let parts = name.split(separator: "-")
            guard parts.count == 4, parts[0] == "podium", parts[1] == "main" || parts[1] == "sub",
                  let pid = Int32(parts[2]) else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { _ = try? Self.ip(["netns", "delete", name]) }
        }
    }

    @discardableResult
    static func ip(_ args: [String]) throws -> String {
        guard let ip else { throw Failure(description: "no ip command (install iproute2)") }
        return try PostgresServer.run(ip, args)
    }
}
