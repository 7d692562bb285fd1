import Foundation

/// One figure of a benchmark, as a value: what was measured, beside its anchor (the same
/// thing done the simplest possible way, measured in the same run) and its target.
/// `podium bench render` returns its figures as these, so a bench of benches can print every
/// figure in one table (`printFigureTable`).
struct BenchFigure: Sendable, Hashable {
    enum Unit: String, Sendable { case millis = "ms", bytes = "B", cells, percent = "% of a core" }

    /// How the target is read.
    enum Target: Sendable, Hashable {
        /// The value must be below this (in the figure's unit).
        case below(Double)
        /// The value must be below this fraction of the anchor.
        case belowShareOfAnchor(Double)
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
        }
    }

    static func format(_ v: Double, _ unit: Unit) -> String {
        switch unit {
        case .millis: return v < 10 ? String(format: "%.3f ms", v) : String(format: "%.1f ms", v)
        case .bytes: return "\(Int(v.rounded())) B"
        case .cells: return "\(Int(v.rounded())) cells"
        case .percent: return String(format: "%.2f %%", v)
        }
    }

    var valueText: String { Self.format(value, unit) }
    var anchorText: String {
        guard let anchor else { return "" }
        return Self.format(anchor, unit) + (anchorWhat.map { " (\($0))" } ?? "")
    }
    var ratioText: String {
        guard let ratio else { return "" }
        return unit == .millis || ratio >= 0.1 ? String(format: "%.2f×", ratio) : String(format: "%.2f %%", ratio * 100)
    }
    var targetText: String {
        switch target {
        case nil: return ""
        case let .below(limit): return "< " + Self.format(limit, unit)
        case let .belowShareOfAnchor(share): return String(format: "< %g %% of anchor", share * 100)
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
    let header = ["what", "value", "anchor", "ratio", "target", ""]
    let rows = figures.map { [$0.what, $0.valueText, $0.anchorText, $0.ratioText, $0.targetText, $0.metText] }
    let widths = (0..<header.count).map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces)
    }
    print(line(header))
    print(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)))
    for row in rows { print(line(row)) }
    let notes = figures.filter { !$0.note.isEmpty }
    if !notes.isEmpty {
        print("")
        for f in notes { print("  \(f.what): \(f.note)") }
    }
}

/// The load average (1, 5, 15 minutes) from /proc/loadavg, as printed beside every figure.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
