import CounselModel
import CounselTestSupport
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13, item 7: Ctrl-C, sent as a real SIGINT to the running binary. The first stops the
/// search like a time limit (the best plan found is written, marked interrupted, with its gap); a
/// second stops at once and writes nothing.
final class InterruptTests: XCTestCase {
    /// A generated county (231 villages) with 6,000 conflict pairs of villages: branch and bound
    /// then runs for minutes (282 s in a debug build), long enough to be interrupted.
    private static let hardScenario: URL = {
        let folder = Paths.temporaryFolder("interrupt").appendingPathComponent("county")
        let bench = Paths.productsDirectory.appendingPathComponent("counsel-bench")
        _ = try? runCommand(["generate", "--size", "county", "--seed", "1", "--out", folder.path], executable: bench)
        if let table = try? CSVTable(contentsOf: folder.appendingPathComponent("villages.csv"), file: "villages.csv") {
            let ids = table.records.map { $0.fields[0].text }
            var rng = SeededGenerator(seed: 13)
            var pairs = Set<String>(), lines = ["a,b,reason"]
            while lines.count <= 6000 {
                let a = ids[Int(rng.next() % UInt64(ids.count))], b = ids[Int(rng.next() % UInt64(ids.count))]
                guard a != b, pairs.insert(min(a, b) + "|" + max(a, b)).inserted else { continue }
                lines.append("\(a),\(b),利益冲突")
            }
            try? (lines.joined(separator: "\n") + "\n").write(
                to: folder.appendingPathComponent("conflicts.csv"), atomically: true, encoding: .utf8)
        }
        return folder
    }()

    /// Starts `assign --verbose` on the hard scenario and returns once the solve has begun (and,
    /// with `incumbent`, once branch and bound has found a first plan, about 10 s in).
    private func startSolving(out: URL, incumbent: Bool = false) throws -> (Process, URL) {
        guard FileManager.default.fileExists(atPath: Self.hardScenario.appendingPathComponent("conflicts.csv").path)
        else {
            throw XCTSkip("counsel-bench is not built; run `swift build --build-tests` first")
        }
        let log = Paths.temporaryFolder("interrupt-log").appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = Paths.binary
        process.arguments = ["assign", Self.hardScenario.path, "--out", out.path, "--verbose", "--no-diagnosis"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // Under a sanitizer (make sanitize) the binary runs several times slower: the first plan
        // can take minutes to come.
        let wait: TimeInterval = ProcessInfo.processInfo.environment["VILLAGE_COUNSEL_SANITIZER"] == nil ? 120 : 900
        let deadline = Date().addingTimeInterval(wait)
        // GLPK's log (--verbose) marks each improved plan of branch and bound with '>>>>>'.
        let mark = incumbent ? ">>>>>" : "candidate pairs"
        var seen = false
        while Date() < deadline && process.isRunning {
            if (try? String(contentsOf: log, encoding: .utf8))?.contains(mark) == true {
                seen = true
                break
            }
            usleep(20_000)
        }
        XCTAssertTrue(
            seen,
            "no '\(mark)' in the solver's log within \(Int(wait)) s: the interrupt would come before what it tests")
        if !incumbent { usleep(1_000_000) }  // into the solve
        XCTAssertTrue(process.isRunning, "the solve ended before it could be interrupted; the scenario must be harder")
        return (process, log)
    }

    func testTheFirstCtrlCWritesTheBestPlanFoundMarkedInterruptedWithItsGap() throws {
        let out = Paths.temporaryFolder("interrupt-out")
        let (process, log) = try startSolving(out: out, incumbent: true)
        let sent = Date()
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = try String(contentsOf: log, encoding: .utf8)
        XCTAssertEqual(process.terminationReason, .exit, stderr)
        XCTAssertEqual(process.terminationStatus, 0, stderr)
        XCTAssertLessThan(Date().timeIntervalSince(sent), 30, "the search did not stop soon after Ctrl-C")
        XCTAssertTrue(stderr.contains("interrupted: stopping the search"), stderr)

        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as! [String: Any]
        XCTAssertEqual(summary["interrupted"] as? Bool, true)
        XCTAssertEqual(summary["status"] as? String, "feasible")
        let gap = try XCTUnwrap(summary["gap"] as? Double, "an interrupted plan has its gap")
        XCTAssertGreaterThan(gap, 0, "stopped before branch and bound closed the gap")
        XCTAssertLessThan(gap, 0.05)
        let objective = try XCTUnwrap(summary["objective"] as? Double),
            bound = try XCTUnwrap(summary["bound"] as? Double)
        XCTAssertLessThan(bound, objective)
        XCTAssertEqual(summary["covered"] as? Int, 231)

        // The plan is a plan: every village once, no adviser above the cap of 5, no conflict broken.
        let rows = try CSVTable(contentsOf: out.appendingPathComponent("assignment.csv"), file: "assignment.csv")
            .records.map { $0.fields.map(\.text) }
        XCTAssertEqual(rows.count, 231)
        XCTAssertEqual(Set(rows.map { $0[0] }).count, 231)
        var adviserOf: [String: String] = [:], load: [String: Int] = [:]
        for r in rows where !r[4].isEmpty {
            adviserOf[r[0]] = r[4]
            load[r[4], default: 0] += 1
        }
        XCTAssertLessThanOrEqual(load.values.max() ?? 0, 5)
        let conflicts = try CSVTable(
            contentsOf: Self.hardScenario.appendingPathComponent("conflicts.csv"), file: "conflicts.csv"
        ).records
        for c in conflicts {
            let (a, b) = (c.fields[0].text, c.fields[1].text)
            if let x = adviserOf[a], let y = adviserOf[b] {
                XCTAssertNotEqual(x, y, "\(a) and \(b) are in conflict but share \(x)")
            }
        }
        let text = try runCommand(["compare", out.path, out.path])
        XCTAssertEqual(text.status, 0, text.stderr)
    }

    func testASecondCtrlCStopsAtOnceAndWritesNothing() throws {
        let out = Paths.temporaryFolder("interrupt-twice")
        let (process, log) = try startSolving(out: out)
        kill(process.processIdentifier, SIGINT)
        usleep(20_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let stderr = try String(contentsOf: log, encoding: .utf8)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: out.path), [], "nothing written, no temporary left")
    }
}
