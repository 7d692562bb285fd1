import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// The public page's content, without a browser (PublicPageBrowserTests looks at it in one).
@Suite("The public page: content, one file, escaping")
struct PublicPageTests {
    static func page(_ b: BoardBench, lang: Language = .zh, refresh: Int? = nil) -> String {
        BoardSnapshot.html(boardModel(b, lang: lang), now: boardNow, refresh: refresh)
    }

    @Test("one self-contained file: no script, nothing fetched (no src, no external link, no url(), no @import); viewport and charset set")
    func selfContained() {
        for lang in Language.allCases {
            let html = Self.page(boardBench(), lang: lang)
            for banned in ["<script", "src=", "href=\"http", "href=\"//", "url(", "@import", "<link", "<img", "<iframe"] {
                #expect(!html.contains(banned), "\(lang): \(banned)")
            }
            #expect(html.contains(#"<meta charset="utf-8">"#) && html.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            #expect(html.contains(lang == .zh ? #"<html lang="zh-CN">"# : #"<html lang="en">"#))
        }
    }

    @Test("both names of the competition, delegations and skills; the page's language first")
    func bothLanguages() {
        let zh = Self.page(boardBench(), lang: .zh)
        #expect(zh.contains("<h1>上海市第二届职业技能大赛</h1><p class=\"alt\" lang=\"en\">2nd Shanghai Vocational Skills Competition</p>"))
        #expect(zh.contains("<td>嘉定区<span class=\"sub\" lang=\"en\">Jiading</span></td>"))
        #expect(zh.contains("<h2>工业机器人<span class=\"round\">决赛</span></h2><p class=\"alt\" lang=\"en\">Industrial Robotics</p>"))
        let en = Self.page(boardBench(), lang: .en)
        #expect(en.contains("<h1>2nd Shanghai Vocational Skills Competition</h1><p class=\"alt\" lang=\"zh-CN\">上海市第二届职业技能大赛</p>"))
        #expect(en.contains("<td>Jiading<span class=\"sub\" lang=\"zh-CN\">嘉定区</span></td>"))
        #expect(en.contains("Until the closing ceremony") && en.contains("3d 05:00:00"))
    }

    @Test("only public results: S01 published shows its names; S02 half-marked shows progress, no names")
    func onlyPublic() {
        let html = Self.page(boardBench())
        #expect(html.contains("张伟") && html.contains("95.50"))
        #expect(!html.contains("李强") && !html.contains("王芳"), "S02 is not published")
        #expect(html.contains("评分中 50%"))
        let none = Self.page(boardBench(publish: false))
        #expect(!none.contains("张伟") && none.contains("尚无公布的成绩"))
    }

    @Test("announcements: urgent first, three open, the rest folded; every text escaped")
    func notices() throws {
        var b = boardBench()
        b.now = boardTime(day: 21, 9, 55)
        for i in 1...3 { try b.run(.announce(text: "通知 \(i)", priority: .normal, until: nil), boardStaff) }
        try b.run(.announce(text: "<b onclick=\"x()\">紧急</b> & 'q'", priority: .urgent, until: nil), boardStaff)
        let html = Self.page(b)
        #expect(html.contains(#"<ul><li class="urgent">&lt;b onclick=&quot;x()&quot;&gt;紧急&lt;/b&gt; &amp; &#39;q&#39;</li><li class="normal">通知 3</li><li class="normal">通知 2</li></ul>"#))
        #expect(html.contains("<details><summary>其余 2 条公告</summary><ul><li class=\"normal\">通知 1</li><li class=\"normal\">15:00 在主赛区"))
    }

    @Test("--refresh: a meta refresh and a note in the footer; none without it")
    func refresh() {
        let wall = Self.page(boardBench(), lang: .en, refresh: 30)
        #expect(wall.contains(#"<meta http-equiv="refresh" content="30">"#) && wall.contains("refreshes every 30 s"))
        #expect(!Self.page(boardBench()).contains("http-equiv"))
        #expect(PublicPage.refreshRange == 5...86_400)
    }

    @Test("every page word exists in both languages")
    func words() {
        for w in PageText.allCases {
            #expect(!w.text(.zh).isEmpty && !w.text(.en).isEmpty && w.text(.zh) != w.text(.en), "\(w)")
        }
        for w in EdgeText.allCases {
            #expect(!w.text(.zh).isEmpty && !w.text(.en).isEmpty && w.text(.zh) != w.text(.en), "\(w)")
        }
    }
}
