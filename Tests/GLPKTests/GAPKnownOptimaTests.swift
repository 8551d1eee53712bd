import Foundation
import GLPK
import XCTest

/// Solves OR-Library GAP instances (../shared/benchmarks/gap) as minimisation and maximisation
/// with a zero MIP gap and compares with the proven optima in the folder's README; each solution
/// is also checked independently of GLPK (one agent per job, capacities, recomputed objective).
final class GAPKnownOptimaTests: XCTestCase {
    /// Proven optima from ../shared/benchmarks/gap/README.md: file → [(max, min)] for problems 1…5.
    static let known: [String: [(max: Int, min: Int)]] = [
        "gap1": [(336, 261), (327, 269), (339, 256), (341, 274), (326, 251)],
        "gap2": [(434, 277), (436, 269), (420, 260), (419, 269), (428, 267)],
        "gap3": [(580, 438), (564, 415), (573, 446), (570, 430), (564, 411)],
        "gap4": [(656, 423), (644, 424), (673, 426), (647, 395), (664, 406)],
        "gap5": [(563, 403), (558, 389), (564, 383), (568, 384), (559, 396)],
        "gap6": [(761, 525), (759, 527), (758, 519), (752, 516), (747, 521)],
        "gap7": [(942, 646), (949, 662), (968, 662), (945, 645), (951, 649)],
        "gap8": [(1133, 797), (1134, 783), (1141, 800), (1117, 789), (1127, 792)],
        "gap9": [(709, 482), (717, 476), (712, 496), (723, 497), (706, 488)],
        "gap10": [(958, 638), (963, 638), (960, 654), (947, 635), (947, 639)],
        "gap11": [(1139, 573), (1178, 583), (1195, 589), (1171, 578), (1171, 581)],
        "gap12": [(1451, 974), (1449, 956), (1433, 941), (1447, 954), (1446, 945)],
    ]

    /// The table above is a faithful copy of the README's (guards against transcription slips).
    func testKnownValuesMatchTheREADME() throws {
        let readme = try String(contentsOf: try SharedFolder.require("benchmarks/gap/README.md"), encoding: .utf8)
        var checked = 0
        for line in readme.split(separator: "\n") {
            // | gap1 (c515)  | 336 / 261 | 327 / 269 | … |
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = cells.first, let file = first.split(separator: " ").first.map(String.init),
                let expected = Self.known[file], first.contains("(c")
            else { continue }
            let pairs = cells.dropFirst().map {
                $0.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            }
            XCTAssertEqual(pairs.count, 5, line.description)
            for (t, pair) in pairs.enumerated() where t < expected.count {
                XCTAssertEqual(pair, [expected[t].max, expected[t].min], "\(file) #\(t + 1)")
            }
            checked += 1
        }
        XCTAssertEqual(checked, 12, "rows gap1…gap12 found in the README")
    }

    func testGap1() throws { try check("gap1") }
    func testGap2() throws { try check("gap2") }
    func testGap3() throws { try check("gap3") }
    func testGap4() throws { try check("gap4") }
    /// gap5 problems 1–4 only: GLPK needs over 10 s for #5 as a maximisation (and gap6–gap12
    /// take 2–10+ s per problem), too slow for a unit test.
    func testGap5FirstFour() throws { try check("gap5", only: 0..<4) }

    /// Parses `file`, solves its problems (all, or those in `only`, 0-based) both ways and
    /// checks value and invariants.
    private func check(_ file: String, only: Range<Int>? = nil) throws {
        let url = try SharedFolder.require("benchmarks/gap/\(file).txt")
        let instances = try GAPInstance.parseFile(url)
        let expected = try XCTUnwrap(Self.known[file])
        XCTAssertEqual(instances.count, expected.count, "\(file): number of problems")
        let sizes = ["gap1": (5, 15), "gap2": (5, 20), "gap3": (5, 25), "gap4": (5, 30), "gap5": (8, 24)]
        if let (m, n) = sizes[file] {
            for g in instances { XCTAssertTrue(g.m == m && g.n == n, "\(file): \(g.m)×\(g.n), expected \(m)×\(n)") }
        }
        for (t, (instance, optimum)) in zip(instances, expected).enumerated() where only?.contains(t) ?? true {
            for sense in [LinearProgram.Sense.maximize, .minimize] {
                let label = "\(file) #\(t + 1) \(sense == .maximize ? "max" : "min")"
                let started = Date()
                let program = instance.program(sense: sense)
                XCTAssertTrue(program.problems().isEmpty, "\(label): \(program.problems())")
                let solution = try Solver.solve(program, options: SolverOptions(relativeGap: 0))
                let seconds = Date().timeIntervalSince(started)
                if seconds > 1 { print("\(label): \(String(format: "%.2f", seconds)) s") }
                XCTAssertEqual(solution.status, .optimal, label)
                XCTAssertTrue(solution.isMIP, label)
                let objective = try XCTUnwrap(solution.objective, label)
                XCTAssertEqual(objective, Double(sense == .maximize ? optimum.max : optimum.min), accuracy: 1e-6, label)
                // With relativeGap 0 and status optimal, the bound must meet the objective.
                let bound = try XCTUnwrap(solution.bound, label)
                XCTAssertEqual(bound, objective, accuracy: 1e-6, "\(label): bound")
                if let relaxation = solution.relaxationObjective {
                    // The LP relaxation bounds the integer optimum from the right side.
                    if sense == .maximize {
                        XCTAssertGreaterThanOrEqual(relaxation, objective - 1e-6, label)
                    } else {
                        XCTAssertLessThanOrEqual(relaxation, objective + 1e-6, label)
                    }
                }
                try checkInvariants(instance, solution, label)
            }
        }
    }

    /// Checks the solution against the instance data without trusting GLPK or the model builder.
    private func checkInvariants(_ g: GAPInstance, _ solution: Solution, _ label: String) throws {
        XCTAssertEqual(solution.values.count, g.m * g.n, label)
        guard solution.values.count == g.m * g.n else { return }
        var used = [Int](repeating: 0, count: g.m)
        var total = 0
        for j in 0..<g.n {
            var agents: [Int] = []
            for i in 0..<g.m {
                let v = solution.values[i * g.n + j]
                XCTAssertTrue(
                    abs(v) < 1e-6 || abs(v - 1) < 1e-6, "\(label): x[\(i + 1)][\(j + 1)] = \(v) is not 0 or 1")
                if v > 0.5 { agents.append(i) }
            }
            XCTAssertEqual(agents.count, 1, "\(label): job \(j + 1) goes to agents \(agents.map { $0 + 1 })")
            for i in agents {
                used[i] += g.resource[i][j]
                total += g.cost[i][j]
            }
        }
        for i in 0..<g.m {
            XCTAssertLessThanOrEqual(used[i], g.capacity[i], "\(label): agent \(i + 1) over capacity")
        }
        XCTAssertEqual(
            Double(total), try XCTUnwrap(solution.objective), accuracy: 1e-6,
            "\(label): objective recomputed from the assignment")
    }
}
