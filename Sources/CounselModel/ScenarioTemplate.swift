import Foundation
import Workbook

/// An empty scenario to start from (`village-counsel init DIR --rules PROFILE [--xlsx]`): every
/// table with its header in Chinese and English (`村（社区）编号 / id`, which every reader accepts),
/// one example row each, a `scenario.yaml` naming the profile, and an explanation of every column
/// and of what the profile requires — a README sheet of the workbook, or `README.md` beside the CSV
/// files.
///
/// The example rows form a valid scenario, so `validate` passes on the template as written; they
/// are meant to be replaced.
public enum ScenarioTemplate {
    /// The files of the template, name → bytes.
    ///
    /// - Parameters:
    ///   - profile: the rule profile the scenario will use (what it requires is explained).
    ///   - profileName: how `scenario.yaml` names it (`nanning`).
    ///   - workbook: one `scenario.xlsx` instead of the CSV files.
    ///   - year: the planning year written into `scenario.yaml`.
    public static func files(profile: RuleProfile, profileName: String, workbook: Bool, year: Int) throws -> [(
        name: String, data: Data
    )] {
        var files: [(name: String, data: Data)] = [
            ("scenario.yaml", Data(scenarioYAML(profileName: profileName, year: year).utf8))
        ]
        let readme = explanation(profile: profile, workbook: workbook)
        if workbook {
            var sheets = [
                WorkbookWriter.Sheet(
                    name: "README", rows: readme.map { $0.map { $0.isEmpty ? .empty : .text($0) } },
                    boldRows: Set(readme.indices.filter { readme[$0].count == 1 || $0 == 0 }.map { $0 + 1 }),
                    freezeHeader: false)
            ]
            for table in ScenarioTables.all {
                sheets.append(
                    WorkbookWriter.Sheet(
                        name: table.sheet,
                        rows: [
                            table.headers.columns.map { .text(table.headers.bilingual($0.english)) },
                            example(table, year: year).enumerated().map { i, v in
                                CSVSheet.value(v, kind: table.headers.kind(table.headers.columns[i].english))
                            },
                        ]))
            }
            files.append(("scenario.xlsx", try WorkbookWriter(sheets: sheets).data()))
        } else {
            for table in ScenarioTables.all {
                let header = table.headers.columns.map { csvField(table.headers.bilingual($0.english)) }.joined(
                    separator: ",")
                let row = example(table, year: year).map(csvField).joined(separator: ",")
                files.append((table.file, Data((header + "\n" + row + "\n").utf8)))
            }
            let text =
                "# 场景模板说明 · About this template\n\n"
                + readme.map { row in
                    row.count == 1 ? "\n## \(row[0])\n" : "- " + row.filter { !$0.isEmpty }.joined(separator: " — ")
                }.joined(separator: "\n") + "\n"
            files.append(("README.md", Data(text.utf8)))
        }
        return files
    }

    static func scenarioYAML(profileName: String, year: Int) -> String {
        """
        # 场景设置 · scenario settings (README.md of village-counsel, "Scenario folders")
        name: 示例场景（请改为本地名称）
        rules: \(profileName)
        year: \(year)
        # max_km: 40              # candidate radius in km (paired support needs one)
        # calendar: cn-\(year).csv  # the official holiday arrangement, for the scheduler
        # service_model: individual   # individual, team (teams) or township (townships)
        # stable: false               # true: a plan stable for both sides' rankings (双向选择)
        # complaint_email: tousu@example.com   # printed on the notice boards (counties.csv may give one per county)
        # training_days: [\(year)-04-15]      # the advisers' training, off the roster (counties.csv training_days per county)

        """
    }

