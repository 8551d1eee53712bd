import CounselModel
import Foundation
import Reports
import Scheduling
import XCTest

/// The notice board (公示牌): what it shows, what it must not show, byte for byte against golden files.
final class NoticeBoardTests: XCTestCase {
    private var fixture: NoticeFixture!

    override func setUpWithError() throws { fixture = try NoticeFixture() }
    override func tearDown() { fixture = nil }

    private func board(_ id: String) -> NoticeBoard {
        NoticeBoard(
            scenario: fixture.scenario, village: fixture.village(id), adviserID: NoticeFixture.assignment[id],
            roster: NoticeFixture.roster)
    }

    func testCoveredVillageMatchesGolden() throws {
        try assertGolden(Data(board("V1").html().utf8), "notice-V1.html")
    }

    func testUncoveredVillageMatchesGolden() throws {
        try assertGolden(Data(board("V3").html().utf8), "notice-V3-uncovered.html")
    }

    func testShowsWhatTheRulesRequire() throws {
        let html = board("V1").html()
        for required in [
            "双桥村法律顾问公示牌", "武鸣区 城厢镇 双桥村", "张伟", "广西武鸣律师事务所", "13800000001",
            "服务内容", "法律咨询", "法治宣传", "矛盾纠纷化解", "协助起草、审核合同",
            "驻村服务时间（2026年）", "1月20日", "星期二", "09:00–14:00", "3月10日", "14:00–16:00", "法治讲座",
            "城厢司法所", "0771-6221234",
        ] {
            XCTAssertTrue(html.contains(required), "the board should show '\(required)'")
        }
        XCTAssertTrue(html.contains("@page { size: A4"), "printable on A4")
        XCTAssertFalse(html.contains("<link") || html.contains("<script") || html.contains("src="), "self-contained")
        // The off-site session (2026-03-11) is not a time in the village.
        XCTAssertFalse(html.contains("3月11日"))
        // The on-site sessions are exactly V1's four, in date order.
        let rows = html.components(separatedBy: "<tr><td>").dropFirst().map { $0.prefix(while: { $0 != "<" }) }
        XCTAssertEqual(rows, ["1月20日", "2月13日", "3月10日", "3月20日"])
    }

    func testCarriesOnlyTheAdvisersPhoneAndNothingOfOtherVillages() throws {
        for (village, adviser) in NoticeFixture.assignment {
            let html = board(village).html()
            let own = fixture.phones[adviser]!
            XCTAssertTrue(html.contains(own), "\(village): the adviser's phone")
            for (other, phone) in fixture.phones where other != adviser {
                XCTAssertFalse(html.contains(phone), "\(village): the board shows \(other)'s phone \(phone)")
            }
        }
        let v1 = board("V1").html()
        for foreign in ["江南社区", "李娜", "王芳", "1月21日", "2月24日", "石门村", "V2", "V3", "A2", "A3"] {
            XCTAssertFalse(v1.contains(foreign), "V1's board shows '\(foreign)' of another village or person")
        }
        let uncovered = board("V3").html()
        for phone in fixture.phones.values { XCTAssertFalse(uncovered.contains(phone)) }
    }

    func testUncoveredVillageSaysTheAdviserIsBeingArranged() throws {
        let html = board("V3").html()
        XCTAssertTrue(html.contains("待安排"))
        XCTAssertTrue(html.contains("正在安排中"))
        XCTAssertFalse(html.contains("<tr><td>"), "no service times without an adviser")
        XCTAssertTrue(html.contains("城厢司法所") && html.contains("0771-6221234"), "the office to call meanwhile")
    }

    func testEscapesHTML() throws {
        let html = board("V3").html()
        XCTAssertTrue(html.contains("石门村&lt;试点&gt;&amp;&quot;一&quot;法律顾问公示牌"))
        XCTAssertFalse(html.contains("<试点>"))
        XCTAssertEqual(
            NoticeBoard.escapeHTML(#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
    }

    func testSupervisingOfficeFromCountiesThenScenarioThenPlaceholder() throws {
        // C1 names its office in counties.csv.
        XCTAssertEqual(board("V1").office, "城厢司法所")
        XCTAssertEqual(board("V1").officePhone, "0771-6221234")
        // C2 does not: scenario.yaml's keys apply.
        let v2 = board("V2")
        XCTAssertEqual(v2.office, "武鸣区司法局")
        XCTAssertEqual(v2.officePhone, "0771-6220000")
        XCTAssertTrue(v2.html().contains("驻社区服务时间"), "a community says 社区")
        XCTAssertTrue(v2.html().contains("法治培训（线上）"), "online sessions are shown as online")
        // Neither: the board has no data, so it says nothing of an office (no empty label), and
        // names what it leaves out.
        var bare = fixture.scenario
        bare.justiceOffice = nil
        bare.justiceOfficePhone = nil
        let board = NoticeBoard(
            scenario: bare, village: fixture.village("V2"), adviserID: "A2", roster: NoticeFixture.roster)
        let html = board.html()
        XCTAssertFalse(html.contains("监管部门") || html.contains("监督电话") || html.contains("<h2>监督</h2>"), html)
        XCTAssertFalse(html.contains("<td></td>") || html.contains("请填写"), "no empty labels")
        XCTAssertEqual(board.missing.map(\.item), [.office, .officePhone])
        XCTAssertTrue(board.missing[0].source.contains("common practice"), board.missing[0].source)
    }

    func testManySessionsGoIntoTwoColumns() throws {
        var sessions: [Session] = []
        var day = Day("2026-01-05")!
        for _ in 0..<24 {
            sessions.append(
                Session(day: day, start: 540, end: 720, adviser: "A1", village: "V1", mode: .onsite, activity: .service)
            )
            day = day.adding(14)
        }
        let html = NoticeBoard(
            scenario: fixture.scenario, village: fixture.village("V1"), adviserID: "A1", roster: Roster(sessions)
        ).html()
        XCTAssertEqual(html.components(separatedBy: "<thead>").count - 1, 2)
        XCTAssertEqual(html.components(separatedBy: "<tr><td>").count - 1, 24)
    }
}
