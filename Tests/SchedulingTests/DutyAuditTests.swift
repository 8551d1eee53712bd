import Foundation
import XCTest

@testable import CounselModel
@testable import Scheduling

/// Issue 12, part 2: the duties that are not a village's sessions, each found missing in a
/// hand-made ledger; the county's training days; mediation counted but never called about; the
/// month's books per township.
final class DutyAuditTests: XCTestCase {
    var calendar: WorkCalendar!

    override func setUpWithError() throws { calendar = try Fixture.calendar() }

    private static let full: [LedgerRules.Field: String] = [
        .personServed: "村民王某", .content: "土地承包咨询", .result: "已解答",
        .signature: "村委会", .contactPhone: "13900000001", .matter: "土地承包",
        .place: "村委会议室", .attendees: "村民30人", .photo: "IMG_0001.jpg",
    ]

    /// V1, V2 served by A1 of firm F1; A2 of F1 serves nowhere; county C1 trains on `training`.
    private func scenario(_ rules: String, training: [String] = []) throws -> Scenario {
        var s = try Fixture.scenario(rules)
        s.advisers = s.advisers.map {
            var a = $0
            a.firm = "F1"
            return a
        }
        s.firms = [Firm(id: "F1", name: "甲律师事务所", kind: "law_firm", county: "C1")]
        s.counties[0].trainingDays = training.map { Day($0)! }
        return s
    }

    private func entry(_ s: Session, line: Int, fields: [LedgerRules.Field: String] = full, file: String = "ledger.csv")
        -> LedgerEntry
    {
        LedgerEntry(session: s, file: file, line: line, isRecord: true, fields: fields)
    }

    /// The baseline's village work as filled records, plus `extra` sessions.
    private func ledger(_ extra: [Session]) -> [LedgerEntry] {
        (Fixture.baseline(calendar) + extra).enumerated().map { entry($1, line: $0 + 2) }
    }

    private func audit(
        _ rules: String, _ entries: [LedgerEntry], training: [String] = [], month: String? = nil,
        expected: [String: String] = [:]
    ) throws -> LedgerAudit.Outcome {
        let a = try LedgerAudit(scenario: scenario(rules, training: training), calendar: calendar)
        let from = month ?? "2026-01", to = month ?? "2026-12"
        return a.audit(
            entries: entries, from: Month(from)!, to: Month(to)!, expected: expected,
            submissions: month.flatMap(Month.init))
    }

    private func s(
        _ date: String, _ activity: Session.Activity, village: String = "V1", adviser: String = "A1",
        _ mode: Session.Mode = .onsite, start: String = "14:00", end: String = "16:00"
    ) -> Session {
        Fixture.s(date, start, end, adviser: adviser, village: village, mode, activity)
    }

    private func duties(_ r: LedgerAudit.Outcome) -> [String] {
        r.findings.filter { $0.kind == .duty }.map { "\($0.firm ?? $0.adviser) \($0.rule ?? "") \($0.period ?? "")" }
    }

    // MARK: Each missing duty is found

