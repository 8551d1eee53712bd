import CounselModel
import Foundation

/// What a call-back (电话回访) found.
public enum CallbackResult: String, CaseIterable, Sendable {
    /// The person served confirms the entry.
    case confirmed
    /// The person served does not confirm it (no such service, another date, another matter).
    case notConfirmed = "not_confirmed"
    /// Nobody could be reached.
    case unreachable

    /// Reads a result as a clerk writes it: the English value, or 属实 / 不属实 / 未接通.
    public init?(text: String) {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "confirmed", "属实": self = .confirmed
        case "not_confirmed", "不属实": self = .notConfirmed
        case "unreachable", "未接通": self = .unreachable
        default: return nil
        }
    }
}

/// The call-back list, `callbacks.csv`: ledger entries drawn for verification by phone (Guangdong
/// 001 §(十六): 要探索采取电话回访……对律师服务日志进行核查，避免出现虚假日志和台账等情况), and, once the
/// calls are made, what each call found.
///
/// **Internal: it holds personal data** (the names and phones of the villagers served), so its
/// first line says so, and nothing public — a notice board, a ledger book, `report.html` — is ever
/// made from it. Columns: `entry,village_id,village_name,township,adviser_id,adviser_name,date,start,
/// end,activity,person_served,contact,what_to_ask,reasons,result,note`; the caller fills in `result`
/// (`confirmed`, `not_confirmed`, `unreachable`, or 属实 / 不属实 / 未接通) and `note`.
public struct CallbackList: Sendable {
    /// One entry to call about.
    public struct Row: Sendable {
        /// The entry's ledger file and line, `ledgers/V00001.csv:5`.
        public var entry: String
        /// What finds the entry in the ledgers again.
        public var key: EntryKey
        /// The village's name.
        public var villageName: String
        /// The village's township.
        public var township: String
        /// The adviser's name.
        public var adviserName: String
        /// Who was served (personal data).
        public var personServed: String
        /// Their phone, or how to reach them (personal data).
        public var contact: String
        /// What to ask.
        public var question: String
        /// Why the entry was drawn (`adviser`, `township`, `identical_content`, `bulk_day`, `hours_above`, `elsewhere`, `random`).
        public var reasons: [String]
        /// What the call found, once made.
        public var result: CallbackResult?
        /// The caller's note.
        public var note: String
        /// The file the row was read from (empty for a list just drawn).
        public var file: String = ""
        /// Its line there (0 for a list just drawn).
        public var line: Int = 0

        /// Makes a row.
        public init(
            entry: String, key: EntryKey, villageName: String, township: String, adviserName: String,
            personServed: String, contact: String, question: String, reasons: [String],
            result: CallbackResult? = nil, note: String = ""
        ) {
            self.entry = entry
            self.key = key
            self.villageName = villageName
            self.township = township
            self.adviserName = adviserName
            self.personServed = personServed
            self.contact = contact
            self.question = question
            self.reasons = reasons
            self.result = result
            self.note = note
        }
    }

    /// The rows, in the order drawn (by village, date and start).
    public var rows: [Row]

    /// Makes a list.
    public init(rows: [Row]) { self.rows = rows }

    /// The columns (a contract).
    public static let columns = [
        "entry", "village_id", "village_name", "township", "adviser_id", "adviser_name", "date", "start",
        "end", "activity", "person_served", "contact", "what_to_ask", "reasons", "result", "note",
    ]

    /// The first line of the file: the list is internal and holds personal data. No comma, so a
    /// spreadsheet keeps it in one cell; readers skip lines starting with `#`.
    public static let notice =
        "# 内部资料：含村（居）民姓名和电话等个人信息，仅供电话回访核查台账使用，不得张贴公示，不得写入公开报告。"
        + " INTERNAL: personal data of the villagers served; for call-back verification only — never on a notice board"
        + " or in the public report."

    /// The list as CSV (the notice line, an English header, one row per entry).
    public func csv() -> String {
        String(decoding: csv(language: .en, excel: false), as: UTF8.self)
    }

    /// The list as written for people: the header in `language`, and with `excel` a UTF-8 byte
    /// order mark (the notice line stays first).
    public func csv(language: CSVHeaders.Language, excel: Bool) -> Data {
        let fields = rows.map { r in
            [
                r.entry, r.key.village, r.villageName, r.township, r.key.adviser, r.adviserName, r.key.day.description,
                Session.clock(r.key.start), Session.clock(r.key.end), r.key.activity.rawValue, r.personServed,
                r.contact,
                r.question, r.reasons.joined(separator: ";"), r.result?.rawValue ?? "", r.note,
            ]
        }
        let body = CSVFormat.callbacks.text(fields, columns: Self.columns, language: language)
        return Data((excel ? CSVHeaders.byteOrderMark : []) + Array((Self.notice + "\n").utf8) + Array(body.utf8))
    }

