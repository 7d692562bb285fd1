/// Goldens of EdgeGoldenTests (record with PODIUM_RECORD_GOLDENS=FILE swift test --filter EdgeGoldenTests).
let edgeGoldens: [String: String] = [
    "subpage-1-zh-80x24": """
         上海市第二届职业技能大赛                    全部赛区 · 6月21日 星期六 10:00:00
                             距闭幕式还有 3 天 05 小时 00 分 00 秒
        ┌─ 工业机器人 · 决赛 ──────────────────────────────────────────────────────────┐
        │ 已公布 · 第 1/2 屏                    评分进度 ████████████████████████ 100% │
        │                                                                              │
        │ 名次  奖牌    选手                                    代表队      成绩  暂定 │
        │    1  金牌    张伟                                    嘉定区    100.00       │
        │    2  银牌    欧阳娜娜                                浦东新区   98.50       │
        │    3  铜牌    José Müller                             杨浦区     97.00       │
        │    4  优胜奖  Ａｌｉｃｅ Brown                        徐汇区     95.50       │
        │    5  优胜奖  王建国                                  嘉定区     94.00       │
        │    6  优胜奖  李晓明                                  浦东新区   92.50       │
        │    7  优胜奖  张丽华                                  杨浦区     91.00       │
        │    8  优胜奖  刘志强                                  徐汇区     89.50       │
        │    9  优胜奖  陈海燕                                  嘉定区     68.00       │
        │   10  优胜奖  杨子涵                                  浦东新区   66.50       │
        │   11  优胜奖  黄浩然                                  杨浦区     65.00       │
        │   12  优胜奖  赵雨桐                                  徐汇区     63.50       │
        │   13  优胜奖  吴俊杰                                  嘉定区     62.00       │
        │   14  优胜奖  周思远                                  浦东新区   60.50       │
        │   15  优胜奖  徐欣怡                                  杨浦区     59.00       │
        └──────────────────────────────────────────────────────────────────────────────┘
                        成绩公布：工业机器人 · 决赛，金牌 张伟（嘉定区）
        空格 暂停  ←→ 翻页  s 赛项  ? 帮助  q 退出                            第 4/6 页
        """,
    "subpage-2-zh-80x24": """
         上海市第二届职业技能大赛                    全部赛区 · 6月21日 星期六 10:00:00
                             距闭幕式还有 3 天 05 小时 00 分 00 秒
        ┌─ 工业机器人 · 决赛 ──────────────────────────────────────────────────────────┐
        │ 已公布 · 第 2/2 屏                    评分进度 ████████████████████████ 100% │
        │                                                                              │
        │ 名次  奖牌    选手                                     代表队     成绩  暂定 │
        │   16  优胜奖  孙建国                                   徐汇区    57.50       │
        │   17          王晓明                                   嘉定区    36.00       │
        │   18          李丽华                                   浦东新区  34.50       │
        │   19          张志强                                   杨浦区    33.00       │
        │   20          刘海燕                                   徐汇区    31.50       │
        │   21          陈子涵                                   嘉定区    30.00       │
        │   22          杨浩然                                   浦东新区  28.50       │
        │   23          黄雨桐                                   杨浦区    27.00       │
        │   24          赵俊杰                                   徐汇区    25.50       │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
                        成绩公布：工业机器人 · 决赛，金牌 张伟（嘉定区）
        空格 暂停  ←→ 翻页  s 赛项  ? 帮助  q 退出                            第 4/6 页
        """,
    "subpage-1-en-80x24": """
         2nd Shanghai Vocational Skills Competition     All sites · Sat 21 Jun 10:00:00
                          Closing ceremony in 3 days 05 h 00 min 00 s
        ┌─ Industrial Robotics · Final ────────────────────────────────────────────────┐
        │ published · screen 1/2                Marking █████████████████████████ 100% │
        │                                                                              │
        │ Rank  Medal       Competitor                       Delegation   Score  prov. │
        │    1  Gold        张伟                             Jiading     100.00        │
        │    2  Silver      欧阳娜娜                         Pudong       98.50        │
        │    3  Bronze      José Müller                      Yangpu       97.00        │
        │    4  Excellence  Ａｌｉｃｅ Brown                 Xuhui        95.50        │
        │    5  Excellence  王建国                           Jiading      94.00        │
        │    6  Excellence  李晓明                           Pudong       92.50        │
        │    7  Excellence  张丽华                           Yangpu       91.00        │
        │    8  Excellence  刘志强                           Xuhui        89.50        │
        │    9  Excellence  陈海燕                           Jiading      68.00        │
        │   10  Excellence  杨子涵                           Pudong       66.50        │
        │   11  Excellence  黄浩然                           Yangpu       65.00        │
        │   12  Excellence  赵雨桐                           Xuhui        63.50        │
        │   13  Excellence  吴俊杰                           Jiading      62.00        │
        │   14  Excellence  周思远                           Pudong       60.50        │
        │   15  Excellence  徐欣怡                           Yangpu       59.00        │
        └──────────────────────────────────────────────────────────────────────────────┘
              Results published: Industrial Robotics · Final; gold: 张伟 (Jiading)
        Space pause  ←→ pages  s skill  ? help  q quit                         page 4/6
        """,
    "subpage-2-en-80x24": """
         2nd Shanghai Vocational Skills Competition     All sites · Sat 21 Jun 10:00:00
                          Closing ceremony in 3 days 05 h 00 min 00 s
        ┌─ Industrial Robotics · Final ────────────────────────────────────────────────┐
        │ published · screen 2/2                Marking █████████████████████████ 100% │
        │                                                                              │
        │ Rank  Medal       Competitor                        Delegation  Score  prov. │
        │   16  Excellence  孙建国                            Xuhui       57.50        │
        │   17              王晓明                            Jiading     36.00        │
        │   18              李丽华                            Pudong      34.50        │
        │   19              张志强                            Yangpu      33.00        │
        │   20              刘海燕                            Xuhui       31.50        │
        │   21              陈子涵                            Jiading     30.00        │
        │   22              杨浩然                            Pudong      28.50        │
        │   23              黄雨桐                            Yangpu      27.00        │
        │   24              赵俊杰                            Xuhui       25.50        │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
              Results published: Industrial Robotics · Final; gold: 张伟 (Jiading)
        Space pause  ←→ pages  s skill  ? help  q quit                         page 4/6
        """,
    "excellence-zh-80x24": """
         上海市第二届职业技能大赛                    全部赛区 · 6月21日 星期六 10:00:00
                             距闭幕式还有 3 天 05 小时 00 分 00 秒
        ┌─ 闭幕式 · 成绩揭晓 · 第 2/11 项 ─────────────────────────────────────────────┐
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                              工业机器人 · 决赛                               │
        │                                                                              │
        │                                    优胜奖                                    │
        │                              13 名选手获优胜奖                               │
        │                                                                              │
        │      Ａｌｉｃｅ Brown（徐汇区）   王建国（嘉定区）   李晓明（浦东新区）      │
        │ 张丽华（杨浦区）   刘志强（徐汇区）   陈海燕（嘉定区）   杨子涵（浦东新区）  │
        │ 黄浩然（杨浦区）   赵雨桐（徐汇区）   吴俊杰（嘉定区）   周思远（浦东新区）  │
        │                     徐欣怡（杨浦区）   孙建国（徐汇区）                      │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
                        成绩公布：工业机器人 · 决赛，金牌 张伟（嘉定区）
        ? 帮助  q 退出                                                       第 2/11 项
        """,
    "excellence-en-80x24": """
         2nd Shanghai Vocational Skills Competition     All sites · Sat 21 Jun 10:00:00
                          Closing ceremony in 3 days 05 h 00 min 00 s
        ┌─ Closing ceremony · results · step 2 of 11 ──────────────────────────────────┐
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                         Industrial Robotics · Final                          │
        │                                                                              │
        │                                  Excellence                                  │
        │                         13 Medallions for Excellence                         │
        │                                                                              │
        │        Ａｌｉｃｅ Brown (Xuhui)   王建国 (Jiading)   李晓明 (Pudong)         │
        │    张丽华 (Yangpu)   刘志强 (Xuhui)   陈海燕 (Jiading)   杨子涵 (Pudong)     │
        │    黄浩然 (Yangpu)   赵雨桐 (Xuhui)   吴俊杰 (Jiading)   周思远 (Pudong)     │
        │                       徐欣怡 (Yangpu)   孙建国 (Xuhui)                       │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
              Results published: Industrial Robotics · Final; gold: 张伟 (Jiading)
        ? help  q quit                                                     step 2 of 11
        """,
    "chief-panel7-zh-80x24": """
         裁判席 · 上海市测试技能大赛                        马丁 K1 · 裁判长 · 10:00:00
         工业机器人 · 决赛 › 模块 A 编程 › 裁判长视图
         缺 1 项 · 分歧 1 项
         裁判  1 孙丽  2 周涛  3 吴刚  4 郑红  5 冯雪  6 Anna Kowalski  7 欧阳建国
         8 马丁
        
         选手  评分项  类型  1 2 3 4 5 6 7 8                   分差  状态      原始总分
         张伟  A1      M     8.00                                    已完成      33.00*
               A2      J     2 3   2 3   2 3                      1  已完成
         王芳  A1      M     8.00                                    已完成       8.00*
               A2      J       2 3   · ·   ·                      1  2/3 已评
         李强  A1      M     8.00                                    已完成       8.00*
               A2      J     0   2 2   2 2                        2  ⚠ 分歧
        
        
        
        
        
        
        
        
        
        
         ↑↓ 选择  ←→ 模块  r 重评  l 签核  Esc 返回  ? 帮助
        """,
    "chief-panel7-zh-160x24": """
         裁判席 · 上海市测试技能大赛                                                                                                        马丁 K1 · 裁判长 · 10:00:00
         工业机器人 · 决赛 › 模块 A 编程 › 裁判长视图
         缺 1 项 · 分歧 1 项
        
         选手  评分项  类型  各裁判评分                                                                                                        分差  状态      原始总分
         张伟  A1      M     8.00                                                                                                                    已完成      33.00*
               A2      J     孙丽 2  周涛 3  郑红 2  冯雪 3  欧阳建国 2  马丁 3                                                                   1  已完成
         王芳  A1      M     8.00                                                                                                                    已完成       8.00*
               A2      J     周涛 2  吴刚 3  冯雪 ·  Anna Kowalski ·  马丁 ·                                                                      1  2/3 已评
         李强  A1      M     8.00                                                                                                                    已完成       8.00*
               A2      J     孙丽 0  吴刚 2  郑红 2  Anna Kowalski 2  欧阳建国 2                                                                  2  ⚠ 分歧
        
        
        
        
        
        
        
        
        
        
        
        
         ↑↓ 选择  ←→ 模块  r 重评  l 签核  Esc 返回  ? 帮助
        """,
    "chief-panel7-en-80x24": """
         Judge console · Shanghai Test Skills Competition    马丁 K1 · chief · 10:00:00
         Industrial Robots · Final › Module A Programming › chief view
         1 missing · 1 disputed
         Judges  1 孙丽  2 周涛  3 吴刚  4 郑红  5 冯雪  6 Anna Kowalski  7 欧阳建国
         8 马丁
        
         Competitor  Aspect  Type  1 2 3 4 5 6 7 8        Spread  State       Raw total
         张伟        A1      M     8.00                           complete       33.00*
                     A2      J     2 3   2 3   2 3             1  complete
         王芳        A1      M     8.00                           complete        8.00*
                     A2      J       2 3   · ·   ·             1  2/3 scored
         李强        A1      M     8.00                           complete        8.00*
                     A2      J     0   2 2   2 2               2  ⚠ disputed
        
        
        
        
        
        
        
        
        
        
         ↑↓ choose  ←→ module  r re-mark  l sign off  Esc back  ? help
        """,
    "chief-panel7-en-160x24": """
         Judge console · Shanghai Test Skills Competition                                                                                    马丁 K1 · chief · 10:00:00
         Industrial Robots · Final › Module A Programming › chief view
         1 missing · 1 disputed
        
         Competitor  Aspect  Type  Marks                                                                                                  Spread  State       Raw total
         张伟        A1      M     8.00                                                                                                           complete       33.00*
                     A2      J     孙丽 2  周涛 3  郑红 2  冯雪 3  欧阳建国 2  马丁 3                                                          1  complete
         王芳        A1      M     8.00                                                                                                           complete        8.00*
                     A2      J     周涛 2  吴刚 3  冯雪 ·  Anna Kowalski ·  马丁 ·                                                             1  2/3 scored
         李强        A1      M     8.00                                                                                                           complete        8.00*
                     A2      J     孙丽 0  吴刚 2  郑红 2  Anna Kowalski 2  欧阳建国 2                                                         2  ⚠ disputed
        
        
        
        
        
        
        
        
        
        
        
        
         ↑↓ choose  ←→ module  r re-mark  l sign off  Esc back  ? help
        """,
]
