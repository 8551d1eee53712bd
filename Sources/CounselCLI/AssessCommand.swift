import ArgumentParser
import CounselModel
import Foundation
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

    func validate() throws {
        if ledger.isEmpty { throw ValidationError("give the ledger books: --ledger FILES… (or a folder such as OUT/ledgers)") }
        if Assessment.Period(period) == nil { throw ValidationError("--period must be a half-year (2026-H1, 2026-H2) or a year (2026), got '\(period)'") }
    }

    func run() throws {
        let period = Assessment.Period(self.period)!
        let scenario = try loadScenario(directory)
        let calendar = try loadCalendar(for: scenario, directory: directory)
        let audit: LedgerAudit
        do { audit = try LedgerAudit(scenario: scenario, calendar: calendar) } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "nothing was assessed")
        }
        let subsidyPath = subsidy ?? URL(fileURLWithPath: directory).appendingPathComponent("subsidy.yaml").path
        let amounts: SubsidySettings
        do {
            amounts = try SubsidySettings.load(from: URL(fileURLWithPath: subsidyPath), displayName: subsidyPath)
        } catch let error as ScenarioError {
            let n = error.diagnostics.count
            throw InputError(description: error.diagnostics.map(\.description).joined(separator: "\n")
                + "\n\(n) problem\(n == 1 ? "" : "s") found in \(subsidyPath); nothing was assessed")
        }
        let files = try LedgerFiles.expand(ledger)
        let ledger = try LedgerFiles.load(files, scenario: scenario, consequence: "nothing was assessed")
        let list = try callbacks.map { try LedgerFiles.loadCallbacks($0, for: ledger, consequence: "nothing was assessed") }
        let plan = try assignment.map { path in try AssignmentPlanFile.load(path, scenario: scenario).mapValues(\.adviser) }
        let assessment: Assessment
        do {
            assessment = try Assessment(audit: audit, ledger: ledger, period: period, subsidy: amounts, callbacks: list?.rows ?? [], assignment: plan)
        } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "nothing was assessed")
        }
        let outURL = URL(fileURLWithPath: out)
        let assessmentCSV = assessment.assessmentCSV(), checksCSV = ComplianceEvaluator.csv(assessment.checkRows)
        let subsidyCSV = assessment.subsidyCSV(), statusesCSV = assessment.statusesCSV()
        var workbookData: Data?
        if workbook.xlsx {
            do {
                workbookData = try OutputWorkbooks.assessment(assessmentCSV: assessmentCSV, checksCSV: checksCSV, subsidyCSV: subsidyCSV,
                                                              statusesCSV: statusesCSV, counties: scenario.counties, language: csvOutput.lang)
            } catch {
                throw RunFailure(message: "cannot make assessment.xlsx: \(error)")
            }
        }
        let counties = AssessmentPage.counties(assessment)
        do {
            // One set, swapped in together: the four tables, duty-checks.csv (where the profile has
            // duties), assessment.xlsx (--xlsx; a stale one would contradict the new assessment)
            // and counties/ (replaced whole; files there that are not county pages stay).
            let set = try OutputSet(folder: outURL, name: "assess")
            try set.write(csvOutput.encode(assessmentCSV, CSVHeaders.assessment), to: "assessment.csv")
            // checks.csv, not compliance.csv: OUT may be the folder where `schedule` wrote the plan's compliance.csv.
            try set.write(csvOutput.encode(checksCSV, CSVHeaders.compliance), to: "checks.csv")
            try set.write(csvOutput.encode(subsidyCSV, CSVHeaders.subsidy), to: "subsidy.csv")
            try set.write(csvOutput.encode(statusesCSV, CSVHeaders.statuses), to: "statuses.csv")
            // The duties of advisers and firms, named apart from schedule's duties.csv as checks.csv is.
            if scenario.rules.duties != nil {
                try set.write(csvOutput.encode(assessment.dutyChecksCSV(), CSVHeaders.duties), to: "duty-checks.csv")
            } else {
                set.remove("duty-checks.csv")
            }
            if let workbookData { try set.write(workbookData, to: "assessment.xlsx") } else { set.remove("assessment.xlsx") }
            try set.addFolder("counties", owns: { $0.hasSuffix(".html") })
            let fileNames = OutputFileName.names(for: counties.map(\.id))
            for county in counties {
                try set.write(AssessmentPage(assessment: assessment, county: county).html(), to: "counties/\(fileNames[county.id]!).html")
            }
            try set.commit()
        } catch {
            throw RunFailure(message: "cannot write the assessment to \(out): \(error)")
        }
        print(Self.text(assessment, out: out, counties: counties.count) + (workbook.xlsx ? "\nwrote \(out)/assessment.xlsx" : ""))
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
