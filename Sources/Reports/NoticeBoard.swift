import CounselModel
import QRCode
import Scheduling

/// A village's notice board (公示牌): the printable A4 page hung in the village that tells
/// villagers who their legal adviser is and when the adviser is there.
///
/// What it shows is what the village's rule profile asks a board to show (``PublicationRules``:
/// Guangdong 001 §(十),(十四); Nanning 002 §二(三); Rongchang 000 §三(三); Zhengning 003 §二;
/// Jiaocheng 004 §四(三)) **and** what the scenario has data for: the adviser's name, firm, phone,
/// WeChat ID with its QR code, e-mail and photo, the mediation committee the adviser is paired
/// with, the service content, the dated times from the roster, the supervising office with its
/// phone and e-mail, the complaint e-mail and the hotline. An item without data is left out, never
/// printed with an empty label. Nothing else: the adviser's own public contact data are the only
/// personal data on it, and it holds nothing of other villages, other people or the matters
/// served — mediation sessions are never shown (confidential, Jiaocheng 004 §二(四)). A village
/// without an adviser gets a board saying the adviser is being arranged (待安排), with the office
/// to call meanwhile.
public struct NoticeBoard: Sendable {
    /// The service content (服务内容) printed on every board: the adviser's duties common to the
    /// programme's documents (Nanning 002 §三(一)–(五); Rongchang 000: 解答法律咨询、开展法治宣传、
    /// 化解矛盾纠纷、提供或者指引法律服务).
    public static let services = [
        "法律咨询：解答村（居）民日常生产生活中遇到的法律问题，提供法律意见",
        "法治宣传：举办法治讲座，普及与生产生活相关的法律知识",
        "矛盾纠纷化解：参与矛盾纠纷排查化解，为人民调解提供法律意见",
        "协助起草、审核合同和村规民约、居民公约等法律文书",
        "为村（社区）重大决策、重要经济合同提供法律意见",
        "引导符合条件的群众申请法律援助，依法理性表达诉求",
    ]

    /// The village.
    public var village: Village
    /// The county's name, if known.
    public var countyName: String?
    /// The adviser, or `nil` while the village has none (待安排).
    public var adviser: Adviser?
    /// The adviser's firm's name, if known.
    public var firmName: String?
    /// The village's sessions in the village (on site, or online for townships served online),
    /// in roster order, mediation left out.
    public var sessions: [Session]
    /// The supervising office (监管部门), or `nil` when the scenario names none.
    public var office: String?
    /// Its phone (监督电话), or `nil`.
    public var officePhone: String?
    /// Its e-mail, or `nil`.
    public var officeEmail: String?
    /// The complaint e-mail (投诉邮箱), or `nil`.
    public var complaintEmail: String?
    /// What the profile asks the board to show, and its hotline.
    public var rules: PublicationRules
    /// The adviser's photo, read from the scenario folder (checked again as it is read), or `nil`.
    public var photo: ScenarioPhoto.Image?
    /// The adviser's WeChat ID as a QR code, or `nil`.
    public var wechatQR: QRCode?

    /// The board of `village`: the adviser `adviserID` (from the assignment; `nil` when the village
    /// is uncovered), the village's own sessions from `roster`, the supervising office from the
    /// village's county in `counties.csv`, else from `scenario.yaml`, and what the scenario's rule
    /// profile asks a board to show.
    public init(scenario: Scenario, village: Village, adviserID: String?, roster: Roster) {
        self.village = village
        countyName = scenario.county(village.county)?.name
        adviser = adviserID.flatMap { id in scenario.advisers.first { $0.id == id } }
        firmName = adviser?.firm.flatMap { id in scenario.firms.first { $0.id == id }?.name }
        sessions =
            adviser == nil
            ? []
            : roster.sessions.filter {
                $0.village == village.id && ($0.mode == .onsite || $0.mode == .online) && !$0.activity.isConfidential
            }
        let o = scenario.office(ofCounty: village.county)
        (office, officePhone, officeEmail, complaintEmail) = (o.name, o.phone, o.email, o.complaintEmail)
        rules = scenario.rules.publicationRules
        if rules.boardShows(.photo), let path = adviser?.photo,
            case .success(let image) = ScenarioPhoto.load(path, in: scenario.directory)
        {
            photo = image
        }
        if rules.boardShows(.wechatQR), let id = adviser?.wechat { wechatQR = try? QRCode(encoding: id) }
    }

