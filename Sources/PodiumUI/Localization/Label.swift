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

    // Staff console
    case consoleTitle
    case consoleTabSchedule
    case consoleTabAnnouncements
    case consoleTabClock
    case consoleTabResults
    case consoleTabCeremony
    case consoleTabAudit
    case consoleTabHealth
    case consoleDone
    case consoleRefused
    case consoleRefusedTitle
    case consoleNothingAppended
    case consoleAnyKey
    case consoleLoggedIn
    case consoleLoginTitle
    case consoleLoginIntro
    case consoleStaffID
    case consolePIN
    case consoleSearch
    case consoleSearchFor
    case consoleNoMatch
    case consoleNewAnnouncement
    case consoleText
    case consolePriority
    case consolePriorityNormal
    case consolePriorityHigh
    case consolePriorityUrgent
    case consoleUntil
    case consolePosted
    case consoleTimeHint
    case consoleShowing
    case consoleExpired
    case consoleWithdraw
    case consoleWithdrawQuestion
    case consoleNoAnnouncements
    case consoleID
    case consoleStatus
    case consolePublish
    case consolePublishQuestion
    case consoleFreeze
    case consoleFreezeQuestion
    case consoleFinalize
    case consoleFinalizeQuestion
    case consoleIrreversible
    case consoleUnlock
    case consoleUnlockNote
    case consoleModule
    case consoleModules
    case consoleReason
    case consoleFrozen
    case consoleNotes
    case consoleLocked
    case consoleOpen
    case consoleFilter
    case consoleActor
    case consoleType
    case consoleTypeHint
    case consoleSummary
    case consoleLogFile
    case consoleLogSize
    case consoleLastSeq
    case consoleLastVerify
    case consoleNotVerified
    case consoleVerifyOK
    case consoleVerifyFailed
    case consoleFreeDisk
    case consoleDiskLow
    case consoleWriters
    case consoleLastWrite
    case consoleEvents
    case consoleDay
    case consoleSite
    case consoleUpcoming
    case consoleQuitTitle
    case consoleQuitQuestion
    case consoleYes
    case consoleNo
    case consoleKeyNew
    case consoleKeyWithdraw
    case consoleKeyOpen
    case consoleKeyPublish
    case consoleKeyFreeze
    case consoleKeyFinalize
    case consoleKeyUnlock
    case consoleKeyDetails
    case consoleKeyFilter
    case consoleKeyReplay
    case consoleKeyLive
    case consoleKeyStep
    case consoleKeyClear
    case consoleKeyVerify
    case consoleKeySearch
    case consoleKeyTabs
    case consoleKeyScroll
    case consoleKeyNextField
    case consoleKeySubmit
    case consoleKeyCancel
    case consoleHelpSchedule
    case consoleHelpAnnouncements
    case consoleHelpClock
    case consoleHelpResults
    case consoleHelpCeremony
    case consoleHelpAudit
    case consoleHelpHealth
    case consoleReauthFailed
    case consoleNotDone
    case consoleStartSession
    case consoleStartQuestion
    case consoleFinishSession
    case consoleFinishQuestion
    case consoleDelaySession
    case consoleMinutes
    case consoleDelayHint
    case consoleMoveSession
    case consoleCancelSession
    case consoleCancelNote
    case consoleCancelled
    case consoleDue
    case consoleScheduled
    case consoleSetClosing
    case consoleNewTime
    case consoleClosingHint
    case consoleCountdownPaused
    case consoleStartCeremony
    case consoleStartCeremonyQuestion
    case consoleEndCeremony
    case consoleEndCeremonyQuestion
    case consoleCeremonyNotRunning
    case consoleNothingToReveal
    case consoleHallSees
    case consoleNextStep
    case consoleLastStep
    case consoleKeyStart
    case consoleKeyFinish
    case consoleKeyDelay
    case consoleKeyMove
    case consoleKeyCancelSession
    case consoleKeySetClosing
    case consoleKeyPauseResume
    case consoleKeyNextStep
    case consoleKeyPreviousStep
    case consoleKeyEnd
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
    case scheduleChange
    case sessionCancelledNews
    case sessionMovedNews
    // Judge console
    case judgeAboveMax
    case judgeAlreadySignedOff
    case judgeAlreadySubmitted
    case judgeAspect
    case judgeAspectCounts
    case judgeAspects
    case judgeBackButton
    case judgeBlankAspects
    case judgeCancelButton
    case judgeChief
    case judgeChiefOnly
    case judgeChiefSummary
    case judgeChiefView
    case judgeCompatriot
    case judgeCompatriotKey
    case judgeComplete
    case judgeCompleteOf
    case judgeConsole
    case judgeCorrection
    case judgeCorrectionOf
    case judgeCorrectionPick
    case judgeCorrectionPickHint
    case judgeCorrectionSaved
    case judgeDescription
    case judgeDiscardButton
    case judgeDiscardQuestion
    case judgeDiscardTitle
    case judgeDisputed
    case judgeHelpClose
    case judgeHelpCursor
    case judgeHelpDelete
    case judgeHelpDigits
    case judgeHelpEnter
    case judgeHelpRemark
    case judgeHelpSignOff
    case judgeHelpSheetRules
    case judgeHelpStates
    case judgeID
    case judgeIDCharacters
    case judgeInputKept
    case judgeJudgement
    case judgeJudgementRule
    case judgeKeepButton
    case judgeKeyAspect
    case judgeKeyBack
    case judgeKeyConfirm
    case judgeKeyCorrect
    case judgeKeyEnter
    case judgeKeyLogOut
    case judgeKeyMark
    case judgeKeyModule
    case judgeKeyNext
    case judgeKeyNotAMark
    case judgeKeyOpen
    case judgeKeyRemark
    case judgeKeyReview
    case judgeKeySignOff
    case judgeKeySwitchField
    case judgeLeadingZero
    case judgeLocked
    case judgeLockedOut
    case judgeLogin
    case judgeLoginHint
    case judgeMark
    case judgeMarks
    case judgeMarksSaved
    case judgeMax
    case judgeMeasurement
    case judgeMeasurementRule
    case judgeMissing
    case judgeModule
    case judgeModuleColumn
    case judgeModuleLockedKey
    case judgeModulesDone
    case judgeMyProgress
    case judgeMySkills
    case judgeName
    case judgeNeedID
    case judgeNeedPIN
    case judgeNeedReason
    case judgeNeedValue
    case judgeNewValue
    case judgeNoSkills
    case judgeNofN
    case judgeNotAJudge
    case judgeNotSaved
    case judgeNotStarted
    case judgeNote
    case judgeNothingToCorrect
    case judgeNothingToEnter
    case judgeNumber
    case judgeOKButton
    case judgeOneDigit
    case judgeOnePoint
    case judgeOwnDelegationNote
    case judgePIN
    case judgePINDigits
    case judgePINLength
    case judgePanelScored
    case judgePartly
    case judgeRawTotal
    case judgeReason
    case judgeReceiptSeq
    case judgeRemarkJudgementOnly
    case judgeRemarkOf
    case judgeRemarkOpen
    case judgeRemarkPlaceholder
    case judgeRemarkSent
    case judgeRemarkTitle
    case judgeReview
    case judgeReviewNote
    case judgeReviewOf
    case judgeSameValue
    case judgeSaved
    case judgeScoreRange
    case judgeScoredOf
    case judgeSheetEmpty
    case judgeSignOffButton
    case judgeSignOffNote
    case judgeSignOffQuestion
    case judgeSignOffTitle
    case judgeSignedOff
    case judgeSpread
    case judgeStatus
    case judgeSubmitButton
    case judgeSubmitted
    case judgeToMark
    case judgeTwoDecimals
    case judgeType
    case judgeUnknownAccount
    case judgeValuesHidden
    case judgeWelcome
    case judgeWholeScore
    case judgeWrongPIN

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

        case .consoleTitle: ("员工控制台", "Staff console")
        case .consoleTabSchedule: ("赛程", "Schedule")
        case .consoleTabAnnouncements: ("公告", "Announcements")
        case .consoleTabClock: ("时钟", "Clock")
        case .consoleTabResults: ("成绩", "Results")
        case .consoleTabCeremony: ("颁奖", "Ceremony")
        case .consoleTabAudit: ("审计", "Audit")
        case .consoleTabHealth: ("状态", "Health")
        case .consoleDone: ("完成：", "Done: ")
        case .consoleRefused: ("已拒绝：", "Refused: ")
        case .consoleRefusedTitle: ("操作被拒绝", "Refused")
        case .consoleNothingAppended: ("日志未作任何改动。", "Nothing was written to the log.")
        case .consoleAnyKey: ("按任意键关闭", "Press any key to close")
        case .consoleLoggedIn: ("已登录", "Logged in as")
        case .consoleLoginTitle: ("员工登录", "Staff login")
        case .consoleLoginIntro: ("请输入工作人员编号和 PIN 码。", "Enter your staff id and PIN.")
        case .consoleStaffID: ("编号", "Staff id")
        case .consolePIN: ("PIN 码", "PIN")
        case .consoleSearch: ("搜索", "Search")
        case .consoleSearchFor: ("查找", "Find")
        case .consoleNoMatch: ("没有符合条件的条目", "Nothing matches")
        case .consoleNewAnnouncement: ("发布公告", "New announcement")
        case .consoleText: ("内容", "Text")
        case .consolePriority: ("优先级", "Priority")
        case .consolePriorityNormal: ("普通", "normal")
        case .consolePriorityHigh: ("重要", "high")
        case .consolePriorityUrgent: ("紧急", "urgent")
        case .consoleUntil: ("截止", "Until")
        case .consolePosted: ("发布", "Posted")
        case .consoleTimeHint: ("留空表示一直显示；可写 +30（分钟后）、+2h、15:30 或 2025-06-24 15:00", "Empty: until withdrawn; or +30 (minutes), +2h, 15:30, 2025-06-24 15:00")
        case .consoleShowing: ("显示中", "showing")
        case .consoleExpired: ("已过期", "expired")
        case .consoleWithdraw: ("撤回公告", "Withdraw announcement")
        case .consoleWithdrawQuestion: ("撤回这条公告？所有大屏将不再显示。", "Withdraw this announcement? No board will show it any more.")
        case .consoleNoAnnouncements: ("暂无公告；按 n 发布", "No announcements; press n to write one")
        case .consoleID: ("编号", "Id")
        case .consoleStatus: ("状态", "Status")
        case .consolePublish: ("公布成绩", "Publish results")
        case .consolePublishQuestion: ("公布以下成绩？大屏将显示排名。", "Publish these results? The boards will show the standings.")
        case .consoleFreeze: ("冻结成绩", "Freeze results")
        case .consoleFreezeQuestion: ("冻结以下实时成绩？公布前大屏停在此刻的排名。", "Freeze these live results? Until publication the boards keep the standings of now.")
        case .consoleFinalize: ("确认最终成绩", "Finalize results")
        case .consoleFinalizeQuestion: ("确认以下成绩为最终成绩？", "Make these results final?")
        case .consoleIrreversible: ("此操作不可撤销。", "This cannot be undone.")
        case .consoleUnlock: ("解锁模块", "Unlock a module")
        case .consoleUnlockNote: ("解锁后该轮回到评分中，已公布的成绩将撤下，须重新公布。必须填写原因。", "Unlocking takes the round back to marking and withdraws publication until it is published again. A reason is required.")
        case .consoleModule: ("模块", "Module")
        case .consoleModules: ("模块", "Modules")
        case .consoleReason: ("原因", "Reason")
        case .consoleFrozen: ("已冻结", "frozen")
        case .consoleNotes: ("备注", "Notes")
        case .consoleLocked: ("已锁定", "locked")
        case .consoleOpen: ("未锁定", "open")
        case .consoleFilter: ("筛选", "Filter")
        case .consoleActor: ("操作者", "Actor")
        case .consoleType: ("类型", "Type")
        case .consoleTypeHint: ("例如 mark、results.published、announcement", "e.g. mark, results.published, announcement")
        case .consoleSummary: ("摘要", "Summary")
        case .consoleLogFile: ("日志文件", "Log file")
        case .consoleLogSize: ("日志大小", "Log size")
        case .consoleLastSeq: ("最新序号", "Last seq")
        case .consoleLastVerify: ("上次校验", "Last verification")
        case .consoleNotVerified: ("本控制台尚未校验；按 v 校验", "not run from this console; press v")
        case .consoleVerifyOK: ("校验通过", "verified")
        case .consoleVerifyFailed: ("校验失败", "VERIFICATION FAILED")
        case .consoleFreeDisk: ("剩余磁盘", "Free disk")
        case .consoleDiskLow: ("空间不足", "low")
        case .consoleWriters: ("最近写入者", "Recent writers")
        case .consoleLastWrite: ("最后写入", "Last write")
        case .consoleEvents: ("事件数", "Events")
        case .consoleDay: ("日期", "Day")
        case .consoleSite: ("赛区", "Site")
        case .consoleUpcoming: ("未开始", "upcoming")
        case .consoleQuitTitle: ("退出", "Quit")
        case .consoleQuitQuestion: ("退出员工控制台？", "Quit the staff console?")
        case .consoleYes: ("是 (Enter/y)", "Yes (Enter/y)")
        case .consoleNo: ("否 (Esc/n)", "No (Esc/n)")
        case .consoleKeyNew: ("新建", "new")
        case .consoleKeyWithdraw: ("撤回", "withdraw")
        case .consoleKeyOpen: ("查看", "open")
        case .consoleKeyPublish: ("公布", "publish")
        case .consoleKeyFreeze: ("冻结", "freeze")
        case .consoleKeyFinalize: ("最终确认", "finalize")
        case .consoleKeyUnlock: ("解锁", "unlock")
        case .consoleKeyDetails: ("详情", "details")
        case .consoleKeyFilter: ("筛选", "filter")
        case .consoleKeyReplay: ("回看此刻", "as of this")
        case .consoleKeyLive: ("回到实时", "back to live")
        case .consoleKeyStep: ("逐条前后", "step")
        case .consoleKeyClear: ("清除筛选", "clear filters")
        case .consoleKeyVerify: ("校验日志", "verify the log")
        case .consoleKeySearch: ("搜索", "search")
        case .consoleKeyTabs: ("切换标签页", "switch tabs")
        case .consoleKeyScroll: ("滚动", "scroll")
        case .consoleKeyNextField: ("下一项", "next field")
        case .consoleKeySubmit: ("确定", "OK")
        case .consoleKeyCancel: ("取消", "cancel")
        case .consoleHelpSchedule: ("按日期和赛区列出各场次。某赛场重复安排、或推迟后与下一场重叠时显示 ⚠ 警告。", "Sessions by day and site. ⚠ marks a station booked twice or a delay running into the next session.")
        case .consoleHelpAnnouncements: ("公告显示在所有大屏的滚动字幕中，紧急公告以红色显示。", "Announcements run in every board's ticker; urgent ones in red.")
        case .consoleHelpClock: ("闭幕式时间即所有大屏倒计时的目标。暂停时大屏停在暂停时刻的剩余时间。", "The closing ceremony's time is what every board counts down to. While paused, the boards hold the time left at the pause.")
        case .consoleHelpResults: ("成绩须全部模块锁定后才能公布；存在争议或缺分时不能确认最终成绩。解锁须填写原因。", "Results can be published once every module is locked; they cannot be finalized while marks are missing or disputed. Unlocking needs a reason.")
        case .consoleHelpCeremony: ("逐个赛项揭晓铜牌、银牌、金牌，然后是代表队奖牌榜和团体奖。每一步都会同步到所有大屏；主持人先看到下一步。", "Skill by skill, bronze, silver, gold, then the delegation tables and team awards. Every step shows on every board; the presenter sees the next one first.")
        case .consoleHelpAudit: ("日志中的每一个事件，最新的在最上面。筛选按操作者、类型、赛项；/ 在全部文字中查找。t 打开所选事件时的整个赛场（只读），[ ] 逐条后退、前进，Esc 回到实时。", "Every event of the log, newest first. Filter by actor, type and skill; / searches all the text. t opens the whole venue as of the selected event (read-only), [ ] step one event back and forward, Esc returns to live.")
        case .consoleHelpHealth: ("日志校验检查每一帧、校验和与哈希链，与 podium log verify 相同。", "Verification checks every frame, checksum and the hash chain, as podium log verify does.")
        case .consoleReauthFailed: ("身份验证失败", "Re-authentication failed")
        case .consoleNotDone: ("操作未执行。", "The command was not carried out.")
        case .consoleStartSession: ("开始场次", "Start session")
        case .consoleStartQuestion: ("现在开始这一场？", "Start this session now?")
        case .consoleFinishSession: ("结束场次", "Finish session")
        case .consoleFinishQuestion: ("现在结束这一场？", "Finish this session now?")
        case .consoleDelaySession: ("推迟场次", "Delay session")
        case .consoleMinutes: ("分钟", "Minutes")
        case .consoleDelayHint: ("开始和结束时间一起推迟；进行中的场次只推迟结束时间", "Start and end move together; a running session's end only")
        case .consoleMoveSession: ("更换赛场", "Move session")
        case .consoleCancelSession: ("取消场次", "Cancel session")
        case .consoleCancelNote: ("取消后不能恢复。必须填写原因，原因会显示在审计记录中。", "A cancelled session cannot be restored. The reason is required and goes into the audit trail.")
        case .consoleCancelled: ("已取消", "cancelled")
        case .consoleDue: ("应已开始", "due")
        case .consoleScheduled: ("原定", "scheduled")
        case .consoleSetClosing: ("调整闭幕式时间", "Move the closing ceremony")
        case .consoleNewTime: ("新时间", "New time")
        case .consoleClosingHint: ("可写 15:30、2025-06-24 15:00、+30（分钟后）或 RFC 3339 时间", "15:30, 2025-06-24 15:00, +30 (minutes) or an RFC 3339 time")
        case .consoleCountdownPaused: ("倒计时已暂停于", "countdown paused at")
        case .consoleStartCeremony: ("开始颁奖揭晓", "Start the reveal")
        case .consoleStartCeremonyQuestion: ("开始颁奖揭晓？所有大屏将切换到揭晓页面。", "Start the ceremony reveal? Every board switches to the reveal page.")
        case .consoleEndCeremony: ("结束颁奖揭晓", "End the reveal")
        case .consoleEndCeremonyQuestion: ("结束颁奖揭晓？大屏将回到平常的页面。", "End the reveal? The boards go back to their usual pages.")
        case .consoleCeremonyNotRunning: ("颁奖揭晓尚未开始；按 s 开始", "The reveal is not running; press s to start it")
        case .consoleNothingToReveal: ("暂无可揭晓的成绩（决赛须已公布或确认）", "Nothing to reveal yet (final rounds must be published or final)")
        case .consoleHallSees: ("大厅正在显示", "The hall sees")
        case .consoleNextStep: ("下一步（大厅尚未看到）", "Next (the hall has not seen it yet)")
        case .consoleLastStep: ("已是最后一步；按 e 结束", "This is the last step; press e to end")
        case .consoleKeyStart: ("开始", "start")
        case .consoleKeyFinish: ("结束", "finish")
        case .consoleKeyDelay: ("推迟", "delay")
        case .consoleKeyMove: ("换场地", "move")
        case .consoleKeyCancelSession: ("取消", "cancel")
        case .consoleKeySetClosing: ("调整时间", "set the time")
        case .consoleKeyPauseResume: ("暂停/继续倒计时", "pause / resume")
        case .consoleKeyNextStep: ("下一步", "next step")
        case .consoleKeyPreviousStep: ("上一步", "step back")
        case .consoleKeyEnd: ("结束", "end")
        case .delayed: ("推迟", "delayed")
        case .cancelled: ("已取消", "cancelled")
        case .moved: ("改至", "moved to")
        case .overrunning: ("超时进行中", "running over")
        case .countdownPausedNote: ("倒计时暂停", "countdown paused")
        case .ceremonyReveal: ("闭幕式 · 成绩揭晓", "Closing ceremony · results")
        case .ceremonyOpening: ("获奖名单揭晓", "And the medals go to")
        case .ceremonyStep: ("第 %d/%d 项", "step %d of %d")
        case .ceremonyTeamAward: ("团体奖", "Team award")
        case .scheduleChange: ("赛程调整", "Schedule change")
        case .sessionCancelledNews: ("场次取消", "Session cancelled")
        case .sessionMovedNews: ("场地调整", "Moved")
        case .judgeAboveMax: ("{1} 超过 {3} 的满分 {2}", "{1} is above the maximum {2} of {3}")
        case .judgeAlreadySignedOff: ("模块 {1} 已签核", "Module {1} is already signed off")
        case .judgeAlreadySubmitted: ("{1} 已提交：如需修改请按 c 更正", "{1} is already submitted: press c to correct it")
        case .judgeAspect: ("评分项", "Aspect")
        case .judgeAspectCounts: ("{1} 测量 · {2} 评价", "{1} M · {2} J")
        case .judgeAspects: ("评分项", "Aspects")
        case .judgeBackButton: ("返回 Esc", "Back Esc")
        case .judgeBlankAspects: ("未填写（不提交）：{1}", "Left blank (not submitted): {1}")
        case .judgeCancelButton: ("取消 n", "Cancel n")
        case .judgeChief: ("裁判长", "chief")
        case .judgeChiefOnly: ("仅裁判长可用", "Chief judge only")
        case .judgeChiefSummary: ("缺 {1} 项 · 分歧 {2} 项", "{1} missing · {2} disputed")
        case .judgeChiefView: ("裁判长视图", "chief view")
        case .judgeCompatriot: ("同代表队，不评", "own delegation: not yours")
        case .judgeCompatriotKey: ("不能给本代表队选手打评价分", "You may not give judgement scores to your own delegation")
        case .judgeComplete: ("已完成", "complete")
        case .judgeCompleteOf: ("已完成 {1} / {2} 名选手", "{1} of {2} competitors complete")
        case .judgeConsole: ("裁判席", "Judge console")
        case .judgeCorrection: ("更正评分", "Correct a mark")
        case .judgeCorrectionOf: ("{1}（原分 {2}）", "{1} (was {2})")
        case .judgeCorrectionPick: ("选择要更正的评分", "Choose the mark to correct")
        case .judgeCorrectionPickHint: ("↑↓ 选择 · Enter 更正 · Esc 取消", "↑↓ choose · Enter correct · Esc cancel")
        case .judgeCorrectionSaved: ("更正已保存", "Correction saved")
        case .judgeDescription: ("说明", "Description")
        case .judgeDiscardButton: ("放弃 y", "Discard y")
        case .judgeDiscardQuestion: ("已输入 {1} 项评分尚未提交，放弃吗？", "{1} typed mark(s) are not submitted. Discard them?")
        case .judgeDiscardTitle: ("放弃输入？", "Discard?")
        case .judgeDisputed: ("分歧", "disputed")
        case .judgeHelpClose: ("按任意键关闭", "Press any key to close")
        case .judgeHelpCursor: ("在分值内移动光标", "move within the value")
        case .judgeHelpDelete: ("删除", "delete")
        case .judgeHelpDigits: ("输入分值", "type the mark")
        case .judgeHelpEnter: ("下一项；最后一项时复核提交", "next aspect; on the last, review and submit")
        case .judgeHelpRemark: ("要求评审组重评所选评价项", "ask the panel to re-mark the chosen judgement")
        case .judgeHelpSignOff: ("签核（锁定）本模块，需确认", "sign the module off (lock), after confirming")
        case .judgeHelpSheetRules: ("测量项：0 至满分，最多两位小数。评价项：整数 0–3（0 低于行业标准，1 达到，2 部分超出，3 优秀）。不合规的按键会被拒绝并说明原因。", "Measurement: 0 to the maximum, up to two decimals. Judgement: a whole 0-3 (0 below industry standard, 1 meets it, 2 exceeds it in places, 3 excellent). A key that cannot be right is refused, with the reason.")
        case .judgeHelpStates: ("状态：未开始、部分完成、已完成、分歧、已签核（锁定）。* 为本代表队选手。", "States: not started, partly marked, complete, disputed, locked. * marks your own delegation.")
        case .judgeID: ("裁判编号", "Judge id")
        case .judgeIDCharacters: ("编号只含字母、数字、- _ .", "An id has letters, digits, - _ . only")
        case .judgeInputKept: ("输入已保留，可修改后重试。", "Your input is kept: fix it or retry.")
        case .judgeJudgement: ("J 评价", "J judgement")
        case .judgeJudgementRule: ("评价：整数 0–3 · 0 低于行业标准 · 1 达到 · 2 部分超出 · 3 优秀", "Judgement: whole 0-3 · 0 below · 1 meets · 2 exceeds · 3 excellent")
        case .judgeKeepButton: ("继续输入 n", "Keep typing n")
        case .judgeKeyAspect: ("切换评分项", "aspect")
        case .judgeKeyBack: ("返回", "back")
        case .judgeKeyConfirm: ("确认", "confirm")
        case .judgeKeyCorrect: ("更正", "correct")
        case .judgeKeyEnter: ("分值", "mark")
        case .judgeKeyLogOut: ("退出登录", "log out")
        case .judgeKeyMark: ("评分", "mark")
        case .judgeKeyModule: ("模块", "module")
        case .judgeKeyNext: ("下一项", "next")
        case .judgeKeyNotAMark: ("“{1}” 不是分值：只能输入数字和小数点", "\"{1}\" is not a mark: only digits and a point")
        case .judgeKeyOpen: ("打开", "open")
        case .judgeKeyRemark: ("重评", "re-mark")
        case .judgeKeyReview: ("复核提交", "review")
        case .judgeKeySignOff: ("签核", "sign off")
        case .judgeKeySwitchField: ("切换", "switch")
        case .judgeLeadingZero: ("分值不能以 0 开头（如 05）", "A mark does not start with 0 (as in 05)")
        case .judgeLocked: ("已签核", "locked")
        case .judgeLockedOut: ("密码错误次数过多，已锁定至 {1}；请联系工作人员", "Too many wrong PINs: locked out until {1}; ask the staff")
        case .judgeLogin: ("裁判登录", "Judge login")
        case .judgeLoginHint: ("输入编号和密码，按 Enter 登录", "Type your id and PIN, then Enter")
        case .judgeMark: ("评分", "Mark")
        case .judgeMarks: ("各裁判评分", "Marks")
        case .judgeMarksSaved: ("{1} 项评分已保存", "{1} mark(s) saved")
        case .judgeMax: ("满分", "Max")
        case .judgeMeasurement: ("M 测量", "M measure")
        case .judgeMeasurementRule: ("测量：0 至 {1}，最多两位小数；以最后一次录入为准", "Measurement: 0 to {1}, up to two decimals; the latest entry counts")
        case .judgeMissing: ("缺", "missing")
        case .judgeModule: ("模块 {1}", "Module {1}")
        case .judgeModuleColumn: ("模块", "Module")
        case .judgeModuleLockedKey: ("模块 {1} 已签核（锁定），不能再改分", "Module {1} is signed off (locked): marks cannot change")
        case .judgeModulesDone: ("{1}/{2} 模块", "{1}/{2} modules")
        case .judgeMyProgress: ("我的进度", "My progress")
        case .judgeMySkills: ("我的赛项与场次", "My skills and sessions")
        case .judgeName: ("名称", "Name")
        case .judgeNeedID: ("请输入裁判编号", "Type your judge id")
        case .judgeNeedPIN: ("请输入密码", "Type your PIN")
        case .judgeNeedReason: ("更正需要填写原因", "A correction needs a reason")
        case .judgeNeedValue: ("请输入新分值", "Type the new mark")
        case .judgeNewValue: ("新分值", "New mark")
        case .judgeNoSkills: ("您没有分配赛项", "You are not assigned to any skill")
        case .judgeNofN: ("{1} / {2}", "{1} of {2}")
        case .judgeNotAJudge: ("{1} 不是本赛事的裁判账号", "{1} is not a judge account of this competition")
        case .judgeNotSaved: ("未保存", "Not saved")
        case .judgeNotStarted: ("未开始", "not started")
        case .judgeNote: ("备注", "Note")
        case .judgeNothingToCorrect: ("本页还没有已提交的评分可更正", "Nothing submitted here to correct yet")
        case .judgeNothingToEnter: ("本页没有可输入的评分项", "Nothing on this sheet takes input")
        case .judgeNumber: ("编号", "No.")
        case .judgeOKButton: ("确定 Enter", "OK Enter")
        case .judgeOneDigit: ("评价分只有一位数字：先按 Backspace", "A judgement score is one digit: Backspace first")
        case .judgeOnePoint: ("只能有一个小数点", "Only one decimal point")
        case .judgeOwnDelegationNote: ("* 本代表队选手：评价项不由您打分", "* your own delegation: you give them no judgement scores")
        case .judgePIN: ("密码", "PIN")
        case .judgePINDigits: ("密码只含数字", "A PIN is digits only")
        case .judgePINLength: ("密码最多 12 位", "A PIN has at most 12 digits")
        case .judgePanelScored: ("评审组 {1}/{2} 已评", "Panel {1}/{2} scored")
        case .judgePartly: ("部分完成", "partly marked")
        case .judgeRawTotal: ("原始总分", "Raw total")
        case .judgeReason: ("原因", "Reason")
        case .judgeReceiptSeq: ("日志序号 {1}（已写入磁盘）", "Log sequence {1} (on disk)")
        case .judgeRemarkJudgementOnly: ("只有评价项可以要求重评", "Only judgement aspects can be re-marked")
        case .judgeRemarkOf: ("{1} · {2}", "{1} · {2}")
        case .judgeRemarkOpen: ("待重评", "re-mark")
        case .judgeRemarkPlaceholder: ("（可不填）", "(optional)")
        case .judgeRemarkSent: ("已要求重评，序号 {1}", "Re-mark requested, sequence {1}")
        case .judgeRemarkTitle: ("要求重评", "Ask for re-marking")
        case .judgeReview: ("复核提交", "Review and submit")
        case .judgeReviewNote: ("提交后全部评分一次写入（全部成功或全部不写）。", "Submitting writes all these marks at once (all or none).")
        case .judgeReviewOf: ("{1} · {2}", "{1} · {2}")
        case .judgeSameValue: ("新分值与原分相同", "The new mark is the same as the old")
        case .judgeSaved: ("已保存", "Saved")
        case .judgeScoreRange: ("{1} 超出范围：评价分为 0–3", "{1} is out of range: a judgement score is 0-3")
        case .judgeScoredOf: ("{1}/{2} 已评", "{1}/{2} scored")
        case .judgeSheetEmpty: ("还没有输入任何评分", "No mark typed yet")
        case .judgeSignOffButton: ("签核 y", "Sign off y")
        case .judgeSignOffNote: ("签核后本模块评分锁定，只有工作人员可以解锁（需说明原因）。", "Once signed off, the module's marks are locked; only staff can unlock it, with a reason.")
        case .judgeSignOffQuestion: ("签核 {2} 的 {1}？", "Sign off {1} of {2}?")
        case .judgeSignOffTitle: ("签核模块", "Sign off the module")
        case .judgeSignedOff: ("模块已签核，序号 {1}", "Module signed off, sequence {1}")
        case .judgeSpread: ("分差", "Spread")
        case .judgeStatus: ("状态", "State")
        case .judgeSubmitButton: ("提交 y", "Submit y")
        case .judgeSubmitted: ("已提交", "submitted")
        case .judgeToMark: ("待评", "to mark")
        case .judgeTwoDecimals: ("最多两位小数", "At most two decimals")
        case .judgeType: ("类型", "Type")
        case .judgeUnknownAccount: ("没有账号 {1}：请工作人员设置密码", "No account {1}: ask the staff to set a PIN")
        case .judgeValuesHidden: ("评审组评完后才显示分值", "scores show once the panel is complete")
        case .judgeWelcome: ("{1}，欢迎", "Welcome, {1}")
        case .judgeWholeScore: ("评价分是整数：不能输入小数点", "A judgement score is whole: no decimal point")
        case .judgeWrongPIN: ("密码错误，还可再试 {1} 次", "Wrong PIN: {1} more tries before a lock-out")
        }
    }
}
