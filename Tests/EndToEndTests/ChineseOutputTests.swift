import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// `--lang zh` (or a Chinese locale) gives Chinese everywhere a user reads: the printed summary,
/// the diagnosis and explanations in summary.json, every error of the malformed-input fixtures,
/// check's findings and `--help`. "Chinese" is checked by ``EnglishRuns``: no run of three or more
/// English words outside ids, file names, option and key names.
final class ChineseOutputTests: XCTestCase {
    private static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent("zh")

    /// Fails with every English sentence left in `text`.
    private func assertChinese(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let runs = EnglishRuns.find(text)
        XCTAssertEqual(runs, [], "\(what) has English sentences:\n\(text)", file: file, line: line)
        XCTAssertTrue(
            text.isEmpty || text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) },
            "\(what) has no Chinese: \(text)",
            file: file, line: line)
    }

    /// The texts of summary.json a user reads: diagnosis, explanations, the reasons of uncovered
    /// villages and of blocking pairs (keys and enum values stay English: they are the contract).
    private func summaryTexts(_ url: URL) throws -> [String] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var texts: [String] = []
        texts += (object["diagnosis"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        texts += object["explanations"] as? [String] ?? []
        texts += (object["uncovered_villages"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        for pair in object["blocking_pair_list"] as? [[String: Any]] ?? [] {
            texts += ["village_reason", "adviser_reason"].compactMap { pair[$0] as? String }
        }
        return texts
    }

    /// Every demo, as given and with a shortfall forced (a tight radius and cap) so that the
    /// summary explains it and the diagnosis re-solves what-ifs: the printed summary, the
    /// warnings and every text of summary.json are Chinese, its keys and enum values English.
    func testEveryDemoSpeaksChinese() throws {
        var diagnosed = 0
        for demo in PackageRoot.demos {
            for variant in [[String](), ["--set", "max_km=6", "--set", "rules.cap=3"]] {
                let out = Paths.temporaryFolder("zh")
                let r = try runCommand(["assign", Paths.demo(demo).path, "--out", out.path, "--lang", "zh"] + variant)
                XCTAssertEqual(r.status, 0, "\(demo) \(variant): \(r.stderr)")
                assertChinese(r.stdout, "\(demo) \(variant): the summary")
                if !r.stderr.isEmpty { assertChinese(r.stderr, "\(demo) \(variant): the warnings") }
                let summary = out.appendingPathComponent("summary.json")
                let texts = try summaryTexts(summary)
                for t in texts { assertChinese(t, "\(demo) \(variant): summary.json") }
                let object = try XCTUnwrap(
                    JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any])
                XCTAssertTrue(
                    ["optimal", "feasible", "time_limit"].contains(object["status"] as? String ?? ""),
                    "\(demo): status stays an enum value")
                for d in object["diagnosis"] as? [[String: Any]] ?? [] {
                    XCTAssertTrue(
                        ["cap", "support", "conflict_cluster", "needs", "stability"].contains(
                            d["kind"] as? String ?? ""), "\(demo): \(d)")
                }
                diagnosed += (object["diagnosis"] as? [Any])?.count ?? 0
            }
        }
        XCTAssertGreaterThan(diagnosed, 0, "no demo variant had a diagnosis to check")
    }

    /// The same fixtures MalformedInputTests mutates: every error, in Chinese, still located
    /// (file:line) and counted.
    func testMalformedInputErrorsAreChinese() throws {
        var invalid = 0
        for fixture in try MalformedFixtures.make() {
            let out = Paths.temporaryFolder("out")
            let r = try runCommand(["assign", fixture.folder.path, "--out", out.path, "--lang", "zh"])
            XCTAssertTrue([0, 1].contains(r.status), "round \(fixture.round): \(r.status)\n\(r.stderr)")
            if r.status == 1 {
                invalid += 1
                XCTAssertTrue(r.stderr.contains("个问题"), "round \(fixture.round): \(r.stderr)")
                XCTAssertTrue(
                    r.stderr.contains(fixture.folder.path + "/"),
                    "round \(fixture.round): errors are located: \(r.stderr)")
            }
            assertChinese(r.stderr, "round \(fixture.round) (\(fixture.file))")
            if r.status == 0 { assertChinese(r.stdout, "round \(fixture.round) (\(fixture.file)): the summary") }
        }
        XCTAssertGreaterThan(invalid, 5)
    }

    /// A scenario's errors of every kind the loader reports in one run, in Chinese with their
    /// file:line:column, and the same errors in English with `--lang en` under a Chinese locale.
    func testValidationErrorsInBothLanguages() throws {
        let copy = try copyScenario(Paths.demo("nanning-wuming"))
        let villages = copy.appendingPathComponent("villages.csv")
        var lines = try String(contentsOf: villages, encoding: .utf8).components(separatedBy: "\n")
        lines[1] = "V00001,洞庄村,hamlet,城厢镇,450110,abc,108.31069,contract,"  // a bad kind and a bad latitude
        lines.insert("V00002,重复村,village,城厢镇,999999,23.1,108.2,,", at: 2)  // an id twice, an unknown county
        lines.insert("V_BAD,坏村", at: 3)  // too few fields
        try lines.joined(separator: "\n").write(to: villages, atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x00]).write(to: copy.appendingPathComponent("conflicts.csv"))
        let zh = try runCommand(["validate", copy.path], environment: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(zh.status, 1, zh.stderr)
        assertChinese(zh.stderr, "validate under LANG=zh_CN")
        XCTAssertTrue(zh.stderr.contains("villages.csv:"), zh.stderr)
        XCTAssertTrue(zh.stderr.contains("conflicts.csv:"), zh.stderr)
        let en = try runCommand(["validate", copy.path, "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(en.status, 1)
        XCTAssertTrue(en.stderr.contains("problems found in"), en.stderr)
        XCTAssertEqual(
            en.stderr.components(separatedBy: "\n").count, zh.stderr.components(separatedBy: "\n").count,
            "the same problems in both languages")
    }

    /// check's report and findings on a roster that breaks rules, in Chinese with Chinese months.
    func testCheckFindingsAreChinese() throws {
        let demo = Paths.demo("rongchang-district")
        let out = Paths.temporaryFolder("zh-check")
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", out.path]).status, 0)
        let sched = out.appendingPathComponent("schedule")
        let s = try runCommand([
            "schedule", demo.path, "--assignment", out.appendingPathComponent("assignment.csv").path,
            "--out", sched.path, "--lang", "zh",
        ])
        XCTAssertEqual(s.status, 0, s.stderr)
        assertChinese(s.stdout, "schedule's summary")
        // Drop every second session of the roster: shortfalls appear.
        let roster = sched.appendingPathComponent("roster.csv")
        let rows = try String(contentsOf: roster, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let thinned = sched.appendingPathComponent("thinned.csv")
        try
            (rows.enumerated().filter { $0.offset == 0 || $0.offset % 2 == 1 }.map { String($0.element) }.joined(
                separator: "\n"))
            .write(to: thinned, atomically: true, encoding: .utf8)
        let c = try runCommand(["check", demo.path, "--roster", thinned.path, "--lang", "zh"])
        XCTAssertEqual(c.status, 3, c.stderr)
        // The rule profile's sources are shown too, in Chinese (source_zh: the seed's words and
        // the profile author's note in Chinese), with nothing taken out before the check.
        assertChinese(c.stdout, "check's report")
        XCTAssertTrue(c.stdout.contains("000 §"), "the report cites the profile's sources: \(c.stdout.prefix(400))")
        assertChinese(c.stderr, "check's verdict")
        XCTAssertTrue(c.stdout.contains("2026年"), "months the Chinese way: \(c.stdout.prefix(400))")
        XCTAssertTrue(c.stdout.contains("不达标"), c.stdout.prefix(400).description)
    }

    /// Foundation's file errors (a roster that does not exist) are said in Chinese; English
    /// keeps Foundation's words as before.
    func testFileErrorsAreChinese() throws {
        let missing = Paths.temporaryFolder("zh-missing").appendingPathComponent("roster.csv").path
        let zh = try runCommand(["check", Paths.demo("rongchang-district").path, "--roster", missing, "--lang", "zh"])
        XCTAssertEqual(zh.status, 1, zh.stderr)
        XCTAssertTrue(zh.stderr.contains("文件或文件夹不存在"), zh.stderr)
        assertChinese(zh.stderr, "a missing roster")
        let en = try runCommand(["check", Paths.demo("rongchang-district").path, "--roster", missing])
        XCTAssertEqual(en.status, 1, en.stderr)
        XCTAssertTrue(en.stderr.contains("cannot read the file: "), en.stderr)
        XCTAssertFalse(en.stderr.contains("文件"), en.stderr)
    }

    /// `--help` of every command in Chinese: the abstract, the discussion, every option's help
    /// and ArgumentParser's own words (OVERVIEW, USAGE, OPTIONS, "Show help information.",
    /// "(default: …)"), with nothing masked but the lists of an option's values.
    func testHelpIsChinese() throws {
        for command in [
            "init", "validate", "assign", "rebalance", "schedule", "check", "callbacks", "assess", "publish", "report",
            "compare",
        ] {
            let r = try runCommand([command, "--help", "--lang", "zh"])
            XCTAssertEqual(r.status, 0, command)
            // An option's values (table, markdown, csv, json) are names, as in the usage line.
            assertChinese(Golden.masking(r.stdout, #"\(可选值：[^)]*\)"#, with: ""), "\(command) --help")
            for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "Show help information.", "(default: ", "(values: "] {
                XCTAssertFalse(r.stdout.contains(english), "\(command) --help keeps '\(english)'")
            }
            XCTAssertTrue(r.stdout.contains("用法：village-counsel \(command)"), r.stdout)
            XCTAssertTrue(r.stdout.contains("--lang"), "\(command) takes --lang")
            // English help keeps ArgumentParser's words as they were.
            let en = try runCommand([command, "--help", "--lang", "en"])
            XCTAssertTrue(
                en.stdout.hasPrefix("OVERVIEW: ") && en.stdout.contains("\nUSAGE: village-counsel \(command)")
                    && en.stdout.contains("Show help information."), en.stdout)
        }
        // The root help: under a Chinese locale, and with --lang zh and no subcommand (which the
        // root command would otherwise refuse as an unknown option).
        for (arguments, environment) in [
            (["--help"], ["LC_ALL": "zh_CN.UTF-8"]), (["--lang", "zh"], [:]), (["--lang=zh", "--help"], [:]),
            ([], ["LANG": "zh_CN.UTF-8"]),
        ] {
            let root = try runCommand(arguments, environment: environment)
            XCTAssertEqual(root.status, 0, "\(arguments): \(root.stderr)")
            XCTAssertTrue(root.stdout.contains("一村（社区）一法律顾问"), root.stdout)
            XCTAssertTrue(root.stdout.contains("子命令："), root.stdout)
            assertChinese(root.stdout, "the root help for \(arguments)")
        }
        let en = try runCommand(["--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(en.status, 0, en.stderr)
        XCTAssertTrue(en.stdout.hasPrefix("OVERVIEW: Plans legal advisers"), en.stdout)
        XCTAssertTrue(en.stdout.contains("See 'village-counsel help <subcommand>' for detailed help."), en.stdout)
        // --lang before the subcommand is the subcommand's: the messages and, for assign, the CSV headers.
        let out = Paths.temporaryFolder("zh-before")
        let before = try runCommand(["--lang", "zh", "assign", Paths.demo("nanning-wuming").path, "--out", out.path])
        XCTAssertEqual(before.status, 0, before.stderr)
        assertChinese(before.stdout, "assign with --lang before it")
        let header = try String(contentsOf: out.appendingPathComponent("assignment.csv"), encoding: .utf8).split(
            separator: "\n")[0]
        XCTAssertTrue(header.hasPrefix(CSVHeaders.assignment.columns[0].chinese), String(header))
        let refused = try runCommand(["--lang", "zh", "validate", out.appendingPathComponent("none").path])
        XCTAssertEqual(refused.status, 1)
        assertChinese(refused.stderr, "validate with --lang before it")
    }

    /// `--lang zh` writes Chinese CSV headers as before; a Chinese locale alone changes the
    /// messages but keeps the headers English (scripts read them).
    func testCSVHeadersFollowOnlyTheOption() throws {
        let demo = Paths.demo("nanning-wuming")
        let zh = Paths.temporaryFolder("zh-headers"), env = Paths.temporaryFolder("env-headers")
        XCTAssertEqual(try runCommand(["assign", demo.path, "--out", zh.path, "--lang", "zh"]).status, 0)
        let r = try runCommand(["assign", demo.path, "--out", env.path], environment: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(r.status, 0)
        assertChinese(r.stdout, "the summary under LANG=zh_CN")
        let zhHeader = try String(contentsOf: zh.appendingPathComponent("assignment.csv"), encoding: .utf8).split(
            separator: "\n")[0]
        let envHeader = try String(contentsOf: env.appendingPathComponent("assignment.csv"), encoding: .utf8).split(
            separator: "\n")[0]
        let n = zhHeader.split(separator: ",").count
        XCTAssertGreaterThan(n, 10)
        XCTAssertEqual(String(zhHeader), CSVHeaders.assignment.columns.prefix(n).map(\.chinese).joined(separator: ","))
        XCTAssertEqual(String(envHeader), CSVHeaders.assignment.columns.prefix(n).map(\.english).joined(separator: ","))
    }

    /// Golden Chinese summaries of two demos: Nanning as given, and the under-resourced
    /// Guangdong county with its caps at 5, whose diagnosis names the cap that covers every
    /// village (欠发达地区服务上限由5个提高到7个).
    func testChineseSummaryGoldens() throws {
        for (demo, extra, name) in [
            ("nanning-wuming", [String](), "nanning-wuming.txt"),
            (
                "guangdong-under-resourced", ["--set", "rules.cap=5", "--set", "rules.under_resourced_cap=5"],
                "guangdong-under-resourced-cap5.txt"
            ),
        ] {
            let out = Paths.temporaryFolder("zh-golden")
            let r = try runCommand(["assign", Paths.demo(demo).path, "--out", out.path, "--lang", "zh"] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            var text = r.stdout.replacingOccurrences(of: out.path, with: "OUT")
            text = Golden.masking(text, #"用时[0-9]+\.[0-9]+秒"#, with: "用时S秒")
            try Golden.assert(text, matches: Self.golden.appendingPathComponent(name))
            let summary = Golden.masking(
                try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8),
                #""seconds" : [0-9.e+-]+"#, with: #""seconds" : 0"#)
            let dir = Paths.demo(demo).path
            try Golden.assert(
                summary.replacingOccurrences(of: dir, with: "DATA/\(demo)"),
                matches: Self.golden.appendingPathComponent(
                    name.replacingOccurrences(of: ".txt", with: ".summary.json")))
        }
    }
}

/// The commands after assign, in Chinese on one demo: rebalance, schedule, publish, callbacks
/// (its refusal on blank books), assess, compare, report, init and validate.
final class ChineseCommandsTests: XCTestCase {
    private func assertChinese(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(EnglishRuns.find(text), [], "\(what) has English sentences:\n\(text)", file: file, line: line)
    }

    func testEveryCommandSpeaksChinese() throws {
        let demo = Paths.demo("rongchang-district")
        let out = Paths.temporaryFolder("zh-all")
        func run(_ arguments: [String], status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws
            -> CommandResult
        {
            let r = try runCommand(arguments + ["--lang", "zh"])
            XCTAssertEqual(r.status, status, "\(arguments[0]): \(r.stderr)", file: file, line: line)
            assertChinese(r.stdout + "\n" + r.stderr, arguments[0], file: file, line: line)
            return r
        }
        _ = try run(["assign", demo.path, "--out", out.path])
        _ = try run([
            "schedule", demo.path, "--assignment", out.appendingPathComponent("assignment.csv").path, "--out", out.path,
        ])
        _ = try run(["publish", demo.path, "--out", out.path])
        let ledgers = out.appendingPathComponent("ledgers").path
        let refused = try run(
            [
                "callbacks", demo.path, "--ledger", ledgers, "--sample", "5", "--seed", "1", "--out",
                out.appendingPathComponent("cb").path,
            ], status: 1)
        XCTAssertTrue(refused.stderr.contains("2026年1月"), refused.stderr)
        let assessed = try run([
            "assess", demo.path, "--ledger", ledgers, "--period", "2026-H1", "--out",
            out.appendingPathComponent("as").path,
        ])
        XCTAssertTrue(assessed.stdout.contains("2026年上半年考核"), assessed.stdout)
        let rb = out.appendingPathComponent("rb")
        let rebalanced = try run([
            "rebalance", demo.path, "--previous", out.appendingPathComponent("assignment.csv").path, "--out", rb.path,
            "--set", "rules.cap=3",
        ])
        XCTAssertTrue(rebalanced.stdout.contains("与上一方案相比"), rebalanced.stdout)
        // changes.csv's reasons follow the language; with --lang zh its header is Chinese as before.
        let changes = try String(contentsOf: rb.appendingPathComponent("changes.csv"), encoding: .utf8)
        XCTAssertTrue(changes.hasPrefix(CSVHeaders.changes.columns[0].chinese + ","), changes.prefix(80).description)
        assertChinese(changes.components(separatedBy: "\n").dropFirst().joined(separator: "\n"), "changes.csv")
        _ = try run(["compare", out.path, rb.path])
        _ = try run(["report", out.path])
        _ = try run(["validate", demo.path])
        _ = try run(["init", Paths.temporaryFolder("zh-init").appendingPathComponent("new").path, "--rules", "nanning"])
        // A usage error: ours in Chinese, ArgumentParser's usage line kept apart by its heading.
        let usage = try runCommand(["check", demo.path, "--month", "2026-13", "--lang", "zh"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderr.contains("应为月份"), usage.stderr)
        assertChinese(
            usage.stderr.components(separatedBy: "\n").filter { !$0.hasPrefix("用法：") }.joined(separator: "\n"),
            "a usage error")
    }
}
