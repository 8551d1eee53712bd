import Foundation

/// Column names in English and Chinese for every CSV file the tool reads or writes, so that the
/// people who keep the files (a township judicial office, a village committee) can open them in
/// Excel and read the headers, and so that a file with Chinese headers reads back the same.
///
/// English is the contract: the code, README.md and `check` speak of `village_id`, `adviser_id` ….
/// A file may carry the Chinese header instead (`--lang zh`); readers map it back to English with
/// ``english(_:file:)`` before they look at the columns. Each file has its own table, because the
/// same English name means different things in different files (`id` is a village's id in
/// `villages.csv` and an adviser's in `advisers.csv`), and within one file the Chinese names are
/// distinct, so the mapping back is exact.
public enum CSVHeaders {
    /// The language of a header row: English column names (the default, and what the code uses)
    /// or Chinese ones; the same choice as the messages' (`--lang`).
    public typealias Language = CounselText.Language

    /// The UTF-8 byte order mark Excel looks for to open a CSV file as UTF-8 (without it, Excel on
    /// a Chinese Windows reads the file as GBK and shows mojibake).
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// One file's columns: English name → Chinese name.
    public struct Table: Sendable {
        /// The file name, e.g. `villages.csv`; `ledger` for a village's ledger book (台账), whose
        /// files are named after the village.
        public let file: String
        /// (English, Chinese) pairs, in the order the file lists the columns.
        public let columns: [(english: String, chinese: String)]

        /// The Chinese name of an English column, or `nil` when this file has no such column.
        public func chinese(_ english: String) -> String? {
            columns.first { $0.english == english }?.chinese
        }

        /// The English name of a column named in either language, or in both as the template
        /// writes them (`村（社区）编号 / id`, the two naming the same column), or `nil` otherwise.
        public func english(_ name: String) -> String? {
            if columns.contains(where: { $0.english == name }) { return name }
            let key = CSVHeaders.normalized(name)
            if let found = columns.first(where: { CSVHeaders.normalized($0.chinese) == key })?.english { return found }
            // One slash only, tested before the halves are looked up: looking up the left half
            // first recursed once per slash, each time over the whole name (a header of 2,000
            // slashes took over a second, found by fuzzing the roster reader).
            if let slash = name.lastIndex(of: "/"), !name[..<slash].contains("/") {
                let left = name[..<slash].trimmingCharacters(in: .whitespaces),
                    right = name[name.index(after: slash)...].trimmingCharacters(in: .whitespaces)
                if let l = english(left), english(right) == l, columns.contains(where: { $0.english == right }) {
                    return l
                }
            }
            return nil
        }

        /// The header cell the template writes: `村（社区）编号 / id`.
        public func bilingual(_ english: String) -> String {
            chinese(english).map { "\($0) / \(english)" } ?? english
        }
    }

    // MARK: Inputs (the scenario folder)

    /// `villages.csv`.
    public static let villages = Table(
        file: "villages.csv",
        columns: [
            ("id", "村（社区）编号"), ("name", "村（社区）名称"), ("kind", "类型"), ("township", "乡镇（街道）"),
            ("county", "县（区）编号"), ("lat", "纬度"), ("lon", "经度"), ("needs", "法律需求"),
            ("current_adviser", "现任法律顾问编号"), ("flexible", "弹性服务"), ("service_days", "服务日"),
            ("evening", "夜间服务"),
        ])

    /// `advisers.csv`.
    public static let advisers = Table(
        file: "advisers.csv",
        columns: [
            ("id", "法律顾问编号"), ("name", "姓名"), ("role", "身份"), ("firm", "执业机构编号"),
            ("county", "县（区）编号"), ("lat", "纬度"), ("lon", "经度"), ("max_villages", "最多服务村（社区）数"),
            ("hours_per_month", "每月服务小时数"), ("specialties", "专长"), ("status", "状态"), ("phone", "联系电话"),
            ("wechat", "微信号"), ("email", "电子邮箱"), ("photo", "照片"),
        ])

    /// `firms.csv`.
    public static let firms = Table(
        file: "firms.csv",
        columns: [
            ("id", "执业机构编号"), ("name", "执业机构名称"), ("kind", "机构类型"), ("county", "县（区）编号"),
            ("lat", "纬度"), ("lon", "经度"),
        ])

    /// `counties.csv`.
    public static let counties = Table(
        file: "counties.csv",
        columns: [
            ("id", "县（区）编号"), ("name", "县（区）名称"), ("city", "所属地市"), ("under_resourced", "律师资源不足地区"),
            ("justice_office", "监管部门"), ("justice_office_phone", "监督电话"), ("pool", "对口支援派出地区"),
            ("justice_office_email", "监管部门邮箱"), ("complaint_email", "投诉邮箱"), ("training_days", "法律顾问培训日期"),
        ])

    /// `preferences.csv`.
    public static let preferences = Table(
        file: "preferences.csv",
        columns: [
            ("from", "选择方编号"), ("to", "被选方编号"), ("rank", "志愿顺序"),
        ])

