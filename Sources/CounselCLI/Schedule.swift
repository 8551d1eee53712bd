import ArgumentParser
import CounselModel
import Foundation
import Planning
import Reports
import Scheduling

/// `village-counsel schedule DIR --assignment PLAN.csv --from 2026-01 --to 2026-12 --out OUT`.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the monthly on-site roster and lecture calendar for an assignment.",
        discussion: """
            Writes OUT/roster.csv, OUT/compliance.csv, OUT/shortfalls.csv, OUT/duties.csv (the profile's duties of \
            advisers and firms: firm events, reports, campaign duties, training on the county's training_days) and \
            OUT/ics/ADVISER_ID.ics. \
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

    func validate() throws { try validating { try request.validate() } }

    private var request: ScheduleRequest {
        ScheduleRequest(directory: directory, assignment: assignment, from: from, to: to, out: out, timeLimit: timeLimit,
                        sets: sets, overlays: overlay, csv: csvOutput.settings, xlsx: workbook.xlsx)
    }

    func run() throws {
        let observer = PlanningObserver.commandLine(quietWarnings: quiet || json, quietProgress: quiet || json, verbose: verbose)
        let outcome = try Planning.schedule(request, observer: observer)
        if json {
            print(Self.json(outcome.result, first: outcome.first, last: outcome.last))
        } else if !quiet {
            print(Self.summary(outcome.result, scenario: outcome.scenario, first: outcome.first, last: outcome.last, out: out, xlsx: workbook.xlsx))
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
