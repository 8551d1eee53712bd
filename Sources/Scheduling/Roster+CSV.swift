import CounselModel
import Foundation

extension Roster {
    /// The columns of roster.csv (a contract).
    public static let columns = ["date", "start", "end", "adviser_id", "village_id", "mode", "activity", "team_id"]
    /// Extra ledger columns that `check` also reads (a filled 台账), written into every ledger book.
    public static let ledgerColumns = ["person_served", "content", "result", "requested_on", "signature"]
    /// Further record columns some profiles require (Jiaocheng 004 §四(三): 联系电话、服务事项; a
    /// lecture's 场所、人员 and 图片佐证), read when present and written into a ledger book when the
    /// profile asks for them (``LedgerRules``).
    public static let recordColumns = ["contact_phone", "matter", "place", "attendees", "photo"]
    /// The mediation committee the adviser is paired with (Jiaocheng 004 §四(一)), pre-filled on
    /// every line of a ledger book whose profile pairs them; read back and ignored by `check`.
    public static let pairingColumns = ["mediation_committee"]
    /// Every column a roster or ledger file may have.
    public static let knownColumns = columns + ledgerColumns + recordColumns + pairingColumns

    /// `roster.csv`: one row per session; with `includeLedgerColumns`, a ledger book's columns
    /// (the record columns blank but for what the sessions hold), then `recordColumns` blank, then
    /// the `fixed` columns with the same value on every line.
    public func csv(
        includeLedgerColumns: Bool = false, recordColumns: [String] = [], fixed: [(column: String, value: String)] = []
    ) -> String {
        let (columns, rows) = fields(
            includeLedgerColumns: includeLedgerColumns, recordColumns: recordColumns, fixed: fixed)
        return (includeLedgerColumns ? CSVFormat.ledger : CSVFormat.roster).text(rows, columns: columns)
    }

    /// `roster.csv` as written for people: the header in `language`, a byte order mark when `excel`.
    public func file(language: CSVHeaders.Language = .en, excel: Bool = false) -> Data {
        let (columns, rows) = fields(includeLedgerColumns: false, recordColumns: [], fixed: [])
        return CSVFormat.roster.write(rows, columns: columns, language: language, excel: excel)
    }

    /// A ledger book (the roster's columns, the record columns, the `fixed` ones) as written for people.
    public func ledgerFile(
        recordColumns: [String], fixed: [(column: String, value: String)], language: CSVHeaders.Language,
        excel: Bool
    ) -> Data {
        let (columns, rows) = fields(includeLedgerColumns: true, recordColumns: recordColumns, fixed: fixed)
        return CSVFormat.ledger.write(rows, columns: columns, language: language, excel: excel)
    }

    /// The columns written and each session's fields (see ``csv(includeLedgerColumns:recordColumns:fixed:)``).
    func fields(includeLedgerColumns: Bool, recordColumns: [String], fixed: [(column: String, value: String)]) -> (
        [String], [[String]]
    ) {
        let columns =
            Self.columns + (includeLedgerColumns ? Self.ledgerColumns + recordColumns : []) + fixed.map(\.column)
        let rows = sessions.map { s in
            var fields = [
                s.day.description, Session.clock(s.start), Session.clock(s.end), s.adviser, s.village,
                s.mode.rawValue, s.activity.rawValue, s.team ?? "",
            ]
            if includeLedgerColumns {
                fields += [s.personServed ?? "", s.content ?? "", s.result ?? "", s.requestedOn?.description ?? "", ""]
                fields += recordColumns.map { _ in "" }
            }
            return fields + fixed.map(\.value)
        }
        return (columns, rows)
    }

