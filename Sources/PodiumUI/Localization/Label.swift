import PodiumCore

/// Every fixed piece of text the screens show, in Chinese and in English. Screens never
/// write a label inline: they ask for `Label.x.text(lang)` (or a format in `Formats`), so a
/// test can check that nothing is missing in either language.
public enum Label: String, CaseIterable, Sendable {
    // Header and frame
    case allSites
    case paused
    case kioskLocked
    case kioskUnlocked
    case welcome

    // Countdown and closing ceremony
    case countdownTitle
    case closingCeremony
    case closingCeremonyNow
    case closingAt
    case thanks
    case skillsOverview

    // Standings
    case rank
    case medal
    case competitor
    case delegation
    case score
    case raw
    case provisional
    case provisionalNote
    case progress
    case statusMarking
    case statusLocked
    case statusPublished
    case statusFinal
    case liveUnconfirmed
    case markingComplete
    case hiddenOnPublish
    case hiddenAtCeremony
    case hiddenNoPolicy
    case noEntrants
    case andMore
    case noSkills

    // Medals
    case medalTables
    case goldTable
    case countTable
    case pointsTable
    case gold
    case silver
    case bronze
    case excellence
    case goldShort
    case silverShort
    case bronzeShort
    case excellenceShort
    case medalCount
    case points
    case teamAwards
    case teamGold
    case teamSilver
    case teamBronze
    case noTeamAwardsYet
    case publicOnlyNote
    case rankInGold
    case rankInCount
    case rankInPoints
    case byGoldTable
    case byCountTable
    case byPointsTable

    // Schedule
    case schedule
    case nowAndNext
    case liveNow
    case next
    case nothingLive
    case nothingNext
    case time
    case skill
    case round
    case station
    case timeLeft
    case today
    case tomorrow

    // Ticker
    case urgent
    case important
    case resultsPublished
    case resultsFinal
    case goldTo
    case sessionStarting
    case sessionStarted
    case sessionEnding
    case sessionEnded

    // Keys and overlays
    case help
    case keyPause
    case keyResume
    case keyPauseResume
    case keyPages
    case keyNextPage
    case keyPreviousPage
    case keySkill
    case keyHelp
    case keyQuit
    case keyLock
    case keyClose
    case keyJump
    case keyMove
    case pickSkill
    case helpRotation
    case helpKiosk
    case tooSmall
    case tooSmallQuit

    // Staff on the day: the schedule, the clock, the ceremony reveal
    case delayed
    case cancelled
    case moved
    case overrunning
    case countdownPausedNote
    case ceremonyReveal
    case ceremonyOpening
    case ceremonyStep
    case ceremonyTeamAward

    /// The label in `lang`.
    public func text(_ lang: Language) -> String {
        let (zh, en) = pair
        return lang == .zh ? zh : en
    }

