import Foundation
import PodiumCore

/// The public board as a static file (`podium snapshot`), for a web page or for print. Both
/// forms show only what the board shows: results through `publicStandings` and
/// `medalTables(publicOnly: true)`, the reveal's current step while a ceremony runs.
public enum BoardSnapshot {
    /// Every page of the rotation as the board draws it at `width`×`height` (the reveal page
    /// alone while a ceremony runs; each sub-page of a long skill), one after another with a
    /// blank line between, trailing spaces trimmed.
    public static func text(_ model: BoardModel, theme: Theme = .builtIn, width: Int, height: Int, now: Date) -> String {
        var m = model
        m.overlay = nil
        m.fit(width: width, height: height)
        let pages: [BoardPage] = m.revealing ? [m.page] : m.pages
        var out: [String] = []
        for page in pages {
            m.go(to: page, now: now)
            for part in 0..<(m.revealing ? 1 : m.parts(of: page, now: now)) {
                if part > 0 { m.nextPage(now: now) }
                let canvas = BoardScreen.render(m, theme: theme, width: width, height: height, now: now)
                out.append(canvas.lines().map { line in
                    var l = Substring(line)
                    while l.last == " " { l = l.dropLast() }
                    return String(l)
                }.joined(separator: "\n"))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// The public results page (`PublicPage`): one self-contained HTML file; every piece of
    /// text from the venue is escaped. `refresh`: seconds between reloads, for a wall screen.
    public static func html(_ m: BoardModel, now: Date, refresh: Int? = nil) -> String {
        PublicPage.html(m, now: now, refresh: refresh)
    }

    /// Text for HTML: `& < > " '` escaped, control characters dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if !TextRules.isControl(u) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