    /// Reads a roster or a ledger in the roster's columns (plus the optional ledger columns).
    ///
    /// - Throws: ``ScenarioError`` listing every bad field with its line and column.
    public static func load(from url: URL, displayName: String) throws -> Roster {
        let table: CSVTable
        do { table = try CSVTable(contentsOf: url, file: displayName) } catch let d as Diagnostic {
            throw ScenarioError([d])
        }
        let index = try columnIndex(table, displayName: displayName)
        var problems: [Diagnostic] = []
        var sessions: [Session] = []
        for r in table.records {
            guard r.fields.count == table.header.count else {
                problems.append(
                    Diagnostic(
                        file: displayName, line: r.line,
                        tr("roster.fieldCount", ["expected": table.header.count, "found": r.fields.count])))
                continue
            }
            if let s = session(r, index: index, displayName: displayName, problems: &problems) { sessions.append(s) }
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        return Roster(sessions)
    }

    /// The field index of each known column of the header.
    ///
    /// - Throws: ``ScenarioError`` for a repeated, unknown or missing column (every one).
    static func columnIndex(_ table: CSVTable, displayName: String) throws -> [String: Int] {
        var index: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for (i, h) in table.header.enumerated() {
            let name = CSVHeaders.english(h.text, file: "ledger")  // a Chinese header reads as its English name
            if index[name] != nil {
                problems.append(
                    Diagnostic(
                        file: displayName, line: h.line, column: h.column, tr("load.column.twice", ["name": h.text])))
            } else if knownColumns.contains(name) {
                index[name] = i
            } else {
                problems.append(
                    Diagnostic(
                        file: displayName, line: h.line, column: h.column,
                        tr("roster.column.unknown", ["name": h.text, "known": knownColumns.joined(separator: ",")])))
            }
        }
        for c in columns where index[c] == nil && c != "team_id" {
            problems.append(Diagnostic(file: displayName, line: 1, tr("roster.column.missing", ["name": c])))
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        return index
    }

    /// The session of one record, or `nil` with its problems added (every bad field, located).
    static func session(
        _ r: CSVTable.Record, index: [String: Int], displayName: String, problems: inout [Diagnostic]
    ) -> Session? {
        func field(_ name: String) -> CSVTable.Field? { index[name].map { r.fields[$0] } }
        func bad(_ name: String, _ message: String) {
            let f = field(name)
            problems.append(
                Diagnostic(
                    file: displayName, line: f?.line ?? r.line, column: f?.column,
                    tr("field.problem", ["name": name, "message": message])))
        }
        let before = problems.count
        let day = field("date").flatMap { Day($0.text) }
        if day == nil { bad("date", tr("roster.date", ["raw": field("date")?.text ?? ""])) }
        let start = field("start").flatMap { Session.minutes($0.text) }
        if start == nil { bad("start", tr("roster.time", ["raw": field("start")?.text ?? ""])) }
        let end = field("end").flatMap { Session.minutes($0.text) }
        if end == nil { bad("end", tr("roster.time", ["raw": field("end")?.text ?? ""])) }
        if let start, let end, end <= start {
            bad("end", tr("roster.endsBefore", ["end": Session.clock(end), "start": Session.clock(start)]))
        }
        let adviser = field("adviser_id")?.text ?? ""
        if adviser.isEmpty { bad("adviser_id", tr("field.required")) }
        let village = field("village_id")?.text ?? ""
        for name in ["adviser_id", "village_id", "team_id"] {
            if let text = field(name)?.text, !text.isEmpty, let reason = Identifier.problem(text) {
                bad(name, tr("id.notValid", ["value": Identifier.quoted(text), "reason": reason]))
            }
        }
        let mode = field("mode").flatMap { Session.Mode(rawValue: $0.text) }
        if mode == nil {
            bad(
                "mode",
                tr(
                    "field.oneOf",
                    [
                        "values": Session.Mode.allCases.map(\.rawValue).joined(separator: ", "),
                        "raw": field("mode")?.text ?? "",
                    ]))
        }
        let activity = field("activity").flatMap { Session.Activity(rawValue: $0.text) }
        if activity == nil {
            bad(
                "activity",
                tr(
                    "field.oneOf",
                    [
                        "values": Session.Activity.allCases.map(\.rawValue).joined(separator: ", "),
                        "raw": field("activity")?.text ?? "",
                    ]))
        }
        // The adviser's own training and report happen in no village; everything else in one.
        if village.isEmpty && !(activity?.isAdviserOwn ?? false) {
            bad(
                "village_id",
                tr(
                    "roster.ownNoVillage",
                    [
                        "report": Session.Activity.report.rawValue,
                        "training": Session.Activity.adviserTraining.rawValue,
                    ]))
        }
        var requested: Day?
        if let raw = field("requested_on")?.text, !raw.isEmpty {
            requested = Day(raw)
            if requested == nil { bad("requested_on", tr("roster.date", ["raw": raw])) }
        }
        guard problems.count == before, let day, let start, let end, let mode, let activity else { return nil }
        func optional(_ name: String) -> String? { field(name).map(\.text).flatMap { $0.isEmpty ? nil : $0 } }
        return Session(
            day: day, start: start, end: end, adviser: adviser, village: village, mode: mode,
            activity: activity, team: optional("team_id"), personServed: optional("person_served"),
            content: optional("content"), result: optional("result"), requestedOn: requested)
    }
}