    func testRongchangFirmEventWorkReportAndTrainingEachFoundMissing() throws {
        let event = s("2026-05-19", .firmEvent, start: "09:00", end: "12:00")
        let report = s("2026-11-20", .report, village: "", .offsite, start: "09:00", end: "11:00")
        let training = s("2026-04-15", .adviserTraining, village: "", .offsite, start: "09:00", end: "15:00")
        // Everything: compliant.
        let all = try audit("rongchang", ledger([event, report, training]))
        XCTAssertTrue(all.isCompliant, describe(all.findings))
        XCTAssertEqual(
            all.duties.map { "\($0.scope.rawValue) \($0.id) \($0.rule) \($0.done)/\($0.required)" },
            ["adviser A1 adviser_training 1/1", "adviser A1 work_report 1/1", "firm F1 firm_village_event 1/1"])
        // Each left out in turn is found, and only it.
        XCTAssertEqual(duties(try audit("rongchang", ledger([report, training]))), ["F1 firm_village_event 2026"])
        XCTAssertEqual(
            duties(try audit("rongchang", ledger([event, training]))), [" work_report 2026"].map { "A1" + $0 })
        XCTAssertEqual(duties(try audit("rongchang", ledger([event, report]))), ["A1 adviser_training 2026"])
        let none = try audit("rongchang", ledger([]))
        XCTAssertFalse(none.isCompliant)
        XCTAssertEqual(duties(none), ["A1 adviser_training 2026", "A1 work_report 2026", "F1 firm_village_event 2026"])
        let f = try XCTUnwrap(none.findings.first { $0.rule == "firm_village_event" })
        for p in [
            "firm F1", "the year 2026", "firm_event (法律服务进村（居）活动)", "by any of the firm's advisers",
            "the ledger shows 0",
            "000 §三(三)", "每年至少组织一次法律服务进村（居）活动",
        ] {
            XCTAssertTrue(f.message.contains(p), "\(p): \(f.message)")
        }
        XCTAssertEqual(f.village, "")
        XCTAssertEqual(f.firm, "F1")
        // The firm's event counts by any of its advisers, in any village.
        let byColleague = s("2026-06-09", .firmEvent, village: "V2", adviser: "A2", start: "09:00", end: "12:00")
        let colleague = duties(try audit("rongchang", ledger([byColleague, report, training])))
        XCTAssertFalse(colleague.contains { $0.contains("firm_village_event") }, "\(colleague)")
        XCTAssertEqual(
            colleague, ["A2 adviser_training 2026", "A2 work_report 2026"],
            "A2, named by V2's book, owes an adviser's duties too")
        // The duties follow the villages' findings.
        XCTAssertEqual(none.findings.last?.kind, .duty)
    }

    func testAnOwnEntryCountsOnceItSaysWhatItWas() throws {
        let report = s("2026-11-20", .report, village: "", .offsite, start: "09:00", end: "11:00")
        let training = s("2026-04-15", .adviserTraining, village: "", .offsite, start: "09:00", end: "15:00")
        let event = s("2026-05-19", .firmEvent, start: "09:00", end: "12:00")
        var entries = ledger([event])
        entries.append(entry(report, line: 90, fields: [:]))
        entries.append(entry(training, line: 91, fields: [.content: "2026 年村居法律顾问培训（区司法局）"]))
        let r = try audit("rongchang", entries)
        XCTAssertEqual(duties(r), ["A1 work_report 2026"])
        let blank = try XCTUnwrap(r.findings.first { $0.kind == .incompleteEntry })
        XCTAssertTrue(blank.message.contains("content is blank"), blank.message)
        XCTAssertEqual(blank.locations, [EntryLocation(file: "ledger.csv", line: 90)])
        // Neither is a village's service: V1's fifty hours do not grow by them.
        XCTAssertEqual(
            r.rows.first { $0.rule == "yearly_service_hours" }?.planned,
            try audit("rongchang", ledger([event])).rows.first { $0.rule == "yearly_service_hours" }?.planned)
    }

