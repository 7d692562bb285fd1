/// A colour as a theme states it.
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case `default`
    /// An entry of the terminal palette, 0–255: 0–7 the basic colours, 8–15 their bright
    /// variants, 16–231 the 6×6×6 colour cube, 232–255 the grey ramp.
    case index(UInt8)
    /// A 24-bit colour, shown as the nearest palette entry (see `adapted(to:)`).
    case rgb(UInt8, UInt8, UInt8)

    /// The names accepted in theme files, with their palette index.
    public static let names: [(name: String, index: UInt8)] = {
        let basic = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        return basic.enumerated().map { ($0.element, UInt8($0.offset)) }
            + basic.enumerated().map { ("bright-" + $0.element, UInt8($0.offset + 8)) }
    }()

    /// Parses `"#RRGGBB"`, `"default"` or a colour name (see `names`).
    public init?(name: String) {
        if name == "default" {
            self = .default
        } else if let entry = Self.names.first(where: { $0.name == name }) {
            self = .index(entry.index)
        } else if name.hasPrefix("#"), name.count == 7,
                  name.dropFirst().allSatisfy(\.isHexDigit),
                  let value = UInt32(name.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// The form a theme file would use.
    public var description: String {
        switch self {
        case .default: return "default"
        case .index(let i): return Self.names.first { $0.index == i }?.name ?? String(i)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { hex in
                let digits = String(hex, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }

    /// The palette index a terminal backend passes to `init_pair`: -1 for the default
    /// colour. `nil` for an RGB colour, which must be adapted to a depth first.
    public var paletteIndex: Int? {
        switch self {
        case .default: return -1
        case .index(let i): return Int(i)
        case .rgb: return nil
        }
    }

    /// The colour as the terminal can show it at a colour depth:
    /// - `.c256`: RGB becomes the nearest entry of the xterm colour cube or grey ramp
    ///   (16–255, never 0–15, whose look each user's terminal redefines); indexes stay.
    /// - `.eight`: bright variants 8–15 drop to 0–7; other indexes and RGB become the
    ///   nearest of the 8 basic colours (taken as black, and red, green, yellow, blue,
    ///   magenta, cyan, white at component level 170, as the VGA palette has them).
    /// - `.none`: everything becomes the terminal's default colour.
    ///
    /// "Nearest" is the smallest squared distance between RGB components; ties go to the
    /// lower index.
    public func adapted(to depth: ColorDepth) -> ThemeColor {
        switch (depth, self) {
        case (.none, _), (_, .default):
            return .default
        case (.c256, .index):
            return self
        case (.c256, .rgb(let r, let g, let b)):
            return .index(Palette.nearest(to: (r, g, b), in: 16...255))
        case (.eight, .index(let i)) where i < 16:
            return .index(i % 8)
        case (.eight, .index(let i)):
            return .index(Palette.nearest(to: Palette.rgb(ofIndex: i), in: 0...7))
        case (.eight, .rgb(let r, let g, let b)):
            return .index(Palette.nearest(to: (r, g, b), in: 0...7))
        }
    }
}

/// How many colours the terminal can show.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    /// No colour at all: attributes only.
    case none = 0
    /// The 8 basic colours.
    case eight = 8
    /// The 256-colour xterm palette.
    case c256 = 256

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// The depth to draw with: `.none` when `NO_COLOR` is set to a non-empty value
    /// (https://no-color.org), otherwise the largest depth within the number of colours the
    /// terminal reports (ncurses' `COLORS`, 0 when it has no colour).
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminalColors >= 256 { return .c256 }
        if terminalColors >= 8 { return .eight }
        return .none
    }
}

/// The reference palette used to find nearest colours.
enum Palette {
    typealias RGB = (r: UInt8, g: UInt8, b: UInt8)

    /// Levels of the xterm 6×6×6 cube.
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The 16 basic entries: VGA-like levels 0/170 for 0–7, 85/255 for 8–15.
    static let basic: [RGB] = (0..<16).map { i in
        let on: UInt8 = i < 8 ? 170 : 255
        let off: UInt8 = i < 8 ? 0 : 85
        return (i & 1 != 0 ? on : off, i & 2 != 0 ? on : off, i & 4 != 0 ? on : off)
    }

    /// The RGB value of a palette entry.
    static func rgb(ofIndex index: UInt8) -> RGB {
        switch index {
        case 0..<16:
            return basic[Int(index)]
        case 16...231:
            let n = Int(index) - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
    }

    /// The entry in `range` nearest to `color`.
    static func nearest(to color: RGB, in range: ClosedRange<UInt8>) -> UInt8 {
        var best = range.lowerBound
        var bestDistance = Int.max
        for index in range {
            let candidate = rgb(ofIndex: index)
            let dr = Int(candidate.r) - Int(color.r)
            let dg = Int(candidate.g) - Int(color.g)
            let db = Int(candidate.b) - Int(color.b)
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return best
    }
}
