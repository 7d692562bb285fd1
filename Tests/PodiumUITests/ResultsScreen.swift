@testable import PodiumUI

/// A results screen composed only of PodiumUI widgets, as the board screens will be:
/// a title bar, a ranking table of Chinese and Latin names in a panel, a clock and a
/// schedule in a side panel, a scoring gauge, a ticker and a key bar.
func resultsScreen(width: Int, height: Int, tick: Int = 3) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    let rows = canvas.bounds.rows([.length(1), .fill(), .length(1), .length(1), .length(1)])

    canvas.fill(rows[0], style: Style(.header))
    canvas.put(TextWidth.pad("第一届上海职业技能大赛 · 中式烹调 Chinese Cuisine", to: rows[0].width, alignment: .center),
               x: rows[0].x, y: rows[0].y, style: Style(.header))

    let body = rows[1].columns([.fill(), .percentage(30)])
    let results = Panel(title: "成绩排名 Results")
    results.render(in: body[0], into: &canvas)
    canvas.render(rankingTable, in: results.inner(of: body[0]))

    let side = Panel(title: "剩余时间 Time left")
    side.render(in: body[1], into: &canvas)
    let sideParts = side.inner(of: body[1]).rows([.percentage(40), .fill()], spacing: 1)
    canvas.render(BigText("01:25", style: Style(.accent, .bold)), in: sideParts[0])
    var schedule = ScrollList(items: ["09:00 开幕 Opening", "10:30 第一场 Round 1", "13:00 第二场 Round 2",
                                      "15:30 点评 Review", "17:00 颁奖 Awards"])
    schedule.select(1, viewport: sideParts[1].height)
    canvas.render(schedule, in: sideParts[1])

    let progress = rows[2].columns([.length(17), .fill()])
    canvas.put("评分进度 Scoring", x: progress[0].x, y: progress[0].y, style: Style(.muted))
    canvas.render(Gauge(ratio: 10.0 / 16.0, label: "10/16 62%"), in: progress[1])

    canvas.render(Ticker(items: ["欢迎来到第一届上海职业技能大赛", "Welcome to the 1st Shanghai Skills Competition",
                                 "下一场 14:00 西式烹调 Western Cuisine"], tick: tick), in: rows[3])
    canvas.render(KeyHelpBar([.init("q", "退出 Quit"), .init("?", "帮助 Help"), .init("↑↓", "选择 Select"),
                              .init("t", "主题 Theme"), .init("Enter", "详情 Details"), .init("/", "搜索 Search")]),
                  in: rows[4])
    return canvas
}

let rankingTable = Table(
    columns: [
        Table.Column("名次", alignment: .right),
        Table.Column("奖"),
        Table.Column("选手 Competitor", width: .fill),
        Table.Column("单位 Unit"),
        Table.Column("得分", alignment: .right),
    ],
    rows: [
        Table.Row(["1", Table.Cell("金", style: MedalBadge.gold.style), "张伟 Zhang Wei", "上海市第二工业学校", "96.50"]),
        Table.Row(["2", Table.Cell("银", style: MedalBadge.silver.style), "李娜 Li Na", "上海市浦东新区职业技术学院", "94.25"]),
        Table.Row(["3", Table.Cell("铜", style: MedalBadge.bronze.style), "王小明", "嘉定区技工学校", "93.00"]),
        Table.Row(["4", Table.Cell("优", style: MedalBadge.excellence.style), "陈静 Chen Jing", "徐汇职校", "91.75"]),
        ["5", "", "Ａｌｉｃｅ Brown", "Shanghai Tech", "90.00"],
        ["6", "", "欧阳娜娜", "上海市工贸技师学院", "88.50"],
        ["7", "", "Jose\u{301} Mu\u{308}ller", "闵行职校", "87.00"],
        Table.Row(["8", "", "赵磊 Zhao Lei", "奉贤中专", "—"], style: Style(.provisional)),
    ],
    highlighted: 1
)
