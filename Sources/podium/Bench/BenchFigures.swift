import Foundation

/// One figure of a benchmark, as a value: what was measured, beside its anchor (the same
/// thing done the simplest possible way, measured in the same run) and its target.
/// `podium bench render` returns its figures as these, so a bench of benches can print every
/// figure in one table (`printFigureTable`).
struct BenchFigure: Sendable, Hashable {
    enum Unit: String, Sendable { case millis = "ms", bytes = "B", cells, percent = "% of a core", micros = "µs", megabytes = "MB", perSecond = "/s" }

    /// How the target is read.
    enum Target: Sendable, Hashable {
        /// The value must be below this (in the figure's unit).
        case below(Double)
        /// The value must be below this fraction of the anchor.
        case belowShareOfAnchor(Double)
        /// The value must be at least this fraction of the anchor (a rate).
        case atLeastShareOfAnchor(Double)
        /// The value must be at most this fraction of the anchor ("at or below").
        case atMostShareOfAnchor(Double)
    }

    /// The benchmark it belongs to (`render`).
    var bench: String
    var what: String
    var value: Double
    var unit: Unit
    var anchor: Double?
    /// What the anchor is, in a few words.
    var anchorWhat: String?
    var target: Target?
    /// Anything a reader needs to trust the figure (samples, size, exactness).
    var note: String = ""
    /// The load average when it was measured (`podium bench all` stamps each bench's figures).
    var load: String = ""

    /// value / anchor.
    var ratio: Double? {
        guard let anchor, anchor != 0 else { return nil }
        return value / anchor
    }

    /// Whether the target is met (nil: no target, or no anchor for a relative one).
    var met: Bool? {
        switch target {
        case nil: return nil
        case let .below(limit): return value < limit
        case let .belowShareOfAnchor(share): return ratio.map { $0 < share }
        case let .atLeastShareOfAnchor(share): return ratio.map { $0 >= share }
        case let .atMostShareOfAnchor(share): return ratio.map { $0 <= share }
        }
    }

    static func format(_ v: Double, _ unit: Unit) -> String {
        switch unit {
        case .millis: return v < 10 ? String(format: "%.3f ms", v) : String(format: "%.1f ms", v)
        case .bytes: return "\(Int(v.rounded())) B"
        case .cells: return "\(Int(v.rounded())) cells"
        case .percent: return String(format: "%.2f %%", v)
        case .micros: return String(format: "%.1f µs", v)
        case .megabytes: return String(format: "%.0f MB", v)
        case .perSecond: return String(format: "%.0f/s", v)
        }
    }

    var valueText: String { Self.format(value, unit) }
    var anchorText: String {
        guard let anchor else { return "" }
        return Self.format(anchor, unit) + (anchorWhat.map { " (\($0))" } ?? "")
    }
    var ratioText: String {
        guard let ratio else { return "" }
        return unit == .millis || unit == .micros || ratio >= 0.1 ? String(format: "%.2f×", ratio) : String(format: "%.2f %%", ratio * 100)
    }
    var targetText: String {
        switch target {
        case nil: return ""
        case let .below(limit): return "< " + Self.format(limit, unit)
        case let .belowShareOfAnchor(share): return String(format: "< %g %% of anchor", share * 100)
        case let .atLeastShareOfAnchor(share): return String(format: "≥ %g %% of anchor", share * 100)
        case let .atMostShareOfAnchor(share): return String(format: "≤ %g %% of anchor", share * 100)
        }
    }
    var metText: String {
        switch met {
        case nil: return ""
        case true?: return "met"
        case false?: return "MISSED"
        }
    }
}

/// Prints figures as one aligned table: what, value, anchor, ratio, target, met.
func printFigureTable(_ figures: [BenchFigure]) {
    for line in figureTableLines(figures) { print(line) }
}

/// The lines of `printFigureTable`: a header, a rule, a row per figure (what, value, anchor,
/// ratio, target, met; with `bench` and `load` columns when any figure has a load stamped, as
/// `podium bench all` does), then the notes.
func figureTableLines(_ figures: [BenchFigure]) -> [String] {
    let stamped = figures.contains { !$0.load.isEmpty }
    let header = (stamped ? ["bench"] : []) + ["what", "value", "anchor", "ratio", "target", ""] + (stamped ? ["load"] : [])
    let rows = figures.map { f in
        (stamped ? [f.bench] : []) + [f.what, f.valueText, f.anchorText, f.ratioText, f.targetText, f.metText] + (stamped ? [f.load] : [])
    }
    let widths = (0..<header.count).map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces)
    }
    var out = [line(header), String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))]
    out += rows.map(line)
    let notes = figures.filter { !$0.note.isEmpty }
    if !notes.isEmpty {
        out.append("")
        out += notes.map { "  \($0.what): \($0.note)" }
    }
    return out
}

/// The load average (1, 5, 15 minutes) from /proc/loadavg, as printed beside every figure.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
