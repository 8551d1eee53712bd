import Foundation
import GLPK
import XCTest

/// Invalid programs and options are refused with a Swift error that lists every problem, and
/// never reach GLPK (proved with a log sink: GLPK's output would arrive there if it ran).
final class ValidationTests: XCTestCase {
    /// A valid base: min x + y s.t. x + y ≥ 1.
    private func base() -> (LinearProgram, LinearProgram.Variable, LinearProgram.Variable) {
        var p = LinearProgram(name: "base")
        let x = p.addVariable(name: "x", objective: 1)
        let y = p.addVariable(name: "y", objective: 1)
        p.addConstraint(name: "cover", terms: [(x, 1), (y, 1)], bounds: .atLeast(1))
        return (p, x, y)
    }

    /// Asserts that `program` lists exactly `count` problems, each containing the matching fragment,
    /// and that solving and exporting it throw `invalidModel` with the same list without calling GLPK.
    private func assertRefused(
        _ program: LinearProgram, _ fragments: [String], file: StaticString = #filePath, line: UInt = #line
    ) {
        let found = program.problems()
        XCTAssertEqual(found.count, fragments.count, "problems: \(found)", file: file, line: line)
        for (problem, fragment) in zip(found, fragments) {
            XCTAssertTrue(
                problem.contains(fragment), "'\(problem)' should mention '\(fragment)'", file: file, line: line)
        }
        XCTAssertThrowsError(try program.validate(), file: file, line: line) { error in
            XCTAssertEqual(error as? GLPKError, .invalidModel(found), file: file, line: line)
        }
        let recorder = LogRecorder()
        XCTAssertThrowsError(try Solver.solve(program, options: recorder.options), file: file, line: line) { error in
            XCTAssertEqual(error as? GLPKError, .invalidModel(found), file: file, line: line)
        }
        XCTAssertEqual(recorder.text, "", "GLPK must not have been called", file: file, line: line)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glpk-validation-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("refused.lp")
        XCTAssertThrowsError(try Solver.writeCPLEXLP(program, to: url), file: file, line: line) { error in
            XCTAssertEqual(error as? GLPKError, .invalidModel(found), file: file, line: line)
        }
        XCTAssertEqual(
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["?"], [],
            "nothing may be written for a refused program", file: file, line: line)
    }

    /// The detection method works: a valid program does reach GLPK, whose output arrives in the log.
    func testValidProgramReachesGLPK() throws {
        let (p, _, _) = base()
        XCTAssertEqual(p.problems(), [])
        XCTAssertNoThrow(try p.validate())
        let recorder = LogRecorder()
        let s = try Solver.solve(p, options: recorder.options)
        XCTAssertEqual(s.status, .optimal)
        XCTAssertFalse(recorder.text.isEmpty, "with a log sink GLPK's output should arrive")
    }

    func testVariableHandleOutOfRange() {
        var (p, x, _) = base()
        p.addConstraint(name: "ghost", terms: [(x, 1), (LinearProgram.Variable(index: 99), 1)], bounds: .atMost(3))
        assertRefused(p, ["constraint 2 'ghost'"])
        XCTAssertTrue(p.problems().first?.contains("100") ?? false, "names the bad variable: \(p.problems())")
    }

    func testNegativeVariableHandle() {
        var (p, _, _) = base()
        p.addConstraint(name: "negative", terms: [(LinearProgram.Variable(index: -1), 1)], bounds: .atMost(3))
        assertRefused(p, ["negative"])
    }

    func testSameVariableTwiceInOneConstraint() {
        var (p, x, y) = base()
        p.addConstraint(name: "twice", terms: [(x, 1), (y, 2), (x, 3)], bounds: .atMost(3))
        assertRefused(p, ["twice"])
        // The same variable in two different constraints is fine.
        var q = base().0
        q.addConstraint(name: "again", terms: [(x, 1)], bounds: .atMost(3))
        XCTAssertEqual(q.problems(), [])
    }

    func testNonFiniteCoefficients() {
        var (p, x, y) = base()
        p.addConstraint(name: "nan_row", terms: [(x, .nan)], bounds: .atMost(3))
        p.addConstraint(name: "inf_row", terms: [(y, -.infinity)], bounds: .atMost(3))
        assertRefused(p, ["nan_row", "inf_row"])
    }

    func testLowerBoundAboveUpperBound() {
        var (p, x, _) = base()
        p.addVariable(name: "crossed", bounds: .between(2, 1))
        p.addConstraint(name: "crossed_row", terms: [(x, 1)], bounds: .between(5, 4))
        assertRefused(p, ["crossed", "crossed_row"])
    }

    func testNaNAndWrongSidedInfiniteBounds() {
        var p = LinearProgram(name: "bounds")
        p.addVariable(name: "nan_bound", bounds: .between(.nan, 1))
        p.addVariable(name: "lower_plus_inf", bounds: .atLeast(.infinity))
        p.addVariable(name: "upper_minus_inf", bounds: .atMost(-.infinity))
        assertRefused(p, ["nan_bound", "lower_plus_inf", "upper_minus_inf"])
    }

    func testNonFiniteObjective() {
        var (p, x, _) = base()
        p.setObjective(x, .infinity)
        p.addVariable(name: "nan_cost", objective: .nan)
        p.objectiveConstant = -.infinity
        assertRefused(p, ["objective constant", "variable 1 'x'", "nan_cost"])
    }

    func testIntegerVariableWithoutIntegerValue() {
        var p = LinearProgram(name: "int")
        p.addVariable(name: "between_integers", bounds: .between(0.2, 0.8), kind: .integer)
        assertRefused(p, ["between_integers"])
        var q = LinearProgram(name: "int_ok")
        q.addVariable(name: "has_one", bounds: .between(0.2, 1.0), kind: .integer)
        XCTAssertEqual(q.problems(), [])
    }

