import CounselModel
import CounselTestSupport
import Foundation
import Workbook
import XCTest

/// Excel in, Excel out, end to end: demos read from workbooks (the tool's own and openpyxl's)
/// and from GB18030 CSV files plan byte for byte as from UTF-8 CSV; `--xlsx` workbooks, opened
/// by openpyxl, hold cell for cell what the CSV files hold; `init` writes a template that
/// validates; a cap override lowers stated `max_villages`.
final class WorkbookCommandTests: XCTestCase {
    static let demos = [
        "nanning-wuming", "guangdong-under-resourced", "guangdong-team-city", "guangdong-township-county",
    ]

    /// The demo's plan from its own CSV files, made once per run.
    nonisolated(unsafe) static var basePlans: [String: Data] = [:]
    func basePlan(_ demo: String) throws -> Data {
        if let plan = Self.basePlans[demo] { return plan }
        let (_, out) = try assign(Paths.demo(demo))
        let plan = try Data(contentsOf: out.appendingPathComponent("assignment.csv"))
        Self.basePlans[demo] = plan
        return plan
    }

    func assign(_ dir: URL, _ extra: [String] = []) throws -> (CommandResult, URL) {
        let out = Paths.temporaryFolder("out")
        let r = try runCommand(["assign", dir.path, "--out", out.path, "--quiet"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return (r, out)
    }

    /// The folder's CSV tables replaced by one scenario.xlsx.
    func moveTablesIntoWorkbook(_ dir: URL, data: Data) throws {
        for table in ScenarioTables.all {
            let url = dir.appendingPathComponent(table.file)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        }
        try data.write(to: dir.appendingPathComponent("scenario.xlsx"))
    }

    // MARK: Round trips

    func testDemosFromTheToolsOwnWorkbookPlanByteForByte() throws {
        for demo in Self.demos {
            let base = try basePlan(demo)
            let copy = try copyScenario(Paths.demo(demo))
            try moveTablesIntoWorkbook(copy, data: try ScenarioWorkbook.make(from: copy))
            let (r, out) = try assign(copy)
            XCTAssertEqual(
                try Data(contentsOf: out.appendingPathComponent("assignment.csv")),
                base, "\(demo): the same plan from scenario.xlsx")
            XCTAssertEqual(r.stderr, "", "\(demo): no warnings")
        }
    }

    /// openpyxl writes each demo as a clerk's workbook: Chinese sheet names, numbers as numbers
    /// (phones too), every other value as text.
    func testDemosFromOpenpyxlsWorkbookPlanByteForByte() throws {
        try requireOpenpyxl()
        let script = """
            import csv, sys, os, openpyxl
            src, dst = sys.argv[1], sys.argv[2]
            sheets = {"villages": "村（社区）", "advisers": "法律顾问", "firms": "执业机构", "counties": "县（区）",
                      "preferences": "双向选择", "conflicts": "利益冲突", "teams": "服务团队", "townships": "乡镇（街道）"}
            numeric = {"lat", "lon", "max_villages", "hours_per_month", "rank", "phone"}
            wb = openpyxl.Workbook()
            wb.remove(wb.active)
            for table, sheet in sheets.items():
                path = os.path.join(src, table + ".csv")
                if not os.path.exists(path): continue
                with open(path, encoding="utf-8-sig", newline="") as f:
                    rows = list(csv.reader(f))
                ws = wb.create_sheet(sheet)
                ws.append(rows[0])
                for row in rows[1:]:
                    out = []
                    for name, value in zip(rows[0], row):
                        if value == "": out.append(None)
                        elif name in numeric:
                            v = float(value)
                            out.append(int(v) if v.is_integer() and "." not in value else v)
                        else: out.append(value)
                    ws.append(out)
            wb.save(dst)
            """
        for demo in Self.demos {
            let base = try basePlan(demo)
            let copy = try copyScenario(Paths.demo(demo))
            let book = copy.appendingPathComponent("book.xlsx")
            let r = try python(script, [copy.path, book.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            try moveTablesIntoWorkbook(copy, data: try Data(contentsOf: book))
            try FileManager.default.removeItem(at: book)
            let (_, out) = try assign(copy)
            XCTAssertEqual(
                try Data(contentsOf: out.appendingPathComponent("assignment.csv")),
                base, "\(demo): the same plan from openpyxl's workbook")
        }
    }

    /// Each demo's CSV files saved as GB18030 (by Python's codec, independent of the iconv that
    /// reads them) plan exactly as the UTF-8 files, with a note per file.
    func testGB18030DemosPlanIdenticallyToTheirUTF8Copies() throws {
        for demo in Self.demos {
            let base = try basePlan(demo)
            let copy = try copyScenario(Paths.demo(demo))
            var converted: [String] = []
            for table in ScenarioTables.all {
                let url = copy.appendingPathComponent(table.file)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                let r = try python(
                    "import sys; p = sys.argv[1]; t = open(p, encoding='utf-8').read(); open(p, 'wb').write(t.encode('gb18030'))",
                    [url.path])
                XCTAssertEqual(r.status, 0, r.stderr)
                if String(data: try Data(contentsOf: url), encoding: .utf8) == nil { converted.append(table.file) }
            }
            XCTAssertTrue(converted.contains("villages.csv"), "\(demo): the villages file is not UTF-8 any more")
            let (r, out) = try assign(copy, [])
            XCTAssertEqual(
                try Data(contentsOf: out.appendingPathComponent("assignment.csv")),
                base, "\(demo): the same plan from GB18030 files")
            XCTAssertEqual(r.stderr, "", "--quiet prints no notes")
            let v = try runCommand(["validate", copy.path])
            XCTAssertEqual(v.status, 0, v.stderr)
            for file in converted {
                XCTAssertTrue(
                    v.stdout.contains("\(copy.path)/\(file): note: read as GB18030"), "\(demo) \(file):\n\(v.stdout)")
            }
        }
    }

    func testRareVillageNamesInGB18030() throws {
        let copy = try copyScenario(Paths.demo("nanning-wuming"))
        let url = copy.appendingPathComponent("villages.csv")
        var text = try String(contentsOf: url, encoding: .utf8)
        let first = try XCTUnwrap(try CSVTable(text: text, file: "villages.csv").records.first?.fields[1].text)
        text = text.replacingOccurrences(of: "," + first + ",", with: ",𬒔䢺村,")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let (_, base) = try assign(copy)
        let r = try python(
            "import sys; p = sys.argv[1]; t = open(p, encoding='utf-8').read(); open(p, 'wb').write(t.encode('gb18030'))",
            [url.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let bytes = try Data(contentsOf: url)
        XCTAssertNotNil(
            bytes.range(of: Data([0x99, 0x31, 0xF9, 0x30, 0x82, 0x34, 0x88, 0x38])), "𬒔䢺 as GB18030 four-byte sequences"
        )
        let (_, out) = try assign(copy)
        let plan = try Data(contentsOf: out.appendingPathComponent("assignment.csv"))
        XCTAssertEqual(plan, try Data(contentsOf: base.appendingPathComponent("assignment.csv")))
        XCTAssertTrue(String(decoding: plan, as: UTF8.self).contains(",𬒔䢺村,"))
    }

    // MARK: --xlsx outputs, opened by openpyxl

    func testPlanWorkbookHoldsTheCSVCellForCell() throws {
        try requireOpenpyxl()
        for lang in ["en", "zh"] {
            let (r, out) = try assign(Paths.demo("guangdong-team-city"), ["--xlsx", "--lang", lang])
            XCTAssertEqual(r.stdout, "")
            let assignment = try csvRows(out.appendingPathComponent("assignment.csv"))
            let sheets = try openpyxlSheets(out.appendingPathComponent("plan.xlsx"))
            let summary = try XCTUnwrap(
                try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
                    as? [String: Any])
            let counties = try XCTUnwrap(summary["counties"] as? [[String: Any]])
            XCTAssertEqual(
                sheets.map(\.name), ["assignment", "uncovered"] + counties.map { $0["name"] as? String ?? "" })
            for s in sheets {
                XCTAssertEqual(s.freeze, "A2", "\(s.name): frozen header")
                XCTAssertTrue(s.bold, "\(s.name): bold header")
            }
            assertRows(sheets[0].rows[...], equal: assignment, "assignment (\(lang))")
            // uncovered: every uncovered village of summary.json with its reason.
            let uncovered = try XCTUnwrap(summary["uncovered_villages"] as? [[String: Any]])
            XCTAssertGreaterThan(uncovered.count, 0)
            let township = Dictionary(assignment.dropFirst().map { ($0[0], $0[3]) }, uniquingKeysWith: { a, _ in a })
            let uncoveredRows = uncovered.map { u -> [String] in
                let id = u["id"] as? String ?? ""
                return [
                    id, u["name"] as? String ?? "", u["county"] as? String ?? "", township[id] ?? "",
                    u["reason"] as? String ?? "",
                ]
            }
            let uncoveredHeader =
                lang == "zh"
                ? ["村（社区）编号", "村（社区）名称", "县（区）编号", "乡镇（街道）", "原因"]
                : ["village_id", "village_name", "county", "township", "reason"]
            assertRows(sheets[1].rows[...], equal: [uncoveredHeader] + uncoveredRows, "uncovered")
            // Each county: its rows, its advisers (computed here from assignment.csv), its uncovered.
            for (i, county) in counties.enumerated() {
                let id = county["id"] as? String ?? ""
                let rows = sheets[2 + i].rows
                let blocks = rows.split(whereSeparator: { $0.isEmpty })
                let mine = assignment.dropFirst().filter { $0[2] == id }
                assertRows(blocks[0], equal: [assignment[0]] + mine, "county \(id) villages")
                var order: [String] = []
                var served: [String: [[String]]] = [:]
                for row in mine where !row[4].isEmpty {
                    if served[row[4]] == nil { order.append(row[4]) }
                    served[row[4], default: []].append(row)
                }
                let adviserHeader =
                    lang == "zh"
                    ? ["法律顾问编号", "法律顾问姓名", "执业机构编号", "服务村（社区）数", "服务村（社区）编号"]
                    : ["adviser_id", "adviser_name", "firm_id", "villages", "village_ids"]
                let advisers = order.map { a in
                    [
                        a, served[a]![0][5], served[a]![0][6], "\(served[a]!.count)",
                        served[a]!.map { $0[0] }.joined(separator: ";"),
                    ]
                }
                assertRows(blocks[1], equal: [adviserHeader] + advisers, "county \(id) advisers")
                let left = uncoveredRows.filter { $0[2] == id }
                XCTAssertEqual(blocks.count, left.isEmpty ? 2 : 3, "county \(id): blocks")
                if !left.isEmpty { assertRows(blocks[2], equal: [uncoveredHeader] + left, "county \(id) uncovered") }
                XCTAssertEqual(mine.count, county["villages"] as? Int, "county \(id): every village once")
            }
        }
        // The same input gives the same workbook, byte for byte; without --xlsx, a later run
        // removes the workbook it no longer matches.
        let out = Paths.temporaryFolder("out")
        XCTAssertEqual(
            try runCommand(["assign", Paths.demo("nanning-wuming").path, "--out", out.path, "--xlsx", "--quiet"])
                .status, 0)
        let first = try Data(contentsOf: out.appendingPathComponent("plan.xlsx"))
        XCTAssertEqual(
            try runCommand(["assign", Paths.demo("nanning-wuming").path, "--out", out.path, "--xlsx", "--quiet"])
                .status, 0)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("plan.xlsx")), first, "deterministic")
        XCTAssertEqual(
            try runCommand(["assign", Paths.demo("nanning-wuming").path, "--out", out.path, "--quiet"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.xlsx").path))
    }

    func testRosterRebalanceAndCheckWorkbooksHoldTheCSVCellForCell() throws {
        try requireOpenpyxl()
        let demo = Paths.demo("nanning-wuming")
        let (_, plan) = try assign(demo)
        let sched = Paths.temporaryFolder("sched")
        let s = try runCommand([
            "schedule", demo.path, "--assignment", plan.appendingPathComponent("assignment.csv").path,
            "--from", "2026-01", "--to", "2026-03", "--out", sched.path, "--xlsx", "--quiet",
        ])
        XCTAssertEqual(s.status, 0, s.stderr)
        let roster = try csvRows(sched.appendingPathComponent("roster.csv"))
        let sheets = try openpyxlSheets(sched.appendingPathComponent("roster.xlsx"))
        let dutiesURL = sched.appendingPathComponent("duties.csv")
        let hasDuties = FileManager.default.fileExists(atPath: dutiesURL.path)
        XCTAssertEqual(
            sheets.map(\.name), ["roster", "compliance", "shortfalls"] + (hasDuties ? ["duties"] : []) + ["武鸣区"])
        if hasDuties { assertRows(sheets[3].rows[...], equal: try csvRows(dutiesURL), "duties") }
        assertRows(sheets[0].rows[...], equal: roster, "roster")
        XCTAssertTrue(
            sheets[0].rows.dropFirst().allSatisfy { if case .date? = $0.first! { return true } else { return false } },
            "dates as dates")
        assertRows(
            sheets[1].rows[...], equal: try csvRows(sched.appendingPathComponent("compliance.csv")), "compliance")
        assertRows(
            sheets[2].rows[...], equal: try csvRows(sched.appendingPathComponent("shortfalls.csv")), "shortfalls")
        // The one county's roster: every row, in date order (a stable sort of the CSV's rows).
        let byDate =
            [roster[0]]
            + roster.dropFirst().enumerated().sorted { ($0.element[0], $0.offset) < ($1.element[0], $1.offset) }.map(
                \.element)
        assertRows(sheets[sheets.count - 1].rows[...], equal: byDate, "county roster")

        // check --out FILE --xlsx: the compliance rows and one row per finding.
        let checked = Paths.temporaryFolder("check").appendingPathComponent("compliance.csv")
        let c = try runCommand([
            "check", demo.path, "--roster", sched.appendingPathComponent("roster.csv").path,
            "--from", "2026-01", "--to", "2026-03", "--out", checked.path, "--xlsx",
        ])
        XCTAssertTrue([0, 3].contains(c.status), c.stderr)
        let checkSheets = try openpyxlSheets(checked.deletingPathExtension().appendingPathExtension("xlsx"))
        XCTAssertEqual(checkSheets.map(\.name), ["compliance", "findings", "武鸣区"])
        let compliance = try csvRows(checked)
        assertRows(checkSheets[0].rows[...], equal: compliance, "check compliance")
        assertRows(checkSheets[2].rows[...], equal: compliance, "check county compliance")
        XCTAssertEqual(checkSheets[1].rows.first?.first, .text("village_id"))
        XCTAssertEqual(
            try runCommand(["check", demo.path, "--roster", sched.appendingPathComponent("roster.csv").path, "--xlsx"])
                .status, 2,
            "--xlsx needs --out")

        // rebalance --xlsx: the changes sheet is changes.csv.
        let copy = try copyScenario(demo)
        let advisers = copy.appendingPathComponent("advisers.csv")
        var lines = try String(contentsOf: advisers, encoding: .utf8).components(separatedBy: "\n")
        let status = try XCTUnwrap(lines[0].components(separatedBy: ",").firstIndex(of: "status"))
        var fields = lines[1].components(separatedBy: ",")
        fields[status] = "failed_assessment"  // the first adviser may not serve again
        lines[1] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: advisers, atomically: true, encoding: .utf8)
        let re = Paths.temporaryFolder("re")
        let rb = try runCommand([
            "rebalance", copy.path, "--previous", plan.appendingPathComponent("assignment.csv").path,
            "--out", re.path, "--xlsx", "--quiet",
        ])
        XCTAssertEqual(rb.status, 0, rb.stderr)
        let reSheets = try openpyxlSheets(re.appendingPathComponent("plan.xlsx"))
        XCTAssertEqual(reSheets.prefix(3).map(\.name), ["assignment", "changes", "uncovered"])
        let changes = try csvRows(re.appendingPathComponent("changes.csv"))
        XCTAssertGreaterThan(changes.count, 1)
        assertRows(reSheets[1].rows[...], equal: changes, "changes")
        assertRows(
            reSheets[0].rows[...], equal: try csvRows(re.appendingPathComponent("assignment.csv")),
            "rebalanced assignment")
    }

    // MARK: init

    func testInitWritesATemplateThatValidatesAndExplainsEveryColumn() throws {
        let root = Paths.temporaryFolder("init")
        let csvDir = root.appendingPathComponent("csv"), xlsxDir = root.appendingPathComponent("xlsx")
        let a = try runCommand(["init", csvDir.path, "--rules", "nanning", "--year", "2026"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try runCommand(["init", xlsxDir.path, "--rules", "guangdong", "--xlsx", "--year", "2026"])
        XCTAssertEqual(b.status, 0, b.stderr)
        for dir in [csvDir, xlsxDir] {
            let v = try runCommand(["validate", dir.path])
            XCTAssertEqual(v.status, 0, v.stdout + v.stderr)
            XCTAssertEqual(
                v.stdout.components(separatedBy: "\n").filter { $0.contains("warning") }, [], "no column is ignored")
        }
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: xlsxDir.path).sorted(),
            ["scenario.xlsx", "scenario.yaml"])
        let header = try String(contentsOf: csvDir.appendingPathComponent("advisers.csv"), encoding: .utf8).components(
            separatedBy: "\n")[0]
        XCTAssertTrue(header.hasPrefix("法律顾问编号 / id,姓名 / name,身份 / role,"), header)
        let readme = try String(contentsOf: csvDir.appendingPathComponent("README.md"), encoding: .utf8)
        for table in ScenarioTables.all {
            for (english, chinese) in table.headers.columns {
                XCTAssertTrue(
                    readme.contains("\(chinese) — \(english) — "), "README.md explains \(table.file) \(english)")
            }
        }
        XCTAssertTrue(readme.contains("最多 5 个村（社区）"), "the profile's cap")
        // The workbook, read independently.
        if (try? requireOpenpyxl()) != nil {
            let sheets = try openpyxlSheets(xlsxDir.appendingPathComponent("scenario.xlsx"))
            XCTAssertEqual(sheets.map(\.name), ["README"] + ScenarioTables.all.map(\.sheet))
            let explained = Set(
                sheets[0].rows.compactMap { row -> String? in
                    guard row.count >= 3, case .text(let t)? = row[0], case .text(let c)? = row[2] else { return nil }
                    return t + "." + c
                })
            for table in ScenarioTables.all {
                for (english, _) in table.headers.columns {
                    XCTAssertTrue(explained.contains(table.sheet + "." + english), "\(table.sheet).\(english)")
                }
                let sheet = sheets.first { $0.name == table.sheet }!
                XCTAssertEqual(sheet.rows.count, 2, "\(table.sheet): a header and one example row")
                XCTAssertEqual(sheet.rows[0].first, .text(table.headers.bilingual(table.headers.columns[0].english)))
            }
            let text = sheets[0].rows.flatMap { $0 }.compactMap { c -> String? in
                if case .text(let t)? = c { return t } else { return nil }
            }.joined(separator: "\n")
            XCTAssertTrue(text.contains("律师资源不足地区最多 8 个"), "Guangdong's under-resourced cap is explained")
        }
        // Into a folder that has files: refused, nothing written.
        let before = try Data(contentsOf: csvDir.appendingPathComponent("villages.csv"))
        let again = try runCommand(["init", csvDir.path, "--rules", "nanning", "--xlsx"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("not empty"), again.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: csvDir.appendingPathComponent("scenario.xlsx").path))
        XCTAssertEqual(try Data(contentsOf: csvDir.appendingPathComponent("villages.csv")), before)
        XCTAssertEqual(try runCommand(["init", root.appendingPathComponent("x").path, "--rules", "nowhere"]).status, 2)
    }

    // MARK: Columns a clerk's sheet has, and what-ifs that adapt

    func testRemarksColumnIsIgnoredWithAWarningAndAMisspeltOneRefused() throws {
        let copy = try copyScenario(Paths.demo("nanning-wuming"))
        let (_, base) = try assign(Paths.demo("nanning-wuming"))
        let url = copy.appendingPathComponent("advisers.csv")
        let original = try String(contentsOf: url, encoding: .utf8)
        let withRemarks = original.components(separatedBy: "\n").enumerated().map { i, l in
            l.isEmpty ? l : l + (i == 0 ? ",备注" : ",兼职")
        }.joined(separator: "\n")
        try withRemarks.write(to: url, atomically: true, encoding: .utf8)
        let out = Paths.temporaryFolder("out")
        let r = try runCommand(["assign", copy.path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            r.stderr.contains("\(copy.path)/advisers.csv:1:")
                && r.stderr.contains("warning: unknown column '备注' ignored"), r.stderr)
        XCTAssertEqual(
            try Data(contentsOf: out.appendingPathComponent("assignment.csv")),
            try Data(contentsOf: base.appendingPathComponent("assignment.csv")))

        try original.replacingOccurrences(of: "max_villages", with: "max_vilages").write(
            to: url, atomically: true, encoding: .utf8)
        let bad = try runCommand(["assign", copy.path, "--out", out.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("unknown column 'max_vilages'; did you mean 'max_villages'?"), bad.stderr)
    }

    func testACapOverrideLowersStatedMaxVillages() throws {
        let out = Paths.temporaryFolder("out")
        let r = try runCommand(["assign", Paths.demo("nanning-wuming").path, "--out", out.path, "--set", "rules.cap=3"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("overrides: rules.cap=3"), r.stdout)
        let line = try XCTUnwrap(
            r.stdout.components(separatedBy: "\n").first { $0.hasPrefix("max_villages lowered to 3 for ") }, r.stdout)
        let json = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("overrides.json")))
                as? [String: Any])
        let lowered = try XCTUnwrap(json["max_villages_lowered"] as? [[String: Any]])
        // Independently: every adviser of advisers.csv stating more than 3.
        let advisers = try csvRows(Paths.demo("nanning-wuming").appendingPathComponent("advisers.csv"))
        let mv = try XCTUnwrap(advisers[0].firstIndex(of: "max_villages"))
        let above = advisers.dropFirst().filter { Int($0[mv]).map { $0 > 3 } ?? false }
        XCTAssertGreaterThan(above.count, 0)
        XCTAssertEqual(lowered.map { $0["adviser"] as? String }, above.map { $0[0] })
        XCTAssertEqual(lowered.map { $0["stated"] as? Int }, above.map { Int($0[mv]) })
        XCTAssertTrue(lowered.allSatisfy { $0["lowered_to"] as? Int == 3 })
        XCTAssertTrue(line.contains("for \(above.count) adviser"), line)
        // No adviser serves more than 3 villages in that plan.
        let plan = try csvRows(out.appendingPathComponent("assignment.csv"))
        let load = Dictionary(grouping: plan.dropFirst().filter { !$0[4].isEmpty }, by: { $0[4] }).mapValues(\.count)
        XCTAssertLessThanOrEqual(load.values.max() ?? 0, 3)
    }
}