    /// The committee the adviser is paired with (结对, Jiaocheng 004 §四(一)): the village's own
    /// people's mediation committee.
    public var mediationCommittee: String? {
        guard adviser != nil, rules.boardShows(.mediationCommittee) else { return nil }
        return "\(village.name)人民调解委员会"
    }

    /// The board as a self-contained HTML page (inline CSS, A4 portrait, the QR code as inline SVG
    /// and the photo as a data URI), in Chinese.
    public func html() -> String {
        let place = village.kind == .community ? "社区" : "村"
        let title = "\(village.name)法律顾问公示牌"
        func shows(_ item: PublicationRules.Item) -> Bool { rules.boardShows(item) }
        let side = photo != nil || wechatQR != nil
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"zh-CN\">")
        h.append("<head>")
        h.append("<meta charset=\"utf-8\">")
        h.append("<title>\(Self.escapeHTML(title))</title>")
        h.append("<style>")
        h.append(Self.css)
        if side { h.append(Self.sideCSS) }
        h.append("</style>")
        h.append("</head>")
        h.append("<body>")
        h.append("<main class=\"board\">")
        h.append("<p class=\"programme\">一村（社区）一法律顾问</p>")
        h.append("<h1>\(Self.escapeHTML(title))</h1>")
        let placeParts = [countyName, village.township, village.name].compactMap { $0 }.filter { !$0.isEmpty }
        h.append("<p class=\"place\">\(Self.escapeHTML(placeParts.joined(separator: " ")))</p>")

        h += contactBlock(side: side)
        if adviser == nil {
            let officeShown = (shows(.office) && office != nil) || (shows(.officePhone) && officePhone != nil)
            var ways: [String] = []
            if officeShown { ways.append("请联系下方监管部门") }
            ways.append("拨打 \(rules.hotline.value) 法律服务热线")
            h.append(
                "<p class=\"pending-note\">本\(place)法律顾问正在安排中，确定后将及时公示。"
                    + "在此期间如需法律服务，\(ways.joined(separator: "，或"))。</p>")
        }

        if shows(.services) {
            h.append("<h2>服务内容</h2>")
            h.append("<ul class=\"services\">")
            for s in Self.services { h.append("<li>\(Self.escapeHTML(s))</li>") }
            h.append("</ul>")
        }

        if shows(.times) {
            h.append("<h2>\(Self.escapeHTML(timesHeading))</h2>")
            if adviser == nil {
                h.append("<p>待法律顾问确定后公示。</p>")
            } else if sessions.isEmpty {
                h.append("<p>驻\(place)服务时间另行公示。</p>")
            } else {
                h.append(contentsOf: timesTables())
                h.append("<p class=\"note\">服务时间如有调整，将提前在本\(place)公告。</p>")
            }
        }

