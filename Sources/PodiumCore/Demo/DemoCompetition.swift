import Foundation

/// A built-in competition for `podium demo`, rehearsals and tests: the 2nd Shanghai
/// Vocational Skills Competition as a week-long event at 东方绿舟 (Oriental Land) with three
/// sub-venues, the 16 district delegations, 30 skills of all three origins and kinds, about
/// 420 competitors, their judges and a schedule ending in the closing ceremony.
///
/// Fully deterministic: names, delegations and mark splits come from a seeded SplitMix64
/// written here, never from the system, so the same `start` always gives the same
/// definition. Every time in it is an offset from `start` (taken as midnight of the first
/// competition day in Asia/Shanghai), so passing today's midnight gives a live countdown.
public enum DemoCompetition {
    /// 2025-06-18T00:00:00+08:00: the first competition day; the closing ceremony falls on
    /// 2025-06-24 at 15:00, as at the real event.
    public static let referenceStart = Date(timeIntervalSince1970: 1_750_176_000)

    /// Days from the first competition day to the closing ceremony day.
    static let closingDay = 6
    /// The closing ceremony's time of day, in minutes after midnight (15:00).
    static let closingMinute = 15 * 60

    public static func definition(start: Date = DemoCompetition.referenceStart) -> CompetitionDefinition {
        var rng = PRNG(seed: 0x5348_2025_0624_1367)
        var people = PeopleNames()

        var info = CompetitionInfo(
            id: "sh-demo",
            name: LocalizedText(zh: "上海市第二届职业技能大赛（演示）", en: "2nd Shanghai Vocational Skills Competition (demo)"),
            timezone: "Asia/Shanghai",
            closing: time(start, day: closingDay, minute: closingMinute))
        info.resultsPolicy = .onPublish
        info.standardisation = .none
        info.scaleK = Fixed2(30)
        info.excellence = .topFraction(Fraction(perTenThousand: 5000))
        info.tieBreak = .none
        info.teamTable = .points
        info.points = MedalPoints()
        info.judgeOwnDelegation = false
        info.ceremonyExcellence = true

        var d = CompetitionDefinition(competition: info)
        d.sites = sites
        d.delegations = delegations.map { Delegation(id: $0.id, name: LocalizedText(zh: $0.zh, en: $0.en)) }

        // Skills and their marking schemes.
        for spec in skillSpecs {
            d.skills.append(Skill(
                id: spec.id, name: LocalizedText(zh: spec.zh, en: spec.en), origin: spec.origin,
                kind: spec.kind, panel: spec.panel, rounds: spec.rounds,
                modules: spec.modules.map { makeModule($0, rng: &rng) }))
        }

        // Competitors: official skills only; exhibition and interactive items have no marks.
        var number = 0
        for spec in skillSpecs where spec.kind == .official {
            for (delegation, index, of) in entrantDelegations(spec, rng: &rng) {
                number += 1
                let id = "C" + pad(number, 4)
                let dname = delegationZh[delegation]!
                if spec.teamSize > 0 {
                    let members = (0..<spec.teamSize).map { _ in people.next(&rng) }
                    let name: String
                    switch spec.teamNaming {
                    case .delegation:
                        name = of > 1 ? "\(dname)代表队\(chineseOrdinal(index))队" : "\(dname)代表队"
                    case .members:
                        name = members.joined(separator: "、")
                    }
                    d.competitors.append(Competitor(id: id, name: name, delegation: delegation,
                                                    skill: spec.id, members: members))
                } else {
                    d.competitors.append(Competitor(id: id, name: people.next(&rng),
                                                    delegation: delegation, skill: spec.id))
                }
            }
        }

        d.judges = makeJudges(rng: &rng, people: &people)

        // Sessions: one per skill, round and day slot, at the skill's station.
        var sessions: [Session] = []
        for spec in skillSpecs {
            for round in spec.rounds {
                let slots = spec.schedule.filter { $0.round == round.id }
                for (k, slot) in slots.enumerated() {
                    let id = slots.count == 1 ? "\(spec.id)-\(round.id)" : "\(spec.id)-\(round.id)-\(k + 1)"
                    sessions.append(Session(
                        id: id, skill: spec.id, round: round.id, site: spec.site, station: spec.station,
                        start: time(start, day: slot.day, minute: slot.span.from),
                        end: time(start, day: slot.day, minute: slot.span.to)))
                }
            }
        }
        sessions.sort { ($0.start, $0.skill, $0.id) < ($1.start, $1.skill, $1.id) }
        d.sessions = sessions
        return d
    }

    // MARK: - Time

    static func time(_ start: Date, day: Int, minute: Int) -> Date {
        start.addingTimeInterval(TimeInterval(day * 86_400 + minute * 60))
    }

    // MARK: - Venues and delegations

    static let sites: [Site] = [
        Site(id: "main", name: LocalizedText(zh: "东方绿舟主赛区", en: "Oriental Land main venue")),
        Site(id: "expo", name: LocalizedText(zh: "世博展览馆分赛区", en: "Shanghai World Expo Exhibition Hall sub-venue")),
        Site(id: "minhang", name: LocalizedText(zh: "闵行莘庄工业区分赛区", en: "Minhang Xinzhuang Industrial Zone sub-venue")),
        Site(id: "jiading", name: LocalizedText(zh: "嘉定汽车城分赛区", en: "Jiading Auto City sub-venue")),
    ]

