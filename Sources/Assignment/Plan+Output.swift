import CounselModel
import Foundation
import GLPK

/// The figures written to `summary.json` (a contract: other tools read these keys).
public struct PlanSummary: Codable, Sendable {
    /// Load per adviser used.
    public struct Load: Codable, Sendable {
        /// Advisers with at least one village.
        public var advisersUsed: Int
        /// Mean villages per adviser used.
        public var mean: Double
        /// Most villages of one adviser.
        public var max: Int
        enum CodingKeys: String, CodingKey {
            case mean, max
            case advisersUsed = "advisers_used"
        }
    }
    /// Distance statistics over covered villages, km.
    public struct Distance: Codable, Sendable {
        /// Mean km.
        public var mean: Double
        /// Max km.
        public var max: Double
    }
    /// One side's preference outcome.
    public struct Ranks: Codable, Sendable {
        /// Pairs where this side ranked the partner first, over covered villages.
        public var firstChoiceShare: Double
        /// Mean rank over pairs this side ranked.
        public var meanRank: Double?
        /// Covered villages where this side had ranked the partner.
        public var ranked: Int
        /// How many covered villages got each rank (`"1"`, `"2"`, …) and how many an unranked
        /// partner (`"unranked"`).
        public var distribution: [String: Int]
        enum CodingKeys: String, CodingKey {
            case ranked, distribution
            case firstChoiceShare = "first_choice_share"
            case meanRank = "mean_rank"
        }
    }
    /// Incumbent outcome counts.
    public struct Incumbents: Codable, Sendable {
        /// Villages keeping their adviser.
        public var kept: Int
        /// Villages whose incumbent was replaced (or lost).
        public var changed: Int
        /// Villages with no incumbent before.
        public var new: Int
    }

    public var scenario: String
    /// The scenario folder, as given on the command line (for `report`).
    public var scenarioDirectory: String
    public var rules: String
    public var status: PlanStatus
    public var objective: Double
    public var bound: Double?
    public var gap: Double?
    public var villages: Int
    public var covered: Int
    public var uncovered: Int
    public var seconds: Double
    public var counties: [CountyOutcome]
    public var uncoveredVillages: [UncoveredVillage]
    public var explanations: [String]
    public var load: Load
    public var distanceKm: Distance
    public var villageRanks: Ranks
    public var adviserRanks: Ranks
    public var incumbents: Incumbents
    public var supportMoves: Int
    /// Village–adviser pairs who would both rather be together than with what they got (the plan is
    /// not forced to be stable; `compare` shows the count).
    public var blockingPairs: Int
    /// The blocking pairs, with why each side prefers the other.
    public var blockingPairList: [BlockingPair]
    /// `individual`, `team` or `township`.
    public var serviceModel: ServiceModel
    /// Whether stability was required (`stable: true` / `--stable`).
    public var stableRequired: Bool
    /// With stability required: whether a stable plan exists (`false`: the plan has the fewest
    /// blocking pairs possible); `null` otherwise.
    public var stablePlanExists: Bool?
    /// With stability required, exactly one of `stable_optimal` (a stable plan, proven optimal),
    /// `stable_unproven` (a stable plan, optimality not proven: see `gap`), `no_stable_plan` (none
    /// exists; the blocking pairs are proven the fewest possible) or `stopped_with_blocking` (the
    /// time limit stopped the search with blocking pairs left); `null` when stability was not required.
    public var stability: StabilityOutcome?
    /// With stability required: blocking pairs every plan of the scenario has at least, as proven
    /// (0 when nothing more is proven; above 0 proves that no stable plan exists; equal to
    /// `blocking_pairs` when those are proven the fewest possible); `null` when stability was not required.
    public var blockingLowerBound: Int?
    /// Why villages are uncovered or rules cannot hold, and what would fix it, found by re-solving.
    public var diagnosis: [DiagnosisFinding]
    public var uncoveredPenalty: Double
    public var weights: [String: Double]
    public var decomposition: DecompositionStats
    public var glpk: String
    /// What `rebalance` changed against the previous plan; absent from `assign`'s summary.
    public var rebalance: RebalanceFigures? = nil
    /// Whether Ctrl-C stopped the search (the plan is the best found, see `gap`); always written,
    /// `false` when read from a summary that predates the key.
    public var interrupted: Bool?

