import CounselModel
import Foundation
import XCTest

@testable import Scheduling

/// The scheduler's needs and rosters, checked against the rules.
final class RosterPlannerTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func profile(_ name: String) throws -> RuleProfile {
        try RuleProfile.load(from: root.appendingPathComponent("Models/rules/\(name).yaml"))
    }

    func testNanningNeedsOneFiveHourVisitEveryMonthAndOneLecture() throws {
        let rules = try XCTUnwrap(try Self.profile("nanning").scheduling)
        let v = Village(
            id: "V1", name: "一村", kind: .village, township: "甲镇", county: "C", latitude: 22.9, longitude: 108.3,
            needs: [], currentAdviser: nil)
        let needs = RosterPlanner.needs(
            for: v, rules: rules, flexible: false, online: false, from: Month("2026-01")!, to: Month("2026-12")!)
        let visits = needs.filter { $0.activity == .service }
        XCTAssertEqual(visits.count, 12, needs.map { "\($0.first) \($0.activity)" }.joined(separator: "\n"))
        XCTAssertEqual(Set(visits.map(\.first.month)), Set(1...12))
        XCTAssertEqual(needs.filter { $0.activity == .lecture }.count, 1)
    }

    func testAProfileWithoutSchedulingIsRefusedByName() throws {
        var rules = try Self.profile("nanning")
        rules.scheduling = nil
        let v = Village(
            id: "V1", name: "一村", kind: .village, township: "甲镇", county: "C", latitude: 22.9, longitude: 108.3,
            needs: [], currentAdviser: nil)
        let scenario = Scenario(
            name: "t", rules: rules, year: 2026, maxKm: nil, weights: .defaults, villages: [v], advisers: [],
            counties: [County(id: "C", name: "县", city: "市")], townships: [], teamMembers: [])
        let calendar = try WorkCalendar.load(
            from: Self.root.appendingPathComponent("Data/calendars/cn-2026.csv"), displayName: "cn-2026.csv")
        XCTAssertThrowsError(
            try RosterPlanner(threads: 1).plan(
                scenario: scenario, calendar: calendar, assignment: [:], from: Month("2026-01")!,
                to: Month("2026-12")!)
        ) { error in
            XCTAssertEqual(error as? SchedulingError, .noScheduling(profile: rules.id))
            XCTAssertEqual("\(error)", "the rule profile '\(rules.id)' has no scheduling part")
        }
    }
}

/// Each jurisdiction's rules, counted directly from the planned roster (not through the
/// compliance evaluator), on a small scenario planned for all of 2026.
final class JurisdictionRosterTests: XCTestCase {
    private func plan(
        _ profile: String, villages: Int = 4, members: [String] = ["A1"], team: String? = nil,
        townships: [Township] = [], configure: (inout Scenario) -> Void = { _ in }
    ) throws -> (Scenario, SchedulePlan) {
        let rules = try RosterPlannerTests.profile(profile)
        let vs = (1...villages).map { i in
            Village(
                id: "V\(i)", name: "村\(i)", township: i % 2 == 0 ? "甲镇" : "乙镇", county: "C",
                latitude: 22.9 + 0.01 * Double(i), longitude: 108.3 + 0.01 * Double(i))
        }
        let advisers = members.map { Adviser(id: $0, name: "顾问\($0)", county: "C", latitude: 22.9, longitude: 108.3) }
        var scenario = Scenario(
            name: "t", rules: rules, year: 2026, maxKm: nil, weights: .defaults, villages: vs, advisers: advisers,
            counties: [County(id: "C", name: "县", city: "市")], townships: townships,
            teamMembers: team.map { t in
                members.map {
                    TeamMember(team: t, firm: "F", member: $0, roleInTeam: $0 == members[0] ? "lead" : "member")
                }
            } ?? [])
        configure(&scenario)
        let calendar = try WorkCalendar.load(
            from: RosterPlannerTests.root.appendingPathComponent("Data/calendars/cn-2026.csv"),
            displayName: "cn-2026.csv")
        var assignment: [String: ServiceAssignment] = [:]
        for v in vs { assignment[v.id] = ServiceAssignment(adviser: members[0], team: team) }
        let plan = try RosterPlanner(threads: 1).plan(
            scenario: scenario, calendar: calendar, assignment: assignment,
            from: Month("2026-01")!, to: Month("2026-12")!)
        // Calendar invariants on every roster.
        for s in plan.roster.sessions {
            XCTAssertTrue(calendar.isWorkingDay(s.day) && !calendar.isHoliday(s.day), "\(s.day)")
        }
        return (scenario, plan)
    }