    /// The 16 districts in the city's official order, with a weight for how many skills each
    /// enters (the bigger industrial districts send more).
    static let delegations: [(id: String, zh: String, en: String, weight: Int)] = [
        ("HP", "黄浦区", "Huangpu", 6), ("XH", "徐汇区", "Xuhui", 8), ("CN", "长宁区", "Changning", 5),
        ("JA", "静安区", "Jing'an", 6), ("PT", "普陀区", "Putuo", 5), ("HK", "虹口区", "Hongkou", 5),
        ("YP", "杨浦区", "Yangpu", 9), ("MH", "闵行区", "Minhang", 9), ("BS", "宝山区", "Baoshan", 7),
        ("JD", "嘉定区", "Jiading", 10), ("PD", "浦东新区", "Pudong", 10), ("JS", "金山区", "Jinshan", 4),
        ("SJ", "松江区", "Songjiang", 7), ("QP", "青浦区", "Qingpu", 6), ("FX", "奉贤区", "Fengxian", 5),
        ("CM", "崇明区", "Chongming", 3),
    ]
    static let delegationZh: [String: String] = Dictionary(uniqueKeysWithValues: delegations.map { ($0.id, $0.zh) })

    // MARK: - Skills

    enum TeamNaming { case delegation, members }

    struct Span {
        var from: Int, to: Int
        static let am = Span(from: 8 * 60 + 30, to: 12 * 60)
        static let pm = Span(from: 13 * 60 + 30, to: 17 * 60)
        static let day = Span(from: 8 * 60 + 30, to: 17 * 60)
        static let morning = Span(from: 9 * 60, to: 11 * 60 + 30)
        static let afternoon = Span(from: 13 * 60, to: 16 * 60 + 30)
        static let early = Span(from: 7 * 60 + 30, to: 15 * 60 + 30)
        static let long = Span(from: 8 * 60, to: 17 * 60 + 30)
        static let open = Span(from: 9 * 60 + 30, to: 16 * 60 + 30)
    }

    struct Slot {
        var round: String, day: Int, span: Span
        init(_ round: String, _ day: Int, _ span: Span) { self.round = round; self.day = day; self.span = span }
    }

    struct ModuleSpec {
        var id: String, zh: String, en: String
        /// The module's share of 100 marks.
        var weight: Int
        /// "M:text" or "J:text".
        var aspects: [String]
        init(_ id: String, _ zh: String, _ en: String, _ weight: Int, _ aspects: [String]) {
            self.id = id; self.zh = zh; self.en = en; self.weight = weight; self.aspects = aspects
        }
    }

    struct SkillSpec {
        var id: String, zh: String, en: String
        var origin: SkillOrigin, kind: SkillKind
        var panel = 3
        var site: String, station: String
        var rounds: [Round]
        /// Entries (teams count once) and how many delegations they come from.
        var entrants = 0, fromDelegations = 0
        var teamSize = 0
        var teamNaming = TeamNaming.delegation
        var modules: [ModuleSpec] = []
        var schedule: [Slot]
    }

    static let prelim = "prelim", selection = "selection", final = "final"

    static func finalOnly() -> [Round] {
        [Round(id: final, name: LocalizedText(zh: "决赛", en: "Final"))]
    }
    static func selectionFinal(advance: Int? = nil, fraction: Fraction? = nil) -> [Round] {
        [Round(id: selection, name: LocalizedText(zh: "选拔赛", en: "Selection"), advance: advance, advanceFraction: fraction),
         Round(id: final, name: LocalizedText(zh: "决赛", en: "Final"))]
    }
    static func threeRounds(prelim p: (Int?, Fraction?), selection s: (Int?, Fraction?)) -> [Round] {
        [Round(id: prelim, name: LocalizedText(zh: "预赛", en: "Preliminary"), advance: p.0, advanceFraction: p.1),
         Round(id: selection, name: LocalizedText(zh: "选拔赛", en: "Selection"), advance: s.0, advanceFraction: s.1),
         Round(id: final, name: LocalizedText(zh: "决赛", en: "Final"))]
    }
    static let half = Fraction(perTenThousand: 5000)

