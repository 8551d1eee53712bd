import Assignment
import CounselModel
import CounselTestSupport
import Foundation
import Scheduling
import XCTest

@testable import Reports

/// Builds a small scenario with hostile names and phone numbers, plans it, writes the plan's
/// files and makes the page from them.
final class ReportPageTests: XCTestCase {
    static let phones = ["13912345678", "+86 771 5550123"]

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Six villages near two advisers, one village 150 km away (uncovered with a 20 km radius).
    private func scenario(directory: URL) throws -> Scenario {
        let rules = try RuleProfile.load(from: PackageRoot.profile("nanning"))
        let villages = [
            Village(
                id: "V1", name: "<script>alert(1)</script>村", township: "城厢镇", county: "C1", latitude: 23.16,
                longitude: 108.27),
            Village(
                id: "V2", name: "A&B社区", kind: .community, township: "城厢镇", county: "C1", latitude: 23.17,
                longitude: 108.28),
            Village(
                id: "V3", name: "双桥村", township: "城厢镇", county: "C1", latitude: 23.15, longitude: 108.26,
                currentAdviser: "A1"),
            Village(id: "V4", name: "\"引号\"村", township: "两江镇", county: "C1", latitude: 23.20, longitude: 108.30),
            Village(id: "V5", name: "它村", township: "两江镇", county: "C1", latitude: 23.21, longitude: 108.31),
            Village(id: "V6", name: "远村", township: "两江镇", county: "C1", latitude: 24.50, longitude: 109.50),
        ]
        let advisers = [
            Adviser(
                id: "A1", name: "李<i>四</i>", county: "C1", latitude: 23.16, longitude: 108.275, phone: Self.phones[0]),
            Adviser(
                id: "A2", name: "王五", role: .grassrootsWorker, county: "C1", latitude: 23.205, longitude: 108.305,
                phone: Self.phones[1]),
        ]
        return Scenario(
            name: "测试 <情景> & co", rules: rules, year: 2026, maxKm: 20, weights: .defaults,
            villages: villages, advisers: advisers, counties: [County(id: "C1", name: "武鸣区<b>", city: "南宁市")],
            preferences: [Preference(from: "V1", to: "A1", rank: 1), Preference(from: "A2", to: "V4", rank: 2)],
            directory: directory)
    }

    /// Plans the scenario and writes `summary.json` and `assignment.csv` into a fresh folder.
    private func plannedInputs() throws -> (out: URL, inputs: ReportInputs) {
        let out = try temporaryFolder()
        let scenario = try scenario(directory: out.appendingPathComponent("scenario"))
        let plan = try AssignmentSolver().solve(AssignmentProblem(scenario: scenario))
        try AtomicFile.write(plan.summaryJSON(), to: out.appendingPathComponent("summary.json"))
        try AtomicFile.write(plan.assignmentCSV(), to: out.appendingPathComponent("assignment.csv"))
        let summary = try ReportInputs.readSummary(in: out)
        return (out, try ReportInputs.load(out: out, summary: summary, scenario: scenario))
    }

    private func svgs(_ html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg"),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    func testPageEscapesTextAndHasNoPhoneOrExternalResource() throws {
        let (_, inputs) = try plannedInputs()
        XCTAssertEqual(inputs.summary.uncovered, 1)
        let html = ReportPage(inputs: inputs).html()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        // Escaped everywhere: the village's name in tables, tooltips and the adviser table.
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<i>四"))
        XCTAssertFalse(html.contains("武鸣区<b>"))
        XCTAssertFalse(html.contains("<情景>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;村"))
        XCTAssertTrue(html.contains("A&amp;B社区"))
        XCTAssertTrue(html.contains("&quot;引号&quot;村"))
        XCTAssertTrue(html.contains("测试 &lt;情景&gt; &amp; co"))
        for phone in Self.phones { XCTAssertFalse(html.contains(phone), "phone number \(phone) in the report") }
        for external in ["http://", "https://", "src=", "href=", "<link", "@import", "url(", "<script", "<iframe"] {
            XCTAssertFalse(html.contains(external), "the page refers to something outside itself: \(external)")
        }
        // Every chart is well-formed SVG.
        let charts = svgs(html)
        XCTAssertEqual(charts.count, 5, "load, two rank charts, distance, map (no roster: no monthly chart)")
        for svg in charts { XCTAssertNoThrow(try XMLCollector.parse(svg)) }
    }

