import CounselModel
import Foundation
import Reports
import Scheduling

/// `check`: audit a roster or ledger books against the scenario's rule profile.
public struct CheckRequest: Sendable {
    /// The scenario folder.
    public var directory: String
    /// A roster or ledger CSV to audit.
    public var roster: String?
    /// Ledger books (files, or folders of .csv files).
    public var ledger: [String]
    /// First and last month audited, YYYY-MM.
    public var from: String?, to: String?
    /// One month's submissions, YYYY-MM (instead of from/to).
    public var month: String?
    /// The assignment plan: every village with an adviser in it is audited.
    public var assignment: String?
    /// Only these villages.
    public var villages: [String]
    /// A call-back list with results.
    public var callbacks: String?
    /// Where the compliance rows are written.
    public var out: String?
    /// Whether the workbook is written beside `out`.
    public var xlsx: Bool

    /// A request from its parts.
    public init(
        directory: String, roster: String? = nil, ledger: [String] = [], from: String? = nil, to: String? = nil,
        month: String? = nil, assignment: String? = nil, villages: [String] = [], callbacks: String? = nil,
        out: String? = nil, xlsx: Bool = false
    ) {
        self.directory = directory
        self.roster = roster
        self.ledger = ledger
        self.from = from
        self.to = to
        self.month = month
        self.assignment = assignment
        self.villages = villages
        self.callbacks = callbacks
        self.out = out
        self.xlsx = xlsx
    }

    /// With `xlsx`, the workbook beside `out`: `compliance.csv` → `compliance.xlsx`.
    public var workbookPath: String? {
        guard xlsx, let out else { return nil }
        return (out.lowercased().hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".xlsx"
    }

    /// The usage errors of this request (exit 2), before anything is read.
    public func validate() throws {
        if let month {
            if Month(month) == nil {
                throw PlanningError.usage(tr("usage.month", ["option": "--month", "raw": month]))
            }
            if from != nil || to != nil { throw PlanningError.usage(tr("usage.monthOrRange")) }
        }
        if let from, Month(from) == nil {
            throw PlanningError.usage(tr("usage.month", ["option": "--from", "raw": from]))
        }
        if let to, Month(to) == nil { throw PlanningError.usage(tr("usage.month", ["option": "--to", "raw": to])) }
        if let from = from.flatMap(Month.init), let to = to.flatMap(Month.init), to < from {
            throw PlanningError.usage(tr("usage.toBeforeFrom", ["to": to, "from": from]))
        }
        if roster == nil && ledger.isEmpty { throw PlanningError.usage(tr("usage.rosterOrLedger")) }
        if xlsx && out == nil { throw PlanningError.usage(tr("usage.xlsxOut")) }
    }
}

/// What `check` audited.
public struct CheckOutcome {
    /// The audit's findings, rule checks, duties and call-backs.
    public var report: LedgerAudit.Outcome
    /// The audit (the scenario and its rules).
    public var audit: LedgerAudit
    /// The name of what was read, for messages: the file, or "N ledger files".
    public var name: String
    /// The entries audited (only the villages asked for).
    public var ledger: LedgerAudit.Ledger
    /// What was written: `--out`, and the workbook beside it.
    public var written: String?
}

extension Planning {
    /// Audits the roster or ledgers and, with `out`, writes the compliance rows (and the workbook).
    ///
    /// - Throws: ``PlanningError``: invalid input (1), usage (2) or failure (4). A ledger that
    ///   is not compliant is an outcome (`report.isCompliant`), not an error.
    public static func check(_ request: CheckRequest, observer: PlanningObserver = PlanningObserver()) throws
        -> CheckOutcome
    {
        let directory = request.directory
        let scenario: Scenario
        let audit: LedgerAudit
        do {
            scenario = try Scenario.load(from: URL(fileURLWithPath: directory))
            observer.warnings(of: scenario, directory: directory)
            let calendar = try WorkCalendar.load(for: scenario)
            audit = try LedgerAudit(scenario: scenario, calendar: calendar)
        } catch let error as ScenarioError {
            throw PlanningError.scenario(error, in: directory, consequence: tr("consequence.checked"))
        }
        let one = request.month.flatMap(Month.init)
        let first = one ?? request.from.flatMap(Month.init) ?? Month(year: scenario.year, month: 1)!
        let last = one ?? request.to.flatMap(Month.init) ?? Month(year: scenario.year, month: 12)!
        guard first <= last else {
            throw PlanningError.usage(tr("usage.monthsOrder", ["first": first, "last": last]))
        }
        let files = try LedgerFiles.expand((request.roster.map { [$0] } ?? []) + request.ledger)
        let name = files.count == 1 ? files[0].displayName : tr("input.ledgerFiles", ["count": files.count])
        let ledger = try LedgerFiles.load(files, scenario: scenario, consequence: tr("consequence.checked"))
        let list = try request.callbacks.map {
            try LedgerFiles.loadCallbacks($0, for: ledger, consequence: tr("consequence.checked"))
        }
        // Which villages must be served: the plan's, or (without one) every village of the scenario,
        // so a village missing from a county's ledger is a shortfall rather than a silent pass.
        var expected: [String: String] = [:]
        if let assignment = request.assignment {
            for (v, a) in try AssignmentPlanFile.load(assignment, scenario: scenario) { expected[v] = a.adviser }
        } else {
            for v in scenario.villages { expected[v.id] = v.currentAdviser ?? "—" }
        }
        var audited = ledger
        let village = request.villages
        if !village.isEmpty {
            let known = Set(scenario.villages.map(\.id))
            let unknown = village.filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw PlanningError.usage(tr("usage.village", ["ids": unknown.joined(separator: ", ")]))
            }
            let only = Set(village)
            expected = expected.filter { only.contains($0.key) }
            for v in village where expected[v] == nil { expected[v] = "—" }
            audited = ledger.only(villages: only)
        }
        // One village's book holds none of its adviser's other work: the duties of advisers and
        // firms are audited only over the whole ledger.
        let report = audit.audit(
            audited, from: first, to: last, expected: expected, callbacks: list?.rows ?? [],
            duties: village.isEmpty, submissions: one)
        if let out = request.out {
            try writeCompliance(report, scenario: scenario, out: out, workbookPath: request.workbookPath)
        }
        let written = request.out.map { o in request.workbookPath.map { "\(o) and \($0)" } ?? o }
        return CheckOutcome(report: report, audit: audit, name: name, ledger: audited, written: written)
    }

