import CounselModel
import CounselTestSupport
import Foundation
import XCTest

/// `assign`, `schedule` and `report` on the Nanning demo, as a user runs them; then the page is
/// rendered with headless Chromium (skipped when Chromium is not installed).
final class ReportCommandTests: XCTestCase {
    /// One planned and scheduled folder for all the tests of this class (the schedule takes seconds).
    nonisolated(unsafe) private static var shared: URL?
    private static let lock = NSLock()

    private static let charts = [
        "每名顾问联系的村（社区）数",  // load per adviser
        "村（社区）对所配顾问的排序",  // village ranks
        "顾问对所配村（社区）的排序",  // adviser ranks
        "顾问驻地到村（社区）的距离",  // distances
        "每村（社区）每月到村服务小时",  // monthly on-site hours
        "村（社区）与顾问驻地分布",  // the map
    ]

    override class func tearDown() {
        lock.lock()
        defer { lock.unlock() }
        if let out = shared { try? FileManager.default.removeItem(at: out) }
        shared = nil
        super.tearDown()
    }

    /// OUT with assignment.csv, summary.json, roster.csv, compliance.csv (and the report, once made).
    private func plannedAndScheduled() throws -> URL {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let out = Self.shared { return out }
        let out = Paths.temporaryFolder("report")
        let demo = Paths.demo("nanning-wuming").path
        let a = try runCommand(["assign", demo, "--out", out.path])
        XCTAssertEqual(a.status, 0, a.stderr)
        let s = try runCommand([
            "schedule", demo, "--assignment", out.appendingPathComponent("assignment.csv").path, "--out", out.path,
        ])
        XCTAssertEqual(s.status, 0, s.stderr)
        Self.shared = out
        return out
    }

    private func report(_ out: URL, _ extra: [String] = []) throws -> String {
        let r = try runCommand(["report", out.path] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("report.html"), r.stdout)
        return try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
    }

    private func phoneNumbers() throws -> [String] {
        let table = try CSVTable(
            contentsOf: Paths.demo("nanning-wuming").appendingPathComponent("advisers.csv"), file: "advisers.csv")
        let column = try XCTUnwrap(table.header.firstIndex { $0.text == "phone" })
        return table.records.map { $0.fields[column].text }.filter { !$0.isEmpty }
    }

