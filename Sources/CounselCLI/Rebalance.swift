import ArgumentParser
import Assignment
import CounselModel
import Foundation

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

    func validate() throws {
        try planning.check()
        if let n = maxChanges, n < 0 { throw ValidationError("--max-changes must be 0 or more") }
    }

    func run() throws {
        var run = try PlanningRun(directory: directory, options: planning)
        var statusLines: [String] = []
        if let statuses {
            // Applied to the loaded scenario, before anything is planned: the profile's excluded
            // statuses then keep a failed adviser out exactly as advisers.csv would.
            let file = try StatusesFile.load(statuses)
            let index = Dictionary(run.scenario.advisers.indices.map { (run.scenario.advisers[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
            var changed: [String] = [], gone: [String] = []
            for (id, status) in file {
                guard let i = index[id] else { gone.append(id); continue }
                if run.scenario.advisers[i].status != status { changed.append("\(id) → \(status.rawValue)") }
                run.scenario.advisers[i].status = status
            }
            statusLines.append("statuses from \(statuses): \(changed.count) changed" + (changed.isEmpty ? "" : " (" + changed.prefix(10).joined(separator: ", ")
                + (changed.count > 10 ? ", …" : "") + ")") + (gone.isEmpty ? "" : "; \(gone.count) not in advisers.csv (left), ignored: " + gone.prefix(10).joined(separator: ", ")))
        }
        let pairs = try PreviousPlanFile.load(previous)
        // The previous plan's adviser is this year's incumbent (the `incumbent` column and weight).
        let byVillage = Dictionary(pairs.map { ($0.village, $0) }, uniquingKeysWith: { a, _ in a })
        for i in run.scenario.villages.indices {
            run.scenario.villages[i].currentAdviser = byVillage[run.scenario.villages[i].id].flatMap { $0.adviser.isEmpty ? nil : $0.adviser }
        }
        let problem = AssignmentProblem(scenario: run.scenario, previous: AssignmentProblem.previousUnits(pairs, scenario: run.scenario))
        if let n = maxChanges {
            let forced = problem.villages.indices.filter { v in
                problem.previousID[v] != nil && problem.forcedChangeReason(village: v, previousAdviser: byVillage[problem.villages[v].id]!.adviser) != nil
            }
            if forced.count > n {
                let shown = forced.prefix(10).map { v in
                    "  \(problem.villages[v].id): " + problem.forcedChangeReason(village: v, previousAdviser: byVillage[problem.villages[v].id]!.adviser)!
                }
                throw InputError(description: "\(forced.count) pairs of the previous plan must change whatever the plan, more than --max-changes \(n):\n"
                    + shown.joined(separator: "\n") + (forced.count > 10 ? "\n  … and \(forced.count - 10) more" : "")
                    + "\nnothing was planned; allow at least --max-changes \(forced.count)")
            }
        }
        let plan = try run.solve(problem, maxChanges: maxChanges)
        if plan.status == .infeasible {
            throw InputError(description: "no plan keeps within --max-changes \(maxChanges ?? 0): the caps or conflicts of interest force more of the previous pairs to change; nothing was planned. Run without --max-changes to see how many changes the best plan needs.")
        }
        let changes = plan.changes(from: pairs)
        let villageIDs = Set(problem.villages.map(\.id))
        let counted = changes.filter { !$0.oldAdviser.isEmpty && villageIDs.contains($0.village) }
        var summary = try JSONSerialization.jsonObject(with: plan.summaryJSON()) as! [String: Any]
        summary["rebalance"] = [
            "previous": previous,
            "previous_pairs": problem.previousID.compactMap { $0 }.count,
            "changed": counted.count,
            "forced": counted.filter(\.forced).count,
            "new_villages": changes.filter { $0.oldAdviser.isEmpty }.count,
            "removed_villages": changes.filter { $0.reason == "village no longer in the scenario" }.count,
            "max_changes": maxChanges.map { $0 as Any } ?? NSNull(),
            "statuses": statuses.map { $0 as Any } ?? NSNull(),
        ] as [String: Any]
        var summaryData = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        summaryData.append(0x0A)
        let changesCSV = Plan.changesCSV(changes)
        try run.write(plan, problem: problem, out: out, csvOutput: csvOutput,
                      extra: [("changes.csv", csvOutput.encode(changesCSV, CSVHeaders.changes))], summary: summaryData,
                      workbook: workbook, changesCSV: changesCSV)
        var lines = statusLines + ["Changes to the previous plan: \(counted.count) of \(problem.previousID.compactMap { $0 }.count) pairs changed (\(counted.filter(\.forced).count) forced)"
            + (maxChanges.map { ", at most \($0) allowed" } ?? "") + "; \(changes.filter { $0.oldAdviser.isEmpty }.count) new village(s) given an adviser"]
        let shown = changes.prefix(30)
        lines += shown.map { "  \($0.village): \($0.oldAdviser.isEmpty ? "—" : $0.oldAdviser) → \($0.newAdviser.isEmpty ? "—" : $0.newAdviser): \($0.reason)" }
        if changes.count > shown.count { lines.append("  … and \(changes.count - shown.count) more in \(out)/changes.csv") }
        lines.append("wrote \(out)/changes.csv" + (workbook.xlsx ? " and \(out)/plan.xlsx" : ""))
        run.print(plan, out: out, extra: lines, summary: summaryData)
    }
}

/// Reads the previous plan for `rebalance`: villages or advisers no longer in the scenario are
/// expected (that is what rebalancing is for); only a malformed file is an error.
enum PreviousPlanFile {
    static func load(_ path: String) throws -> [PreviousPair] {
        let table: CSVTable
        do {
            table = try CSVTable(contentsOf: URL(fileURLWithPath: path), file: path)
        } catch let d as Diagnostic {
            throw InputError(description: "\(d)\nnothing was planned")
        } catch {
            throw InputError(description: "\(path): cannot read the previous plan: \(error)\nnothing was planned")
        }
        let header = table.header.map { CSVHeaders.english($0.text, file: "assignment.csv") }
        guard let vi = header.firstIndex(of: "village_id"), let ai = header.firstIndex(of: "adviser_id") else {
            throw InputError(description: "\(path):1: a previous plan needs the columns village_id and adviser_id (as assign writes them)\nnothing was planned")
        }
        let ti = header.firstIndex(of: "team_id")
        var problems: [String] = []
        var seen: [String: Int] = [:]
        var pairs: [PreviousPair] = []
        for r in table.records {
            guard r.fields.count == header.count else { problems.append("\(path):\(r.line): expected \(header.count) fields, found \(r.fields.count)"); continue }
            let v = r.fields[vi]
            if v.text.isEmpty { problems.append("\(path):\(v.line):\(v.column): village_id: required, but empty"); continue }
            if let first = seen[v.text] {
                problems.append("\(path):\(v.line):\(v.column): village_id '\(v.text)' appears a second time (first at line \(first)); a plan gives each village one row")
                continue
            }
            seen[v.text] = v.line
            // Ids no longer in the scenario are expected here, so each is held to the id rule itself.
            var valid = true
            for (name, i) in [("village_id", vi), ("adviser_id", ai)] + (ti.map { [("team_id", $0)] } ?? []) {
                let f = r.fields[i]
                if !f.text.isEmpty, let reason = Identifier.problem(f.text) {
                    problems.append("\(path):\(f.line):\(f.column): \(name): \(Identifier.quoted(f.text)) is not a valid id: \(reason)")
                    valid = false
                }
            }
            guard valid else { continue }
            let team = ti.map { r.fields[$0].text }.flatMap { $0.isEmpty ? nil : $0 }
            pairs.append(PreviousPair(village: v.text, adviser: r.fields[ai].text, team: team))
        }
        if !problems.isEmpty {
            throw InputError(description: problems.joined(separator: "\n") + "\n\(problems.count) problem\(problems.count == 1 ? "" : "s") found in \(path); nothing was planned")
        }
        return pairs
    }
}

/// Reads `statuses.csv` for `rebalance --statuses` (as `assess` writes it: `adviser_id,status`,
/// further columns ignored): every status must be one of advisers.csv's.
enum StatusesFile {
    static func load(_ path: String) throws -> [(adviser: String, status: AdviserStatus)] {
        let table: CSVTable
        do {
            table = try CSVTable(contentsOf: URL(fileURLWithPath: path), file: path)
        } catch let d as Diagnostic {
            throw InputError(description: "\(d)\nnothing was planned")
        } catch {
            throw InputError(description: "\(path): cannot read the statuses: \(error)\nnothing was planned")
        }
        let header = table.header.map { CSVHeaders.english($0.text, file: "statuses.csv") }
        guard let ai = header.firstIndex(of: "adviser_id"), let si = header.firstIndex(of: "status") else {
            throw InputError(description: "\(path):1: a statuses file needs the columns adviser_id and status (as assess writes them)\nnothing was planned")
        }
        var problems: [String] = []
        var seen: [String: Int] = [:]
        var result: [(String, AdviserStatus)] = []
        for r in table.records {
            guard r.fields.count == header.count else { problems.append("\(path):\(r.line): expected \(header.count) fields, found \(r.fields.count)"); continue }
            let a = r.fields[ai], s = r.fields[si]
            if a.text.isEmpty { problems.append("\(path):\(a.line):\(a.column): adviser_id: required, but empty"); continue }
            if let reason = Identifier.problem(a.text) {
                problems.append("\(path):\(a.line):\(a.column): adviser_id: \(Identifier.quoted(a.text)) is not a valid id: \(reason)")
                continue
            }
            if let first = seen[a.text] {
                problems.append("\(path):\(a.line):\(a.column): adviser_id '\(a.text)' appears a second time (first at line \(first))")
                continue
            }
            seen[a.text] = a.line
            guard let status = AdviserStatus(rawValue: s.text) else {
                problems.append("\(path):\(s.line):\(s.column): status: expected one of \(AdviserStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(s.text)'")
                continue
            }
            result.append((a.text, status))
        }
        if !problems.isEmpty {
            throw InputError(description: problems.joined(separator: "\n") + "\n\(problems.count) problem\(problems.count == 1 ? "" : "s") found in \(path); nothing was planned")
        }
        return result
    }
}
