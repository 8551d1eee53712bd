import CounselModel
import Scheduling

/// A county's assessment summary (考核汇总): one printable A4 page for the county justice bureau,
/// in Chinese, made by `assess` for every county with villages served.
///
/// It shows, for the advisers serving the county's villages, the checks met, the call-back
/// results (as counts), the grade and what it leads to, and the subsidy with what is deducted;
/// then every shortfall; then the grading rules and the subsidy amounts with their sources. It
/// holds **no personal data of villagers**: the call-back list (names, phones) stays internal and
/// only its counts appear here.
public struct AssessmentPage: Sendable {
    /// The assessment.
    public var assessment: Assessment
    /// The county.
    public var county: County

    /// The page of `county`.
    public init(assessment: Assessment, county: County) {
        self.assessment = assessment
        self.county = county
    }

    /// Counties with at least one village served in the assessment, in id order.
    public static func counties(_ assessment: Assessment) -> [County] {
        let ids = Set(
            assessment.advisers.flatMap { $0.villages.map(\.village.county) } + assessment.unserved.map(\.county))
        return assessment.scenario.counties.filter { ids.contains($0.id) }.sorted { $0.id < $1.id }
    }

    /// `2026年上半年`, `2026年下半年`, `2026年度`.
    public static func periodLabel(_ p: Assessment.Period) -> String {
        if p.months == 12 { return "\(p.first.year)年度" }
        return "\(p.first.year)年\(p.first.month == 1 ? "上" : "下")半年"
    }

    /// 合格, 整改, 不合格.
    public static func gradeLabel(_ g: Assessment.Grade) -> String {
        switch g {
        case .pass: return "合格"
        case .rectify: return "整改"
        case .fail: return "不合格"
        }
    }

    /// The county's advisers with their villages in the county, in the assessment's order.
    private typealias Rows = [(adviser: Assessment.AdviserResult, villages: [Assessment.VillageResult])]

