import CounselModel
import Foundation

/// One rule, one village, one period: what was required and what the roster gives.
public struct ComplianceRow: Hashable, Sendable {
    /// Village id.
    public var village: String
    /// The village's adviser (or team lead).
    public var adviser: String
    /// Requirement id from the rule profile.
    public var rule: String
    /// Period key: `2026-03`, `2026-Q1`, `2026-H1`, `2026`.
    public var period: String
    /// The minimum (visits, hours or events).
    public var required: Double
    /// What the sessions give, counted as the rule counts.
    public var planned: Double
    /// `planned ≥ required`.
    public var ok: Bool { planned + 1e-9 >= required }
    /// Seed file and section of the rule.
    public var source: String
}

/// Counts sessions against a profile's scheduling rules, period by period.
public struct ComplianceEvaluator: Sendable {
    /// The rules.
    public var rules: SchedulingRules

    /// Makes an evaluator.
    public init(rules: SchedulingRules) { self.rules = rules }

    /// The periods of kind `period` that lie wholly inside `from ... to` (months), in order.
    public static func periods(_ period: SchedulingRules.Period, from: Month, to: Month) -> [(
        key: String, first: Day, last: Day
    )] {
        var result: [(String, Day, Day)] = []
        var seen = Set<String>()
        var m = from
        while m <= to {
            let b = period.bounds(of: m.firstDay)
            let key = period.key(of: m.firstDay)
            if b.first >= from.firstDay && b.last <= to.lastDay && seen.insert(key).inserted {
                result.append((key, b.first, b.last))
            }
            m = m.next
        }
        return result
    }

    /// How much of `requirement` the sessions of one village in one period give.
    public func measure(_ requirement: SchedulingRules.Requirement, _ sessions: [Session]) -> Double {
        // The adviser's own training and report are no service to a village.
        let sessions = sessions.filter { !$0.activity.isAdviserOwn }
        switch requirement.measure {
        case .onsiteVisits:
            return Double(
                sessions.filter { $0.mode == .onsite && $0.hours + 1e-9 >= (requirement.minVisitHours ?? 0) }.count)
        case .onsiteHours:
            return sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
        case .serviceHours:
            let onsite = sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
            let other = sessions.filter { $0.mode != .onsite }.reduce(0) { $0 + $1.hours }
            let cap = requirement.offsiteShareMax.map { $0 * requirement.minimum } ?? .infinity
            return onsite + min(other, cap)
        case .lectures:
            return Double(countLectures(sessions, activities: [.lecture]))
        case .trainings:
            return Double(sessions.filter { $0.activity == .training }.count)
        case .lecturesOrEvents:
            return Double(countLectures(sessions, activities: [.lecture, .event]))
        }
    }

    /// Lectures count whatever their mode, but recorded ones only up to the yearly cap
    /// (Guangdong 001 §(五)).
    private func countLectures(_ sessions: [Session], activities: Set<Session.Activity>) -> Int {
        let matching = sessions.filter { activities.contains($0.activity) }
        let recorded = matching.filter { $0.mode == .recorded }.count
        let cap = rules.recordedLecturesPerYear?.value ?? Int.max
        return matching.count - recorded + min(recorded, cap)
    }

    /// Every requirement for every village and every whole period in `from ... to`.
    ///
    /// - Parameters:
    ///   - villages: the villages to check, with their adviser and whether they are in flexible mode.
    public func evaluate(
        _ roster: Roster, villages: [(village: Village, adviser: String, flexible: Bool)],
        from: Month, to: Month
    ) -> [ComplianceRow] {
        var byVillage: [String: [Session]] = [:]
        for s in roster.sessions { byVillage[s.village, default: []].append(s) }
        var rows: [ComplianceRow] = []
        for entry in villages.sorted(by: { $0.village.id < $1.village.id }) {
            let sessions = byVillage[entry.village.id] ?? []
            for requirement in rules.requirements(flexible: entry.flexible) {
                for p in Self.periods(requirement.period, from: from, to: to) {
                    let inPeriod = sessions.filter { $0.day >= p.first && $0.day <= p.last }
                    rows.append(
                        ComplianceRow(
                            village: entry.village.id, adviser: entry.adviser, rule: requirement.id, period: p.key,
                            required: requirement.minimum, planned: measure(requirement, inPeriod),
                            source: requirement.source))
                }
            }
        }
        return rows
    }

    /// The fields of compliance.csv's rows: `village_id,adviser_id,rule,period,required,planned,ok`.
    public static func fields(_ rows: [ComplianceRow]) -> [[String]] {
        func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x) }
        return rows.map { r in
            [r.village, r.adviser, r.rule, r.period, number(r.required), number(r.planned), r.ok ? "yes" : "no"]
        }
    }

    /// compliance.csv with its English header.
    public static func csv(_ rows: [ComplianceRow]) -> String { CSVFormat.compliance.text(fields(rows)) }

    /// compliance.csv as written for people: the header in `language`, a byte order mark when `excel`.
    public static func file(_ rows: [ComplianceRow], language: CSVHeaders.Language = .en, excel: Bool = false) -> Data {
        CSVFormat.compliance.write(fields(rows), language: language, excel: excel)
    }
}
