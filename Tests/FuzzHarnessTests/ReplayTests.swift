import Foundation
import FuzzHarness
import XCTest

/// Every input of the fuzz corpus (seeds made from the demos, and what runs of `make fuzz` kept)
/// and every crash a run found (Fuzz/Regressions/TARGET/) goes through its target again: a crash
/// fixed once stays fixed. A target that crashes here takes the test run down with it, which is
/// the failure.
final class ReplayTests: XCTestCase {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz")

    private func replay(_ name: String, minimum: Int) {
        let target = FuzzHarness.targets.first { $0.name == name }!.run
        let n = FuzzHarness.replay(
            [
                Self.fuzz.appendingPathComponent("Corpus/\(name)").path,
                Self.fuzz.appendingPathComponent("Regressions/\(name)").path,
            ], target)
        XCTAssertGreaterThanOrEqual(n, minimum, "the \(name) corpus has fewer inputs than its seeds")
    }

    func testCSVCorpusAndRegressions() { replay("csv", minimum: 10) }
    func testYAMLCorpusAndRegressions() { replay("yaml", minimum: 5) }
    func testScenarioCorpusAndRegressions() { replay("scenario", minimum: 4) }
    func testRosterCorpusAndRegressions() { replay("roster", minimum: 3) }
}
