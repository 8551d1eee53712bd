import Foundation
import XCTest

@testable import CounselModel
@testable import Scheduling

/// `assess`'s engine: grades and subsidy deductions against figures worked out by hand.
final class AssessmentTests: XCTestCase {
    var calendar: WorkCalendar!

    override func setUpWithError() throws { calendar = try Fixture.calendar() }

    private let subsidy = SubsidySettings(
        source: "测试标准", perVillagePerYear: 6000, perMissedVisit: 300, perMissedHour: 60, perMissedLecture: 500)

    /// V1 and V2 served by A1 (firm F1), V3 by A2 (firm F2).
    private func scenario(_ rules: String) throws -> Scenario {
        var s = try Fixture.scenario(rules, villages: Fixture.standardVillages + [Fixture.village("V3", "三合村")])
        s.advisers = [
            Adviser(id: "A1", name: "张伟", firm: "F1", county: "C1", latitude: 23.1, longitude: 108.2),
            Adviser(id: "A2", name: "李娜", firm: "F2", county: "C1", latitude: 23.1, longitude: 108.2),
        ]
        s.firms = [
            Firm(id: "F1", name: "甲律师事务所", kind: "law_firm", county: "C1"),
            Firm(id: "F2", name: "乙律师事务所", kind: "law_firm", county: "C1"),
        ]
        return s
    }

    private static let record: [LedgerRules.Field: String] = [
        .personServed: "村民", .content: "咨询", .result: "已解答", .signature: "村委会",
    ]

    /// A visit of `hours` on a working day from the 10th of `month`.
    private func visit(_ village: String, _ adviser: String, _ month: Int, hours: Int = 5, line: Int) -> LedgerEntry {
        let d = Fixture.workday(calendar, month, onOrAfter: 10)
        return LedgerEntry(
            session: Session(
                day: d, start: 9 * 60, end: (9 + hours) * 60, adviser: adviser, village: village, mode: .onsite,
                activity: .service), file: "\(village).csv", line: line, isRecord: true, fields: Self.record)
    }

    /// V1: no visit in March, 3 hours in April; V2: 5 hours every month; V3: nothing.
    private func ledger(months: ClosedRange<Int> = 1...6) -> LedgerAudit.Ledger {
        var e: [LedgerEntry] = []
        for m in months {
            if m != 3 { e.append(visit("V1", "A1", m, hours: m == 4 ? 3 : 5, line: m + 1)) }
            e.append(visit("V2", "A1", m, line: m + 1))
        }
        return LedgerAudit.Ledger(roster: Roster(e.map(\.session)), lines: [:], file: "ledgers", entries: e, files: [])
    }

    private let plan = ["V1": "A1", "V2": "A1", "V3": "A2"]

    private func assess(
        _ rules: String, _ ledger: LedgerAudit.Ledger, period: String = "2026-H1", subsidy: SubsidySettings? = nil,
        callbacks: [CallbackList.Row] = []
    ) throws -> Assessment {
        let audit = try LedgerAudit(scenario: scenario(rules), calendar: calendar)
        return try Assessment(
            audit: audit, ledger: ledger, period: Assessment.Period(period)!, subsidy: subsidy ?? self.subsidy,
            callbacks: callbacks, assignment: plan)
    }

    func testPeriods() {
        XCTAssertEqual(Assessment.Period("2026-H1")?.months, 6)
        XCTAssertEqual(Assessment.Period("2026-H2")?.first, Month("2026-07"))
        XCTAssertEqual(Assessment.Period("2026")?.months, 12)
        for bad in ["2026-H3", "26-H1", "2026-Q1", "", "2026-h1"] { XCTAssertNil(Assessment.Period(bad), bad) }
    }

