import Assignment
import CounselModel
import Foundation

/// `rebalance`: re-plan keeping as many pairs of a previous plan as possible.
public struct RebalanceRequest: Sendable {
    /// The scenario folder (this year's villages and advisers).
    public var directory: String
    /// The previous plan (assignment.csv as assign or rebalance wrote it).
    public var previous: String
    /// The folder for assignment.csv, summary.json and changes.csv.
    public var out: String
    /// At most this many pairs of the previous plan may change.
    public var maxChanges: Int?
    /// statuses.csv from `assess`, applied over advisers.csv.
    public var statuses: String?
    /// Variant, stability and solver limits.
    public var settings: PlanSettings
    /// How the CSV files are written.
    public var csv: CSVOutput
    /// Whether plan.xlsx is written too.
    public var xlsx: Bool

    /// A request from its parts.
    public init(
        directory: String, previous: String, out: String, maxChanges: Int? = nil, statuses: String? = nil,
        settings: PlanSettings = PlanSettings(), csv: CSVOutput = .plain, xlsx: Bool = false
    ) {
        self.directory = directory
        self.previous = previous
        self.out = out
        self.maxChanges = maxChanges
        self.statuses = statuses
        self.settings = settings
        self.csv = csv
        self.xlsx = xlsx
    }

    /// The usage errors of this request (exit 2).
    public func validate() throws {
        try settings.validate()
        if let n = maxChanges, n < 0 { throw PlanningError.usage(tr("usage.maxChanges")) }
    }
}

/// What `rebalance` planned and wrote.
public struct RebalanceOutcome {
    /// The plan and its summary (with its `rebalance` object).
    public var planned: PlanOutcome
    /// Every village whose adviser differs from the previous plan.
    public var changes: [PlanChange]
    /// The changes of previous pairs of villages still in the scenario (what --max-changes bounds).
    public var counted: [PlanChange]
    /// The previous plan's pairs of villages still in the scenario.
    public var previousPairs: Int
    /// `--statuses`: the advisers whose status changed (`ID → status`) and those no longer in advisers.csv.
    public var statusesApplied: (path: String, changed: [String], gone: [String])?
}

extension Planning {
    /// Re-plans against the previous plan and writes OUT/assignment.csv, OUT/summary.json and OUT/changes.csv.
    ///
    /// - Throws: ``PlanningError``: invalid input (1) also when more pairs must change than
    ///   `maxChanges` allows, or no plan keeps within it; usage (2); failure (4).
    public static func rebalance(_ request: RebalanceRequest, observer: PlanningObserver = PlanningObserver()) throws
        -> RebalanceOutcome
    {
        var run = try PlanningRun(directory: request.directory, settings: request.settings, observer: observer)
        var statusesApplied: (path: String, changed: [String], gone: [String])?
        if let statuses = request.statuses {
            // Applied to the loaded scenario, before anything is planned: the profile's excluded
            // statuses then keep a failed adviser out exactly as advisers.csv would.
            let file = try StatusesFile.load(statuses)
            let index = Dictionary(
                run.scenario.advisers.indices.map { (run.scenario.advisers[$0].id, $0) },
                uniquingKeysWith: { a, _ in a })
            var changed: [String] = [], gone: [String] = []
            for (id, status) in file {
                guard let i = index[id] else {
                    gone.append(id)
                    continue
                }
                if run.scenario.advisers[i].status != status { changed.append("\(id) → \(status.rawValue)") }
                run.scenario.advisers[i].status = status
            }
            statusesApplied = (statuses, changed, gone)
        }
        let pairs = try PreviousPlanFile.load(request.previous)
        // The previous plan's adviser is this year's incumbent (the `incumbent` column and weight).
        let byVillage = Dictionary(pairs.map { ($0.village, $0) }, uniquingKeysWith: { a, _ in a })
        for i in run.scenario.villages.indices {
            run.scenario.villages[i].currentAdviser = byVillage[run.scenario.villages[i].id].flatMap {
                $0.adviser.isEmpty ? nil : $0.adviser
            }
        }
        let problem = AssignmentProblem(
            scenario: run.scenario, previous: AssignmentProblem.previousUnits(pairs, scenario: run.scenario))
        let maxChanges = request.maxChanges
        if let n = maxChanges {
            let forced = problem.villageIndices.filter { v in
                problem.previousID[v] != nil
                    && problem.forcedChangeReason(
                        village: v, previousAdviser: byVillage[problem.villages[v].id]!.adviser) != nil
            }
            if forced.count > n {
                let shown = forced.prefix(10).map { v in
                    "  \(problem.villages[v].id): " + problem.forcedChangeReason(
                        village: v, previousAdviser: byVillage[problem.villages[v].id]!.adviser)!
                }
                throw PlanningError.invalidInput(
                    tr("input.forced", ["count": forced.count, "max": n]) + "\n"
                        + shown.joined(separator: "\n")
                        + (forced.count > 10 ? "\n" + tr("input.andMoreIndented", ["count": forced.count - 10]) : "")
                        + "\n" + tr("input.forcedTail", ["count": forced.count]))
            }
        }
        let plan = try run.solve(problem, maxChanges: maxChanges)
        if plan.status == .infeasible {
            throw PlanningError.invalidInput(tr("input.noPlanWithin", ["max": maxChanges ?? 0]))
        }
        let changes = plan.changes(from: pairs)
        let villageIDs = Set(problem.villages.map(\.id))
        let counted = changes.filter { !$0.oldAdviser.isEmpty && villageIDs.contains($0.village) }
        let previousPairs = problem.previousID.compactMap { $0 }.count
        var summary = plan.summary
        summary.rebalance = RebalanceFigures(
            previous: request.previous, previousPairs: previousPairs, changed: counted.count,
            forced: counted.filter(\.forced).count,
            newVillages: changes.filter { $0.kind == .gained }.count,
            removedVillages: changes.filter { $0.kind == .removed }.count,
            maxChanges: maxChanges, statuses: request.statuses)
        let summaryData = try SummaryFile.write(summary)
        let changesCSV = Plan.changesCSV(changes)
        let written = try run.write(
            plan, problem: problem, out: request.out, csv: request.csv,
            extra: [
                ("changes.csv", Plan.changesFile(changes, language: request.csv.language, excel: request.csv.excel))
            ], summary: summaryData,
            xlsx: request.xlsx, changesCSV: changesCSV)
        return RebalanceOutcome(
            planned: PlanOutcome(plan: plan, variant: run.variant, summaryJSON: written, out: request.out),
            changes: changes, counted: counted, previousPairs: previousPairs, statusesApplied: statusesApplied)
    }
}