    /// `conflicts.csv`.
    public static let conflicts = Table(
        file: "conflicts.csv",
        columns: [
            ("a", "甲方编号"), ("b", "乙方编号"), ("reason", "利益冲突原因"),
        ])

    /// `availability.csv`.
    public static let availability = Table(
        file: "availability.csv",
        columns: [
            ("adviser", "法律顾问编号"), ("from", "起始日期"), ("to", "截止日期"), ("reason", "原因"),
        ])

    /// `townships.csv`.
    public static let townships = Table(
        file: "townships.csv",
        columns: [
            ("id", "乡镇（街道）编号"), ("name", "乡镇（街道）名称"), ("county", "县（区）编号"), ("mode", "服务方式"),
            ("adjacent", "相邻乡镇（街道）"),
        ])

    /// `teams.csv`.
    public static let teams = Table(
        file: "teams.csv",
        columns: [
            ("team", "团队编号"), ("firm", "执业机构编号"), ("member", "成员编号"), ("role_in_team", "团队职务"),
        ])

    // MARK: Outputs

    /// `assignment.csv` (from `assign`).
    public static let assignment = Table(
        file: "assignment.csv",
        columns: [
            ("village_id", "村（社区）编号"), ("village_name", "村（社区）名称"), ("county", "县（区）编号"),
            ("township", "乡镇（街道）"), ("adviser_id", "法律顾问编号"), ("adviser_name", "法律顾问姓名"),
            ("firm_id", "执业机构编号"), ("distance_km", "距离（公里）"), ("village_rank", "村（社区）志愿顺序"),
            ("adviser_rank", "法律顾问志愿顺序"), ("incumbent", "续聘情况"), ("support", "对口支援"),
            ("team_id", "团队编号"),
        ])

    /// `changes.csv` (from `rebalance`).
    public static let changes = Table(
        file: "changes.csv",
        columns: [
            ("village", "村（社区）编号"), ("old_adviser", "原法律顾问编号"), ("new_adviser", "新法律顾问编号"), ("reason", "调整原因"),
        ])

    /// `roster.csv` (from `schedule`).
    public static let roster = Table(
        file: "roster.csv",
        columns: [
            ("date", "日期"), ("start", "开始时间"), ("end", "结束时间"), ("adviser_id", "法律顾问编号"),
            ("village_id", "村（社区）编号"), ("mode", "服务方式"), ("activity", "服务类别"), ("team_id", "团队编号"),
        ])

    /// A village's ledger book (台账): the roster's columns, then what the adviser fills in — the
    /// person served, the content, the result (Nanning 002 §四(一): 时间、对象、内容和结果), the day
    /// the request came in, and the village's signature (村（社区）群干签署意见).
    public static let ledger = Table(
        file: "ledger",
        columns: roster.columns + [
            ("person_served", "服务对象"), ("content", "服务内容"), ("result", "服务结果"),
            ("requested_on", "需求提出日期"), ("signature", "村（社区）签字"),
            // Read when present; written when the profile requires them (Jiaocheng 004 §四(三)).
            ("contact_phone", "联系电话"), ("matter", "服务事项"), ("place", "讲座场所"), ("attendees", "参加人员"),
            ("photo", "图片佐证"),
            // Written when the profile pairs advisers with the village mediation committee (Jiaocheng 004 §四(一)).
            ("mediation_committee", "结对调解组织"),
        ])

    // MARK: Supervision (callbacks and assess)

    /// `callbacks.csv` (from `callbacks`): the internal call-back list, with personal data.
    public static let callbacks = Table(
        file: "callbacks.csv",
        columns: [
            ("entry", "台账条目"), ("village_id", "村（社区）编号"), ("village_name", "村（社区）名称"),
            ("township", "乡镇（街道）"), ("adviser_id", "法律顾问编号"), ("adviser_name", "法律顾问姓名"),
            ("date", "日期"), ("start", "开始时间"), ("end", "结束时间"), ("activity", "服务类别"),
            ("person_served", "服务对象"), ("contact", "联系方式"), ("what_to_ask", "回访问题"), ("reasons", "抽取原因"),
            ("result", "回访结果"), ("note", "备注"),
        ])

    /// `assessment.csv` (from `assess`): one row per adviser and village.
    public static let assessment = Table(
        file: "assessment.csv",
        columns: [
            ("adviser_id", "法律顾问编号"), ("adviser_name", "法律顾问姓名"), ("firm_id", "执业机构编号"),
            ("county", "县（区）编号"), ("village_id", "村（社区）编号"), ("village_name", "村（社区）名称"),
            ("checks", "考核项数"), ("met", "达标项数"), ("shortfalls", "未达标情况"), ("incomplete_entries", "不完整台账条数"),
            ("callbacks_called", "回访条数"), ("callbacks_confirmed", "回访属实"), ("callbacks_not_confirmed", "回访不属实"),
            ("callbacks_unreachable", "回访未接通"), ("deduction", "扣减金额"), ("grade", "考核等次"), ("consequence", "处理"),
        ])

