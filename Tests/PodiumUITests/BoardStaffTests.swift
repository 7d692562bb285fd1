import Foundation
import Testing
@testable import PodiumCore
@testable import PodiumUI

/// Golden screens of the board on the staff's day (delays, a cancellation, the countdown paused:
/// `staffDayBench`) and during the ceremony reveal (`ceremonyBench`), at 80×24 and 200×60.
@Suite("Board goldens: the staff's day and the ceremony reveal")
struct BoardStaffGoldenTests {
    func reveal(steps: Int, lang: Language, width: Int, height: Int) -> Canvas {
        boardCanvas(boardModel(ceremonyBench(steps: steps), lang: lang, now: ceremonyNow), width: width, height: height, now: ceremonyNow)
    }

    @Test("now and next, 80×24, Chinese: a delay in the time column, a cancelled session marked, the countdown frozen while paused")
    func scheduleAt80x24() {
        let canvas = boardCanvas(boardModel(staffDayBench(), page: .schedule), width: 80, height: 24)
        #expect(screen(canvas) == """
             上海市第二届职业技能大赛                    全部赛区 · 6月21日 星期六 10:00:00
                          距闭幕式还有 3 天 06 小时 00 分 00 秒（倒计时暂停）
            ┌─ 赛程 ───────────────────────────────────────────────────────────────────────┐
            │           时间               赛项                赛场                   剩余 │
            │ 东方绿舟主赛区                                                               │
            │ ● 进行中  08:30–12:20 +20分  焊接 · 决赛         2号馆 B区    还剩 2小时20分 │
            │ ○ 下一场  明天 08:30         工业机器人 · 决赛   1号馆 A区                   │
            │ 世博展览馆分赛区                                                             │
            │ ● 进行中  09:00–16:30        非遗面塑展示 · 展…  3号展厅      还剩 6小时30分 │
            │ ✕ 已取消  13:30              网络安全 · 决赛     1号展厅 A区                 │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
            能展示互动活动，欢迎观众参与   ◆   成绩公布：工业机器人 · 决赛，金牌 张伟（嘉定
            空格 暂停  ←→ 翻页  s 赛项  ? 帮助  q 退出                            第 2/6 页
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test("now and next, 200×60, Chinese: the side column's countdown frozen, delays and the cancellation in the table")
    func scheduleAt200x60() {
        let canvas = boardCanvas(boardModel(staffDayBench(), page: .schedule), width: 200, height: 60)
        #expect(screen(canvas) == """
             上海市第二届职业技能大赛                                                                                                                                            全部赛区 · 6月21日 星期六 10:00:00
            ┌─ 赛程 ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐┌─ 闭幕式倒计时 ───────────────────────────────────────────────────────┐
            │           时间               赛项                                                                赛场                   剩余 ││ ██████        ██████  ██████      ██████  ██████      ██████  ██████ │
            │ 东方绿舟主赛区                                                                                                               ││     ██        ██  ██  ██      ██  ██  ██  ██  ██  ██  ██  ██  ██  ██ │
            │ ● 进行中  08:30–12:20 +20分  焊接 · 决赛                                                         2号馆 B区    还剩 2小时20分 ││ ██████        ██  ██  ██████      ██  ██  ██  ██      ██  ██  ██  ██ │
            │ ○ 下一场  明天 08:30         工业机器人 · 决赛                                                   1号馆 A区                   ││     ██        ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██ │
            │ 世博展览馆分赛区                                                                                                             ││ ██████        ██████  ██████      ██████  ██████      ██████  ██████ │
            │ ● 进行中  09:00–16:30        非遗面塑展示 · 展示赛                                               3号展厅      还剩 6小时30分 ││                                                                      │
            │ ✕ 已取消  13:30              网络安全 · 决赛                                                     1号展厅 A区                 ││         距闭幕式还有 3 天 06 小时 00 分 00 秒（倒计时暂停）          │
            │                                                                                                                              │└──────────────────────────────────────────────────────────────────────┘
            │                                                                                                                              │┌─ 赛项进度 ───────────────────────────────────────────────────────────┐
            │                                                                                                                              ││ 工业机器人 · 决赛                已公布           █████████████ 100% │
            │                                                                                                                              ││ 焊接 · 决赛                      评分中           ███████░░░░░░░ 50% │
            │                                                                                                                              ││ 网络安全 · 决赛                  评分中           ░░░░░░░░░░░░░░░ 0% │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            │                                                                                                                              ││                                                                      │
            └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────────────────┘
                                                            15:00 在主赛区举行技能展示互动活动，欢迎观众参与   ◆   成绩公布：工业机器人 · 决赛，金牌 张伟（嘉定区）
            空格 暂停  ←→ 翻页  s 赛项  ? 帮助  q 退出                                                                                                                                                    第 2/6 页
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test("countdown page, 80×24, Chinese: frozen at the pause, the live summary with the delay and time left from the effective end")
    func countdownPausedAt80x24() {
        let canvas = boardCanvas(boardModel(staffDayBench(), page: .countdown), width: 80, height: 24)
        #expect(screen(canvas) == """
             上海市第二届职业技能大赛                    全部赛区 · 6月21日 星期六 10:00:00
                          距闭幕式还有 3 天 06 小时 00 分 00 秒（倒计时暂停）
            ┌─ 闭幕式倒计时 ───────────────────────────────────────────────────────────────┐
            │                                                                              │
            │     ██████        ██████  ██████      ██████  ██████      ██████  ██████     │
            │         ██        ██  ██  ██      ██  ██  ██  ██  ██  ██  ██  ██  ██  ██     │
            │     ██████        ██  ██  ██████      ██  ██  ██  ██      ██  ██  ██  ██     │
            │         ██        ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██  ██     │
            │     ██████        ██████  ██████      ██████  ██████      ██████  ██████     │
            │                  闭幕式：6月24日 星期二 15:00（倒计时暂停）                  │
            │                                                                              │
            │                        3 个赛项：已公布 1 · 评分中 2                         │
            │                                                                              │
            │ 进行中                                                                       │
            │ ● 焊接 · 决赛 · 2号馆 B区                      推迟 20 分钟 · 还剩 2小时20分 │
            │ ● 非遗面塑展示 · 展示赛 · 3号展厅                             还剩 6小时30分 │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
            能展示互动活动，欢迎观众参与   ◆   成绩公布：工业机器人 · 决赛，金牌 张伟（嘉定
            空格 暂停  ←→ 翻页  s 赛项  ? 帮助  q 退出                            第 1/6 页
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test("reveal page, 80×24, Chinese: S01's gold, large, instead of the rotation")
    func revealGoldAt80x24() {
        let canvas = reveal(steps: 3, lang: .zh, width: 80, height: 24)
        #expect(screen(canvas) == """
             上海市第二届职业技能大赛                    全部赛区 · 6月24日 星期二 15:05:00
                                              闭幕式进行中
            ┌─ 闭幕式 · 成绩揭晓 · 第 4/12 项 ─────────────────────────────────────────────┐
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                              工业机器人 · 决赛                               │
            │                                                                              │
            │                                     金牌                                     │
            │                                                                              │
            │                                     张伟                                     │
            │                             嘉定区 · 成绩 95.50                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
                            15:00 在主赛区举行技能展示互动活动，欢迎观众参与
            ? 帮助  q 退出                                                       第 4/12 项
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test("reveal page, 200×60, Chinese: the medal and the score in block letters")
    func revealGoldAt200x60() {
        let canvas = reveal(steps: 3, lang: .zh, width: 200, height: 60)
        #expect(screen(canvas) == """
             上海市第二届职业技能大赛                                                                                                                                            全部赛区 · 6月24日 星期二 15:05:00
            ┌─ 闭幕式 · 成绩揭晓 · 第 4/12 项 ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                          工业机器人 · 决赛                                                                                           │
            │                                                                                                                                                                                                      │
            │                                                                                      ████    ██    ██      ████                                                                                      │
            │                                                                                    ██      ██  ██  ██      ██  ██                                                                                    │
            │                                                                                    ██  ██  ██  ██  ██      ██  ██                                                                                    │
            │                                                                                    ██  ██  ██  ██  ██      ██  ██                                                                                    │
            │                                                                                      ████    ██    ██████  ████                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                 金牌                                                                                                 │
            │                                                                                                                                                                                                      │
            │                                                                                                 张伟                                                                                                 │
            │                                                                                         嘉定区 · 成绩 95.50                                                                                          │
            │                                                                                  ██████  ██████      ██████  ██████                                                                                  │
            │                                                                                  ██  ██  ██          ██      ██  ██                                                                                  │
            │                                                                                  ██████  ██████      ██████  ██  ██                                                                                  │
            │                                                                                      ██      ██          ██  ██  ██                                                                                  │
            │                                                                                  ██████  ██████  ██  ██████  ██████                                                                                  │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
                                                                                        15:00 在主赛区举行技能展示互动活动，欢迎观众参与
            ? 帮助  q 退出                                                                                                                                                                               第 4/12 项
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test("reveal page, 80×24, English: the opening step")
    func revealOpeningAt80x24() {
        let canvas = reveal(steps: 0, lang: .en, width: 80, height: 24)
        #expect(screen(canvas) == """
             2nd Shanghai Vocational Skills Competition     All sites · Tue 24 Jun 15:05:00
                                       The closing ceremony is on
            ┌─ Closing ceremony · results · step 1 of 12 ──────────────────────────────────┐
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                  2nd Shanghai Vocational Skills Competition                  │
            │                                                                              │
            │                             And the medals go to                             │
            │                                                                              │
            │                                   2 skills                                   │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
                            15:00 在主赛区举行技能展示互动活动，欢迎观众参与
            ? help  q quit                                                     step 1 of 12
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test("reveal page, 80×24, Chinese: the medal count table over the revealed skills")
    func revealTableAt80x24() {
        let canvas = reveal(steps: 7, lang: .zh, width: 80, height: 24)
        #expect(screen(canvas) == """
             上海市第二届职业技能大赛                    全部赛区 · 6月24日 星期二 15:05:00
                                              闭幕式进行中
            ┌─ 闭幕式 · 成绩揭晓 · 第 8/12 项 ─────────────────────────────────────────────┐
            │                                    奖牌榜                                    │
            │                                                                              │
            │ 名次  代表队                                      金  银  铜  优  奖牌  积分 │
            │    1  浦东新区                                     1   0   1   0     2     6 │
            │    2  嘉定区                                       1   0   0   0     1     4 │
            │    3  杨浦区                                       0   1   0   0     1     3 │
            │    3  徐汇区                                       0   1   0   0     1     3 │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
                            15:00 在主赛区举行技能展示互动活动，欢迎观众参与
            ? 帮助  q 退出                                                       第 8/12 项
            """)
        #expect(invariantViolation(canvas) == nil)
    }

    @Test("reveal page, 200×60, English: a shared team bronze")
    func revealTeamAwardAt200x60() {
        let canvas = reveal(steps: 9, lang: .en, width: 200, height: 60)
        #expect(screen(canvas) == """
             2nd Shanghai Vocational Skills Competition                                                                                                                             All sites · Tue 24 Jun 15:05:00
            ┌─ Closing ceremony · results · step 10 of 12 ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                              Team award                                                                                              │
            │                                                                                                                                                                                                      │
            │                                                                           ████    ████      ██    ██    ██  ██████  ██████                                                                           │
            │                                                                           ██  ██  ██  ██  ██  ██  ████  ██      ██  ██                                                                               │
            │                                                                           ████    ████    ██  ██  ██  ████    ██    ████                                                                             │
            │                                                                           ██  ██  ██  ██  ██  ██  ██    ██  ██      ██                                                                               │
            │                                                                           ████    ██  ██    ██    ██    ██  ██████  ██████                                                                           │
            │                                                                                                                                                                                                      │
            │                                                                                             Team bronze                                                                                              │
            │                                                                                                                                                                                                      │
            │                                                                                                Yangpu                                                                                                │
            │                                                                                                Xuhui                                                                                                 │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            │                                                                                                                                                                                                      │
            └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
                                                                                        15:00 在主赛区举行技能展示互动活动，欢迎观众参与
            ? help  q quit                                                                                                                                                                            step 10 of 12
            """)
        #expect(invariantViolation(canvas) == nil)
    }
}

/// The reveal shows, step by step, only what the presenter has reached, and only results the
/// policy lets out; the snapshot follows (BoardPolicyTests.everything searches it too).
extension BoardPolicyTests {
    /// Who each step reveals in `ceremonyBench` (S01: bronze 欧阳娜娜 77.25, silver José Müller
    /// 80.00, gold 张伟 95.50; S04: silver 赵敏 70.00, gold 刘洋 80.00).
    static let revealOrder: [(step: Int, names: [String])] = [(1, ["欧阳娜娜", "77.25"]), (2, ["Jos", "80.00"]), (3, ["张伟", "95.50"]),
                                                               (4, ["赵敏", "70.00"]), (5, ["刘洋"])]

    @Test("reveal: at each step the board shows what the presenter has reached and nothing after it, never the preview, never S02")
    func revealStepByStep() throws {
        for current in 0...5 {
            let b = ceremonyBench(steps: current)
            let text = Self.everything(boardModel(b, now: ceremonyNow), now: ceremonyNow)
            for (step, names) in Self.revealOrder where step > current {
                // 80.00 is both José's and 刘洋's score: only look for it until José is shown.
                let words = names.filter { !(($0 == "80.00") && current >= 2) }
                #expect(Self.shows(text, any: words).isEmpty, "step \(current) shows \(names) of step \(step)")
            }
            if let (_, names) = Self.revealOrder.first(where: { $0.step == current }) {
                #expect(Self.shows(text, any: [names[0]]).count == 1, "step \(current) shows its own holder")
            }
            #expect(Self.shows(text, any: Self.s02Names).isEmpty, "S02 is not final: never revealed")
            #expect(!text.contains("Brown") || current >= 3, "S01 becomes public (all entries) only at its gold step")
        }
    }

    @Test("reveal under at-ceremony: a published round that is not final is not in the ceremony and stays hidden after it")
    func revealFinalOnly() throws {
        var b = boardBench(policy: .atCeremony, publish: false)
        b.now = boardTime(day: 21, 9, 50)
        try b.run(.lockModule(skill: "S01", round: "final", module: "A"), boardChief)
        try b.run(.publish(s01Final), boardStaff)
        b.now = ceremonyNow
        #expect(throws: CommandError.self) { try b.run(.startCeremony, boardStaff) }
        let text = Self.everything(boardModel(b, now: ceremonyNow), now: ceremonyNow)
        #expect(Self.shows(text, any: Self.s01Names + Self.s01Scores).isEmpty)
    }

    @Test("a board that joins mid-reveal shows the presenter's step; after the end the rotation is back")
    func revealJoinAndEnd() throws {
        var b = ceremonyBench(steps: 3)
        // A board started now folds the whole log: it lands on step 4, S01's gold.
        let late = boardModel(b, now: ceremonyNow)
        #expect(late.revealing && late.state.ceremony.current == 3)
        #expect(late.nextPageTurn() == nil, "no rotation during the reveal")
        #expect(screen(boardCanvas(late, width: 80, height: 24, now: ceremonyNow)).contains("张伟"))
        try b.run(.endCeremony, boardStaff)
        let after = boardModel(b, now: ceremonyNow)
        #expect(!after.revealing && after.nextPageTurn() != nil)
        #expect(screen(boardCanvas(after, width: 80, height: 24, now: ceremonyNow)).contains("团体金奖  浦东新区"), "the closing page, with the team awards now public")
    }
}

@Suite("Board: the staff's changes in the ticker")
struct BoardScheduleNewsTests {
    @Test("a delay, a move and a cancellation are news for half an hour, as the session stands now")
    func news() throws {
        var b = boardBench()
        b.now = boardTime(day: 21, 9, 55)
        try b.run(.delaySession("S04-final", minutes: 20), boardStaff)
        try b.run(.moveSession("S01-final-2", site: nil, station: "3号馆"), boardStaff)
        try b.run(.cancelSession("S03-show", reason: "内部原因"), boardStaff)
        let m = boardModel(b)
        let zh = m.tickerItems(now: boardNow).map(\.text)
        #expect(zh.contains("赛程调整：网络安全 · 决赛 推迟 20 分钟（13:50 开始）"))
        #expect(zh.contains("场地调整：工业机器人 · 决赛 改至 东方绿舟主赛区 · 3号馆"))
        #expect(zh.contains("场次取消：非遗面塑展示 · 展示赛 · 3号展厅"))
        #expect(!zh.joined().contains("内部原因"), "the reason is for the audit trail, not the hall")
        var en = boardModel(b, lang: .en)
        en.options.lang = .en
        #expect(en.tickerItems(now: boardNow).map(\.text).contains("Schedule change: Cyber Security · Final delayed 20 min (13:50 start)"))
        let later = boardNow.addingTimeInterval(30 * 60)
        #expect(!m.tickerItems(now: later).contains { $0.text.contains("赛程调整") || $0.text.contains("场次取消") }, "gone after half an hour")
        // A board limited to the Expo sees only its own site's changes.
        let expo = boardModel(b, site: "expo").tickerItems(now: boardNow).map(\.text)
        #expect(expo.contains { $0.hasPrefix("赛程调整：网络安全") } && !expo.contains { $0.contains("工业机器人 · 决赛 改至") })
    }
}

@Suite("Board: the countdown follows the clock")
struct BoardClockTests {
    @Test("a moved closing: the countdown aims at the new time and the closing page waits for it")
    func moved() throws {
        var b = boardBench()
        b.now = boardNow
        try b.run(.setClosing(boardClosing.addingTimeInterval(45 * 60)), boardStaff)
        var m = boardModel(b)
        #expect(m.countdown(at: boardNow)?.totalSeconds == CountdownParts(from: boardNow, to: boardClosing).totalSeconds + 45 * 60)
        #expect(!m.isClosing(at: boardClosing), "the old time is not the closing any more")
        m.go(to: .schedule, now: boardClosing)
        m.advance(to: boardClosing.addingTimeInterval(1))
        #expect(m.page == .schedule, "no jump to the closing page at the old time")
        #expect(m.isClosing(at: boardClosing.addingTimeInterval(45 * 60)))
        let text = screen(boardCanvas(m, width: 80, height: 24, now: boardNow))
        #expect(text.contains("距闭幕式还有 3 天 05 小时 45 分 00 秒"))
    }

    @Test("paused past the closing time: the board keeps the frozen countdown and does not turn to the closing page")
    func pausedPastClosing() throws {
        var b = boardBench()
        b.now = boardClosing.addingTimeInterval(-120)
        try b.run(.pauseCountdown, boardStaff)
        var m = boardModel(b, now: boardClosing.addingTimeInterval(-60))
        m.go(to: .schedule, now: boardClosing.addingTimeInterval(-60))
        m.advance(to: boardClosing.addingTimeInterval(5))
        #expect(m.page == .medals, "the rotation went on (schedule → medals); no jump to the closing page")
        #expect(!m.isClosing(at: boardClosing.addingTimeInterval(5)))
        #expect(m.countdown(at: boardClosing.addingTimeInterval(600))?.totalSeconds == 120)
        let text = screen(boardCanvas(m, width: 80, height: 24, now: boardClosing.addingTimeInterval(600)))
        #expect(text.contains("距闭幕式还有 00 小时 02 分 00 秒（倒计时暂停）"))
    }
}
