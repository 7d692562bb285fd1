import Testing
@testable import PodiumCore

/// The marking and results rules (`docs/scoring.md`), one worked example per rule, the
/// arithmetic written out beside each.
@Suite struct ScoringTests {
    /// "46.67" as an exact two-decimal value.
    func f(_ s: String) -> Fixed2 { Fixed2(parsing: s)! }
    func fs(_ s: [String]) -> [Fixed2] { s.map(f) }

    // MARK: Rational

    @Test func rationalIsReducedExactAndOrdered() {
        #expect(Rational(6, -4) == Rational(-3, 2))
        #expect(Rational(6, -4).num == -3 && Rational(6, -4).den == 2)
        #expect(Rational(0, -7) == .zero && Rational(0, -7).den == 1)
        #expect(Rational(f("87.25")) == Rational(349, 4))
        // 1/3 + 1/6 = 1/2; 2/3 × 3/4 = 1/2; (1/2) / (1/4) = 2; 1/3 − 1/2 = −1/6
        #expect(Rational(1, 3) + Rational(1, 6) == Rational(1, 2))
        #expect(Rational(2, 3) * Rational(3, 4) == Rational(1, 2))
        #expect(Rational(1, 2) / Rational(1, 4) == Rational(2))
        #expect(Rational(1, 3) - Rational(1, 2) == Rational(-1, 6))
        #expect(Rational(1, 3) < Rational(34, 100))
        #expect(Rational(-1, 3) < Rational(-33, 100))
        #expect(Rational(140, 3).description == "140/3")
        #expect(Rational(5).description == "5")
        // Comparison of values whose cross products exceed Int64 does not overflow.
        #expect(Rational(Int64.max, 3) > Rational(Int64.max - 1, 3))
        #expect(Rational(Int64.max / 2, 7) < Rational(Int64.max / 2, 5))
    }

    // MARK: Rounding half up

    @Test func roundingHalfUp() {
        // 87.125 is exactly half a hundredth above 87.12: up to 87.13.
        #expect(Rational(87125, 1000).roundedHalfUp() == f("87.13"))
        // 0.005 → 0.01; 0.00499… → 0.00
        #expect(Rational(5, 1000).roundedHalfUp() == f("0.01"))
        #expect(Rational(499, 100_000).roundedHalfUp() == f("0.00"))
        // 46.666… → 46.67; 33.333… → 33.33; whole values stay whole.
        #expect(Rational(140, 3).roundedHalfUp() == f("46.67"))
        #expect(Rational(100, 3).roundedHalfUp() == f("33.33"))
        #expect(Rational(87).roundedHalfUp() == f("87.00"))
        // Negative values (only standardisation deltas) go toward +∞ at exactly half:
        // −0.005 → 0.00, −1.235 → −1.23, but −1.236 → −1.24.
        #expect(Rational(-5, 1000).roundedHalfUp() == f("0.00"))
        #expect(Rational(-1235, 1000).roundedHalfUp() == f("-1.23"))
        #expect(Rational(-1236, 1000).roundedHalfUp() == f("-1.24"))
    }

    // MARK: Judgement

    @Test func judgementMarkIsTheMeanOverThreeTimesMax() {
        // Scores 2, 2, 3 of max 60: mean 7/3, mark = 7/3 ÷ 3 × 60 = 7/9 × 60 = 140/3 = 46.666…
        let o = Scoring.judgement(scores: [2, 2, 3], max: Fixed2(60), panel: 3)
        #expect(o == .mark(Rational(140, 3)))
        #expect(o.counts)
        #expect(o.value.roundedHalfUp() == f("46.67"))
        // All 3s give the maximum; all 0s give 0 (and count).
        #expect(Scoring.judgement(scores: [3, 3, 3], max: f("7.50"), panel: 3) == .mark(Rational(f("7.50"))))
        #expect(Scoring.judgement(scores: [0, 0, 0], max: f("7.50"), panel: 3) == .mark(.zero))
    }

    @Test func judgementSpreadAboveOneIsDisputed() {
        // 1, 3, 2: max − min = 3 − 1 = 2 > 1 → disputed, needs review, adds 0.
        let o = Scoring.judgement(scores: [1, 3, 2], max: Fixed2(10), panel: 3)
        #expect(o == .disputed(spread: 2))
        #expect(!o.counts && o.needsReview && o.value == .zero)
        // 0 and 3: spread 3.
        #expect(Scoring.judgement(scores: [0, 3, 3], max: Fixed2(10), panel: 3) == .disputed(spread: 3))
    }