    /// `subsidy.csv` (from `assess`): per adviser and per firm.
    public static let subsidy = Table(
        file: "subsidy.csv",
        columns: [
            ("kind", "类别"), ("id", "编号"), ("name", "名称"), ("firm_id", "执业机构编号"), ("county", "县（区）编号"),
            ("villages", "服务村（社区）数"), ("base", "应发补贴"), ("deduction", "扣减金额"), ("payable", "实发补贴"),
            ("applied", "是否扣减"), ("arithmetic", "计算过程"),
        ])

    /// `statuses.csv` (from `assess`, read by `rebalance --statuses`).
    public static let statuses = Table(
        file: "statuses.csv",
        columns: [
            ("adviser_id", "法律顾问编号"), ("status", "状态"), ("grade", "考核等次"), ("reason", "原因"),
        ])

    /// `compliance.csv` (from `schedule` and `check --out`).
    public static let compliance = Table(
        file: "compliance.csv",
        columns: [
            ("village_id", "村（社区）编号"), ("adviser_id", "法律顾问编号"), ("rule", "规则"), ("period", "期间"),
            ("required", "应达到"), ("planned", "已安排"), ("ok", "是否达标"),
        ])

    /// `duties.csv` (from `schedule`) and `duty-checks.csv` (from `assess`): the duties of advisers
    /// and firms that are not a village's sessions (``DutyRules``).
    public static let duties = Table(
        file: "duties.csv",
        columns: [
            ("scope", "对象类别"), ("id", "法律顾问或执业机构编号"), ("rule", "规则"), ("period", "期间"),
            ("required", "应达到"), ("planned", "已安排"), ("ok", "是否达标"),
        ])

    /// `shortfalls.csv` (from `schedule`).
    public static let shortfalls = Table(
        file: "shortfalls.csv",
        columns: [
            ("village_id", "村（社区）编号"), ("adviser_id", "法律顾问编号"), ("rule", "规则"), ("period", "期间"),
            ("reason", "原因"),
        ])

    // MARK: Workbook-only lists (`--xlsx`)

    /// The uncovered list of `plan.xlsx` (a sheet, and a block of each county sheet).
    public static let uncovered = Table(
        file: "uncovered",
        columns: [
            ("village_id", "村（社区）编号"), ("village_name", "村（社区）名称"), ("county", "县（区）编号"),
            ("township", "乡镇（街道）"), ("reason", "原因"),
        ])

    /// A county's advisers in `plan.xlsx` (a block of each county sheet).
    public static let countyAdvisers = Table(
        file: "county advisers",
        columns: [
            ("adviser_id", "法律顾问编号"), ("adviser_name", "法律顾问姓名"), ("firm_id", "执业机构编号"),
            ("villages", "服务村（社区）数"), ("village_ids", "服务村（社区）编号"),
        ])

    /// The findings of `check` in `compliance.xlsx`.
    public static let findings = Table(
        file: "findings",
        columns: [
            ("village_id", "村（社区）编号"), ("adviser_id", "法律顾问编号"), ("day", "日期"), ("period", "期间"),
            ("kind", "问题类型"), ("message", "说明"), ("source", "依据"), ("lines", "台账行号"),
        ])

    /// Every table, inputs first.
    public static let all: [Table] = [
        villages, advisers, firms, counties, preferences, conflicts, availability, townships, teams,
        assignment, changes, roster, ledger, compliance, duties, shortfalls, callbacks, assessment, subsidy, statuses,
    ]

    /// The table of a file name (`villages.csv` …, `ledger`), or `nil`.
    public static func table(forFile file: String) -> Table? {
        all.first { $0.file == file }
    }

    // MARK: Rendering and reading back

    /// The header row for `columns` in `language`; a column the table does not know keeps its
    /// English name.
    public static func header(_ columns: [String], in table: Table, language: Language) -> String {
        columns.map { language == .zh ? (table.chinese($0) ?? $0) : $0 }.map(csvField).joined(separator: ",")
    }

    /// The English name of a header cell of `file` (`villages.csv` …, `ledger`): English names
    /// are returned as they are, Chinese ones mapped back, anything else returned unchanged (so the
    /// reader's "unknown column" message quotes what the file says).
    public static func english(_ name: String, file: String) -> String {
        table(forFile: file)?.english(name) ?? name
    }

    /// A header name for comparison: full-width brackets as ASCII, no spaces (people retyping a
    /// header in Excel write 村(社区)编号 as often as 村（社区）编号).
    static func normalized(_ name: String) -> String {
        var result = ""
        for c in name {
            switch c {
            case "（": result.append("(")
            case "）": result.append(")")
            case " ", "\u{3000}", "\t": continue
            default: result.append(c)
            }
        }
        return result
    }
}
