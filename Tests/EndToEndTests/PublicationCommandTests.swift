import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// Issue 12 end to end: `publish` on the Guangdong and Jiaocheng demos — boards and cards byte for
/// byte against golden files, the QR code read back by zbarimg, nothing personal but the adviser's
/// own public contact data on any board or card, `validate`'s warnings; `schedule` on the Rongchang
/// demo planning the firms' events, the work reports and the training; `check --month`.
final class PublicationCommandTests: XCTestCase {
    private static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    /// Compares `data` with `Golden/NAME` (record mode: `VILLAGE_COUNSEL_REGENERATE_GOLDENS=1`).
    private func assertGolden(_ data: Data, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try Golden.assert(data, matches: Self.golden.appendingPathComponent(name), file: file, line: line)
    }

    private func csv(_ url: URL) throws -> [[String]] {
        try CSVTable(contentsOf: url, file: url.lastPathComponent).records.map { $0.fields.map(\.text) }
    }

    private func header(_ url: URL) throws -> [String] {
        try CSVTable(contentsOf: url, file: url.lastPathComponent).header.map(\.text)
    }

    /// Publishes a fixed plan — `village` served by `adviser`, the others uncovered — with `roster`,
    /// so the pages depend on nothing the solvers choose.
    private func publishFixed(_ demo: String, village: String, adviser: String, roster: String) throws -> URL {
        let out = Paths.temporaryFolder("publication")
        try "village_id,adviser_id\n\(village),\(adviser)\n".write(
            to: out.appendingPathComponent("assignment.csv"), atomically: true, encoding: .utf8)
        try roster.write(to: out.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let r = try runCommand(["publish", Paths.demo(demo).path, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        return out
    }

    private static let guangdongRoster = """
        date,start,end,adviser_id,village_id,mode,activity,team_id
        2026-01-13,09:00,13:00,A00010,V00001,onsite,service,
        2026-02-10,09:00,13:00,A00010,V00001,onsite,service,
        2026-03-10,09:00,13:00,A00010,V00001,onsite,service,
        2026-03-24,14:00,16:00,A00010,V00001,onsite,lecture,
        2026-04-15,09:00,15:00,A00010,,offsite,adviser_training,
        2026-05-12,14:00,16:00,A00010,V00001,onsite,consultation,
        2026-06-09,09:00,11:00,A00010,V00001,onsite,mediation,
        2026-06-16,14:00,16:00,A00010,V00001,onsite,dispute_screening,

        """

    private static let jiaochengRoster = """
        date,start,end,adviser_id,village_id,mode,activity,team_id
        2026-01-22,09:00,11:00,A00001,V00001,onsite,training,
        2026-03-12,14:00,16:00,A00001,V00001,onsite,mediation,
        2026-04-22,09:00,11:00,A00001,V00001,onsite,training,
        2026-05-14,09:00,15:00,A00001,,offsite,adviser_training,
        2026-07-23,09:00,11:00,A00001,V00001,onsite,training,
        2026-10-22,09:00,11:00,A00001,V00001,onsite,training,

        """

    // MARK: Golden boards and cards

    func testGuangdongAndJiaochengBoardsAndCardsMatchGoldenFiles() throws {
        let gd = try publishFixed(
            "guangdong-under-resourced", village: "V00001", adviser: "A00010", roster: Self.guangdongRoster)
        defer { try? FileManager.default.removeItem(at: gd) }
        try assertGolden(
            try Data(contentsOf: gd.appendingPathComponent("notices/V00001.html")), "guangdong-notice-V00001.html")
        try assertGolden(
            try Data(contentsOf: gd.appendingPathComponent("cards/A00010.html")), "guangdong-card-A00010.html")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: gd.appendingPathComponent("cards").path),
            ["A00010.html"])

        let jc = try publishFixed(
            "jiaocheng-county", village: "V00001", adviser: "A00001", roster: Self.jiaochengRoster)
        defer { try? FileManager.default.removeItem(at: jc) }
        try assertGolden(
            try Data(contentsOf: jc.appendingPathComponent("notices/V00001.html")), "jiaocheng-notice-V00001.html")
        try assertGolden(
            try Data(contentsOf: jc.appendingPathComponent("cards/A00001.html")), "jiaocheng-card-A00001.html")
        // Jiaocheng's books name the mediation committee on every line (004 §四(一)) and hold no
        // mediation entry (004 §二(四)); the adviser's own book holds the training.
        let book = jc.appendingPathComponent("ledgers/V00001.csv")
        XCTAssertEqual(try header(book).last, "mediation_committee")
        let rows = try csv(book)
        XCTAssertEqual(
            rows.map { $0[0] }, ["2026-01-22", "2026-04-22", "2026-07-23", "2026-10-22"], "no mediation in the book")
        XCTAssertTrue(rows.allSatisfy { $0.last == "学府社区人民调解委员会" })
        XCTAssertEqual(
            try csv(jc.appendingPathComponent("ledgers/A00001.csv")).map { "\($0[0]) \($0[4])|\($0[6])" },
            ["2026-05-14 |adviser_training"])
    }

    func testTheCardsAndBoardsQRCodeReadsBackAsTheWeChatID() throws {
        let gd = try publishFixed(
            "guangdong-under-resourced", village: "V00001", adviser: "A00010", roster: Self.guangdongRoster)
        defer { try? FileManager.default.removeItem(at: gd) }
        // The A4 sheet as Chromium renders it, at twice the size so that a module is several pixels.
        var card = try String(contentsOf: gd.appendingPathComponent("cards/A00010.html"), encoding: .utf8)
        card = card.replacingOccurrences(of: "<body>", with: "<body style=\"zoom:2\">")
        XCTAssertEqual(
            try ZBar.decode(png: ZBar.render(html: card, width: 1700, height: 2300)),
            Array(repeating: "lawyer_a00010", count: 8))
        var board = try String(contentsOf: gd.appendingPathComponent("notices/V00001.html"), encoding: .utf8)
        board = board.replacingOccurrences(of: "<body>", with: "<body style=\"zoom:2\">")
        XCTAssertEqual(try ZBar.decode(png: ZBar.render(html: board, width: 1700, height: 2000)), ["lawyer_a00010"])
    }

    // MARK: Nothing personal

    /// Every board and card of a demo planned and scheduled for a quarter, published from a roster
    /// carrying what a filled ledger holds (villagers' names and phones, matters, mediation): each
    /// page names its own adviser's public contact data and nothing of any other person.
    private func assertNothingPersonal(_ demo: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = Paths.demo(demo), out = Paths.temporaryFolder("personal")
        defer { try? FileManager.default.removeItem(at: out) }
        XCTAssertEqual(
            try runCommand(["assign", dir.path, "--out", out.path, "--quiet"]).status, 0, file: file, line: line)
        XCTAssertEqual(
            try runCommand([
                "schedule", dir.path, "--assignment", out.appendingPathComponent("assignment.csv").path, "--out",
                out.path,
                "--from", "2026-01", "--to", "2026-03", "--quiet",
            ]).status, 0, file: file, line: line)
        // The roster with what villagers told the adviser, and a mediation on every village's first day.
        var lines = try String(contentsOf: out.appendingPathComponent("roster.csv"), encoding: .utf8).split(
            separator: "\n"
        ).map(String.init)
        lines[0] += ",person_served,content,result,requested_on,signature"
        var mediated = Set<String>()
        var extra: [String] = []
        for i in 1..<lines.count {
            let f = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            lines[i] += ",村民隐私\(i)号,隐私事项\(i),已办结,,"
            if !f[4].isEmpty, mediated.insert(f[4]).inserted {
                extra.append("\(f[0]),19:00,20:00,\(f[3]),\(f[4]),onsite,mediation,\(f[7]),调解当事人\(i)号,调解秘密\(i),达成协议,,")
            }
        }
        let roster = out.appendingPathComponent("filled.csv")
        try ((lines + extra).joined(separator: "\n") + "\n").write(to: roster, atomically: true, encoding: .utf8)
        let r = try runCommand(["publish", dir.path, "--out", out.path, "--roster", roster.path])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)

        let advisers = try CSVTable(contentsOf: dir.appendingPathComponent("advisers.csv"), file: "advisers.csv")
        let columns = advisers.header.map(\.text)
        var contact: [String: [String]] = [:]
        for rec in advisers.records {
            let f = Dictionary(uniqueKeysWithValues: zip(columns, rec.fields.map(\.text)))
            var own = [f["phone"]!, f["wechat"] ?? "", f["email"] ?? ""].filter { !$0.isEmpty }
            if let photo = f["photo"], !photo.isEmpty {
                own.append(try Data(contentsOf: dir.appendingPathComponent(photo)).base64EncodedString())
            }
            contact[f["id"]!] = own
        }
        func check(_ page: String, owner: String?, _ what: String) {
            for (id, data) in contact {
                for datum in data {
                    let shown = page.contains(datum)
                    if id == owner { continue }
                    // A photo shared by two advisers cannot tell them apart; the demos draw each its own.
                    XCTAssertFalse(shown, "\(what) shows \(id)'s \(datum.prefix(20))", file: file, line: line)
                }
            }
            for secret in ["村民隐私", "隐私事项", "调解当事人", "调解秘密", "达成协议"] {
                XCTAssertFalse(page.contains(secret), "\(what) shows '\(secret)'", file: file, line: line)
            }
            XCTAssertFalse(page.contains("19:00–20:00"), "\(what) shows the mediation's time", file: file, line: line)
        }
        let plan = Dictionary(
            try csv(out.appendingPathComponent("assignment.csv")).map { ($0[0], $0[4]) },
            uniquingKeysWith: { a, _ in a })
        for (village, adviser) in plan {
            let page = try String(contentsOf: out.appendingPathComponent("notices/\(village).html"), encoding: .utf8)
            check(page, owner: adviser.isEmpty ? nil : adviser, "\(village)'s board")
            if !adviser.isEmpty {
                XCTAssertTrue(
                    page.contains(contact[adviser]![0]), "\(village): its adviser's phone", file: file, line: line)
            }
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("cards").path) {
            let adviser = String(name.dropLast(5))
            let page = try String(contentsOf: out.appendingPathComponent("cards/\(name)"), encoding: .utf8)
            check(page, owner: adviser, "\(adviser)'s card")
            XCTAssertFalse(page.contains("V0"), "\(adviser)'s card names a village", file: file, line: line)
        }
    }