    enum CodingKeys: String, CodingKey {
        case scenarioDirectory = "scenario_dir"
        case scenario, rules, status, objective, bound, gap, villages, covered, uncovered, seconds, counties
        case explanations, load, incumbents, weights, decomposition, glpk
        case uncoveredVillages = "uncovered_villages"
        case distanceKm = "distance_km"
        case villageRanks = "village_ranks"
        case adviserRanks = "adviser_ranks"
        case supportMoves = "support_moves"
        case blockingPairs = "blocking_pairs"
        case blockingPairList = "blocking_pair_list"
        case serviceModel = "service_model"
        case stableRequired = "stable"
        case stablePlanExists = "stable_plan_exists"
        case stability
        case blockingLowerBound = "blocking_lower_bound"
        case diagnosis, interrupted
        case uncoveredPenalty = "uncovered_penalty"
        case rebalance
    }
}

/// The `rebalance` object of summary.json: the previous plan and how much of it changed.
public struct RebalanceFigures: Codable, Sendable, Equatable {
    /// The previous plan, as given with `--previous`.
    public var previous: String
    /// The previous plan's pairs of villages still in the scenario.
    public var previousPairs: Int
    /// Of those, the pairs that changed.
    public var changed: Int
    /// Of the changed, those no plan could keep (the adviser left, failed or may no longer serve).
    public var forced: Int
    /// Villages without an adviser in the previous plan.
    public var newVillages: Int
    /// Villages of the previous plan no longer in the scenario.
    public var removedVillages: Int
    /// `--max-changes`, or `null`.
    public var maxChanges: Int?
    /// `--statuses`, or `null`.
    public var statuses: String?

    /// Figures from their parts.
    public init(
        previous: String, previousPairs: Int, changed: Int, forced: Int, newVillages: Int, removedVillages: Int,
        maxChanges: Int?, statuses: String?
    ) {
        self.previous = previous
        self.previousPairs = previousPairs
        self.changed = changed
        self.forced = forced
        self.newVillages = newVillages
        self.removedVillages = removedVillages
        self.maxChanges = maxChanges
        self.statuses = statuses
    }

    enum CodingKeys: String, CodingKey {
        case previous, changed, forced, statuses
        case previousPairs = "previous_pairs"
        case newVillages = "new_villages"
        case removedVillages = "removed_villages"
        case maxChanges = "max_changes"
    }

    /// Every key, `null` for a missing `max_changes` or `statuses`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(previous, forKey: .previous)
        try c.encode(previousPairs, forKey: .previousPairs)
        try c.encode(changed, forKey: .changed)
        try c.encode(forced, forKey: .forced)
        try c.encode(newVillages, forKey: .newVillages)
        try c.encode(removedVillages, forKey: .removedVillages)
        if let maxChanges {
            try c.encode(maxChanges, forKey: .maxChanges)
        } else {
            try c.encodeNil(forKey: .maxChanges)
        }
        if let statuses { try c.encode(statuses, forKey: .statuses) } else { try c.encodeNil(forKey: .statuses) }
    }
}

/// What a plan that had to be stable achieved: exactly one of four outcomes (issue 9).
public enum StabilityOutcome: String, Codable, Sendable {
    /// A stable plan, proven optimal.
    case stableOptimal = "stable_optimal"
    /// A stable plan; its optimality is not proven (see the gap).
    case stableUnproven = "stable_unproven"
    /// No stable plan exists; the plan's blocking pairs are proven the fewest possible.
    case noStablePlan = "no_stable_plan"
    /// The search stopped with blocking pairs left, not proven the fewest (the summary's
    /// `blocking_lower_bound` says how many every plan has at least).
    case stoppedWithBlocking = "stopped_with_blocking"

    /// The outcome of a plan with `blockingPairs` blocking pairs.
    public init(blockingPairs: Int, status: SolveStatus, stableExists: Bool?, minimalProven: Bool) {
        if blockingPairs == 0 {
            self = status == .optimal ? .stableOptimal : .stableUnproven
        } else if stableExists == false && minimalProven {
            self = .noStablePlan
        } else {
            self = .stoppedWithBlocking
        }
    }
}

