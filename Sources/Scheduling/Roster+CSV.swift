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
    public func csv(includeLedgerColumns: Bool = false, recordColumns: [String] = [], fixed: [(column: String, value: String)] = []) -> String {
        var lines = [(Self.columns + (includeLedgerColumns ? Self.ledgerColumns + recordColumns : []) + fixed.map(\.column)).joined(separator: ",")]
        for s in sessions {
            var fields = [s.day.description, Session.clock(s.start), Session.clock(s.end), s.adviser, s.village,
                          s.mode.rawValue, s.activity.rawValue, s.team ?? ""]
            if includeLedgerColumns {
                fields += [s.personServed ?? "", s.content ?? "", s.result ?? "", s.requestedOn?.description ?? "", ""]
                fields += recordColumns.map { _ in "" }
            }
            fields += fixed.map(\.value)
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a roster or a ledger in the roster's columns (plus the optional ledger columns).
    ///
    /// - Throws: ``ScenarioError`` listing every bad field with its line and column.
    public static func load(from url: URL, displayName: String) throws -> Roster {
        let table: CSVTable
        do { table = try CSVTable(contentsOf: url, file: displayName) } catch let d as Diagnostic { throw ScenarioError([d]) }
        var index: [String: Int] = [:]
        var problems: [Diagnostic] = []
        for (i, h) in table.header.enumerated() {
            let name = CSVHeaders.english(h.text, file: "ledger")  // a Chinese header reads as its English name
            if index[name] != nil {
                problems.append(Diagnostic(file: displayName, line: h.line, column: h.column, "column '\(h.text)' appears twice"))
            } else if knownColumns.contains(name) { index[name] = i }
            else { problems.append(Diagnostic(file: displayName, line: h.line, column: h.column,
                                              "unknown column '\(h.text)' (expected: \(knownColumns.joined(separator: ",")))")) }
        }
        for c in columns where index[c] == nil && c != "team_id" {
            problems.append(Diagnostic(file: displayName, line: 1, "missing required column '\(c)'"))
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        var sessions: [Session] = []
        for r in table.records {
            guard r.fields.count == table.header.count else {
                problems.append(Diagnostic(file: displayName, line: r.line, "expected \(table.header.count) fields, found \(r.fields.count)"))
                continue
            }
            func field(_ name: String) -> CSVTable.Field? { index[name].map { r.fields[$0] } }
            func bad(_ name: String, _ message: String) {
                let f = field(name)
                problems.append(Diagnostic(file: displayName, line: f?.line ?? r.line, column: f?.column, "\(name): \(message)"))
            }
            let before = problems.count
            let day = field("date").flatMap { Day($0.text) }
            if day == nil { bad("date", "expected YYYY-MM-DD, got '\(field("date")?.text ?? "")'") }
            let start = field("start").flatMap { Session.minutes($0.text) }
            if start == nil { bad("start", "expected HH:MM, got '\(field("start")?.text ?? "")'") }
            let end = field("end").flatMap { Session.minutes($0.text) }
            if end == nil { bad("end", "expected HH:MM, got '\(field("end")?.text ?? "")'") }
            if let start, let end, end <= start { bad("end", "ends (\(Session.clock(end))) before it starts (\(Session.clock(start)))") }
            let adviser = field("adviser_id")?.text ?? ""
            if adviser.isEmpty { bad("adviser_id", "required, but empty") }
            let village = field("village_id")?.text ?? ""
            for name in ["adviser_id", "village_id", "team_id"] {
                if let text = field(name)?.text, !text.isEmpty, let reason = Identifier.problem(text) {
                    bad(name, "\(Identifier.quoted(text)) is not a valid id: \(reason)")
                }
            }
            let mode = field("mode").flatMap { Session.Mode(rawValue: $0.text) }
            if mode == nil { bad("mode", "expected one of \(Session.Mode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(field("mode")?.text ?? "")'") }
            let activity = field("activity").flatMap { Session.Activity(rawValue: $0.text) }
            if activity == nil { bad("activity", "expected one of \(Session.Activity.allCases.map(\.rawValue).joined(separator: ", ")), got '\(field("activity")?.text ?? "")'") }
            // The adviser's own training and report happen in no village; everything else in one.
            if village.isEmpty && !(activity?.isAdviserOwn ?? false) {
                bad("village_id", "required, but empty (only an adviser's own \(Session.Activity.report.rawValue) or "
                    + "\(Session.Activity.adviserTraining.rawValue) has no village)")
            }
            var requested: Day?
            if let raw = field("requested_on")?.text, !raw.isEmpty {
                requested = Day(raw)
                if requested == nil { bad("requested_on", "expected YYYY-MM-DD, got '\(raw)'") }
            }
            guard problems.count == before, let day, let start, let end, let mode, let activity else { continue }
            func optional(_ name: String) -> String? { field(name).map(\.text).flatMap { $0.isEmpty ? nil : $0 } }
            sessions.append(Session(day: day, start: start, end: end, adviser: adviser, village: village, mode: mode,
                                    activity: activity, team: optional("team_id"), personServed: optional("person_served"),
                                    content: optional("content"), result: optional("result"), requestedOn: requested))
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        return Roster(sessions)
    }
}
