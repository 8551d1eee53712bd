import CounselModel
import Foundation
import QRCode
import Reports
import Scheduling
import XCTest

/// Boards and cards as the documents list them (issue 12): Guangdong's WeChat ID with its QR code,
/// the office's and the complaint e-mail (001 §(十),(十一),(十四)); Jiaocheng's photo and mediation
/// committee (004 §四(一),(三)), with mediation kept off the board (004 §二(四)); Rongchang's 12345
/// (000 §三(三)); nothing with an empty label, nothing personal but the adviser's own contact data.
final class PublicationTests: XCTestCase {
    /// A scenario of two villages, V1 served by A1 (every contact datum) and V2 by A2 (none but a
    /// phone), under `rules`.
    private final class Fixture {
        let folder: URL
        let scenario: Scenario

        init(rules: String, counties: String? = nil, yaml: String = "") throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("publication-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("photos"), withIntermediateDirectories: true)
            let files: [(String, String)] = [
                ("scenario.yaml", "name: 公示\nrules: \(rules)\nyear: 2026\n" + yaml),
                (
                    "counties.csv",
                    counties ?? """
                        id,name,city,justice_office,justice_office_phone,justice_office_email,complaint_email
                        C1,乳源瑶族自治县,韶关市,乳源瑶族自治县司法局,0751-5322000,ruyuan_sfj@example.cn,gdsft_ts@example.cn

                        """
                ),
                ("firms.csv", "id,name,kind,county\nF1,广东乳源律师事务所,law_firm,C1\n"),
                (
                    "advisers.csv",
                    """
                    id,name,role,firm,county,lat,lon,phone,wechat,email,photo
                    A1,张伟,lawyer,F1,C1,24.77,113.27,13800000001,zhangwei_law,zhangwei@example.com,photos/A1.png
                    A2,李娜,lawyer,F1,C1,24.78,113.28,13900000002,,,
                    A3,王芳,lawyer,F1,C1,24.79,113.29,13700000003,wangfang_law,wangfang@example.com,

                    """
                ),
                (
                    "villages.csv",
                    """
                    id,name,kind,township,county,lat,lon
                    V1,双桥村,village,乳城镇,C1,24.77,113.27
                    V2,江南社区,community,乳城镇,C1,24.78,113.28

                    """
                ),
            ]
            for (name, text) in files {
                try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try Data(Self.png).write(to: folder.appendingPathComponent("photos/A1.png"))
            scenario = try Scenario.load(from: folder, modelsSearchPath: [ReportsTestPaths.models])
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// A 1×1 PNG.
        static let png: [UInt8] = [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
            8, 0, 0, 0, 0, 0x3A, 0x7E, 0x9B, 0x55, 0, 0, 0, 10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x01, 0x63, 0x68, 0,
            0, 0, 0x82, 0, 0x81, 0x4C, 0x17, 0xD7, 0xDF, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
        ]

        func board(_ village: String, _ adviser: String?, _ roster: Roster = Roster([])) -> NoticeBoard {
            NoticeBoard(
                scenario: scenario, village: scenario.villages.first { $0.id == village }!, adviserID: adviser,
                roster: roster)
        }

        func card(_ adviser: String) -> ContactCard {
            ContactCard(scenario: scenario, adviser: scenario.advisers.first { $0.id == adviser }!)
        }
    }

    private static let roster = Roster([
        Session(
            day: Day("2026-03-10")!, start: 540, end: 780, adviser: "A1", village: "V1", mode: .onsite,
            activity: .service),
        Session(
            day: Day("2026-03-12")!, start: 540, end: 660, adviser: "A1", village: "V1", mode: .onsite,
            activity: .mediation,
            personServed: "赵某某", content: "宅基地边界纠纷调解"),
        Session(
            day: Day("2026-04-08")!, start: 840, end: 960, adviser: "A1", village: "V1", mode: .onsite,
            activity: .consultation),
    ])

    /// The text of every `<th>` followed by its `<td>`: what the board labels and says.
    private func rows(_ html: String) -> [(String, String)] {
        let pattern = try! NSRegularExpression(pattern: #"<tr><th>([^<]*)</th><td[^>]*>([^<]*)</td></tr>"#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            ((html as NSString).substring(with: $0.range(at: 1)), (html as NSString).substring(with: $0.range(at: 2)))
        }
    }

    func testGuangdongBoardShowsWeChatWithQRCodeEmailsAndHotline() throws {
        let f = try Fixture(rules: "guangdong")
        let board = f.board("V1", "A1", Self.roster)
        let html = board.html()
        let labelled = rows(html)
        XCTAssertEqual(labelled.map(\.0), ["法律顾问", "执业机构", "联系电话", "微信号", "服务热线", "监管部门", "监督电话", "监管邮箱", "投诉邮箱"])
        XCTAssertEqual(labelled.first { $0.0 == "微信号" }?.1, "zhangwei_law")
        XCTAssertEqual(labelled.first { $0.0 == "投诉邮箱" }?.1, "gdsft_ts@example.cn")
        XCTAssertEqual(labelled.first { $0.0 == "服务热线" }?.1, "12348")
        XCTAssertTrue(labelled.allSatisfy { !$0.1.isEmpty }, "no empty labels")
        // The QR code is libqrencode's symbol of the WeChat ID, inline.
        XCTAssertTrue(html.contains(try QRCode(encoding: "zhangwei_law").svg(size: "30mm", label: "微信号 zhangwei_law")))
        XCTAssertTrue(html.contains("微信扫码联系"))
        // The board does not list the adviser's e-mail (001 §(十) does not), nor a photo.
        XCTAssertFalse(html.contains("zhangwei@example.com") || html.contains("<img"))
        XCTAssertTrue(html.contains("涉农法律咨询"), "the campaign's consultation event is a time in the village")
        XCTAssertFalse(
            html.contains("<td>人民调解</td>") || html.contains("3月12日") || html.contains("赵某某") || html.contains("宅基地"),
            "mediation is confidential (004 §二(四))")
        XCTAssertTrue(board.missing.isEmpty, "\(board.missing)")
    }

    func testGuangdongBoardWithoutDataSaysNothingOfIt() throws {
        let f = try Fixture(rules: "guangdong", counties: "id,name,city,justice_office\nC1,乳源瑶族自治县,韶关市,乳源瑶族自治县司法局\n")
        let board = f.board("V2", "A2")
        let html = board.html()
        XCTAssertEqual(rows(html).map(\.0), ["法律顾问", "执业机构", "联系电话", "服务热线", "监管部门"])
        XCTAssertFalse(html.contains("<svg") || html.contains("微信") || html.contains("邮箱") || html.contains("监督电话"))
        XCTAssertEqual(board.missing.map(\.item), [.wechat, .wechatQR, .officePhone, .officeEmail, .complaintEmail])
        XCTAssertTrue(board.missing.first { $0.item == .complaintEmail }!.source.hasPrefix("001 §(十四)"))
        XCTAssertTrue(html.contains("请向监管部门反映。"), "no mention of a complaint e-mail it has not")
    }

    func testGuangdongCardListsWhat001AsksForSeveralToASheet() throws {
        let f = try Fixture(rules: "guangdong")
        let card = f.card("A1")
        let html = card.html()
        XCTAssertEqual(html.components(separatedBy: "<section class=\"card\">").count - 1, ContactCard.perSheet)
        XCTAssertGreaterThanOrEqual(ContactCard.perSheet, 4)
        XCTAssertTrue(html.contains("@page { size: A4"))
        for text in ["张伟", "广东乳源律师事务所", "13800000001", "zhangwei@example.com", "zhangwei_law", "服务内容", "微信扫码联系"] {
            XCTAssertTrue(html.contains(text), text)
        }
        XCTAssertTrue(html.contains(try QRCode(encoding: "zhangwei_law").svg(size: "24mm", label: "微信号 zhangwei_law")))
        for other in ["李娜", "王芳", "13900000002", "13700000003", "wangfang", "双桥村", "江南社区"] {
            XCTAssertFalse(html.contains(other), "the card shows \(other)")
        }
        XCTAssertFalse(
            html.contains("<link") || html.contains("<script")
                || html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"))
        XCTAssertTrue(card.missing.isEmpty)
        // Without WeChat ID and e-mail the card leaves them out and says what it lacks.
        let bare = f.card("A2")
        XCTAssertFalse(bare.html().contains("微信") || bare.html().contains("电子邮箱"))
        XCTAssertEqual(bare.missing.map(\.item), [.wechat, .wechatQR, .email])
        XCTAssertEqual(card.html(), f.card("A1").html(), "deterministic")
    }

    func testJiaochengBoardShowsPhotoAndMediationCommitteeButNoMediation() throws {
        let f = try Fixture(rules: "jiaocheng")
        let board = f.board("V1", "A1", Self.roster)
        let html = board.html()
        XCTAssertEqual(rows(html).map(\.0), ["法律顾问", "执业机构", "联系电话", "结对调委会", "服务热线", "监管部门", "监督电话"])
        XCTAssertEqual(rows(html).first { $0.0 == "结对调委会" }?.1, "双桥村人民调解委员会")
        XCTAssertTrue(
            html.contains(
                "<img class=\"photo\" src=\"data:image/png;base64,\(Data(Fixture.png).base64EncodedString())\""),
            "the photo, inline")
        XCTAssertFalse(html.contains("zhangwei_law") || html.contains("<svg"), "Jiaocheng's board shows no WeChat ID")
        XCTAssertFalse(
            html.contains("<td>人民调解</td>") || html.contains("3月12日") || html.contains("赵某某") || html.contains("宅基地"))
        XCTAssertTrue(html.contains("3月10日"))
        // An adviser without a photo: the board leaves it out and names the source asking for it.
        let other = f.board("V2", "A2")
        XCTAssertFalse(other.html().contains("<img"))
        XCTAssertEqual(other.missing.map(\.item), [.photo])
        XCTAssertTrue(other.missing[0].source.contains("法律顾问照片"))
    }

    func testRongchangBoardsSay12345() throws {
        let f = try Fixture(rules: "rongchang")
        XCTAssertEqual(rows(f.board("V1", "A1").html()).first { $0.0 == "服务热线" }?.1, "12345")
        let pending = f.board("V2", nil).html()
        XCTAssertTrue(pending.contains("拨打 12345 法律服务热线"), pending)
        XCTAssertFalse(pending.contains("12348"))
    }

    func testPhotoThatBecameUnsafeAfterLoadingIsLeftOut() throws {
        let f = try Fixture(rules: "jiaocheng")
        // Replaced by a link out of the folder after validation: the board checks again as it reads.
        let photo = f.folder.appendingPathComponent("photos/A1.png")
        try FileManager.default.removeItem(at: photo)
        try FileManager.default.createSymbolicLink(at: photo, withDestinationURL: URL(fileURLWithPath: "/etc/hostname"))
        let board = f.board("V1", "A1")
        XCTAssertNil(board.photo)
        XCTAssertFalse(board.html().contains("<img"))
    }
}