extension PlanSummary {
    /// Encodes every key, writing `null` for a missing `bound` or `gap` (the keys are a contract
    /// and are never left out).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(scenarioDirectory, forKey: .scenarioDirectory)
        try c.encode(rules, forKey: .rules)
        try c.encode(status, forKey: .status)
        try c.encode(objective, forKey: .objective)
        if let bound { try c.encode(bound, forKey: .bound) } else { try c.encodeNil(forKey: .bound) }
        if let gap { try c.encode(gap, forKey: .gap) } else { try c.encodeNil(forKey: .gap) }
        try c.encode(villages, forKey: .villages)
        try c.encode(covered, forKey: .covered)
        try c.encode(uncovered, forKey: .uncovered)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(counties, forKey: .counties)
        try c.encode(uncoveredVillages, forKey: .uncoveredVillages)
        try c.encode(explanations, forKey: .explanations)
        try c.encode(load, forKey: .load)
        try c.encode(distanceKm, forKey: .distanceKm)
        try c.encode(villageRanks, forKey: .villageRanks)
        try c.encode(adviserRanks, forKey: .adviserRanks)
        try c.encode(incumbents, forKey: .incumbents)
        try c.encode(supportMoves, forKey: .supportMoves)
        try c.encode(blockingPairs, forKey: .blockingPairs)
        try c.encode(blockingPairList, forKey: .blockingPairList)
        try c.encode(serviceModel, forKey: .serviceModel)
        try c.encode(stableRequired, forKey: .stableRequired)
        if let stablePlanExists {
            try c.encode(stablePlanExists, forKey: .stablePlanExists)
        } else {
            try c.encodeNil(forKey: .stablePlanExists)
        }
        if let stability { try c.encode(stability, forKey: .stability) } else { try c.encodeNil(forKey: .stability) }
        if let blockingLowerBound {
            try c.encode(blockingLowerBound, forKey: .blockingLowerBound)
        } else {
            try c.encodeNil(forKey: .blockingLowerBound)
        }
        try c.encode(diagnosis, forKey: .diagnosis)
        try c.encode(uncoveredPenalty, forKey: .uncoveredPenalty)
        try c.encode(weights, forKey: .weights)
        try c.encode(decomposition, forKey: .decomposition)
        try c.encode(glpk, forKey: .glpk)
        try c.encodeIfPresent(rebalance, forKey: .rebalance)
        try c.encode(interrupted ?? false, forKey: .interrupted)
    }
}

extension Plan {
    /// The incumbent column for a village: `kept`, `changed` or `new`.
    func incumbentStatus(_ row: Row) -> IncumbentStatus {
        let v = problem.villages[row.village]
        guard let incumbent = v.currentAdviser else { return .new }
        guard let k = row.candidate else { return .changed }
        let unit = problem.candidates[k].unit
        if let team = problem.units[unit].team {
            return team.members.contains { $0.id == incumbent } ? .kept : .changed
        }
        return problem.units[unit].id == incumbent ? .kept : .changed
    }