    func testGuangdongCampaignDutiesArePerAdviserNotPerVillage() throws {
        let aid = s("2026-06-16", .legalAid, .offsite, start: "09:00", end: "10:00")
        let screening = s("2026-07-14", .disputeScreening, start: "14:00", end: "16:00")
        let consultation = s("2026-08-18", .consultation, start: "14:00", end: "16:00")
        let training = s("2026-04-15", .adviserTraining, village: "", .offsite, start: "09:00", end: "15:00")
        // The baseline's lectures give A1 the law class; each duty is one row for the adviser, not one per village.
        let r = try audit("guangdong", ledger([aid, screening, consultation, training]))
        XCTAssertEqual(duties(r), [], describe(r.findings))
        XCTAssertEqual(
            r.duties.map { "\($0.scope.rawValue) \($0.id) \($0.rule) \($0.period)" },
            [
                "adviser A1 adviser_training 2026", "adviser A1 campaign_consultation 2026",
                "adviser A1 campaign_dispute_screening 2026",
                "adviser A1 campaign_law_class 2026", "adviser A1 campaign_legal_aid 2026",
            ])
        XCTAssertEqual(r.duties.first { $0.rule == "campaign_law_class" }?.done, 4, "the baseline's four lectures")
        // Each left out is found.
        for (left, rule) in [
            (aid, "campaign_legal_aid"), (screening, "campaign_dispute_screening"),
            (consultation, "campaign_consultation"),
            (training, "adviser_training"),
        ] {
            let found = duties(
                try audit("guangdong", ledger([aid, screening, consultation, training].filter { $0 != left })))
            XCTAssertEqual(found, ["A1 \(rule) 2026"], rule)
        }
        let message = try XCTUnwrap(
            try audit("guangdong", ledger([screening, consultation, training])).findings.first { $0.kind == .duty }?
                .message)
        XCTAssertTrue(message.contains("涉农法律援助案件") && message.contains("001 §(一)"), message)
        // The law class: without any lecture the village rules are silent (no village lecture rule), the duty is not.
        let noLectures =
            Fixture.baseline(calendar).filter { $0.activity != .lecture } + [aid, screening, consultation, training]
        let nl = try audit("guangdong", noLectures.enumerated().map { entry($1, line: $0 + 2) })
        XCTAssertEqual(duties(nl), ["A1 campaign_law_class 2026"])
        XCTAssertFalse(nl.findings.contains { $0.kind == .shortfall }, describe(nl.findings))
    }

    func testOnARosterOnlyPlannedDutiesAreAsked() throws {
        // A plan cannot hold a legal-aid case: on a roster it is not asked for.
        let plan =
            Fixture.baseline(calendar) + [
                s("2026-07-14", .disputeScreening), s("2026-08-18", .consultation),
                s("2026-04-15", .adviserTraining, village: "", .offsite, start: "09:00", end: "15:00"),
            ]
        let r = try Fixture.audit("guangdong", plan, duties: true)
        XCTAssertTrue(r.isCompliant, describe(r.findings))
        XCTAssertFalse(r.duties.contains { $0.rule == "campaign_legal_aid" })
    }

    // MARK: Training days

    func testAVillageSessionOnTheCountysTrainingDayIsAWarning() throws {
        let d = Fixture.workday(calendar, 3, onOrAfter: 10)  // the baseline's March visit
        let r = try audit(
            "jiaocheng",
            ledger([s(d.description, .adviserTraining, village: "", .offsite, start: "09:00", end: "15:00")]),
            training: [d.description])
        let warnings = r.findings.filter { $0.kind == .trainingDay }
        XCTAssertEqual(warnings.count, 2, describe(r.findings))  // the visit and the off-site session of that day
        XCTAssertTrue(
            warnings.allSatisfy { $0.severity == .warning && $0.message.contains("training day of county C1") })
        // And the training overlaps them: one adviser in two places.
        XCTAssertTrue(r.findings.contains { $0.kind == .overlap })
        XCTAssertFalse(r.findings.contains { $0.kind == .duty }, "the training is attended")
    }

    // MARK: Mediation