/// Reads the previous plan for `rebalance` (through ``AssignmentTable``): villages or advisers
/// no longer in the scenario are expected (that is what rebalancing is for); only a malformed file
/// is an error.
enum PreviousPlanFile {
    static func load(_ path: String) throws -> [PreviousPair] {
        let contents: AssignmentTable.Contents
        do {
            contents = try AssignmentTable.read(URL(fileURLWithPath: path), displayName: path)
        } catch let d as Diagnostic {
            throw PlanningError.invalidInput("\(d)\n" + tr("consequence.planned"))
        }
        if !contents.diagnostics.isEmpty {
            throw PlanningError.file(
                ScenarioError(contents.diagnostics), name: path, consequence: tr("consequence.planned"))
        }
        return contents.rows.map {
            PreviousPair(village: $0.row.villageID, adviser: $0.row.adviserID, team: $0.row.teamID)
        }
    }
}

/// Reads `statuses.csv` for `rebalance --statuses` (as `assess` writes it: `adviser_id,status`,
/// further columns ignored): every status must be one of advisers.csv's.
enum StatusesFile {
    static func load(_ path: String) throws -> [(adviser: String, status: AdviserStatus)] {
        let contents: CSVFormat.Contents
        do {
            contents = try CSVFormat.statuses.read(
                URL(fileURLWithPath: path), displayName: path, required: ["adviser_id", "status"])
        } catch let d as Diagnostic {
            throw PlanningError.invalidInput("\(d)\n" + tr("consequence.planned"))
        }
        var problems = contents.diagnostics
        var seen: [String: Int] = [:]
        var result: [(String, AdviserStatus)] = []
        for r in contents.records {
            let a = r["adviser_id"]!, s = r["status"]!
            if a.text.isEmpty {
                problems.append(
                    Diagnostic(
                        file: path, line: a.line, column: a.column,
                        tr("field.problem", ["name": "adviser_id", "message": tr("field.required")])))
                continue
            }
            if let reason = Identifier.problem(a.text) {
                problems.append(
                    Diagnostic(
                        file: path, line: a.line, column: a.column,
                        tr(
                            "field.problem",
                            [
                                "name": "adviser_id",
                                "message": tr("id.notValid", ["value": Identifier.quoted(a.text), "reason": reason]),
                            ])))
                continue
            }
            if let first = seen[a.text] {
                problems.append(
                    Diagnostic(
                        file: path, line: a.line, column: a.column,
                        tr("plan.adviserTwice", ["id": a.text, "first": first])))
                continue
            }
            seen[a.text] = a.line
            guard let status = AdviserStatus(rawValue: s.text) else {
                problems.append(
                    Diagnostic(
                        file: path, line: s.line, column: s.column,
                        tr(
                            "field.problem",
                            [
                                "name": "status",
                                "message": tr(
                                    "field.oneOf",
                                    [
                                        "values": AdviserStatus.allCases.map(\.rawValue).joined(separator: ", "),
                                        "raw": s.text,
                                    ]),
                            ])))
                continue
            }
            result.append((a.text, status))
        }
        if !problems.isEmpty {
            throw PlanningError.file(ScenarioError(problems), name: path, consequence: tr("consequence.planned"))
        }
        return result
    }
}