    /// The figures of `summary.json`.
    public var summary: PlanSummary {
        let p = problem
        let chosen = self.chosen
        var perAdviser: [UnitIndex: Int] = [:]
        for c in chosen { perAdviser[c.unit, default: 0] += 1 }
        let used = perAdviser.count
        func ranks(_ pick: (Candidate) -> Int?) -> PlanSummary.Ranks {
            let ranked = chosen.compactMap(pick)
            var distribution: [String: Int] = [:]
            for r in ranked { distribution[String(r), default: 0] += 1 }
            if chosen.count > ranked.count { distribution["unranked"] = chosen.count - ranked.count }
            return PlanSummary.Ranks(
                firstChoiceShare: chosen.isEmpty
                    ? 0 : round6(Double(ranked.filter { $0 == 1 }.count) / Double(chosen.count)),
                meanRank: ranked.isEmpty ? nil : round6(Double(ranked.reduce(0, +)) / Double(ranked.count)),
                ranked: ranked.count, distribution: distribution)
        }
        var incumbents = PlanSummary.Incumbents(kept: 0, changed: 0, new: 0)
        for row in rows {
            switch incumbentStatus(row) {
            case .kept: incumbents.kept += 1
            case .changed: incumbents.changed += 1
            default: incumbents.new += 1
            }
        }
        let w = p.scenario.weights
        let blocking = blockingPairDetails
        return PlanSummary(
            scenario: p.scenario.name, scenarioDirectory: p.scenario.directory.path, rules: p.scenario.rules.id,
            status: PlanStatus(status),
            objective: round6(objective), bound: bound.map(round6), gap: gap.map { round6($0) },
            villages: rows.count, covered: coveredCount, uncovered: rows.count - coveredCount,
            seconds: (seconds * 1000).rounded() / 1000, counties: counties, uncoveredVillages: uncoveredVillages,
            explanations: explanations,
            load: PlanSummary.Load(
                advisersUsed: used, mean: used == 0 ? 0 : round6(Double(chosen.count) / Double(used)),
                max: perAdviser.values.max() ?? 0),
            distanceKm: PlanSummary.Distance(
                mean: chosen.isEmpty ? 0 : round6(chosen.reduce(0) { $0 + $1.distanceKm } / Double(chosen.count)),
                max: round6(chosen.map(\.distanceKm).max() ?? 0)),
            villageRanks: ranks(\.villageRank), adviserRanks: ranks(\.adviserRank), incumbents: incumbents,
            supportMoves: chosen.filter(\.isSupport).count, blockingPairs: blocking.count, blockingPairList: blocking,
            serviceModel: p.settings.serviceModel, stableRequired: p.settings.stable,
            stablePlanExists: p.settings.stable && blocking.isEmpty ? true : stableExists,
            stability: p.settings.stable
                ? StabilityOutcome(
                    blockingPairs: blocking.count, status: status, stableExists: stableExists,
                    minimalProven: blockingProvenMinimal) : nil,
            blockingLowerBound: p.settings.stable
                ? (blockingProvenMinimal ? blocking.count : (blocking.isEmpty ? 0 : (blockingLowerBound ?? 0))) : nil,
            diagnosis: diagnosis, uncoveredPenalty: p.uncoveredPenalty,
            weights: [
                "preference": w.preference, "distance_km": w.distanceKm, "change": w.change, "support": w.support,
                "needs": w.needs,
            ],
            decomposition: decomposition, glpk: Solver.glpkVersion, interrupted: interrupted)
    }

    /// Candidate pairs (v, a) that block the plan, with respect to both sides' rankings (双向选择,
    /// Rongchang 000 §三(一), Guangdong 001 §(十二)); see ``blockingPairDetails``.
    public var blockingPairs: [(village: VillageIndex, unit: UnitIndex)] { blocking().map { ($0.village, $0.unit) } }

    /// The blocking pairs with why each side prefers the other, in village-id order.
    ///
    /// A candidate pair (v, a) not in the plan blocks it when v ranks a (or a's firm, or a member of
    /// a's team) above what it got — an uncovered village prefers any adviser it may have — and a
    /// has a free place under its caps or holds a village it ranks below v (an unranked partner
    /// counts below every ranked one; ties never block). This is exactly what the stability rows of
    /// the model forbid (`stable: true`), so a plan solved stable has none.
    public var blockingPairDetails: [BlockingPair] {
        let p = problem
        return blocking().map { b in
            BlockingPair(
                village: p.villages[b.village].id, adviser: p.units[b.unit].id,
                villageReason: b.villageReason, adviserReason: b.adviserReason)
        }
    }

