import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// `village-counsel publish`, run as a user runs it: assign → schedule → publish on the Nanning demo,
/// then a filled ledger back through `check`.
final class PublishCommandTests: XCTestCase {
    private static let demo = Paths.demo("nanning-wuming")
    /// The months scheduled and checked: a quarter keeps the test quick, and `check` is told the
    /// same months, so no period is cut short.
    private static let months = ["--from", "2026-01", "--to", "2026-03"]

    private var out: URL!

    override func setUpWithError() throws {
        out = Paths.temporaryFolder("publish")
        let a = try runCommand(["assign", Self.demo.path, "--out", out.path])
        XCTAssertEqual(a.status, 0, a.stderr)
        let s = try runCommand(
            [
                "schedule", Self.demo.path, "--assignment", out.appendingPathComponent("assignment.csv").path,
                "--out", out.path,
            ] + Self.months)
        XCTAssertEqual(s.status, 0, s.stderr)
    }

    override func tearDownWithError() throws {
        if let out { try? FileManager.default.removeItem(at: out) }
    }

    private func villages() throws -> [String] {
        try CSVTable(contentsOf: Self.demo.appendingPathComponent("villages.csv"), file: "villages.csv").records.map {
            $0.fields[0].text
        }
    }

    private func files(_ folder: String, _ ext: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".\(ext)") }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }

    /// A village whose planned sessions meet every rule in these months (no shortfall).
    private func compliantVillage() throws -> String {
        let rows = try CSVTable(contentsOf: out.appendingPathComponent("compliance.csv"), file: "compliance.csv")
            .records.map { $0.fields.map(\.text) }
        let failing = Set(rows.filter { $0[6] != "yes" }.map { $0[0] })
        let short = Set(
            try CSVTable(contentsOf: out.appendingPathComponent("shortfalls.csv"), file: "shortfalls.csv").records.map {
                $0.fields[0].text
            })
        return try XCTUnwrap(Set(rows.map { $0[0] }).subtracting(failing).subtracting(short).sorted().first)
    }

    /// Fills every blank ledger column of every session line, as the adviser does after each visit.
    private func fill(_ data: Data) -> Data {
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        for i in 1..<lines.count {
            XCTAssertTrue(lines[i].hasSuffix(",,,,,"), lines[i])
            lines[i] = String(lines[i].dropLast(4)) + "村民,\"宅基地纠纷咨询，已解答\",已答复,\(lines[i].prefix(10)),村委会（签字）"
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    func testOneNoticeAndOneLedgerPerVillageAndFilledLedgerPassesCheck() throws {
        let r = try runCommand(["publish", Self.demo.path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("200 notice board(s)"), r.stdout)
        let ids = try villages().sorted()
        XCTAssertEqual(try files("notices", "html"), ids)
        // A book per village, and per adviser of the plan a book of their own (the training
        // Nanning requires them to attend, 002 §四(二)) and a sheet of contact cards.
        let plannedAdvisers = Set(
            try CSVTable(contentsOf: out.appendingPathComponent("assignment.csv"), file: "assignment.csv")
                .records.map { $0.fields[4].text }.filter { !$0.isEmpty }
        ).sorted()
        XCTAssertEqual(try files("ledgers", "csv"), (plannedAdvisers + ids).sorted())
        XCTAssertEqual(try files("cards", "html"), plannedAdvisers)
        XCTAssertTrue(r.stdout.contains("\(plannedAdvisers.count) adviser(s)' contact cards"), r.stdout)

        // Each board shows its own adviser's phone and no other phone of advisers.csv.
        let advisers = try CSVTable(contentsOf: Self.demo.appendingPathComponent("advisers.csv"), file: "advisers.csv")
        let phoneColumn = advisers.header.firstIndex { $0.text == "phone" }!
        let phones = Dictionary(
            uniqueKeysWithValues: advisers.records.map { ($0.fields[0].text, $0.fields[phoneColumn].text) })
        let plan = try CSVTable(contentsOf: out.appendingPathComponent("assignment.csv"), file: "assignment.csv")
            .records
        for row in plan {
            let village = row.fields[0].text, adviser = row.fields[4].text
            let html = try String(contentsOf: out.appendingPathComponent("notices/\(village).html"), encoding: .utf8)
            XCTAssertTrue(html.contains(row.fields[1].text + "法律顾问公示牌"), village)
            XCTAssertTrue(html.contains(row.fields[5].text), "\(village): the adviser's name")
            XCTAssertTrue(html.contains(phones[adviser]!), "\(village): the adviser's phone")
            for (other, phone) in phones where other != adviser && !phone.isEmpty {
                XCTAssertFalse(html.contains(phone), "\(village)'s board shows \(other)'s phone")
            }
        }

        // A filled ledger goes straight back into check.
        let village = try compliantVillage()
        let ledger = out.appendingPathComponent("ledgers/\(village).csv")
        let planned = try Data(contentsOf: ledger)
        XCTAssertTrue(
            String(decoding: planned, as: UTF8.self).hasPrefix(
                "date,start,end,adviser_id,village_id,mode,activity,team_id,person_served,content,result,requested_on,signature\n"
            ))
        let filled = out.appendingPathComponent("filled-\(village).csv")
        try fill(planned).write(to: filled)
        let c = try runCommand(["check", Self.demo.path, "--roster", filled.path, "--village", village] + Self.months)
        XCTAssertEqual(c.status, 0, c.stdout + c.stderr)
        XCTAssertTrue(c.stdout.contains("COMPLIANT"), c.stdout)
        XCTAssertTrue(c.stdout.contains("1 village"), c.stdout)
        // Without --village, one village's ledger book leaves every other village short.
        XCTAssertEqual(try runCommand(["check", Self.demo.path, "--roster", filled.path] + Self.months).status, 3)
    }

    func testChineseHeaderExcelLedgerReadBackByCheck() throws {
        let r = try runCommand(["publish", Self.demo.path, "--out", out.path, "--lang", "zh", "--excel"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let village = try compliantVillage()
        let planned = try Data(contentsOf: out.appendingPathComponent("ledgers/\(village).csv"))
        XCTAssertEqual(Array(planned.prefix(3)), [0xEF, 0xBB, 0xBF], "Excel's UTF-8 mark")
        XCTAssertTrue(String(decoding: planned.dropFirst(3), as: UTF8.self).hasPrefix("日期,开始时间,结束时间,法律顾问编号,村（社区）编号,"))
        // Unfilled, the book is a plan, not a record: every entry is listed and nothing counts (002 §四(一)).
        let c0 = try runCommand(
            [
                "check", Self.demo.path, "--roster", out.appendingPathComponent("ledgers/\(village).csv").path,
                "--village", village,
            ] + Self.months)
        XCTAssertEqual(c0.status, 3, c0.stdout + c0.stderr)
        XCTAssertTrue(c0.stdout.contains("ledger entry that is not a record (incomplete_entry)"), c0.stdout)
        let filled = out.appendingPathComponent("filled-zh.csv")
        try fill(planned).write(to: filled)
        let c = try runCommand(["check", Self.demo.path, "--roster", filled.path, "--village", village] + Self.months)
        XCTAssertEqual(c.status, 0, c.stdout + c.stderr)
        XCTAssertTrue(c.stdout.contains("COMPLIANT"), c.stdout)
    }

    func testRosterFoundInScheduleSubfolderOrGiven() throws {
        let other = Paths.temporaryFolder("publish-sub")
        defer { try? FileManager.default.removeItem(at: other) }
        try FileManager.default.copyItem(
            at: out.appendingPathComponent("assignment.csv"), to: other.appendingPathComponent("assignment.csv"))
        // No roster anywhere: a clear input error.
        let missing = try runCommand(["publish", Self.demo.path, "--out", other.path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no roster"), missing.stderr)
        XCTAssertTrue(missing.stderr.contains("schedule/roster.csv"), missing.stderr)
        // OUT/schedule/roster.csv.
        try FileManager.default.createDirectory(
            at: other.appendingPathComponent("schedule"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: out.appendingPathComponent("roster.csv"), to: other.appendingPathComponent("schedule/roster.csv"))
        let sub = try runCommand(["publish", Self.demo.path, "--out", other.path])
        XCTAssertEqual(sub.status, 0, sub.stderr)
        XCTAssertTrue(sub.stdout.contains("schedule/roster.csv"), sub.stdout)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: other.appendingPathComponent("notices").path).count, 200
        )
        // --roster FILE, here the same roster elsewhere: the same ledgers.
        let given = try runCommand([
            "publish", Self.demo.path, "--out", out.path, "--roster",
            other.appendingPathComponent("schedule/roster.csv").path,
        ])
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertEqual(
            try Data(contentsOf: out.appendingPathComponent("ledgers/V00001.csv")),
            try Data(contentsOf: other.appendingPathComponent("ledgers/V00001.csv")))
    }

    func testWithoutAssignmentIsAnInputError() throws {
        let empty = Paths.temporaryFolder("publish-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = try runCommand(["publish", Self.demo.path, "--out", empty.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("assignment.csv: not found"), r.stderr)
    }

    func testUnknownLanguageIsAUsageError() throws {
        let r = try runCommand(["publish", Self.demo.path, "--out", out.path, "--lang", "fr"])
        XCTAssertEqual(r.status, 2, r.stderr)
    }
}
