import Assignment
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// Asserts everything a plan must satisfy, re-deriving the rules from the plan's scenario with
/// ``ReferenceModel`` (never from `AssignmentProblem`'s own candidate data):
///
/// * one row per village, each village exactly once, rows sorted by village id;
/// * every chosen adviser is eligible, in the same city, not in conflict with the village, within
///   `max_km` when set (same county any distance without it; other county only with it);
/// * the candidate's reported distance, ranks, support flag (`isSupport` iff the counties differ)
///   and cost agree with the reference;
/// * per adviser: total cap, `hours_per_month` cap, Guangdong outside cap;
/// * no two conflicting villages share an adviser;
/// * `uncoveredPenalty` exceeds any possible total of pair costs;
/// * the objective recomputed from the rows equals `plan.objective`; `bound ≤ objective + tol`;
///   `gap` is consistent.
func assertPlanInvariants(_ plan: Plan, file: StaticString = #filePath, line: UInt = #line) {
    let label = "plan of '\(plan.problem.scenario.name)' (\(plan.problem.scenario.rules.id))"
    for message in planInvariantViolations(plan) {
        XCTFail("\(label): \(message)", file: file, line: line)
    }
}

/// The invariants of ``assertPlanInvariants(_:file:line:)`` that a plan breaks, in words (empty
/// when it keeps them all).
func planInvariantViolations(_ plan: Plan) -> [String] {
    let p = plan.problem
    let s = p.scenario
    let ref = ReferenceModel(s)
    var violations: [String] = []
    func fail(_ message: String) { violations.append(message) }

    // Rows: one per village, sorted by id.
    if plan.rows.count != s.villages.count {
        fail("\(plan.rows.count) rows for \(s.villages.count) villages")
    }
    let rowIDs = plan.rows.map { p.villages[$0.village].id }
    if rowIDs != s.villages.map(\.id).sorted() {
        fail("rows are not one per village in id order: \(rowIDs.prefix(20))")
    }
    if Set(plan.rows.map(\.village)).count != plan.rows.count { fail("a village appears in two rows") }

    var load = [Int](repeating: 0, count: ref.advisers.count)
    var outsideLoad = [Int](repeating: 0, count: ref.advisers.count)
    var adviserOfVillage = [Int?](repeating: nil, count: ref.villages.count)
    var recomputedCost = 0.0
    var uncovered = 0

    for row in plan.rows {
        let village = p.villages[row.village]
        guard let k = row.candidate else {
            uncovered += 1
            continue
        }
        guard p.candidateIndices.contains(k) else {
            fail("row \(village.id): candidate index \(k) out of range")
            continue
        }
        let c = p.candidates[k]
        if c.village != row.village { fail("row \(village.id): candidate belongs to another village") }
        let adviser = p.units[c.unit]
        guard let v = ref.villageIndex[village.id], let a = ref.adviserIndex[adviser.id] else {
            fail("row \(village.id): unknown village or adviser \(adviser.id)")
            continue
        }
        let pairLabel = "\(village.id) ← \(adviser.id)"
        adviserOfVillage[v] = a
        load[a] += 1
        if !ref.urVillage[v] { outsideLoad[a] += 1 }

        // Eligibility, conflicts, geography, judged independently.
        if !ref.eligible[a] {
            fail(
                "\(pairLabel): adviser is not eligible (status \(adviser.representative.status), role \(adviser.role), max_villages \(String(describing: adviser.representative.maxVillages)))"
            )
        }
        if ref.forbidden.contains(v * ref.advisers.count + a) {
            fail("\(pairLabel): adviser–village conflict of interest")
        }
        let km = referenceKm(village.latitude, village.longitude, adviser.latitude, adviser.longitude)
        let city = Dictionary(s.counties.map { ($0.id, $0.city) }, uniquingKeysWith: { a, _ in a })
        if (city[village.county] ?? village.county) != (city[adviser.county] ?? adviser.county) {
            fail("\(pairLabel): adviser from another city")
        }
        if let m = s.maxKm, km > m + 1e-9 { fail("\(pairLabel): \(km) km beyond max_km \(m)") }
        if s.maxKm == nil && village.county != adviser.county {
            fail("\(pairLabel): support across counties without max_km")
        }
        if c.isSupport != (village.county != adviser.county) {
            fail("\(pairLabel): isSupport \(c.isSupport) but counties \(village.county)/\(adviser.county)")
        }
        if abs(c.distanceKm - km) > 1e-6 * max(1, km) { fail("\(pairLabel): distance \(c.distanceKm) ≠ \(km)") }

        guard let r = ref.pair(v, a) else {
            fail("\(pairLabel): not a candidate under the rules")
            continue
        }
        if c.villageRank != r.villageRank {
            fail(
                "\(pairLabel): village rank \(String(describing: c.villageRank)) ≠ \(String(describing: r.villageRank))"
            )
        }
        if c.adviserRank != r.adviserRank {
            fail(
                "\(pairLabel): adviser rank \(String(describing: c.adviserRank)) ≠ \(String(describing: r.adviserRank))"
            )
        }
        if !close(c.cost, r.cost, rel: 1e-9) { fail("\(pairLabel): cost \(c.cost) ≠ reference \(r.cost)") }
        recomputedCost += r.cost
    }

    // Caps.
    let rules = s.rules.assignment
    for (a, adviser) in ref.advisers.enumerated() {
        if load[a] > ref.totalCap[a] { fail("adviser \(adviser.id) serves \(load[a]) > cap \(ref.totalCap[a])") }
        if let own = adviser.maxVillages, load[a] > own {
            fail("adviser \(adviser.id) serves \(load[a]) > max_villages \(own)")
        }
        if let h = adviser.hoursPerMonth, rules.monthlyHoursPerVillage.value > 0,
            Double(load[a]) * rules.monthlyHoursPerVillage.value > h + 1e-9
        {
            fail(
                "adviser \(adviser.id) serves \(load[a]) villages at \(rules.monthlyHoursPerVillage.value) h > \(h) h/month"
            )
        }
        let profileMax = rules.maximumCap
        if adviser.maxVillages == nil && load[a] > profileMax {
            fail("adviser \(adviser.id) serves \(load[a]) > profile maximum \(profileMax)")
        }
        if let o = ref.outsideCap[a], outsideLoad[a] > o {
            fail("adviser \(adviser.id) serves \(outsideLoad[a]) villages outside under-resourced counties > \(o)")
        }
        // Without a candidate in an under-resourced county the profile cap is the plain cap.
        if rules.underResourcedCap != nil, adviser.maxVillages == nil, ref.outsideCap[a] == nil,
            load[a] > rules.cap.value
        {
            fail("adviser \(adviser.id) with no under-resourced candidate serves \(load[a]) > \(rules.cap.value)")
        }
    }

    // Village–village conflicts.
    for v in 0..<ref.villages.count {
        for w in (v + 1)..<max(v + 1, ref.villages.count) {
            if let a = adviserOfVillage[v], adviserOfVillage[w] == a,
                ref.villageConflict.contains(v * ref.villages.count + w)
            {
                fail(
                    "conflicting villages \(ref.villages[v].id) and \(ref.villages[w].id) share adviser \(ref.advisers[a].id)"
                )
            }
        }
    }

    // Objective and bound.
    if !(p.uncoveredPenalty > ref.maxTotalCost) {
        fail(
            "uncoveredPenalty \(p.uncoveredPenalty) does not exceed the largest possible total cost \(ref.maxTotalCost)"
        )
    }
    if plan.coveredCount != plan.rows.count - uncovered {
        fail("coveredCount \(plan.coveredCount) ≠ \(plan.rows.count - uncovered)")
    }
    let recomputed = Double(uncovered) * p.uncoveredPenalty + recomputedCost
    if !close(recomputed, plan.objective, rel: 1e-7) {
        fail(
            "objective \(plan.objective) ≠ recomputed from rows \(recomputed) (uncovered \(uncovered), cost \(recomputedCost))"
        )
    }
    if let bound = plan.bound {
        if bound > plan.objective + 1e-6 * max(1, abs(plan.objective)) {
            fail("bound \(bound) > objective \(plan.objective)")
        }
        if let gap = plan.gap, abs(gap - abs(plan.objective - bound) / max(1, abs(plan.objective))) > 1e-12 {
            fail("gap inconsistent")
        }
    } else if plan.status == .optimal {
        fail("optimal plan without a bound")
    }
    return violations
}