    private func blocking() -> [(village: VillageIndex, unit: UnitIndex, villageReason: String, adviserReason: String)]
    {
        let p = problem
        var assigned = [CandidateIndex?](repeating: nil, count: p.villages.count)
        for row in rows { assigned[row.village] = row.candidate }
        let byUnit = p.villagesByUnit(assigned, villages: Array(p.villageIndices))
        func rankText(_ r: Int?) -> String { r.map { tr("blocking.rank", ["rank": $0]) } ?? tr("blocking.unranked") }
        return p.blockingCandidates(assigned, villages: Array(p.villageIndices)).map { k in
            let c = p.candidates[k]
            let v = c.village
            let a = p.units[c.unit].id
            let villageReason: String
            if let current = assigned[v].map({ p.candidates[$0] }) {
                villageReason = tr(
                    "blocking.village.prefers",
                    [
                        "village": p.villages[v].id, "adviser": a, "rank": c.villageRank!,
                        "current": p.units[current.unit].id, "currentRank": rankText(current.villageRank),
                    ])
            } else {
                villageReason = tr(
                    "blocking.village.none",
                    ["village": p.villages[v].id, "adviser": a, "rank": rankText(c.villageRank)])
            }
            let mine = byUnit[c.unit] ?? []
            let outsideFull =
                p.outsideCap[c.unit].map { o in
                    !p.inUnderResourcedCounty[v]
                        && mine.filter { !p.inUnderResourcedCounty[p.candidates[$0].village] }.count >= o
                } ?? false
            let adviserReason: String
            if mine.count < p.totalCap[c.unit] && !outsideFull {
                adviserReason = tr(
                    "blocking.adviser.free", ["adviser": a, "used": mine.count, "cap": p.totalCap[c.unit]])
            } else {
                let ra = c.adviserRank ?? Int.max
                let worse = mine.filter { (p.candidates[$0].adviserRank ?? Int.max) > ra }
                    .max {
                        (p.candidates[$0].adviserRank ?? Int.max, p.villages[p.candidates[$0].village].id) < (
                            p.candidates[$1].adviserRank ?? Int.max, p.villages[p.candidates[$1].village].id
                        )
                    }
                let w = worse.map { p.villages[p.candidates[$0].village].id } ?? "?"
                adviserReason = tr(
                    "blocking.adviser.prefers",
                    [
                        "adviser": a, "village": p.villages[v].id,
                        "rank": ra == Int.max ? tr("blocking.unranked") : String(ra),
                        "worse": w, "worseRank": rankText(worse.flatMap { p.candidates[$0].adviserRank }),
                    ])
            }
            return (v, c.unit, villageReason, adviserReason)
        }
    }

    /// `summary.json` (``SummaryFile``).
    public func summaryJSON() throws -> Data { try SummaryFile.write(summary) }

    /// The columns of `assignment.csv` (a contract).
    public static var assignmentColumns: [String] { AssignmentTable.columns }

    /// The rows of `assignment.csv`: one per village, sorted by village id; an uncovered village
    /// has an empty adviser. In the team model `adviser_id` is the team's lead and `team_id` the team.
    public func assignmentRows() -> [AssignmentTable.Row] {
        let teamModel = problem.settings.serviceModel == .team
        return rows.map { row in
            let v = problem.villages[row.village]
            var out = AssignmentTable.Row(
                villageID: v.id, villageName: v.name, county: v.county, township: v.township,
                incumbent: incumbentStatus(row))
            if let k = row.candidate {
                let c = problem.candidates[k]
                let a = problem.representative(of: c.unit)
                out.adviserID = a.id
                out.adviserName = a.name
                out.firmID = problem.units[c.unit].firm ?? ""
                out.distanceKm = String(format: "%.2f", c.distanceKm)
                out.villageRank = c.villageRank.map(String.init) ?? ""
                out.adviserRank = c.adviserRank.map(String.init) ?? ""
                out.support = c.isSupport
                if teamModel { out.teamID = problem.units[c.unit].id }
            }
            return out
        }
    }

    /// `assignment.csv` with its English header (``AssignmentTable``).
    public func assignmentCSV() -> String {
        AssignmentTable.text(assignmentRows(), teamModel: problem.settings.serviceModel == .team)
    }

    /// `assignment.csv` as written for people: the header in `language`, a byte order mark when `excel`.
    public func assignmentFile(language: CSVHeaders.Language = .en, excel: Bool = false) -> Data {
        AssignmentTable.write(
            assignmentRows(), teamModel: problem.settings.serviceModel == .team, language: language, excel: excel)
    }
}

/// A village and an adviser who would both rather be together than with what the plan gave them.
public struct BlockingPair: Sendable, Codable, Equatable {
    /// Village id.
    public var village: String
    /// Adviser (or team) id.
    public var adviser: String
    /// Why the village prefers the adviser.
    public var villageReason: String
    /// Why the adviser would take the village.
    public var adviserReason: String

    enum CodingKeys: String, CodingKey {
        case village, adviser
        case villageReason = "village_reason"
        case adviserReason = "adviser_reason"
    }
}

func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