    static let skillSpecs: [SkillSpec] = [
        // ── 世赛选拔项目 WorldSkills selection skills ──
        SkillSpec(id: "S01", zh: "工业机器人", en: "Industrial Robotics", origin: .worldskills, kind: .official,
                  site: "main", station: "1号馆 A区", rounds: finalOnly(), entrants: 14, fromDelegations: 12,
                  teamSize: 2, teamNaming: .delegation, modules: [
                    ModuleSpec("A", "系统集成与调试", "System integration", 30,
                               ["M:电气与气路连接正确", "M:传感器与夹具安装调试", "J:布线工艺规范整洁"]),
                    ModuleSpec("B", "机器人编程与示教", "Programming and teaching", 45,
                               ["M:轨迹示教点位精度", "M:程序完成全部工作循环", "M:节拍时间达标", "J:程序结构与可读性"]),
                    ModuleSpec("C", "安全与职业素养", "Safety and professionalism", 25,
                               ["M:安全防护与急停功能验证", "J:安全操作规范", "J:团队协作与现场管理"]),
                  ], schedule: [Slot(final, 2, .day), Slot(final, 3, .day)]),
        SkillSpec(id: "S02", zh: "移动机器人", en: "Mobile Robotics", origin: .worldskills, kind: .official,
                  site: "main", station: "1号馆 B区", rounds: finalOnly(), entrants: 10, fromDelegations: 10,
                  teamSize: 2, teamNaming: .members, modules: [
                    ModuleSpec("A", "机械设计与搭建", "Mechanical design and build", 30,
                               ["M:底盘结构满足尺寸要求", "M:抓取机构功能完整", "J:结构设计合理性"]),
                    ModuleSpec("B", "自主导航任务", "Autonomous navigation", 45,
                               ["M:完成指定路径导航", "M:物料识别与搬运数量", "M:任务完成用时"]),
                    ModuleSpec("C", "工程文档与答辩", "Engineering notebook and interview", 25,
                               ["M:工程笔记完整性", "J:设计说明与现场答辩"]),
                  ], schedule: [Slot(final, 3, .day), Slot(final, 4, .am)]),
        SkillSpec(id: "S03", zh: "网络安全", en: "Cyber Security", origin: .worldskills, kind: .official,
                  site: "expo", station: "1号展厅 A区", rounds: finalOnly(), entrants: 16, fromDelegations: 14, modules: [
                    ModuleSpec("A", "安全加固", "System hardening", 35,
                               ["M:操作系统安全基线配置", "M:防火墙策略正确", "M:Web服务漏洞修复"]),
                    ModuleSpec("B", "渗透测试", "Penetration testing", 35,
                               ["M:获取目标flag数量", "M:漏洞利用链完整", "J:渗透测试报告质量"]),
                    ModuleSpec("C", "应急响应与取证", "Incident response and forensics", 30,
                               ["M:恶意样本分析结论正确", "M:日志溯源还原攻击路径", "J:应急处置报告"]),
                  ], schedule: [Slot(final, 1, .day), Slot(final, 2, .day)]),
        SkillSpec(id: "S04", zh: "云计算", en: "Cloud Computing", origin: .worldskills, kind: .official,
                  site: "expo", station: "1号展厅 B区", rounds: finalOnly(), entrants: 16, fromDelegations: 14, modules: [
                    ModuleSpec("A", "私有云搭建", "Private cloud", 35,
                               ["M:云平台组件部署完成", "M:网络与存储配置正确", "M:高可用切换验证"]),
                    ModuleSpec("B", "容器与编排", "Containers and orchestration", 35,
                               ["M:镜像构建与仓库配置", "M:集群应用部署与弹性伸缩", "M:持续集成流水线运行"]),
                    ModuleSpec("C", "云运维与架构设计", "Operations and architecture", 30,
                               ["M:监控告警配置", "M:自动化运维脚本", "J:架构方案文档"]),
                  ], schedule: [Slot(final, 3, .day), Slot(final, 4, .day)]),
        SkillSpec(id: "S05", zh: "焊接", en: "Welding", origin: .worldskills, kind: .official, panel: 4,
                  site: "main", station: "2号馆 A区",
                  rounds: threeRounds(prelim: (16, nil), selection: (nil, half)), entrants: 32, fromDelegations: 16, modules: [
                    ModuleSpec("A", "板对接焊", "Plate butt weld", 30,
                               ["M:焊缝宽度与余高", "M:射线探伤合格", "J:焊缝外观成形"]),
                    ModuleSpec("B", "管对接焊", "Pipe butt weld", 30,
                               ["M:水压试验无渗漏", "M:宏观金相检验", "J:焊缝外观成形"]),
                    ModuleSpec("C", "压力容器组焊", "Pressure vessel", 40,
                               ["M:装配尺寸精度", "M:气密性试验", "M:焊缝表面缺陷检查", "J:整体工艺与美观"]),
                  ], schedule: [Slot(prelim, 0, .long), Slot(selection, 1, .long), Slot(final, 3, .long), Slot(final, 4, .am)]),
        SkillSpec(id: "S06", zh: "数控铣", en: "CNC Milling", origin: .worldskills, kind: .official,
                  site: "minhang", station: "数控实训车间", rounds: finalOnly(), entrants: 16, fromDelegations: 15, modules: [
                    ModuleSpec("A", "零件编程与加工", "Component programming and machining", 55,
                               ["M:关键尺寸精度", "M:形位公差", "M:表面粗糙度", "J:工艺路线合理性"]),
                    ModuleSpec("B", "配合件加工", "Mating parts", 45,
                               ["M:配合间隙与互换性", "M:尺寸精度", "J:加工表面质量"]),
                  ], schedule: [Slot(final, 1, .long), Slot(final, 2, .am)]),
        SkillSpec(id: "S07", zh: "电气装置", en: "Electrical Installations", origin: .worldskills, kind: .official,
                  site: "main", station: "2号馆 B区", rounds: finalOnly(), entrants: 18, fromDelegations: 14, modules: [
                    ModuleSpec("A", "线路安装", "Installation", 40,
                               ["M:线管与桥架敷设尺寸", "M:设备安装位置准确", "J:安装工艺美观"]),
                    ModuleSpec("B", "智能控制编程", "Smart control programming", 30,
                               ["M:智能照明控制功能", "M:可编程继电器功能实现"]),
                    ModuleSpec("C", "检测与故障排除", "Testing and fault finding", 30,
                               ["M:绝缘电阻与接地测试", "M:故障查找与排除", "J:安全文明操作"]),
                  ], schedule: [Slot(final, 3, .day), Slot(final, 4, .am)]),
        SkillSpec(id: "S08", zh: "烹饪（西餐）", en: "Cooking", origin: .worldskills, kind: .official, panel: 5,
                  site: "main", station: "3号馆 厨房区",
                  rounds: threeRounds(prelim: (nil, half), selection: (8, nil)), entrants: 28, fromDelegations: 16, modules: [
                    ModuleSpec("A", "冷菜与开胃菜", "Cold starter", 25,
                               ["M:按时出品", "M:卫生与食品安全", "J:口味与调味", "J:装盘与呈现"]),
                    ModuleSpec("B", "主菜", "Main course", 40,
                               ["M:按时出品", "M:菜品温度与分量", "J:口味与质感", "J:烹调技法", "J:装盘与呈现"]),
                    ModuleSpec("C", "甜品", "Dessert", 35,
                               ["M:按时出品", "M:原料使用合理", "J:口味与质感", "J:创意与呈现"]),
                  ], schedule: [Slot(prelim, 0, .early), Slot(selection, 2, .am), Slot(final, 4, .early), Slot(final, 5, .am)]),
        SkillSpec(id: "S09", zh: "美发", en: "Hairdressing", origin: .worldskills, kind: .official, panel: 4,
                  site: "main", station: "3号馆 美发区", rounds: finalOnly(), entrants: 18, fromDelegations: 15, modules: [
                    ModuleSpec("A", "女士时尚剪发与造型", "Ladies' fashion cut and style", 35,
                               ["M:剪发长度与轮廓符合要求", "J:造型整体效果", "J:色彩与质感"]),
                    ModuleSpec("B", "男士经典剪发", "Men's classic cut", 35,
                               ["M:完成时间", "M:修剪线条清晰", "J:造型整体效果"]),
                    ModuleSpec("C", "新娘盘发", "Bridal long hair", 30,
                               ["M:发饰与造型规范", "J:创意与整体协调"]),
                  ], schedule: [Slot(final, 3, .long), Slot(final, 4, .am)]),
        SkillSpec(id: "S10", zh: "花艺", en: "Floristry", origin: .worldskills, kind: .official,
                  site: "main", station: "3号馆 花艺区", rounds: finalOnly(), entrants: 14, fromDelegations: 12, modules: [
                    ModuleSpec("A", "新娘手捧花", "Bridal bouquet", 30,
                               ["M:尺寸与重量符合要求", "M:花材保水处理", "J:设计与色彩"]),
                    ModuleSpec("B", "空间花艺装置", "Floral installation", 40,
                               ["M:结构稳固安全", "M:规定花材使用", "J:设计创意", "J:技术与工艺"]),
                    ModuleSpec("C", "神秘箱作品", "Mystery box", 30,
                               ["M:按时完成", "J:主题表达", "J:工艺精细度"]),
                  ], schedule: [Slot(final, 5, .day), Slot(final, 6, .am)]),
        SkillSpec(id: "S11", zh: "汽车技术", en: "Automobile Technology", origin: .worldskills, kind: .official,
                  site: "jiading", station: "汽车实训中心 1号车间", rounds: finalOnly(), entrants: 16, fromDelegations: 16, modules: [
                    ModuleSpec("A", "发动机管理系统", "Engine management", 35,
                               ["M:故障诊断结论正确", "M:数据流分析", "M:维修后性能验证"]),
                    ModuleSpec("B", "底盘与制动系统", "Chassis and brakes", 35,
                               ["M:四轮定位参数调整", "M:制动系统检测维修", "J:工具与设备使用规范"]),
                    ModuleSpec("C", "车身电气与新能源", "Body electrics and EV systems", 30,
                               ["M:高压安全断电流程", "M:电路故障排除", "J:作业规范与5S"]),
                  ], schedule: [Slot(final, 2, .long), Slot(final, 3, .day)]),
        SkillSpec(id: "S12", zh: "3D数字游戏艺术", en: "3D Digital Game Art", origin: .worldskills, kind: .official,
                  site: "expo", station: "2号展厅 A区", rounds: finalOnly(), entrants: 12, fromDelegations: 12, modules: [
                    ModuleSpec("A", "概念设计", "Concept art", 25,
                               ["J:角色设定创意", "M:设计稿完整度"]),
                    ModuleSpec("B", "建模与贴图", "Modelling and texturing", 45,
                               ["M:多边形面数符合预算", "M:UV与贴图规范", "J:模型造型质量", "J:材质表现"]),
                    ModuleSpec("C", "动画与引擎集成", "Animation and engine integration", 30,
                               ["M:骨骼绑定正确", "M:引擎内导入与展示", "J:动作流畅度"]),
                  ], schedule: [Slot(final, 4, .day), Slot(final, 5, .day)]),
        SkillSpec(id: "S13", zh: "平面设计技术", en: "Graphic Design Technology", origin: .worldskills, kind: .official,
                  site: "expo", station: "2号展厅 B区", rounds: finalOnly(), entrants: 16, fromDelegations: 13, modules: [
                    ModuleSpec("A", "品牌视觉设计", "Brand identity", 35,
                               ["M:交付文件规格正确", "J:创意概念", "J:版式与色彩"]),
                    ModuleSpec("B", "包装设计", "Packaging", 35,
                               ["M:刀版与出血设置", "M:印前文件规范", "J:视觉表现"]),
                    ModuleSpec("C", "数字媒体设计", "Digital media", 30,
                               ["M:多尺寸适配输出", "J:信息传达效果"]),
                  ], schedule: [Slot(final, 1, .day), Slot(final, 2, .am)]),
        SkillSpec(id: "S14", zh: "增材制造", en: "Additive Manufacturing", origin: .worldskills, kind: .official,
                  site: "minhang", station: "增材制造实训室", rounds: finalOnly(), entrants: 10, fromDelegations: 10, modules: [
                    ModuleSpec("A", "逆向设计", "Reverse engineering", 30,
                               ["M:扫描数据处理", "M:模型重构精度"]),
                    ModuleSpec("B", "产品创新设计", "Design for additive manufacturing", 40,
                               ["M:功能结构满足任务书", "M:轻量化设计", "J:设计创新性"]),
                    ModuleSpec("C", "打印与后处理", "Printing and post-processing", 30,
                               ["M:打印件尺寸精度", "M:后处理质量", "J:表面质量与装配"]),
                  ], schedule: [Slot(final, 3, .day), Slot(final, 4, .am)]),

        // ── 国赛精选项目 national skills ──
        SkillSpec(id: "S15", zh: "电工", en: "Electrician", origin: .national, kind: .official,
                  site: "minhang", station: "电工实训楼",
                  rounds: threeRounds(prelim: (16, nil), selection: (8, nil)), entrants: 32, fromDelegations: 16, modules: [
                    ModuleSpec("A", "电气控制线路安装", "Control circuit installation", 40,
                               ["M:线路连接正确通电成功", "M:元器件布置合理", "J:布线工艺"]),
                    ModuleSpec("B", "PLC与变频调速", "PLC and variable-frequency drives", 35,
                               ["M:程序功能实现", "M:变频器参数设置"]),
                    ModuleSpec("C", "故障排查", "Fault finding", 25,
                               ["M:故障点查找数量", "M:排除方法正确", "J:安全规范操作"]),
                  ], schedule: [Slot(prelim, 0, .day), Slot(selection, 2, .day), Slot(final, 5, .day)]),
        SkillSpec(id: "S16", zh: "育婴员", en: "Infant Care", origin: .national, kind: .official,
                  site: "main", station: "4号馆 A区", rounds: finalOnly(), entrants: 16, fromDelegations: 16, modules: [
                    ModuleSpec("A", "生活照料", "Daily care", 40,
                               ["M:冲调奶粉操作规范", "M:婴儿洗浴与抚触", "J:沟通与情感关怀"]),
                    ModuleSpec("B", "保健与护理", "Health care", 35,
                               ["M:常见症状识别与处理", "M:意外伤害急救", "J:操作流畅性"]),
                    ModuleSpec("C", "早期发展", "Early development", 25,
                               ["J:亲子游戏设计", "M:教育活动方案"]),
                  ], schedule: [Slot(final, 1, .day), Slot(final, 2, .am)]),
        SkillSpec(id: "S17", zh: "养老护理员", en: "Elderly Care", origin: .national, kind: .official,
                  site: "main", station: "4号馆 B区", rounds: selectionFinal(advance: 10), entrants: 24, fromDelegations: 16, modules: [
                    ModuleSpec("A", "生活照护", "Daily living care", 35,
                               ["M:协助进食与饮水", "M:体位转移操作规范", "J:人文关怀与沟通"]),
                    ModuleSpec("B", "基础照护", "Basic nursing", 35,
                               ["M:生命体征测量", "M:压疮预防", "M:用药照护"]),
                    ModuleSpec("C", "康复与心理支持", "Rehabilitation and emotional support", 30,
                               ["M:康复训练指导", "J:心理疏导", "J:照护计划合理性"]),
                  ], schedule: [Slot(selection, 2, .day), Slot(final, 4, .day)]),
        SkillSpec(id: "S18", zh: "健康照护师", en: "Health Care", origin: .national, kind: .official,
                  site: "main", station: "4号馆 A区", rounds: finalOnly(), entrants: 16, fromDelegations: 14, modules: [
                    ModuleSpec("A", "健康评估", "Health assessment", 35,
                               ["M:评估项目完整", "M:数据记录准确", "J:沟通技巧"]),
                    ModuleSpec("B", "照护技术", "Care techniques", 40,
                               ["M:无菌操作", "M:心肺复苏", "J:操作规范"]),
                    ModuleSpec("C", "健康教育", "Health education", 25,
                               ["J:宣教内容与表达", "M:宣教材料"]),
                  ], schedule: [Slot(final, 3, .day), Slot(final, 4, .am)]),
        SkillSpec(id: "S19", zh: "钳工", en: "Fitter", origin: .national, kind: .official,
                  site: "minhang", station: "钳工实训车间", rounds: finalOnly(), entrants: 18, fromDelegations: 15, modules: [
                    ModuleSpec("A", "锉配件加工", "Filing and fitting", 50,
                               ["M:尺寸精度", "M:配合间隙", "M:表面粗糙度", "J:锉削工艺"]),
                    ModuleSpec("B", "装配与调试", "Assembly and adjustment", 50,
                               ["M:装配精度", "M:运转平稳无异响", "J:工艺规范"]),
                  ], schedule: [Slot(final, 4, .day), Slot(final, 5, .am)]),

        // ── 上海特色项目 Shanghai skills ──
        SkillSpec(id: "S20", zh: "上海城市推荐官", en: "Shanghai City Ambassador", origin: .shanghai, kind: .official,
                  site: "main", station: "综合楼 报告厅", rounds: selectionFinal(fraction: half), entrants: 16, fromDelegations: 16, modules: [
                    ModuleSpec("A", "城市知识", "Knowing the city", 30,
                               ["M:上海历史文化知识问答", "M:城市地理与交通"]),
                    ModuleSpec("B", "主题推介", "Themed presentation", 40,
                               ["J:内容与立意", "J:语言表达", "J:舞台表现", "M:时间控制"]),
                    ModuleSpec("C", "现场应变", "Impromptu", 30,
                               ["J:即兴推介", "J:英语交流", "M:答题准确"]),
                  ], schedule: [Slot(selection, 1, .day), Slot(final, 5, .morning)]),
        SkillSpec(id: "S21", zh: "职业指导师", en: "Career Guidance", origin: .shanghai, kind: .official,
                  site: "main", station: "综合楼 多功能厅", rounds: finalOnly(), entrants: 16, fromDelegations: 16, modules: [
                    ModuleSpec("A", "职业测评与分析", "Assessment and analysis", 35,
                               ["M:测评工具选用", "M:测评报告解读"]),
                    ModuleSpec("B", "个体咨询", "Individual counselling", 40,
                               ["J:咨询关系建立", "J:问题诊断", "M:咨询流程完整"]),
                    ModuleSpec("C", "团体辅导设计", "Group guidance design", 25,
                               ["J:方案设计", "M:方案要素完整"]),
                  ], schedule: [Slot(final, 3, .afternoon), Slot(final, 4, .am)]),
        SkillSpec(id: "S22", zh: "人工智能训练师", en: "AI Trainer", origin: .shanghai, kind: .official,
                  site: "expo", station: "1号展厅 A区", rounds: finalOnly(), entrants: 16, fromDelegations: 14, modules: [
                    ModuleSpec("A", "数据采集与标注", "Data collection and labelling", 35,
                               ["M:标注准确率", "M:数据清洗规范"]),
                    ModuleSpec("B", "模型训练与调优", "Model training and tuning", 40,
                               ["M:模型准确率达标", "M:超参数调优记录", "J:训练方案合理性"]),
                    ModuleSpec("C", "智能应用测试", "Application testing", 25,
                               ["M:测试用例覆盖", "J:测试报告"]),
                  ], schedule: [Slot(final, 4, .day), Slot(final, 5, .am)]),
        SkillSpec(id: "S23", zh: "无人机装调检修工", en: "UAV Assembly and Maintenance", origin: .shanghai, kind: .official,
                  site: "jiading", station: "无人机试飞场", rounds: finalOnly(), entrants: 14, fromDelegations: 12, modules: [
                    ModuleSpec("A", "组装与调试", "Assembly and tuning", 40,
                               ["M:机架与动力系统组装", "M:飞控参数配置", "J:布线与工艺"]),
                    ModuleSpec("B", "飞行测试", "Flight test", 35,
                               ["M:定点悬停精度", "M:航线任务完成"]),
                    ModuleSpec("C", "故障检修", "Fault repair", 25,
                               ["M:故障诊断", "M:检修后试飞"]),
                  ], schedule: [Slot(final, 4, .day), Slot(final, 5, .am)]),
        SkillSpec(id: "S24", zh: "集成电路开发与测试", en: "Integrated Circuit Development and Testing", origin: .shanghai,
                  kind: .official, site: "minhang", station: "集成电路实训室", rounds: finalOnly(), entrants: 16,
                  fromDelegations: 13, modules: [
                    ModuleSpec("A", "芯片测试程序开发", "Test program development", 40,
                               ["M:测试程序功能", "M:测试覆盖率", "J:代码规范"]),
                    ModuleSpec("B", "电路调试", "Circuit debugging", 35,
                               ["M:电路功能实现", "M:参数测量准确"]),
                    ModuleSpec("C", "工艺文档", "Technical documentation", 25,
                               ["M:文档完整", "J:技术分析"]),
                  ], schedule: [Slot(final, 2, .day), Slot(final, 3, .am)]),

        // ── 展示型比赛 exhibition items: sessions, no marks ──
        SkillSpec(id: "S25", zh: "海派旗袍制作技艺", en: "Shanghai-style Qipao Making", origin: .shanghai, kind: .exhibition,
                  site: "main", station: "展示长廊", rounds: showRound(), schedule: [Slot("show", 2, .day), Slot("show", 5, .day)]),
        SkillSpec(id: "S26", zh: "工业4.0智能制造产线集成", en: "Industry 4.0", origin: .worldskills, kind: .exhibition,
                  site: "expo", station: "3号展厅", rounds: showRound(), schedule: [Slot("show", 2, .day), Slot("show", 3, .day)]),
        SkillSpec(id: "S27", zh: "中式面点", en: "Chinese Pastry", origin: .national, kind: .exhibition,
                  site: "main", station: "3号馆 展示厨房", rounds: showRound(), schedule: [Slot("show", 3, .pm), Slot("show", 4, .pm)]),

        // ── 互动体验项目 interactive items ──
        SkillSpec(id: "S28", zh: "地铁驾驶模拟体验", en: "Metro Driving Simulator", origin: .shanghai, kind: .interactive,
                  site: "main", station: "互动体验区 A", rounds: openRound(),
                  schedule: [Slot("open", 1, .pm), Slot("open", 2, .pm), Slot("open", 3, .open), Slot("open", 4, .open),
                             Slot("open", 5, .pm), Slot("open", 6, .morning)]),
        SkillSpec(id: "S29", zh: "VR焊接体验", en: "VR Welding", origin: .worldskills, kind: .interactive,
                  site: "main", station: "互动体验区 B", rounds: openRound(),
                  schedule: [Slot("open", 2, .pm), Slot("open", 4, .pm), Slot("open", 6, .morning)]),
        SkillSpec(id: "S30", zh: "咖啡拉花体验", en: "Latte Art", origin: .national, kind: .interactive,
                  site: "main", station: "互动体验区 C", rounds: openRound(),
                  schedule: [Slot("open", 3, .pm), Slot("open", 5, .pm), Slot("open", 6, .morning)]),
    ]