    /// One example row per table, consistent across tables.
    static func example(_ table: ScenarioTables.Table, year: Int) -> [String] {
        let values: [String: [String: String]] = [
            "villages.csv": [
                "id": "V001", "name": "示例村", "kind": "village", "township": "T001", "county": "C001", "lat": "23.16",
                "lon": "108.27", "needs": "land;family", "evening": "false",
            ],
            "advisers.csv": [
                "id": "A001", "name": "张示例", "role": "lawyer", "firm": "F001", "county": "C001", "lat": "23.17",
                "lon": "108.26", "hours_per_month": "40", "specialties": "land;labour", "status": "active",
                "phone": "13800000000",
                "wechat": "zhang_shili", "email": "zhang.shili@example.com",
            ],
            "firms.csv": [
                "id": "F001", "name": "示例律师事务所", "kind": "law_firm", "county": "C001", "lat": "23.16", "lon": "108.27",
            ],
            "counties.csv": [
                "id": "C001", "name": "示例县", "city": "示例市", "under_resourced": "false", "justice_office": "示例县司法局",
                "justice_office_phone": "0000-0000000", "pool": "false", "justice_office_email": "sfj@example.com",
                "complaint_email": "tousu@example.com", "training_days": "\(year)-04-15",
            ],
            "preferences.csv": ["from": "V001", "to": "A001", "rank": "1"],
            "conflicts.csv": ["a": "V001", "b": "A001", "reason": "示例：顾问与该村当事人有亲属关系"],
            "teams.csv": ["team": "TM01", "firm": "F001", "member": "A001", "role_in_team": "lead"],
            "townships.csv": ["id": "T001", "name": "示例镇", "county": "C001", "mode": "onsite"],
            "availability.csv": ["adviser": "A001", "from": "\(year)-03-02", "to": "\(year)-03-06", "reason": "休假"],
        ]
        return table.headers.columns.map { values[table.file]?[$0.english] ?? "" }
    }

    /// The explanation rows: a title row per table, then one row per column (Chinese, English,
    /// required or optional, meaning).
    static func explanation(profile: RuleProfile, workbook: Bool) -> [[String]] {
        let a = profile.assignment
        var rows: [[String]] = [["表 / table", "列（中文）", "column", "必填 / required", "说明 / meaning"]]
        let roles = a.eligibleRoles.value.map(\.rawValue).sorted().joined(separator: ", ")
        rows.append(["Rule profile \(profile.id): \(profile.name)"])
        rows.append(["", "", "", "", "每名顾问最多 \(a.cap.value) 个村（社区）(cap \(a.cap.value); \(a.cap.source))"])
        if let ur = a.underResourcedCap {
            rows.append(["", "", "", "", "律师资源不足地区最多 \(ur.value) 个 (under_resourced_cap \(ur.value); \(ur.source))"])
        }
        rows.append(["", "", "", "", "可选聘身份 eligible roles: \(roles) (\(a.eligibleRoles.source))"])
        rows.append([
            "", "", "", "",
            "每村每月占用 \(a.monthlyHoursPerVillage.value.formatted) 小时 (monthly_hours_per_village; \(a.monthlyHoursPerVillage.source))",
        ])
        let p = profile.publicationRules
        for group in p.noticeBoard {
            rows.append([
                "", "", "", "",
                "公示牌显示 notice board shows: \(group.items.map(\.rawValue).joined(separator: ", ")) (\(group.source))",
            ])
        }
        for group in p.contactCard {
            rows.append([
                "", "", "", "",
                "便民联系卡显示 contact card shows: \(group.items.map(\.rawValue).joined(separator: ", ")) (\(group.source))",
            ])
        }
        for duty in profile.duties?.duties ?? [] {
            rows.append([
                "", "", "", "",
                "\(duty.scope == .firm ? "每个执业机构" : "每名法律顾问")每\(Self.periodWord(duty.period))至少 \(duty.minimum) 次 "
                    + "\(duty.activity) (duty \(duty.id); \(duty.source))",
            ])
        }
        rows.append([
            "", "", "", "",
            "A header cell may be Chinese, English or both (中文 / english). The example row in each table is to be replaced; "
                + "optional tables may be deleted. Columns the tool does not know are ignored with a warning.",
        ])
        for table in ScenarioTables.all {
            let place = workbook ? "sheet \(table.sheet) (\(table.chineseSheet))" : table.file
            rows.append(["\(place): \(table.purpose)"])
            for (english, chinese) in table.headers.columns {
                let required = requiredColumns[table.file]?.contains(english) == true
                var meaning = meanings[table.file]?[english] ?? ""
                switch (table.file, english) {
                case ("advisers.csv", "role"): meaning += "; this profile appoints: \(roles)"
                case ("advisers.csv", "max_villages"): meaning += "; at most \(a.maximumCap) under this profile"
                case ("counties.csv", "under_resourced") where a.underResourcedCap != nil:
                    meaning += "; this profile allows \(a.underResourcedCap!.value) villages per adviser there"
                default: break
                }
                rows.append([table.sheet, chinese, english, required ? "必填 required" : "选填 optional", meaning])
            }
        }
        return rows
    }