    func testDiagnosisListsTheUncoveredVillageWithItsReason() throws {
        let (_, inputs) = try plannedInputs()
        let html = ReportPage(inputs: inputs).html()
        let reason = try XCTUnwrap(inputs.summary.uncoveredVillages.first { $0.id == "V6" }?.reason)
        XCTAssertTrue(
            html.contains(
                "<td class=\"nw\">V6</td><td class=\"nw\">远村</td><td class=\"nw\">两江镇</td><td class=\"nw\">武鸣区&lt;b&gt;</td><td>\(HTML.escape(reason))</td>"
            ))
        for e in inputs.summary.explanations { XCTAssertTrue(html.contains(HTML.escape(e)), e) }
        XCTAssertTrue(html.contains("1 个村（社区）未能配备法律顾问"))
        // The map marks it as a hollow red circle.
        XCTAssertTrue(html.contains("V6 远村 · 未覆盖 uncovered"))
        // Without a roster the page says schedule was not run.
        XCTAssertTrue(html.contains("未运行排期"))
        XCTAssertTrue(html.contains("`schedule` was not run"))
    }

    func testSameInputsGiveTheSameBytes() throws {
        let (out, inputs) = try plannedInputs()
        let again = try ReportInputs.load(
            out: out, summary: try ReportInputs.readSummary(in: out), scenario: inputs.scenario)
        XCTAssertEqual(ReportPage(inputs: inputs).html(), ReportPage(inputs: again).html())
    }

    func testRosterGivesMonthlyHoursAgainstTheRequirement() throws {
        var (_, inputs) = try plannedInputs()
        let day = { (s: String) in Day(s)! }
        inputs.roster = Roster([
            Session(
                day: day("2026-01-05"), start: 540, end: 840, adviser: "A1", village: "V1", mode: .onsite,
                activity: .service),
            Session(
                day: day("2026-01-06"), start: 540, end: 720, adviser: "A1", village: "V2", mode: .onsite,
                activity: .service),
            Session(
                day: day("2026-01-07"), start: 540, end: 720, adviser: "A1", village: "V2", mode: .offsite,
                activity: .service),
            Session(
                day: day("2026-02-02"), start: 540, end: 840, adviser: "A2", village: "V4", mode: .onsite,
                activity: .lecture),
        ])
        inputs.compliance = [
            ComplianceRecord(
                village: "V1", adviser: "A1", rule: "monthly_onsite_hours", period: "2026-01", required: 5, planned: 5,
                ok: true),
            ComplianceRecord(
                village: "V1", adviser: "A1", rule: "monthly_onsite_hours", period: "2026-02", required: 5, planned: 0,
                ok: false),
            ComplianceRecord(
                village: "V1", adviser: "A1", rule: "yearly_lecture", period: "2026", required: 1, planned: 0, ok: false
            ),
        ]
        inputs.shortfalls = 3
        let html = ReportPage(inputs: inputs).html()
        let charts = svgs(html)
        XCTAssertEqual(charts.count, 6)
        let monthly = try XCTUnwrap(charts.first { $0.contains("On-site hours per village per month") })
        XCTAssertNoThrow(try XMLCollector.parse(monthly))
        let covered = Double(inputs.assignment.filter { $0.adviserID != nil }.count)
        // January: 5 h in V1 and 3 h on site in V2 (the off-site session does not count).
        XCTAssertTrue(monthly.contains("平均 mean · 1月: \(ReportNumber.fixed(8 / covered, 2))"), monthly)
        XCTAssertTrue(monthly.contains("平均 mean · 2月: \(ReportNumber.fixed(5 / covered, 2))"))
        XCTAssertTrue(monthly.contains("最少 least · 1月: 0.00"))
        XCTAssertTrue(monthly.contains("要求 到村服务 ≥ 5 h/月"))
        XCTAssertFalse(html.contains("未运行排期"))
        // Compliance by rule, and the shortfalls.
        XCTAssertTrue(html.contains("<code>monthly_onsite_hours</code>"))
        XCTAssertTrue(html.contains("3 项服务无法安排"))
    }

    func testMissingSummarySaysToRunAssign() throws {
        let out = try temporaryFolder()
        XCTAssertThrowsError(try ReportInputs.readSummary(in: out)) { error in
            XCTAssertTrue("\(error)".contains("village-counsel assign"), "\(error)")
        }
        try AtomicFile.write("{\"status\": 1}", to: out.appendingPathComponent("summary.json"))
        XCTAssertThrowsError(try ReportInputs.readSummary(in: out)) { error in
            XCTAssertTrue("\(error)".contains("not a summary"), "\(error)")
        }
    }

    func testAssignmentFromAnotherScenarioIsRefused() throws {
        let (out, inputs) = try plannedInputs()
        var other = inputs.scenario
        other.villages.removeAll { $0.id == "V3" }
        XCTAssertThrowsError(try ReportInputs.load(out: out, summary: inputs.summary, scenario: other)) { error in
            XCTAssertTrue("\(error)".contains("village 'V3' is not in the scenario"), "\(error)")
        }
    }
}