    func testNanningHalfYearDeductionsWorkedOutByHand() throws {
        let a = try assess("nanning", ledger())
        XCTAssertEqual(a.advisers.map(\.id), ["A1", "A2"])
        let a1 = a.advisers[0], a2 = a.advisers[1]
        // Six monthly checks per village in H1; the yearly lecture is not due until the year ends.
        XCTAssertEqual(a1.checks, 12)
        XCTAssertEqual(a1.met, 10)
        XCTAssertFalse(a.checkRows.contains { $0.rule == "yearly_lecture" })
        // A1: 10 of 12 met (83.3%, not below 50%) → rectify. Base 2 × 6000 × 6/12 = 6000.00;
        // V1 short 5 h in March and 2 h in April: (5 + 2) × 60 = 420.00; payable 5580.00.
        XCTAssertEqual(a1.grade, .rectify)
        XCTAssertEqual(a1.baseCents, 600_000)
        XCTAssertEqual(a1.deductionCents, 42_000)
        XCTAssertEqual(a1.payableCents, 558_000)
        XCTAssertEqual(
            a1.villages.first { $0.village.id == "V1" }?.shortfalls.map { "\($0.row.period) \($0.units)" },
            ["2026-03 5.0", "2026-04 2.0"])
        XCTAssertTrue(a1.arithmetic.contains("base: 2 villages × 6000.00 a year × 6/12 = 6000.00"), a1.arithmetic)
        XCTAssertTrue(
            a1.arithmetic.contains("V1 monthly_onsite_hours 2026-04 3/5: 2 hours × 60.00 = 120.00"), a1.arithmetic)
        XCTAssertTrue(a1.arithmetic.contains("payable 6000.00 − 420.00 = 5580.00"), a1.arithmetic)
        XCTAssertTrue(a1.consequence.contains("deducted") && a1.consequence.contains("002 §四(五)"), a1.consequence)
        // A2: nothing recorded for V3: 0 of 6 met → fail, not renewed. 6 × 5 h × 60 = 1800.00 of 3000.00.
        XCTAssertEqual(a2.grade, .fail)
        XCTAssertEqual(a2.baseCents, 300_000)
        XCTAssertEqual(a2.deductionCents, 180_000)
        XCTAssertEqual(a2.payableCents, 120_000)
        XCTAssertTrue(
            a2.gradeReason.contains("0 of 6 requirement checks met (0%)") && a2.gradeReason.contains("below the 50%"),
            a2.gradeReason)
        XCTAssertTrue(a2.consequence.hasPrefix("not renewed: status failed_assessment"), a2.consequence)
        // Firms.
        XCTAssertEqual(
            a.firms.map { "\($0.id) \($0.villages) \($0.baseCents) \($0.deductionCents) \($0.payableCents)" },
            ["F1 2 600000 42000 558000", "F2 1 300000 180000 120000"])
        // The files.
        let subsidy = a.subsidyCSV().split(separator: "\n").map(String.init)
        XCTAssertEqual(subsidy[0], "kind,id,name,firm_id,county,villages,base,deduction,payable,applied,arithmetic")
        XCTAssertTrue(subsidy[1].hasPrefix("adviser,A1,张伟,F1,C1,2,6000.00,420.00,5580.00,yes,"), subsidy[1])
        XCTAssertTrue(subsidy[2].hasPrefix("adviser,A2,李娜,F2,C1,1,3000.00,1800.00,1200.00,yes,"), subsidy[2])
        XCTAssertTrue(subsidy[3].hasPrefix("firm,F1,甲律师事务所,F1,,2,6000.00,420.00,5580.00,yes,"), subsidy[3])
        let statuses = a.statusesCSV().split(separator: "\n").map(String.init)
        XCTAssertEqual(statuses[0], "adviser_id,status,grade,reason")
        XCTAssertEqual(statuses[1], "A1,active,rectify,2026-H1 assessment: rectify")
        XCTAssertTrue(
            statuses[2].hasPrefix("A2,failed_assessment,fail,\"failed the 2026-H1 assessment: 0 of 6"), statuses[2])
        let rows = a.assessmentCSV().split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 4)
        XCTAssertTrue(
            rows[1].hasPrefix(
                "A1,张伟,F1,C1,V1,双桥村,6,4,monthly_onsite_hours 2026-03 0/5; monthly_onsite_hours 2026-04 3/5,0,"), rows[1]
        )
        XCTAssertTrue(rows[1].contains(",420.00,rectify,"), rows[1])
    }

    func testTheSecondHalfAssessesTheYearsRequirementsToo() throws {
        // The whole year recorded as above (V1 short in March and April only), no lecture anywhere.
        let a = try assess("nanning", ledger(months: 1...12), period: "2026-H2")
        let a1 = a.advisers[0]
        // Jul–Dec: 6 monthly checks per village, all met, the year's lecture, missed twice, and the
        // adviser's yearly training (002 §四(二) 每年组织培训不少于1次), not recorded.
        XCTAssertEqual(a1.checks, 15)
        XCTAssertEqual(a1.met, 12)
        XCTAssertEqual(
            a1.duties.map { "\($0.rule) \($0.period) \($0.done)/\($0.required)" }, ["adviser_training 2026 0/1"])
        XCTAssertTrue(a1.gradeReason.contains("not done: adviser_training 2026 0/1"), a1.gradeReason)
        XCTAssertEqual(
            a.dutyChecksCSV(),
            "scope,id,rule,period,required,planned,ok\nadviser,A1,adviser_training,2026,1,0,no\n"
                + "adviser,A2,adviser_training,2026,1,0,no\n")
        XCTAssertEqual(
            a1.villages.flatMap(\.shortfalls).map { "\($0.row.rule) \($0.row.period) \($0.unit) \($0.cents)" },
            ["yearly_lecture 2026 lecture 50000", "yearly_lecture 2026 lecture 50000"])
        XCTAssertEqual(a1.deductionCents, 100_000)
        XCTAssertEqual(a1.payableCents, 500_000)
    }

    func testAVillagesDeductionsAreCappedAtItsSubsidy() throws {
        var steep = subsidy
        steep.perMissedHour = 1000
        let a2 = try assess("nanning", ledger(), subsidy: steep).advisers[1]
        // 30 hours × 1000.00 = 30000.00, capped at V3's 3000.00.
        XCTAssertEqual(a2.deductionCents, 300_000)
        XCTAssertEqual(a2.payableCents, 0)
        XCTAssertTrue(a2.arithmetic.contains("V3 capped at its base 3000.00"), a2.arithmetic)
    }

    func testWhereTheDocumentMakesAssessmentAReferenceNothingIsDeductedOrExcluded() throws {
        // Rongchang 000 §四(二)2: 予以参考. Its visit rule is a monthly visit of 4 hours (000 §三(三)).
        let a = try assess("rongchang", ledger())
        let a2 = try XCTUnwrap(a.advisers.first { $0.id == "A2" })
        XCTAssertGreaterThan(a2.deductionCents, 0)
        XCTAssertEqual(a2.payableCents, a2.baseCents, "deductions for reference only")
        XCTAssertEqual(a2.grade, .fail)
        XCTAssertTrue(
            a2.consequence.contains("stays eligible") && a2.consequence.contains("000 §四(二)2"), a2.consequence)
        XCTAssertTrue(a.subsidyCSV().contains(",reference,"), a.subsidyCSV())
        // Zhengning 003 §二: a rectification request to the firm.
        let z = try assess("zhengning", ledger()).advisers.first { $0.id == "A2" }!
        XCTAssertTrue(z.consequence.hasPrefix("a rectification request to firm F2"), z.consequence)
    }

    func testCallBacksThatDoNotConfirmFailAnAdviser() throws {
        let ledger = ledger()
        func row(_ e: LedgerEntry, _ r: CallbackResult) -> CallbackList.Row {
            CallbackList.Row(
                entry: e.location.description, key: e.key, villageName: "", township: "", adviserName: "",
                personServed: "", contact: "", question: "", reasons: [], result: r)
        }
        let v2 = ledger.entries.filter { $0.session.village == "V2" }
        let calls = [
            row(v2[0], .notConfirmed), row(v2[1], .notConfirmed), row(v2[2], .confirmed), row(v2[3], .unreachable),
        ]
        let a1 = try assess("nanning", ledger, callbacks: calls).advisers[0]
        // V2's January and February visits no longer count: 8 of 12 met (66.7%), but only 1 of 3
        // reached confirmed (33.3%), below 50% → fail.
        XCTAssertEqual(a1.met, 8)
        XCTAssertEqual(a1.callbacks.reached, 3)
        XCTAssertEqual(a1.grade, .fail)
        XCTAssertTrue(
            a1.gradeReason.contains("1 of 3 reached confirmed (33.3%), below the 50% of call-backs"), a1.gradeReason)
        XCTAssertEqual(a1.deductionCents, 42_000 + 2 * 5 * 6000)
        let v2Row = a1.villages.first { $0.village.id == "V2" }!
        XCTAssertEqual(
            [
                v2Row.callbacks.listed, v2Row.callbacks.confirmed, v2Row.callbacks.notConfirmed,
                v2Row.callbacks.unreachable,
            ], [4, 1, 2, 1])
    }

    func testAProfileWithoutAnAssessmentSectionIsRefused() throws {
        var s = try scenario("nanning")
        s.rules.assessment = nil
        let audit = try LedgerAudit(scenario: s, calendar: calendar)
        XCTAssertThrowsError(
            try Assessment(audit: audit, ledger: ledger(), period: Assessment.Period("2026-H1")!, subsidy: subsidy)
        ) {
            XCTAssertTrue(
                ($0 as? ScenarioError)?.diagnostics.first?.message.contains("has no 'assessment' section") ?? false,
                "\($0)")
        }
    }

    func testMoney() {
        XCTAssertEqual(Assessment.money(0), "0.00")
        XCTAssertEqual(Assessment.money(5), "0.05")
        XCTAssertEqual(Assessment.money(123_456), "1234.56")
        XCTAssertEqual(Assessment.money(-150), "-1.50")
        XCTAssertEqual(Assessment.cents(0.1 + 0.2), 30)
    }
}
