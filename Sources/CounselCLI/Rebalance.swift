import ArgumentParser
import Foundation
import Planning

/// `village-counsel rebalance DIR --previous PLAN.csv --out OUT [--max-changes N]`: the yearly
/// re-plan that keeps as many of last year's pairs as it can.
struct Rebalance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-plan after advisers leave or fail assessment, or villages are added, keeping as many pairs of the previous plan as possible; writes OUT/assignment.csv, OUT/summary.json and OUT/changes.csv.",
        discussion: """
            Coverage first, then the fewest changes to the previous plan's pairs, then the usual \
            objective (with `stable`, stability comes before all). --max-changes N bounds the \
            previous pairs that may change, forced ones included (an adviser who left, failed \
            assessment or may no longer serve the village). --statuses FILE (statuses.csv from `assess`) sets \
            advisers' statuses over advisers.csv first, so failed advisers are replaced where the profile excludes \
            failed_assessment. changes.csv lists every village whose adviser differs: village, old_adviser, new_adviser, reason. Exit status 0 for a plan; 1 \
            for invalid input, or a --max-changes no plan can keep; 2 for usage errors.
            """)

    @Argument(help: "The scenario folder (this year's villages and advisers).")
    var directory: String

    @Option(name: .long, help: "The previous plan (assignment.csv as assign or rebalance wrote it; village_id and adviser_id columns, team_id in the team model).")
    var previous: String

    @Option(name: .long, help: "Folder for assignment.csv, summary.json and changes.csv (created if missing).")
    var out: String

    @Option(name: .customLong("max-changes"), help: "At most this many pairs of the previous plan may change (a hard bound).")
    var maxChanges: Int?

    @Option(name: .long, help: "Advisers' statuses for this plan (statuses.csv from `assess`: adviser_id,status): applied over advisers.csv, e.g. failed_assessment.")
    var statuses: String?

    @OptionGroup var planning: PlanningOptions

    @OptionGroup var csvOutput: CSVOutputOptions

    @OptionGroup var workbook: WorkbookOutputOptions

    func validate() throws { try validating { try request.validate() } }

    private var request: RebalanceRequest {
        RebalanceRequest(directory: directory, previous: previous, out: out, maxChanges: maxChanges, statuses: statuses,
                         settings: planning.settings, csv: csvOutput.settings, xlsx: workbook.xlsx)
    }

    func run() throws {
        let outcome = try Planning.rebalance(request, observer: planning.observer)
        planning.print(outcome.planned, extra: Self.lines(outcome, maxChanges: maxChanges, out: out, xlsx: workbook.xlsx))
    }

    /// What rebalance prints above the plan's summary: the statuses applied and the changes.
    static func lines(_ outcome: RebalanceOutcome, maxChanges: Int?, out: String, xlsx: Bool) -> [String] {
        var lines: [String] = []
        if let (statuses, changed, gone) = outcome.statusesApplied {
            lines.append("statuses from \(statuses): \(changed.count) changed" + (changed.isEmpty ? "" : " (" + changed.prefix(10).joined(separator: ", ")
                + (changed.count > 10 ? ", …" : "") + ")") + (gone.isEmpty ? "" : "; \(gone.count) not in advisers.csv (left), ignored: " + gone.prefix(10).joined(separator: ", ")))
        }
        let changes = outcome.changes, counted = outcome.counted
        lines += ["Changes to the previous plan: \(counted.count) of \(outcome.previousPairs) pairs changed (\(counted.filter(\.forced).count) forced)"
            + (maxChanges.map { ", at most \($0) allowed" } ?? "") + "; \(changes.filter { $0.oldAdviser.isEmpty }.count) new village(s) given an adviser"]
        let shown = changes.prefix(30)
        lines += shown.map { "  \($0.village): \($0.oldAdviser.isEmpty ? "—" : $0.oldAdviser) → \($0.newAdviser.isEmpty ? "—" : $0.newAdviser): \($0.reason)" }
        if changes.count > shown.count { lines.append("  … and \(changes.count - shown.count) more in \(out)/changes.csv") }
        lines.append("wrote \(out)/changes.csv" + (xlsx ? " and \(out)/plan.xlsx" : ""))
        return lines
    }
}
