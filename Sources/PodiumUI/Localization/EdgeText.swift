import PodiumCore

/// Words of the legibility edges (issue 14): the board's sub-pages, the ceremony's
/// Medallions for Excellence step and the chief judge's narrow view, in Chinese and English
/// (one place, so the message catalogue can take them over whole).
public enum EdgeText: String, CaseIterable, Sendable, CustomStringConvertible {
    /// A skill's standings on several screens: `第 2/3 屏` / `screen 2/3`.
    case subPage
    /// The ceremony's excellence step: its heading.
    case excellenceHolders
    /// The chief judge's narrow view: the judges' numbers above the marks.
    case judgesLegend

    public func text(_ lang: Language) -> String {
        let pair: (String, String)
        switch self {
        case .subPage: pair = ("第 %d/%d 屏", "screen %d/%d")
        case .excellenceHolders: pair = ("%d 名选手获优胜奖", "%d Medallions for Excellence")
        case .judgesLegend: pair = ("裁判", "Judges")
        }
        return lang == .zh ? pair.0 : pair.1
    }

    /// The text with each `%d` replaced in turn by `numbers`.
    public func text(_ lang: Language, _ numbers: Int...) -> String {
        var t = text(lang)
        for n in numbers { if let r = t.range(of: "%d") { t.replaceSubrange(r, with: "\(n)") } }
        return t
    }

    public var description: String { text(.en) }
}