    @Test func judgementSpreadOfExactlyOneCounts() {
        // 1, 2, 2: spread 1 is fine. Mark = 5/3 ÷ 3 × 9 = 5/9 × 9 = 5.
        let o = Scoring.judgement(scores: [1, 2, 2], max: Fixed2(9), panel: 3)
        #expect(o == .mark(Rational(5)))
        #expect(o.counts && !o.needsReview)
    }

    @Test func judgementIncompletePanel() {
        // 2 of a panel of 3 have scored: incomplete, adds 0.
        let o = Scoring.judgement(scores: [2, 3], max: Fixed2(10), panel: 3)
        #expect(o == .incompletePanel(have: 2, need: 3))
        #expect(!o.counts && o.value == .zero)
        // A panel of 5 (configured) with 3 scores is incomplete too.
        #expect(Scoring.judgement(scores: [2, 2, 2], max: Fixed2(10), panel: 5) == .incompletePanel(have: 3, need: 5))
        // No score yet: missing.
        #expect(Scoring.judgement(scores: [], max: Fixed2(10), panel: 3) == .missing)
        // A spread above 1 is reported even before the panel is complete: a third score
        // cannot narrow it.
        #expect(Scoring.judgement(scores: [0, 2], max: Fixed2(10), panel: 3) == .disputed(spread: 2))
    }

    @Test func moreJudgesThanThePanelAllCount() {
        // 4 scores, panel 3: all four count. 3, 3, 2, 2 → mean 10/4 = 2.5; 2.5 ÷ 3 × 6 = 5.00.
        #expect(Scoring.judgement(scores: [3, 3, 2, 2], max: Fixed2(6), panel: 3) == .mark(Rational(5)))
        // 1, 1, 1, 2 of max 0.30 → mean 5/4; 5/12 × 0.30 = 0.125 exactly → rounds half up to 0.13.
        let o = Scoring.judgement(scores: [1, 1, 1, 2], max: f("0.30"), panel: 3)
        #expect(o == .mark(Rational(1, 8)))
        #expect(o.value.roundedHalfUp() == f("0.13"))
    }

    // MARK: Measurement and totals

    @Test func measurementIsTheAwardedMark() {
        #expect(Scoring.measurement(f("4.75")) == .mark(Rational(19, 4)))
        #expect(Scoring.measurement(f("0.00")) == .mark(.zero))
        #expect(Scoring.measurement(f("0.00")).counts)
        #expect(Scoring.measurement(nil) == .missing)
        #expect(!Scoring.measurement(nil).counts)
    }

    @Test func missingAspectAddsZeroAndIsProvisional() {
        // Module A: M 20.50 + missing; module B: M 30.25. Total = 20.50 + 0 + 30.25 = 50.75, provisional.
        let t = Scoring.total(modules: [[Scoring.measurement(f("20.50")), Scoring.measurement(nil)],
                                        [Scoring.measurement(f("30.25"))]])
        #expect(t.raw == Rational(f("50.75")))
        #expect(t.rawRounded == f("50.75"))
        #expect(t.moduleTotals == fs(["20.50", "30.25"]))
        #expect(t.provisional)
        // Disputed and incomplete judgements add 0 and make it provisional as well.
        let d = Scoring.total(modules: [[.mark(Rational(10)), .disputed(spread: 2), .incompletePanel(have: 2, need: 3)]])
        #expect(d.rawRounded == f("10.00") && d.provisional)
        // Everything counts: not provisional.
        let c = Scoring.total(modules: [[.mark(Rational(10))], [.mark(Rational(5, 2))]])
        #expect(c.rawRounded == f("12.50") && !c.provisional)
        // No modules at all: 0, not provisional.
        #expect(Scoring.total(modules: []) == Scoring.Total(raw: .zero, rawRounded: .zero, moduleTotals: [], provisional: false))
    }

