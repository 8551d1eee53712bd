import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// The codecs of the output files: one writer driven by the column table (English or Chinese
/// header, byte order mark), one reader returning rows and located diagnostics.
final class FormatsTests: XCTestCase {
    private func file(_ text: String) throws -> URL {
        let url = temporaryFolder("formats").appendingPathComponent("assignment.csv")
        addTeardownBlock { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private let rows = [
        AssignmentTable.Row(
            villageID: "V1", villageName: "东村", county: "C1", township: "T1", adviserID: "A1", adviserName: "王律师",
            firmID: "F1", distanceKm: "3.20", villageRank: "1", adviserRank: "", incumbent: .kept, support: false,
            teamID: "T9"),
        AssignmentTable.Row(villageID: "V2", villageName: "西村, 二组", county: "C1", township: "T1", incumbent: .new),
    ]

    func testAssignmentTableRoundTripsInBothLanguages() throws {
        for language in CSVHeaders.Language.allCases {
            for excel in [false, true] {
                let data = AssignmentTable.write(rows, teamModel: true, language: language, excel: excel)
                XCTAssertEqual(Array(data.prefix(3)) == CSVHeaders.byteOrderMark, excel)
                let url = try file(String(decoding: data, as: UTF8.self))
                let read = try AssignmentTable.read(
                    url, displayName: "plan.csv", required: AssignmentTable.columns(teamModel: true))
                XCTAssertEqual(read.diagnostics, [], "\(language) \(excel)")
                XCTAssertEqual(read.rows.map(\.row), rows, "\(language) \(excel)")
            }
        }
        let english = AssignmentTable.text(rows, teamModel: false)
        XCTAssertEqual(english.split(separator: "\n")[0], Substring(AssignmentTable.columns.joined(separator: ",")))
        XCTAssertEqual(english.split(separator: "\n")[2], "V2,\"西村, 二组\",C1,T1,,,,,,,new,no")
    }

    func testAssignmentTableLocatesEveryProblem() throws {
        let url = try file("village_id,adviser_id\nV1,A1\nV1,A2\n,A3\nV4\n")
        let read = try AssignmentTable.read(url, displayName: "plan.csv")
        XCTAssertEqual(read.rows.map(\.row.villageID), ["V1"])
        XCTAssertEqual(
            read.diagnostics.map(\.description),
            [
                "plan.csv:3:1: village_id 'V1' appears a second time (first at line 2); a plan gives each village one row",
                "plan.csv:4:1: village_id: required, but empty",
                "plan.csv:5: expected 2 fields, found 1",
            ])
        let missing = try AssignmentTable.read(try file("village,adviser\nV1,A1\n"), displayName: "plan.csv")
        XCTAssertEqual(missing.rows.count, 0)
        XCTAssertEqual(missing.diagnostics.count, 1)
        XCTAssertTrue(
            missing.diagnostics[0].description.hasPrefix(
                "plan.csv:1: the file needs the columns village_id and adviser_id"), "\(missing.diagnostics)")
    }

    func testEveryFormatWritesItsTablesHeader() {
        for format in [CSVFormat.roster, .compliance, .duties, .shortfalls, .changes, .assessment, .subsidy, .statuses]
        {
            let zh = String(decoding: format.write([], language: .zh), as: UTF8.self)
            XCTAssertEqual(
                zh, format.table.columns.map(\.chinese).map(csvField).joined(separator: ",") + "\n", format.table.file)
            XCTAssertEqual(format.text([]), format.columns.joined(separator: ",") + "\n", format.table.file)
        }
    }
}
