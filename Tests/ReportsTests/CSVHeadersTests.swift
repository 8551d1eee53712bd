import Assignment
import CounselModel
import Foundation
import Scheduling
import XCTest

/// English ↔ Chinese column names, and the loaders reading both (and refusing GBK).
final class CSVHeadersTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-headers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    private func load() throws -> Scenario {
        try Scenario.load(from: folder, modelsSearchPath: [ReportsTestPaths.models])
    }

    // MARK: The table

    func testEveryFileHasDistinctNamesInBothLanguages() {
        XCTAssertEqual(Set(CSVHeaders.all.map(\.file)).count, CSVHeaders.all.count)
        for table in CSVHeaders.all {
            let english = table.columns.map(\.english), chinese = table.columns.map(\.chinese)
            XCTAssertEqual(Set(english).count, english.count, "\(table.file): an English name twice")
            XCTAssertEqual(
                Set(chinese).count, chinese.count, "\(table.file): a Chinese name twice (it could not be read back)")
            for (e, c) in table.columns {
                XCTAssertEqual(table.english(c), e, "\(table.file): \(c) reads back as \(e)")
                XCTAssertEqual(table.english(e), e)
                XCTAssertEqual(table.chinese(e), c)
                XCTAssertFalse(c.contains(",") || c.contains("\""), "\(c) would need quoting")
                XCTAssertNotEqual(
                    c.unicodeScalars.first.map { $0.isASCII }, true, "\(table.file): \(e) has no Chinese name")
            }
        }
    }

    func testCoversTheColumnsTheToolsWrite() {
        let written: [(CSVHeaders.Table, [String])] = [
            (CSVHeaders.assignment, Plan.assignmentColumns),
            (CSVHeaders.roster, Roster.columns),
            (CSVHeaders.ledger, Roster.columns + Roster.ledgerColumns),
            (
                CSVHeaders.compliance,
                ComplianceEvaluator.csv([]).split(separator: "\n")[0].split(separator: ",").map(String.init)
            ),
            (CSVHeaders.shortfalls, ["village_id", "adviser_id", "rule", "period", "reason"]),
        ]
        for (table, columns) in written {
            for c in columns { XCTAssertNotNil(table.chinese(c), "\(table.file): no Chinese name for \(c)") }
        }
        XCTAssertEqual(
            CSVHeaders.ledger.columns.map(\.english),
            Roster.columns + Roster.ledgerColumns + Roster.recordColumns + Roster.pairingColumns,
            "the ledger table lists the ledger's columns in order")
    }

    func testRendersAndMapsBack() {
        XCTAssertEqual(
            CSVHeaders.header(["village_id", "adviser_id", "distance_km"], in: CSVHeaders.assignment, language: .zh),
            "村（社区）编号,法律顾问编号,距离（公里）")
        XCTAssertEqual(
            CSVHeaders.header(["village_id", "unknown"], in: CSVHeaders.assignment, language: .zh), "村（社区）编号,unknown")
        XCTAssertEqual(CSVHeaders.header(["village_id"], in: CSVHeaders.assignment, language: .en), "village_id")
        // Per file: 编号 of a village and of an adviser.
        XCTAssertEqual(CSVHeaders.english("村（社区）编号", file: "villages.csv"), "id")
        XCTAssertEqual(CSVHeaders.english("法律顾问编号", file: "advisers.csv"), "id")
        XCTAssertEqual(CSVHeaders.english("法律顾问编号", file: "roster.csv"), "adviser_id")
        XCTAssertEqual(CSVHeaders.english("法律顾问编号", file: "villages.csv"), "法律顾问编号", "not a column of villages.csv")
        // Half-width brackets and stray spaces, as people retype headers.
        XCTAssertEqual(CSVHeaders.english("村(社区)编号", file: "villages.csv"), "id")
        XCTAssertEqual(CSVHeaders.english("乡镇 (街道)", file: "villages.csv"), "township")
        XCTAssertEqual(CSVHeaders.english("whatever", file: "nothing.csv"), "whatever")
    }

    /// The template's bilingual header cells read as their English name; both halves must name
    /// the same column.
    func testBilingualHeaderCells() {
        for table in CSVHeaders.all {
            for (english, _) in table.columns {
                XCTAssertEqual(table.english(table.bilingual(english)), english, "\(table.file) \(english)")
            }
        }
        XCTAssertEqual(CSVHeaders.villages.english("村(社区)编号/id"), "id")
        XCTAssertNil(CSVHeaders.villages.english("村（社区）编号 / name"), "the halves disagree")
        XCTAssertNil(CSVHeaders.villages.english("备注 / id"))
        XCTAssertNil(CSVHeaders.villages.english("id / id / id"))
        // Many slashes are no bilingual cell, answered without a lookup per slash (the roster
        // reader's fuzz target found a 2,375-byte header of slashes taking over a second:
        // Fuzz/Regressions/roster/timeout-header-of-slashes, replayed by FuzzHarnessTests).
        XCTAssertNil(CSVHeaders.roster.english(String(repeating: "/", count: 20_000)))
        XCTAssertNil(CSVHeaders.roster.english(String(repeating: "日期 / date / ", count: 5_000)))
        XCTAssertEqual(CSVHeaders.roster.english("日期/date"), "date")
    }

    func testTheWriterTakesTheHeaderFromTheColumnTableAndAddsTheMark() {
        let text = "village_id,adviser_id,rule,period,reason\nV1,A1,\"a,b\",2026-01,休假\n"
        let rows = [["V1", "A1", "a,b", "2026-01", "休假"]]
        XCTAssertEqual(CSVFormat.shortfalls.write(rows), Data(text.utf8))
        XCTAssertEqual(CSVFormat.shortfalls.text(rows), text)
        let zh = CSVFormat.shortfalls.write(rows, language: .zh, excel: true)
        XCTAssertEqual(Array(zh.prefix(3)), CSVHeaders.byteOrderMark)
        XCTAssertEqual(
            String(decoding: zh.dropFirst(3), as: UTF8.self),
            "村（社区）编号,法律顾问编号,规则,期间,原因\nV1,A1,\"a,b\",2026-01,休假\n")
    }

    // MARK: Loaders read Chinese headers

    func testChineseHeaderVillagesCSVLoads() throws {
        try write("scenario.yaml", "name: 中文表头\nrules: nanning\nyear: 2026\n")
        try write(
            "villages.csv",
            """
            村（社区）编号,村（社区）名称,类型,乡镇（街道）,县（区）编号,纬度,经度,法律需求,现任法律顾问编号
            V1,双桥村,village,城厢镇,C1,23.16,108.27,land;family,A1
            V2,江南社区,community,城厢镇,C1,23.15,108.28,,

            """)
        try write("advisers.csv", "id,name,role,county,lat,lon,phone\nA1,张伟,lawyer,C1,23.17,108.26,13800000001\n")
        let scenario = try load()
        XCTAssertEqual(scenario.villages.map(\.id), ["V1", "V2"])
        XCTAssertEqual(scenario.villages[0].name, "双桥村")
        XCTAssertEqual(scenario.villages[0].needs, ["land", "family"])
        XCTAssertEqual(scenario.villages[0].currentAdviser, "A1")
        XCTAssertEqual(scenario.villages[1].kind, .community)
    }

    /// Every input file, every column, in Chinese (with an Excel mark on one of them).
    func testEveryInputFileLoadsWithChineseHeaders() throws {
        func zh(_ table: CSVHeaders.Table, _ columns: [String]) -> String {
            CSVHeaders.header(columns, in: table, language: .zh)
        }
        try write("scenario.yaml", "name: 中文表头\nrules: nanning\nyear: 2026\n")
        try write(
            "counties.csv",
            "\u{FEFF}"
                + zh(
                    CSVHeaders.counties,
                    ["id", "name", "city", "under_resourced", "justice_office", "justice_office_phone"])
                + "\nC1,武鸣区,南宁市,false,城厢司法所,0771-6221234\n")
        try write(
            "firms.csv",
            zh(CSVHeaders.firms, ["id", "name", "kind", "county", "lat", "lon"])
                + "\nF1,广西武鸣律师事务所,law_firm,C1,23.16,108.27\n")
        try write(
            "advisers.csv",
            zh(CSVHeaders.advisers, CSVHeaders.advisers.columns.map(\.english))
                + "\nA1,张伟,lawyer,F1,C1,23.17,108.26,5,40,land,active,13800000001,zhang_wei88,zw@example.com,\nA2,李娜,lawyer,F1,C1,23.14,108.29,,,,,,,,\n"
        )
        try write(
            "villages.csv",
            zh(CSVHeaders.villages, CSVHeaders.villages.columns.map(\.english))
                + "\nV1,双桥村,village,城厢镇,C1,23.16,108.27,land,A1,true,sat,false\nV2,江南社区,community,城厢镇,C1,23.15,108.28,,,,,\n"
        )
        try write("preferences.csv", zh(CSVHeaders.preferences, ["from", "to", "rank"]) + "\nV1,A1,1\n")
        try write("conflicts.csv", zh(CSVHeaders.conflicts, ["a", "b", "reason"]) + "\nA2,V1,亲属关系\n")
        try write(
            "availability.csv",
            zh(CSVHeaders.availability, ["adviser", "from", "to", "reason"]) + "\nA1,2026-02-01,2026-02-10,休假\n")
        try write(
            "townships.csv",
            zh(CSVHeaders.townships, ["id", "name", "county", "mode", "adjacent"]) + "\nT1,城厢镇,C1,onsite,\n")
        try write("teams.csv", zh(CSVHeaders.teams, ["team", "firm", "member", "role_in_team"]) + "\nTM1,F1,A1,lead\n")
        let s = try load()
        XCTAssertEqual(s.counties.first?.justiceOffice, "城厢司法所")
        XCTAssertEqual(s.counties.first?.justiceOfficePhone, "0771-6221234")
        XCTAssertEqual(s.firms.map(\.name), ["广西武鸣律师事务所"])
        XCTAssertEqual(s.advisers.first?.phone, "13800000001")
        XCTAssertEqual(s.advisers.first?.maxVillages, 5)
        XCTAssertEqual(s.advisers.first?.wechat, "zhang_wei88")
        XCTAssertEqual(s.advisers.first?.email, "zw@example.com")
        XCTAssertEqual(s.villages.first?.flexible, true)
        XCTAssertEqual(s.preferences.count, 1)
        XCTAssertEqual(s.conflicts.first?.reason, "亲属关系")
        XCTAssertEqual(s.unavailability.first?.reason, "休假")
        XCTAssertEqual(s.townships.map(\.id), ["T1"])
        XCTAssertEqual(s.teamMembers.first?.roleInTeam, "lead")
    }

    func testUnknownChineseColumnIsReportedAsWritten() throws {
        try write("scenario.yaml", "name: t\nrules: nanning\nyear: 2026\n")
        try write("villages.csv", "村（社区）编号,村名,乡镇（街道）,县（区）编号,纬度,经度\nV1,双桥村,城厢镇,C1,23.16,108.27\n")
        try write("advisers.csv", "id,name,role,county,lat,lon\nA1,张伟,lawyer,C1,23.17,108.26\n")
        XCTAssertThrowsError(try load()) { error in
            let text = (error as? ScenarioError)?.diagnostics.map(\.description).joined(separator: "\n") ?? "\(error)"
            // 村名 is not 村（社区）名称 misspelt (too far from it): ignored, so 'name' is missing.
            XCTAssertTrue(text.contains("missing required column 'name'"), text)
            let warnings = (error as? ScenarioError)?.warnings.map(\.description).joined(separator: "\n") ?? ""
            XCTAssertTrue(warnings.contains("villages.csv:1:9: warning: unknown column '村名' ignored"), warnings)
        }
    }

    func testScenarioYAMLJusticeOfficeKeys() throws {
        try write(
            "scenario.yaml",
            "name: t\nrules: nanning\nyear: 2026\njustice_office: 武鸣区司法局\njustice_office_phone: 0771-6220000\n")
        try write("villages.csv", "id,name,township,county,lat,lon\nV1,双桥村,城厢镇,C1,23.16,108.27\n")
        try write("advisers.csv", "id,name,role,county,lat,lon\nA1,张伟,lawyer,C1,23.17,108.26\n")
        let s = try load()
        XCTAssertEqual(s.justiceOffice, "武鸣区司法局")
        XCTAssertEqual(s.justiceOfficePhone, "0771-6220000")
        XCTAssertNil(s.counties.first?.justiceOffice)
    }

    // MARK: GBK/GB18030 is read as it is

    func testGB18030VillagesCSVIsReadAsItIs() throws {
        try write("scenario.yaml", "name: t\nrules: nanning\nyear: 2026\n")
        try write("advisers.csv", "id,name,role,county,lat,lon\nA1,张伟,lawyer,C1,23.17,108.26\n")
        // "V1,双桥村,城厢镇,…" as Excel on a Chinese Windows saves it: GBK (GB18030) bytes.
        let shuangqiaocun: [UInt8] = [0xCB, 0xAB, 0xC7, 0xC5, 0xB4, 0xE5]  // 双桥村
        let chengxiangzhen: [UInt8] = [0xB3, 0xC7, 0xCF, 0xE1, 0xD5, 0xF2]  // 城厢镇
        let bytes =
            Array("id,name,township,county,lat,lon\nV1,".utf8) + shuangqiaocun + [0x2C] + chengxiangzhen
            + Array(",C1,23.16,108.27\n".utf8)
        XCTAssertNil(String(data: Data(bytes), encoding: .utf8), "the bytes are not UTF-8")
        try Data(bytes).write(to: folder.appendingPathComponent("villages.csv"))
        let s = try load()
        XCTAssertEqual(s.villages.first?.name, "双桥村")
        XCTAssertEqual(s.villages.first?.township, "城厢镇")
        XCTAssertEqual(
            s.warnings.map(\.description),
            [
                "villages.csv: note: read as GB18030 (GBK) text, not UTF-8, as Excel and WPS save \"CSV (逗号分隔)\" on a Chinese Windows"
            ])
    }
}