    @Test func rawTotalIsExactAndRoundedOnce() {
        // Three judgement aspects of max 5, in three modules, each scored 2, 2, 2:
        // each mark = 2/3 × 5 = 10/3 = 3.333…, which alone would round to 3.33.
        // Exact sum: 10/3 × 3 = 10 → 10.00. Rounding each first would give 3.33 × 3 = 9.99.
        let j = Scoring.judgement(scores: [2, 2, 2], max: Fixed2(5), panel: 3)
        #expect(j == .mark(Rational(10, 3)))
        let t = Scoring.total(modules: [[j], [j], [j]])
        #expect(t.raw == Rational(10))
        #expect(t.rawRounded == f("10.00"))
        #expect(t.moduleTotals == fs(["3.33", "3.33", "3.33"]))
        let sumOfRoundings = t.moduleTotals.reduce(Fixed2.zero, +)
        #expect(sumOfRoundings == f("9.99"))
        #expect(sumOfRoundings != t.rawRounded)
        // Mixed: M 40.25 + J (2,2,3 of 60 = 140/3) + J (1,1,2 of 10 = 4/9 × 10 = 40/9)
        // = 161/4 + 140/3 + 40/9 = (1449 + 1680 + 160) / 36 = 3289/36 = 91.3611… → 91.36.
        let m = Scoring.total(modules: [[Scoring.measurement(f("40.25")),
                                         Scoring.judgement(scores: [2, 2, 3], max: Fixed2(60), panel: 3)],
                                        [Scoring.judgement(scores: [1, 1, 2], max: Fixed2(10), panel: 3)]])
        #expect(m.raw == Rational(3289, 36))
        #expect(m.rawRounded == f("91.36"))
        // Module A = 161/4 + 140/3 = 1043/12 = 86.9166… → 86.92; module B = 40/9 = 4.444… → 4.44.
        #expect(m.moduleTotals == fs(["86.92", "4.44"]))
        #expect(!m.provisional)
    }

    // MARK: Standardisation

    @Test func noStandardisationIsTheRawTotal() {
        let raws = fs(["87.25", "91.00", "45.50"])
        #expect(Scoring.standardise(raws, method: .none, k: Fixed2(30)) == raws)
        #expect(Scoring.standardise([], method: .scale700, k: Fixed2(30)) == [])
    }

    @Test func scale700WorkedExample() {
        // Raws 60, 70, 75, 80, 90. Median 75.
        // Absolute deviations 15, 5, 0, 5, 15 → sorted 0, 5, 5, 15, 15 → MAD = 5.
        // spread = 1.4826 × 5 = 7.413; k = 30.
        //   60: 700 + 30 × (−15) / 7.413 = 700 − 60.7041… = 639.2958… → 639.30
        //   70: 700 + 30 × (−5)  / 7.413 = 700 − 20.2347… = 679.7652… → 679.77
        //   75: 700
        //   80: 700 + 20.2347… = 720.2347… → 720.23
        //   90: 700 + 60.7041… = 760.7041… → 760.70
        let s = Scoring.standardise(fs(["60", "70", "75", "80", "90"]), method: .scale700, k: Fixed2(30))
        #expect(s == fs(["639.30", "679.77", "700.00", "720.23", "760.70"]))
        // Input order is kept.
        let r = Scoring.standardise(fs(["90", "60", "75", "80", "70"]), method: .scale700, k: Fixed2(30))
        #expect(r == fs(["760.70", "639.30", "700.00", "720.23", "679.77"]))
    }

    @Test func scale700EvenCountMedianBetweenTwo() {
        // Raws 88.50, 92.25, 75.00, 81.40, 79.90, 85.00.
        // Sorted 75.00, 79.90, 81.40, 85.00, 88.50, 92.25: median = (81.40 + 85.00) / 2 = 83.20.
        // |raw − 83.20|: 5.30, 9.05, 8.20, 1.80, 3.30, 1.80 → sorted 1.80, 1.80, 3.30, 5.30, 8.20, 9.05
        // MAD = (3.30 + 5.30) / 2 = 4.30; spread = 1.4826 × 4.30 = 6.37518.
        //   88.50: 700 + 30 × 5.30 / 6.37518 = 700 + 24.9404… → 724.94
        //   92.25: 700 + 30 × 9.05 / 6.37518 = 700 + 42.5870… → 742.59
        //   75.00: 700 − 30 × 8.20 / 6.37518 = 700 − 38.5871… = 661.4128… → 661.41
        //   81.40: 700 − 30 × 1.80 / 6.37518 = 700 − 8.4703… = 691.5296… → 691.53
        //   79.90: 700 − 30 × 3.30 / 6.37518 = 700 − 15.5289… = 684.4710… → 684.47
        //   85.00: 700 + 8.4703… → 708.47
        let s = Scoring.standardise(fs(["88.50", "92.25", "75.00", "81.40", "79.90", "85.00"]),
                                    method: .scale700, k: Fixed2(30))
        #expect(s == fs(["724.94", "742.59", "661.41", "691.53", "684.47", "708.47"]))
    }

