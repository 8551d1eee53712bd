import Assignment
import CounselTestSupport
import Foundation
import GLPK
import XCTest

@testable import CounselModel

/// The team model (`service_model: team`, 团队化服务, Guangdong 001 §(七)): villages go to teams of a
/// firm; a team's cap is the sum of its licensed members' caps; specialties cover needs.
final class TeamModelTests: XCTestCase {
    static let specialtyTags = ["land", "family", "labour"]

    /// 3–6 people in one or two counties (lawyers, apprentices, some on leave or failed), 2–3 teams
    /// of 1–3 members each of firm F1 or F2 (some people in no team, a lead now and then an
    /// apprentice), 3–6 villages with 0–2 needs; rankings by villages (of teams, members, firms)
    /// and members; conflicts of villages with members and with each other.
    static func teamScenario(seed: UInt64, rules: RuleProfile, needs: NeedsRule, stable: Bool = false) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let twoCounties = rng.chance(0.3)
        let counties = [makeCounty("C1", city: "city1")] + (twoCounties ? [makeCounty("C2", city: "city1")] : [])
        let centre: [String: (Double, Double)] = ["C1": (22.80, 108.30), "C2": (22.80, 108.50)]
        func near(_ c: String) -> (Double, Double) {
            let (lat, lon) = centre[c]!
            return (lat + rng.double(-0.06, 0.06), lon + rng.double(-0.06, 0.06))
        }
        var people: [Adviser] = []
        for i in 0..<rng.int(3...6) {
            let county = rng.pick(counties).id
            let (lat, lon) = near(county)
            let role: AdviserRole = rng.chance(0.7) ? .lawyer : .apprentice
            let status: AdviserStatus = rng.chance(0.85) ? .active : rng.pick([.onLeave, .failedAssessment])
            let specialties = specialtyTags.filter { _ in rng.chance(0.4) }
            people.append(
                makePerson(
                    "P\(i + 1)", county: county, lat: lat, lon: lon, role: role, status: status,
                    maxVillages: rng.pick([1, 1, 2]), specialties: specialties))
        }
        // Teams: split a shuffled list of people into 2–3 teams; the rest in no team.
        var members: [TeamMember] = []
        var pool = rng.shuffled(people.map(\.id))
        var teamIDs: [String] = []
        for t in 0..<rng.int(2...3) where !pool.isEmpty {
            let size = min(pool.count, rng.int(1...3))
            let ids = Array(pool.prefix(size))
            pool.removeFirst(size)
            let team = "T\(t + 1)"
            teamIDs.append(team)
            let firm = rng.pick(["F1", "F2"])
            // The lead: a lawyer if there is one (an apprentice lead now and then).
            let lawyers = ids.filter { id in people.first { $0.id == id }!.role == .lawyer }
            let lead = (lawyers.isEmpty || rng.chance(0.1)) ? ids[0] : rng.pick(lawyers)
            for id in ids {
                members.append(
                    TeamMember(team: team, firm: firm, member: id, roleInTeam: id == lead ? "lead" : "member"))
            }
        }
        var villages: [Village] = []
        for i in 0..<rng.int(3...6) {
            let county = rng.pick(counties).id
            let (lat, lon) = near(county)
            let needs = specialtyTags.filter { _ in rng.chance(0.25) }
            villages.append(
                makePlace(
                    "V\(i + 1)", county: county, lat: lat, lon: lon, needs: needs,
                    incumbent: rng.chance(0.3) ? rng.pick(people).id : nil))
        }
        var preferences: [Preference] = []
        for v in villages where rng.chance(0.7) {
            // A village ranks teams, members or firms (ranks 1–4, ties possible).
            for t in teamIDs where rng.chance(0.4) { preferences.append(makePreference(v.id, t, rng.int(1...4))) }
            for p in people where rng.chance(0.2) { preferences.append(makePreference(v.id, p.id, rng.int(1...4))) }
            if rng.chance(0.2) { preferences.append(makePreference(v.id, rng.pick(["F1", "F2"]), rng.int(1...4))) }
        }
        for p in people where rng.chance(0.5) {
            for v in villages where rng.chance(0.5) { preferences.append(makePreference(p.id, v.id, rng.int(1...5))) }
        }
        var conflicts: [Conflict] = []
        for _ in 0..<rng.int(0...2) { conflicts.append(makeConflict(rng.pick(villages).id, rng.pick(people).id)) }
        for _ in 0..<rng.int(0...1) {
            let v = rng.pick(villages).id, w = rng.pick(villages).id
            if v != w { conflicts.append(makeConflict(v, w)) }
        }
        var s = makeScenario(
            name: "team-\(seed)", rules: rules, maxKm: twoCounties ? rng.pick([nil, 40]) : nil,
            weights: ObjectiveWeights(
                preference: rng.pick([0, 1]), distanceKm: rng.pick([0.05, 0.5]),
                change: rng.pick([0, 5]), support: 10, needs: rng.pick([2, 10, 40])),
            villages: villages, advisers: people, counties: counties, preferences: preferences, conflicts: conflicts)
        s.teamMembers = rng.shuffled(members)
        s.assignment = AssignmentSettings(serviceModel: .team, stable: stable, acceptable: .all, needs: needs)
        return s
    }

    // MARK: Random instances

    func testTeamModelMatchesBruteForce() throws {
        let rules = try TestRules.guangdong()
        var failing: [UInt64] = []
        var apprenticeTeamsServing = 0, missingNeedsPaid = 0, requireRejected = 0, stableRuns = 0, barred = 0
        for i in 0..<120 {
            let seed = 41_000 + UInt64(i)
            let needs: NeedsRule = i % 2 == 0 ? .require : .prefer
            let stable = i % 5 == 4
            let s = Self.teamScenario(seed: seed, rules: rules, needs: needs, stable: stable)
            let label = "team seed \(seed) (needs \(needs), stable \(stable))"
            let problem = AssignmentProblem(scenario: s)
            let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(problem)
            let oracle = PlanOracle(s)
            var failures = problemDifferences(problem, oracle) + oracleViolations(plan, oracle)
            if plan.status != .optimal { failures.append("status \(plan.status)") }

            // Brute force: (blocking,) uncovered, cost.
            let key: (PlanOracle.Choice) -> [Double] = { c in
                (stable ? [Double(oracle.blockingPairs(c).count)] : []) + [Double(oracle.uncovered(c)), oracle.cost(c)]
            }
            let best = oracle.best(key: key)!
            let (c, _) = oracle.choice(of: plan)
            let got = key(c)
            if lexicographicallyLess(best.key, got) || lexicographicallyLess(got, best.key) {
                failures.append("plan \(got) ≠ brute force \(best.key)")
            }
            let expected = problem.uncoveredPenalty * best.key[best.key.count - 2] + best.key[best.key.count - 1]
            if abs(plan.objective - expected) > 1e-6 * max(1, expected) {
                failures.append("objective \(plan.objective) ≠ \(expected)")
            }
            if stable && plan.stableExists != (best.key[0] == 0) {
                failures.append("stableExists \(String(describing: plan.stableExists))")
            }

            // Needs: required needs are covered; preferred ones are paid for.
            for k in plan.rows.compactMap(\.candidate) {
                let cand = problem.candidates[k]
                let team = try XCTUnwrap(problem.units[cand.unit].team)
                let missing = Set(problem.villages[cand.village].needs).subtracting(team.specialties)
                if needs == .require && !missing.isEmpty {
                    failures.append("\(team.id) lacks \(missing.sorted()) of \(problem.villages[cand.village].id)")
                }
                if cand.missingNeeds != missing.count {
                    failures.append("missingNeeds \(cand.missingNeeds) ≠ \(missing.count)")
                }
                if needs == .prefer && !missing.isEmpty { missingNeedsPaid += 1 }
                // Every chosen team's members are free of conflicts with the village.
                for m in team.members
                where s.conflicts.contains(where: {
                    Set([$0.a, $0.b]) == Set([m.id, problem.villages[cand.village].id])
                }) {
                    failures.append(
                        "\(team.id) serves \(problem.villages[cand.village].id) though member \(m.id) is in conflict with it"
                    )
                }
                if team.members.contains(where: { $0.role == .apprentice }) { apprenticeTeamsServing += 1 }
            }
            if needs == .require {
                var relaxed = s
                relaxed.assignment.needs = .prefer
                if AssignmentProblem(scenario: relaxed).candidates.count > problem.candidates.count {
                    requireRejected += 1
                }
            }
            if s.conflicts.contains(where: { c in s.teamMembers.contains { $0.member == c.a || $0.member == c.b } }) {
                barred += 1
            }

            // assignment.csv: team_id last, adviser_id the lead.
            failures += csvProblems(plan)

            // Individual mode on the same people: apprentices never serve alone.
            var individual = s
            individual.assignment = AssignmentSettings(serviceModel: .individual, stable: false)
            let ip = AssignmentProblem(scenario: individual)
            for (i, a) in ip.units.enumerated() where a.role == .apprentice && ip.isEligible[i] {
                failures.append("apprentice \(a.id) eligible alone")
            }
            let iplan = try AssignmentSolver(options: exactOptions, threads: 2).solve(ip)
            if iplan.chosen.contains(where: { ip.units[$0.unit].role == .apprentice }) {
                failures.append("an apprentice serves alone")
            }
            failures += oracleViolations(iplan, PlanOracle(individual)).map { "individual mode: \($0)" }

            if stable { stableRuns += 1 }
            if !failures.isEmpty {
                failing.append(seed)
                if failing.count <= 3 { for f in failures { XCTFail("\(label): \(f)") } }
            }
        }
        XCTAssertEqual(failing, [])
        XCTAssertGreaterThan(apprenticeTeamsServing, 5, "teams with apprentices serve villages")
        XCTAssertGreaterThan(missingNeedsPaid, 5, "needs: prefer lets teams serve villages whose needs they miss")
        XCTAssertGreaterThan(requireRejected, 5, "needs: require removes pairs")
        XCTAssertGreaterThan(barred, 5, "member conflicts occur")
        print(
            "team model: apprentice teams serving \(apprenticeTeamsServing), missing needs paid \(missingNeedsPaid), require removed pairs in \(requireRejected), stable runs \(stableRuns)"
        )
    }

    /// Problems with `assignment.csv` in the team model.
    func csvProblems(_ plan: Plan) -> [String] {
        let p = plan.problem
        let (header, rows) = parseAssignmentCSV(plan.assignmentCSV())
        var problems: [String] = []
        if header.last != "team_id" { problems.append("last column is \(header.last ?? "none"), not team_id") }
        if header.count != Plan.assignmentColumns.count + 1 { problems.append("\(header.count) columns") }
        guard let adviserColumn = header.firstIndex(of: "adviser_id"), let firmColumn = header.firstIndex(of: "firm_id")
        else {
            return problems + ["no adviser_id or firm_id column"]
        }
        if rows.count != plan.rows.count { return problems + ["\(rows.count) rows for \(plan.rows.count) villages"] }
        for (fields, row) in zip(rows, plan.rows) {
            if fields.count != header.count {
                problems.append("row \(fields) has \(fields.count) fields")
                continue
            }
            if let k = row.candidate {
                let team = p.units[p.candidates[k].unit].team!
                if fields.last != team.id { problems.append("team_id \(fields.last!) ≠ \(team.id)") }
                if fields[adviserColumn] != team.lead.id {
                    problems.append("adviser_id \(fields[adviserColumn]) ≠ lead \(team.lead.id)")
                }
                if fields[firmColumn] != team.firm { problems.append("firm_id \(fields[firmColumn]) ≠ \(team.firm)") }
                let leadRow = p.scenario.teamMembers.first { $0.team == team.id && $0.roleInTeam == "lead" }
                if leadRow?.member != team.lead.id {
                    problems.append("lead of \(team.id) is \(team.lead.id), teams say \(leadRow?.member ?? "none")")
                }
            } else if fields.last != "" || fields[adviserColumn] != "" {
                problems.append("uncovered row \(fields) names a team or adviser")
            }
        }
        return problems
    }

    // MARK: Caps and eligibility

    /// Two lawyers with caps 2 and 3, an apprentice, and a lawyer on leave: the team has 5 places;
    /// the on-leave lawyer's and the apprentice's caps add nothing; the apprentice's specialty
    /// still counts; the on-leave lawyer's does not.
    func testTeamCapIsTheSumOfLicensedMembers() throws {
        let c = (lat: 22.8, lon: 108.3)
        let people = [
            makePerson("L1", county: "C1", lat: c.lat, lon: c.lon, firm: "F1", maxVillages: 2, specialties: ["land"]),
            makePerson("L2", county: "C1", lat: c.lat, lon: c.lon, firm: "F1", maxVillages: 3),
            makePerson(
                "AP", county: "C1", lat: c.lat, lon: c.lon, role: .apprentice, firm: "F1", maxVillages: 4,
                specialties: ["family"]),
            makePerson(
                "LV", county: "C1", lat: c.lat, lon: c.lon, status: .onLeave, firm: "F1", maxVillages: 4,
                specialties: ["labour"]),
        ]
        let villages =
            (1...7).map { makePlace("V\($0)", county: "C1", lat: c.lat + 0.001 * Double($0), lon: c.lon) }
            + [
                makePlace("W1", county: "C1", lat: c.lat, lon: c.lon, needs: ["family"]),
                makePlace("W2", county: "C1", lat: c.lat, lon: c.lon, needs: ["labour"]),
            ]
        var s = makeScenario(
            name: "team-cap", rules: try TestRules.guangdong(), maxKm: nil, villages: villages, advisers: people,
            counties: [makeCounty("C1", city: "X")])
        s.teamMembers = [
            TeamMember(team: "T1", firm: "F1", member: "L1", roleInTeam: "lead"),
            TeamMember(team: "T1", firm: "F1", member: "L2", roleInTeam: "member"),
            TeamMember(team: "T1", firm: "F1", member: "AP", roleInTeam: "member"),
            TeamMember(team: "T1", firm: "F1", member: "LV", roleInTeam: "member"),
        ]
        s.assignment = AssignmentSettings(serviceModel: .team)
        let p = AssignmentProblem(scenario: s)
        XCTAssertEqual(p.units.map(\.id), ["T1"])
        XCTAssertEqual(p.totalCap, [5], "2 + 3; the apprentice and the lawyer on leave add nothing")
        XCTAssertEqual(p.outsideCap, [nil])
        XCTAssertEqual(
            p.units[0].team?.specialties, ["land", "family"],
            "an apprentice's specialty counts, an excluded member's does not")
        XCTAssertTrue(p.leftOut.contains { $0.adviser == "LV" })
        XCTAssertFalse(candidateKeys(p).contains("W2|T1"), "labour is only the excluded member's")
        XCTAssertTrue(candidateKeys(p).contains("W1|T1"))
        XCTAssertTrue(problemDifferences(p, PlanOracle(s)).isEmpty, "\(problemDifferences(p, PlanOracle(s)))")
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
        XCTAssertEqual(plan.coveredCount, 5)
        assertOracleInvariants(plan, PlanOracle(s), "team-cap")

        // Under Guangdong, a team that reaches an under-resourced county: 8 + 8 places in all, at
        // most 5 + 5 outside (each licensed member's caps, summed), when max_villages is not set.
        var ur = s
        ur.counties = [makeCounty("C1", city: "X", underResourced: true)]
        ur.advisers = ur.advisers.map { a in
            var a = a
            a.maxVillages = nil
            return a
        }
        let pu = AssignmentProblem(scenario: ur)
        XCTAssertEqual(pu.totalCap, [16])
        XCTAssertEqual(
            pu.outsideCap, [10], "5 + 5 outside under-resourced counties (moot here: every village is in one)")
        XCTAssertTrue(problemDifferences(pu, PlanOracle(ur)).isEmpty, "\(problemDifferences(pu, PlanOracle(ur)))")
    }

    /// A team of lawyers in an ordinary county who also reach an under-resourced one: 8 + 8 places,
    /// at most 5 + 5 outside it.
    func testTeamOutsideCapSums() throws {
        let n = (lat: 22.8, lon: 108.3)
        let u = pointEast(of: n.lat, n.lon, km: 10)
        let people = [
            makePerson("L1", county: "N", lat: n.lat, lon: n.lon),
            makePerson("L2", county: "N", lat: n.lat, lon: n.lon),
        ]
        var s = makeScenario(
            name: "team-outside", rules: try TestRules.guangdong(), maxKm: 30,
            villages: [
                makePlace("N1", county: "N", lat: n.lat, lon: n.lon),
                makePlace("U1", county: "U", lat: u.lat, lon: u.lon),
            ],
            advisers: people, counties: [makeCounty("N", city: "X"), makeCounty("U", city: "X", underResourced: true)])
        s.teamMembers = [
            TeamMember(team: "T", firm: "F", member: "L1", roleInTeam: "lead"),
            TeamMember(team: "T", firm: "F", member: "L2", roleInTeam: "member"),
        ]
        s.assignment = AssignmentSettings(serviceModel: .team)
        let p = AssignmentProblem(scenario: s)
        XCTAssertEqual(p.totalCap, [16])
        XCTAssertEqual(p.outsideCap, [10])
        XCTAssertTrue(p.candidates.contains { $0.isSupport }, "a team may go on support")
    }

    /// An apprentice lead makes the team ineligible; an apprentice is never a unit in individual
    /// mode (Guangdong `apprentice_alone: false`), yet serves inside a licensed lead's team.
    func testApprenticesServeOnlyInsideTeams() throws {
        let c = (lat: 22.8, lon: 108.3)
        let people = [
            makePerson("AP1", county: "C1", lat: c.lat, lon: c.lon, role: .apprentice),
            makePerson("AP2", county: "C1", lat: c.lat, lon: c.lon, role: .apprentice),
            makePerson("L1", county: "C1", lat: c.lat, lon: c.lon, maxVillages: 1),
        ]
        var s = makeScenario(
            name: "apprentices", rules: try TestRules.guangdong(), maxKm: nil,
            villages: [
                makePlace("V1", county: "C1", lat: c.lat, lon: c.lon),
                makePlace("V2", county: "C1", lat: c.lat, lon: c.lon + 0.05),
            ],
            advisers: people, counties: [makeCounty("C1", city: "X")])
        let individual = try AssignmentSolver(options: exactOptions, threads: 2).solve(AssignmentProblem(scenario: s))
        XCTAssertEqual(individual.coveredCount, 1, "only L1 may serve alone")
        XCTAssertEqual(individual.chosen.map { individual.problem.units[$0.unit].id }, ["L1"])
        XCTAssertEqual(individual.problem.isEligible, [false, false, true])

        s.teamMembers = [
            TeamMember(team: "TA", firm: "F", member: "AP1", roleInTeam: "lead"),
            TeamMember(team: "TL", firm: "F", member: "L1", roleInTeam: "lead"),
            TeamMember(team: "TL", firm: "F", member: "AP2", roleInTeam: "member"),
        ]
        s.assignment = AssignmentSettings(serviceModel: .team)
        let p = AssignmentProblem(scenario: s)
        XCTAssertEqual(p.units.map(\.id), ["TA", "TL"])
        XCTAssertEqual(p.isEligible, [false, true], "an apprentice may not lead a team")
        XCTAssertEqual(p.totalCap[1], 1, "the apprentice adds no place")
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
        XCTAssertEqual(plan.coveredCount, 1)
        XCTAssertEqual(plan.chosen.first.flatMap { p.units[$0.unit].team?.members.map(\.id) }, ["AP2", "L1"])
        let (header, rows) = parseAssignmentCSV(plan.assignmentCSV())
        XCTAssertEqual(header.last, "team_id")
        XCTAssertEqual(rows.map(\.last), ["TL", ""])
        XCTAssertEqual(rows[0][header.firstIndex(of: "adviser_id")!], "L1", "the lead stands for the team")
        XCTAssertTrue(csvProblems(plan).isEmpty, "\(csvProblems(plan))")
        assertOracleInvariants(plan, PlanOracle(s), "apprentices")
    }

    /// A conflict of one member with a village bars the whole team from it; a village's ranking of
    /// a member counts as its ranking of the team; an incumbent member keeps the village "kept".
    func testMemberConflictBarsTheTeam() throws {
        let c = (lat: 22.8, lon: 108.3)
        let people = [
            makePerson("L1", county: "C1", lat: c.lat, lon: c.lon),
            makePerson("L2", county: "C1", lat: c.lat, lon: c.lon),
            makePerson("L3", county: "C1", lat: c.lat, lon: c.lon + 0.2),
        ]
        var s = makeScenario(
            name: "member-conflict", rules: try TestRules.guangdong(), maxKm: nil,
            villages: [
                makePlace("V1", county: "C1", lat: c.lat, lon: c.lon, incumbent: "L3"),
                makePlace("V2", county: "C1", lat: c.lat, lon: c.lon, incumbent: "L2"),
            ],
            advisers: people, counties: [makeCounty("C1", city: "X")],
            preferences: [makePreference("V2", "L2", 1)], conflicts: [makeConflict("L2", "V1")])
        s.teamMembers = [
            TeamMember(team: "TA", firm: "F", member: "L1", roleInTeam: "lead"),
            TeamMember(team: "TA", firm: "F", member: "L2", roleInTeam: "member"),
            TeamMember(team: "TB", firm: "G", member: "L3", roleInTeam: "lead"),
        ]
        s.assignment = AssignmentSettings(serviceModel: .team)
        let p = AssignmentProblem(scenario: s)
        XCTAssertEqual(candidateKeys(p), ["V1|TB", "V2|TA", "V2|TB"], "L2's conflict with V1 bars TA")
        let v2ta = p.candidates.first { p.villages[$0.village].id == "V2" && p.units[$0.unit].id == "TA" }
        XCTAssertEqual(v2ta?.villageRank, 1, "V2 ranked member L2")
        let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
        XCTAssertEqual(plan.coveredCount, 2)
        XCTAssertEqual(plan.summary.incumbents.kept, 2, "L3's team keeps V1; L2's team keeps V2")
        assertOracleInvariants(plan, PlanOracle(s), "member-conflict")
    }

    /// `needs: prefer` charges `weights.needs` per need the team lacks, and the brute force agrees
    /// on which team serves: a nearer team without the specialty against a farther one with it.
    func testNeedsPreferTradesDistanceAgainstNeeds() throws {
        let c = (lat: 22.8, lon: 108.3)
        let far = pointEast(of: c.lat, c.lon, km: 40)
        let people = [
            makePerson("L1", county: "C1", lat: c.lat, lon: c.lon, specialties: ["land"]),
            makePerson("L2", county: "C1", lat: far.lat, lon: far.lon, specialties: ["land", "family"]),
        ]
        for (weight, expected) in [(1.0, "TN"), (10.0, "TF")] {
            var s = makeScenario(
                name: "needs", rules: try TestRules.guangdong(), maxKm: nil,
                weights: ObjectiveWeights(preference: 0, distanceKm: 0.1, change: 0, support: 0, needs: weight),
                villages: [makePlace("V1", county: "C1", lat: c.lat, lon: c.lon, needs: ["family", "land"])],
                advisers: people, counties: [makeCounty("C1", city: "X")])
            s.teamMembers = [
                TeamMember(team: "TN", firm: "F", member: "L1", roleInTeam: "lead"),
                TeamMember(team: "TF", firm: "G", member: "L2", roleInTeam: "lead"),
            ]
            s.assignment = AssignmentSettings(serviceModel: .team, needs: .prefer)
            let p = AssignmentProblem(scenario: s)
            let plan = try AssignmentSolver(options: exactOptions, threads: 2).solve(p)
            XCTAssertEqual(
                plan.chosen.map { p.units[$0.unit].id }, [expected],
                "needs weight \(weight): 40 km × 0.1 = 4 vs one need")
            let near = p.candidates.first { p.units[$0.unit].id == "TN" }!
            XCTAssertEqual(near.missingNeeds, 1)
            XCTAssertEqual(near.cost, 0.1 * near.distanceKm + weight, accuracy: 1e-9)
            assertOracleInvariants(plan, PlanOracle(s), "needs \(weight)")
            s.assignment.needs = .require
            XCTAssertEqual(candidateKeys(AssignmentProblem(scenario: s)), ["V1|TF"])
        }
    }
}
