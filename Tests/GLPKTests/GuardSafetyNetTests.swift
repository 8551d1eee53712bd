import CGLPKGuard
import Foundation
import GLPK
import XCTest

/// The C guard's safety net: `vc_solve` called directly with malformed models (which the Swift
/// side would never send) must catch GLPK's error by `longjmp`, return `VC_STATUS_ERROR` with a
/// message, and leave the thread able to solve normally afterwards, instead of aborting the process.
final class GuardSafetyNetTests: XCTestCase {
    /// A model as plain Swift arrays; matrix arrays are 1-based (element 0 unused), as GLPK wants.
    struct RawModel {
        var minimize = true
        var obj: [Double]
        var colKind: [Int32]
        var colType: [Int32]
        var colLB: [Double]
        var colUB: [Double]
        var rowType: [Int32]
        var rowLB: [Double]
        var rowUB: [Double]
        var ia: [Int32]
        var ja: [Int32]
        var ar: [Double]
        var colNames: [String]? = nil
        var name: String? = nil

        /// max 3x + 5y s.t. x ≤ 4 (row 1), 2y ≤ 12 (row 2), 3x + 2y ≤ 18 (row 3), x, y ≥ 0: optimum 36.
        static func wyndor() -> RawModel {
            RawModel(
                minimize: false, obj: [3, 5], colKind: [Int32(VC_CONTINUOUS), Int32(VC_CONTINUOUS)],
                colType: [Int32(VC_LOWER), Int32(VC_LOWER)], colLB: [0, 0], colUB: [0, 0],
                rowType: [Int32(VC_UPPER), Int32(VC_UPPER), Int32(VC_UPPER)], rowLB: [0, 0, 0], rowUB: [4, 12, 18],
                ia: [0, 1, 2, 3, 3], ja: [0, 1, 2, 1, 2], ar: [0, 1, 2, 3, 2])
        }

        struct Outcome {
            var status: Int
            var code: Int
            var message: String
            var objective: Double
            var values: [Double]
        }