    /// Writes the compliance rows to `out` and, when asked, the workbook to `workbookPath`.
    private static func writeCompliance(
        _ report: LedgerAudit.Outcome, scenario: Scenario, out: String, workbookPath: String?
    ) throws {
        let csv = ComplianceEvaluator.csv(report.rows)
        var workbookData: Data?
        if workbookPath != nil {
            let county = Dictionary(
                scenario.villages.map { ($0.id, $0.county) }, uniquingKeysWith: { first, _ in first })
            let findings = report.findings.map { f in
                [
                    f.village, f.adviser, f.day?.description ?? "", f.period ?? "", f.kind.rawValue, f.message,
                    f.source,
                    f.lines.map(String.init).joined(separator: ","),
                ]
            }
            do {
                workbookData = try OutputWorkbooks.compliance(
                    complianceCSV: csv, findings: findings, villageCounty: county,
                    counties: scenario.counties, language: .en)
            } catch {
                throw PlanningError.failure(tr("failure.makeTheWorkbook", ["error": error]))
            }
        }
        do {
            try AtomicFile.write(csv, to: URL(fileURLWithPath: out))
            if let workbookData, let path = workbookPath {
                try AtomicFile.write(workbookData, to: URL(fileURLWithPath: path))
            }
        } catch {
            throw PlanningError.failure(
                tr(
                    "failure.writeCompliance",
                    ["out": out, "error": SystemErrorText.text(error, english: error.localizedDescription)]))
        }
    }
}

/// Ledger files named on the command line (`--ledger FILES…`, `--roster FILE`): files, or
/// folders whose `.csv` files are read in name order.
enum LedgerFiles {
    /// The files, folders expanded, as (URL, the name used in messages).
    static func expand(_ paths: [String]) throws -> [(url: URL, displayName: String)] {
        var result: [(URL, String)] = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter {
                    $0.hasSuffix(".csv")
                }.sorted()
                if names.isEmpty { throw PlanningError.invalidInput(tr("input.noCSVLedgers", ["path": path])) }
                for n in names {
                    result.append(
                        (
                            URL(fileURLWithPath: path).appendingPathComponent(n),
                            (path as NSString).appendingPathComponent(n)
                        ))
                }
            } else {
                result.append((URL(fileURLWithPath: path), path))
            }
        }
        return result
    }

    /// Reads the files into one ledger, or an input error listing every problem.
    static func load(_ files: [(url: URL, displayName: String)], scenario: Scenario, consequence: String) throws
        -> LedgerAudit.Ledger
    {
        do {
            return try LedgerAudit.loadLedgers(files, scenario: scenario)
        } catch let error as ScenarioError {
            let name = files.count == 1 ? files[0].displayName : tr("input.theLedgerFiles", ["count": files.count])
            throw PlanningError.file(error, name: name, consequence: consequence)
        }
    }

    /// Reads a call-back list and checks that every row is an entry of `ledger`.
    static func loadCallbacks(_ path: String, for ledger: LedgerAudit.Ledger, consequence: String) throws
        -> CallbackList
    {
        do {
            let list = try CallbackList.load(from: URL(fileURLWithPath: path), displayName: path)
            let unmatched = list.unmatched(in: ledger)
            if !unmatched.isEmpty { throw ScenarioError(unmatched) }
            return list
        } catch let error as ScenarioError {
            throw PlanningError.file(error, name: path, consequence: consequence)
        }
    }
}
