import Reports
import ArgumentParser
import CounselModel
import Foundation
import Scheduling

/// `village-counsel check DIR --roster FILE`: audits a roster or a service ledger (台账) against the
/// scenario's rule profile.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit a roster or service ledger (台账) against the scenario's rule profile.",
        discussion: """
            Reads FILE in the columns of roster.csv (date,start,end,adviser_id,village_id,mode,activity,team_id, \
            plus the optional ledger columns person_served,content,result,requested_on) and checks every village \
            in it against the scheduling rules of the scenario's profile: visits, hours, lectures and trainings \
            per period, and sessions on holidays, rest days or evenings the village does not allow, overlapping \
            sessions, the daily hours limit, adviser unavailability, recorded lectures and response times. \
            Exit status 0 when compliant, 3 when not (every finding is printed), 1 for invalid input, \
            2 for usage errors, 4 when --out cannot be written.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, help: "The roster or ledger CSV to audit.")
    var roster: String

    @Option(name: .long, help: "First month audited, YYYY-MM (default: January of the scenario year).")
    var from: String?

    @Option(name: .long, help: "Last month audited, YYYY-MM (default: December of the scenario year).")
    var to: String?

    @Option(name: .long, help: "The assignment plan: every village with an adviser in it is audited, even one missing from the ledger.")
    var assignment: String?

    @Option(name: .long, help: ArgumentHelp("Audit only this village (repeatable), e.g. for one village's ledger book.", valueName: "VILLAGE_ID"))
    var village: [String] = []

    @Option(name: .long, help: "Write the compliance rows (village_id,adviser_id,rule,period,required,planned,ok) to this CSV file.")
    var out: String?

    @OptionGroup var workbook: WorkbookOutputOptions

    /// With `--xlsx`, the workbook beside `--out`: `compliance.csv` → `compliance.xlsx`.
    var workbookPath: String? {
        guard workbook.xlsx, let out else { return nil }
        return (out.lowercased().hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".xlsx"
    }

    func validate() throws {
        if let from, Month(from) == nil { throw ValidationError("--from must be a month YYYY-MM, got '\(from)'") }
        if let to, Month(to) == nil { throw ValidationError("--to must be a month YYYY-MM, got '\(to)'") }
        if let from = from.flatMap(Month.init), let to = to.flatMap(Month.init), to < from {
            throw ValidationError("--to (\(to)) is before --from (\(from))")
        }
        if workbook.xlsx && out == nil { throw ValidationError("--xlsx writes the workbook beside --out FILE; give --out too") }
    }

    func run() throws {
        let scenarioURL = URL(fileURLWithPath: directory)
        let scenario: Scenario
        let audit: LedgerAudit
        do {
            scenario = try Scenario.load(from: scenarioURL)
            printWarnings(scenario, directory: directory)
            let calendar = try WorkCalendar.load(for: scenario)
            audit = try LedgerAudit(scenario: scenario, calendar: calendar)
        } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "nothing was checked")
        }
        let first = from.flatMap(Month.init) ?? Month(year: scenario.year, month: 1)!
        let last = to.flatMap(Month.init) ?? Month(year: scenario.year, month: 12)!
        guard first <= last else {
            throw ValidationError("the months audited run from \(first) to \(last); give --from and --to in order")
        }
        let ledger: LedgerAudit.Ledger
        do {
            ledger = try LedgerAudit.loadLedger(from: URL(fileURLWithPath: roster), displayName: roster, scenario: scenario)
        } catch let error as ScenarioError {
            throw InputError(description: error.diagnostics.map(\.description).joined(separator: "\n")
                + "\n\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s") found in \(roster); nothing was checked")
        }
        // Which villages must be served: the plan's, or (without one) every village of the scenario,
        // so a village missing from a county's ledger is a shortfall rather than a silent pass.
        var expected: [String: String] = [:]
        if let assignment {
            for (v, a) in try AssignmentPlanFile.load(assignment, scenario: scenario) { expected[v] = a.adviser }
        } else {
            for v in scenario.villages { expected[v.id] = v.currentAdviser ?? "—" }
        }
        var audited = ledger
        if !village.isEmpty {
            let known = Set(scenario.villages.map(\.id))
            let unknown = village.filter { !known.contains($0) }
            if !unknown.isEmpty { throw ValidationError("--village \(unknown.joined(separator: ", ")): not a village of the scenario") }
            let only = Set(village)
            expected = expected.filter { only.contains($0.key) }
            for v in village where expected[v] == nil { expected[v] = "—" }
            audited.roster = Roster(ledger.roster.sessions.filter { only.contains($0.village) })
        }
        let report = audit.audit(audited, from: first, to: last, expected: expected)
        if let out {
            let csv = ComplianceEvaluator.csv(report.rows)
            var workbookData: Data?
            if workbookPath != nil {
                let county = Dictionary(scenario.villages.map { ($0.id, $0.county) }, uniquingKeysWith: { first, _ in first })
                let findings = report.findings.map { f in
                    [f.village, f.adviser, f.day?.description ?? "", f.period ?? "", f.kind.rawValue, f.message, f.source,
                     f.lines.map(String.init).joined(separator: ",")]
                }
                do {
                    workbookData = try OutputWorkbooks.compliance(complianceCSV: csv, findings: findings, villageCounty: county,
                                                                  counties: scenario.counties, language: .en)
                } catch {
                    throw RunFailure(message: "cannot make the workbook: \(error)")
                }
            }
            do {
                try AtomicFile.write(csv, to: URL(fileURLWithPath: out))
                if let workbookData, let path = workbookPath { try AtomicFile.write(workbookData, to: URL(fileURLWithPath: path)) }
            } catch {
                throw RunFailure(message: "cannot write the compliance rows to \(out): \(error.localizedDescription)")
            }
        }
        print(Self.text(for: report, audit: audit, file: roster, out: out.map { o in workbookPath.map { "\(o) and \($0)" } ?? o }))
        if !report.isCompliant {
            let n = report.findings.count
            throw NotCompliant(summary: "\(roster): not compliant, \(n) finding\(n == 1 ? "" : "s") (listed above)")
        }
    }

    /// The printed report: what was checked, counts per kind, then each finding grouped by village.
    static func text(for report: LedgerAudit.Report, audit: LedgerAudit, file: String, out: String?) -> String {
        let profile = audit.scenario.rules
        var lines: [String] = []
        lines.append("\(file) checked against the rules of \(profile.name) (\(profile.id)), \(report.from) to \(report.to)")
        let met = report.rows.filter(\.ok).count
        var scope = "\(report.sessionsAudited) session\(report.sessionsAudited == 1 ? "" : "s") in these months"
        if report.sessionsOutside > 0 { scope += " (\(report.sessionsOutside) outside them, not checked)" }
        scope += ", \(report.villages.count) village\(report.villages.count == 1 ? "" : "s"), "
            + "\(report.rows.count) rule check\(report.rows.count == 1 ? "" : "s") (\(met) met)"
        lines.append(scope)
        for note in report.notes { lines.append("note: \(note)") }
        if report.isCompliant {
            lines.append("COMPLIANT: every rule is met and no session breaks a rule.")
        } else {
            let n = report.findings.count
            lines.append("NOT COMPLIANT: \(n) finding\(n == 1 ? "" : "s")")
            var table = TextTable(["findings", "kind"], rightAligned: [0])
            for c in report.counts { table.add(["\(c.count)", "\(c.kind.label) (\(c.kind.rawValue))"]) }
            lines.append(table.render())
            var byVillage: [String: [LedgerAudit.Finding]] = [:]
            var order: [String] = []
            for f in report.findings {
                if byVillage[f.village] == nil { order.append(f.village) }
                byVillage[f.village, default: []].append(f)
            }
            for village in order {
                let findings = byVillage[village]!
                lines.append("")
                let adviser = report.advisers[village] ?? findings[0].adviser
                lines.append("\(audit.villageName(village)), adviser \(adviser): \(findings.count) finding\(findings.count == 1 ? "" : "s")")
                for f in findings {
                    let when = f.day?.description ?? f.period ?? ""
                    let whereText = f.lines.isEmpty ? "" : " [\(file):\(f.lines.map(String.init).joined(separator: ","))]"
                    lines.append("  \(when) \(f.kind.rawValue): \(f.message)\(whereText)")
                }
            }
        }
        if let out { lines.append(""); lines.append("wrote \(out)") }
        return lines.joined(separator: "\n")
    }
}