    private func sessions(_ p: SchedulePlan, _ v: String, months: ClosedRange<Int>) -> [Session] {
        p.roster.sessions.filter { $0.village == v && months.contains($0.day.month) }
    }
    private func onsiteHours(_ s: [Session]) -> Double { s.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours } }

    func testRongchang() throws {
        let (scenario, p) = try plan("rongchang")
        for v in scenario.villages {
            for m in 1...12 {
                XCTAssertGreaterThanOrEqual(
                    sessions(p, v.id, months: m...m).filter { $0.mode == .onsite && $0.hours >= 4 }.count, 1)
            }
            XCTAssertGreaterThanOrEqual(
                sessions(p, v.id, months: 1...12).reduce(0) { $0 + $1.hours }, 50, "000 §三(三): 50 h a year")
            for q in 0..<4 {
                XCTAssertGreaterThanOrEqual(
                    sessions(p, v.id, months: (3 * q + 1)...(3 * q + 3)).filter { $0.activity == .lecture }.count, 1)
            }
        }
        XCTAssertTrue(p.shortfalls.isEmpty && p.compliance.allSatisfy(\.ok))
    }

    func testGuangdongOffsiteMakesUpAtMostHalf() throws {
        let (scenario, p) = try plan("guangdong", villages: 6)
        for v in scenario.villages {
            for m in 1...12 {
                let s = sessions(p, v.id, months: m...m)
                XCTAssertGreaterThanOrEqual(s.filter { $0.mode == .onsite }.count, 1)
                let offsite = s.filter { $0.mode != .onsite }.reduce(0) { $0 + $1.hours }
                XCTAssertGreaterThanOrEqual(onsiteHours(s) + min(offsite, 4), 8, "001 §(五),(六): \(v.id) month \(m)")
            }
        }
        XCTAssertTrue(p.compliance.allSatisfy(\.ok))
    }

    func testNanningAndZhengning() throws {
        let (nn, pn) = try plan("nanning")
        for v in nn.villages {
            for m in 1...12 { XCTAssertGreaterThanOrEqual(onsiteHours(sessions(pn, v.id, months: m...m)), 5) }
        }
        let (zn, pz) = try plan("zhengning")
        for v in zn.villages {
            for q in 0..<4 {
                XCTAssertGreaterThanOrEqual(onsiteHours(sessions(pz, v.id, months: (3 * q + 1)...(3 * q + 3))), 8)
            }
            XCTAssertGreaterThanOrEqual(
                sessions(pz, v.id, months: 1...12).filter { $0.activity == .lecture || $0.activity == .event }.count, 2)
        }
    }

    func testJiaochengTrainsEveryQuarterOnlineInMountainTownships() throws {
        let (scenario, p) = try plan(
            "jiaocheng",
            townships: [
                Township(id: "甲镇", name: "甲镇", county: "C", mode: .online, adjacent: []),
                Township(id: "乙镇", name: "乙镇", county: "C", mode: .onsite, adjacent: []),
            ])
        for v in scenario.villages {
            for q in 0..<4 {
                XCTAssertGreaterThanOrEqual(
                    sessions(p, v.id, months: (3 * q + 1)...(3 * q + 3)).filter { $0.activity == .training }.count, 1)
            }
            let modes = Set(sessions(p, v.id, months: 1...12).map(\.mode))
            let expected: Set<Session.Mode> = [v.township == "甲镇" ? .online : .onsite]
            XCTAssertEqual(modes, expected, "004 §四(三)")
        }
    }

    func testTeamMembersShareTheHours() throws {
        let (_, p) = try plan("guangdong", villages: 8, members: ["A1", "A2", "A3"], team: "T1")
        var hours: [String: Double] = [:]
        for s in p.roster.sessions {
            hours[s.adviser, default: 0] += s.hours
            XCTAssertEqual(s.team, "T1")
        }
        XCTAssertEqual(Set(hours.keys), ["A1", "A2", "A3"])
        XCTAssertLessThanOrEqual(hours.values.max()! - hours.values.min()!, 12, "\(hours)")
        XCTAssertTrue(p.compliance.allSatisfy(\.ok))
    }

    func testTooManyVillagesForTheDaysIsExplained() throws {
        // 30 Nanning villages for one adviser: 30 five-hour visits a month do not fit into ~21 working days.
        let (_, p) = try plan("nanning", villages: 30)
        XCTAssertFalse(p.shortfalls.isEmpty)
        XCTAssertTrue(p.shortfalls.allSatisfy { $0.reason.contains("already taken") }, p.shortfalls.first?.reason ?? "")
        // Each unmet rule and period has exactly one shortfall saying why.
        XCTAssertEqual(p.compliance.filter { !$0.ok }.count, p.shortfalls.count)
        XCTAssertEqual(
            Set(p.compliance.filter { !$0.ok }.map { "\($0.village)|\($0.rule)|\($0.period)" }),
            Set(p.shortfalls.map { "\($0.village)|\($0.requirement)|\($0.period)" }))
    }
}