    static func periodWord(_ p: SchedulingRules.Period) -> String {
        switch p {
        case .month: return "月"
        case .quarter: return "季度"
        case .halfYear: return "半年"
        case .year: return "年"
        }
    }

    /// The columns each reader requires (the loader's own lists).
    static let requiredColumns: [String: Set<String>] = [
        "villages.csv": ["id", "name", "township", "county", "lat", "lon"],
        "advisers.csv": ["id", "name", "role", "county", "lat", "lon"],
        "firms.csv": ["id", "name"], "counties.csv": ["id", "name"], "preferences.csv": ["from", "to", "rank"],
        "conflicts.csv": ["a", "b"], "teams.csv": ["team", "member"], "townships.csv": ["id", "name"],
        "availability.csv": ["adviser", "from", "to"],
    ]

    static let meanings: [String: [String: String]] = [
        "villages.csv": [
            "id": "unique id (across all tables)", "name": "village or community name",
            "kind": "village (default) or community",
            "township": "township or street office (an id of townships in the township model)", "county": "county id",
            "lat": "latitude, degrees", "lon": "longitude, degrees",
            "needs": "legal needs, ';'-separated (land;family;labour;contract …)",
            "current_adviser": "the incumbent adviser's id, or empty",
            "flexible": "true/false: flexible service mode (scheduler)",
            "service_days": "working_days, weekends, or weekday names mon … sun separated by ';'",
            "evening": "true/false: evening sessions allowed",
        ],
        "advisers.csv": [
            "id": "unique id (across all tables)", "name": "name",
            "role": "lawyer, grassroots_worker, apprentice, public_lawyer, judicial_officer or public_official",
            "firm": "firm id (in firms when that table is given)", "county": "county id",
            "lat": "latitude of the adviser's base",
            "lon": "longitude of the adviser's base",
            "max_villages": "this adviser's own cap; empty means the profile's",
            "hours_per_month": "hours a month the adviser can give", "specialties": "';'-separated, as needs",
            "status": "active (default), failed_assessment or on_leave",
            "phone": "phone for the notice board (not in public reports)",
            "wechat":
                "WeChat ID for the notice board and contact card, printed with its QR code (6–20 letters, digits, _ or -)",
            "email": "e-mail for the contact card",
            "photo":
                "the adviser's photo for the notice board: a .png or .jpg file inside this folder, e.g. photos/A001.jpg (at most 2 MiB)",
        ],
        "firms.csv": [
            "id": "unique id", "name": "firm name", "kind": "law_firm (default) or another kind", "county": "county id",
            "lat": "latitude", "lon": "longitude",
        ],
        "counties.csv": [
            "id": "county id", "name": "county name", "city": "the city it belongs to (support stays within a city)",
            "under_resourced": "true/false (yes/no, 1/0)",
            "justice_office": "supervising justice office (notice boards)",
            "justice_office_phone": "its phone",
            "pool": "true: a city-level pool whose lawyers serve anywhere in the city",
            "justice_office_email": "its e-mail (notice boards)",
            "complaint_email": "the complaint e-mail printed on the boards",
            "training_days":
                "days the county trains its advisers, YYYY-MM-DD separated by ';' (they are off the roster then)",
        ],
        "preferences.csv": [
            "from": "who ranks: a village or an adviser",
            "to": "whom: an adviser or firm (for a village), a village (for an adviser)",
            "rank": "1 = first choice",
        ],
        "conflicts.csv": [
            "a": "a village or an adviser", "b": "a village, or the adviser's village", "reason": "why (free text)",
        ],
        "teams.csv": [
            "team": "team id", "firm": "the team's firm (one per team)", "member": "adviser id",
            "role_in_team": "lead (exactly one per team, not an apprentice) or member",
        ],
        "townships.csv": [
            "id": "township id", "name": "township name", "county": "county id", "mode": "onsite (default) or online",
            "adjacent": "neighbouring township ids, ';'-separated",
        ],
        "availability.csv": [
            "adviser": "adviser id", "from": "first day YYYY-MM-DD", "to": "last day YYYY-MM-DD",
            "reason": "leave, training …",
        ],
    ]
}