    static func showRound() -> [Round] { [Round(id: "show", name: LocalizedText(zh: "展示赛", en: "Exhibition"))] }
    static func openRound() -> [Round] { [Round(id: "open", name: LocalizedText(zh: "开放体验", en: "Open session"))] }

    /// Skills whose experts are shared: (skill, skill, how many experts judge both).
    static let sharedExperts: [(String, String, Int)] = [
        ("S03", "S04", 2), ("S06", "S19", 2), ("S07", "S15", 1), ("S16", "S18", 2), ("S20", "S21", 2),
    ]

    // MARK: - Generation

    static func makeModule(_ spec: ModuleSpec, rng: inout PRNG) -> Module {
        let maxima = split(hundredths: Int64(spec.weight) * 100, into: spec.aspects.count, rng: &rng)
        let aspects = spec.aspects.enumerated().map { (i, a) -> Aspect in
            let type: AspectType = a.hasPrefix("J:") ? .J : .M
            return Aspect(id: "\(spec.id)\(i + 1)", type: type, max: Fixed2(hundredths: maxima[i]),
                          text: String(a.dropFirst(2)))
        }
        return Module(id: spec.id, name: LocalizedText(zh: spec.zh, en: spec.en), aspects: aspects)
    }

    /// Splits `total` into `n` parts in steps of 0.50, each at least 2.00, summing exactly.
    static func split(hundredths total: Int64, into n: Int, rng: inout PRNG) -> [Int64] {
        let step: Int64 = 50
        var units = (0..<n).map { _ in Int64(4) }           // 2.00 each
        var left = total / step - Int64(4 * n)
        let weights = (0..<n).map { _ in 2 + rng.int(4) }  // 2...5
        while left > 0 {
            units[rng.weighted(weights)] += 1
            left -= 1
        }
        var parts = units.map { $0 * step }
        parts[n - 1] += total - parts.reduce(0, +)          // total is a multiple of 0.50 anyway
        return parts
    }