    /// (Chinese, English).
    var pair: (String, String) {
        switch self {
        case .allSites: ("全部赛区", "All sites")
        case .paused: ("已暂停", "paused")
        case .kioskLocked: ("展台模式", "kiosk")
        case .kioskUnlocked: ("已解锁：按 k 重新锁定", "Unlocked: press k to lock again")
        case .welcome: ("欢迎观赛", "Welcome to")

        case .countdownTitle: ("闭幕式倒计时", "Countdown to the closing ceremony")
        case .closingCeremony: ("闭幕式", "Closing ceremony")
        case .closingCeremonyNow: ("闭幕式进行中", "The closing ceremony is on")
        case .closingAt: ("闭幕式", "Closing ceremony")
        case .thanks: ("感谢全体选手、裁判员和工作人员！", "Thank you, competitors, judges and staff!")
        case .skillsOverview: ("赛项进度", "Skills")

        case .rank: ("名次", "Rank")
        case .medal: ("奖牌", "Medal")
        case .competitor: ("选手", "Competitor")
        case .delegation: ("代表队", "Delegation")
        case .score: ("成绩", "Score")
        case .raw: ("原始分", "Raw")
        case .provisional: ("暂定", "prov.")
        case .provisionalNote: ("暂定：评分未完成", "prov.: marking not complete")
        case .progress: ("评分进度", "Marking")
        case .statusMarking: ("评分中", "marking")
        case .statusLocked: ("评分完成", "marking complete")
        case .statusPublished: ("已公布", "published")
        case .statusFinal: ("最终成绩", "final results")
        case .liveUnconfirmed: ("实时成绩，尚未确认", "live results, not yet confirmed")
        case .markingComplete: ("评分完成，等待公布", "marking complete, awaiting publication")
        case .hiddenOnPublish: ("成绩公布后显示排名", "Standings appear once results are published")
        case .hiddenAtCeremony: ("成绩将在闭幕式上揭晓", "Results are revealed at the closing ceremony")
        case .hiddenNoPolicy: ("成绩暂不公开", "Results are not public")
        case .noEntrants: ("暂无选手", "no competitors yet")
        case .andMore: ("另有", "and")
        case .noSkills: ("暂无比赛项目", "No skills to show")

        case .medalTables: ("代表队奖牌榜", "Delegation medal tables")
        case .goldTable: ("金牌榜", "Gold table")
        case .countTable: ("奖牌榜", "Medal count")
        case .pointsTable: ("积分榜", "Points table")
        case .gold: ("金牌", "Gold")
        case .silver: ("银牌", "Silver")
        case .bronze: ("铜牌", "Bronze")
        case .excellence: ("优胜奖", "Excellence")
        case .goldShort: ("金", "G")
        case .silverShort: ("银", "S")
        case .bronzeShort: ("铜", "B")
        case .excellenceShort: ("优", "E")
        case .medalCount: ("奖牌", "Medals")
        case .points: ("积分", "Points")
        case .teamAwards: ("团体奖", "Team awards")
        case .teamGold: ("团体金奖", "Team gold")
        case .teamSilver: ("团体银奖", "Team silver")
        case .teamBronze: ("团体铜奖", "Team bronze")
        case .noTeamAwardsYet: ("尚未产生", "none yet")
        case .publicOnlyNote: ("仅计已公布成绩", "published results only")
        case .rankInGold: ("金牌榜", "Gold #")
        case .rankInCount: ("奖牌榜", "Count #")
        case .rankInPoints: ("积分榜", "Points #")
        case .byGoldTable: ("按金牌榜", "by the gold table")
        case .byCountTable: ("按奖牌榜", "by the medal count")
        case .byPointsTable: ("按积分榜", "by points")

        case .schedule: ("赛程", "Schedule")
        case .nowAndNext: ("正在进行 · 即将开始", "Now and next")
        case .liveNow: ("进行中", "Now")
        case .next: ("下一场", "Next")
        case .nothingLive: ("暂无进行中的比赛", "nothing on now")
        case .nothingNext: ("后续暂无赛程", "nothing more scheduled")
        case .time: ("时间", "Time")
        case .skill: ("赛项", "Skill")
        case .round: ("轮次", "Round")
        case .station: ("赛场", "Where")
        case .timeLeft: ("剩余", "Left")
        case .today: ("今天", "today")
        case .tomorrow: ("明天", "tomorrow")

        case .urgent: ("【紧急】", "URGENT: ")
        case .important: ("【重要】", "Important: ")
        case .resultsPublished: ("成绩公布", "Results published")
        case .resultsFinal: ("成绩确认", "Results final")
        case .goldTo: ("金牌", "gold")
        case .sessionStarting: ("即将开始", "Starting soon")
        case .sessionStarted: ("比赛开始", "Started")
        case .sessionEnding: ("即将结束", "Ending soon")
        case .sessionEnded: ("比赛结束", "Ended")

        case .help: ("帮助", "Help")
        case .keyPause: ("暂停", "pause")
        case .keyResume: ("继续", "resume")
        case .keyPauseResume: ("暂停 / 继续翻页", "pause / resume the pages")
        case .keyPages: ("翻页", "pages")
        case .keyNextPage: ("下一页", "next page")
        case .keyPreviousPage: ("上一页", "previous page")
        case .keySkill: ("赛项", "skill")
        case .keyHelp: ("帮助", "help")
        case .keyQuit: ("退出", "quit")
        case .keyLock: ("锁定（展台模式）", "lock (kiosk)")
        case .keyClose: ("关闭", "close")
        case .keyJump: ("跳转", "go")
        case .keyMove: ("选择", "choose")
        case .pickSkill: ("跳到赛项", "Go to a skill")
        case .helpRotation: ("页面每 %d 秒自动翻页。", "Pages turn every %d seconds.")
        case .helpKiosk: ("展台模式下按键无效；输入 podium 再按 Enter 解锁。",
                          "In kiosk mode keys do nothing; type podium, then Enter, to unlock.")
        case .tooSmall: ("终端窗口太小，请放大到至少 %d×%d（当前 %d×%d）。",
                         "The terminal is too small: please make it at least %d×%d (now %d×%d).")
        case .tooSmallQuit: ("按 q 退出", "Press q to quit")

        case .delayed: ("推迟", "delayed")
        case .cancelled: ("已取消", "cancelled")
        case .moved: ("改至", "moved to")
        case .overrunning: ("超时进行中", "running over")
        case .countdownPausedNote: ("倒计时暂停", "countdown paused")
        case .ceremonyReveal: ("闭幕式 · 成绩揭晓", "Closing ceremony · results")
        case .ceremonyOpening: ("获奖名单揭晓", "And the medals go to")
        case .ceremonyStep: ("第 %d/%d 项", "step %d of %d")
        case .ceremonyTeamAward: ("团体奖", "Team award")
        }
    }
}
