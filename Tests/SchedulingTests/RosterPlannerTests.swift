import CounselModel
import Foundation
import XCTest
@testable import Scheduling

/// The scheduler's needs and rosters, checked against the rules.
final class RosterPlannerTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func profile(_ name: String) throws -> RuleProfile {
        try RuleProfile.load(from: root.appendingPathComponent("Models/rules/\(name).yaml"))
    }

    func testNanningNeedsOneFiveHourVisitEveryMonthAndOneLecture() throws {
        let rules = try XCTUnwrap(try Self.profile("nanning").scheduling)
        let v = Village(id: "V1", name: "一村", kind: .village, township: "甲镇", county: "C", latitude: 22.9, longitude: 108.3, needs: [], currentAdviser: nil)
        let needs = RosterPlanner.needs(for: v, rules: rules, flexible: false, online: false, from: Month("2026-01")!, to: Month("2026-12")!)
        let visits = needs.filter { $0.activity == .service }
        XCTAssertEqual(visits.count, 12, needs.map { "\($0.first) \($0.activity)" }.joined(separator: "\n"))
        XCTAssertEqual(Set(visits.map(\.first.month)), Set(1...12))
        XCTAssertEqual(needs.filter { $0.activity == .lecture }.count, 1)
    }
}
