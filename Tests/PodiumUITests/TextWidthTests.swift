import Testing
@testable import PodiumUI

@Suite("TextWidth")
struct TextWidthTests {
    @Test("grapheme widths", arguments: [
        ("a", 1), ("Z", 1), (" ", 1), ("é", 1), ("e\u{301}", 1), ("a\u{20DD}", 1),
        ("中", 2), ("张", 2), ("。", 2), ("、", 2), ("「", 2), ("　", 2),
        ("㐀", 2), ("豈", 2), ("𠀀", 2), ("한", 2), ("カ", 2), ("ひ", 2),
        ("Ａ", 2), ("！", 2), ("￥", 2), ("ｶ", 1),
        ("🥇", 2), ("🥈", 2), ("😀", 2), ("🏆", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇨🇳", 2),
        ("❤️", 2), ("❤", 1), ("1️⃣", 2), ("⌚", 2),
        ("…", 1), ("─", 1), ("█", 1), ("▶", 1), ("·", 1),
        ("\u{301}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0), ("\u{200B}", 0),
        ("\u{1B}", 0), ("\u{7}", 0), ("\u{85}", 0),
    ] as [(String, Int)])
    func graphemeWidth(text: String, expected: Int) {
        #expect(text.count == 1)
        #expect(TextWidth.width(of: Character(text)) == expected)
    }

    @Test func stringWidthSumsClusters() {
        #expect(TextWidth.width(of: "张伟 Zhang") == 10)
        #expect(TextWidth.width(of: "Ｚｈａｎｇ") == 10)
        #expect(TextWidth.width(of: "Jose\u{301} 🥇") == 7)
        #expect(TextWidth.width(of: "") == 0)
        // Measured as drawn: controls removed, a tab is one space.
        #expect(TextWidth.width(of: "a\u{1B}[0m\tb") == 6)
    }

    @Test func wideTableIsSortedAndDisjoint() {
        let ranges = TextWidth.wideRanges
        for (a, b) in zip(ranges, ranges.dropFirst()) {
            #expect(a.upperBound < b.lowerBound, "\(a) overlaps or precedes \(b)")
        }
        #expect(TextWidth.isWide(0x4E00) && TextWidth.isWide(0x9FFF) && TextWidth.isWide(0x3000))
        #expect(!TextWidth.isWide(0x303F) && !TextWidth.isWide(0xFF61) && !TextWidth.isWide(0x2026))
    }

    @Test func sanitizeRemovesControls() {
        #expect(TextWidth.sanitize("a\u{1B}[2Jb") == "a[2Jb")
        #expect(TextWidth.sanitize("bell\u{7}!") == "bell!")
        #expect(TextWidth.sanitize("c1\u{9B}31m\u{80}\u{9F}") == "c131m")
        #expect(TextWidth.sanitize("del\u{7F}") == "del")
        #expect(TextWidth.sanitize("\u{202E}evil\u{202C}") == "evil")
        #expect(TextWidth.sanitize("\u{2066}x\u{2069}\u{200F}") == "x")
        #expect(TextWidth.sanitize("a\tb\nc\r\nd\re") == "a b c d e")
        #expect(TextWidth.sanitize("张伟 é 🥇") == "张伟 é 🥇")
    }

    @Test func truncateRespectsWidths() {
        #expect(TextWidth.truncate("张伟伟", to: 6) == "张伟伟")
        #expect(TextWidth.truncate("张伟伟", to: 5) == "张伟…")
        #expect(TextWidth.truncate("张伟伟", to: 4) == "张…")
        #expect(TextWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(TextWidth.truncate("abcdef", to: 1) == "…")
        #expect(TextWidth.truncate("abcdef", to: 0) == "")
        #expect(TextWidth.truncate("abc\u{1B}", to: 3) == "abc")
        #expect(TextWidth.truncate("🥇🥈🥉", to: 4) == "🥇…")
    }

    @Test func padAlignsByDisplayWidth() {
        #expect(TextWidth.pad("中", to: 4) == "中  ")
        #expect(TextWidth.pad("中", to: 4, alignment: .right) == "  中")
        #expect(TextWidth.pad("中", to: 4, alignment: .center) == " 中 ")
        #expect(TextWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(TextWidth.pad("中文字", to: 4) == "中… ")
        #expect(TextWidth.pad("12.5", to: 6, alignment: .right) == "  12.5")
        for text in ["张伟", "Ｚ", "Li Na", "e\u{301}x", "🥇1"] {
            #expect(TextWidth.width(of: TextWidth.pad(text, to: 7, alignment: .right)) == 7)
        }
    }

    @Test func wrapBreaksAtSpacesAndBetweenCJK() {
        #expect(TextWidth.wrap("hello world foo", width: 11) == ["hello world", "foo"])
        #expect(TextWidth.wrap("上海市第一届职业技能大赛", width: 10) == ["上海市第一", "届职业技能", "大赛"])
        #expect(TextWidth.wrap("上海市第一届", width: 9) == ["上海市第", "一届"])
        #expect(TextWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("选手 Zhang Wei 获得金牌", width: 10) == ["选手 Zhang", "Wei 获得金", "牌"])
        #expect(TextWidth.wrap("撤销 张伟 的成绩？", width: 12) == ["撤销 张伟 的", "成绩？"])
        #expect(TextWidth.wrap("金牌Gold medal", width: 8) == ["金牌Gold", "medal"])
        #expect(TextWidth.wrap("金牌Goldmedal", width: 8) == ["金牌", "Goldmeda", "l"])
        #expect(TextWidth.wrap("", width: 5) == [""])
        for line in TextWidth.wrap("比赛 will resume at 14:00，请各位选手做好准备。", width: 7) {
            #expect(TextWidth.width(of: line) <= 7)
        }
    }

    /// The fast paths (box drawing and blocks, CJK ideographs) give what the general rule gives.
    @Test func fastPathsAgreeWithTheGeneralRule() {
        for value in Array(0x2500...0x259F) + Array(0x4E00...0x9FFF) {
            let scalar = Unicode.Scalar(UInt32(value))!
            let general: Int
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: general = 0
            default: general = TextWidth.isWide(UInt32(value)) ? 2 : 1
            }
            #expect(TextWidth.width(of: scalar) == general, "U+\(String(value, radix: 16, uppercase: true))")
        }
    }
}
