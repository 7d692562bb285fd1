/// A rectangle of cells: columns `x ..< x + width`, rows `y ..< y + height`.
/// Width and height are never negative.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    public static let zero = Rect(width: 0, height: 0)

    /// One past the last column.
    public var maxX: Int { x + width }
    /// One past the last row.
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var area: Int { width * height }

    public var description: String { "Rect(x: \(x), y: \(y), w: \(width), h: \(height))" }

    public func contains(x column: Int, y row: Int) -> Bool {
        (x..<maxX).contains(column) && (y..<maxY).contains(row)
    }

    /// The cells both rectangles cover (empty, at this origin, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle shrunk by `horizontal` columns on the left and right and `vertical`
    /// rows at the top and bottom.
    public func inset(horizontal: Int = 0, vertical: Int = 0) -> Rect {
        let dx = min(horizontal, width / 2)
        let dy = min(vertical, height / 2)
        return Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// The rectangle shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        inset(horizontal: amount, vertical: amount)
    }

    /// A rectangle of at most the given size, centred in this one (odd space goes right
    /// and down).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width)
        let ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The single row `row` (relative to the top), or an empty rectangle outside.
    public func row(_ row: Int) -> Rect {
        guard (0..<height).contains(row) else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + row, width: width, height: 1)
    }

    // MARK: Splitting off one edge

    /// The top `rows` rows, and the rest.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: n),
                Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// The bottom `rows` rows, and the rest.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - n),
                Rect(x: x, y: maxY - n, width: width, height: n))
    }

    /// The left `columns` columns, and the rest.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: n, height: height),
                Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// The right `columns` columns, and the rest.
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: width - n, height: height),
                Rect(x: maxX - n, y: y, width: n, height: height))
    }

    // MARK: Constraint layout

    /// Splits the rectangle into stacked rows, one per constraint (see `Constraint`).
    public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Constraint.solve(constraints, length: height, spacing: spacing).map {
            Rect(x: x, y: y + $0.offset, width: width, height: $0.length)
        }
    }

    /// Splits the rectangle into side-by-side columns, one per constraint.
    public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Constraint.solve(constraints, length: width, spacing: spacing).map {
            Rect(x: x + $0.offset, y: y, width: $0.length, height: height)
        }
    }
}

/// How much of a row or column split one part takes.
///
/// Solving: `length` and `percentage` parts, and the minimum of `min` parts, are given
/// first, in order, each clipped to what is left (so the last parts shrink when space is
/// short). The space left over is shared by `fill` parts (by weight) and `min` parts
/// (weight 1); the odd cells go to the first of them. Without such parts, the leftover
/// stays unused after the last part. `spacing` cells separate neighbouring parts.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells.
    case length(Int)
    /// This percentage of the whole length (spacing excluded), rounded down.
    case percentage(Int)
    /// At least this many cells; grows like `fill(1)`.
    case min(Int)
    /// A share of the leftover space, in proportion to the weight.
    case fill(Int = 1)

    /// Offsets and lengths of the parts along an axis of `length` cells.
    static func solve(_ constraints: [Constraint], length: Int, spacing: Int)
        -> [(offset: Int, length: Int)]
    {
        guard !constraints.isEmpty else { return [] }
        let gaps = max(0, spacing) * (constraints.count - 1)
        let total = max(0, length - gaps)
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = total

        for (i, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .length(let n): wanted = n
            case .percentage(let p): wanted = total * Swift.min(Swift.max(p, 0), 100) / 100
            case .min(let n): wanted = n
            case .fill: wanted = 0
            }
            sizes[i] = Swift.min(Swift.max(0, wanted), remaining)
            remaining -= sizes[i]
        }

        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): Swift.max(0, w)
            case .min: 1
            case .length, .percentage: 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0, remaining > 0 {
            var shares = weights.map { remaining * $0 / totalWeight }
            var odd = remaining - shares.reduce(0, +)
            for i in shares.indices where weights[i] > 0 && odd > 0 {
                shares[i] += 1
                odd -= 1
            }
            for i in sizes.indices { sizes[i] += shares[i] }
        }

        var offset = 0
        var parts: [(offset: Int, length: Int)] = []
        for size in sizes {
            let clippedOffset = Swift.min(offset, length)
            parts.append((clippedOffset, Swift.min(size, length - clippedOffset)))
            offset += size + Swift.max(0, spacing)
        }
        return parts
    }
}
