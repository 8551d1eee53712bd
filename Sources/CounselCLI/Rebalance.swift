import ArgumentParser
import CounselModel
import Foundation
import Planning

/// `village-counsel rebalance DIR --previous PLAN.csv --out OUT [--max-changes N]`: the yearly
/// re-plan that keeps as many of last year's pairs as it can.
struct Rebalance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("help.rebalance.abstract"),
        discussion: tr("help.rebalance.discussion"))

    @Argument(help: ArgumentHelp(tr("help.rebalance.directory")))
    var directory: String

    @Option(name: .long, help: ArgumentHelp(tr("help.rebalance.previous")))
    var previous: String

    @Option(name: .long, help: ArgumentHelp(tr("help.rebalance.out")))
    var out: String

    @Option(name: .customLong("max-changes"), help: ArgumentHelp(tr("help.rebalance.maxChanges")))
    var maxChanges: Int?

    @Option(name: .long, help: ArgumentHelp(tr("help.rebalance.statuses")))
    var statuses: String?

    @OptionGroup var planning: PlanningOptions

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    func validate() throws { try validating { try request.validate() } }

    private var request: RebalanceRequest {
        RebalanceRequest(
            directory: directory, previous: previous, out: out, maxChanges: maxChanges, statuses: statuses,
            settings: planning.settings, csv: csvOutput.settings, xlsx: workbook.xlsx)
    }

    func run() throws {
        let outcome = try SolveInterrupt.run { try Planning.rebalance(request, observer: planning.observer) }
        planning.print(
            outcome.planned, extra: Self.lines(outcome, maxChanges: maxChanges, out: out, xlsx: workbook.xlsx))
    }

    /// What rebalance prints above the plan's summary: the statuses applied and the changes.
    static func lines(_ outcome: RebalanceOutcome, maxChanges: Int?, out: String, xlsx: Bool) -> [String] {
        var lines: [String] = []
        if let (statuses, changed, gone) = outcome.statusesApplied {
            lines.append(
                tr("rebalance.statuses", ["file": statuses, "count": changed.count])
                    + (changed.isEmpty
                        ? ""
                        : " (" + changed.prefix(10).joined(separator: ", ")
                            + (changed.count > 10 ? ", …" : "") + ")")
                    + (gone.isEmpty
                        ? "" : tr("rebalance.gone", ["count": gone.count]) + gone.prefix(10).joined(separator: ", ")))
        }
        let changes = outcome.changes, counted = outcome.counted
        lines += [
            tr(
                "rebalance.changes",
                ["changed": counted.count, "pairs": outcome.previousPairs, "forced": counted.filter(\.forced).count])
                + (maxChanges.map { tr("rebalance.allowed", ["max": $0]) } ?? "")
                + tr("rebalance.newVillages", ["count": changes.filter { $0.oldAdviser.isEmpty }.count])
        ]
        let shown = changes.prefix(30)
        lines += shown.map {
            tr(
                "rebalance.change",
                [
                    "village": $0.village, "old": $0.oldAdviser.isEmpty ? "—" : $0.oldAdviser,
                    "new": $0.newAdviser.isEmpty ? "—" : $0.newAdviser, "reason": $0.reason,
                ])
        }
        if changes.count > shown.count {
            lines.append(tr("rebalance.more", ["count": changes.count - shown.count, "out": out]))
        }
        lines.append(tr("rebalance.wrote", ["out": out]) + (xlsx ? tr("rebalance.andPlan", ["out": out]) : ""))
        return lines
    }
}
