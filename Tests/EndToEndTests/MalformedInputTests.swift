import Foundation
import XCTest
import CounselTestSupport

/// Bad input never crashes the tool: mutated copies of a demo give exit 0 (still valid) or 1
/// (invalid, with a located message), never a trap or a signal.
final class MalformedInputTests: XCTestCase {
    func testMutatedScenariosNeverCrash() throws {
        let demo = Paths.demo("nanning-wuming")
        var rng = SeededGenerator(seed: 2026)
        let files = ["villages.csv", "advisers.csv", "preferences.csv", "conflicts.csv", "scenario.yaml", "counties.csv", "firms.csv"]
        let junk = ["", ",", "\"", "\"\"", "\n", "\r\n", "-1", "1e400", "nan", "abc", "村", "\u{FEFF}", ";;", "999999999999999999999", "0"]
        for round in 0..<24 {
            let copy = try copyScenario(demo)
            let file = copy.appendingPathComponent(files[Int(rng.next() % UInt64(files.count))])
            var bytes = Array((try? Data(contentsOf: file)) ?? Data())
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes.insert(contentsOf: Array(junk[Int(rng.next() % UInt64(junk.count))].utf8), at: at)
                case 1: if !bytes.isEmpty { bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 40))) }
                default: if !bytes.isEmpty { bytes[at] = UInt8(truncatingIfNeeded: rng.next()) }
                }
            }
            try Data(bytes).write(to: file)
            let out = Paths.temporaryFolder("out")
            let r = try runCommand(["assign", copy.path, "--out", out.path])
            XCTAssertTrue([0, 1].contains(r.status), "round \(round), \(file.lastPathComponent): status \(r.status)\n\(r.stderr)")
            if r.status == 1 {
                XCTAssertTrue(r.stderr.contains("problem"), "round \(round): \(r.stderr)")
            }
        }
    }
}
