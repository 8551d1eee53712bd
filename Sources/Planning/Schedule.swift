import CounselModel
import Foundation
import GLPK
import Logging
import Reports
import Scheduling

/// `schedule`: the monthly roster, lecture calendar and duties for an assignment.
public struct ScheduleRequest: Sendable {
    /// The scenario folder.
    public var directory: String
    /// The assignment plan (assignment.csv from `assign`).
    public var assignment: String
    /// First month, YYYY-MM (default: January of the scenario year).
    public var from: String?
    /// Last month, YYYY-MM (default: December of the scenario year).
    public var to: String?
    /// The folder for the outputs.
    public var out: String
    /// Seconds allowed for each adviser's (or team's) model.
    public var timeLimit: Double = 20
    /// `--set KEY=VALUE` overrides.
    public var sets: [String] = []
    /// `--overlay FILE.yaml` overrides.
    public var overlays: [String] = []
    /// How the CSV files are written.
    public var csv: CSVOutput
    /// Whether roster.xlsx is written too.
    public var xlsx: Bool
    /// Solver threads (`--threads`; `nil`: one per processor). The roster is the same whatever the number.
    public var threads: Int? = nil

    /// A request from its parts.
    public init(
        directory: String, assignment: String, from: String? = nil, to: String? = nil, out: String,
        timeLimit: Double = 20,
        sets: [String] = [], overlays: [String] = [], csv: CSVOutput = .plain, xlsx: Bool = false
    ) {
        self.directory = directory
        self.assignment = assignment
        self.from = from
        self.to = to
        self.out = out
        self.timeLimit = timeLimit
        self.sets = sets
        self.overlays = overlays
        self.csv = csv
        self.xlsx = xlsx
    }

    /// The usage errors of this request (exit 2), before anything is read.
    public func validate() throws {
        if let from, Month(from) == nil {
            throw PlanningError.usage(tr("usage.month", ["option": "--from", "raw": from]))
        }
        if let to, Month(to) == nil { throw PlanningError.usage(tr("usage.month", ["option": "--to", "raw": to])) }
        if !(timeLimit > 0) { throw PlanningError.usage(tr("usage.timeLimit")) }
        if let n = threads, !(1...256).contains(n) { throw PlanningError.usage(tr("usage.threads", ["count": n])) }
        do { _ = try ScenarioOverrides.parse(sets: sets, overlays: []) } catch let e as OverrideError {
            throw PlanningError.usage(e.description)
        }
    }
}

/// What `schedule` planned and wrote.
public struct ScheduleOutcome {
    /// The roster, its compliance, duties and shortfalls.
    public var result: SchedulePlan
    /// The scenario (with the overrides applied).
    public var scenario: Scenario
    /// The months planned.
    public var first: Month, last: Month
}

extension Planning {
    /// Plans the roster and writes OUT/roster.csv, compliance.csv, shortfalls.csv, duties.csv
    /// (where the profile has duties), roster.xlsx (when asked) and ics/ADVISER_ID.ics.
    ///
    /// - Throws: ``PlanningError``: invalid input (1), usage (2) or failure (4). Rules that
    ///   cannot all be met are shortfalls in the outcome, not errors.
    public static func schedule(_ request: ScheduleRequest, observer: PlanningObserver = PlanningObserver()) throws
        -> ScheduleOutcome
    {
        let directory = request.directory
        let scenario = try loadVariant(
            directory, sets: request.sets, overlays: request.overlays, consequence: tr("consequence.scheduled")
        ).scenario
        observer.warnings(of: scenario, directory: directory)
        guard scenario.rules.scheduling != nil else {
            throw PlanningError.invalidInput(
                tr("input.noSchedulingPart", ["path": scenario.rules.path, "id": scenario.rules.id]))
        }
        let calendar = try loadCalendar(for: scenario, directory: directory)
        let first = request.from.flatMap(Month.init) ?? Month(year: scenario.year, month: 1)!
        let last = request.to.flatMap(Month.init) ?? Month(year: scenario.year, month: 12)!
        guard first <= last else { throw PlanningError.usage(tr("usage.fromAfterTo", ["from": first, "to": last])) }
        let uncovered = Set((first.year...last.year)).subtracting(calendar.years)
        if !uncovered.isEmpty {
            throw PlanningError.invalidInput(
                tr(
                    "input.calendarYears",
                    [
                        "path": directory, "calendar": calendar.source,
                        "years": calendar.years.sorted().map(String.init).joined(separator: ", "),
                        "missing": uncovered.sorted().map(String.init).joined(separator: ", "),
                    ]))
        }
        let plan = try AssignmentPlanFile.load(request.assignment, scenario: scenario)

        var options = SolverOptions(timeLimit: request.timeLimit, relativeGap: 1e-3)
        if observer.verbose {
            let glpkLogger = observer.logger
            options.log = { @Sendable (text: String) in
                glpkLogger.info("glpk: \(text.trimmingCharacters(in: .newlines))")
            }
        }
        let result: SchedulePlan
        do {
            var planner = RosterPlanner(options: options)
            if let threads = request.threads { planner.threads = threads }
            let progress = observer.progress
            planner.progress = { done, total in
                progress(
                    tr("progress.phase.scheduling"), tr("progress.scheduled", ["done": done, "total": total]),
                    done == total)
            }
            result = try planner.plan(scenario: scenario, calendar: calendar, assignment: plan, from: first, to: last)
            observer.finish()
        } catch {
            observer.finish()
            throw PlanningError.failure(tr("failure.scheduler", ["error": error]))
        }
        try writeSchedule(result, scenario: scenario, request: request)
        return ScheduleOutcome(result: result, scenario: scenario, first: first, last: last)
    }