    /// The page as a self-contained HTML document (inline CSS, A4 portrait).
    public func html() -> String {
        let a = assessment
        let e = HTML.escape
        let title = "\(county.name)村（社区）法律顾问考核汇总（\(Self.periodLabel(a.period))）"
        let rows: Rows = a.advisers.compactMap { adviser in
            let here = adviser.villages.filter { $0.village.county == county.id }
            return here.isEmpty ? nil : (adviser, here)
        }
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"zh-CN\">")
        h.append("<head>")
        h.append("<meta charset=\"utf-8\">")
        h.append("<title>\(e(title))</title>")
        h.append("<style>\n\(Self.css)\n</style>")
        h.append("</head>")
        h.append("<body>")
        h.append("<main class=\"page\">")
        h.append("<h1>\(e(title))</h1>")
        h.append(
            "<p class=\"sub\">\(e(a.scenario.name))　·　规则：\(e(a.scenario.rules.name))（\(e(a.scenario.rules.document))）</p>"
        )
        h += facts(rows)
        h += notPassing(rows)
        h += passing(rows)
        h += shortfalls(rows)
        h += rules()
        h.append("<p class=\"privacy\">本页不含村（居）民个人信息；电话回访名单为内部资料，另行保管。</p>")
        h.append("<p class=\"sign\">制表：__________　　审核：__________　　日期：____年__月__日</p>")
        h.append("</main>")
        h.append("</body>")
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }

    private var deducting: Bool { assessment.rules.deduction.value == .deduct }

    /// The county's figures: advisers by grade, villages, the subsidy.
    private func facts(_ rows: Rows) -> [String] {
        let a = assessment
        let e = HTML.escape
        var grades: [Assessment.Grade: Int] = [:]
        for (adviser, _) in rows { grades[adviser.grade, default: 0] += 1 }
        let base = rows.reduce(0) { $0 + $1.1.reduce(0) { $0 + $1.baseCents } }
        let deduction = rows.reduce(0) { $0 + $1.1.reduce(0) { $0 + $1.deductionCents } }
        let villages = rows.reduce(0) { $0 + $1.1.count }
        let unserved = a.unserved.filter { $0.county == county.id }.count
        var h: [String] = []
        h.append("<table class=\"facts\">")
        h.append(
            "<tr><th>考核法律顾问</th><td>\(rows.count) 名（"
                + Assessment.Grade.allCases.map { "\(Self.gradeLabel($0)) \(grades[$0] ?? 0)" }.joined(separator: "，")
                + "）</td></tr>")
        h.append(
            "<tr><th>服务村（社区）</th><td>\(villages) 个" + (unserved > 0 ? "；另有 \(unserved) 个无法律顾问，未考核" : "") + "</td></tr>")
        h.append(
            "<tr><th>补贴（\(e(a.subsidy.currency))）</th><td>应发 \(Assessment.money(base))，扣减 \(Assessment.money(deduction))"
                + (deducting ? "，实发 \(Assessment.money(base - deduction))" : "（仅供参考，未扣减），实发 \(Assessment.money(base))")
                + "</td></tr>")
        h.append("</table>")
        return h
    }

    /// Advisers not passing, in full (those passing get one paragraph, so that a county fits one page).
    private func notPassing(_ rows: Rows) -> [String] {
        let e = HTML.escape
        let firmNames = Dictionary(assessment.scenario.firms.map { ($0.id, $0.name) }, uniquingKeysWith: { x, _ in x })
        let failing = rows.filter { $0.0.grade != .pass }
        var h = ["<h2>需整改和不合格的法律顾问（\(failing.count) 名）</h2>"]
        guard !failing.isEmpty else { return h + ["<p>无。</p>"] }
        h.append("<table class=\"grid\">")
        h.append(
            "<thead><tr><th>法律顾问</th><th>执业机构</th><th>村（社区）</th><th>考核项达标</th><th>回访属实</th>"
                + "<th>等次</th><th>应发</th><th>扣减</th><th>实发</th></tr></thead><tbody>")
        for (adviser, here) in failing {
            let b = here.reduce(0) { $0 + $1.baseCents }, d = here.reduce(0) { $0 + $1.deductionCents }
            let calls =
                adviser.callbacks.reached == 0 ? "—" : "\(adviser.callbacks.confirmed)/\(adviser.callbacks.reached)"
            h.append(
                "<tr class=\"\(adviser.grade.rawValue)\"><td class=\"nw\">\(e(Self.who(adviser)))</td>"
                    + "<td>\(e(firmNames[adviser.firm] ?? adviser.firm))</td><td class=\"num\">\(here.count)</td>"
                    + "<td class=\"num\">\(adviser.met)/\(adviser.checks)</td><td class=\"num\">\(calls)</td>"
                    + "<td class=\"grade\">\(Self.gradeLabel(adviser.grade))</td><td class=\"num\">\(Assessment.money(b))</td>"
                    + "<td class=\"num\">\(Assessment.money(d))</td><td class=\"num\">\(Assessment.money(deducting ? b - d : b))</td></tr>"
            )
        }
        h.append("</tbody></table>")
        h.append("<ul class=\"notes\">")
        for (adviser, _) in failing {
            h.append(
                "<li><b>\(e(Self.who(adviser)))（\(Self.gradeLabel(adviser.grade))）</b>：\(e(adviser.gradeReason))；处理：\(e(adviser.consequence))</li>"
            )
        }
        h.append("</ul>")
        return h
    }

    /// The advisers passing, in one paragraph.
    private func passing(_ rows: Rows) -> [String] {
        let e = HTML.escape
        let passing = rows.filter { $0.0.grade == .pass }
        return [
            "<h2>考核合格（\(passing.count) 名）</h2>",
            passing.isEmpty
                ? "<p>无。</p>"
                : "<p class=\"passing\">"
                    + passing.map { adviser, here in
                        e("\(Self.who(adviser))（\(here.count)村，\(adviser.met)/\(adviser.checks)项）")
                    }.joined(separator: "、") + "</p>",
        ]
    }

    /// Each village's requirements not met, with the deduction.
    private func shortfalls(_ rows: Rows) -> [String] {
        let e = HTML.escape
        let short = rows.flatMap { adviser, here in here.filter { !$0.shortfalls.isEmpty }.map { (adviser, $0) } }
        var h = ["<h2>未达标情况（\(short.reduce(0) { $0 + $1.1.shortfalls.count }) 项，\(short.count) 个村（社区））</h2>"]
        guard !short.isEmpty else { return h + ["<p>本期各项服务要求均已达标。</p>"] }
        h.append("<table class=\"grid small\">")
        h.append("<thead><tr><th>村（社区）</th><th>法律顾问</th><th>未达标的要求（期间 完成/要求）</th><th>扣减</th></tr></thead><tbody>")
        for (adviser, v) in short {
            var rules: [String] = []
            var byRule: [String: [String]] = [:]
            for s in v.shortfalls {
                if byRule[s.row.rule] == nil { rules.append(s.row.rule) }
                byRule[s.row.rule, default: []].append(
                    "\(s.row.period) \(LedgerAudit.number(s.row.planned))/\(LedgerAudit.number(s.row.required))")
            }
            let text = rules.map { "\($0)：" + byRule[$0]!.joined(separator: "，") }.joined(separator: "；")
            h.append(
                "<tr><td class=\"nw\">\(e(v.village.name))</td><td class=\"nw\">\(e(adviser.id))</td><td>\(e(text))</td>"
                    + "<td class=\"num\">\(Assessment.money(v.deductionCents))\(v.capped ? "*" : "")</td></tr>")
        }
        h.append("</tbody></table>")
        if short.contains(where: { $0.1.capped }) { h.append("<p class=\"privacy\">* 扣减以该村（社区）本期补贴为限。</p>") }
        return h
    }

    /// The grading and subsidy rules with their sources.
    private func rules() -> [String] {
        let a = assessment
        let e = HTML.escape
        let r = a.rules
        var h: [String] = []
        h.append("<h2>考核与补贴依据</h2>")
        h.append("<ul class=\"rules\">")
        h.append(
            "<li>合格：本期各项要求均达标，且电话回访无不属实；不合格：达标项低于 \(Self.percent(r.failBelowMetShare.value))"
                + "（\(e(r.failBelowMetShare.source))），或回访属实比例低于 \(Self.percent(r.failBelowConfirmedShare.value))"
                + "（\(e(r.failBelowConfirmedShare.source))）；其余为整改。只有完整的台账记录计入，回访不属实的记录不计入"
                + "（\(e(LedgerAudit.callbackSource))）。</li>")
        h.append("<li>扣减：\(deducting ? "按未完成的次数、小时扣减" : "计算扣减额仅供参考，不实际扣减")（\(e(r.deduction.source))）。</li>")
        h.append("<li>不合格的处理：\(e(r.failConsequence.source))。</li>")
        h.append(
            "<li>补贴标准：每村（社区）每年 \(Assessment.money(Assessment.cents(a.subsidy.perVillagePerYear))) \(e(a.subsidy.currency))；"
                + "每少一次现场服务扣 \(Assessment.money(Assessment.cents(a.subsidy.perMissedVisit)))，每少一小时扣 "
                + "\(Assessment.money(Assessment.cents(a.subsidy.perMissedHour)))，每少一场讲座（培训、宣传活动）扣 "
                + "\(Assessment.money(Assessment.cents(a.subsidy.perMissedLecture)))；每村扣减不超过其补贴（来源：\(e(a.subsidy.source))）。</li>"
        )
        h.append("</ul>")
        return h
    }

    /// `张云强 A00001`.
    static func who(_ a: Assessment.AdviserResult) -> String { a.name.isEmpty ? a.id : "\(a.name) \(a.id)" }

    static func percent(_ x: Double) -> String { LedgerAudit.number((x * 1000).rounded() / 10) + "%" }

    static let css = """
        @page { size: A4 portrait; margin: 10mm 11mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: #111; font-size: 9pt; }
        .page { max-width: 186mm; margin: 0 auto; }
        h1 { margin: 0 0 1mm; text-align: center; font-size: 16pt; }
        .sub { margin: 0 0 3mm; text-align: center; font-size: 9pt; color: #444; }
        h2 { margin: 2.5mm 0 1mm; padding-bottom: 0.5mm; border-bottom: 1.5px solid #333; font-size: 11pt; }
        table { border-collapse: collapse; width: 100%; }
        .facts th { width: 30mm; text-align: left; padding: 0.6mm 2mm; }
        .facts td { padding: 0.6mm 2mm; }
        .grid th, .grid td { border: 1px solid #999; padding: 0.6mm 1.5mm; }
        .grid th { background: #eee; font-weight: bold; }
        .grid.small { font-size: 8.5pt; }
        .num { text-align: right; white-space: nowrap; }
        .nw { white-space: nowrap; }
        .passing { margin: 1mm 0; line-height: 1.5; font-size: 8.5pt; }
        .grade { text-align: center; font-weight: bold; white-space: nowrap; }
        tr.fail .grade { color: #b71c1c; }
        tr.rectify .grade { color: #8a5a00; }
        .notes, .rules { margin: 1mm 0; padding-left: 5mm; line-height: 1.35; }
        .notes { font-size: 8.5pt; }
        .rules { font-size: 7.5pt; color: #333; }
        .privacy { margin: 3mm 0 0; font-size: 8.5pt; color: #444; }
        .sign { margin: 4mm 0 0; text-align: right; }
        """
}
