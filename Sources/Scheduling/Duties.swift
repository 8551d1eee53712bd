import CounselModel
import Foundation

/// One duty of the profile (``DutyRules``), for one adviser or firm and one period: what was
/// required and what the sessions give.
public struct DutyRow: Hashable, Sendable {
    /// `adviser` or `firm`.
    public var scope: DutyRules.Scope
    /// The adviser's or the firm's id.
    public var id: String
    /// The duty's id.
    public var rule: String
    /// Period key: `2026-03`, `2026-Q1`, `2026-H1`, `2026`.
    public var period: String
    /// At least this many.
    public var required: Int
    /// Sessions of the duty's activity in the period (planned, or recorded and counted).
    public var done: Int
    /// `done ≥ required`.
    public var ok: Bool { done >= required }
    /// Seed file and section of the duty.
    public var source: String

    /// Makes a row.
    public init(
        scope: DutyRules.Scope, id: String, rule: String, period: String, required: Int, done: Int, source: String
    ) {
        self.scope = scope
        self.id = id
        self.rule = rule
        self.period = period
        self.required = required
        self.done = done
        self.source = source
    }
}

/// Who owes the profile's duties and how many of them the sessions give.
public struct DutyEvaluator: Sendable {
    /// The duties.
    public var rules: DutyRules
    /// Firm of each adviser (advisers.csv `firm`).
    public var firmOf: [String: String]

    /// Makes an evaluator for the scenario's advisers.
    public init(rules: DutyRules, scenario: Scenario) {
        self.rules = rules
        var firms: [String: String] = [:]
        for a in scenario.advisers { if let f = a.firm { firms[a.id] = f } }
        firmOf = firms
    }

    /// The advisers who owe the adviser duties in a plan: every adviser the plan gives a village,
    /// and the licensed members of its teams (a team's apprentices are not advisers of their own,
    /// Guangdong 001 §(十二)); only those who may be appointed.
    public static func advisers(of plan: [String: ServiceAssignment], scenario: Scenario) -> [String] {
        var ids = Set(plan.values.map(\.adviser))
        let teams = Set(plan.values.compactMap(\.team))
        for m in scenario.teamMembers where teams.contains(m.team) { ids.insert(m.member) }
        let excluded = scenario.rules.assignment.excludedStatuses.value
        let eligible = Set(
            scenario.advisers.filter { $0.role != .apprentice && !excluded.contains($0.status) }.map(\.id))
        return ids.filter { eligible.contains($0) }.sorted()
    }

    /// The firms of `advisers`, sorted.
    public func firms(of advisers: [String]) -> [String] { Array(Set(advisers.compactMap { firmOf[$0] })).sorted() }

    /// Every duty for every adviser (and each one's firm) and every whole period in `from ... to`,
    /// counted from `sessions`; with `plannedOnly`, the duties `schedule` plans (a roster has no
    /// on-demand cases to count).
    public func evaluate(_ sessions: [Session], advisers: [String], from: Month, to: Month, plannedOnly: Bool = false)
        -> [DutyRow]
    {
        var byAdviser: [String: [Session]] = [:]
        for s in sessions { byAdviser[s.adviser, default: []].append(s) }
        var rows: [DutyRow] = []
        let advisers = advisers.sorted()
        for duty in rules.duties where !plannedOnly || duty.planned {
            let owners: [(String, [String])] =
                duty.scope == .adviser
                ? advisers.map { ($0, [$0]) }
                : firms(of: advisers).map { firm in (firm, firmOf.filter { $0.value == firm }.map(\.key).sorted()) }
            for (owner, people) in owners {
                let own = people.flatMap { byAdviser[$0] ?? [] }.filter { $0.activity.rawValue == duty.activity }
                for p in ComplianceEvaluator.periods(duty.period, from: from, to: to) {
                    let done = own.filter { $0.day >= p.first && $0.day <= p.last }.count
                    rows.append(
                        DutyRow(
                            scope: duty.scope, id: owner, rule: duty.id, period: p.key, required: duty.minimum,
                            done: done, source: duty.source))
                }
            }
        }
        return rows.sorted {
            ($0.scope.rawValue, $0.id, $0.rule, $0.period) < ($1.scope.rawValue, $1.id, $1.rule, $1.period)
        }
    }

    /// duties.csv: `scope,id,rule,period,required,planned,ok` (`planned`: the sessions counted, as
    /// in compliance.csv).
    public static func csv(_ rows: [DutyRow]) -> String { CSVFormat.duties.text(fields(rows)) }

    /// duties.csv as written for people: the header in `language`, a byte order mark when `excel`.
    public static func file(_ rows: [DutyRow], language: CSVHeaders.Language = .en, excel: Bool = false) -> Data {
        CSVFormat.duties.write(fields(rows), language: language, excel: excel)
    }

    /// The fields of duties.csv's rows.
    static func fields(_ rows: [DutyRow]) -> [[String]] {
        rows.map { r in
            [r.scope.rawValue, r.id, r.rule, r.period, String(r.required), String(r.done), r.ok ? "yes" : "no"]
        }
    }
}