    /// (delegation, index within that delegation for this skill (1-based), how many it sends).
    static func entrantDelegations(_ spec: SkillSpec, rng: inout PRNG) -> [(String, Int, Int)] {
        let k = min(max(spec.fromDelegations, 1), delegations.count)
        let chosen = rng.weightedSample(delegations.map(\.weight), count: k)
        var count = [Int](repeating: 0, count: delegations.count)
        for c in chosen { count[c] = 1 }
        var extra = spec.entrants - k
        var second = rng.weightedSample(chosen.map { delegations[$0].weight }, count: min(extra, k)).map { chosen[$0] }
        second.sort()
        for s in second where extra > 0 { count[s] += 1; extra -= 1 }
        var out: [(String, Int, Int)] = []
        for (i, dl) in delegations.enumerated() where count[i] > 0 {
            for j in 1...count[i] { out.append((dl.id, j, count[i])) }
        }
        return out
    }

    static func makeJudges(rng: inout PRNG, people: inout PeopleNames) -> [Judge] {
        let official = skillSpecs.filter { $0.kind == .official }
        // delegations already sitting on each skill's panel (experts and chief)
        var seated: [String: Set<String>] = [:]
        var judges: [(name: String, delegation: String, skills: [String], chief: Bool)] = []

        func freshDelegation(avoiding: Set<String>) -> String {
            let candidates = delegations.enumerated().filter { !avoiding.contains($0.element.id) }
            let i = rng.weighted(candidates.map { $0.element.weight })
            return candidates[i].element.id
        }

        for spec in official {
            // chief judge first
            let chiefDelegation = freshDelegation(avoiding: seated[spec.id] ?? [])
            seated[spec.id, default: []].insert(chiefDelegation)
            judges.append((people.next(&rng), chiefDelegation, [spec.id], true))
            // experts shared with a later skill
            for (a, b, n) in sharedExperts where a == spec.id {
                for _ in 0..<n {
                    let dl = freshDelegation(avoiding: (seated[a] ?? []).union(seated[b] ?? []))
                    seated[a, default: []].insert(dl); seated[b, default: []].insert(dl)
                    judges.append((people.next(&rng), dl, [a, b], false))
                }
            }
            // the panel plus one, so a compatriot standing aside still leaves a full panel
            let have = judges.filter { !$0.chief && $0.skills.contains(spec.id) }.count
            for _ in have..<(spec.panel + 1) {
                let dl = freshDelegation(avoiding: seated[spec.id] ?? [])
                seated[spec.id, default: []].insert(dl)
                judges.append((people.next(&rng), dl, [spec.id], false))
            }
        }
        return judges.enumerated().map { (i, j) in
            Judge(id: "J" + pad(i + 1, 3), name: j.name, delegation: j.delegation, skills: j.skills, chief: j.chief)
        }
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    static func chineseOrdinal(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return n >= 0 && n < digits.count ? digits[n] : String(n)
    }

    // MARK: - Names

    /// Plausible, distinct Chinese names for everyone in the demo.
    struct PeopleNames {
        static let surnames: [(String, Int)] = [
            ("王", 10), ("李", 10), ("张", 9), ("刘", 8), ("陈", 9), ("杨", 6), ("黄", 5), ("赵", 5),
            ("吴", 5), ("周", 5), ("徐", 6), ("孙", 4), ("马", 3), ("朱", 5), ("胡", 4), ("郭", 3),
            ("何", 3), ("高", 3), ("林", 3), ("罗", 3), ("沈", 4), ("顾", 3), ("陆", 4), ("蒋", 2),
            ("钱", 2), ("唐", 2), ("曹", 2), ("金", 2),
        ]
        /// Given names: a first character and a last one, or a last one alone.
        static let maleFirst = Array("志建晓海俊浩宇子天文家明国振世永嘉立少一")
        static let maleLast = Array("伟强军杰涛明超刚鹏辉飞斌宇浩凯健峰毅哲铭亮波成康昊泽睿轩博华平")
        static let femaleFirst = Array("晓雨欣佳思梓诗丽美雪静婉慧嘉子文一秀若")
        static let femaleLast = Array("芳娜敏静丽艳娟婷雪琳怡欣悦瑶颖倩洁慧蕾晶雯琪涵萱霞萍玲")

        var used: Set<String> = []

        mutating func next(_ rng: inout PRNG) -> String {
            while true {
                let surname = Self.surnames[rng.weighted(Self.surnames.map(\.1))].0
                let male = rng.int(2) == 0
                let first = male ? Self.maleFirst : Self.femaleFirst
                let last = male ? Self.maleLast : Self.femaleLast
                var given = String(last[rng.int(last.count)])
                if rng.int(10) < 7 {
                    let f = first[rng.int(first.count)]
                    if String(f) == given { continue }
                    given = String(f) + given
                }
                let name = surname + given
                if used.insert(name).inserted { return name }
            }
        }
    }

    // MARK: - Randomness

    /// SplitMix64 (Steele, Lea and Flood 2014): small, fast and the same on every platform.
    struct PRNG {
        var state: UInt64
        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// 0..<n.
        mutating func int(_ n: Int) -> Int {
            precondition(n > 0)
            return Int(next() % UInt64(n))
        }

        /// An index drawn with probability proportional to `weights`.
        mutating func weighted(_ weights: [Int]) -> Int {
            let total = weights.reduce(0, +)
            var r = int(total)
            for (i, w) in weights.enumerated() {
                if r < w { return i }
                r -= w
            }
            return weights.count - 1
        }

        /// `count` distinct indices, drawn by weight without replacement, in ascending order.
        mutating func weightedSample(_ weights: [Int], count: Int) -> [Int] {
            var w = weights
            var out: [Int] = []
            for _ in 0..<min(count, weights.count) {
                let i = weighted(w)
                out.append(i)
                w[i] = 0
            }
            return out.sorted()
        }
    }
}