    @Test func scale700WithMADZeroUsesThePopulationStandardDeviation() {
        // Raws 55, 70, 70, 70, 80. Median 70; deviations 15, 0, 0, 0, 10 → MAD = 0.
        // Mean = 345 / 5 = 69; (x − mean)² = 196, 1, 1, 1, 121 → Σ = 320; variance = 320 / 5 = 64; σ = 8.
        //   55: 700 + 30 × (−15) / 8 = 700 − 56.25 = 643.75
        //   70: 700 (the median, not the mean, is the centre)
        //   80: 700 + 30 × 10 / 8 = 737.50
        let s = Scoring.standardise(fs(["55", "70", "70", "70", "80"]), method: .scale700, k: Fixed2(30))
        #expect(s == fs(["643.75", "700.00", "700.00", "700.00", "737.50"]))

        // An irrational σ: raws 60, 70, 70, 70, 80. Mean 70; Σ(x − mean)² = 200; variance 40;
        // σ = √40 = 6.3245553…
        //   60: 700 − 300 / 6.3245553… = 700 − 47.4341649… = 652.5658… → 652.57
        //   80: 700 + 47.4341649… = 747.4341… → 747.43
        let t = Scoring.standardise(fs(["60", "70", "70", "70", "80"]), method: .scale700, k: Fixed2(30))
        #expect(t == fs(["652.57", "700.00", "700.00", "700.00", "747.43"]))

        // Raws 70, 70, 70, 71: σ = √0.1875 = 0.4330127…; 71: 700 + 30 / 0.4330127… = 769.2820… → 769.28
        let u = Scoring.standardise(fs(["70", "70", "70", "71"]), method: .scale700, k: Fixed2(30))
        #expect(u == fs(["700.00", "700.00", "700.00", "769.28"]))
    }

    @Test func scale700StandardDeviationPathRoundsExactHalvesUp() {
        // Raws 55, 70, 70, 70, 80 again (σ = 8), with a tiny k to land exactly on half a hundredth.
        // k = 0.02: 80 → 700 + 0.02 × 10 / 8 = 700.025 → 700.03 (half up);
        //           55 → 700 − 0.02 × 15 / 8 = 699.9625 → 699.96.
        let a = Scoring.standardise(fs(["55", "70", "70", "70", "80"]), method: .scale700, k: f("0.02"))
        #expect(a == fs(["699.96", "700.00", "700.00", "700.00", "700.03"]))
        // k = 0.04: 55 → 700 − 0.04 × 15 / 8 = 699.925 → 699.93 (half toward +∞);
        //           80 → 700 + 0.04 × 10 / 8 = 700.05.
        let b = Scoring.standardise(fs(["55", "70", "70", "70", "80"]), method: .scale700, k: f("0.04"))
        #expect(b == fs(["699.93", "700.00", "700.00", "700.00", "700.05"]))
    }

    @Test func scale700StandardDeviationPathAgreesWithFloatingPoint() {
        // The exact integer-square-root path against a Double reference, on 300 generated sets
        // where more than half the entries share the median (so MAD = 0), skipping values within
        // 1e-6 hundredths of a rounding tie (where Double could misround).
        var seed: UInt64 = 0x5eed
        func next(_ n: Int64) -> Int64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int64((seed >> 33) % UInt64(n))
        }
        var compared = 0
        for _ in 0..<300 {
            let n = 3 + Int(next(28))
            let centre = 3000 + next(6000)
            var raws = [Fixed2](repeating: Fixed2(hundredths: centre), count: n)
            for i in 0..<(n - 1) / 2 where next(3) != 0 { raws[i] = Fixed2(hundredths: centre + next(4001) - 2000) }
            let k = Fixed2(hundredths: 1 + next(10_000))
            let got = Scoring.standardise(raws, method: .scale700, k: k)
            let xs = raws.map(\.doubleValue)
            let mean = xs.reduce(0, +) / Double(n)
            let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
            for (x, g) in zip(xs, got) {
                guard sd > 0 else { #expect(g == Fixed2(700)); continue }
                let h = (700 + k.doubleValue * (x - centre.asMarks) / sd) * 100
                let frac = h - h.rounded(.down)
                guard abs(frac - 0.5) > 1e-6 else { continue }
                #expect(g.hundredths == Int64((h + 0.5).rounded(.down)), "raws \(raws) k \(k)")
                compared += 1
            }
        }
        #expect(compared > 1000)
    }