        h += supervisionBlock()
        h.append("</main>")
        h.append("</body>")
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }

    /// The adviser's facts (name, firm, phone, WeChat ID, e-mail, the paired mediation committee,
    /// the hotline), beside the photo and QR code when there are any.
    private func contactBlock(side: Bool) -> [String] {
        func shows(_ item: PublicationRules.Item) -> Bool { rules.boardShows(item) }
        var h: [String] = []
        if side { h.append("<div class=\"top\">") }
        h.append("<table class=\"facts\">")
        if let adviser {
            if shows(.adviserName) { h.append(row("法律顾问", adviser.name, cls: "name")) }
            if shows(.firm), let firmName { h.append(row("执业机构", firmName)) }
            if shows(.phone), !adviser.phone.isEmpty { h.append(row("联系电话", adviser.phone, cls: "phone")) }
            if shows(.wechat), let id = adviser.wechat { h.append(row("微信号", id)) }
            if shows(.email), let email = adviser.email { h.append(row("电子邮箱", email)) }
            if let mediationCommittee { h.append(row("结对调委会", mediationCommittee)) }
        } else {
            h.append(row("法律顾问", "待安排", cls: "name pending"))
        }
        if shows(.hotline) { h.append(row("服务热线", rules.hotline.value)) }
        h.append("</table>")
        if side {
            h.append("<div class=\"side\">")
            if let photo {
                h.append(
                    "<figure><img class=\"photo\" src=\"\(photo.dataURI)\" alt=\"法律顾问照片\"><figcaption>法律顾问照片</figcaption></figure>"
                )
            }
            if let wechatQR, let id = adviser?.wechat {
                h.append(
                    "<figure>\(wechatQR.svg(size: "30mm", label: "微信号 \(id)"))<figcaption>微信扫码联系</figcaption></figure>")
            }
            h.append("</div>")
            h.append("</div>")
        }
        return h
    }

    /// The supervising office, its phone and e-mail and the complaint e-mail, where the profile
    /// shows them and the scenario has them.
    private func supervisionBlock() -> [String] {
        func shows(_ item: PublicationRules.Item) -> Bool { rules.boardShows(item) }
        var h: [String] = []
        var supervision: [String] = []
        if shows(.office), let office { supervision.append(row("监管部门", office)) }
        if shows(.officePhone), let officePhone { supervision.append(row("监督电话", officePhone, cls: "phone")) }
        if shows(.officeEmail), let officeEmail { supervision.append(row("监管邮箱", officeEmail)) }
        if shows(.complaintEmail), let complaintEmail { supervision.append(row("投诉邮箱", complaintEmail)) }
        if !supervision.isEmpty {
            h.append("<h2>监督</h2>")
            h.append("<table class=\"facts\">")
            h.append(contentsOf: supervision)
            h.append("</table>")
            h.append(
                "<p class=\"note\">对法律顾问的服务有意见或建议，请向监管部门反映"
                    + (shows(.complaintEmail) && complaintEmail != nil ? "，或发送邮件至投诉邮箱" : "") + "。</p>")
        }
        return h
    }

    /// What the profile asks the board to show that this board leaves out for want of data, with
    /// the source that asks for it (for `publish`'s notes and `validate`'s warnings).
    public var missing: [(item: PublicationRules.Item, source: String)] {
        var result: [(PublicationRules.Item, String)] = []
        func check(_ item: PublicationRules.Item, _ present: Bool) {
            if rules.boardShows(item), !present, let source = rules.boardSource(item) { result.append((item, source)) }
        }
        if let adviser {
            check(.firm, firmName != nil)
            check(.phone, !adviser.phone.isEmpty)
            check(.wechat, adviser.wechat != nil)
            check(.wechatQR, wechatQR != nil)
            check(.email, adviser.email != nil)
            check(.photo, photo != nil)
        }
        check(.office, office != nil)
        check(.officePhone, officePhone != nil)
        check(.officeEmail, officeEmail != nil)
        check(.complaintEmail, complaintEmail != nil)
        return result
    }

    // MARK: Parts

    /// 驻村服务时间（2026年） when every session is in one year.
    private var timesHeading: String {
        let place = village.kind == .community ? "社区" : "村"
        let years = Set(sessions.map(\.day.year))
        if years.count == 1, let y = years.first { return "驻\(place)服务时间（\(y)年）" }
        return "驻\(place)服务时间"
    }

    /// The sessions as a table, or two side by side when there are more than ten (so that a year of
    /// sessions fits on one A4 page).
    private func timesTables() -> [String] {
        let oneYear = Set(sessions.map(\.day.year)).count == 1
        let halves =
            sessions.count > 10
            ? [Array(sessions.prefix((sessions.count + 1) / 2)), Array(sessions.dropFirst((sessions.count + 1) / 2))]
            : [sessions]
        var h = ["<div class=\"times\">"]
        for half in halves {
            h.append("<table>")
            h.append("<thead><tr><th>日期</th><th>星期</th><th>时间</th><th>内容</th></tr></thead>")
            h.append("<tbody>")
            for s in half {
                let c = s.day.components
                let date = oneYear ? "\(c.month)月\(c.day)日" : "\(c.year)年\(c.month)月\(c.day)日"
                let what = Self.activityLabel(s.activity) + (s.mode == .online ? "（线上）" : "")
                h.append(
                    "<tr><td>\(date)</td><td>\(Self.weekdays[s.day.weekday - 1])</td>"
                        + "<td>\(Session.clock(s.start))–\(Session.clock(s.end))</td><td>\(Self.escapeHTML(what))</td></tr>"
                )
            }
            h.append("</tbody>")
            h.append("</table>")
        }
        h.append("</div>")
        return h
    }

    private func row(_ label: String, _ value: String, cls: String? = nil) -> String {
        "<tr><th>\(Self.escapeHTML(label))</th><td\(cls.map { " class=\"\($0)\"" } ?? "")>\(Self.escapeHTML(value))</td></tr>"
    }

    static let weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    static func activityLabel(_ a: Session.Activity) -> String { a.chineseName }

    static let css = """
        @page { size: A4 portrait; margin: 12mm 14mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: #111; }
        .board { max-width: 182mm; margin: 0 auto; border: 2.5px solid #b71c1c; padding: 6mm 9mm; page-break-inside: avoid; }
        .programme { margin: 0; text-align: center; color: #b71c1c; font-size: 12pt; letter-spacing: 0.3em; }
        h1 { margin: 1.5mm 0 1mm; text-align: center; color: #b71c1c; font-size: 22pt; letter-spacing: 0.08em; }
        .place { margin: 0 0 3mm; text-align: center; font-size: 11pt; }
        h2 { margin: 4mm 0 1.5mm; padding: 0.8mm 3mm; background: #b71c1c; color: #fff; font-size: 12pt; }
        table { border-collapse: collapse; }
        .facts { width: 100%; font-size: 13pt; }
        .facts th { width: 30mm; padding: 1mm 3mm; text-align: left; font-weight: bold; border-bottom: 1px solid #ddd; }
        .facts td { padding: 1mm 3mm; border-bottom: 1px solid #ddd; }
        .facts .name, .facts .phone { font-size: 16pt; font-weight: bold; }
        .pending { color: #b71c1c; }
        .pending-note { margin: 2mm 0 0; font-size: 11pt; }
        .services { margin: 0; padding-left: 6mm; font-size: 10.5pt; line-height: 1.45; }
        .times { display: flex; gap: 4mm; align-items: flex-start; }
        .times table { flex: 1; font-size: 10pt; }
        .times th, .times td { border: 1px solid #999; padding: 0.6mm 1.5mm; text-align: center; white-space: nowrap; }
        .times th { background: #f3e5e5; }
        .note { margin: 1.5mm 0 0; font-size: 9.5pt; color: #444; }
        """

    /// The photo and QR code beside the facts, only on boards that show them.
    static let sideCSS = """
        .top { display: flex; gap: 5mm; align-items: flex-start; }
        .top .facts { flex: 1; }
        .side { display: flex; gap: 4mm; }
        .side figure { margin: 0; text-align: center; font-size: 9pt; }
        .side figcaption { margin-top: 1mm; }
        .photo { display: block; width: 30mm; height: 40mm; object-fit: cover; border: 1px solid #999; }
        .side svg { display: block; }
        """
}

extension NoticeBoard {
    /// Text made safe for HTML element content and attribute values (the report's escaper).
    public static func escapeHTML(_ text: String) -> String { HTML.escape(text) }
}