    /// Reads a call-back list back, with its results.
    ///
    /// - Throws: ``ScenarioError`` listing every problem with `file:line:column`.
    public static func load(from url: URL, displayName: String) throws -> CallbackList {
        let table = try readTable(url, displayName: displayName)
        let index = try columnIndex(table, displayName: displayName)
        var problems: [Diagnostic] = []
        var rows: [Row] = []
        for r in table.records {
            guard r.fields.count == table.header.count else {
                problems.append(
                    Diagnostic(
                        file: displayName, line: r.line,
                        tr("roster.fieldCount", ["expected": table.header.count, "found": r.fields.count])))
                continue
            }
            if let row = readRow(r, index: index, displayName: displayName, problems: &problems) { rows.append(row) }
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        return CallbackList(rows: rows)
    }

    /// The list's table: UTF-8 (a byte order mark dropped), its comment lines (the notice) blank.
    ///
    /// - Throws: ``ScenarioError`` when the file cannot be read, is not UTF-8 or is not CSV.
    static func readTable(_ url: URL, displayName: String) throws -> CSVTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ScenarioError([
                Diagnostic(
                    file: displayName,
                    tr(
                        "callbacks.cannotRead",
                        ["error": SystemErrorText.text(error, english: error.localizedDescription)]))
            ])
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw ScenarioError([Diagnostic(file: displayName, tr("callbacks.notUTF8"))])
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Comment lines (the notice) become blank lines, which the table skips, so lines keep their numbers.
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("#") ? "" : String($0) }.joined(separator: "\n")
        do { return try CSVTable(text: text, file: displayName) } catch let d as Diagnostic {
            throw ScenarioError([d])
        }
    }

    /// The field index of each column of the header.
    ///
    /// - Throws: ``ScenarioError`` for a repeated or a missing column (every one).
    static func columnIndex(_ table: CSVTable, displayName: String) throws -> [String: Int] {
        var index: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for (i, h) in table.header.enumerated() {
            let name = CSVHeaders.english(h.text, file: "callbacks.csv")
            if index[name] != nil {
                problems.append(
                    Diagnostic(
                        file: displayName, line: h.line, column: h.column, tr("load.column.twice", ["name": h.text])))
            } else {
                index[name] = i
            }
        }
        for c in ["village_id", "adviser_id", "date", "start", "end", "activity", "result"] where index[c] == nil {
            problems.append(
                Diagnostic(
                    file: displayName, line: table.header.first?.line ?? 1,
                    tr("callbacks.column.missing", ["name": c])))
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        return index
    }

    /// The row of one record, or `nil` with its problems added (every bad field, located).
    static func readRow(
        _ r: CSVTable.Record, index: [String: Int], displayName: String, problems: inout [Diagnostic]
    ) -> Row? {
        func field(_ name: String) -> CSVTable.Field? { index[name].map { r.fields[$0] } }
        func text(_ name: String) -> String { field(name)?.text ?? "" }
        func bad(_ name: String, _ message: String) {
            let f = field(name)
            problems.append(
                Diagnostic(
                    file: displayName, line: f?.line ?? r.line, column: f?.column,
                    tr("field.problem", ["name": name, "message": message])))
        }
        let before = problems.count
        let day = Day(text("date"))
        if day == nil { bad("date", tr("roster.date", ["raw": text("date")])) }
        let start = Session.minutes(text("start")), end = Session.minutes(text("end"))
        if start == nil { bad("start", tr("roster.time", ["raw": text("start")])) }
        if end == nil { bad("end", tr("roster.time", ["raw": text("end")])) }
        let activity = Session.Activity(rawValue: text("activity"))
        if activity == nil {
            bad(
                "activity",
                tr(
                    "field.oneOf",
                    [
                        "values": Session.Activity.allCases.map(\.rawValue).joined(separator: ", "),
                        "raw": text("activity"),
                    ]))
        }
        if text("village_id").isEmpty { bad("village_id", tr("field.required")) }
        if text("adviser_id").isEmpty { bad("adviser_id", tr("field.required")) }
        var result: CallbackResult?
        let raw = text("result").trimmingCharacters(in: .whitespaces)
        if !raw.isEmpty {
            result = CallbackResult(text: raw)
            if result == nil { bad("result", tr("callbacks.result", ["raw": raw])) }
        }
        guard problems.count == before, let day, let start, let end, let activity else { return nil }
        var row = Row(
            entry: text("entry"),
            key: EntryKey(
                village: text("village_id"), adviser: text("adviser_id"), day: day, start: start, end: end,
                activity: activity),
            villageName: text("village_name"), township: text("township"), adviserName: text("adviser_name"),
            personServed: text("person_served"), contact: text("contact"), question: text("what_to_ask"),
            reasons: text("reasons").split(separator: ";").map(String.init), result: result, note: text("note"))
        row.file = displayName
        row.line = r.line
        return row
    }

    /// Rows whose entry is in none of `ledger`'s files (a list drawn from other ledgers, or an
    /// entry edited since), each located in the list.
    public func unmatched(in ledger: LedgerAudit.Ledger) -> [Diagnostic] {
        let keys = Set(ledger.entries.map(\.key))
        return rows.filter { !keys.contains($0.key) }.map { r in
            Diagnostic(
                file: r.file, line: r.line,
                tr(
                    "callbacks.notInLedgers",
                    [
                        "entry": r.entry.isEmpty ? "" : "\(r.entry) ", "village": r.key.village,
                        "adviser": r.key.adviser,
                        "day": r.key.day, "start": Session.clock(r.key.start), "end": Session.clock(r.key.end),
                        "activity": r.key.activity.rawValue,
                    ]))
        }
    }
}
