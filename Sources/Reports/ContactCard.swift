import CounselModel
import QRCode

/// An adviser's contact card (便民联系卡, Guangdong 001 §(十一): 律师姓名、执业机构、联系电话、电子邮箱、
/// 微信号(含二维码)和服务内容), printed several to an A4 sheet for villagers to take away.
///
/// What it shows is what the rule profile asks a card to show (``PublicationRules/contactCard``)
/// and the scenario has data for; an item without data is left out. The adviser's own public
/// contact data are the only personal data on it.
public struct ContactCard: Sendable {
    /// Cards on one A4 sheet: two columns of four, each 90 × 64 mm, with cutting lines.
    public static let perSheet = 8

    /// The service content in short, for the card (the board's ``NoticeBoard/services``).
    public static let services = "法律咨询、法治宣传、矛盾纠纷化解、合同和村规民约审核、重大决策法律意见、法律援助引导"

    /// The adviser.
    public var adviser: Adviser
    /// The adviser's firm's name, if known.
    public var firmName: String?
    /// What the profile asks the card to show, and its hotline.
    public var rules: PublicationRules
    /// The WeChat ID as a QR code, or `nil`.
    public var wechatQR: QRCode?
    /// The adviser's photo, when the card shows one, or `nil`.
    public var photo: ScenarioPhoto.Image?

    /// The card of `adviser` under the scenario's rule profile.
    public init(scenario: Scenario, adviser: Adviser) {
        self.adviser = adviser
        firmName = adviser.firm.flatMap { id in scenario.firms.first { $0.id == id }?.name }
        rules = scenario.rules.publicationRules
        if rules.cardShows(.wechatQR), let id = adviser.wechat { wechatQR = try? QRCode(encoding: id) }
        if rules.cardShows(.photo), let path = adviser.photo,
            case .success(let image) = ScenarioPhoto.load(path, in: scenario.directory)
        {
            photo = image
        }
    }

    /// What the profile asks the card to show that this card leaves out for want of data.
    public var missing: [(item: PublicationRules.Item, source: String)] {
        var result: [(PublicationRules.Item, String)] = []
        func check(_ item: PublicationRules.Item, _ present: Bool) {
            if rules.cardShows(item), !present, let source = rules.cardSource(item) { result.append((item, source)) }
        }
        check(.firm, firmName != nil)
        check(.phone, !adviser.phone.isEmpty)
        check(.wechat, adviser.wechat != nil)
        check(.wechatQR, wechatQR != nil)
        check(.email, adviser.email != nil)
        check(.photo, photo != nil)
        return result
    }

    /// One card, as an HTML fragment.
    func cardHTML() -> String {
        func shows(_ item: PublicationRules.Item) -> Bool { rules.cardShows(item) }
        func row(_ label: String, _ value: String) -> String {
            "<tr><th>\(HTML.escape(label))</th><td>\(HTML.escape(value))</td></tr>"
        }
        var h = [
            "<section class=\"card\">", "<p class=\"head\">便民联系卡 · 一村（社区）一法律顾问</p>", "<div class=\"body\">",
            "<div class=\"main\">",
        ]
        if shows(.adviserName) { h.append("<p class=\"name\">\(HTML.escape(adviser.name))<span>法律顾问</span></p>") }
        h.append("<table>")
        if shows(.firm), let firmName { h.append(row("执业机构", firmName)) }
        if shows(.phone), !adviser.phone.isEmpty { h.append(row("联系电话", adviser.phone)) }
        if shows(.email), let email = adviser.email { h.append(row("电子邮箱", email)) }
        if shows(.wechat), let id = adviser.wechat { h.append(row("微信号", id)) }
        if shows(.hotline) { h.append(row("法律服务热线", rules.hotline.value)) }
        h.append("</table>")
        if shows(.services) { h.append("<p class=\"services\"><b>服务内容：</b>\(HTML.escape(Self.services))</p>") }
        h.append("</div>")
        if photo != nil || wechatQR != nil {
            h.append("<div class=\"side\">")
            if let photo { h.append("<img class=\"photo\" src=\"\(photo.dataURI)\" alt=\"法律顾问照片\">") }
            if let wechatQR, let id = adviser.wechat {
                h.append(
                    "<figure>\(wechatQR.svg(size: "24mm", label: "微信号 \(id)"))<figcaption>微信扫码联系</figcaption></figure>")
            }
            h.append("</div>")
        }
        h.append("</div>")
        h.append("</section>")
        return h.joined(separator: "\n")
    }

    /// The A4 sheet of ``perSheet`` identical cards, a self-contained HTML page in Chinese.
    public func html() -> String {
        var h = [
            "<!DOCTYPE html>", "<html lang=\"zh-CN\">", "<head>", "<meta charset=\"utf-8\">",
            "<title>\(HTML.escape(adviser.name))便民联系卡</title>", "<style>", Self.css, "</style>", "</head>", "<body>",
            "<main class=\"sheet\">",
        ]
        let card = cardHTML()
        for _ in 0..<Self.perSheet { h.append(card) }
        h += ["</main>", "</body>", "</html>"]
        return h.joined(separator: "\n") + "\n"
    }

    static let css = """
        @page { size: A4 portrait; margin: 10mm 15mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #111; }
        .sheet { width: 180mm; margin: 0 auto; display: grid; grid-template-columns: 90mm 90mm; grid-auto-rows: 64mm; }
        .card { border: 0.3mm dashed #999; padding: 3mm 4mm; overflow: hidden; display: flex; flex-direction: column; page-break-inside: avoid; }
        .head { margin: 0 0 2mm; padding: 0.6mm 2mm; background: #b71c1c; color: #fff; font-size: 8.5pt; letter-spacing: 0.05em; }
        .body { display: flex; gap: 3mm; flex: 1; }
        .main { flex: 1; min-width: 0; }
        .name { margin: 0 0 1.5mm; font-size: 15pt; font-weight: bold; }
        .name span { margin-left: 2mm; font-size: 8.5pt; font-weight: normal; color: #b71c1c; }
        table { border-collapse: collapse; font-size: 8.5pt; }
        th { padding: 0.3mm 2mm 0.3mm 0; text-align: left; white-space: nowrap; color: #444; font-weight: normal; }
        td { padding: 0.3mm 0; word-break: break-all; }
        .services { margin: 1.5mm 0 0; font-size: 7.5pt; line-height: 1.35; }
        .side { display: flex; flex-direction: column; align-items: center; gap: 1mm; }
        .side figure { margin: 0; text-align: center; font-size: 7pt; }
        .side svg { display: block; }
        .photo { width: 18mm; height: 24mm; object-fit: cover; border: 1px solid #999; }
        """
}
