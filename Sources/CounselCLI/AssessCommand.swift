import ArgumentParser
import CounselModel
import Foundation
import Planning
import Reports
import Scheduling

/// `village-counsel assess DIR --ledger FILES… --period 2026-H1 --out OUT`: the half-yearly
/// assessment (考核评估) with grades and subsidy deductions.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess every adviser for a half-year or year: grades, subsidy deductions, and the statuses for the next plan.",
        discussion: """
            Counts the ledgers' records (and, with --callbacks, leaves out entries a call-back did not confirm) against \
            every requirement of the profile whose period ends in --period (2026-H1, 2026-H2 or 2026), grades each \
            adviser pass, rectify or fail by the profile's `assessment` rules, and computes the subsidy from the \
            scenario's subsidy.yaml (or --subsidy). Writes OUT/assessment.csv (per adviser and village), \
            OUT/checks.csv (every check, in compliance.csv's columns), OUT/subsidy.csv (per adviser and firm, with the arithmetic), \
            OUT/statuses.csv (for `rebalance --statuses`), OUT/duty-checks.csv (the duties of advisers and firms, \
            counted in the advisers' grades) and OUT/counties/COUNTY_ID.html (a printable A4 summary per \
            county, without villagers' personal data); with --xlsx also OUT/assessment.xlsx. Exit status 0 when written, 1 for invalid input, 2 for usage \
            errors, 4 when a file cannot be written.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("The ledger books (files, or folders of .csv files such as OUT/ledgers).", valueName: "FILES"))
    var ledger: [String] = []

    @Option(name: .long, help: "The period assessed: 2026-H1, 2026-H2 or 2026.")
    var period: String

    @Option(name: .long, help: "The call-back list with results (callbacks.csv).")
    var callbacks: String?

    @Option(name: .long, help: "The plan of the period (assignment.csv): who serves which village (default: the adviser with most entries, else current_adviser).")
    var assignment: String?

    @Option(name: .long, help: "The subsidy amounts (default: DIR/subsidy.yaml).")
    var subsidy: String?

    @Option(name: .long, help: "Folder for the outputs (created if missing).")
    var out: String

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    private var request: AssessRequest {
        AssessRequest(directory: directory, ledger: ledger, period: period, callbacks: callbacks, assignment: assignment,
                      subsidy: subsidy, out: out, csv: csvOutput.settings, xlsx: workbook.xlsx)
    }

    func validate() throws { try validating { try request.validate() } }

    func run() throws {
        let outcome = try Planning.assess(request, observer: .commandLine())
        print(Self.text(outcome.assessment, out: out, counties: outcome.countyPages) + (workbook.xlsx ? "\nwrote \(out)/assessment.xlsx" : ""))
    }

    static func text(_ a: Assessment, out: String, counties: Int) -> String {
        var lines = ["\(a.scenario.name): \(a.period) assessment under the rules of \(a.scenario.rules.name) (\(a.scenario.rules.id))"]
        let villages = a.advisers.reduce(0) { $0 + $1.villages.count }
        lines.append("\(a.advisers.count) adviser(s), \(villages) village(s)" + (a.unserved.isEmpty ? "" : "; \(a.unserved.count) village(s) without an adviser, not assessed")
            + "; grades: " + a.gradeCounts.map { "\($0.count) \($0.grade.rawValue)" }.joined(separator: ", "))
        let base = a.advisers.reduce(0) { $0 + $1.baseCents }, deducted = a.advisers.reduce(0) { $0 + $1.deductionCents }
        let payable = a.advisers.reduce(0) { $0 + $1.payableCents }
        lines.append("subsidy (\(a.subsidy.currency)): base \(Assessment.money(base)), deductions \(Assessment.money(deducted))"
            + (a.rules.deduction.value == .deduct ? "" : " (for reference only: \(a.rules.deduction.source))") + ", payable \(Assessment.money(payable))")
        var table = TextTable(["adviser", "villages", "checks met", "call-backs", "grade", "deduction", "payable"], rightAligned: [1, 2, 3, 5, 6])
        for r in a.advisers where r.grade != .pass {
            table.add([r.id, "\(r.villages.count)", "\(r.met)/\(r.checks)", r.callbacks.reached == 0 ? "—" : "\(r.callbacks.confirmed)/\(r.callbacks.reached)",
                       r.grade.rawValue, Assessment.money(r.deductionCents), Assessment.money(r.payableCents)])
        }
        if a.advisers.contains(where: { $0.grade != .pass }) {
            lines.append("advisers not passing:")
            lines.append(table.render())
            for r in a.advisers where r.grade == .fail { lines.append("  \(r.id) fails: \(r.gradeReason); \(r.consequence)") }
        }
        let dutyRows = a.advisers.flatMap(\.duties) + a.firms.flatMap(\.duties)
        if !dutyRows.isEmpty {
            let firmsShort = a.firms.filter { $0.duties.contains { !$0.ok } }
            lines.append("duties of advisers and firms: \(dutyRows.filter(\.ok).count) of \(dutyRows.count) met (counted in the advisers' grades)"
                + (firmsShort.isEmpty ? "" : "; firms short: " + firmsShort.map { f in
                    "\(f.id) (" + f.duties.filter { !$0.ok }.map { "\($0.rule) \($0.period) \($0.done)/\($0.required)" }.joined(separator: ", ") + ")"
                }.joined(separator: ", ")))
        }
        lines.append("wrote \(out)/assessment.csv, checks.csv, subsidy.csv, statuses.csv\(dutyRows.isEmpty && a.scenario.rules.duties == nil ? "" : ", duty-checks.csv") and \(counties) county page(s) in \(out)/counties/")
        return lines.joined(separator: "\n")
    }
}
