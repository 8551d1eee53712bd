import CounselTestSupport
import Foundation
import XCTest

@testable import CounselModel

/// The ledger and assessment parts of the rule profiles (issue 11), and the rule that every
/// source quotes its seed's own words.
final class SupervisionRulesTests: XCTestCase {
    private static let shipped = ["nanning", "guangdong", "rongchang", "zhengning", "jiaocheng"]

    private func load(_ name: String) throws -> RuleProfile { try RuleProfile.load(from: PackageRoot.profile(name)) }

    // MARK: The seeds' own words

    /// The five seed documents, whitespace removed and full-width brackets, commas, colons and
    /// semicolons made ASCII (the seeds use both forms).
    private static let seeds: String = {
        let folder = PackageRoot.url.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        // CI lays shared/ beside the clone, as the team's machines have it beside every checkout.
        for f in [folder] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: f.path), names.count >= 5 else {
                continue
            }
            return names.sorted().compactMap { try? String(contentsOf: f.appendingPathComponent($0), encoding: .utf8) }
                .map(normalized).joined()
        }
        return ""
    }()

    private static func normalized(_ text: String) -> String {
        var out = ""
        for c in text where !c.isWhitespace {
            switch c {
            case "（": out.append("(")
            case "）": out.append(")")
            case "，": out.append(",")
            case "：": out.append(":")
            case "；": out.append(";")
            default: out.append(c)
            }
        }
        return out
    }

    /// The Chinese passages a source quotes: what is left once section marks (§三(三), §(五),(八),
    /// §四(二)2) are taken out and the text is cut at Latin words, `;` and `……`, keeping pieces of
    /// at least four Chinese characters.
    static func quotations(_ source: String) -> [String] {
        let sections = try! NSRegularExpression(
            pattern: #"§[一二三四五六七八九十]*(\([一二三四五六七八九十]+\))?[0-9]*(,\([一二三四五六七八九十]+\))*"#)
        let range = NSRange(source.startIndex..., in: source)
        let plain = sections.stringByReplacingMatches(in: source, range: range, withTemplate: "|")
        let pieces = plain.replacingOccurrences(of: "……", with: "|")
            .split(whereSeparator: { ($0.isASCII && $0.isLetter) || $0 == ";" || $0 == "|" || $0 == "\"" })
        return pieces.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " :,.()'-—")) }
            .filter { $0.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count >= 4 }
    }

    /// Every rule of every shipped profile, as (where, source).
    private func sources(_ p: RuleProfile) -> [(String, String)] {
        let a = p.assignment
        var all: [(String, String)] = [
            ("cap", a.cap.source), ("eligible_roles", a.eligibleRoles.source),
            ("apprentice_alone", a.apprenticeAlone.source), ("excluded_statuses", a.excludedStatuses.source),
            ("monthly_hours_per_village", a.monthlyHoursPerVillage.source),
        ]
        if let u = a.underResourcedCap { all.append(("under_resourced_cap", u.source)) }
        if let s = p.scheduling {
            all += [("visit_hours", s.visitHours.source), ("lecture_hours", s.lectureHours.source)]
            all += (s.requirements + s.flexibleRequirements).map { ($0.id, $0.source) }
            for (k, r) in [
                ("recorded_lectures_per_year", s.recordedLecturesPerYear?.source),
                ("response_working_days", s.responseWorkingDays?.source),
                ("online_townships", s.onlineTownships?.source),
                ("evening_and_weekend_encouraged", s.eveningAndWeekendEncouraged?.source),
            ] {
                if let r { all.append((k, r)) }
            }
        }
        all += (p.ledger?.requiredFields ?? []).map { ("ledger.\($0.id)", $0.source) }
        if let m = p.ledger?.monthlySubmission { all.append(("ledger.monthly_submission", m.source)) }
        if let m = p.ledger?.mediationCommittee { all.append(("ledger.mediation_committee", m.source)) }
        if let x = p.publication {
            all.append(("publication.hotline", x.hotline.source))
            all +=
                x.noticeBoard.map { ("publication.notice_board", $0.source) }
                + x.contactCard.map { ("publication.contact_card", $0.source) }
        }
        all += (p.duties?.duties ?? []).map { ("duties.\($0.id)", $0.source) }
        if let x = p.assessment {
            all += [
                ("deduction", x.deduction.source), ("fail_below_met_share", x.failBelowMetShare.source),
                ("fail_below_confirmed_share", x.failBelowConfirmedShare.source),
                ("fail_consequence", x.failConsequence.source),
            ]
        }
        return all
    }

    func testEverySourceQuotesTheSeedsOwnWords() throws {
        guard !Self.seeds.isEmpty else {
            throw XCTSkip("the seed documents (shared/seeds) are not beside the repository")
        }
        XCTAssertEqual(Self.quotations("001 §(五),(八): 每个月至少服务累计8小时; off-site"), ["每个月至少服务累计8小时"])
        XCTAssertEqual(Self.quotations("000 §四(二)2: 考核评估结果……予以参考 (a reference)"), ["考核评估结果", "予以参考"])
        var quoted = 0
        for name in Self.shipped {
            for (rule, source) in sources(try load(name)) {
                for q in Self.quotations(source) {
                    quoted += 1
                    XCTAssertTrue(
                        Self.seeds.contains(Self.normalized(q)),
                        "\(name).\(rule) quotes words no seed has: '\(q)' in \(source)")
                }
            }
        }
        XCTAssertGreaterThan(quoted, 60, "the profiles quote their seeds")
        // A paraphrase is caught.
        XCTAssertFalse(Self.seeds.contains(Self.normalized("律师事务所、司法所、公职律师、县法律援助中心")))
    }

    // MARK: Section 4 of the issue: what the profiles said beyond or against the documents

    func testProfilesSayWhatTheDocumentsSay() throws {
        let zhengning = try load("zhengning")
        XCTAssertEqual(zhengning.assessment?.failConsequence.value, .rectification)
        XCTAssertTrue(zhengning.assessment?.failConsequence.source.contains("提出整改要求") ?? false)
        XCTAssertFalse(
            zhengning.assignment.excludedStatuses.value.contains(.failedAssessment),
            "rectification, not exclusion (003 §二)")

        let rongchang = try load("rongchang")
        XCTAssertEqual(rongchang.assessment?.failConsequence.value, .reference)
        XCTAssertEqual(rongchang.assessment?.deduction.value, .reference)
        XCTAssertTrue(
            rongchang.assignment.excludedStatuses.source.hasPrefix("000 §四(二)2"),
            rongchang.assignment.excludedStatuses.source)
        for name in Self.shipped {
            for (rule, source) in sources(try load(name)) {
                XCTAssertFalse(source.contains("000 §三(四)"), "\(name).\(rule): 000 has no §三(四)")
            }
        }

        let guangdong = try load("guangdong")
        XCTAssertTrue(guangdong.assignment.cap.source.contains("common practice"), guangdong.assignment.cap.source)
        XCTAssertEqual(guangdong.scheduling?.eveningAndWeekendEncouraged?.value, true)
        XCTAssertTrue(guangdong.scheduling?.eveningAndWeekendEncouraged?.source.contains("法律夜校") ?? false)
        XCTAssertEqual(guangdong.assessment?.failConsequence.value, .replaced)
        XCTAssertEqual(guangdong.assessment?.deduction.value, .deduct)

        let nanning = try load("nanning")
        XCTAssertEqual(nanning.assessment?.failConsequence.value, .notRenewed)
        XCTAssertEqual(nanning.assessment?.deduction.value, .deduct)
        XCTAssertNil(nanning.scheduling?.eveningAndWeekendEncouraged)
    }

    func testLedgerFieldsPerJurisdiction() throws {
        func fields(_ name: String, _ activity: String) throws -> Set<LedgerRules.Field> {
            Set(try XCTUnwrap(load(name).ledger).requirements(for: activity).flatMap(\.fields))
        }
        XCTAssertEqual(
            try fields("nanning", "service"), [.personServed, .content, .result, .signature],
            "002 §四(一): 时间、对象、内容和结果, 群干签署意见")
        XCTAssertEqual(try fields("rongchang", "service"), [.personServed, .content, .result], "000 §三(三)")
        XCTAssertEqual(try fields("guangdong", "lecture"), [.personServed, .content, .result])
        XCTAssertEqual(
            try fields("jiaocheng", "service"), [.personServed, .contactPhone, .matter, .content],
            "004 §四(三): 服务对象、联系电话，服务事项，服务内容")
        XCTAssertEqual(
            try fields("jiaocheng", "lecture"),
            [.personServed, .contactPhone, .matter, .content, .place, .attendees, .photo],
            "004 §四(三): 法治讲座要注明讲座的场所、人员和时间，要有图片佐证")
        XCTAssertEqual(try fields("jiaocheng", "training"), [.personServed, .contactPhone, .matter, .content])
        XCTAssertTrue(try load("guangdong").ledger!.requiredFields[0].source.contains("common practice"))
    }

    // MARK: Refused ledger and assessment sections

    private func refusal(_ extra: String, excluded: String = "[failed_assessment, on_leave]") throws -> [Diagnostic] {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write(
            "p.yaml",
            """
            id: test
            name: 测试
            document: seed 002
            assignment:
              cap: {value: 5, source: "002 §二(二)"}
              eligible_roles: {value: [lawyer], source: "002 §二(四)"}
              apprentice_alone: {value: false, source: "001 §(十二)"}
              excluded_statuses: {value: \(excluded), source: "002 §四(五)"}
              monthly_hours_per_village: {value: 5, source: "002 §三(六)"}
            \(extra)
            """)
        do {
            _ = try RuleProfile.load(from: folder.url.appendingPathComponent("p.yaml"), displayName: "p.yaml")
        } catch let e as ScenarioError { return e.diagnostics }
        return []
    }

    func testBadLedgerAndAssessmentSectionsAreRefusedWithEveryProblem() throws {
        let d = try refusal(
            """
            ledger:
              required_fields:
                - id: record
                  fields: [person_served, mood]
                  activities: [service, party]
                - fields: []
                  source: "002"
            assessment:
              deduction: {value: halve, source: "002 §四(五)"}
              fail_below_met_share: {value: 1.5, source: "002 §四(五)"}
              fail_below_confirmed_share: {value: 0.5}
              fail_consequence: {value: not_renewed, source: "002 §四(五)"}
            """)
        let text = d.map(\.description).joined(separator: "\n")
        for expected in [
            "unknown ledger field 'mood'", "unknown activity 'party'", "ledger requirement 'record' has no 'source'",
            "has no 'id'", "needs 'fields', a non-empty list", "'deduction' must be one of: deduct, reference",
            "'fail_below_met_share' must be a share between 0 and 1",
            "rule 'fail_below_confirmed_share' has no 'source'",
        ] {
            XCTAssertTrue(text.contains(expected), "missing '\(expected)' in:\n\(text)")
        }
        XCTAssertTrue(d.allSatisfy { $0.file == "p.yaml" && $0.line != nil }, text)
    }

    func testFailConsequenceMustAgreeWithExcludedStatuses() throws {
        let assessment = { (consequence: String) in
            """
            assessment:
              deduction: {value: deduct, source: "002 §四(五)"}
              fail_below_met_share: {value: 0.5, source: "002 §四(五)"}
              fail_below_confirmed_share: {value: 0.5, source: "002 §四(五)"}
              fail_consequence: {value: \(consequence), source: "003 §二"}
            """
        }
        let d = try refusal(assessment("rectification"))
        XCTAssertEqual(d.count, 1, d.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(d.first?.message.contains("must not list failed_assessment") ?? false, "\(d)")
        let e = try refusal(assessment("not_renewed"), excluded: "[on_leave]")
        XCTAssertTrue(e.first?.message.contains("must list failed_assessment") ?? false, "\(e)")
        XCTAssertTrue(try refusal(assessment("bureau_decides")).isEmpty)
        XCTAssertTrue(try refusal(assessment("bureau_decides"), excluded: "[on_leave]").isEmpty)
    }
}
