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
        abstract: tr("help.assess.abstract"),
        discussion: tr("help.assess.discussion"))

    @Argument(help: ArgumentHelp(tr("help.common.directory")))
    var directory: String

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(tr("help.common.ledger"), valueName: "FILES"))
    var ledger: [String] = []

    @Option(name: .long, help: ArgumentHelp(tr("help.assess.period")))
    var period: String

    @Option(name: .long, help: ArgumentHelp(tr("help.assess.callbacks")))
    var callbacks: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.assess.assignment")))
    var assignment: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.assess.subsidy")))
    var subsidy: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.common.out")))
    var out: String

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    private var request: AssessRequest {
        AssessRequest(
            directory: directory, ledger: ledger, period: period, callbacks: callbacks, assignment: assignment,
            subsidy: subsidy, out: out, csv: csvOutput.settings, xlsx: workbook.xlsx)
    }

    func validate() throws { try validating { try request.validate() } }

    func run() throws {
        let outcome = try Planning.assess(request, observer: .commandLine())
        print(
            Self.text(outcome.assessment, out: out, counties: outcome.countyPages)
                + (workbook.xlsx ? "\n" + tr("check.wrote", ["out": "\(out)/assessment.xlsx"]) : ""))
    }

    static func text(_ a: Assessment, out: String, counties: Int) -> String {
        var lines = [
            tr(
                "assess.head",
                [
                    "scenario": a.scenario.name, "period": PeriodText.period("\(a.period)"),
                    "rules": a.scenario.rules.name, "id": a.scenario.rules.id,
                ])
        ]
        let villages = a.advisers.reduce(0) { $0 + $1.villages.count }
        lines.append(
            tr("assess.counts", ["advisers": a.advisers.count, "villages": villages])
                + (a.unserved.isEmpty ? "" : tr("assess.unserved", ["count": a.unserved.count]))
                + tr("assess.grades")
                + a.gradeCounts.map {
                    tr("assess.gradeCount", ["count": $0.count, "grade": tr("grade.\($0.grade.rawValue)")])
                }.joined(separator: tr("list.separator")))
        let base = a.advisers.reduce(0) { $0 + $1.baseCents },
            deducted = a.advisers.reduce(0) { $0 + $1.deductionCents }
        let payable = a.advisers.reduce(0) { $0 + $1.payableCents }
        lines.append(
            tr(
                "assess.subsidy",
                [
                    "currency": a.subsidy.currency, "base": Assessment.money(base),
                    "deducted": Assessment.money(deducted),
                ])
                + (a.rules.deduction.value == .deduct
                    ? "" : tr("assess.referenceOnly", ["source": a.rules.deduction.source]))
                + tr("assess.payableTotal", ["payable": Assessment.money(payable)]))
        var table = TextTable(
            ["adviser", "villages", "met", "callbacks", "grade", "deduction", "payable"].map {
                tr("assess.column.\($0)")
            }, rightAligned: [1, 2, 3, 5, 6])
        for r in a.advisers where r.grade != .pass {
            table.add([
                r.id, "\(r.villages.count)", "\(r.met)/\(r.checks)",
                r.callbacks.reached == 0 ? "—" : "\(r.callbacks.confirmed)/\(r.callbacks.reached)",
                tr("grade.\(r.grade.rawValue)"), Assessment.money(r.deductionCents), Assessment.money(r.payableCents),
            ])
        }
        if a.advisers.contains(where: { $0.grade != .pass }) {
            lines.append(tr("assess.notPassing"))
            lines.append(table.render())
            for r in a.advisers where r.grade == .fail {
                lines.append(tr("assess.fails", ["id": r.id, "reason": r.gradeReason, "consequence": r.consequence]))
            }
        }
        let dutyRows = a.advisers.flatMap(\.duties) + a.firms.flatMap(\.duties)
        if !dutyRows.isEmpty {
            let firmsShort = a.firms.filter { $0.duties.contains { !$0.ok } }
            lines.append(
                tr("assess.dutiesMet", ["met": dutyRows.filter(\.ok).count, "count": dutyRows.count])
                    + (firmsShort.isEmpty
                        ? ""
                        : tr("assess.firmsShort")
                            + firmsShort.map { f in
                                "\(f.id) ("
                                    + f.duties.filter { !$0.ok }.map {
                                        "\($0.rule) \($0.period) \($0.done)/\($0.required)"
                                    }.joined(separator: ", ") + ")"
                            }.joined(separator: ", ")))
        }
        lines.append(
            tr(
                "assess.wrote",
                [
                    "out": out, "duties": dutyRows.isEmpty && a.scenario.rules.duties == nil ? "" : ", duty-checks.csv",
                    "counties": counties,
                ]))
        return lines.joined(separator: "\n")
    }
}
