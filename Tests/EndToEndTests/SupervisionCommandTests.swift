import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// Issue 11 end to end on the Nanning demo, as a county runs its year: assign → schedule (H1) →
/// publish → the ledger books filled in by the villages' clerks → check → callbacks → assess →
/// rebalance with the statuses.
final class SupervisionCommandTests: XCTestCase {
    private static let demo = Paths.demo("nanning-wuming")
    private static let months = ["--from", "2026-01", "--to", "2026-06"]

    /// One published county, made once for the class: OUT/assignment.csv, roster.csv, ledgers/.
    private static let published: URL = {
        let out = Paths.temporaryFolder("supervision")
        for args in [
            ["assign", demo.path, "--out", out.path, "--quiet"],
            [
                "schedule", demo.path, "--assignment", out.appendingPathComponent("assignment.csv").path, "--out",
                out.path,
            ] + months,
            ["publish", demo.path, "--out", out.path, "--quiet"],
        ] {
            let r = try! runCommand(args)
            precondition(r.status == 0, "\(args[0]) failed: \(r.stderr)")
        }
        return out
    }()

    private var work: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: Paths.binary.path) else {
            throw XCTSkip("village-counsel is not built")
        }
        work = Paths.temporaryFolder("supervision-work")
    }

    override func tearDownWithError() throws { if let work { try? FileManager.default.removeItem(at: work) } }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: published)
        super.tearDown()
    }

    // MARK: The clerk

    private static let topics = [
        "土地承包经营权纠纷咨询", "婚姻家庭纠纷调解", "拖欠劳动报酬咨询", "宅基地边界纠纷", "审查村集体经济合同",
        "遗产继承咨询", "邻里通行纠纷调解", "交通事故赔偿咨询", "村规民约修订意见", "电信诈骗防范宣传",
    ]

    /// The person served on line `line` of `village`'s book: a name no other file of the demo has.
    private static func person(_ village: String, _ line: Int) -> String { "回访测试\(village)甲\(line)号" }

    /// Fills every session line of the ledger books as a village clerk does after each visit —
    /// who was served, what about, the result, the village's signature — and writes them to
    /// `target`; lines for which `drop` is true are deleted (the session did not happen).
    private func fillLedgers(into target: URL, drop: (_ adviser: String, _ date: String) -> Bool = { _, _ in false })
        throws
    {
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let folder = Self.published.appendingPathComponent("ledgers")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasSuffix(".csv") {
            let table = try CSVTable(contentsOf: folder.appendingPathComponent(name), file: name)
            let header = table.header.map(\.text)
            XCTAssertEqual(header.suffix(5), ["person_served", "content", "result", "requested_on", "signature"])
            var lines = [header.joined(separator: ",")]
            for r in table.records {
                var f = r.fields.map(\.text)
                let village = f[4], adviser = f[3], date = f[0]
                if drop(adviser, date) { continue }
                let topic = Self.topics[
                    abs((village + date).unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) % 1_000_003 })
                        % Self.topics.count]
                f[8] = Self.person(village, r.line)
                f[9] = f[6] == "service" ? topic : "法治讲座：\(topic)"
                f[10] = f[6] == "service" ? "已当场解答" : "已举办，到场群众约30人"
                f[12] = "村委会 王主任"
                lines.append(f.map(csvField).joined(separator: ","))
            }
            try (lines.joined(separator: "\n") + "\n").write(
                to: target.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    private func csv(_ url: URL) throws -> [[String]] {
        try CSVTable(contentsOf: url, file: url.lastPathComponent).records.map { $0.fields.map(\.text) }
    }

    // MARK: check

    func testABlankPublishedLedgerFailsCheckAndTheFilledLedgerPasses() throws {
        let books = Self.published.appendingPathComponent("ledgers").path
        let blank = try runCommand(["check", Self.demo.path, "--ledger", books] + Self.months)
        XCTAssertEqual(blank.status, 3, blank.stdout + blank.stderr)
        // A book per village and per adviser of the plan (the adviser's own training, 002 §四(二)).
        let files = try FileManager.default.contentsOfDirectory(atPath: books).filter { $0.hasSuffix(".csv") }.count
        XCTAssertEqual(
            files,
            200
                + Set(
                    try csv(Self.published.appendingPathComponent("assignment.csv")).map { $0[4] }.filter {
                        !$0.isEmpty
                    }
                ).count)
        for phrase in [
            "\(files) ledger files checked", "read as a ledger (record columns present)",
            "0 count toward the requirements",
            "ledger entry that is not a record (incomplete_entry)", "is not a record (nothing is filled in)",
            "002 §四(一)",
        ] {
            XCTAssertTrue(blank.stdout.contains(phrase), "missing '\(phrase)'")
        }
        let filled = work.appendingPathComponent("filled")
        try fillLedgers(into: filled)
        let ok = try runCommand(["check", Self.demo.path, "--ledger", filled.path] + Self.months)
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertTrue(ok.stdout.contains("COMPLIANT: every rule is met"), ok.stdout)
        XCTAssertFalse(ok.stdout.contains("do not (listed below)"), ok.stdout)
        // The roster the books came from is a plan, checked as before.
        let roster = try runCommand(
            ["check", Self.demo.path, "--roster", Self.published.appendingPathComponent("roster.csv").path]
                + Self.months)
        XCTAssertEqual(roster.status, 0, roster.stdout + roster.stderr)
        XCTAssertTrue(roster.stdout.contains("read as a roster (a plan: no record columns)"), roster.stdout)
    }

    // MARK: callbacks

    func testTheCallBackListIsReproducibleCoversEveryAdviserAndNeverReachesPublicOutputs() throws {
        let filled = work.appendingPathComponent("filled")
        try fillLedgers(into: filled)
        let internal1 = work.appendingPathComponent("internal1"), internal2 = work.appendingPathComponent("internal2")
        for folder in [internal1, internal2] {
            let r = try runCommand(
                [
                    "callbacks", Self.demo.path, "--ledger", filled.path, "--sample", "40", "--seed", "20260701",
                    "--out", folder.path,
                ] + Self.months)
            XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
            XCTAssertTrue(r.stdout.contains("INTERNAL, personal data"), r.stdout)
        }
        let list = try Data(contentsOf: internal1.appendingPathComponent("callbacks.csv"))
        XCTAssertEqual(
            list, try Data(contentsOf: internal2.appendingPathComponent("callbacks.csv")),
            "the same seed gives the same bytes")
        let other = work.appendingPathComponent("other")
        XCTAssertEqual(
            try runCommand(
                [
                    "callbacks", Self.demo.path, "--ledger", filled.path, "--sample", "40", "--seed", "7", "--out",
                    other.path,
                ] + Self.months
            ).status, 0)
        XCTAssertNotEqual(
            list, try Data(contentsOf: other.appendingPathComponent("callbacks.csv")), "another seed, another draw")

        let text = String(decoding: list, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("# 内部资料"), "marked internal in its first line")
        let rows = try CSVTable(
            text: text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n"),
            file: "callbacks.csv")
        XCTAssertEqual(
            rows.header.map(\.text),
            [
                "entry", "village_id", "village_name", "township", "adviser_id", "adviser_name", "date", "start",
                "end", "activity", "person_served", "contact", "what_to_ask", "reasons", "result", "note",
            ])
        let fields = rows.records.map { $0.fields.map(\.text) }
        XCTAssertGreaterThanOrEqual(fields.count, 40)
        // Every adviser with a village in the plan, and every township, is represented.
        let plan = try csv(Self.published.appendingPathComponent("assignment.csv"))
        XCTAssertEqual(Set(fields.map { $0[4] }), Set(plan.map { $0[4] }.filter { !$0.isEmpty }))
        let villages = try csv(Self.demo.appendingPathComponent("villages.csv"))
        XCTAssertEqual(Set(fields.map { $0[3] }), Set(villages.map { $0[3] }))
        // Each row is a real entry of the books, the person the book names, and the question names them.
        for f in fields {
            let parts = f[0].split(separator: ":")
            let book = try csv(URL(fileURLWithPath: String(parts[0])))
            let line = try XCTUnwrap(Int(parts[1]))
            let entry = book[line - 2]
            XCTAssertEqual(
                [entry[0], entry[1], entry[2], entry[3], entry[4], entry[8]], [f[6], f[7], f[8], f[4], f[1], f[10]])
            XCTAssertTrue(f[12].contains(f[10]) && f[12].contains(f[2]), f[12])
            XCTAssertEqual(f[14], "", "not called yet")
        }

        // The list sits in the published folder, as a careless clerk might leave it: nothing public shows it.
        let out = Self.published
        try list.write(to: out.appendingPathComponent("callbacks.csv"))
        defer { try? FileManager.default.removeItem(at: out.appendingPathComponent("callbacks.csv")) }
        XCTAssertEqual(try runCommand(["report", out.path]).status, 0)
        XCTAssertEqual(try runCommand(["publish", Self.demo.path, "--out", out.path, "--quiet"]).status, 0)
        // And the assessment's county pages, made with the list's results.
        let assess = work.appendingPathComponent("assess")
        let results = try withResults(text, { _ in "confirmed" })
        XCTAssertEqual(
            try runCommand([
                "assess", Self.demo.path, "--ledger", filled.path, "--period", "2026-H1", "--callbacks", results.path,
                "--out", assess.path,
            ]).status, 0)
        var publicFiles = [out.appendingPathComponent("report.html")]
        for folder in ["notices", "ledgers"] {
            publicFiles += try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(folder).path)
                .map { out.appendingPathComponent(folder).appendingPathComponent($0) }
        }
        publicFiles += try FileManager.default.contentsOfDirectory(
            atPath: assess.appendingPathComponent("counties").path
        )
        .map { assess.appendingPathComponent("counties").appendingPathComponent($0) }
        let people = Set(fields.map { $0[10] })
        XCTAssertTrue(people.allSatisfy { $0.hasPrefix("回访测试") })
        for url in publicFiles {
            let page = try String(contentsOf: url, encoding: .utf8)
            XCTAssertFalse(
                page.contains("回访测试"), "\(url.lastPathComponent) shows a villager named in the call-back list")
            XCTAssertFalse(page.contains("回访问题") || page.contains("what_to_ask"), url.lastPathComponent)
        }
    }

    /// The call-back list with `result(row)` filled in, written to a file.
    private func withResults(_ text: String, _ result: ([String]) -> String) throws -> URL {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let table = try CSVTable(text: lines.dropFirst().joined(separator: "\n"), file: "callbacks.csv")
        var out = [lines[0], table.header.map(\.text).joined(separator: ",")]
        for r in table.records {
            var f = r.fields.map(\.text)
            f[14] = result(f)
            out.append(f.map(csvField).joined(separator: ","))
        }
        let url = work.appendingPathComponent("callbacks-\(UUID().uuidString).csv")
        try (out.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    // MARK: assess and rebalance

    func testAssessGivesTheDeductionsWorkedOutByHandAndRebalanceReplacesTheFailedAdviser() throws {
        let plan = try csv(Self.published.appendingPathComponent("assignment.csv"))
        var villagesOf: [String: [String]] = [:]
        for row in plan where !row[4].isEmpty { villagesOf[row[4], default: []].append(row[0]) }
        let failing = try XCTUnwrap(villagesOf.keys.sorted().first { villagesOf[$0]!.count >= 3 })
        let n = villagesOf[failing]!.count
        // The failing adviser's books record nothing from March: 4 months × 5 hours short in each of
        // the n villages (002 §三(六): 每个月到村（社区）服务累计不少于5小时).
        let filled = work.appendingPathComponent("filled")
        try fillLedgers(into: filled) { adviser, date in adviser == failing && date >= "2026-03-01" }
        let out = work.appendingPathComponent("assess")
        let r = try runCommand([
            "assess", Self.demo.path, "--ledger", filled.path, "--period", "2026-H1",
            "--assignment", Self.published.appendingPathComponent("assignment.csv").path, "--out", out.path, "--xlsx",
        ])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        try assertAssessmentWorkbookHoldsTheCSVFiles(out)
        XCTAssertTrue(
            r.stdout.contains("\(failing) fails: \(2 * n) of \(6 * n) requirement checks met (33.3%)"), r.stdout)

        // By hand, from subsidy.yaml (6000 a village-year, 60 an hour short): base n × 6000 × 6/12;
        // deduction n villages × 4 months × 5 h × 60 = n × 1200; payable the difference.
        let subsidy = try csv(out.appendingPathComponent("subsidy.csv"))
        let row = try XCTUnwrap(subsidy.first { $0[0] == "adviser" && $0[1] == failing })
        XCTAssertEqual(row[5], "\(n)")
        XCTAssertEqual(row[6], "\(n * 3000).00")
        XCTAssertEqual(row[7], "\(n * 1200).00")
        XCTAssertEqual(row[8], "\(n * 1800).00")
        XCTAssertEqual(row[9], "yes")
        XCTAssertTrue(
            row[10].contains("5 hours × 60.00 = 300.00")
                && row[10].contains("payable \(n * 3000).00 − \(n * 1200).00 = \(n * 1800).00"), row[10])
        // Everyone else did all: no deduction, the full base. Firms add up their advisers.
        var firmSum: [String: (Int, Int)] = [:]
        for s in subsidy where s[0] == "adviser" {
            let villages = Int(s[5])!
            XCTAssertEqual(s[6], "\(villages * 3000).00", s[1])
            if s[1] != failing {
                XCTAssertEqual(s[7], "0.00", s[1])
                XCTAssertEqual(s[8], s[6], s[1])
            }
            let cents = { (x: String) in Int(x.replacingOccurrences(of: ".", with: ""))! }
            let f = firmSum[s[3], default: (0, 0)]
            firmSum[s[3]] = (f.0 + cents(s[7]), f.1 + cents(s[8]))
        }
        for s in subsidy where s[0] == "firm" {
            XCTAssertEqual(Int(s[7].replacingOccurrences(of: ".", with: "")), firmSum[s[1]]?.0, s[1])
            XCTAssertEqual(Int(s[8].replacingOccurrences(of: ".", with: "")), firmSum[s[1]]?.1, s[1])
        }
        // assessment.csv: one row per adviser and village, the failing adviser's with 4 shortfalls each.
        let assessment = try csv(out.appendingPathComponent("assessment.csv"))
        XCTAssertEqual(assessment.count, plan.filter { !$0[4].isEmpty }.count)
        for a in assessment where a[0] == failing {
            XCTAssertEqual([a[6], a[7], a[14], a[15]], ["6", "2", "1200.00", "fail"], a.joined(separator: ","))
            XCTAssertEqual(a[8].components(separatedBy: "; ").count, 4, a[8])
            XCTAssertTrue(a[16].hasPrefix("not renewed: status failed_assessment"), a[16])
        }
        XCTAssertTrue(assessment.filter { $0[0] != failing }.allSatisfy { $0[15] == "pass" && $0[6] == $0[7] })
        // checks.csv: every check, six months per village served, the failing adviser's four short.
        let checks = try csv(out.appendingPathComponent("checks.csv"))
        XCTAssertEqual(checks.count, 6 * assessment.count)
        XCTAssertEqual(checks.filter { $0[6] == "no" }.count, 4 * n)
        XCTAssertTrue(
            checks.filter { $0[6] == "no" }.allSatisfy {
                $0[1] == failing && $0[2] == "monthly_onsite_hours" && $0[5] == "0"
            })
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("compliance.csv").path))
        // statuses.csv marks the failed adviser only.
        let statuses = try csv(out.appendingPathComponent("statuses.csv"))
        XCTAssertEqual(statuses.filter { $0[1] == "failed_assessment" }.map { $0[0] }, [failing])
        // The county's A4 page.
        let page = try String(contentsOf: out.appendingPathComponent("counties/450110.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("武鸣区村（社区）法律顾问考核汇总（2026年上半年）") && page.contains(failing) && page.contains("不合格"))
        XCTAssertTrue(page.contains("@page { size: A4 portrait"))

        // The next year's plan with these statuses: the failed adviser is replaced everywhere.
        let next = work.appendingPathComponent("next")
        let rb = try runCommand([
            "rebalance", Self.demo.path, "--previous", Self.published.appendingPathComponent("assignment.csv").path,
            "--statuses", out.appendingPathComponent("statuses.csv").path, "--out", next.path,
        ])
        XCTAssertEqual(rb.status, 0, rb.stdout + rb.stderr)
        XCTAssertTrue(
            rb.stdout.contains(
                "statuses from \(out.appendingPathComponent("statuses.csv").path): 1 changed (\(failing) → failed_assessment)"
            ), rb.stdout)
        let newPlan = try csv(next.appendingPathComponent("assignment.csv"))
        XCTAssertFalse(newPlan.contains { $0[4] == failing }, "the failed adviser serves no village")
        XCTAssertTrue(newPlan.allSatisfy { !$0[4].isEmpty }, "every village still covered")
        let changes = try csv(next.appendingPathComponent("changes.csv"))
        XCTAssertEqual(Set(changes.filter { $0[1] == failing }.map { $0[0] }), Set(villagesOf[failing]!))
        XCTAssertTrue(changes.filter { $0[1] == failing }.allSatisfy { $0[3].contains("status failed_assessment") })
        // Without the statuses, the same previous plan keeps the adviser.
        let keep = work.appendingPathComponent("keep")
        XCTAssertEqual(
            try runCommand([
                "rebalance", Self.demo.path, "--previous", Self.published.appendingPathComponent("assignment.csv").path,
                "--out", keep.path, "--quiet",
            ]).status, 0)
        XCTAssertTrue(try csv(keep.appendingPathComponent("assignment.csv")).contains { $0[4] == failing })
    }

    // MARK: Bad input

    /// `assess --xlsx`: assessment.xlsx, read by openpyxl, holds the four CSV files cell for cell,
    /// and each county's sheet its rows of assessment.csv and then of subsidy.csv.
    private func assertAssessmentWorkbookHoldsTheCSVFiles(_ out: URL) throws {
        guard (try? requireOpenpyxl()) != nil else { return }
        let sheets = try openpyxlSheets(out.appendingPathComponent("assessment.xlsx"))
        let hasDuties = FileManager.default.fileExists(atPath: out.appendingPathComponent("duty-checks.csv").path)
        let fixed = hasDuties ? 5 : 4
        XCTAssertEqual(
            sheets.prefix(fixed).map(\.name),
            ["assessment", "checks", "subsidy", "statuses"] + (hasDuties ? ["duty-checks"] : []))
        let files =
            ["assessment.csv", "checks.csv", "subsidy.csv", "statuses.csv"] + (hasDuties ? ["duty-checks.csv"] : [])
        for (i, file) in files.enumerated() {
            assertRows(sheets[i].rows[...], equal: try csvRows(out.appendingPathComponent(file)), file)
        }
        let assessment = try csvRows(out.appendingPathComponent("assessment.csv")),
            subsidy = try csvRows(out.appendingPathComponent("subsidy.csv"))
        let ac = try XCTUnwrap(assessment[0].firstIndex(of: "county")),
            sc = try XCTUnwrap(subsidy[0].firstIndex(of: "county"))
        let counties = Set(assessment.dropFirst().map { $0[ac] })
        XCTAssertEqual(sheets.count, fixed + counties.count, "one sheet per county")
        for sheet in sheets.dropFirst(fixed) {
            let blocks = sheet.rows.split(whereSeparator: \.isEmpty)
            guard let first = blocks.first?.dropFirst().first, ac < first.count, case .text(let id)? = first[ac] else {
                XCTFail("\(sheet.name): no county rows")
                continue
            }
            assertRows(
                blocks[0], equal: [assessment[0]] + assessment.dropFirst().filter { $0[ac] == id },
                "\(sheet.name) assessment")
            let paid = subsidy.dropFirst().filter { $0[sc] == id }
            XCTAssertEqual(blocks.count, paid.isEmpty ? 1 : 2, sheet.name)
            if !paid.isEmpty { assertRows(blocks[1], equal: [subsidy[0]] + paid, "\(sheet.name) subsidy") }
        }
    }

    func testBadInputIsRefusedWithWhereAndWhat() throws {
        let filled = work.appendingPathComponent("filled")
        try fillLedgers(into: filled)
        // No subsidy amounts: no document fixes them.
        let bare = try copyScenario(Self.demo)
        try FileManager.default.removeItem(at: bare.appendingPathComponent("subsidy.yaml"))
        let noSubsidy = try runCommand([
            "assess", bare.path, "--ledger", filled.path, "--period", "2026-H1", "--out",
            work.appendingPathComponent("a").path,
        ])
        XCTAssertEqual(noSubsidy.status, 1, noSubsidy.stderr)
        XCTAssertTrue(
            noSubsidy.stderr.contains("subsidy.yaml: missing") && noSubsidy.stderr.contains("no document fixes them"),
            noSubsidy.stderr)
        try "source: 标准\nper_village_per_year: -5\ndeductions:\n  per_missed_visit: x\n  per_missed_hour: 1\n".write(
            to: bare.appendingPathComponent("subsidy.yaml"), atomically: true, encoding: .utf8)
        let badSubsidy = try runCommand([
            "assess", bare.path, "--ledger", filled.path, "--period", "2026-H1", "--out",
            work.appendingPathComponent("a").path,
        ])
        XCTAssertEqual(badSubsidy.status, 1)
        for p in [
            "subsidy.yaml:2:", "'per_village_per_year' must be at least 0", "subsidy.yaml:4:",
            "'per_missed_visit' must be a number",
            "missing required key 'per_missed_lecture'", "3 problems found",
        ] {
            XCTAssertTrue(badSubsidy.stderr.contains(p), "missing '\(p)' in:\n\(badSubsidy.stderr)")
        }
        // A period that is not a half-year or a year is a usage error.
        XCTAssertEqual(
            try runCommand([
                "assess", Self.demo.path, "--ledger", filled.path, "--period", "2026-Q1", "--out", work.path,
            ]).status, 2)
        // Call-backs verify ledgers, not rosters.
        let roster = try runCommand([
            "callbacks", Self.demo.path, "--ledger", Self.published.appendingPathComponent("roster.csv").path,
            "--sample", "5", "--seed", "1", "--out", work.path,
        ])
        XCTAssertEqual(roster.status, 1)
        XCTAssertTrue(
            roster.stderr.contains("roster.csv: a roster (a plan: no record columns), not a ledger"), roster.stderr)
        // A call-back list whose entry is in none of the ledgers, and a result nobody can read.
        XCTAssertEqual(
            try runCommand(
                [
                    "callbacks", Self.demo.path, "--ledger", filled.path, "--sample", "3", "--seed", "1", "--out",
                    work.path,
                ] + Self.months
            ).status, 0)
        var text = try String(contentsOf: work.appendingPathComponent("callbacks.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: ",2026-", with: ",2025-")
        lines[3] = String(lines[3].dropLast(1)) + "perhaps,"
        text = lines.joined(separator: "\n") + "\n"
        try text.write(to: work.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let unreadable = try runCommand(
            [
                "check", Self.demo.path, "--ledger", filled.path, "--callbacks",
                work.appendingPathComponent("bad.csv").path,
            ] + Self.months)
        XCTAssertEqual(unreadable.status, 1)
        XCTAssertTrue(
            unreadable.stderr.contains("bad.csv:4:") && unreadable.stderr.contains("result: expected confirmed"),
            unreadable.stderr)
        lines[3] = lines[3].replacingOccurrences(of: "perhaps,", with: "confirmed,")
        try (lines.joined(separator: "\n") + "\n").write(
            to: work.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let unmatched = try runCommand(
            [
                "check", Self.demo.path, "--ledger", filled.path, "--callbacks",
                work.appendingPathComponent("bad.csv").path,
            ] + Self.months)
        XCTAssertEqual(unmatched.status, 1)
        XCTAssertTrue(
            unmatched.stderr.contains("bad.csv:3: the entry")
                && unmatched.stderr.contains("is in none of the ledgers given"), unmatched.stderr)
        // rebalance --statuses with a status advisers.csv does not know.
        try "adviser_id,status\nA00001,active\nA00002,retired\nA00001,on_leave\n".write(
            to: work.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let statuses = try runCommand([
            "rebalance", Self.demo.path, "--previous", Self.published.appendingPathComponent("assignment.csv").path,
            "--statuses", work.appendingPathComponent("s.csv").path, "--out", work.appendingPathComponent("r").path,
        ])
        XCTAssertEqual(statuses.status, 1)
        XCTAssertTrue(
            statuses.stderr.contains(
                "s.csv:3:8: status: expected one of active, failed_assessment, on_leave, got 'retired'"),
            statuses.stderr)
        XCTAssertTrue(statuses.stderr.contains("s.csv:4:1: adviser_id 'A00001' appears a second time"), statuses.stderr)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: work.appendingPathComponent("r/assignment.csv").path),
            "nothing was planned")
    }
}
