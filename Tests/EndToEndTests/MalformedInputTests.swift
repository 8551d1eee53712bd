import CounselTestSupport
import Foundation
import XCTest

/// Bad input never crashes the tool: mutated copies of a demo give exit 0 (still valid) or 1
/// (invalid, with a located message), never a trap or a signal.
final class MalformedInputTests: XCTestCase {
    func testMutatedScenariosNeverCrash() throws {
        for fixture in try MalformedFixtures.make() {
            let out = Paths.temporaryFolder("out")
            let r = try runCommand(["assign", fixture.folder.path, "--out", out.path])
            XCTAssertTrue(
                [0, 1].contains(r.status), "round \(fixture.round), \(fixture.file): status \(r.status)\n\(r.stderr)")
            if r.status == 1 {
                XCTAssertTrue(r.stderr.contains("problem"), "round \(fixture.round): \(r.stderr)")
            }
        }
    }
}

/// The malformed-input fixtures: 24 copies of the Nanning demo, each with one file mutated by
/// inserted junk, cut bytes or flipped bytes (the same 24 every run).
enum MalformedFixtures {
    struct Fixture {
        var round: Int
        /// The mutated file's name.
        var file: String
        /// The scenario folder holding it.
        var folder: URL
    }

    static func make() throws -> [Fixture] {
        let demo = Paths.demo("nanning-wuming")
        var rng = SeededGenerator(seed: 2026)
        let files = [
            "villages.csv", "advisers.csv", "preferences.csv", "conflicts.csv", "scenario.yaml", "counties.csv",
            "firms.csv",
        ]
        let junk = [
            "", ",", "\"", "\"\"", "\n", "\r\n", "-1", "1e400", "nan", "abc", "村", "\u{FEFF}", ";;",
            "999999999999999999999", "0",
        ]
        var fixtures: [Fixture] = []
        for round in 0..<24 {
            let copy = try copyScenario(demo)
            let name = files[Int(rng.next() % UInt64(files.count))]
            let file = copy.appendingPathComponent(name)
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
            fixtures.append(Fixture(round: round, file: name, folder: copy))
        }
        return fixtures
    }
}
