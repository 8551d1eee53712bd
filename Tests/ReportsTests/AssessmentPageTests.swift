import Foundation
import XCTest

@testable import CounselModel
@testable import Reports
@testable import Scheduling

/// The county assessment page (考核汇总): what it shows, escaped, and nothing of the villagers.
final class AssessmentPageTests: XCTestCase {
    private func assessment() throws -> Assessment {
        let profile = try RuleProfile.load(from: ReportsTestPaths.models.appendingPathComponent("rules/nanning.yaml"))
        let villages = [
            Village(id: "V1", name: "双桥<村>", township: "T1", county: "C1", latitude: 23.1, longitude: 108.2),
            Village(id: "V2", name: "江南社区", township: "T1", county: "C1", latitude: 23.1, longitude: 108.2),
            Village(id: "V3", name: "北岸村", township: "T2", county: "C2", latitude: 23.1, longitude: 108.2),
        ]
        let advisers = [
            Adviser(id: "A1", name: "张&伟", firm: "F1", county: "C1", latitude: 23.1, longitude: 108.2),
            Adviser(id: "A2", name: "李娜", firm: "F1", county: "C2", latitude: 23.1, longitude: 108.2),
        ]
        let scenario = Scenario(
            name: "测试县", rules: profile, year: 2026, maxKm: nil, weights: .defaults, villages: villages,
            advisers: advisers,
            firms: [Firm(id: "F1", name: "甲律师事务所", kind: "law_firm", county: "C1")],
            counties: [County(id: "C1", name: "甲县", city: "X"), County(id: "C2", name: "乙县", city: "X")])
        let calendar = try WorkCalendar.load(
            from: ReportsTestPaths.root.appendingPathComponent("Data/calendars/cn-2026.csv"), displayName: "cn-2026.csv"
        )
        var entries: [LedgerEntry] = []
        for m in 1...6 {
            var d = Day(year: 2026, month: m, day: 10)!
            while !calendar.isWorkingDay(d) { d = d.adding(1) }
            // V1 served every month, V2 never; V3 every month but March.
            for (v, a) in [("V1", "A1"), ("V3", "A2")] where !(v == "V3" && m == 3) {
                entries.append(
                    LedgerEntry(
                        session: Session(
                            day: d, start: 540, end: 840, adviser: a, village: v, mode: .onsite, activity: .service),
                        file: "\(v).csv", line: m + 1, isRecord: true,
                        fields: [.personServed: "村民赵某某", .content: "咨询", .result: "已解答", .signature: "村委会"]))
            }
        }
        let ledger = LedgerAudit.Ledger(
            roster: Roster(entries.map(\.session)), lines: [:], file: "x", entries: entries, files: [])
        return try Assessment(
            audit: LedgerAudit(scenario: scenario, calendar: calendar), ledger: ledger,
            period: Assessment.Period("2026-H1")!,
            subsidy: SubsidySettings(
                source: "测试补贴标准", perVillagePerYear: 6000, perMissedVisit: 300, perMissedHour: 60,
                perMissedLecture: 500),
            assignment: ["V1": "A1", "V2": "A1", "V3": "A2"])
    }

    func testOnePagePerCountyWithItsOwnVillagesEscapedAndNoVillagerNamed() throws {
        let a = try assessment()
        XCTAssertEqual(AssessmentPage.counties(a).map(\.id), ["C1", "C2"])
        let c1 = AssessmentPage(assessment: a, county: a.scenario.counties[0]).html()
        XCTAssertTrue(c1.contains("<title>甲县村（社区）法律顾问考核汇总（2026年上半年）</title>"))
        XCTAssertTrue(c1.contains("@page { size: A4 portrait"))
        // A1: V1 met 6 of 6, V2 0 of 6: 50% met, not below the threshold → 整改; V2 short 6 × 5 h × 60.
        XCTAssertTrue(c1.contains("张&amp;伟 A1") && !c1.contains("张&伟"), "names are escaped")
        XCTAssertFalse(c1.contains("双桥<村>"), "village names are escaped")
        XCTAssertTrue(c1.contains("<td class=\"grade\">整改</td>"), c1)
        XCTAssertTrue(c1.contains("应发 6000.00，扣减 1800.00，实发 4200.00"), c1)
        XCTAssertTrue(
            c1.contains("江南社区</td><td class=\"nw\">A1</td><td>monthly_onsite_hours：2026-01 0/5，2026-02 0/5"), c1)
        XCTAssertFalse(c1.contains("北岸村"), "another county's village")
        // C2: A2 missed March: 5 of 6 → 整改 too; 300.00 deducted.
        let c2 = AssessmentPage(assessment: a, county: a.scenario.counties[1]).html()
        XCTAssertTrue(c2.contains("应发 3000.00，扣减 300.00，实发 2700.00"), c2)
        XCTAssertFalse(c2.contains("江南社区"))
        // The rules and amounts with their sources; no villager.
        for page in [c1, c2] {
            XCTAssertTrue(page.contains("002 §四(五)") && page.contains("测试补贴标准") && page.contains("001 §(十六)"))
            XCTAssertFalse(page.contains("村民赵某某"), "no villager's name")
            XCTAssertTrue(page.contains("本页不含村（居）民个人信息"))
        }
        XCTAssertEqual(
            c1, AssessmentPage(assessment: try assessment(), county: a.scenario.counties[0]).html(), "deterministic")
        try assertGolden(Data(c1.utf8), "assessment-C1.html")
        try assertGolden(Data(c2.utf8), "assessment-C2.html")
    }
}
