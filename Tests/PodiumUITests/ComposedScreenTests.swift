import Testing
@testable import PodiumUI

/// Golden tests of a whole screen composed from the widgets (`resultsScreen`), at a
/// laptop terminal's 80×24 and a big screen's 200×60. Chinese, full-width, combining and
/// Latin names share the table; the clock switches from half-block to block digits.
@Suite("Composed screen goldens")
struct ComposedScreenTests {
    @Test func resultsScreenAt80x24() {
        let canvas = resultsScreen(width: 80, height: 24)
        #expect(screen(canvas) == """
                           第一届上海职业技能大赛 · 中式烹调 Chinese Cuisine
            ┌─ 成绩排名 Results ───────────────────────────────────┐┌─ 剩余时间 Time left ─┐
            │名次 奖 选手 Competitor  单位 Unit                得分││                      │
            │   1 金 张伟 Zhang Wei   上海市第二工业学校      96.50││  █▀█ ▄█  ▄ ▀▀█ █▀▀   │
            │   2 银 李娜 Li Na       上海市浦东新区职业技术… 94.25││  █ █  █  ▄ █▀▀ ▀▀█   │
            │   3 铜 王小明           嘉定区技工学校          93.00││  ▀▀▀ ▀▀▀   ▀▀▀ ▀▀▀   │
            │   4 优 陈静 Chen Jing   徐汇职校                91.75││                      │
            │   5    Ａｌｉｃｅ Brown Shanghai Tech           90.00││                      │
            │   6    欧阳娜娜         上海市工贸技师学院      88.50││                      │
            │   7    José Müller      闵行职校                87.00││  09:00 开幕 Opening  │
            │   8    赵磊 Zhao Lei    奉贤中专                    —││▶ 10:30 第一场 Round 1│
            │                                                      ││  13:00 第二场 Round 2│
            │                                                      ││  15:30 点评 Review   │
            │                                                      ││  17:00 颁奖 Awards   │
            │                                                      ││                      │
            │                                                      ││                      │
            │                                                      ││                      │
            │                                                      ││                      │
            │                                                      ││                      │
            │                                                      ││                      │
            └──────────────────────────────────────────────────────┘└──────────────────────┘
            评分进度 Scoring █████████████████████████████████▏░░░░░░░░░░░░░░░░░░░ 10/16 62%
             来到第一届上海职业技能大赛   ◆   Welcome to the 1st Shanghai Skills Competition
            q 退出 Quit  ? 帮助 Help  ↑↓ 选择 Select  t 主题 Theme  Enter 详情 Details
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test func resultsScreenAt200x60() {
        let canvas = resultsScreen(width: 200, height: 60)
        #expect(screen(canvas) == """
                                                                                       第一届上海职业技能大赛 · 中式烹调 Chinese Cuisine
            ┌─ 成绩排名 Results ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐┌─ 剩余时间 Time left ─────────────────────────────────────┐
            │名次 奖 选手 Competitor                                                                                   单位 Unit                   得分││                                                          │
            │   1 金 张伟 Zhang Wei                                                                                    上海市第二工业学校         96.50││                                                          │
            │   2 银 李娜 Li Na                                                                                        上海市浦东新区职业技术学院 94.25││                                                          │
            │   3 铜 王小明                                                                                            嘉定区技工学校             93.00││                                                          │
            │   4 优 陈静 Chen Jing                                                                                    徐汇职校                   91.75││                                                          │
            │   5    Ａｌｉｃｅ Brown                                                                                  Shanghai Tech              90.00││                                                          │
            │   6    欧阳娜娜                                                                                          上海市工贸技师学院         88.50││                                                          │
            │   7    José Müller                                                                                       闵行职校                   87.00││                                                          │
            │   8    赵磊 Zhao Lei                                                                                     奉贤中专                       —││            ██████    ██        ██████  ██████            │
            │                                                                                                                                          ││            ██  ██  ████    ██      ██  ██                │
            │                                                                                                                                          ││            ██  ██    ██        ██████  ██████            │
            │                                                                                                                                          ││            ██  ██    ██    ██  ██          ██            │
            │                                                                                                                                          ││            ██████  ██████      ██████  ██████            │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││  09:00 开幕 Opening                                      │
            │                                                                                                                                          ││▶ 10:30 第一场 Round 1                                    │
            │                                                                                                                                          ││  13:00 第二场 Round 2                                    │
            │                                                                                                                                          ││  15:30 点评 Review                                       │
            │                                                                                                                                          ││  17:00 颁奖 Awards                                       │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            │                                                                                                                                          ││                                                          │
            └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘
            评分进度 Scoring ████████████████████████████████████████████████████████████████████████████████████████████████████████████▏░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ 10/16 62%
             来到第一届上海职业技能大赛   ◆   Welcome to the 1st Shanghai Skills Competition   ◆   下一场 14:00 西式烹调 Western Cuisine   ◆   欢迎来到第一届上海职业技能大赛   ◆   Welcome to the 1st Shanghai Skil
            q 退出 Quit  ? 帮助 Help  ↑↓ 选择 Select  t 主题 Theme  Enter 详情 Details  / 搜索 Search
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test func stylesCarryTheRoles() {
        let canvas = resultsScreen(width: 80, height: 24)
        #expect(canvas[0, 0].style == Style(.header))
        #expect(canvas[0, 1].style == Style(.border))
        #expect(canvas[1, 2].style == Style(.headerText, .bold))
        #expect(canvas[6, 3].style == MedalBadge.gold.style)
        #expect(canvas[6, 5].style == MedalBadge.bronze.style)
        // The highlighted row overrides cell styles, medal included, across the table.
        #expect((1..<55).allSatisfy { canvas[$0, 4].style == Style(.highlight) })
        #expect(canvas[9, 10].style == Style(.provisional))
        #expect(canvas[0, 22].style == Style(.tickerBg))
        #expect(canvas[0, 23].style == Style(.accent, .bold))
    }

    @Test func aTickerStepRedrawsOnlyTheTicker() {
        let before = resultsScreen(width: 80, height: 24, tick: 3)
        let after = resultsScreen(width: 80, height: 24, tick: 4)
        let changes = after.diff(from: before)
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { $0.y == 22 })
    }
}
