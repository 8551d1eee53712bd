import Reports
import ArgumentParser
import CounselModel
import Foundation
import GLPK
import Logging
import Scheduling

/// `village-counsel schedule DIR --assignment PLAN.csv --from 2026-01 --to 2026-12 --out OUT`.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the monthly on-site roster and lecture calendar for an assignment.",
        discussion: """
            Writes OUT/roster.csv, OUT/compliance.csv, OUT/shortfalls.csv, OUT/duties.csv (the profile's duties of \
            advisers and firms: firm events, reports, campaign duties, training on the county's training_days) and \
            OUT/ics/ADVISER_ID.ics, as one set (a reader sees the old outputs or the new ones, never a mix). \
            Where the rules cannot all be met (leave, too many villages for the hours), the roster still \
            comes out and every shortfall is listed with its reason.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, help: "The assignment plan (assignment.csv from `assign`).")
    var assignment: String

    @Option(name: .long, help: "First month, YYYY-MM (default: January of the scenario year).")
    var from: String?

    @Option(name: .long, help: "Last month, YYYY-MM (default: December of the scenario year).")
    var to: String?

    @Option(name: .long, help: "Folder for the outputs (created if missing).")
    var out: String

    @Option(name: .customLong("time-limit"), help: "Seconds allowed for each adviser's (or team's) model.")
    var timeLimit: Double = 20

    @Flag(name: .long, help: "Show progress and GLPK's own output on stderr.")
    var verbose = false

    @Option(name: .long, help: "Solver threads (default: one per processor); the roster is the same, byte for byte, whatever the number.")
    var threads: Int?

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario setting, KEY=VALUE (repeatable), as for assign: e.g. flexible=true, daily_hours=6.", valueName: "KEY=VALUE"))
    var sets: [String] = []

    @Option(name: .long, help: ArgumentHelp("A YAML mapping of the same keys (repeatable; --set wins).", valueName: "FILE.yaml"))
    var overlay: [String] = []

    @Flag(name: .long, help: "Print nothing on success (for scripts).")
    var quiet = false

    @Flag(name: .long, help: "Print the summary as JSON on stdout (for scripts).")
    var json = false

    func validate() throws {
        if let from, Month(from) == nil { throw ValidationError("--from must be a month YYYY-MM, got '\(from)'") }
        if let to, Month(to) == nil { throw ValidationError("--to must be a month YYYY-MM, got '\(to)'") }
        if !(timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        if let n = threads, !(1...256).contains(n) { throw ValidationError("--threads must be between 1 and 256, got \(n)") }
        do { _ = try ScenarioOverrides.parse(sets: sets, overlays: []) } catch let e as OverrideError { throw ValidationError(e.description) }
    }

    func run() throws {
        var logger = Logger(label: "village-counsel")
        logger.logLevel = verbose ? .info : .warning
        let scenario: Scenario
        do {
            let overrides = try ScenarioOverrides.parse(sets: sets, overlays: overlay)
            scenario = try Scenario.loadVariant(from: URL(fileURLWithPath: directory), overrides: overrides).scenario
            printWarnings(scenario, directory: directory, quiet: quiet || json)
        } catch let error as OverrideError {
            throw ValidationError(error.description)
        } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "nothing was scheduled")
        }
        guard scenario.rules.scheduling != nil else {
            throw InputError(description: "\(scenario.rules.path): the rule profile '\(scenario.rules.id)' has no scheduling part")
        }
        let calendar = try loadCalendar(for: scenario, directory: directory)
        let first = from.flatMap(Month.init) ?? Month(year: scenario.year, month: 1)!
        let last = to.flatMap(Month.init) ?? Month(year: scenario.year, month: 12)!
        guard first <= last else { throw ValidationError("--from (\(first)) is after --to (\(last))") }
        let uncovered = Set((first.year...last.year)).subtracting(calendar.years)
        if !uncovered.isEmpty {
            throw InputError(description: "\(directory): the working calendar \(calendar.source) covers \(calendar.years.sorted().map(String.init).joined(separator: ", ")) only; "
                + "months in \(uncovered.sorted().map(String.init).joined(separator: ", ")) need that year's official holiday arrangement "
                + "(give one with `calendar: FILE` in scenario.yaml, columns date,kind,name)")
        }
        let plan = try AssignmentPlanFile.load(assignment, scenario: scenario)

        var options = SolverOptions(timeLimit: timeLimit, relativeGap: 1e-3)
        if verbose {
            let glpkLogger = logger
            options.log = { @Sendable (text: String) in glpkLogger.info("glpk: \(text.trimmingCharacters(in: .newlines))") }
        }
        let result: SchedulePlan
        let progress = ProgressLine(quiet: quiet || json)
        do {
            var planner = RosterPlanner(options: options)
            if let threads { planner.threads = threads }
            planner.progress = { done, total in progress.update("scheduling", "\(done) of \(total) advisers or teams planned", force: done == total) }
            result = try planner.plan(scenario: scenario, calendar: calendar, assignment: plan, from: first, to: last)
            progress.finish()
        } catch {
            progress.finish()
            throw RunFailure(message: "the scheduler failed: \(error)")
        }
        let outURL = URL(fileURLWithPath: out)
        let rosterCSV = result.roster.csv(), complianceCSV = ComplianceEvaluator.csv(result.compliance)
        var lines = ["village_id,adviser_id,rule,period,reason"]
        lines += result.shortfalls.map { [$0.village, $0.adviser, $0.requirement, $0.period, $0.reason].map(csvField).joined(separator: ",") }
        let shortfallsCSV = lines.joined(separator: "\n") + "\n"
        var workbookData: Data?
        if workbook.xlsx {
            let county = Dictionary(scenario.villages.map { ($0.id, $0.county) }, uniquingKeysWith: { first, _ in first })
            do {
                workbookData = try OutputWorkbooks.roster(rosterCSV: rosterCSV, complianceCSV: complianceCSV, shortfallsCSV: shortfallsCSV,
                                                          villageCounty: county, counties: scenario.counties, language: csvOutput.lang)
            } catch {
                throw RunFailure(message: "cannot make roster.xlsx: \(error)")
            }
        }
        do {
            // One set: roster.csv, compliance.csv, shortfalls.csv, duties.csv (where the profile has
            // duties), roster.xlsx (--xlsx) and ics/, swapped in together. ics/ is replaced whole:
            // calendars of advisers who no longer have sessions would mislead; files there that are
            // not calendars are kept.
            let set = try OutputSet(folder: outURL, name: "schedule")
            try set.write(csvOutput.encode(rosterCSV, CSVHeaders.roster), to: "roster.csv")
            try set.write(csvOutput.encode(complianceCSV, CSVHeaders.compliance), to: "compliance.csv")
            try set.write(csvOutput.encode(shortfallsCSV, CSVHeaders.shortfalls), to: "shortfalls.csv")
            // The duties of advisers and firms (firm events, reports, campaign duties, training);
            // a stale duties.csv would contradict this roster.
            if scenario.rules.duties != nil {
                try set.write(csvOutput.encode(DutyEvaluator.csv(result.duties), CSVHeaders.duties), to: "duties.csv")
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
                let ics = Roster(byAdviser[adviser]!).ics(forAdviser: adviser, adviserName: name, villages: villages,
                                                          calendarName: "\(name) · 法律顾问服务日程")
                try set.write(ics, to: "ics/\(fileNames[adviser]!).ics")
            }
            try set.commit()
        } catch {
            throw RunFailure(message: "cannot write the results to \(out): \(error)")
        }
        if json {
            print(Self.json(result, first: first, last: last))
        } else if !quiet {
            print(Self.summary(result, scenario: scenario, first: first, last: last, out: out, xlsx: workbook.xlsx))
        }
    }

    /// The figures of a schedule as JSON (keys sorted).
    static func json(_ r: SchedulePlan, first: Month, last: Month) -> String {
        let onsite = r.roster.sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
        let object: [String: Any] = [
            "from": first.description, "to": last.description, "sessions": r.roster.sessions.count,
            "onsite_hours": onsite, "rule_checks": r.compliance.count, "rule_checks_met": r.compliance.filter(\.ok).count,
            "duty_checks": r.duties.count, "duty_checks_met": r.duties.filter(\.ok).count,
            "shortfalls": r.shortfalls.count, "units": r.units, "all_optimal": r.allOptimal,
            "seconds": (r.seconds * 1000).rounded() / 1000,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func summary(_ r: SchedulePlan, scenario: Scenario, first: Month, last: Month, out: String, xlsx: Bool = false) -> String {
        var lines: [String] = []
        let onsite = r.roster.sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
        let failing = r.compliance.filter { !$0.ok }
        lines.append("\(scenario.name) — roster \(first) … \(last), rules: \(scenario.rules.name) (\(scenario.rules.id))")
        lines.append("\(r.roster.sessions.count) sessions (\(String(format: "%.0f", onsite)) h on site) for \(r.units) adviser(s)/team(s); "
            + "\(r.compliance.count - failing.count) of \(r.compliance.count) rule checks met; \(String(format: "%.2f", r.seconds)) s"
            + (r.allOptimal ? "" : " (some models stopped at the time limit)"))
        var table = TextTable(["rule", "period", "villages", "met", "short"], rightAligned: [2, 3, 4])
        var grouped: [String: (Int, Int)] = [:]
        for c in r.compliance {
            let key = c.rule + "|" + c.period
            grouped[key, default: (0, 0)].0 += 1
            if c.ok { grouped[key]!.1 += 1 }
        }
        let byRule = Dictionary(grouping: grouped.keys, by: { $0.split(separator: "|")[0] })
        for rule in byRule.keys.sorted() {
            let keys = byRule[rule]!
            let total = keys.reduce(0) { $0 + grouped[$1]!.0 }, met = keys.reduce(0) { $0 + grouped[$1]!.1 }
            table.add([String(rule), "\(keys.count) period(s)", "\(total)", "\(met)", "\(total - met)"])
        }
        lines.append("")
        lines.append(table.render())
        if let duties = scenario.rules.duties?.duties, !duties.isEmpty {
            lines.append("")
            var table = TextTable(["duty", "of", "period(s)", "planned", "short"], rightAligned: [2, 3, 4])
            for d in duties where d.planned {
                let rows = r.duties.filter { $0.rule == d.id }
                table.add([d.id, "\(Set(rows.map(\.id)).count) \(d.scope.rawValue)(s)", "\(Set(rows.map(\.period)).count)",
                           "\(rows.filter(\.ok).count)", "\(rows.filter { !$0.ok }.count)"])
            }
            lines.append("Duties of advisers and firms (duties.csv):")
            lines.append(table.render())
            let onDemand = duties.filter { !$0.planned }
            if !onDemand.isEmpty {
                lines.append("on demand, not planned (the ledger counts them): " + onDemand.map { "\($0.id) (\($0.activity))" }.joined(separator: ", "))
            }
            for s in r.dutyShortfalls.prefix(10) { lines.append("- \(s.adviser) \(s.period) \(s.requirement): \(s.reason)") }
            if r.dutyShortfalls.count > 10 { lines.append("… and \(r.dutyShortfalls.count - 10) more duties not planned") }
        }
        if !r.shortfalls.isEmpty {
            lines.append("")
            lines.append("Shortfalls (\(r.shortfalls.count)):")
            for s in r.shortfalls.prefix(30) { lines.append("- \(s.village) \(s.period) \(s.requirement): \(s.reason)") }
            if r.shortfalls.count > 30 { lines.append("… and \(r.shortfalls.count - 30) more in \(out)/shortfalls.csv") }
        }
        lines.append("")
        lines.append("wrote \(out)/roster.csv, compliance.csv, shortfalls.csv\(scenario.rules.duties != nil ? ", duties.csv" : "")\(xlsx ? ", roster.xlsx" : "") and ics/")
        return lines.joined(separator: "\n")
    }
}

/// Reading inputs the same way in every command.
func loadScenario(_ directory: String) throws -> Scenario {
    do {
        let scenario = try Scenario.load(from: URL(fileURLWithPath: directory))
        printWarnings(scenario, directory: directory)
        return scenario
    } catch let error as ScenarioError {
        throw InputError(error, in: directory, consequence: "nothing was scheduled")
    }
}

/// The scenario's working calendar, or an input error naming what is missing.
func loadCalendar(for scenario: Scenario, directory: String) throws -> WorkCalendar {
    do {
        return try WorkCalendar.load(for: scenario)
    } catch let error as ScenarioError {
        throw InputError(description: error.diagnostics.map { "\(directory)/\($0)" }.joined(separator: "\n"))
    }
}

/// An assignment plan read back (assignment.csv).
enum AssignmentPlanFile {
    /// Village id → adviser (and team), checking every row against the scenario.
    static func load(_ path: String, scenario: Scenario) throws -> [String: ServiceAssignment] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let table: CSVTable
        do {
            table = try CSVTable(contentsOf: URL(fileURLWithPath: path), file: path)
        } catch let d as Diagnostic {
            throw InputError(description: "\(d)")
        }
        let header = table.header.map { CSVHeaders.english($0.text, file: "assignment.csv") }
        guard let vi = header.firstIndex(of: "village_id"), let ai = header.firstIndex(of: "adviser_id") else {
            throw InputError(description: "\(path):1: an assignment plan needs the columns village_id and adviser_id (as assign writes them)")
        }
        let ti = header.firstIndex(of: "team_id")
        let villages = Set(scenario.villages.map(\.id)), advisers = Set(scenario.advisers.map(\.id))
        let teams = Set(scenario.teamMembers.map(\.team))
        var problems: [String] = []
        var result: [String: ServiceAssignment] = [:]
        var seen: [String: Int] = [:]
        for r in table.records {
            guard r.fields.count == header.count else { problems.append("\(path):\(r.line): expected \(header.count) fields, found \(r.fields.count)"); continue }
            let v = r.fields[vi], a = r.fields[ai]
            if !villages.contains(v.text) { problems.append("\(path):\(v.line):\(v.column): village_id '\(v.text)' is not in the scenario"); continue }
            if let first = seen[v.text] {
                problems.append("\(path):\(v.line):\(v.column): village_id '\(v.text)' appears a second time (first at line \(first)); a plan gives each village one row")
                continue
            }
            seen[v.text] = v.line
            if a.text.isEmpty { continue }  // an uncovered village: nothing to schedule
            if !advisers.contains(a.text) { problems.append("\(path):\(a.line):\(a.column): adviser_id '\(a.text)' is not in the scenario"); continue }
            let team = ti.map { r.fields[$0].text }.flatMap { $0.isEmpty ? nil : $0 }
            if let team, let f = ti.map({ r.fields[$0] }), !teams.contains(team) {
                problems.append("\(path):\(f.line):\(f.column): team_id \(Identifier.quoted(team)) is not a team of the scenario's teams.csv")
                continue
            }
            result[v.text] = ServiceAssignment(adviser: a.text, team: team)
        }
        _ = name
        if !problems.isEmpty { throw InputError(description: problems.joined(separator: "\n") + "\n\(problems.count) problem(s) found in \(path)") }
        return result
    }
}
