import CounselModel
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13, item 2: each command's outputs are one set. A failure half-way (a file in the way, a
/// write the kernel refuses, `kill -9` while writing) leaves the old set intact, and what a dead
/// run left behind is cleaned up by the next run.
final class OutputSetCommandTests: XCTestCase {
    /// Every file under `folder` (relative path → bytes), hidden ones included.
    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return [:]
        }
        for case let url as URL in e where try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory != true {
            result[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }

    private func hidden(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.sorted()
    }

    /// A summary.json that is a folder: assign cannot replace it, so it writes nothing — before,
    /// assignment.csv was already replaced by then and the old summary stood beside a new plan.
    func testAssignWithAFolderInTheWayWritesNothing() throws {
        let demo = Paths.demo("nanning-wuming").path
        let out = Paths.temporaryFolder("set-assign")
        XCTAssertEqual(try runCommand(["assign", demo, "--out", out.path, "--quiet", "--xlsx"]).status, 0)
        try FileManager.default.removeItem(at: out.appendingPathComponent("summary.json"))
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("summary.json/inside"), withIntermediateDirectories: true)
        let old = try snapshot(out)
        let r = try runCommand(["assign", demo, "--out", out.path, "--set", "rules.cap=4"])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(
            r.stderr.contains("summary.json is a folder; the output file summary.json cannot replace it"), r.stderr)
        XCTAssertEqual(try snapshot(out), old, "the old plan.xlsx, assignment.csv and everything else are as they were")
        XCTAssertEqual(try hidden(out), [])
    }

    /// A write the kernel refuses half-way (the file-size limit, with SIGXFSZ ignored, fails the
    /// write with EFBIG as a full disk fails it with ENOSPC): the old roster, compliance, shortfalls
    /// and calendars are intact and no temporary is left.
    func testScheduleRefusedAWriteKeepsTheOldSet() throws {
        let demo = Paths.demo("nanning-wuming").path
        let out = Paths.temporaryFolder("set-schedule")
        XCTAssertEqual(try runCommand(["assign", demo, "--out", out.path, "--quiet"]).status, 0)
        let plan = out.appendingPathComponent("assignment.csv").path
        let months = ["--from", "2026-01", "--to", "2026-03"]
        XCTAssertEqual(
            try runCommand(["schedule", demo, "--assignment", plan, "--out", out.path, "--quiet"] + months).status, 0)
        let old = try snapshot(out)
        let command =
            ([
                Paths.binary.path, "schedule", demo, "--assignment", plan, "--out", out.path, "--from", "2026-01",
                "--to", "2026-12",
            ])
            .map { "'\($0)'" }.joined(separator: " ")
        let r = try runCommand(
            ["-c", "trap '' XFSZ; ulimit -f 64; exec \(command)"], executable: URL(fileURLWithPath: "/bin/bash"))
        XCTAssertEqual(r.status, 4, r.stdout + r.stderr)
        XCTAssertTrue(
            r.stderr.contains("cannot write the results to \(out.path)")
                && r.stderr.contains("roster.csv: File too large"), r.stderr)
        XCTAssertEqual(try snapshot(out), old)
        XCTAssertEqual(try hidden(out), [])

        // A file where the ics/ folder goes: refused before anything changes.
        try FileManager.default.removeItem(at: out.appendingPathComponent("ics"))
        try Data("a file".utf8).write(to: out.appendingPathComponent("ics"))
        let old2 = try snapshot(out)
        let r2 = try runCommand([
            "schedule", demo, "--assignment", plan, "--out", out.path, "--from", "2026-01", "--to", "2026-12",
        ])
        XCTAssertEqual(r2.status, 4, r2.stderr)
        XCTAssertTrue(r2.stderr.contains("ics is a file; the output folder ics/ cannot replace it"), r2.stderr)
        XCTAssertEqual(try snapshot(out), old2)
        XCTAssertEqual(try hidden(out), [])
    }

    /// An output folder the user may not write: nothing is written, nothing changes.
    func testAReadOnlyOutputFolderChangesNothing() throws {
        try XCTSkipIf(getuid() == 0, "as root every folder is writable; the other tests here fail writes in other ways")
        let demo = Paths.demo("nanning-wuming").path
        let out = Paths.temporaryFolder("set-readonly")
        XCTAssertEqual(try runCommand(["assign", demo, "--out", out.path, "--quiet"]).status, 0)
        let old = try snapshot(out)
        chmod(out.path, 0o555)
        defer { chmod(out.path, 0o755) }
        let r = try runCommand(["assign", demo, "--out", out.path, "--set", "rules.cap=4"])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertEqual(try snapshot(out), old)
    }

    /// A scenario of `count` villages (the demo's advisers), an all-uncovered plan and an empty
    /// roster: publish then writes 2 × count files, long enough to be killed while writing.
    private func largePublishInput(count: Int) throws -> (scenario: URL, out: URL) {
        let scenario = try copyScenario(Paths.demo("nanning-wuming"))
        for file in ["preferences.csv", "conflicts.csv"] {
            try FileManager.default.removeItem(at: scenario.appendingPathComponent(file))
        }
        var villages = ["id,name,kind,township,county,lat,lon,needs,current_adviser"]
        var plan = [
            "village_id,village_name,county,township,adviser_id,adviser_name,firm_id,distance_km,village_rank,adviser_rank,incumbent,support"
        ]
        for i in 1...count {
            let id = String(format: "V%05d", i)
            villages.append("\(id),第\(i)村,village,城厢镇,450110,23.\(10000 + i % 9000),108.25,,")
            plan.append("\(id),第\(i)村,450110,城厢镇,,,,,,,new,no")
        }
        try (villages.joined(separator: "\n") + "\n").write(
            to: scenario.appendingPathComponent("villages.csv"), atomically: true, encoding: .utf8)
        let out = Paths.temporaryFolder("set-publish")
        try (plan.joined(separator: "\n") + "\n").write(
            to: out.appendingPathComponent("assignment.csv"), atomically: true, encoding: .utf8)
        try "date,start,end,adviser_id,village_id,mode,activity,team_id\n".write(
            to: out.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        return (scenario, out)
    }

    /// `kill -9` while publish stages its boards and ledgers: the old notices/ and ledgers/ are
    /// intact, the dead run's staging folder is left, and the next publish removes it and puts its
    /// own set in place whole.
    func testKillNineWhilePublishingKeepsTheOldSetAndTheNextRunCleansUp() throws {
        let (scenario, out) = try largePublishInput(count: 1500)
        let first = try runCommand(["publish", scenario.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let old = try snapshot(out)
        XCTAssertEqual(old.keys.filter { $0.hasPrefix("notices/") }.count, 1500)
        // The new set differs from the old one in every board.
        let counties = scenario.appendingPathComponent("counties.csv")
        try (try String(contentsOf: counties, encoding: .utf8)).replacingOccurrences(of: "南宁市武鸣区司法局", with: "武鸣区司法局（新）")
            .write(to: counties, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = ["publish", scenario.path, "--out", out.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the run is writing: its staging folder holds a few hundred boards.
        var staging: URL?
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && process.isRunning {
            if let name = try hidden(out).first(where: { $0.hasSuffix(".staging") }) {
                let notices = out.appendingPathComponent(name).appendingPathComponent("new/notices")
                if ((try? FileManager.default.contentsOfDirectory(atPath: notices.path))?.count ?? 0) > 100 {
                    staging = out.appendingPathComponent(name)
                    break
                }
            }
            usleep(2_000)
        }
        guard let staging else {
            process.waitUntilExit()
            return XCTFail(
                "publish finished (status \(process.terminationStatus)) before it could be caught writing; make the scenario larger"
            )
        }
        kill(process.processIdentifier, SIGSTOP)
        XCTAssertEqual(try snapshot(out).filter { !$0.key.hasPrefix(".") }, old, "mid-write, a reader sees the old set")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(try snapshot(out).filter { !$0.key.hasPrefix(".") }, old, "after kill -9, the old set is intact")
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: staging.path), "a killed process cannot clean up; the next run does")

        let again = try runCommand(["publish", scenario.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try hidden(out), [], "the dead run's staging folder is removed")
        let new = try snapshot(out)
        XCTAssertEqual(Set(new.keys), Set(old.keys))
        for (name, data) in new where name.hasPrefix("notices/") {
            XCTAssertTrue(
                String(decoding: data, as: UTF8.self).contains("武鸣区司法局（新）"), "\(name) is not from the new run")
        }
    }
}
