/// The tables of a scenario folder: each is a CSV file (`villages.csv`), or a sheet of a workbook
/// (`scenario.xlsx` holding every table, or `villages.xlsx` holding one), the sheet named like the
/// file (`villages`) or in Chinese (`村（社区）`).
public enum ScenarioTables {
    /// One table.
    public struct Table: Sendable {
        /// The CSV file name, e.g. `villages.csv`; also the table's name in diagnostics.
        public let file: String
        /// The sheet name in English: the file name without `.csv`.
        public var sheet: String { String(file.dropLast(4)) }
        /// The sheet name in Chinese.
        public let chineseSheet: String
        /// Its columns in English and Chinese.
        public let headers: CSVHeaders.Table
        /// What the table lists, for the template's README sheet.
        public let purpose: String
    }

    /// Every table, in the order a clerk fills them in.
    public static let all: [Table] = [
        Table(
            file: "villages.csv", chineseSheet: "村（社区）", headers: CSVHeaders.villages,
            purpose: "villages and urban communities to be served (required)"),
        Table(
            file: "advisers.csv", chineseSheet: "法律顾问", headers: CSVHeaders.advisers,
            purpose: "lawyers and grassroots legal-service workers who may serve (required)"),
        Table(
            file: "firms.csv", chineseSheet: "执业机构", headers: CSVHeaders.firms,
            purpose: "law firms and legal-service offices (optional)"),
        Table(
            file: "counties.csv", chineseSheet: "县（区）", headers: CSVHeaders.counties,
            purpose: "counties and districts, their city, under-resourced and pool flags (optional)"),
        Table(
            file: "preferences.csv", chineseSheet: "双向选择", headers: CSVHeaders.preferences,
            purpose: "rankings: a village ranking an adviser or firm, an adviser ranking a village (optional)"),
        Table(
            file: "conflicts.csv", chineseSheet: "利益冲突", headers: CSVHeaders.conflicts,
            purpose: "conflicts of interest: two villages, or an adviser and a village (optional)"),
        Table(
            file: "teams.csv", chineseSheet: "服务团队", headers: CSVHeaders.teams,
            purpose: "teams for service_model: team (optional otherwise)"),
        Table(
            file: "townships.csv", chineseSheet: "乡镇（街道）", headers: CSVHeaders.townships,
            purpose: "townships for service_model: township (optional otherwise)"),
        Table(
            file: "availability.csv", chineseSheet: "不可服务日期", headers: CSVHeaders.availability,
            purpose: "days advisers cannot serve: leave, training (optional, for the scheduler)"),
    ]

    /// The table whose sheet is named `name` (in English, any case, or in Chinese, brackets
    /// full-width or not, spaces ignored), or `nil`.
    public static func table(forSheet name: String) -> Table? {
        let key = CSVHeaders.normalized(name).lowercased()
        return all.first { key == $0.sheet || key == CSVHeaders.normalized($0.chineseSheet) }
    }

    /// Sheet names a workbook may carry besides the tables, ignored without a word (the
    /// template's own explanation sheet among them).
    static let explanationSheets: Set<String> = ["readme", "说明", "填写说明", "使用说明"]
}

/// Suggestions for a header or sheet name that is probably a misspelling of a known one.
enum NameSuggestion {
    /// The known name `name` probably misspells, or `nil` when it is simply another name.
    ///
    /// A misspelling differs from a known name only in case or separators (`Max Villages`), or by
    /// a small edit distance: for English names, 1 edit in 3–5 letters, 2 in 6–11, 3 in 12 or
    /// more (`max_vilages`, `hours_per_mnth`); for Chinese names, 1 edit in 4 or more characters
    /// (`法律顾问编码` for `法律顾问编号`). Shorter names must match exactly, so a remarks column
    /// such as `备注` is never taken for `专长`.
    ///
    /// - Parameter candidates: (name to compare, name to suggest) pairs.
    static func suggestion(for name: String, among candidates: [(compare: String, suggest: String)]) -> String? {
        let given = CSVHeaders.normalized(name).lowercased()
        let squeezed = given.filter { $0 != "_" && $0 != "-" }
        var best: (distance: Int, suggest: String)?
        for (compare, suggest) in candidates {
            // the name itself, not a misspelling
            if CSVHeaders.normalized(compare) == CSVHeaders.normalized(name) { continue }
            let known = CSVHeaders.normalized(compare).lowercased()
            if known == given || known.filter({ $0 != "_" && $0 != "-" }) == squeezed { return suggest }
            let ascii = known.unicodeScalars.allSatisfy(\.isASCII)
            let n = known.count
            let allowed = ascii ? (n <= 2 ? 0 : n <= 5 ? 1 : n <= 11 ? 2 : 3) : (n >= 4 ? 1 : 0)
            guard allowed > 0, abs(given.count - n) <= allowed else { continue }
            let d = editDistance(Array(given), Array(known))
            if d <= allowed, best.map({ d < $0.distance }) ?? true { best = (d, suggest) }
        }
        return best?.suggest
    }

    /// Levenshtein distance (insertions, deletions, substitutions).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