    @Test func scale700AllEqualIsAll700() {
        // MAD = 0 and σ = 0: everyone is the median.
        let s = Scoring.standardise(fs(["82.50", "82.50", "82.50"]), method: .scale700, k: Fixed2(30))
        #expect(s == fs(["700.00", "700.00", "700.00"]))
        #expect(Scoring.standardise(fs(["50"]), method: .scale700, k: Fixed2(30)) == fs(["700.00"]))
    }

    @Test func scale700KIsConfigurable() {
        // Same raws as the σ = 8 example, k = 50: 55 → 700 − 50 × 15 / 8 = 606.25; 80 → 700 + 62.50 = 762.50.
        let s = Scoring.standardise(fs(["55", "70", "70", "70", "80"]), method: .scale700, k: Fixed2(50))
        #expect(s == fs(["606.25", "700.00", "700.00", "700.00", "762.50"]))
        // MAD path, k = 100: 60 → 700 − 100 × 15 / 7.413 = 700 − 202.3472… = 497.6527… → 497.65.
        let m = Scoring.standardise(fs(["60", "70", "75", "80", "90"]), method: .scale700, k: Fixed2(100))
        #expect(m == fs(["497.65", "632.55", "700.00", "767.45", "902.35"]))
        // k = 0: everyone at 700.
        #expect(Scoring.standardise(fs(["60", "70", "90"]), method: .scale700, k: .zero) == fs(["700.00", "700.00", "700.00"]))
    }

    // MARK: Ranking

    @Test func standardCompetitionRanking() {
        // 91.00, 87.25, 87.25, 80.00 → 1, 2, 2, 4 (no rank 3).
        let r = Scoring.rank(scores: fs(["87.25", "91.00", "80.00", "87.25"]), moduleTotals: [], tieBreak: .none)
        #expect(r == [2, 1, 4, 2])
        #expect(Scoring.rank(scores: [], moduleTotals: [], tieBreak: .none) == [])
        // Everyone equal: all rank 1.
        #expect(Scoring.rank(scores: fs(["50", "50", "50"]), moduleTotals: [], tieBreak: .none) == [1, 1, 1])
    }

    @Test func tieBreakByModules() {
        // Three at 87.25, one at 91.00. Module totals (A, B, C):
        //   P: 30.00, 40.00, 17.25   Q: 30.00, 41.00, 16.25   R: 31.00, 30.00, 26.25
        // A decides R ahead (31 > 30); P and Q equal on A, B decides Q (41 > 40).
        // → S 1, R 2, Q 3, P 4.
        let scores = fs(["87.25", "87.25", "87.25", "91.00"])
        let modules = [fs(["30.00", "40.00", "17.25"]), fs(["30.00", "41.00", "16.25"]),
                       fs(["31.00", "30.00", "26.25"]), fs(["30.00", "30.00", "31.00"])]
        #expect(Scoring.rank(scores: scores, moduleTotals: modules, tieBreak: .modules) == [4, 3, 2, 1])
        // Without the tie-break they share rank 2.
        #expect(Scoring.rank(scores: scores, moduleTotals: modules, tieBreak: .none) == [2, 2, 2, 1])
        // Still equal on every module: shared rank.
        let same = [fs(["40", "47.25"]), fs(["40", "47.25"]), fs(["41", "46.25"])]
        #expect(Scoring.rank(scores: fs(["87.25", "87.25", "87.25"]), moduleTotals: same, tieBreak: .modules) == [2, 2, 1])
    }

    // MARK: Medals