    func testReportIsSelfContainedPrivateAndDeterministic() throws {
        let out = try plannedAndScheduled()
        let html = try report(out)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"))
        // Nothing fetched from anywhere: no URL, no external stylesheet, script, font or image.
        for external in [
            "http://", "https://", "src=", "href=", "<link", "@import", "url(", "<script", "<img", "<iframe",
        ] {
            XCTAssertFalse(html.contains(external), "report.html refers to something outside itself: \(external)")
        }
        // No phone number of any adviser.
        let phones = try phoneNumbers()
        XCTAssertEqual(phones.count, 48)
        for phone in phones { XCTAssertFalse(html.contains(phone), "phone number \(phone) in report.html") }
        // One inline <svg> per chart.
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, Self.charts.count)
        for label in Self.charts { XCTAssertTrue(html.contains("aria-label=\"\(label)"), "no chart '\(label)'") }
        // The content: summary, diagnosis, counties, compliance.
        XCTAssertTrue(html.contains("200 / 200"))
        XCTAssertTrue(html.contains("最优 optimal"))
        XCTAssertTrue(html.contains("全部 200 个村（社区）均已配备法律顾问"))
        XCTAssertTrue(html.contains("<td class=\"nw\">450110</td><td>武鸣区</td><td class=\"nw\">南宁市</td>"))
        XCTAssertTrue(html.contains("<code>monthly_onsite_hours</code>"))
        XCTAssertTrue(html.contains("要求 到村服务 ≥ 5 h/月"))
        XCTAssertFalse(html.contains("未运行排期"))
        // Byte-identical on a second run (another process, so another hash seed).
        let first = try Data(contentsOf: out.appendingPathComponent("report.html"))
        _ = try report(out)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("report.html")), first)
        // Written atomically: no temporary file is left beside it.
        XCTAssertFalse(
            try FileManager.default.contentsOfDirectory(atPath: out.path).contains { $0.hasPrefix(".report.html") })
    }

    func testWithoutScheduleThePageSaysSoAndScenarioCanBeGiven() throws {
        let out = Paths.temporaryFolder("report-plain")
        defer { try? FileManager.default.removeItem(at: out) }
        let a = try runCommand(["assign", Paths.demo("nanning-wuming").path, "--out", out.path])
        XCTAssertEqual(a.status, 0, a.stderr)
        let html = try report(out, ["--scenario", Paths.demo("nanning-wuming").path])
        XCTAssertTrue(html.contains("未运行排期"))
        XCTAssertTrue(html.contains("`schedule` was not run"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, Self.charts.count - 1)
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
    }

    func testScheduleInASubfolderIsFound() throws {
        let source = try plannedAndScheduled()
        let out = Paths.temporaryFolder("report-sub")
        defer { try? FileManager.default.removeItem(at: out) }
        for name in ["summary.json", "assignment.csv"] {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: out.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("schedule"), withIntermediateDirectories: true)
        for name in ["roster.csv", "compliance.csv", "shortfalls.csv"] {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: out.appendingPathComponent("schedule/" + name))
        }
        let html = try report(out)
        XCTAssertTrue(html.contains("schedule/roster.csv"))
        XCTAssertTrue(html.contains("每村（社区）每月到村服务小时"))
    }

    func testChineseHeadersAndExcelMarkGiveTheSameReport() throws {
        let english = try plannedAndScheduled()
        let englishHTML = try report(english)
        let out = Paths.temporaryFolder("report-zh")
        defer { try? FileManager.default.removeItem(at: out) }
        let demo = Paths.demo("nanning-wuming").path
        let a = try runCommand(["assign", demo, "--out", out.path, "--lang", "zh", "--excel", "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let s = try runCommand([
            "schedule", demo, "--assignment", out.appendingPathComponent("assignment.csv").path, "--out", out.path,
            "--lang", "zh", "--excel", "--quiet",
        ])
        XCTAssertEqual(s.status, 0, s.stderr)
        XCTAssertEqual(try report(out), englishHTML)
    }

    func testMissingInputsAreInputErrors() throws {
        let empty = Paths.temporaryFolder("report-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = try runCommand(["report", empty.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("summary.json"), r.stderr)
        XCTAssertTrue(r.stderr.contains("village-counsel assign"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: empty.appendingPathComponent("report.html").path))

        let source = try plannedAndScheduled()
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("summary.json"), to: empty.appendingPathComponent("summary.json"))
        let noScenario = try runCommand([
            "report", empty.path, "--scenario", empty.appendingPathComponent("nowhere").path,
        ])
        XCTAssertEqual(noScenario.status, 1)
        XCTAssertTrue(noScenario.stderr.contains("does not exist"), noScenario.stderr)
        let noAssignment = try runCommand(["report", empty.path])
        XCTAssertEqual(noAssignment.status, 1)
        XCTAssertTrue(noAssignment.stderr.contains("assignment.csv"), noAssignment.stderr)
        XCTAssertEqual(try runCommand(["report"]).status, 2)
    }

    // MARK: Rendering

    /// `chromium` or `chromium-browser` on PATH.
    private func chromium() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        throw XCTSkip(
            "Chromium is not installed (neither `chromium` nor `chromium-browser` is on PATH); "
                + "install it (Debian: apt-get install chromium, or `make deps`) to render report.html")
    }

    /// Renders `page` to `png` in a 1280×2000 window; fails after two minutes.
    private func screenshot(_ page: URL, to png: URL, browser: URL) throws {
        let process = Process()
        process.executableURL = browser
        let profile = Paths.temporaryFolder("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000",
            "--user-data-dir=\(profile.path)", "--screenshot=\(png.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("Chromium did not finish within 120 s")
        }
    }

    struct NotAPNG: Error {}

    /// Width and height from a PNG's IHDR chunk (bytes 16…23, big-endian), after checking the signature.
    private func pngSize(_ data: Data) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR"
        else {
            throw NotAPNG()
        }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    func testRendersWithHeadlessChromium() throws {
        let browser = try chromium()
        let out = try plannedAndScheduled()
        _ = try report(out)
        let folder = Paths.temporaryFolder("render")
        defer { try? FileManager.default.removeItem(at: folder) }
        let blankPage = folder.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>\n"
            .write(to: blankPage, atomically: true, encoding: .utf8)
        let reportPNG = folder.appendingPathComponent("report.png"),
            blankPNG = folder.appendingPathComponent("blank.png")
        try screenshot(out.appendingPathComponent("report.html"), to: reportPNG, browser: browser)
        try screenshot(blankPage, to: blankPNG, browser: browser)
        let report = try Data(contentsOf: reportPNG), blank = try Data(contentsOf: blankPNG)
        let size = try pngSize(report)
        XCTAssertEqual(size.width, 1280)
        XCTAssertEqual(size.height, 2000)
        XCTAssertEqual(try pngSize(blank).width, 1280)
        // A blank page compresses to a few kilobytes; text, tables and charts to far more.
        XCTAssertGreaterThan(
            report.count, 5 * blank.count,
            "report.png (\(report.count) bytes) is not much larger than a blank page (\(blank.count) bytes)")
    }
}
