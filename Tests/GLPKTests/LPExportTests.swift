import Foundation
import GLPK
import XCTest

/// `Solver.writeCPLEXLP`: the file is CPLEX LP that an independent reader (glpsol, and CBC when
/// installed) solves to our optimum; writing replaces an existing file atomically; a folder that
/// does not exist gives `GLPKError.writeFailed`.
final class LPExportTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "glpk-export-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// max 5x + 4y + 3z + 2 s.t. 6x + 4y + z ≤ 24, x + 2y ≤ 6, −2 ≤ x − z ≤ 2 (ranged), y ≥ 0 integer,
    /// x ≥ 0 integer, 0 ≤ z ≤ 3.5 continuous.
    static func sampleMIP(sense: LinearProgram.Sense = .maximize, constant: Double = 0) -> LinearProgram {
        var p = LinearProgram(name: "export_sample", sense: sense)
        p.objectiveConstant = constant
        let x = p.addVariable(name: "x", kind: .integer, objective: 5)
        let y = p.addVariable(name: "y", kind: .integer, objective: 4)
        let z = p.addVariable(name: "z", bounds: .between(0, 3.5), objective: 3)
        p.addConstraint(name: "capacity", terms: [(x, 6), (y, 4), (z, 1)], bounds: .atMost(24))
        p.addConstraint(name: "labour", terms: [(x, 1), (y, 2)], bounds: .atMost(6))
        p.addConstraint(name: "balance", terms: [(x, 1), (z, -1)], bounds: .between(-2, 2))
        return p
    }

    func testFileIsCPLEXLP() throws {
        let url = folder.appendingPathComponent("sample.lp")
        try Solver.writeCPLEXLP(Self.sampleMIP(), to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        for keyword in ["Maximize", "Subject To", "Bounds", "End"] {
            XCTAssertTrue(text.contains(keyword), "missing '\(keyword)' in:\n\(text)")
        }
        XCTAssertTrue(text.contains("Generals") || text.contains("General"), "integer section:\n\(text)")
        for name in ["capacity", "labour", "balance", "x", "y", "z"] {
            XCTAssertTrue(text.contains(name), "name '\(name)' should be kept:\n\(text)")
        }
        let minimised = folder.appendingPathComponent("min.lp")
        try Solver.writeCPLEXLP(Self.sampleMIP(sense: .minimize), to: minimised)
        let minText = try String(contentsOf: minimised, encoding: .utf8)
        XCTAssertTrue(minText.contains("Minimize"))
        XCTAssertTrue(minText.contains("Subject To"))
        XCTAssertTrue(minText.hasSuffix("End\n") || minText.contains("\nEnd"))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["min.lp", "sample.lp"],
            "no temporary file left behind")
    }

    /// glpsol reads our file and reports the same optimum, in both senses.
    func testGlpsolAgreesWithOurOptimum() throws {
        try assertGlpsolAgrees([(.maximize, 0), (.minimize, 0)])
    }

    /// The objective constant must survive the export: a file whose optimum differs from the
    /// program's by the constant is a different program. (GLPK's writer keeps it only as a
    /// comment, "\\* constant term = 2.5 *\\", which every reader ignores.)
    func testObjectiveConstantSurvivesExport() throws {
        try assertGlpsolAgrees([(.maximize, 2.5), (.minimize, -4)])
    }

    private func assertGlpsolAgrees(
        _ cases: [(LinearProgram.Sense, Double)], file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let glpsol = "/usr/bin/glpsol"
        guard FileManager.default.isExecutableFile(atPath: glpsol) else { throw XCTSkip("\(glpsol) not installed") }
        for (sense, constant) in cases {
            let program = Self.sampleMIP(sense: sense, constant: constant)
            let ours = try XCTUnwrap(try Solver.solve(program, options: SolverOptions(relativeGap: 0)).objective)
            let lp = folder.appendingPathComponent("glpsol-\(sense)-\(constant).lp")
            let out = folder.appendingPathComponent("glpsol-\(sense)-\(constant).txt")
            try Solver.writeCPLEXLP(program, to: lp)
            let (status, log) = try run(glpsol, ["--lp", lp.path, "-o", out.path])
            XCTAssertEqual(status, 0, log, file: file, line: line)
            let report = try String(contentsOf: out, encoding: .utf8)
            let theirs = try XCTUnwrap(
                Self.glpsolObjective(report), "no objective in glpsol's report:\n\(report)", file: file, line: line)
            XCTAssertEqual(
                theirs, ours, accuracy: 1e-6,
                "glpsol's optimum of the exported file vs ours; \(sense), constant \(constant)",
                file: file, line: line)
            XCTAssertTrue(report.contains("INTEGER OPTIMAL"), report, file: file, line: line)
        }
    }

    /// CBC, a different code base, also reads the file and finds the same optimum (skipped without CBC).
    func testCBCAgreesWithOurOptimum() throws {
        let cbc = "/usr/bin/cbc"
        guard FileManager.default.isExecutableFile(atPath: cbc) else { throw XCTSkip("\(cbc) not installed") }
        let program = Self.sampleMIP()
        let ours = try XCTUnwrap(try Solver.solve(program, options: SolverOptions(relativeGap: 0)).objective)
        let lp = folder.appendingPathComponent("cbc.lp")
        try Solver.writeCPLEXLP(program, to: lp)
        let (status, log) = try run(cbc, [lp.path, "solve", "quit"])
        XCTAssertEqual(status, 0, log)
        let match = log.range(of: #"Objective value:\s+(-?[0-9.eE+-]+)"#, options: .regularExpression)
        let value = try XCTUnwrap(
            match.flatMap { Double(log[$0].split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) },
            "no objective in CBC's log:\n\(log)")
        XCTAssertEqual(value, ours, accuracy: 1e-6, log)
    }

    /// Writing over an existing file replaces it; and whatever happens, the destination is
    /// never left missing (the write is documented as atomic).
    func testWritingReplacesAnExistingFile() throws {
        let url = folder.appendingPathComponent("replace.lp")
        try "stale contents\n".write(to: url, atomically: true, encoding: .utf8)
        do {
            try Solver.writeCPLEXLP(Self.sampleMIP(), to: url)
        } catch {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: url.path),
                "a failed replacement destroyed the existing file (error: \(error))")
            throw error
        }
        let first = try String(contentsOf: url, encoding: .utf8)
        XCTAssertFalse(first.contains("stale"))
        XCTAssertTrue(first.contains("Maximize"))
        try Solver.writeCPLEXLP(Self.sampleMIP(sense: .minimize), to: url)
        let second = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(second.contains("Minimize"))
        XCTAssertFalse(second.contains("Maximize"))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder.path), ["replace.lp"],
            "no temporary file left behind")
    }

    func testMissingFolderThrowsWriteFailed() throws {
        let url = folder.appendingPathComponent("no/such/folder/model.lp")
        XCTAssertThrowsError(try Solver.writeCPLEXLP(Self.sampleMIP(), to: url)) { error in
            guard case .writeFailed(let path, let message)? = error as? GLPKError else {
                return XCTFail("expected GLPKError.writeFailed, got \(error)")
            }
            XCTAssertEqual(path, url.path)
            XCTAssertFalse(message.isEmpty, "a reason")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("no").path))
        // The thread is still usable afterwards.
        XCTAssertEqual(try Solver.solve(Self.sampleMIP()).status, .optimal)
    }

    /// Names that CPLEX LP cannot hold (spaces, brackets, a leading digit) still give a file that
    /// glpsol reads to the same optimum.
    func testAwkwardNamesStillGiveAReadableFile() throws {
        var p = LinearProgram(name: "awkward names", sense: .minimize)
        let a = p.addVariable(name: "x[1, 2]", bounds: .between(0, 10), objective: 1)
        let b = p.addVariable(name: "2nd var", bounds: .between(0, 10), objective: 2)
        let c = p.addVariable(name: "", bounds: .between(0, 10), objective: 3)
        p.addConstraint(name: "need: at least 4", terms: [(a, 1), (b, 1), (c, 1)], bounds: .atLeast(4))
        p.addConstraint(name: "a ≤ 3", terms: [(a, 1)], bounds: .atMost(3))
        let ours = try XCTUnwrap(try Solver.solve(p).objective)
        XCTAssertEqual(ours, 5, accuracy: 1e-9)
        let url = folder.appendingPathComponent("awkward.lp")
        try Solver.writeCPLEXLP(p, to: url)
        let glpsol = "/usr/bin/glpsol"
        guard FileManager.default.isExecutableFile(atPath: glpsol) else { throw XCTSkip("\(glpsol) not installed") }
        let out = folder.appendingPathComponent("awkward.txt")
        let (status, log) = try run(glpsol, ["--lp", url.path, "-o", out.path])
        XCTAssertEqual(status, 0, log)
        let report = try String(contentsOf: out, encoding: .utf8)
        XCTAssertEqual(try XCTUnwrap(Self.glpsolObjective(report), report), ours, accuracy: 1e-6)
    }

    /// Two variables with the same name are still two variables: the exported file must not
    /// merge them (a CPLEX LP reader identifies variables by name), so glpsol finds our optimum.
    /// min x₁ + 2·x₂ (both named "x") s.t. x₁ + x₂ ≥ 4, x₁ ≤ 1 → x₁ = 1, x₂ = 3, objective 7.
    func testDuplicateVariableNamesStayDistinct() throws {
        var p = LinearProgram(name: "duplicate_names", sense: .minimize)
        let a = p.addVariable(name: "x", bounds: .between(0, 1), objective: 1)
        let b = p.addVariable(name: "x", bounds: .between(0, 10), objective: 2)
        p.addConstraint(name: "need", terms: [(a, 1), (b, 1)], bounds: .atLeast(4))
        try assertExportSolvesTo(p, "duplicate variable names")
    }

    /// Two constraints with the same name are still two constraints in the exported file.
    /// min x s.t. x ≥ 2 ("row"), x ≥ 3 ("row") → 3.
    func testDuplicateConstraintNamesStayDistinct() throws {
        var p = LinearProgram(name: "duplicate_rows", sense: .minimize)
        let x = p.addVariable(name: "x", objective: 1)
        p.addConstraint(name: "row", terms: [(x, 1)], bounds: .atLeast(2))
        p.addConstraint(name: "row", terms: [(x, 1)], bounds: .atLeast(3))
        try assertExportSolvesTo(p, "duplicate constraint names")
    }

    /// The carrier of the objective constant in the exported file must not capture a user
    /// variable of the same name. min −v + 2.5 with a variable named "objective_constant",
    /// 0 ≤ v ≤ 5, v ≤ 3 (row) → −0.5.
    func testObjectiveConstantCarrierDoesNotCollideWithAVariable() throws {
        var p = LinearProgram(name: "constant_collision", sense: .minimize)
        p.objectiveConstant = 2.5
        let v = p.addVariable(name: "objective_constant", bounds: .between(0, 5), objective: -1)
        p.addConstraint(name: "cap", terms: [(v, 1)], bounds: .atMost(3))
        try assertExportSolvesTo(p, "variable named objective_constant")
    }

    /// Exports `program`, solves the file with glpsol and compares with our own optimum.
    private func assertExportSolvesTo(
        _ program: LinearProgram, _ label: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let ours = try XCTUnwrap(try Solver.solve(program, options: SolverOptions(relativeGap: 0)).objective, label)
        let glpsol = "/usr/bin/glpsol"
        guard FileManager.default.isExecutableFile(atPath: glpsol) else { throw XCTSkip("\(glpsol) not installed") }
        let lp = folder.appendingPathComponent("\(program.name).lp")
        let out = folder.appendingPathComponent("\(program.name).txt")
        do {
            try Solver.writeCPLEXLP(program, to: lp)
        } catch GLPKError.invalidModel {
            return  // refusing to write an ambiguous file is also correct
        }
        let (status, log) = try run(glpsol, ["--lp", lp.path, "-o", out.path])
        let written = try String(contentsOf: lp, encoding: .utf8)
        guard status == 0 else {
            return XCTFail(
                "\(label): glpsol cannot read the exported file:\n\(log)\nfile:\n\(written)", file: file, line: line)
        }
        let report = try String(contentsOf: out, encoding: .utf8)
        XCTAssertEqual(
            try XCTUnwrap(Self.glpsolObjective(report), report, file: file, line: line), ours, accuracy: 1e-6,
            "\(label): glpsol's optimum of the exported file vs ours; file:\n\(written)", file: file, line: line)
    }

    /// The value after "obj = " in a glpsol report ("Objective:  obj = 21 (MAXimum)").
    static func glpsolObjective(_ report: String) -> Double? {
        for line in report.split(separator: "\n") where line.hasPrefix("Objective:") {
            guard let eq = line.firstIndex(of: "=") else { return nil }
            return line[line.index(after: eq)...].split(separator: " ").first.flatMap { Double($0) }
        }
        return nil
    }

    /// Runs a program and returns its exit status and combined output.
    private func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
