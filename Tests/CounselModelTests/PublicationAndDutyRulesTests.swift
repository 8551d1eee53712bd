import CounselTestSupport
import Foundation
import XCTest

@testable import CounselModel

/// The `publication` and `duties` sections of the rule profiles (issue 12): what each shipped
/// profile says, and refusals of malformed sections with where they stand.
final class PublicationAndDutyRulesTests: XCTestCase {
    private func load(_ name: String) throws -> RuleProfile { try RuleProfile.load(from: PackageRoot.profile(name)) }

    func testBoardsAndCardsAsTheDocumentsList() throws {
        let guangdong = try load("guangdong").publicationRules
        for item in [
            PublicationRules.Item.wechat, .wechatQR, .officeEmail, .complaintEmail, .services, .times, .officePhone,
        ] {
            XCTAssertTrue(guangdong.boardShows(item), "Guangdong's board (001 §(十),(十四)) shows \(item)")
        }
        XCTAssertTrue(guangdong.boardSource(.complaintEmail)!.hasPrefix("001 §(十四)"))
        XCTAssertFalse(guangdong.boardShows(.photo))
        for item in [PublicationRules.Item.adviserName, .firm, .phone, .email, .wechat, .wechatQR, .services] {
            XCTAssertTrue(guangdong.cardShows(item), "Guangdong's card (001 §(十一)) shows \(item)")
        }
        XCTAssertTrue(guangdong.cardSource(.email)!.hasPrefix("001 §(十一)"))

        let jiaocheng = try load("jiaocheng").publicationRules
        XCTAssertTrue(
            jiaocheng.boardShows(.photo) && jiaocheng.boardShows(.officePhone)
                && jiaocheng.boardShows(.mediationCommittee))
        XCTAssertTrue(jiaocheng.boardSource(.photo)!.contains("法律顾问照片"))
        XCTAssertFalse(jiaocheng.boardShows(.wechat))

        // 12348, but Chongqing merged it into 12345 (000 §三(三)).
        XCTAssertEqual(try load("rongchang").publicationRules.hotline.value, "12345")
        XCTAssertTrue(try load("rongchang").publicationRules.hotline.source.contains("12348并入12345"))
        for name in ["nanning", "guangdong", "zhengning", "jiaocheng"] {
            XCTAssertEqual(try load(name).publicationRules.hotline.value, "12348", name)
        }
        // Where a document does not list an item, its source says common practice.
        for name in RuleProfileTests.shipped {
            let p = try load(name).publicationRules
            for group in p.noticeBoard + p.contactCard where !group.source.contains("common practice") {
                XCTAssertTrue(
                    group.source.range(of: #"^00[0-4] §"#, options: .regularExpression) != nil,
                    "\(name): \(group.source)")
            }
        }
    }

    func testDutiesPerAdviserAndFirm() throws {
        let guangdong = try load("guangdong")
        let campaign = guangdong.duties!.duties.filter { $0.id.hasPrefix("campaign_") }
        XCTAssertEqual(campaign.map(\.activity), ["legal_aid", "lecture", "dispute_screening", "consultation"])
        XCTAssertTrue(campaign.allSatisfy { $0.scope == .adviser && $0.period == .year && $0.minimum == 1 })
        XCTAssertEqual(campaign.filter(\.planned).count, 3, "a legal-aid case comes on demand")
        XCTAssertFalse(
            guangdong.scheduling!.requirements.contains { $0.measure == .lectures },
            "the law class is per adviser (001 §(一) 每位村(社区)法律顾问), not per village")

        let rongchang = try load("rongchang").duties!
        XCTAssertEqual(rongchang.duties(.firm).map(\.id), ["firm_village_event"])
        XCTAssertEqual(rongchang.duties(.adviser).map(\.id), ["work_report", "adviser_training"])
        XCTAssertTrue(rongchang.duties(.firm)[0].source.contains("每年至少组织一次法律服务进村（居）活动"))

        for name in ["nanning", "guangdong", "rongchang", "jiaocheng"] {
            let training = try load(name).duties?.duties.first { $0.activity == "adviser_training" }
            XCTAssertEqual(training?.scope, .adviser, name)
            XCTAssertEqual(training?.period, .year, name)
        }
        XCTAssertNil(try load("zhengning").duties, "003 names no training and no adviser's own duty")

        let jiaocheng = try load("jiaocheng").ledger!
        XCTAssertEqual(jiaocheng.monthlySubmission?.value, true)
        XCTAssertTrue(jiaocheng.monthlySubmission!.source.contains("每月月末将纸质版交辖区司法所审核"))
        XCTAssertEqual(jiaocheng.mediationCommittee?.value, true)
        // Field requirements without activities apply to work in a village, not to the adviser's own entries.
        let log = jiaocheng.requiredFields[0]
        XCTAssertTrue(log.applies(to: "mediation") && log.applies(to: "service"))
        XCTAssertFalse(log.applies(to: "adviser_training") || log.applies(to: "report"))
    }

    // MARK: Refusals

    private static let base = """
        id: test
        name: 测试
        document: test, seed 002
        assignment:
          cap: {value: 5, source: "002"}
          eligible_roles: {value: [lawyer], source: "002"}
          apprentice_alone: {value: false, source: "001"}
          excluded_statuses: {value: [on_leave], source: "002"}
          monthly_hours_per_village: {value: 5, source: "002"}

        """

    private func refusal(_ extra: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Diagnostic] {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("test.yaml", Self.base + extra)
        do {
            _ = try RuleProfile.load(from: folder.url.appendingPathComponent("test.yaml"), displayName: "test.yaml")
            XCTFail("expected the profile to be refused", file: file, line: line)
        } catch let error as ScenarioError {
            return error.diagnostics
        }
        return []
    }

    func testMalformedPublicationIsRefusedWhereItStands() throws {
        let d = try refusal(
            """
            publication:
              hotline: {value: "twelve", source: "002"}
              notice_board:
                - items: [adviser_name, qr_code, phone, phone]
                  source: "002"
                - items: [wechat_qr]
              contact_card: []

            """)
        let text = d.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("test.yaml:11:") && text.contains("'hotline' must be a phone number"), text)
        XCTAssertTrue(text.contains("test.yaml:13:") && text.contains("unknown item 'qr_code'"), text)
        XCTAssertTrue(text.contains("'phone' is listed twice"), text)
        XCTAssertTrue(text.contains("an entry of 'notice_board' has no 'source'"), text)
        XCTAssertTrue(text.contains("wechat_qr without wechat"), text)
        XCTAssertTrue(text.contains("'contact_card' must be a non-empty list"), text)
    }

    func testMalformedDutiesAreRefusedWhereTheyStand() throws {
        let d = try refusal(
            """
            duties:
              - id: a
                scope: county
                activity: party
                period: decade
                min: 0
                hours: 20
                planned: maybe
                source: "000"
              - id: a
                scope: firm
                activity: report
                period: year
                min: 1
                hours: 2
                planned: true
              - id: b

            """)
        let text = d.map(\.description).joined(separator: "\n")
        for phrase in [
            "'scope' must be one of firm, adviser", "unknown activity 'party'",
            "'period' must be one of month, quarter, half_year, year",
            "'min' must be at least 1", "'hours' must be at most 12", "'planned' must be true or false",
            "duty id 'a' is used twice",
            "activity report is an adviser's own", "duty 'a' has no 'source'", "duty 'b' has no 'scope'",
            "duty 'b' has no 'hours'",
        ] {
            XCTAssertTrue(text.contains(phrase), "\(phrase)\n\(text)")
        }
        XCTAssertTrue(text.contains("test.yaml:12:"), text)
    }
}
