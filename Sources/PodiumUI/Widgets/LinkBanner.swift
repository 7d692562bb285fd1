import Foundation
import PodiumCore

/// Whether a screen still hears from the venue's log. A board or console at a sub-venue reads
/// the log over the network (a PostgreSQL standby, issue 11); when that read fails the screen
/// keeps the last state it folded and says since when it has heard nothing, instead of going
/// dark or quitting. A file log on the same machine is always `.up`.
public enum LinkStatus: Sendable, Hashable {
    case up
    /// The first failed read was at `since`; nothing newer has been folded since then.
    case lost(since: Date)

    public var lostSince: Date? {
        if case let .lost(since) = self { return since }
        return nil
    }

    public var isUp: Bool { self == .up }

    /// Folds one attempt to read the log: a failure keeps the moment of the first one (a link
    /// that stays down does not move "since"), a success brings the link back. True when the
    /// status changed (the screen should redraw).
    @discardableResult
    public mutating func observe(reachable: Bool, at now: Date) -> Bool {
        let before = self
        if reachable { self = .up } else if case .up = self { self = .lost(since: now) }
        return self != before
    }
}

extension LinkStatus {
    /// Takes the reader's view of the link (`EventReader.link`, which keeps its own first
    /// "since"); true when the status changed.
    @discardableResult
    public mutating func follow(_ store: StoreLink) -> Bool {
        switch store {
        case .up: return observe(reachable: true, at: Date())
        case let .lost(since, _): return observe(reachable: false, at: since)
        }
    }
}

/// Every message about a lost link that a person sees, in both languages (one place, so the
/// message catalogue can take them over). `time` is already formatted (`HH:MM`, venue time).
public enum LinkMessage: Sendable, Hashable, CustomStringConvertible, Localized {
    /// The bar across the top of a board, console or judge console.
    case banner(time: String)
    /// A judge's sheet (or correction, or sign-off) typed while the link is down.
    case judgeRefused(time: String)
    /// The link broke while a judge's append was being committed: it may or may not have landed.
    case judgeUnknown(time: String)
    /// A staff command (announcement, schedule change, publication...) while the link is down.
    case staffRefused(time: String)

    /// In English, with their Chinese in the message catalogue.
    public var said: Said {
        switch self {
        case let .banner(t): return "⚠ Link lost since \(t) · last screen kept · catches up when the link is back"
        case let .judgeRefused(t): return "Link lost since \(t): not saved, nothing was written; submit again when the link is back"
        case let .judgeUnknown(t): return "Link lost while saving (\(t)): the marks may or may not be saved; when the link is back, check the sheet's submitted marks before submitting again"
        case let .staffRefused(t): return "Link lost since \(t): not done, nothing was written; try again when the link is back"
        }
    }

    public var description: String { said.text(.en) }
}

/// The link-lost bar: drawn over a screen's title row while the link is down, full width, in
/// the danger colour, so spectators and staff see at once that what is shown may be stale.
public struct LinkBanner: Widget {
    public var since: Date
    public var formats: Formats

    public init(since: Date, formats: Formats) {
        self.since = since
        self.formats = formats
    }

    public var text: String { LinkMessage.banner(time: formats.hourMinute(since)).text(formats.lang) }

    public func render(in area: Rect, into canvas: inout Canvas) {
        let style = Style(.danger, [.bold, .reverse])
        canvas.fill(area, style: style)
        canvas.put(" " + text, x: area.x, y: area.y, style: style, maxWidth: area.width)
    }

    /// Draws the bar over `row` when `status` is lost; false (nothing drawn) when the link is up.
    @discardableResult
    public static func draw(_ status: LinkStatus, formats: Formats, in row: Rect, into canvas: inout Canvas) -> Bool {
        guard let since = status.lostSince else { return false }
        canvas.render(LinkBanner(since: since, formats: formats), in: row)
        return true
    }
}
