/// Numbers, dates and periods written the Chinese way, for Chinese text (`2026年3月`,
/// `第一季度`, `上半年`), and their English forms, so that a message names a period once and
/// reads right in either language.
public enum PeriodText {
    /// The Chinese numerals one to twelve (for quarters and halves).
    static let numerals = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

    /// A month: `2026年3月` in Chinese, `2026-03` in English.
    public static func month(year: Int, month: Int, in language: Language = Language.current) -> String {
        switch language {
        case .zh: return "\(year)年\(month)月"
        case .en: return "\(year)-\(month < 10 ? "0" : "")\(month)"
        }
    }

    /// A day: `2026年3月5日` in Chinese, `2026-03-05` in English.
    public static func day(year: Int, month: Int, day: Int, in language: Language = Language.current) -> String {
        switch language {
        case .zh: return "\(year)年\(month)月\(day)日"
        case .en: return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
    }

    /// A day written `YYYY-MM-DD` in Chinese (`2026年3月5日`); any other text unchanged, and the
    /// text unchanged in English.
    public static func isoDay(_ text: String, in language: Language = Language.current) -> String {
        let parts = text.split(separator: "-")
        guard language == .zh, parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2])
        else { return text }
        return day(year: y, month: m, day: d, in: .zh)
    }

    /// A month written `YYYY-MM` in Chinese (`2026年3月`); any other text unchanged, and the text
    /// unchanged in English.
    public static func isoMonth(_ text: String, in language: Language = Language.current) -> String {
        let parts = text.split(separator: "-")
        guard language == .zh, parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1])
        else { return text }
        return month(year: y, month: m, in: .zh)
    }

    /// A quarter, 1…4: `第一季度` in Chinese, `Q1` in English.
    public static func quarter(_ q: Int, in language: Language = Language.current) -> String {
        switch language {
        case .zh: return (1...4).contains(q) ? "第\(numerals[q])季度" : "第\(q)季度"
        case .en: return "Q\(q)"
        }
    }

    /// A half-year, 1 or 2: `上半年` / `下半年` in Chinese, `H1` / `H2` in English.
    public static func half(_ h: Int, in language: Language = Language.current) -> String {
        switch language {
        case .zh: return h == 1 ? "上半年" : h == 2 ? "下半年" : "第\(h)半年"
        case .en: return "H\(h)"
        }
    }

    /// A period as the tool writes it (`2026`, `2026-Q1`, `2026-H1`, `2026-03`), in Chinese
    /// `2026年`, `2026年第一季度`, `2026年上半年`, `2026年3月`; any other text unchanged, and the text
    /// unchanged in English.
    public static func period(_ text: String, in language: Language = Language.current) -> String {
        guard language == .zh else { return text }
        if text.count == 4, let y = Int(text) { return "\(y)年" }
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]) else { return text }
        let p = parts[1]
        if p.hasPrefix("Q"), let q = Int(p.dropFirst()) { return "\(y)年" + quarter(q, in: .zh) }
        if p.hasPrefix("H"), let h = Int(p.dropFirst()) { return "\(y)年" + half(h, in: .zh) }
        if let m = Int(p), (1...12).contains(m) { return month(year: y, month: m, in: .zh) }
        return text
    }

    /// A count with its unit: `3 个` joined without a space in Chinese (`3个村（社区）`), as the
    /// English template spaces it.
    public static func count(_ n: Int, _ unitZh: String, _ unitEn: String, in language: Language = Language.current)
        -> String
    {
        switch language {
        case .zh: return "\(n)\(unitZh)"
        case .en: return "\(n) \(unitEn)"
        }
    }
}
