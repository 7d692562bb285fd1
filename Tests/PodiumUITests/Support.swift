import Foundation
@testable import PodiumUI

/// The canvas as text, one line per row with trailing spaces removed, for goldens written
/// as multi-line string literals (editors strip trailing spaces).
func screen(_ canvas: Canvas) -> String {
    canvas.lines().map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
}

/// A canvas with one widget rendered over all of it.
func rendered(_ widget: some Widget, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    canvas.render(widget, in: canvas.bounds)
    return canvas
}

/// Checks the canvas invariants: every continuation cell follows a wide glyph's head,
/// every head of a wide glyph is followed by its continuation, and every row shows
/// exactly `width` columns. Returns a description of the first violation.
func invariantViolation(_ canvas: Canvas) -> String? {
    for y in 0..<canvas.height {
        for x in 0..<canvas.width {
            let cell = canvas[x, y]
            if cell.isContinuation {
                guard x > 0, !canvas[x - 1, y].isContinuation,
                      TextWidth.width(of: Character(canvas[x - 1, y].grapheme)) == 2 else {
                    return "orphan continuation at (\(x), \(y))"
                }
            } else if TextWidth.width(of: Character(cell.grapheme)) == 2 {
                guard x + 1 < canvas.width, canvas[x + 1, y].isContinuation else {
                    return "wide glyph without continuation at (\(x), \(y))"
                }
            } else if TextWidth.width(of: Character(cell.grapheme)) != 1 {
                return "cell of width \(TextWidth.width(of: Character(cell.grapheme))) at (\(x), \(y))"
            }
        }
        let line = canvas.lines()[y]
        if TextWidth.width(of: line) != canvas.width {
            return "row \(y) is \(TextWidth.width(of: line)) columns wide"
        }
    }
    return nil
}

/// Scalars that must never reach a terminal from the data.
func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
    default: false
    }
}

/// The repository's themes directory.
let themesDirectory: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes").path

/// A small deterministic random generator, so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state ^ (state >> 29)
    }
}