    func testNothingPersonalBeyondTheAdvisersOwnContactDataOnAnyBoardOrCard() throws {
        try assertNothingPersonal("guangdong-under-resourced")
        try assertNothingPersonal("jiaocheng-county")
    }

    // MARK: validate

    func testValidateWarnsAboutWhatTheBoardsAndCardsWouldLeaveOut() throws {
        let copy = try copyScenario(Paths.demo("guangdong-under-resourced"))
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let clean = try runCommand(["validate", copy.path])
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertFalse(clean.stdout.contains("warning"), clean.stdout)
        // A00003 loses its WeChat ID and e-mail; the county its complaint e-mail.
        let advisers = copy.appendingPathComponent("advisers.csv")
        var text = try String(contentsOf: advisers, encoding: .utf8)
        text = text.replacingOccurrences(of: ",lawyer_a00003,a00003@f0003.example.com,", with: ",,,")
        try text.write(to: advisers, atomically: true, encoding: .utf8)
        let counties = copy.appendingPathComponent("counties.csv")
        try (try String(contentsOf: counties, encoding: .utf8)).replacingOccurrences(
            of: ",gdsft_tousu@example.com", with: ","
        )
        .write(to: counties, atomically: true, encoding: .utf8)
        let r = try runCommand(["validate", copy.path])
        XCTAssertEqual(r.status, 0, "warnings, not problems: \(r.stdout + r.stderr)")
        let warnings = r.stdout.split(separator: "\n").filter { $0.contains("warning") }
        XCTAssertEqual(warnings.count, 2, r.stdout)
        XCTAssertTrue(
            warnings.contains {
                $0.contains("advisers.csv:4: warning: A00003 has no wechat, email") && $0.contains("001 §(十)")
                    && $0.contains("001 §(十一)")
            }, r.stdout)
        XCTAssertTrue(
            warnings.contains {
                $0.contains("counties.csv:2: warning: the boards of 440232 have no complaint_email")
                    && $0.contains("001 §(十四)")
            },
            r.stdout)
        // publish leaves them out and says so.
        let out = Paths.temporaryFolder("warned")
        defer { try? FileManager.default.removeItem(at: out) }
        try "village_id,adviser_id\nV00001,A00003\n".write(
            to: out.appendingPathComponent("assignment.csv"), atomically: true, encoding: .utf8)
        try "date,start,end,adviser_id,village_id,mode,activity,team_id\n".write(
            to: out.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let p = try runCommand(["publish", copy.path, "--out", out.path])
        XCTAssertEqual(p.status, 0, p.stderr)
        XCTAssertTrue(
            p.stdout.contains("wechat (1)") && p.stdout.contains("complaint_email (150)")
                && p.stdout.contains("validate"), p.stdout)
        let board = try String(contentsOf: out.appendingPathComponent("notices/V00001.html"), encoding: .utf8)
        XCTAssertFalse(board.contains("微信") || board.contains("投诉邮箱") || board.contains("<svg"), board)
    }

    // MARK: The duties of the Rongchang demo

    func testRongchangRosterPlansTheFirmEventsTheWorkReportsAndTheTraining() throws {
        let dir = Paths.demo("rongchang-district"), out = Paths.temporaryFolder("rongchang")
        defer { try? FileManager.default.removeItem(at: out) }
        XCTAssertEqual(try runCommand(["assign", dir.path, "--out", out.path, "--quiet"]).status, 0)
        let s = try runCommand([
            "schedule", dir.path, "--assignment", out.appendingPathComponent("assignment.csv").path, "--out", out.path,
        ])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertTrue(s.stdout.contains("firm_village_event") && s.stdout.contains("work_report"), s.stdout)
        let plan = try csv(out.appendingPathComponent("assignment.csv"))
        let villagesOf = Dictionary(grouping: plan.filter { !$0[4].isEmpty }, by: { $0[4] }).mapValues {
            Set($0.map { $0[0] })
        }
        let advisers = try csv(dir.appendingPathComponent("advisers.csv"))
        let firmOf = Dictionary(uniqueKeysWithValues: advisers.map { ($0[0], $0[3]) })
        let roster = try csv(out.appendingPathComponent("roster.csv"))
        // Every firm of the plan: one event in the year, in a village one of its advisers serves, on site.
        let events = roster.filter { $0[6] == "firm_event" }
        let firms = Set(villagesOf.keys.map { firmOf[$0]! })
        XCTAssertEqual(Set(events.map { firmOf[$0[3]]! }), firms)
        XCTAssertEqual(events.count, firms.count)
        for e in events {
            XCTAssertTrue(villagesOf[e[3]]?.contains(e[4]) ?? false, "\(e): in one of the organiser's villages")
            XCTAssertEqual(e[5], "onsite")
            XCTAssertEqual(minutes(e[2]) - minutes(e[1]), 180, "3 hours (the profile's hours)")
        }
        // Every adviser of the plan: one report, in no village, off site; the district's training day.
        let reports = roster.filter { $0[6] == "report" }
        XCTAssertEqual(reports.map { $0[3] }.sorted(), villagesOf.keys.sorted())
        XCTAssertTrue(
            reports.allSatisfy { $0[4].isEmpty && $0[5] == "offsite" && Day($0[0])! >= Day("2026-07-01")! },
            "\(reports)")
        let training = roster.filter { $0[6] == "adviser_training" }
        XCTAssertEqual(training.map { $0[3] }.sorted(), villagesOf.keys.sorted())
        XCTAssertTrue(training.allSatisfy { $0[0] == "2026-03-19" })
        XCTAssertFalse(
            roster.contains { $0[0] == "2026-03-19" && $0[6] != "adviser_training" },
            "the training day is off the roster")
        // duties.csv says each is planned, and check agrees from the roster.
        let duties = try csv(out.appendingPathComponent("duties.csv"))
        XCTAssertEqual(duties.count, firms.count + 2 * villagesOf.count)
        XCTAssertTrue(duties.allSatisfy { $0[6] == "yes" }, "\(duties.filter { $0[6] != "yes" })")
        let check = try runCommand(["check", dir.path, "--roster", out.appendingPathComponent("roster.csv").path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("duties of advisers and firms: \(duties.count) checks"), check.stdout)
        // Without the reports the same roster falls short by one duty per adviser.
        let without = out.appendingPathComponent("without-reports.csv")
        let text = try String(contentsOf: out.appendingPathComponent("roster.csv"), encoding: .utf8)
        try (text.split(separator: "\n").filter { !$0.contains(",report,") }.joined(separator: "\n") + "\n").write(
            to: without, atomically: true, encoding: .utf8)
        let short = try runCommand(["check", dir.path, "--roster", without.path])
        XCTAssertEqual(short.status, 3, short.stdout)
        XCTAssertTrue(short.stdout.contains("duty of an adviser or firm not done (duty)"), short.stdout)
        XCTAssertEqual(
            short.stdout.components(separatedBy: "the duty 'work_report' asks for at least 1 report (提交工作信息或典型案例)")
                .count - 1,
            villagesOf.count, short.stdout)
        XCTAssertFalse(short.stdout.contains("'firm_village_event' asks"), short.stdout)
    }

    private func minutes(_ t: String) -> Int {
        let p = t.split(separator: ":")
        return Int(p[0])! * 60 + Int(p[1])!
    }

    // MARK: The month's books

    func testCheckMonthListsPerTownshipTheVillagesWhoseBookDidNotComeIn() throws {
        let dir = Paths.demo("jiaocheng-county"), out = Paths.temporaryFolder("month")
        defer { try? FileManager.default.removeItem(at: out) }
        for args in [
            ["assign", dir.path, "--out", out.path, "--quiet"],
            [
                "schedule", dir.path, "--assignment", out.appendingPathComponent("assignment.csv").path, "--out",
                out.path, "--quiet",
            ],
            ["publish", dir.path, "--out", out.path, "--quiet"],
        ] {
            XCTAssertEqual(try runCommand(args).status, 0, args[0])
        }
        // The township office got the books of every village but those of 西营镇 and one of 天宁镇;
        // the books that came in were filled in for January (the month's training).
        let books = out.appendingPathComponent("ledgers"), received = out.appendingPathComponent("received")
        try FileManager.default.createDirectory(at: received, withIntermediateDirectories: true)
        let villages = try csv(dir.appendingPathComponent("villages.csv"))
        let township = Dictionary(uniqueKeysWithValues: villages.map { ($0[0], $0[3]) })
        let tianning = villages.filter { $0[3] == "天宁镇" }.map { $0[0] }.sorted()
        let notIn = Set(villages.filter { $0[3] == "西营镇" }.map { $0[0] } + [tianning[0]])
        for v in villages.map({ $0[0] }) where !notIn.contains(v) {
            let table = try CSVTable(contentsOf: books.appendingPathComponent("\(v).csv"), file: v)
            let h = table.header.map(\.text)
            var lines = [h.joined(separator: ",")]
            for r in table.records {
                var f = r.fields.map(\.text)
                for (name, value) in [
                    ("person_served", "村“两委”干部"), ("contact_phone", "13900000000"), ("matter", "法治培训"),
                    ("content", "民法典培训"), ("result", "已完成"), ("place", "村委会"), ("attendees", "12人"),
                    ("photo", "IMG_1.jpg"),
                ] {
                    if let i = h.firstIndex(of: name) { f[i] = value }
                }
                lines.append(f.map(csvField).joined(separator: ","))
            }
            try (lines.joined(separator: "\n") + "\n").write(
                to: received.appendingPathComponent("\(v).csv"), atomically: true, encoding: .utf8)
        }
        let r = try runCommand([
            "check", dir.path, "--ledger", received.path, "--month", "2026-01",
            "--assignment", out.appendingPathComponent("assignment.csv").path,
        ])
        XCTAssertEqual(r.status, 3, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("2026-01 to 2026-01"), r.stdout)
        XCTAssertTrue(
            r.stdout.contains(
                "Books for January 2026 per township (\(villages.count - notIn.count) of \(villages.count) came in"),
            r.stdout)
        XCTAssertTrue(r.stdout.contains("每月月末将纸质版交辖区司法所审核"), r.stdout)
        XCTAssertTrue(r.stdout.contains("monthly book not in (missing_submission)"), r.stdout)
        XCTAssertEqual(
            r.stdout.components(separatedBy: "did not come in — no book of the village among those given").count - 1,
            notIn.count, r.stdout)
        let table = r.stdout.split(separator: "\n").map(String.init)
        let xiying = try XCTUnwrap(table.first { $0.hasPrefix("西营镇") })
        let count = villages.filter { $0[3] == "西营镇" }.count
        XCTAssertTrue(xiying.contains("  \(count)  ") || xiying.contains(" \(count) "), xiying)
        for v in notIn {
            XCTAssertTrue(r.stdout.contains("(\(v)) (\(township[v]!))") || r.stdout.contains("(\(v))"), v)
        }
        XCTAssertFalse(r.stdout.contains("duty"), "one month audits no yearly duty")
        // --month with --from is a usage error.
        XCTAssertEqual(
            try runCommand(["check", dir.path, "--ledger", received.path, "--month", "2026-01", "--from", "2026-01"])
                .status, 2)
    }
}
