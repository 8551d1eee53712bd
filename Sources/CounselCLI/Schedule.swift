import ArgumentParser
import CounselModel
import Foundation
import Planning
import Reports
import Scheduling

/// `village-counsel schedule DIR --assignment PLAN.csv --from 2026-01 --to 2026-12 --out OUT`.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("help.schedule.abstract"),
        discussion: tr("help.schedule.discussion"))

    @Argument(help: ArgumentHelp(tr("help.common.directory")))
    var directory: String

    @Option(name: .long, help: ArgumentHelp(tr("help.schedule.assignment")))
    var assignment: String

    @Option(name: .long, help: ArgumentHelp(tr("help.schedule.from")))
    var from: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.schedule.to")))
    var to: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.common.out")))
    var out: String

    @Option(name: .customLong("time-limit"), help: ArgumentHelp(tr("help.schedule.timeLimit")))
    var timeLimit: Double = 20

    @Flag(name: .long, help: ArgumentHelp(tr("help.common.verbose")))
    var verbose = false

    @Option(name: .long, help: ArgumentHelp(tr("help.schedule.threads")))
    var threads: Int?

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    @Option(name: .customLong("set"), help: ArgumentHelp(tr("help.schedule.sets"), valueName: "KEY=VALUE"))
    var sets: [String] = []

    @Option(name: .long, help: ArgumentHelp(tr("help.schedule.overlay"), valueName: "FILE.yaml"))
    var overlay: [String] = []

    @Flag(name: .long, help: ArgumentHelp(tr("help.common.quiet")))
    var quiet = false

    @Flag(name: .long, help: ArgumentHelp(tr("help.schedule.json")))
    var json = false

    func validate() throws { try validating { try request.validate() } }

    private var request: ScheduleRequest {
        var request = ScheduleRequest(
            directory: directory, assignment: assignment, from: from, to: to, out: out, timeLimit: timeLimit,
            sets: sets, overlays: overlay, csv: csvOutput.settings, xlsx: workbook.xlsx)
        request.threads = threads
        return request
    }

    func run() throws {
        let observer = PlanningObserver.commandLine(
            quietWarnings: quiet || json, quietProgress: quiet || json, verbose: verbose)
        let outcome = try Planning.schedule(request, observer: observer)
        if json {
            print(Self.json(outcome.result, first: outcome.first, last: outcome.last))
        } else if !quiet {
            print(
                Self.summary(
                    outcome.result, scenario: outcome.scenario, first: outcome.first, last: outcome.last, out: out,
                    xlsx: workbook.xlsx))
        }
    }

    /// The figures of a schedule as JSON (keys sorted).
    static func json(_ r: SchedulePlan, first: Month, last: Month) -> String {
        let onsite = r.roster.sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
        let object: [String: Any] = [
            "from": first.description, "to": last.description, "sessions": r.roster.sessions.count,
            "onsite_hours": onsite, "rule_checks": r.compliance.count,
            "rule_checks_met": r.compliance.filter(\.ok).count,
            "duty_checks": r.duties.count, "duty_checks_met": r.duties.filter(\.ok).count,
            "shortfalls": r.shortfalls.count, "units": r.units, "all_optimal": r.allOptimal,
            "seconds": (r.seconds * 1000).rounded() / 1000,
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func summary(
        _ r: SchedulePlan, scenario: Scenario, first: Month, last: Month, out: String, xlsx: Bool = false
    ) -> String {
        var lines: [String] = []
        let onsite = r.roster.sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
        let failing = r.compliance.filter { !$0.ok }
        lines.append(
            tr(
                "schedule.head",
                [
                    "scenario": scenario.name, "first": PeriodText.isoMonth("\(first)"),
                    "last": PeriodText.isoMonth("\(last)"),
                    "rules": scenario.rules.name, "id": scenario.rules.id,
                ]))
        lines.append(
            tr(
                "schedule.totals",
                [
                    "sessions": r.roster.sessions.count, "hours": String(format: "%.0f", onsite), "units": r.units,
                    "met": r.compliance.count - failing.count, "checks": r.compliance.count,
                    "seconds": String(format: "%.2f", r.seconds),
                ])
                + (r.allOptimal ? "" : tr("schedule.timeLimit")))
        lines.append("")
        lines.append(complianceTable(r))
        if let duties = scenario.rules.duties?.duties, !duties.isEmpty {
            lines.append("")
            lines += dutyLines(r, duties)
        }
        if !r.shortfalls.isEmpty {
            lines.append("")
            lines += shortfallLines(r, out: out)
        }
        lines.append("")
        lines.append(
            tr(
                "schedule.wrote",
                [
                    "out": out,
                    "files": (scenario.rules.duties != nil ? ", duties.csv" : "") + (xlsx ? ", roster.xlsx" : ""),
                ]))
        return lines.joined(separator: "\n")
    }

    /// Per rule: how many periods, village checks, met and short.
    static func complianceTable(_ r: SchedulePlan) -> String {
        var table = TextTable(
            ["rule", "period", "villages", "met", "short"].map { tr("schedule.column.\($0)") }, rightAligned: [2, 3, 4])
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
            table.add([
                String(rule), tr("schedule.periods", ["count": keys.count]), "\(total)", "\(met)", "\(total - met)",
            ])
        }
        return table.render()
    }

    /// The duties planned (per duty: of whom, periods, planned, short), those on demand, and the
    /// first ten duty shortfalls.
    static func dutyLines(_ r: SchedulePlan, _ duties: [DutyRules.Duty]) -> [String] {
        var lines: [String] = []
        var table = TextTable(
            ["duty", "of", "periods", "planned", "short"].map { tr("schedule.column.\($0)") }, rightAligned: [2, 3, 4])
        for d in duties where d.planned {
            let rows = r.duties.filter { $0.rule == d.id }
            table.add([
                d.id,
                tr(d.scope == .firm ? "schedule.of.firm" : "schedule.of.adviser", ["count": Set(rows.map(\.id)).count]),
                "\(Set(rows.map(\.period)).count)", "\(rows.filter(\.ok).count)", "\(rows.filter { !$0.ok }.count)",
            ])
        }
        lines.append(tr("schedule.duties"))
        lines.append(table.render())
        let onDemand = duties.filter { !$0.planned }
        if !onDemand.isEmpty {
            lines.append(tr("schedule.onDemand") + onDemand.map { "\($0.id) (\($0.activity))" }.joined(separator: ", "))
        }
        for s in r.dutyShortfalls.prefix(10) {
            lines.append(
                tr(
                    "schedule.shortfall",
                    [
                        "who": s.adviser, "period": PeriodText.period(s.period), "rule": s.requirement,
                        "reason": s.reason,
                    ]
                ))
        }
        if r.dutyShortfalls.count > 10 {
            lines.append(tr("schedule.moreDuties", ["count": r.dutyShortfalls.count - 10]))
        }
        return lines
    }

    /// The villages' shortfalls: a count, the first thirty, and where the rest are.
    static func shortfallLines(_ r: SchedulePlan, out: String) -> [String] {
        var lines = [tr("schedule.shortfalls", ["count": r.shortfalls.count])]
        for s in r.shortfalls.prefix(30) {
            lines.append(
                tr(
                    "schedule.shortfall",
                    [
                        "who": s.village, "period": PeriodText.period(s.period), "rule": s.requirement,
                        "reason": s.reason,
                    ]
                ))
        }
        if r.shortfalls.count > 30 {
            lines.append(tr("schedule.moreShortfalls", ["count": r.shortfalls.count - 30, "out": out]))
        }
        return lines
    }
}