    /// GLPK's limit is 255 bytes (not characters): 128 two-byte characters are too long.
    func testNamesOverTwoHundredFiftyFiveBytes() {
        let long = String(repeating: "v", count: 256)
        let wide = String(repeating: "é", count: 128)  // 128 characters, 256 bytes
        var p = LinearProgram(name: String(repeating: "p", count: 300))
        p.addVariable(name: long)
        p.addVariable(name: wide)
        p.addConstraint(name: String(repeating: "c", count: 256), terms: [], bounds: .atMost(1))
        assertRefused(p, ["program's name", "variable 1", "variable 2", "constraint 1"])
        // Exactly 255 bytes is allowed, and GLPK accepts it when writing names.
        var q = LinearProgram(name: String(repeating: "p", count: 255))
        let x = q.addVariable(name: String(repeating: "x", count: 255), objective: 1)
        q.addConstraint(name: String(repeating: "é", count: 127) + "c", terms: [(x, 1)], bounds: .atLeast(1))
        XCTAssertEqual(q.problems(), [])
        XCTAssertEqual(try Solver.solve(q).objective, 1)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-255-\(UUID().uuidString).lp")
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertNoThrow(try Solver.writeCPLEXLP(q, to: url))
    }

    /// GLPK refuses names with control characters (glp_set_prob_name/glp_set_col_name/
    /// glp_set_row_name check `iscntrl`); validation must catch them before GLPK does.
    func testNamesWithControlCharacters() {
        var p = LinearProgram(name: "tab\there")
        let x = p.addVariable(name: "new\nline", objective: 1)
        p.addConstraint(name: "nul\0byte", terms: [(x, 1)], bounds: .atLeast(1))
        let found = p.problems()
        XCTAssertEqual(found.count, 3, "one problem per bad name: \(found)")
        // The program's name reaches GLPK on every solve, so a control character in it alone
        // must already be refused as an invalid model, not surface as a GLPK failure.
        let q = LinearProgram(name: "tab\there")
        XCTAssertThrowsError(try Solver.solve(q)) { error in
            guard case .invalidModel = error as? GLPKError else {
                return XCTFail("expected invalidModel before reaching GLPK, got \(error)")
            }
        }
    }

    /// Three different problems give exactly three messages, in order; nothing stops at the first.
    func testEveryProblemIsListed() {
        var (p, x, y) = base()
        p.addVariable(name: "bad_bounds", bounds: .between(3, 1))  // 1
        p.addConstraint(name: "dup", terms: [(y, 1), (y, 1)], bounds: .atMost(1))  // 2
        p.addConstraint(name: "out", terms: [(x, 1), (.init(index: 42), 1)], bounds: .atMost(1))  // 3
        assertRefused(p, ["bad_bounds", "dup", "out"])
    }

    /// Many problems at once: one message per problem, and `limit` caps the list.
    func testManyProblemsAndLimit() {
        var p = LinearProgram(name: "many")
        for k in 0..<60 { p.addVariable(name: "v\(k)", bounds: .between(1, 0)) }
        XCTAssertEqual(p.problems(limit: 1000).count, 60)
        XCTAssertEqual(p.problems().count, 50, "default limit")
        XCTAssertEqual(p.problems(limit: 3).count, 3)
    }

    func testInvalidOptionsAreRefused() throws {
        let (p, _, _) = base()
        let bad: [(String, SolverOptions)] = [
            ("negative time limit", SolverOptions(timeLimit: -1)),
            ("zero time limit", SolverOptions(timeLimit: 0)),
            ("NaN time limit", SolverOptions(timeLimit: .nan)),
            ("infinite time limit", SolverOptions(timeLimit: .infinity)),
            ("gap 1", SolverOptions(relativeGap: 1)),
            ("gap above 1", SolverOptions(relativeGap: 1.5)),
            ("negative gap", SolverOptions(relativeGap: -0.01)),
            ("NaN gap", SolverOptions(relativeGap: .nan)),
        ]
        for (label, options) in bad {
            let recorder = LogRecorder()
            var withLog = options
            withLog.log = recorder.options.log
            XCTAssertThrowsError(try Solver.solve(p, options: withLog), label) { error in
                guard case .invalidOptions = error as? GLPKError else { return XCTFail("\(label): got \(error)") }
            }
            XCTAssertEqual(recorder.text, "", "\(label): GLPK must not have been called")
        }
        // The edges that are allowed.
        XCTAssertEqual(try Solver.solve(p, options: SolverOptions(relativeGap: 0)).status, .optimal)
        XCTAssertEqual(try Solver.solve(p, options: SolverOptions(relativeGap: 0.999)).status, .optimal)
        XCTAssertEqual(try Solver.solve(p, options: SolverOptions(timeLimit: 604_800)).status, .optimal)
    }

    /// A refused program does not disturb later solves (nothing half-built is left behind).
    func testSolvingAfterARefusal() throws {
        var (bad, x, _) = base()
        bad.addConstraint(name: "dup", terms: [(x, 1), (x, 1)], bounds: .atMost(1))
        XCTAssertThrowsError(try Solver.solve(bad))
        XCTAssertEqual(try Solver.solve(base().0).objective, 1)
    }

    func testErrorDescriptionListsEveryProblem() {
        let error = GLPKError.invalidModel(["first", "second"])
        XCTAssertEqual(error.description, "the optimisation model is invalid:\n  - first\n  - second")
    }
}
