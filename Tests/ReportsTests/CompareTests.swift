import CounselModel
import Foundation
import Reports
import XCTest

/// `compare`'s figures from hand-made result folders, and its four layouts.
final class CompareTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private let header =
        "village_id,village_name,county,township,adviser_id,adviser_name,firm_id,distance_km,village_rank,adviser_rank,incumbent,support"

    /// Writes a result folder: `rows` are assignment.csv lines after the header.
    @discardableResult
    private func folder(_ name: String, rows: [String], summary: [String: Any]? = nil, parent: URL? = nil) throws -> URL
    {
        let url = (parent ?? root).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try ([header] + rows).joined(separator: "\n").appending("\n").write(
            to: url.appendingPathComponent("assignment.csv"), atomically: true, encoding: .utf8)
        var s: [String: Any] = [
            "scenario": "演示 \(name)", "rules": "guangdong", "status": "optimal", "objective": 123.456, "gap": 0,
            "counties": [["id": "440232", "name": "乳源瑶族自治县"], ["id": "440281", "name": "乐昌市"]],
        ]
        for (k, v) in summary ?? [:] { s[k] = v }
        let data = try JSONSerialization.data(withJSONObject: s, options: [.sortedKeys])
        try data.write(to: url.appendingPathComponent("summary.json"))
        return url
    }

    /// Five villages in two counties: four covered by two advisers, one uncovered.
    private var baseRows: [String] {
        [
            "V1,甲村,440232,乳城镇,A1,张三,F1,10.00,1,2,kept,no",
            "V2,乙村,440232,乳城镇,A1,张三,F1,20.00,2,1,changed,no",
            "V3,丙村,440232,乳城镇,A1,张三,F1,30.00,,,new,no",
            "V4,丁村,440281,乐城街道,A2,李四,F2,4.50,1,,kept,yes",
            "V5,戊村,440281,乐城街道,,,,,,,changed,no",
        ]
    }

    func testFiguresComeFromTheAssignmentAndTheSummary() throws {
        let a = try folder("base", rows: baseRows, summary: ["blocking_pairs": 3])
        let r = try ComparedResult.read(a.path)
        XCTAssertEqual(r.folderName, "base")
        XCTAssertEqual(r.scenarioName, "演示 base")
        XCTAssertEqual(r.villages, 5)
        XCTAssertEqual(r.covered, 4)
        XCTAssertEqual(r.uncoveredByCounty, ["440232": 0, "440281": 1])
        XCTAssertEqual(r.countyNames["440232"], "乳源瑶族自治县")
        XCTAssertEqual(r.advisersUsed, 2)
        XCTAssertEqual(r.loadMean, 2)
        XCTAssertEqual(r.loadMax, 3)
        XCTAssertEqual(try XCTUnwrap(r.distanceMeanKm), (10 + 20 + 30 + 4.5) / 4, accuracy: 1e-9)
        XCTAssertEqual(r.distanceMaxKm, 30)
        XCTAssertEqual(r.villageFirstChoiceShare, 2.0 / 4, "first choices over covered villages")
        XCTAssertEqual(try XCTUnwrap(r.villageMeanRank), 4.0 / 3, accuracy: 1e-9, "mean over the ranked pairs")
        XCTAssertEqual(r.adviserFirstChoiceShare, 1.0 / 4)
        XCTAssertEqual(r.adviserMeanRank, 1.5)
        XCTAssertEqual(r.supportMoves, 1)
        XCTAssertEqual(r.incumbentsKept, 2)
        XCTAssertEqual(r.blockingPairs, 3)
        XCTAssertEqual(r.objective, 123.456)
        XCTAssertEqual(r.status, "optimal")
        XCTAssertEqual(r.gap, 0)
        XCTAssertNil(r.onsiteHours, "no roster.csv")
        XCTAssertNil(r.complianceShortfalls, "no compliance.csv")
        XCTAssertEqual(r.overrides, [])
    }

    func testBlockingPairsMayBeACountAListOrAnObjectAndAreOtherwiseMissing() throws {
        let list = try ComparedResult.read(
            try folder("l", rows: baseRows, summary: ["blocking_pairs": [["V1", "A2"], ["V2", "A2"]]]).path)
        XCTAssertEqual(list.blockingPairs, 2)
        let object = try ComparedResult.read(
            try folder("o", rows: baseRows, summary: ["blocking_pairs": ["count": 7]]).path)
        XCTAssertEqual(object.blockingPairs, 7)
        let none = try ComparedResult.read(try folder("n", rows: baseRows).path)
        XCTAssertNil(none.blockingPairs)
        let table = Comparison([list, none]).render(.table)
        let line = try XCTUnwrap(table.split(separator: "\n").first { $0.hasPrefix("blocking pairs") })
        XCTAssertEqual(line.split(separator: " ").suffix(3), ["2", "—", "—"], String(line))
    }

    func testScheduleOutputsAreFoundInTheFolderOrInItsScheduleSubfolder() throws {
        let roster = """
            date,start,end,adviser_id,village_id,mode,activity,team_id
            2026-01-05,09:00,14:00,A1,V1,onsite,service,
            2026-01-05,14:00,16:30,A1,V2,onsite,lecture,
            2026-01-06,09:00,11:00,A1,V3,offsite,service,
            2026-01-07,19:00,21:00,A2,V4,online,lecture,

            """
        let compliance = """
            village_id,adviser_id,rule,period,required,planned,ok
            V1,A1,monthly_onsite_visit,2026-01,1,1,yes
            V2,A1,monthly_onsite_visit,2026-01,1,0,no
            V3,A1,monthly_onsite_visit,2026-01,1,0,no

            """
        let inside = try folder("inside", rows: baseRows)
        try roster.write(to: inside.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try compliance.write(to: inside.appendingPathComponent("compliance.csv"), atomically: true, encoding: .utf8)
        let sub = try folder("sub", rows: baseRows)
        let schedule = sub.appendingPathComponent("schedule")
        try FileManager.default.createDirectory(at: schedule, withIntermediateDirectories: true)
        try roster.write(to: schedule.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        try compliance.write(to: schedule.appendingPathComponent("compliance.csv"), atomically: true, encoding: .utf8)
        for url in [inside, sub] {
            let r = try ComparedResult.read(url.path)
            XCTAssertEqual(r.onsiteHours, 7.5, "5 h + 2.5 h on site; off-site and online do not count")
            XCTAssertEqual(r.complianceShortfalls, 2)
        }
        let c = Comparison(try ComparedResult.read([inside.path, try folder("plain", rows: baseRows).path]))
        XCTAssertEqual(c.rows.first { $0.id == "onsite_hours" }?.values, ["7.5", "—"])
        XCTAssertEqual(c.rows.first { $0.id == "onsite_hours" }?.differences, ["—"])
        XCTAssertEqual(c.rows.first { $0.id == "compliance_shortfalls" }?.values, ["2", "—"])
    }

    func testMissingAndUnreadableFoldersAreAllNamedWithWhatIsMissing() throws {
        let good = try folder("good", rows: baseRows)
        let noSummary = try folder("nosummary", rows: baseRows)
        try FileManager.default.removeItem(at: noSummary.appendingPathComponent("summary.json"))
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let badColumns = try folder("badcolumns", rows: [])
        try "village_id,adviser_id\nV1,A1\n".write(
            to: badColumns.appendingPathComponent("assignment.csv"), atomically: true, encoding: .utf8)
        let badRoster = try folder("badroster", rows: baseRows)
        try "date,adviser_id\n".write(
            to: badRoster.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let missing = root.appendingPathComponent("nowhere").path
        XCTAssertThrowsError(
            try ComparedResult.read([good.path, noSummary.path, empty.path, badColumns.path, badRoster.path, missing])
        ) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("\(noSummary.path): missing summary.json"), text)
            XCTAssertTrue(text.contains("\(empty.path): missing summary.json"), text)
            XCTAssertTrue(text.contains("\(empty.path): missing assignment.csv"), text)
            XCTAssertTrue(
                text.contains("\(badColumns.path)/assignment.csv:1: the file needs the columns county, distance_km"),
                text)
            XCTAssertTrue(text.contains("\(badRoster.path)/roster.csv:1: missing required column 'start'"), text)
            XCTAssertTrue(text.contains("\(missing): no such result folder"), text)
            XCTAssertFalse(text.contains("\(good.path):"), text)
        }
    }

    func testDifferencesAreSignedAgainstTheFirstFolder() throws {
        let a = try ComparedResult.read(
            try folder("a", rows: baseRows, summary: ["objective": 100, "gap": 0.001]).path)
        // B covers V5 with A2: one more covered, load mean 2.5, A2's load 2.
        var rows = baseRows
        rows[4] = "V5,戊村,440281,乐城街道,A2,李四,F2,3.00,,,changed,no"
        let b = try ComparedResult.read(
            try folder("b", rows: rows, summary: ["objective": 96.5, "gap": 0, "status": "feasible"]).path)
        let c = Comparison([a, b])
        func row(_ id: String) throws -> Comparison.Row { try XCTUnwrap(c.rows.first { $0.id == id }, id) }
        XCTAssertEqual(c.columns, ["a", "b"])
        XCTAssertEqual(c.header, ["figure", "a", "b", "b−a"])
        XCTAssertEqual(try row("coverage").values, ["4/5 (80.0%)", "5/5 (100.0%)"])
        XCTAssertEqual(try row("coverage").differences, ["+1 (+20.0%)"])
        XCTAssertEqual(try row("uncovered.440281").label, "uncovered in 440281 乐昌市")
        XCTAssertEqual(try row("uncovered.440281").differences, ["−1"])
        XCTAssertEqual(try row("uncovered.440232").differences, ["0"])
        XCTAssertEqual(try row("advisers_used").differences, ["0"])
        XCTAssertEqual(try row("load_mean").values, ["2.00", "2.50"])
        XCTAssertEqual(try row("load_mean").differences, ["+0.50"])
        XCTAssertEqual(try row("village_first_choice_share").values, ["50.0%", "40.0%"])
        XCTAssertEqual(try row("village_first_choice_share").differences, ["−10.0%"], "percentage points")
        XCTAssertEqual(try row("objective").differences, ["−3.50"])
        XCTAssertEqual(try row("objective").numericDifferences, [-3.5])
        XCTAssertEqual(try row("gap").values, ["0.10%", "0.00%"])
        XCTAssertEqual(try row("gap").differences, ["−0.10%"])
        XCTAssertEqual(try row("status").values, ["optimal", "feasible"])
        XCTAssertEqual(try row("status").differences, ["changed"])
        XCTAssertEqual(try row("rules").differences, ["same"])
        XCTAssertEqual(try row("blocking_pairs").values, ["—", "—"])
        XCTAssertEqual(try row("blocking_pairs").differences, ["—"])
    }

    func testHeadersAreFolderNamesOrScenarioNamesWhenFolderNamesClash() throws {
        let one = root.appendingPathComponent("one"), two = root.appendingPathComponent("two")
        let a = try ComparedResult.read(
            try folder("out", rows: baseRows, summary: ["scenario": "基线"], parent: one).path)
        let b = try ComparedResult.read(
            try folder("out", rows: baseRows, summary: ["scenario": "上限 8"], parent: two).path)
        XCTAssertEqual(Comparison([a, b]).columns, ["基线", "上限 8"])
        // Same scenario name too: the paths as given.
        var b2 = b
        b2.scenarioName = "基线"
        XCTAssertEqual(Comparison([a, b2]).columns, [a.path, b.path])
        // The same folder twice.
        XCTAssertEqual(Comparison([a, a]).columns, [a.path, "\(a.path) #2"])
    }

    func testTableLinesUpChineseTextAndEveryFormatCarriesTheSameCells() throws {
        let a = try ComparedResult.read(try folder("基线", rows: baseRows).path)
        var rows = baseRows
        rows[4] = "V5,戊村,440281,乐城街道,A2,李四,F2,3.00,,,changed,no"
        let b = try ComparedResult.read(try folder("cap8", rows: rows).path)
        let c = Comparison([a, b])

        // Table: all columns after the first are right-aligned, so every line ends at the same
        // terminal column when Chinese characters count two.
        let table = c.render(.table)
        let widths = Set(table.split(separator: "\n").map { CompareWidth.of(String($0)) })
        XCTAssertEqual(widths.count, 1, table)
        XCTAssertTrue(table.hasPrefix("figure"), table)
        XCTAssertTrue(table.contains("cap8−基线"), table)

        // Markdown: a header row and the alignment row.
        let md = c.render(.markdown).split(separator: "\n").map(String.init)
        XCTAssertEqual(md[0], "| figure | 基线 | cap8 | cap8−基线 |")
        XCTAssertEqual(md[1], "|---|---:|---:|---:|")
        XCTAssertEqual(md.count, c.rows.count + 2)

        // CSV: parses, `figure,A,B,B−A`, the table's cells.
        let csv = try CSVTable(text: c.render(.csv), file: "compare.csv")
        XCTAssertEqual(csv.header.map(\.text), ["figure", "基线", "cap8", "cap8−基线"])
        XCTAssertEqual(csv.records.map { $0.fields.map(\.text) }, c.cells)
        let overrides = try XCTUnwrap(csv.records.first { $0.fields[0].text == "coverage" })
        XCTAssertEqual(overrides.fields.map(\.text), ["coverage", "4/5 (80.0%)", "5/5 (100.0%)", "+1 (+20.0%)"])

        // JSON: decodes, keys sorted, raw figures per folder, null for what is missing.
        let text = c.render(.json)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["columns"] as? [String], ["基线", "cap8"])
        XCTAssertEqual(json["baseline"] as? String, "基线")
        let scenarios = try XCTUnwrap(json["scenarios"] as? [[String: Any]])
        XCTAssertEqual(scenarios[1]["covered"] as? Int, 5)
        XCTAssertEqual((scenarios[0]["uncovered_by_county"] as? [String: Int])?["440281"], 1)
        XCTAssertTrue(scenarios[0]["onsite_hours"] is NSNull)
        let jsonRows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        XCTAssertEqual(jsonRows.map { $0["id"] as? String }, c.rows.map(\.id))
        let coverage = try XCTUnwrap(jsonRows.first { $0["id"] as? String == "coverage" })
        XCTAssertEqual(coverage["numeric_differences"] as? [Int], [1])
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        XCTAssertEqual(topKeys, topKeys.sorted(), "keys sorted")
    }

    func testOverridesOfAFolderAreShown() throws {
        let a = try folder("a", rows: baseRows)
        let b = try folder("b", rows: baseRows)
        try """
        {"overrides": [{"key": "rules.cap", "origin": "--set rules.cap=8", "previous": 5, "value": 8},
                       {"key": "flexible", "origin": "--set flexible=true", "previous": false, "value": true},
                       {"key": "objective.distance_km", "origin": "--set objective.distance_km=0.5", "previous": 0.05, "value": 0.5}],
         "values": {"rules.cap": 8}}
        """.write(to: b.appendingPathComponent("overrides.json"), atomically: true, encoding: .utf8)
        let c = Comparison(try ComparedResult.read([a.path, b.path]))
        XCTAssertEqual(c.rows[0].id, "overrides")
        XCTAssertEqual(c.rows[0].values, ["—", "rules.cap=8, flexible=true, objective.distance_km=0.5"])
    }
}

/// Terminal width of a line, counted independently of the table code: East Asian wide and
/// full-width characters take two columns.
enum CompareWidth {
    static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let wide =
                u.properties.isIdeographic || (0xFF01...0xFF60).contains(u.value) || (0x3000...0x303F).contains(u.value)
            return n + (wide ? 2 : 1)
        }
    }
}