        /// Calls `vc_solve` with this model.
        func solve(lpPath: String? = nil, solve: Bool = true) -> Outcome {
            var values = [Double](repeating: .nan, count: obj.count)
            var duals = [Double](repeating: .nan, count: rowType.count)
            var result = vc_result()
            let names: [UnsafeMutablePointer<CChar>?]? = colNames?.map { strdup($0) }
            defer { names?.forEach { free($0) } }
            let constNames = names?.map { UnsafePointer($0) }
            obj.withUnsafeBufferPointer { obj in
                colKind.withUnsafeBufferPointer { kind in
                    colType.withUnsafeBufferPointer { ct in
                        colLB.withUnsafeBufferPointer { cl in
                            colUB.withUnsafeBufferPointer { cu in
                                rowType.withUnsafeBufferPointer { rt in
                                    rowLB.withUnsafeBufferPointer { rl in
                                        rowUB.withUnsafeBufferPointer { ru in
                                            ia.withUnsafeBufferPointer { iap in
                                                ja.withUnsafeBufferPointer { jap in
                                                    ar.withUnsafeBufferPointer { arp in
                                                        (constNames ?? []).withUnsafeBufferPointer { cn in
                                                            values.withUnsafeMutableBufferPointer { vals in
                                                                duals.withUnsafeMutableBufferPointer { dls in
                                                                    withOptionalCString(name) { namePointer in
                                                                        withOptionalCString(lpPath) { pathPointer in
                                                                            var model = vc_model(
                                                                                rows: Int32(rowType.count),
                                                                                cols: Int32(self.obj.count),
                                                                                minimize: minimize ? 1 : 0,
                                                                                obj_const: 0, obj: obj.baseAddress,
                                                                                col_kind: kind.baseAddress,
                                                                                col_type: ct.baseAddress,
                                                                                col_lb: cl.baseAddress,
                                                                                col_ub: cu.baseAddress,
                                                                                row_type: rt.baseAddress,
                                                                                row_lb: rl.baseAddress,
                                                                                row_ub: ru.baseAddress,
                                                                                nnz: Int32(self.ia.count - 1),
                                                                                ia: iap.baseAddress,
                                                                                ja: jap.baseAddress,
                                                                                ar: arp.baseAddress,
                                                                                col_names: constNames == nil
                                                                                    ? nil : cn.baseAddress,
                                                                                row_names: nil, name: namePointer)
                                                                            var options = vc_options(
                                                                                time_limit_ms: 0, mip_gap: 0,
                                                                                presolve: 1, dual_simplex: 1,
                                                                                solve: solve ? 1 : 0,
                                                                                lp_path: pathPointer, log: nil,
                                                                                log_ctx: nil,
                                                                                basis_rows: nil, basis_cols: nil,
                                                                                cuts: 0, heuristics: 1, branching: 0,
                                                                                selection: 0,
                                                                                start: nil, interrupt: nil,
                                                                                progress: nil, progress_ctx: nil)
                                                                            result.col_values = vals.baseAddress
                                                                            result.row_duals = dls.baseAddress
                                                                            let returned = vc_solve(
                                                                                &model, &options, &result)
                                                                            XCTAssertEqual(
                                                                                returned, result.status,
                                                                                "vc_solve returns the status it stores")
                                                                            result.col_values = nil
                                                                            result.row_duals = nil
                                                                        }
                                                                    }
                                                                }
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            let message = withUnsafeBytes(of: result.error) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            return Outcome(
                status: Int(result.status), code: Int(result.glpk_code), message: message,
                objective: result.objective, values: values)
        }
    }

    /// Asserts a well-formed solve works on the current thread, through the guard and through Solver.
    private func assertNormalSolveWorks(_ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let ok = RawModel.wyndor().solve()
        XCTAssertEqual(ok.status, VC_STATUS_OPTIMAL, "\(context): \(ok.message)", file: file, line: line)
        XCTAssertEqual(ok.objective, 36, accuracy: 1e-9, context, file: file, line: line)
        XCTAssertEqual(ok.values, [2, 6], context, file: file, line: line)
        XCTAssertEqual(ok.message, "", context, file: file, line: line)
        var p = LinearProgram(name: "after", sense: .maximize)
        let x = p.addVariable(name: "x", bounds: .between(0, 4), objective: 1)
        p.addConstraint(name: "row", terms: [(x, 2)], bounds: .atMost(5))
        XCTAssertEqual(try Solver.solve(p).objective, 2.5, context, file: file, line: line)
    }

    private func assertCaught(
        _ outcome: RawModel.Outcome, mentions fragment: String, _ context: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(outcome.status, VC_STATUS_ERROR, context, file: file, line: line)
        XCTAssertFalse(outcome.message.isEmpty, "\(context): an error message", file: file, line: line)
        XCTAssertTrue(
            outcome.message.contains(fragment), "\(context): '\(outcome.message)' should mention '\(fragment)'",
            file: file, line: line)
    }

    func testWellFormedModelSolves() {
        assertNormalSolveWorks("baseline")
    }

    /// glp_load_matrix aborts on a repeated (row, column) pair ("glp_load_mat: … duplicate indices not allowed").
    func testDuplicateMatrixEntryIsCaught() {
        var m = RawModel.wyndor()
        m.ia.append(3)
        m.ja.append(1)
        m.ar.append(1)  // (3, 1) again
        assertCaught(m.solve(), mentions: "duplicate indices", "duplicate entry")
        assertNormalSolveWorks("after a duplicate entry")
    }

    /// glp_load_matrix aborts on a column index beyond the columns.
    func testColumnIndexOutOfRangeIsCaught() {
        var m = RawModel.wyndor()
        m.ja[4] = 7
        assertCaught(m.solve(), mentions: "column index out of range", "ja out of range")
        assertNormalSolveWorks("after ja out of range")
    }

    /// glp_load_matrix aborts on a row index of 0 (the arrays are 1-based).
    func testRowIndexOutOfRangeIsCaught() {
        var m = RawModel.wyndor()
        m.ia[1] = 0
        assertCaught(m.solve(), mentions: "row index out of range", "ia = 0")
        assertNormalSolveWorks("after ia out of range")
    }

    /// glp_set_col_name aborts on a name longer than 255 characters; also on the write-only path.
    func testOverlongColumnNameIsCaught() {
        var m = RawModel.wyndor()
        m.colNames = [String(repeating: "x", count: 300), "y"]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guard-\(UUID().uuidString).lp").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        assertCaught(m.solve(lpPath: path, solve: false), mentions: "glp_set_col_name", "long column name")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing written after the error")
        assertNormalSolveWorks("after a long name")
    }

    /// glp_set_prob_name aborts on a control character.
    func testControlCharacterInProblemNameIsCaught() {
        var m = RawModel.wyndor()
        m.name = "bad\tname"
        assertCaught(m.solve(), mentions: "glp_set_prob_name", "tab in name")
        assertNormalSolveWorks("after a bad problem name")
    }

    /// Crossed bounds are not an abort in GLPK (glp_simplex returns GLP_EBOUND): still an error
    /// status with a message, never a solution.
    func testCrossedBoundsGiveAnErrorStatus() {
        var m = RawModel.wyndor()
        m.colType[0] = Int32(VC_DOUBLE)
        m.colLB[0] = 5
        m.colUB[0] = 1
        let outcome = m.solve()
        XCTAssertEqual(outcome.status, VC_STATUS_ERROR)
        XCTAssertFalse(outcome.message.isEmpty)
        XCTAssertNotEqual(outcome.code, 0)
        assertNormalSolveWorks("after crossed bounds")
    }

    /// Many caught errors in a row, alternating with good solves, on one thread: the environment
    /// is rebuilt each time and nothing accumulates (valgrind runs this test in Benchmarks/leak-check.sh).
    func testRepeatedErrorsOnOneThread() {
        var bad = RawModel.wyndor()
        bad.ia.append(1)
        bad.ja.append(1)
        bad.ar.append(1)
        for k in 0..<50 {
            XCTAssertEqual(bad.solve().status, VC_STATUS_ERROR, "round \(k)")
            XCTAssertEqual(RawModel.wyndor().solve().status, VC_STATUS_OPTIMAL, "round \(k)")
        }
    }

    /// The safety net also works on a thread other than the test's, and that thread can solve afterwards.
    func testErrorOnAnotherThread() {
        let done = expectation(description: "worker")
        let box = Box()
        let thread = Thread {
            var bad = RawModel.wyndor()
            bad.ja[1] = -3
            box.first = bad.solve()
            box.second = RawModel.wyndor().solve()
            done.fulfill()
        }
        thread.start()
        wait(for: [done], timeout: 10)
        XCTAssertEqual(box.first?.status, VC_STATUS_ERROR)
        XCTAssertFalse(box.first?.message.isEmpty ?? true)
        XCTAssertEqual(box.second?.status, VC_STATUS_OPTIMAL)
        XCTAssertEqual(box.second?.objective ?? 0, 36, accuracy: 1e-9)
    }

    /// A thread whose last GLPK call was caught by the guard ends without leaking GLPK's
    /// environment (valgrind in Benchmarks/leak-check.sh reports it as definitely lost if the
    /// guard forgets glp_free_env after the jump).
    func testThreadEndingRightAfterAnError() {
        let done = expectation(description: "worker")
        let box = Box()
        let thread = Thread {
            var bad = RawModel.wyndor()
            bad.ia[2] = 99
            box.first = bad.solve()
            done.fulfill()
        }
        thread.start()
        wait(for: [done], timeout: 10)
        XCTAssertEqual(box.first?.status, VC_STATUS_ERROR)
        XCTAssertTrue(box.first?.message.contains("row index out of range") ?? false, box.first?.message ?? "")
    }

    private final class Box: @unchecked Sendable {
        var first: RawModel.Outcome?
        var second: RawModel.Outcome?
    }

    func testVersion() {
        XCTAssertTrue(Solver.glpkVersion.hasPrefix("5."), Solver.glpkVersion)
        XCTAssertEqual(String(cString: vc_glpk_version()), Solver.glpkVersion)
    }
}

/// Calls `body` with a C string for `string`, or with `nil`.
private func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString { body($0) }
}
