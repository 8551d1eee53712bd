import Assignment
import CounselModel
import Foundation
import Scheduling

/// `report.html`: one self-contained page for a bureau meeting (inline CSS and SVG, nothing
/// fetched from anywhere), in Chinese with English where it helps. No phone numbers, no
/// timestamps: the same inputs give the same bytes.
public struct ReportPage {
    /// What the page is made from.
    public var inputs: ReportInputs

    /// Makes a report.
    public init(inputs: ReportInputs) { self.inputs = inputs }

    /// The page.
    public func html() -> String {
        let figures = ReportFigures(inputs)
        let s = inputs.summary
        let title = "法律顾问选派方案报告 · " + s.scenario
        var page = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>
            <main>

            """
        page += header()
        page += summarySection()
        page += diagnosisSection()
        page += countiesSection()
        page += chartsSection(figures)
        page += scheduleSection()
        page += advisersSection(figures)
        page += footer()
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    // MARK: Sections

    private func header() -> String {
        let s = inputs.summary, sc = inputs.scenario
        var out = "<header>\n<h1>法律顾问选派方案报告 <span class=\"en\">Legal adviser assignment report</span></h1>\n"
        out += "<p class=\"subtitle\">\(HTML.escape(s.scenario))</p>\n"
        out +=
            "<p class=\"meta\">规则 rules: \(HTML.escape(sc.rules.name)) (<code>\(HTML.escape(s.rules))</code>) · 年度 year \(sc.year)"
        if let km = sc.maxKm {
            out += " · 候选半径 radius \(HTML.escape(ReportNumber.fixed(km, km == km.rounded() ? 0 : 1))) km"
        }
        out +=
            " · 村（社区）\(ReportNumber.count(s.villages)) 个 · 顾问 advisers \(ReportNumber.count(sc.advisers.count)) 名</p>\n"
        out += "</header>\n"
        return out
    }

    private static func statusText(_ status: String) -> String {
        switch status {
        case "optimal": return "最优 optimal"
        case "feasible": return "可行，未证明最优 feasible"
        case "time_limit": return "达到时限 time limit"
        default: return status
        }
    }

    private func card(_ label: String, _ value: String, _ note: String = "", alert: Bool = false) -> String {
        "<div class=\"card\(alert ? " alert" : "")\"><div class=\"label\">\(label)</div><div class=\"value\">\(value)</div>"
            + (note.isEmpty ? "" : "<div class=\"note\">\(note)</div>") + "</div>\n"
    }

    private func summarySection() -> String {
        let s = inputs.summary
        var out = "<section id=\"summary\">\n<h2>一、方案概要 <span class=\"en\">Summary</span></h2>\n<div class=\"cards\">\n"
        let share = s.villages == 0 ? 0 : Double(s.covered) / Double(s.villages)
        out += card(
            "覆盖 coverage", "\(ReportNumber.count(s.covered)) / \(ReportNumber.count(s.villages))",
            "\(ReportNumber.percent(share)) · 未覆盖 uncovered \(ReportNumber.count(s.uncovered))", alert: s.uncovered > 0)
        out += card(
            "求解状态 status", HTML.escape(Self.statusText(s.status.rawValue)),
            "GLPK \(HTML.escape(s.glpk))", alert: s.status != .optimal)
        var objectiveNote = "界 bound " + (s.bound.map { ReportNumber.fixed($0, 2) } ?? "—")
        objectiveNote += " · 间隙 gap " + (s.gap.map { ReportNumber.percent($0) } ?? "—")
        out += card("目标值 objective", ReportNumber.fixed(s.objective, 2), objectiveNote)
        out += card(
            "使用顾问 advisers used", ReportNumber.count(s.load.advisersUsed),
            "人均 mean \(ReportNumber.fixed(s.load.mean, 2)) · 最多 max \(s.load.max) 个村（社区）")
        out += card(
            "现任顾问 incumbents", "留任 \(s.incumbents.kept)",
            "更换 changed \(s.incumbents.changed) · 新配 new \(s.incumbents.new)")
        out += card("跨县支援 support", ReportNumber.count(s.supportMoves), "对口支援 villages served from another county")
        out += card(
            "距离 distance", "\(ReportNumber.fixed(s.distanceKm.mean, 1)) km",
            "平均 mean · 最远 max \(ReportNumber.fixed(s.distanceKm.max, 1)) km")
        out += card(
            "首选达成 first choices", "村 \(ReportNumber.percent(s.villageRanks.firstChoiceShare))",
            "顾问 advisers \(ReportNumber.percent(s.adviserRanks.firstChoiceShare)) · 占已覆盖村（社区）")
        out += "</div>\n"
        // The weights, so the meeting sees what the objective trades off.
        let w = s.weights
        func weight(_ key: String) -> String {
            w[key].map { ReportNumber.fixed($0, $0 == $0.rounded() ? 0 : 2) } ?? "—"
        }
        out +=
            "<p class=\"small\">目标函数 objective: 先最大化覆盖（每个未覆盖村（社区）罚 \(ReportNumber.fixed(s.uncoveredPenalty, 0))），"
            + "再最小化加权和 — 偏好每位次 preference rank step \(weight("preference"))，每公里 per km \(weight("distance_km"))，"
            + "更换现任 incumbent change \(weight("change"))，跨县支援 support \(weight("support"))。"
            + "村方排序 village ranks: \(s.villageRanks.ranked) 对已排序，平均位次 mean \(s.villageRanks.meanRank.map { ReportNumber.fixed($0, 2) } ?? "—")；"
            + "顾问排序 adviser ranks: \(s.adviserRanks.ranked) 对已排序，平均位次 mean \(s.adviserRanks.meanRank.map { ReportNumber.fixed($0, 2) } ?? "—")。</p>\n"
        out += "</section>\n"
        return out
    }

    private func diagnosisSection() -> String {
        let s = inputs.summary
        var out = "<section id=\"diagnosis\">\n<h2>二、诊断 <span class=\"en\">Diagnosis</span></h2>\n"
        if s.uncovered == 0 && s.uncoveredVillages.isEmpty {
            out +=
                "<p class=\"ok\">全部 \(ReportNumber.count(s.villages)) 个村（社区）均已配备法律顾问。"
                + "<span class=\"en\">Every village and community has an adviser.</span></p>\n"
        } else {
            out +=
                "<p class=\"warn\">\(ReportNumber.count(s.uncovered)) 个村（社区）未能配备法律顾问。"
                + "<span class=\"en\">\(s.uncovered) village(s) without an adviser.</span></p>\n"
        }
        if !s.explanations.isEmpty {
            out +=
                "<h3>原因与对策 <span class=\"en\">Why, and what would close the gap</span></h3>\n<ul class=\"explanations\">\n"
            for e in s.explanations { out += "<li>\(HTML.escape(e))</li>\n" }
            out += "</ul>\n"
        }
        if !s.diagnosis.isEmpty {
            out +=
                "<h3>重新求解的结论 <span class=\"en\">What re-solving showed would fix it</span></h3>\n<ul class=\"explanations\">\n"
            for d in s.diagnosis { out += "<li>\(HTML.escape(d.text))</li>\n" }
            out += "</ul>\n"
        }
        if s.stableRequired && !s.blockingPairList.isEmpty {
            out +=
                "<p class=\"warn\">要求稳定匹配，但不存在稳定方案：剩余 \(s.blockingPairs) 个阻塞对（已为最少）。"
                + "<span class=\"en\">Stability was required but no stable plan exists: \(s.blockingPairs) blocking pair(s), the fewest possible.</span></p>\n"
        }
        if !s.uncoveredVillages.isEmpty {
            let countyName = Dictionary(s.counties.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let township = Dictionary(
                inputs.assignment.map { ($0.villageID, $0.township) }, uniquingKeysWith: { a, _ in a })
            let rows = s.uncoveredVillages.map { u in
                [
                    HTML.escape(u.id), HTML.escape(u.name), HTML.escape(township[u.id] ?? ""),
                    HTML.escape(countyName[u.county] ?? u.county), HTML.escape(u.reason),
                ]
            }
            out += HTML.table(
                ["编号 id", "村（社区） village", "乡镇 township", "县区 county", "原因 reason"], rows,
                nowrap: [0, 1, 2, 3], caption: "未覆盖的村（社区） Uncovered villages")
        }
        out += "</section>\n"
        return out
    }

    private func countiesSection() -> String {
        let counties = inputs.summary.counties
        var out = "<section id=\"counties\">\n<h2>三、分县情况 <span class=\"en\">By county</span></h2>\n"
        let rows: [[String]] = counties.map { c in
            [
                HTML.escape(c.id),
                HTML.escape(c.name) + (c.underResourced ? " <span class=\"tag\">资源不足 under-resourced</span>" : ""),
                HTML.escape(c.city), ReportNumber.count(c.villages), ReportNumber.count(c.covered),
                c.uncovered > 0 ? "<strong class=\"bad\">\(ReportNumber.count(c.uncovered))</strong>" : "0",
                ReportNumber.count(c.eligibleAdvisers), ReportNumber.count(c.capacity),
                c.deficit > 0 ? "<strong class=\"bad\">\(ReportNumber.count(c.deficit))</strong>" : "0",
                ReportNumber.count(c.supportReceived), ReportNumber.count(c.supportSent),
            ]
        }
        var table = rows
        if counties.count > 1 {
            func sum(_ f: (CountyOutcome) -> Int) -> String { ReportNumber.count(counties.reduce(0) { $0 + f($1) }) }
            table.append([
                "<strong>合计</strong>", "total", "", sum(\.villages), sum(\.covered), sum(\.uncovered),
                sum(\.eligibleAdvisers), sum(\.capacity), sum(\.deficit), sum(\.supportReceived), sum(\.supportSent),
            ])
        }
        out += HTML.table(
            [
                "代码 id", "县区 county", "市 city", "村（社区） villages", "已覆盖 covered", "未覆盖 uncovered",
                "可选顾问 eligible", "容量 capacity", "缺口 deficit", "受援 support in", "支援 support out",
            ],
            table, numeric: Set(3...10), nowrap: [0, 2])
        out += "<p class=\"small\">容量 capacity：本县可选顾问的上限之和；缺口 deficit = max(0, 村（社区）数 − 容量)，即本县自身无法覆盖的数量。</p>\n"
        out += "</section>\n"
        return out
    }

    private func figure(_ svg: String, caption: String, wide: Bool = false) -> String {
        "<figure class=\"\(wide ? "wide" : "")\">\n\(svg)\n<figcaption>\(caption)</figcaption>\n</figure>\n"
    }

    private func chartsSection(_ f: ReportFigures) -> String {
        "<section id=\"charts\">\n<h2>四、图表 <span class=\"en\">Charts</span></h2>\n<div class=\"grid\">\n"
            + loadFigure(f) + preferenceFigures(f) + distanceFigure(f) + monthlyHoursFigure(f) + mapFigure(f)
            + "</div>\n</section>\n"
    }

    /// Load per adviser: how many villages each eligible adviser serves, with the caps marked.
    private func loadFigure(_ f: ReportFigures) -> String {
        var out = ""
        let rules = inputs.scenario.rules.assignment
        let load = f.villagesPerAdviser
        // The cap line stands just right of the cap's bar: every bar left of it is within the cap.
        var markers = [SVGChart.Marker(value: Double(rules.cap.value) + 0.5, label: "上限 cap \(rules.cap.value)")]
        if let u = rules.underResourcedCap {
            markers.append(
                .init(value: Double(u.value) + 0.5, label: "资源不足地区上限 cap \(u.value)", colour: SVGChart.Colour.secondary)
            )
        }
        let loadSVG = SVGChart.histogram(
            values: load.map { Double($0.villages) }, binWidth: 1, origin: -0.5,
            label: "每名顾问联系的村（社区）数 Villages per adviser",
            xTitle: "每名顾问的村（社区）数 villages per adviser", yTitle: "顾问人数 advisers",
            markers: markers, xTickStep: 1)
        let idle = load.filter { $0.villages == 0 && $0.cap != nil }.count
        out += figure(
            loadSVG.render(),
            caption: "<strong>负荷 Load.</strong> \(load.count) 名可选派顾问（含未分配的 \(idle) 名）各联系几个村（社区）；"
                + "虚线为规则上限（\(HTML.escape(rules.cap.source))）。")
        return out
    }

    /// Preference ranks, both sides: the village's rank of its adviser and the adviser's of the village.
    private func preferenceFigures(_ f: ReportFigures) -> String {
        var out = ""
        let village = ReportFigures.rankDistribution(f.covered.map(\.villageRank))
        let adviser = ReportFigures.rankDistribution(f.covered.map(\.adviserRank))
        out += figure(
            SVGChart.bars(
                categories: village.categories,
                series: [.init(name: "村（社区）", values: village.counts, colour: SVGChart.Colour.primary)],
                label: "村（社区）对所配顾问的排序 Village's rank of its adviser",
                xTitle: "村（社区）对所配顾问（或其所在机构）的排序 village's rank", yTitle: "村（社区）数"
            ).render(),
            caption: "<strong>村方偏好 Village preferences.</strong> 每个已覆盖村（社区）对所配顾问的排序位次；“未排序”表示该村未对其排序。")
        out += figure(
            SVGChart.bars(
                categories: adviser.categories,
                series: [.init(name: "顾问", values: adviser.counts, colour: SVGChart.Colour.secondary)],
                label: "顾问对所配村（社区）的排序 Adviser's rank of the village",
                xTitle: "顾问对所配村（社区）的排序 adviser's rank", yTitle: "村（社区）数"
            ).render(),
            caption: "<strong>顾问偏好 Adviser preferences.</strong> 每对配对中顾问对该村（社区）的排序位次。")
        return out
    }

    /// Distances from the advisers' bases to their villages, with the mean and `max_km` marked.
    private func distanceFigure(_ f: ReportFigures) -> String {
        var out = ""
        let km = f.covered.compactMap(\.distanceKm)
        let maxKm = km.max() ?? 0
        let bin = maxKm <= 12 ? 1.0 : maxKm <= 30 ? 2.0 : maxKm <= 75 ? 5.0 : SVGChart.niceStep(maxKm, count: 15)
        var kmMarkers: [SVGChart.Marker] = []
        if !km.isEmpty {
            kmMarkers.append(
                .init(
                    value: inputs.summary.distanceKm.mean,
                    label: "平均 mean \(ReportNumber.fixed(inputs.summary.distanceKm.mean, 1)) km",
                    colour: SVGChart.Colour.accent))
        }
        if let radius = inputs.scenario.maxKm {
            kmMarkers.append(
                .init(
                    value: radius,
                    label: "候选半径 max_km \(ReportNumber.fixed(radius, radius == radius.rounded() ? 0 : 1))"))
        }
        out += figure(
            SVGChart.histogram(
                values: km, binWidth: bin, label: "顾问驻地到村（社区）的距离 Distance from base",
                xTitle: "直线距离 great-circle km", yTitle: "村（社区）数", markers: kmMarkers
            ).render(),
            caption:
                "<strong>距离 Distance.</strong> 顾问驻地到所联系村（社区）的球面直线距离，每格 \(ReportNumber.fixed(bin, bin < 1 ? 1 : 0)) km。")
        return out
    }

    /// Monthly on-site hours per village against the rules' requirements, or a note when `schedule` was not run.
    private func monthlyHoursFigure(_ f: ReportFigures) -> String {
        var out = ""
        if let monthly = f.monthlyHours, !monthly.months.isEmpty {
            let labels = monthly.months.map { m in
                monthly.months.first!.year == monthly.months.last!.year ? "\(m.month)月" : "\(m)"
            }
            let references = monthly.requirements.map { r -> SVGChart.Marker in
                let what = r.measure == .onsiteHours ? "到村服务" : "服务（含非现场）"
                return SVGChart.Marker(
                    value: r.minimum,
                    label: "要求 \(what) ≥ \(ReportNumber.fixed(r.minimum, r.minimum == r.minimum.rounded() ? 0 : 1)) h/月"
                )
            }
            let svg = SVGChart.lines(
                xLabels: labels,
                series: [
                    .init(name: "平均 mean", values: monthly.mean, colour: SVGChart.Colour.primary),
                    .init(name: "最少 least", values: monthly.least, colour: SVGChart.Colour.secondary, dash: "2 3"),
                ],
                references: references, label: "每村（社区）每月到村服务小时 On-site hours per village per month",
                xTitle: "月份 month", yTitle: "小时 hours", width: 1100, height: 280)
            var caption = "<strong>到村服务 On-site hours.</strong> 排期中每个已覆盖村（社区）每月的到村服务小时：平均与最少。"
            if monthly.requirements.isEmpty {
                caption += "规则没有按月计的服务小时要求。"
            } else {
                caption +=
                    "虚线为规则要求（"
                    + monthly.requirements.map { "<code>\(HTML.escape($0.id))</code>: \(HTML.escape($0.source))" }
                    .joined(separator: "；") + "）。"
            }
            out += figure(svg.render(), caption: caption, wide: true)
        } else {
            out +=
                "<figure class=\"empty wide\"><p>未运行排期：<code>village-counsel schedule DIR --assignment OUT/assignment.csv --out OUT</code> "
                + "之后再生成本报告，即可看到每月到村服务小时与规则要求的对比。"
                + "<span class=\"en\">`schedule` was not run, so there is no roster to chart monthly on-site hours.</span></p>"
                + "<figcaption><strong>到村服务 On-site hours.</strong></figcaption></figure>\n"
        }
        return out
    }

    /// The map: villages coloured by adviser, the advisers' bases, the uncovered villages.
    private func mapFigure(_ f: ReportFigures) -> String {
        var out = ""
        let map = SVGChart.scatter(
            f.map, label: "村（社区）与顾问驻地分布 Villages and advisers' bases", width: 1100, maxHeight: 820)
        out += figure(
            map.render(),
            caption: "<strong>分布图 Map.</strong> 圆点为村（社区），颜色按所配顾问区分；方块为顾问驻地，细线连接顾问与其联系的村（社区）"
                + (inputs.summary.uncovered > 0 ? "；红色空心圆为未覆盖的村（社区）" : "") + "。经纬度按等距投影，东西与南北比例一致。", wide: true)
        return out
    }

    private func scheduleSection() -> String {
        var out = "<section id=\"schedule\">\n<h2>五、排期与合规 <span class=\"en\">Roster and compliance</span></h2>\n"
        guard inputs.roster != nil || inputs.compliance != nil else {
            out +=
                "<p>尚未运行排期（<code>schedule</code>），没有 roster.csv 与 compliance.csv。"
                + "<span class=\"en\">`schedule` was not run: no roster or compliance to show.</span></p>\n</section>\n"
            return out
        }
        if let roster = inputs.roster {
            // Mediation is confidential (Jiaocheng 004 §二(四)): a public page says nothing of it.
            let sessions = roster.sessions.filter { !$0.activity.isConfidential }
            let onsite = sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
            let advisers = Set(sessions.map(\.adviser)).count
            var byActivity: [String: Int] = [:]
            for s in sessions { byActivity[s.activity.rawValue, default: 0] += 1 }
            let names = [
                "service": "服务 service", "lecture": "讲座 lecture", "training": "培训 training", "event": "活动 event",
            ]
            let parts = byActivity.keys.sorted().map { key in
                "\(names[key] ?? Session.Activity(rawValue: key).map { "\($0.chineseName) \(key)" } ?? key) \(byActivity[key]!)"
            }
            var range = ""
            if let first = sessions.first?.day, let last = sessions.last?.day { range = "（\(first) 至 \(last)）" }
            out +=
                "<p>排期 roster: \(ReportNumber.count(sessions.count)) 次服务\(range)，\(advisers) 名顾问，到村服务共 "
                + "\(ReportNumber.fixed(onsite, 0)) 小时 on site；\(HTML.escape(parts.joined(separator: "，")))。</p>\n"
        }
        if let compliance = inputs.compliance {
            struct Tally {
                var periods = Set<String>()
                var checks = 0
                var met = 0
                var villagesShort = Set<String>()
            }
            var tally: [String: Tally] = [:]
            for c in compliance {
                var t = tally[c.rule] ?? Tally()
                t.periods.insert(c.period)
                t.checks += 1
                if c.ok { t.met += 1 } else { t.villagesShort.insert(c.village) }
                tally[c.rule] = t
            }
            let sources = Dictionary(
                ((inputs.scenario.rules.scheduling?.requirements ?? [])
                    + (inputs.scenario.rules.scheduling?.flexibleRequirements ?? []))
                    .map { ($0.id, $0.source) }, uniquingKeysWith: { a, _ in a })
            let rows: [[String]] = tally.keys.sorted().map { rule in
                let t = tally[rule]!
                let short = t.checks - t.met
                return [
                    "<code>\(HTML.escape(rule))</code>", HTML.escape(sources[rule] ?? ""),
                    ReportNumber.count(t.periods.count),
                    ReportNumber.count(t.checks), ReportNumber.count(t.met),
                    short > 0 ? "<strong class=\"bad\">\(ReportNumber.count(short))</strong>" : "0",
                    ReportNumber.count(t.villagesShort.count),
                ]
            }
            out += HTML.table(
                ["规则 rule", "依据 source", "期数 periods", "检查 checks", "达标 met", "未达标 short", "涉及村（社区） villages short"],
                rows, numeric: [2, 3, 4, 5, 6], caption: "规则达标情况 Compliance by rule")
        }
        if let shortfalls = inputs.shortfalls {
            out +=
                shortfalls == 0
                ? "<p class=\"ok\">没有无法安排的服务。<span class=\"en\">No shortfalls.</span></p>\n"
                : "<p class=\"warn\">\(ReportNumber.count(shortfalls)) 项服务无法安排（见 shortfalls.csv，含原因）。<span class=\"en\">\(shortfalls) shortfall(s), listed with reasons in shortfalls.csv.</span></p>\n"
        }
        out += "</section>\n"
        return out
    }

    private func advisersSection(_ f: ReportFigures) -> String {
        let firmName = Dictionary(inputs.scenario.firms.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let countyName = Dictionary(inputs.scenario.counties.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var villages: [String: [AssignmentRow]] = [:]
        for r in f.covered { villages[r.adviserID!, default: []].append(r) }
        let roles = [
            "lawyer": "律师", "grassroots_worker": "基层法律服务工作者", "apprentice": "实习律师", "public_lawyer": "公职律师",
            "judicial_officer": "司法所工作人员", "public_official": "公职人员",
        ]
        let rows: [[String]] = f.villagesPerAdviser.map { entry in
            let a = entry.unit
            let mine = villages[a.id] ?? []
            let km = mine.compactMap(\.distanceKm)
            let names = mine.map { HTML.escape($0.villageName) + ($0.support ? "<sup>援</sup>" : "") }.joined(
                separator: "、")
            return [
                HTML.escape(a.id), HTML.escape(a.name), HTML.escape(roles[a.role.rawValue] ?? a.role.rawValue),
                HTML.escape(a.firm.map { firmName[$0] ?? $0 } ?? ""), HTML.escape(countyName[a.county] ?? a.county),
                "\(mine.count)", entry.cap.map(String.init) ?? "—",
                km.isEmpty ? "" : ReportNumber.fixed(km.reduce(0, +) / Double(km.count), 1), names,
            ]
        }
        var out = "<section id=\"advisers\">\n<h2>六、顾问明细 <span class=\"en\">Advisers</span></h2>\n"
        out +=
            "<details\(rows.count <= 120 ? " open" : "")><summary>\(rows.count) 名可选派或已分配的顾问（不含联系方式） · show advisers</summary>\n"
        out += HTML.table(
            [
                "编号 id", "姓名 name", "身份 role", "所在机构 firm", "县区 county", "村（社区）数", "上限 cap", "平均距离 km",
                "联系的村（社区） villages",
            ],
            rows, numeric: [5, 6, 7], nowrap: [0, 1, 2, 4], className: "data compact")
        out += "</details>\n</section>\n"
        return out
    }

    private func footer() -> String {
        let files = inputs.files.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: "、")
        return
            "<footer>\n<p>由 <code>village-counsel report</code> 根据 \(files) 与情景 <code>\(HTML.escape(inputs.scenario.directory.lastPathComponent))</code> 生成；"
            + "同样的输入得到同样的报告。本报告不含顾问的电话等联系方式。"
            + "<span class=\"en\">Made by village-counsel report from the files named; no phone numbers or other contact details.</span></p>\n</footer>\n"
    }

    // MARK: Style

    static let css = """
        :root { --ink: #2b2f36; --muted: #5b6470; --line: #d9dde3; --soft: #f4f6f8; --blue: #2f6db5; --red: #c62828; --green: #2e7d4f; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: #eef1f4; color: var(--ink);
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
          font-size: 14px; line-height: 1.55; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
        header { border-bottom: 3px solid var(--blue); padding-bottom: 10px; margin-bottom: 8px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 15px; margin: 14px 0 6px; }
        .en { color: var(--muted); font-weight: normal; font-size: 0.82em; margin-left: 0.4em; }
        .subtitle { font-size: 17px; margin: 2px 0; }
        .meta, .small, figcaption { color: var(--muted); font-size: 12.5px; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; background: var(--soft); padding: 0 3px; border-radius: 3px; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
        .card { border: 1px solid var(--line); border-left: 4px solid var(--blue); border-radius: 4px; padding: 8px 12px; background: #fbfcfd; }
        .card.alert { border-left-color: var(--red); }
        .card .label { color: var(--muted); font-size: 12.5px; }
        .card .value { font-size: 22px; font-weight: 600; }
        .card .note { color: var(--muted); font-size: 12px; }
        .ok { color: var(--green); font-weight: 600; }
        .warn { color: var(--red); font-weight: 600; }
        .bad { color: var(--red); }
        .tag { font-size: 11px; color: #8a5a00; background: #fff3d6; border-radius: 3px; padding: 0 4px; }
        ul.explanations li { margin: 3px 0; }
        table.data { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
        table.data caption { text-align: left; font-weight: 600; padding: 4px 0; }
        table.data th, table.data td { border: 1px solid var(--line); padding: 4px 7px; vertical-align: top; text-align: left; }
        table.data th { background: var(--soft); font-weight: 600; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.data .nw { white-space: nowrap; }
        table.compact { font-size: 12px; }
        .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 14px 18px; }
        figure { margin: 0; border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; background: #fff; break-inside: avoid; }
        figure.wide { grid-column: 1 / -1; }
        figure.empty { display: flex; flex-direction: column; justify-content: center; background: var(--soft); }
        figure svg { display: block; width: 100%; height: auto; font-family: inherit; }
        figcaption { margin-top: 4px; }
        details summary { cursor: pointer; color: var(--blue); margin: 6px 0; }
        footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
        @media (max-width: 900px) { .cards { grid-template-columns: repeat(2, 1fr); } .grid { grid-template-columns: 1fr; } }
        @media print { body { background: #fff; } main { padding: 0; max-width: none; } details { display: block; } }
        """
}