    /// Writes the roster's files into `request.out`, removing stale duties.csv, roster.xlsx and
    /// calendars of advisers who no longer have sessions.
    private static func writeSchedule(_ result: SchedulePlan, scenario: Scenario, request: ScheduleRequest) throws {
        let out = request.out, csvOutput = request.csv
        let outURL = URL(fileURLWithPath: out)
        let rosterCSV = result.roster.csv(), complianceCSV = ComplianceEvaluator.csv(result.compliance)
        let shortfalls = result.shortfalls.map { [$0.village, $0.adviser, $0.requirement, $0.period, $0.reason] }
        let shortfallsCSV = CSVFormat.shortfalls.text(shortfalls)
        var workbookData: Data?
        if request.xlsx {
            let county = Dictionary(
                scenario.villages.map { ($0.id, $0.county) }, uniquingKeysWith: { first, _ in first })
            do {
                workbookData = try OutputWorkbooks.roster(
                    rosterCSV: rosterCSV, complianceCSV: complianceCSV, shortfallsCSV: shortfallsCSV,
                    dutiesCSV: scenario.rules.duties != nil ? DutyEvaluator.csv(result.duties) : nil,
                    villageCounty: county, counties: scenario.counties, language: csvOutput.language)
            } catch {
                throw PlanningError.failure(tr("failure.makeWorkbook", ["file": "roster.xlsx", "error": error]))
            }
        }
        do {
            let language = csvOutput.language, excel = csvOutput.excel
            // One set: roster.csv, compliance.csv, shortfalls.csv, duties.csv (where the profile has
            // duties), roster.xlsx (--xlsx) and ics/, swapped in together. ics/ is replaced whole:
            // calendars of advisers who no longer have sessions would mislead; files there that are
            // not calendars are kept.
            let set = try OutputSet(folder: outURL, name: "schedule")
            try set.write(result.roster.file(language: language, excel: excel), to: "roster.csv")
            try set.write(
                ComplianceEvaluator.file(result.compliance, language: language, excel: excel), to: "compliance.csv")
            try set.write(
                CSVFormat.shortfalls.write(shortfalls, language: language, excel: excel), to: "shortfalls.csv")
            // The duties of advisers and firms (firm events, reports, campaign duties, training);
            // a stale duties.csv or roster.xlsx would contradict this roster.
            if scenario.rules.duties != nil {
                try set.write(DutyEvaluator.file(result.duties, language: language, excel: excel), to: "duties.csv")
            } else {
                set.remove("duties.csv")
            }
            if let workbookData { try set.write(workbookData, to: "roster.xlsx") } else { set.remove("roster.xlsx") }
            let villages = Dictionary(uniqueKeysWithValues: scenario.villages.map { ($0.id, $0) })
            let names = Dictionary(uniqueKeysWithValues: scenario.advisers.map { ($0.id, $0.name) })
            // One calendar per adviser, each built from that adviser's sessions only.
            let byAdviser = Dictionary(grouping: result.roster.sessions, by: \.adviser)
            let fileNames = OutputFileName.names(for: byAdviser.keys)
            try set.addFolder("ics", owns: { $0.hasSuffix(".ics") })
            for adviser in byAdviser.keys.sorted() {
                let name = names[adviser] ?? adviser
                let ics = Roster(byAdviser[adviser]!).ics(
                    forAdviser: adviser, adviserName: name, villages: villages,
                    calendarName: "\(name) · 法律顾问服务日程")
                try set.write(ics, to: "ics/\(fileNames[adviser]!).ics")
            }
            try set.commit()
        } catch {
            throw PlanningError.failure(
                tr("failure.writeResults", ["out": out, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
    }
}

/// An assignment plan read back (assignment.csv, through ``AssignmentTable``) and checked
/// against the scenario.
enum AssignmentPlanFile {
    /// Village id → adviser (and team), checking every row against the scenario.
    static func load(_ path: String, scenario: Scenario) throws -> [String: ServiceAssignment] {
        let contents: AssignmentTable.Contents
        do {
            contents = try AssignmentTable.read(URL(fileURLWithPath: path), displayName: path)
        } catch let d as Diagnostic {
            throw PlanningError.invalidInput("\(d)")
        }
        let villages = Set(scenario.villages.map(\.id)), advisers = Set(scenario.advisers.map(\.id))
        var problems = contents.diagnostics
        var result: [String: ServiceAssignment] = [:]
        for r in contents.rows {
            let v = r.record["village_id"]!, a = r.record["adviser_id"]!
            if !villages.contains(v.text) {
                problems.append(
                    Diagnostic(
                        file: path, line: v.line, column: v.column, tr("plan.villageNotInScenario", ["id": v.text])))
                continue
            }
            if a.text.isEmpty { continue }  // an uncovered village: nothing to schedule
            if !advisers.contains(a.text) {
                problems.append(
                    Diagnostic(
                        file: path, line: a.line, column: a.column, tr("plan.adviserNotInScenario", ["id": a.text])))
                continue
            }
            result[v.text] = ServiceAssignment(adviser: a.text, team: r.row.teamID)
        }
        if !problems.isEmpty {
            throw PlanningError.invalidInput(ScenarioError(problems).rendered(name: path, consequence: nil))
        }
        return result
    }
}
