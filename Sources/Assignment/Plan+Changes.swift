import CounselModel
import Foundation

/// One row of the previous plan given to `rebalance` (`--previous PLAN.csv`).
public struct PreviousPair: Sendable, Equatable {
    /// Village id.
    public var village: String
    /// Adviser id (in the team model, the team's lead).
    public var adviser: String
    /// Team id, when the plan was made in the team model.
    public var team: String?

    /// Makes a pair.
    public init(village: String, adviser: String, team: String? = nil) {
        self.village = village
        self.adviser = adviser
        self.team = team
    }
}

/// One line of `changes.csv`: a village whose adviser differs from the previous plan.
public struct PlanChange: Sendable, Equatable {
    /// What happened to the village, for counting (the `reason` is text for people, in the run's
    /// language, and is never compared).
    public enum Kind: Sendable, Equatable {
        /// The village had no adviser in the previous plan (a new village, or one left without).
        case gained
        /// The village had an adviser and now has another, or none.
        case changed
        /// The village is no longer in the scenario (`removed_villages` in `summary.json`).
        case removed
    }

    /// Village id.
    public var village: String
    /// The previous adviser (empty for a new village).
    public var oldAdviser: String
    /// The new adviser (empty when the village is left uncovered or is gone).
    public var newAdviser: String
    /// Why, in the bureau's words.
    public var reason: String
    /// Whether the previous pair could not have been kept (the adviser left, is not eligible, or
    /// can no longer serve the village). Forced changes count against `--max-changes` like any
    /// other; `rebalance` refuses a bound below their number.
    public var forced: Bool
    /// What happened to the village.
    public var kind: Kind

    /// The columns of `changes.csv` (a contract).
    public static let columns = ["village", "old_adviser", "new_adviser", "reason"]
}

extension AssignmentProblem {
    /// The previous unit of each village for ``init(scenario:previous:)``: the team id in the team
    /// model (the pair's team, or the team its adviser belongs to), else the adviser id.
    public static func previousUnits(_ pairs: [PreviousPair], scenario: Scenario) -> [String: String] {
        var result: [String: String] = [:]
        let teamOf = Dictionary(scenario.teamMembers.map { ($0.member, $0.team) }, uniquingKeysWith: { a, _ in a })
        for pair in pairs where !pair.adviser.isEmpty {
            if scenario.assignment.serviceModel == .team {
                result[pair.village] = pair.team ?? teamOf[pair.adviser] ?? pair.adviser
            } else {
                result[pair.village] = pair.adviser
            }
        }
        return result
    }

    /// Why the previous pair of village `v` cannot be kept, or `nil` when it is still a candidate.
    public func forcedChangeReason(village v: VillageIndex, previousAdviser: String) -> String? {
        let village = villages[v]
        guard let unitID = previousID[v] else { return nil }
        guard let unit = previousUnit[v] else {
            if let left = leftOut.first(where: { $0.adviser == previousAdviser }) {
                return tr("change.noLongerServes", ["adviser": previousAdviser, "reason": left.reason])
            }
            return tr("change.left", ["adviser": previousAdviser, "unit": unitID])
        }
        if let why = ineligibility[unit] {
            return tr("change.mayNotBeAppointed", ["adviser": previousAdviser, "reason": why])
        }
        if candidateRange[v].contains(where: { candidates[$0].unit == unit }) { return nil }
        if scenario.conflicts.contains(where: { c in
            (c.a == village.id || c.b == village.id)
                && (c.a == previousAdviser || c.b == previousAdviser || c.a == unitID || c.b == unitID)
        }) {
            return tr("change.conflict", ["adviser": previousAdviser, "village": village.id])
        }
        if settings.acceptable == .ranked {
            return tr("change.unreachable.ranked", ["adviser": previousAdviser, "village": village.id])
        }
        return tr("change.unreachable", ["adviser": previousAdviser, "village": village.id])
    }
}

extension Plan {
    /// The changes from `previous` to this plan, in village-id order: villages whose adviser
    /// changed (or was lost), new villages, and villages no longer in the scenario.
    public func changes(from previous: [PreviousPair]) -> [PlanChange] {
        let p = problem
        let before = Dictionary(previous.map { ($0.village, $0) }, uniquingKeysWith: { a, _ in a })
        var load: [UnitIndex: Int] = [:]
        for c in chosen { load[c.unit, default: 0] += 1 }
        var previousLoad: [String: Int] = [:]  // villages each unit had in the previous plan
        for unit in AssignmentProblem.previousUnits(previous, scenario: p.scenario).values {
            previousLoad[unit, default: 0] += 1
        }
        var result: [PlanChange] = []
        var inScenario = Set<String>()
        for row in rows {
            let v = p.villages[row.village]
            inScenario.insert(v.id)
            let old = before[v.id].flatMap { $0.adviser.isEmpty ? nil : $0 }
            let new = row.candidate.map { p.candidates[$0] }
            let newAdviser = new.map { p.representative(of: $0.unit).id } ?? ""
            guard let old else {
                if !newAdviser.isEmpty {
                    result.append(
                        PlanChange(
                            village: v.id, oldAdviser: "", newAdviser: newAdviser,
                            reason: tr(before[v.id] == nil ? "change.newVillage" : "change.hadNoAdviser"),
                            forced: false, kind: .gained))
                }
                continue
            }
            let kept = new.map { p.units[$0.unit].id == p.previousID[row.village] } ?? false
            if kept { continue }
            if let forced = p.forcedChangeReason(village: row.village, previousAdviser: old.adviser) {
                let tail = new == nil ? tr("change.noneFree") : ""
                result.append(
                    PlanChange(
                        village: v.id, oldAdviser: old.adviser, newAdviser: newAdviser, reason: forced + tail,
                        forced: true, kind: .changed))
                continue
            }
            let unit = p.previousUnit[row.village]!
            var reason: String
            let cap = p.totalCap[unit]
            if load[unit, default: 0] >= cap {
                let had = previousLoad[p.units[unit].id, default: 0]
                reason =
                    had > cap
                    ? tr("change.overCap", ["adviser": old.adviser, "had": had, "cap": cap])
                    : tr("change.atCap", ["adviser": old.adviser, "cap": cap])
            } else {
                reason = tr("change.moreCovered")
            }
            if new == nil { reason += tr("change.leftUncovered") }
            result.append(
                PlanChange(
                    village: v.id, oldAdviser: old.adviser, newAdviser: newAdviser, reason: reason, forced: false,
                    kind: .changed))
        }
        for pair in previous where !inScenario.contains(pair.village) && !pair.adviser.isEmpty {
            result.append(
                PlanChange(
                    village: pair.village, oldAdviser: pair.adviser, newAdviser: "",
                    reason: tr("change.villageGone"), forced: true, kind: .removed))
        }
        return result.sorted { $0.village < $1.village }
    }

    /// `changes.csv` for `changes`.
    public static func changesCSV(_ changes: [PlanChange]) -> String { CSVFormat.changes.text(changeFields(changes)) }

    /// `changes.csv` as written for people: the header in `language`, a byte order mark when `excel`.
    public static func changesFile(_ changes: [PlanChange], language: CSVHeaders.Language = .en, excel: Bool = false)
        -> Data
    {
        CSVFormat.changes.write(changeFields(changes), language: language, excel: excel)
    }

    private static func changeFields(_ changes: [PlanChange]) -> [[String]] {
        changes.map { [$0.village, $0.oldAdviser, $0.newAdviser, $0.reason] }
    }
}
