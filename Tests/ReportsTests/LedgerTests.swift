import CounselModel
import Foundation
import Reports
import Scheduling
import XCTest

/// The ledger book (台账): one village's planned sessions in the columns `check` reads back.
final class LedgerTests: XCTestCase {
    private let columns =
        "date,start,end,adviser_id,village_id,mode,activity,team_id,person_served,content,result,requested_on,signature"

    func testLedgerMatchesGolden() throws {
        try assertGolden(LedgerBook(village: "V1", roster: NoticeFixture.roster).csv(), "ledger-V1.csv")
    }

    func testHoldsEveryPlannedSessionOfItsVillageOnly() throws {
        let ledger = LedgerBook(village: "V1", roster: NoticeFixture.roster)
        XCTAssertEqual(ledger.sessions.count, 5, "all of V1's sessions, the off-site one too")
        XCTAssertTrue(ledger.sessions.allSatisfy { $0.village == "V1" })
        let text = String(decoding: ledger.csv(), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, columns)
        XCTAssertEqual(lines.count, 6)
        XCTAssertTrue(
            lines.dropFirst().allSatisfy { $0.hasSuffix(",,,,,,") }, "team_id and the five ledger columns are blank")
        XCTAssertEqual(lines[1], "2026-01-20,09:00,14:00,A1,V1,onsite,service,,,,,,")
    }

    func testUncoveredVillageGetsAnEmptyBook() throws {
        let text = String(decoding: LedgerBook(village: "V3", roster: NoticeFixture.roster).csv(), as: UTF8.self)
        XCTAssertEqual(text, columns + "\n")
    }

    func testChineseHeaderAndExcelMark() throws {
        let data = LedgerBook(village: "V1", roster: NoticeFixture.roster).csv(language: .zh, excel: true)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        XCTAssertEqual(
            text.split(separator: "\n").first.map(String.init),
            "日期,开始时间,结束时间,法律顾问编号,村（社区）编号,服务方式,服务类别,团队编号,服务对象,服务内容,服务结果,需求提出日期,村（社区）签字")
        // Only the header changes.
        let english = String(decoding: LedgerBook(village: "V1", roster: NoticeFixture.roster).csv(), as: UTF8.self)
        XCTAssertEqual(text.split(separator: "\n").dropFirst(), english.split(separator: "\n").dropFirst())
    }

    func testFilledLedgerReadsBackInBothHeaderLanguages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let planned = LedgerBook(village: "V1", roster: NoticeFixture.roster)
        for (language, excel) in [(CSVHeaders.Language.en, false), (.zh, true), (.zh, false), (.en, true)] {
            let data = planned.csv(language: language, excel: excel)
            var lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            // The adviser fills in the blank columns, including the village's signature.
            for i in 1..<lines.count {
                lines[i] = String(lines[i].dropLast(4)) + "村民甲,\"土地承包咨询, 已解答\",已答复,\(lines[i].prefix(10)),王主任"
            }
            let url = folder.appendingPathComponent("filled-\(language)-\(excel).csv")
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
            let back = try Roster.load(from: url, displayName: url.lastPathComponent)
            XCTAssertEqual(back.sessions.count, planned.sessions.count, "\(language) excel=\(excel)")
            for (a, b) in zip(back.sessions, planned.sessions) {
                XCTAssertEqual(
                    [a.day, a.start, a.end, a.adviser, a.village, a.mode, a.activity] as [AnyHashable],
                    [b.day, b.start, b.end, b.adviser, b.village, b.mode, b.activity] as [AnyHashable])
                XCTAssertEqual(a.personServed, "村民甲")
                XCTAssertEqual(a.content, "土地承包咨询, 已解答")
                XCTAssertEqual(a.result, "已答复")
                XCTAssertEqual(a.requestedOn, a.day)
            }
        }
    }
}
