/// A medal or award of a skill's final round. `excellence` is the Medallion for Excellence (优胜奖).
public enum Medal: String, Codable, Sendable, CaseIterable {
    case gold, silver, bronze, excellence
}

/// What one aspect contributes to a competitor's raw total.
public enum AspectOutcome: Hashable, Sendable {
    /// The mark counts (exact).
    case mark(Rational)
    /// No entry yet: adds 0 and makes the total provisional.
    case missing
    /// Judgement: fewer than `need` (the skill's panel) judges have scored. Adds 0, provisional.
    case incompletePanel(have: Int, need: Int)
    /// Judgement: the judges' scores differ by more than 1 (`spread` = max − min). Adds 0,
    /// provisional, "needs review": the chief judge asks for re-marking.
    case disputed(spread: Int)

    /// Whether the aspect's mark counts toward the total.
    public var counts: Bool {
        if case .mark = self { return true }
        return false
    }

    /// The mark it adds: the mark when it counts, else 0.
    public var value: Rational {
        if case let .mark(v) = self { return v }
        return .zero
    }

    /// Whether the chief judge has to act (a judgement spread above 1).
    public var needsReview: Bool {
        if case .disputed = self { return true }
        return false
    }
}

/// The pure marking and results rules of `docs/scoring.md`: no events, no state, no I/O.
public enum Scoring {
    /// A competitor's raw total over the marking scheme.
    public struct Total: Hashable, Sendable {
        /// The exact sum of the aspect marks that count.
        public var raw: Rational
        /// `raw` rounded half up to two decimals, once: what is shown, standardised and ranked.
        public var rawRounded: Fixed2
        /// Each module's exact total rounded half up, in the order given (for display and the
        /// `modules` tie-break). They need not add up to `rawRounded`, which is rounded once.
        public var moduleTotals: [Fixed2]
        /// Some aspect does not count yet (missing, incomplete panel or disputed).
        public var provisional: Bool

        public init(raw: Rational, rawRounded: Fixed2, moduleTotals: [Fixed2], provisional: Bool) {
            self.raw = raw; self.rawRounded = rawRounded; self.moduleTotals = moduleTotals; self.provisional = provisional
        }
    }

    /// Measurement: the awarded mark (the latest entry, already validated to 0...max), or nil
    /// when nothing has been entered.
    public static func measurement(_ mark: Fixed2?) -> AspectOutcome {
        guard let mark else { return .missing }
        return .mark(Rational(mark))
    }

    /// Judgement: `scores` holds the latest score (0...3) of each judge who has scored.
    ///
    /// - no score at all: `.missing`;
    /// - a spread (max − min) above 1: `.disputed`, even before the panel is complete, since a
    ///   further score can only widen the spread, never heal it;
    /// - fewer than `panel` scores: `.incompletePanel`;
    /// - otherwise the mark, exactly: mean(scores) / 3 × max = Σscores × max / (3 × count).
    ///   More scores than `panel` all count.
    public static func judgement(scores: [Int], max: Fixed2, panel: Int) -> AspectOutcome {
        guard var lo = scores.first else { return .missing }
        var hi = lo, sum = 0
        for s in scores {
            assert((0...3).contains(s), "judgement score out of 0...3")
            if s < lo { lo = s }
            if s > hi { hi = s }
            sum += s
        }
        if hi - lo > 1 { return .disputed(spread: hi - lo) }
        if scores.count < panel { return .incompletePanel(have: scores.count, need: panel) }
        // Σ / (3n) × hundredths / 100
        return .mark(Rational(Int64(sum) * max.hundredths, Int64(scores.count) * 300))
    }

    /// The raw total: the exact sum of every aspect's mark, rounded half up only once, at the end.
    /// `modules` holds each module's aspect outcomes, in scheme order; `moduleTotals` follows it.
    /// Provisional when any aspect does not count.
    public static func total(modules: [[AspectOutcome]]) -> Total {
        total(moduleSums: modules.map(moduleSum))
    }

    /// One module's exact sum, and whether any of its aspects does not count.
    public static func moduleSum(_ aspects: [AspectOutcome]) -> ModuleSum {
        var m = Rational.zero
        var provisional = false
        for a in aspects {
            if case let .mark(v) = a { m += v } else { provisional = true }
        }
        return ModuleSum(raw: m, provisional: provisional)
    }

    /// The total from module sums: a competitor's sheet keeps one per module and recomputes only
    /// the module a mark touches.
    public static func total(moduleSums: [ModuleSum]) -> Total {
        var raw = Rational.zero
        var provisional = false
        var moduleTotals: [Fixed2] = []
        moduleTotals.reserveCapacity(moduleSums.count)
        for m in moduleSums {
            moduleTotals.append(m.raw.roundedHalfUp())
            raw += m.raw
            provisional = provisional || m.provisional
        }
        return Total(raw: raw, rawRounded: raw.roundedHalfUp(), moduleTotals: moduleTotals, provisional: provisional)
    }

    public struct ModuleSum: Hashable, Sendable {
        public var raw: Rational
        public var provisional: Bool
    }
}