    @Test func medalsByRankNumberTwoGoldsNoSilver() {
        // Ranks 1, 1, 3 → gold, gold, bronze: no silver.
        let m = Scoring.medals(ranks: [1, 1, 3, 4], scores: fs(["90", "90", "80", "70"]), rule: .threshold(Fixed2(700)))
        #expect(m == [.gold, .gold, .bronze, nil])
        // Plain 1, 2, 3.
        #expect(Scoring.medals(ranks: [3, 1, 2], scores: fs(["1", "3", "2"]), rule: .threshold(Fixed2(700)))
            == [.bronze, .gold, .silver])
    }

    @Test func threeWayTieForSecond() {
        // Ranks 1, 2, 2, 2, 5 → gold, three silvers, no bronze; rank 5 gets no medal.
        let m = Scoring.medals(ranks: [1, 2, 2, 2, 5], scores: fs(["95", "90", "90", "90", "80"]),
                               rule: .threshold(Fixed2(1000)))
        #expect(m == [.gold, .silver, .silver, .silver, nil])
    }

    @Test func excellenceByThreshold() {
        // Scale700 scores; excellence for non-medallists at ≥ 700 (exactly 700.00 counts, 699.99 not).
        let scores = fs(["760.70", "750.00", "740.00", "720.23", "700.00", "699.99", "639.30"])
        let ranks = Scoring.rank(scores: scores, moduleTotals: [], tieBreak: .none)
        #expect(ranks == [1, 2, 3, 4, 5, 6, 7])
        let m = Scoring.medals(ranks: ranks, scores: scores, rule: .threshold(Fixed2(700)))
        #expect(m == [.gold, .silver, .bronze, .excellence, .excellence, nil, nil])
        // Medallists are excluded even when they meet the threshold: they keep their medal only.
        #expect(m.filter { $0 == .excellence }.count == 2)
    }

    @Test func excellenceByTopFraction() {
        // 10 entrants × 0.5 = 5: ranks 4 and 5 (non-medallists with rank ≤ 5) get excellence.
        // Exactly: rank × 10000 ≤ 10 × 5000 = 50000 → rank ≤ 5.
        let half = ExcellenceRule.topFraction(Fraction(perTenThousand: 5000))
        let ten = Array(1...10)
        let m10 = Scoring.medals(ranks: ten, scores: ten.map { Fixed2(100 - $0) }, rule: half)
        #expect(m10 == [.gold, .silver, .bronze, .excellence, .excellence, nil, nil, nil, nil, nil])
        // 11 entrants × 0.5 = 5.5: rank × 10000 ≤ 55000 → rank ≤ 5 (rank 6 is 60000 > 55000).
        let eleven = Array(1...11)
        let m11 = Scoring.medals(ranks: eleven, scores: eleven.map { Fixed2(100 - $0) }, rule: half)
        #expect(m11.compactMap { $0 }.count == 5)
        #expect(m11[4] == .excellence && m11[5] == nil)
        // A tie at the boundary: ranks 1, 2, 3, 4, 5, 5, 7, 8, 9, 10 → both rank 5s get it.
        let tied = [1, 2, 3, 4, 5, 5, 7, 8, 9, 10]
        let mt = Scoring.medals(ranks: tied, scores: tied.map { Fixed2(100 - $0) }, rule: half)
        #expect(mt == [.gold, .silver, .bronze, .excellence, .excellence, .excellence, nil, nil, nil, nil])
    }

    // MARK: Advancement

    @Test func advancementByCountWithATieAtTheBoundary() {
        // Top 3 advance; ranks 1, 2, 3, 3, 5 → the two tied at 3 both advance (4 in all).
        let round = Round(id: "pre", name: LocalizedText("预赛"), advance: 3)
        #expect(Scoring.advancing(ranks: [1, 2, 3, 3, 5], round: round) == [true, true, true, true, false])
        // Ranks 1, 2, 2, 4: rank 4 > 3 does not advance (only 3 go through).
        #expect(Scoring.advancing(ranks: [1, 2, 2, 4], round: round) == [true, true, true, false])
    }

    @Test func advancementByFraction() {
        // advance_fraction 0.5 of 6 entrants = 3: rank × 10000 ≤ 6 × 5000 = 30000 → rank ≤ 3.
        // Ranks 1, 2, 3, 3, 5, 6: the tie at 3 both advance.
        let round = Round(id: "sel", name: LocalizedText("选拔赛"), advanceFraction: Fraction(perTenThousand: 5000))
        #expect(Scoring.advancing(ranks: [1, 2, 3, 3, 5, 6], round: round) == [true, true, true, true, false, false])
        // 7 entrants × 0.5 = 3.5: rank ≤ 3 (rank 4 is 40000 > 35000).
        #expect(Scoring.advancing(ranks: [1, 2, 3, 4, 5, 6, 7], round: round) == [true, true, true, false, false, false, false])
        // A final (neither set) advances nobody.
        let final = Round(id: "final", name: LocalizedText("决赛"))
        #expect(Scoring.advancing(ranks: [1, 2], round: final) == [false, false])
    }

    // MARK: Delegation tables

    /// JD: 2 gold, 1 bronze · PD: 1 gold, 2 silver, 1 excellence · YP: 1 gold, 2 silver, 3 excellence
    /// · HP: 3 bronze · CN: nothing · MH: 1 silver.
    var sample: [(delegation: String, medal: Medal)] {
        [("JD", .gold), ("JD", .gold), ("JD", .bronze),
         ("PD", .gold), ("PD", .silver), ("PD", .silver), ("PD", .excellence),
         ("YP", .silver), ("YP", .gold), ("YP", .silver), ("YP", .excellence), ("YP", .excellence), ("YP", .excellence),
         ("HP", .bronze), ("HP", .bronze), ("HP", .bronze),
         ("MH", .silver)]
    }
    let delegations = ["CN", "HP", "JD", "MH", "PD", "YP"]

    func row(_ t: [DelegationRow], _ d: String) -> DelegationRow { t.first { $0.delegation == d }! }

    @Test func goldTable() {
        // By gold, silver, bronze, excellence:
        //   JD 2-0-1-0 → 1; PD 1-2-0-1 and YP 1-2-0-3 differ only on excellence → YP 2, PD 3;
        //   MH 0-1-0-0 → 4; HP 0-0-3-0 → 5; CN 0-0-0-0 → 6 (listed with zeros).
        let t = Scoring.delegationTables(delegations: delegations, medals: sample, points: MedalPoints()).gold
        #expect(t.map(\.delegation) == ["JD", "YP", "PD", "MH", "HP", "CN"])
        #expect(t.map(\.rank) == [1, 2, 3, 4, 5, 6])
        #expect(row(t, "CN") == DelegationRow(delegation: "CN", gold: 0, silver: 0, bronze: 0, excellence: 0, points: 0, rank: 6))
        // A tie: two delegations with identical rows share the rank; the next rank is skipped;
        // the tied pair keeps the order of `delegations` (ZZ given before AA).
        let tie = Scoring.delegationTables(delegations: ["ZZ", "AA", "BB", "CC"],
                                           medals: [("AA", .gold), ("ZZ", .gold), ("BB", .silver)],
                                           points: MedalPoints()).gold
        #expect(tie.map(\.delegation) == ["ZZ", "AA", "BB", "CC"])
        #expect(tie.map(\.rank) == [1, 1, 3, 4])
    }

    @Test func medalCountTable() {
        // By gold + silver + bronze, then gold, silver, bronze (excellence does not count):
        //   JD, PD, YP and HP all have 3 medals. JD has 2 golds → 1. PD (1-2-0) and YP (1-2-0)
        //   are equal on every key (YP's extra excellence does not count here) → share rank 2,
        //   PD listed first as given in `delegations`. HP (0-0-3) → 4. MH 1 medal → 5. CN 0 → 6.
        let t = Scoring.delegationTables(delegations: delegations, medals: sample, points: MedalPoints()).count
        #expect(t.map(\.delegation) == ["JD", "PD", "YP", "HP", "MH", "CN"])
        #expect(t.map(\.rank) == [1, 2, 2, 4, 5, 6])
        #expect(t.map(\.medalCount) == [3, 3, 3, 3, 1, 0])
    }

    @Test func pointsTableDefaultAndCustom() {
        // Default 4/3/2/1:
        //   JD 2×4 + 1×2 = 10; PD 4 + 2×3 + 1 = 11; YP 4 + 2×3 + 3×1 = 13; HP 3×2 = 6; MH 3; CN 0.
        //   → YP 13 (1), PD 11 (2), JD 10 (3), HP 6 (4), MH 3 (5), CN 0 (6).
        let d = Scoring.delegationTables(delegations: delegations, medals: sample, points: MedalPoints()).points
        #expect(d.map(\.delegation) == ["YP", "PD", "JD", "HP", "MH", "CN"])
        #expect(d.map(\.points) == [13, 11, 10, 6, 3, 0])
        #expect(d.map(\.rank) == [1, 2, 3, 4, 5, 6])
        // Custom gold 5, silver 3, bronze 1, excellence 0:
        //   JD 2×5 + 1 = 11; PD 5 + 6 = 11; YP 5 + 6 = 11; HP 3; MH 3; CN 0.
        //   11 ties are broken by gold: JD (2 golds) 1; PD and YP equal on points, gold, silver,
        //   bronze → share 2. HP 3 (0-0-3) vs MH 3 (0-1-0): MH ahead on silver → MH 4, HP 5.
        let c = Scoring.delegationTables(delegations: delegations, medals: sample,
                                         points: MedalPoints(gold: 5, silver: 3, bronze: 1, excellence: 0)).points
        #expect(c.map(\.delegation) == ["JD", "PD", "YP", "MH", "HP", "CN"])
        #expect(c.map(\.points) == [11, 11, 11, 3, 3, 0])
        #expect(c.map(\.rank) == [1, 2, 2, 4, 5, 6])
    }

    @Test func everyDelegationIsListedWithZerosAndUnknownOnesAreKept() {
        // No medals at all: every delegation, all zero, all rank 1, in input order.
        let empty = Scoring.delegationTables(delegations: ["A", "B", "C"], medals: [], points: MedalPoints())
        for t in TeamTable.allCases {
            #expect(empty.table(t).map(\.delegation) == ["A", "B", "C"])
            #expect(empty.table(t).map(\.rank) == [1, 1, 1])
        }
        // No team award for winning nothing.
        #expect(empty.teamAwards(.points) == TeamAwards())
        // A repeated id is listed once; a medal of an unlisted delegation is not lost.
        let odd = Scoring.delegationTables(delegations: ["A", "A"], medals: [("X", .gold)], points: MedalPoints())
        #expect(odd.gold.map(\.delegation) == ["X", "A"])
        #expect(odd.gold.map(\.points) == [4, 0])
    }

    // MARK: Team awards

    @Test func teamAwardsFromTheConfiguredTable() {
        let tables = Scoring.delegationTables(delegations: delegations, medals: sample, points: MedalPoints())
        // Points table: YP 1, PD 2, JD 3.
        #expect(tables.teamAwards(.points) == TeamAwards(gold: ["YP"], silver: ["PD"], bronze: ["JD"]))
        // Gold table: JD 1, YP 2, PD 3.
        #expect(tables.teamAwards(.gold) == TeamAwards(gold: ["JD"], silver: ["YP"], bronze: ["PD"]))
        // Count table: JD 1, PD and YP share 2 → both silver; no rank 3 → no bronze.
        #expect(tables.teamAwards(.count) == TeamAwards(gold: ["JD"], silver: ["PD", "YP"], bronze: []))
    }

    @Test func sharedTeamGoldMeansNoSilver() {
        // Custom points 5/3/1/0: JD 1, PD and YP 2 (shared) → gold JD, silver PD and YP, no bronze.
        let custom = Scoring.delegationTables(delegations: delegations, medals: sample,
                                              points: MedalPoints(gold: 5, silver: 3, bronze: 1, excellence: 0))
        #expect(custom.teamAwards(.points) == TeamAwards(gold: ["JD"], silver: ["PD", "YP"], bronze: []))
        // Two delegations tied first: both gold, no silver, the next (rank 3) bronze.
        let t = Scoring.delegationTables(delegations: ["A", "B", "C", "D"],
                                         medals: [("A", .gold), ("B", .gold), ("C", .silver), ("D", .bronze)],
                                         points: MedalPoints())
        #expect(t.teamAwards(.gold) == TeamAwards(gold: ["A", "B"], silver: [], bronze: ["C"]))
    }

}

private extension Int64 {
    /// Hundredths as marks, for floating-point reference values in tests.
    var asMarks: Double { Double(self) / 100 }
}