    func testMediationCountsLikeServiceButIsNeverCalledAbout() throws {
        let mediation = s("2026-03-24", .mediation, start: "09:00", end: "12:00")
        let r = try audit(
            "jiaocheng",
            ledger([mediation, s("2026-04-15", .adviserTraining, village: "", .offsite, start: "09:00", end: "15:00")]))
        XCTAssertTrue(r.isCompliant, describe(r.findings))
        XCTAssertEqual(r.mediations, 1)
        // Without the record fields Jiaocheng's log asks for, a mediation entry is no record either.
        let bare = try audit("jiaocheng", ledger([]) + [entry(mediation, line: 99, fields: [.content: "调解"])])
        XCTAssertEqual(bare.mediations, 0)
        XCTAssertTrue(
            bare.findings.contains {
                $0.kind == .incompleteEntry && $0.locations == [EntryLocation(file: "ledger.csv", line: 99)]
            })
        // The call-back sampler never draws it.
        let scenario = try scenario("jiaocheng")
        let entries = ledger([mediation])
        let book = LedgerAudit.Ledger(
            roster: Roster(entries.map(\.session)), lines: [:], file: "ledger.csv", entries: entries,
            files: ["ledger.csv"])
        let sample = CallbackSampler(scenario: scenario).sample(
            book, size: 1000, seed: 7, from: Day("2026-01-01")!, to: Day("2026-12-31")!)
        XCTAssertFalse(sample.list.rows.contains { $0.key.activity == .mediation })
        XCTAssertEqual(sample.list.rows.count, entries.count - 1)
    }

    // MARK: The month's books

    func testMonthlySubmissionListsTheVillagesWhoseBookDidNotComeIn() throws {
        let villages = [
            Fixture.village("V1", "双桥村"), Fixture.village("V2", "江南社区"),
            Village(id: "V3", name: "石门村", township: "T2", county: "C1", latitude: 23.2, longitude: 108.3),
            Village(id: "V4", name: "新桥村", township: "T2", county: "C1", latitude: 23.2, longitude: 108.3),
        ]
        var sc = try scenario("jiaocheng")
        sc.villages = villages
        let a = try LedgerAudit(scenario: sc, calendar: calendar)
        // March: V1's book has filled entries; V2's March line is blank; V3 has no book at all; V4's
        // book has no line in March (nothing to log) and came in.
        let march = Fixture.workday(calendar, 3, onOrAfter: 10)
        let entries = [
            entry(s(march.description, .service, start: "09:00", end: "11:00"), line: 2),
            entry(
                s(march.description, .service, village: "V2", start: "14:00", end: "16:00"), line: 2, fields: [:],
                file: "V2.csv"),
            entry(
                s("2026-04-14", .service, village: "V4", start: "14:00", end: "16:00"), line: 2, fields: [:],
                file: "V4.csv"),
        ]
        let r = a.audit(
            entries: entries, from: Month("2026-03")!, to: Month("2026-03")!,
            expected: ["V1": "A1", "V2": "A1", "V3": "A2", "V4": "A2"], duties: false, submissions: Month("2026-03")!)
        XCTAssertEqual(
            r.submissions.map { "\($0.township): \($0.received) / \($0.missing)" },
            ["T1: [\"V1\"] / [\"V2\"]", "T2: [\"V4\"] / [\"V3\"]"])
        let missing = r.findings.filter { $0.kind == .missingSubmission }
        XCTAssertEqual(missing.map(\.village), ["V2", "V3"])
        XCTAssertTrue(missing.allSatisfy { $0.severity == .breach }, "Jiaocheng's books go in every month (004 §四(三))")
        XCTAssertTrue(
            missing[1].message.contains(
                "石门村 (V3) (T2), adviser A2: the book for March 2026 did not come in — no book of the village"),
            missing[1].message)
        XCTAssertTrue(missing[0].message.contains("its lines of that month are blank"), missing[0].message)
        XCTAssertTrue(missing[1].message.contains("每月月末将纸质版交辖区司法所审核"), missing[1].message)
        // Where the profile names no monthly submission (Guangdong), a missing book is a warning.
        var gd = try scenario("guangdong")
        gd.villages = villages
        let g = try LedgerAudit(scenario: gd, calendar: calendar).audit(
            entries: entries, from: Month("2026-03")!, to: Month("2026-03")!,
            expected: ["V1": "A1", "V2": "A1", "V3": "A2"], duties: false,
            submissions: Month("2026-03")!)
        XCTAssertTrue(g.findings.filter { $0.kind == .missingSubmission }.allSatisfy { $0.severity == .warning })
    }
}
