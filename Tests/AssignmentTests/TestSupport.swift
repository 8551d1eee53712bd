import Foundation
import XCTest
// The domain types (Village, Adviser, County, Preference, Conflict) have no public memberwise
// initialisers, so the tests build them through `@testable` (debug builds, as `swift test` does).
@testable import CounselModel
import Assignment
import GLPK

// MARK: - Rule profiles

/// Loads the package's own rule profiles (`Models/rules/NAME.yaml`), once each.
enum TestRules {
    /// `/…/main/Tests/AssignmentTests/TestSupport.swift` → `/…/main`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // AssignmentTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: RuleProfile] = [:]

    /// The profile `name` (e.g. `nanning`, `guangdong`); fails the calling test if it cannot load.
    static func profile(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> RuleProfile {
        lock.lock(); defer { lock.unlock() }
        if let p = cache[name] { return p }
        let url = packageRoot.appendingPathComponent("Models/rules/\(name).yaml")
        let p = try RuleProfile.load(from: url)
        cache[name] = p
        return p
    }

    static func nanning() throws -> RuleProfile { try profile("nanning") }
    static func guangdong() throws -> RuleProfile { try profile("guangdong") }
}

// MARK: - Deterministic random numbers

/// SplitMix64, so that every "random" instance is the same on every run and platform.
struct SeededRNG: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `range` (own arithmetic, not the standard library's algorithm).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next() % span)
    }

    /// A double in [lo, hi).
    mutating func double(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * Double(next() >> 11) / Double(1 << 53)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { double(0, 1) < p }

    /// A random element.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A random permutation.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(0...i)) }
        return a
    }
}

// MARK: - Geography (independent of CounselModel.Geography)

/// Great-circle km by the haversine formula with the mean Earth radius 6371.0088 km.
func referenceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = 6371.0088
    let rad = Double.pi / 180
    let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
    let a = pow(sin(dLat / 2), 2) + cos(lat1 * rad) * cos(lat2 * rad) * pow(sin(dLon / 2), 2)
    return 2 * r * atan2(sqrt(a), sqrt(max(0, 1 - a)))
}

/// The point `km` east of (lat, lon) along the parallel (close enough for building test layouts).
func pointEast(of lat: Double, _ lon: Double, km: Double) -> (lat: Double, lon: Double) {
    let degPerKm = 1 / (6371.0088 * Double.pi / 180 * cos(lat * Double.pi / 180))
    return (lat, lon + km * degPerKm)
}

// MARK: - Builders

func makeVillage(_ id: String, county: String, lat: Double, lon: Double, incumbent: String? = nil,
                 name: String? = nil, township: String = "T1") -> Village {
    Village(id: id, name: name ?? "村\(id)", kind: .village, township: township, county: county,
            latitude: lat, longitude: lon, needs: [], currentAdviser: incumbent)
}

func makeAdviser(_ id: String, county: String, lat: Double, lon: Double, role: AdviserRole = .lawyer,
                 status: AdviserStatus = .active, firm: String? = nil, maxVillages: Int? = nil,
                 hours: Double? = nil, name: String? = nil) -> Adviser {
    Adviser(id: id, name: name ?? "律师\(id)", role: role, firm: firm, county: county, latitude: lat, longitude: lon,
            maxVillages: maxVillages, hoursPerMonth: hours, specialties: [], status: status, phone: "")
}

func makeCounty(_ id: String, city: String, underResourced: Bool = false) -> County {
    County(id: id, name: "县\(id)", city: city, underResourced: underResourced)
}

func makePreference(_ from: String, _ to: String, _ rank: Int) -> Preference {
    Preference(from: from, to: to, rank: rank)
}

func makeConflict(_ a: String, _ b: String) -> Conflict {
    Conflict(a: a, b: b, reason: "test conflict")
}

func makeScenario(name: String = "test", rules: RuleProfile, maxKm: Double?,
                  weights: ObjectiveWeights = .defaults, villages: [Village], advisers: [Adviser],
                  counties: [County], preferences: [Preference] = [], conflicts: [Conflict] = []) -> Scenario {
    Scenario(name: name, rules: rules, year: 2024, maxKm: maxKm, weights: weights, villages: villages,
             advisers: advisers, counties: counties, preferences: preferences, conflicts: conflicts)
}

// MARK: - Solving

/// Exact options: a zero MIP gap, so "optimal" means optimal (the default gap is 1e-4).
let exactOptions = SolverOptions(relativeGap: 0)

/// Solves with the decomposition (exact options) and checks the plan's invariants.
@discardableResult
func solveChecked(_ scenario: Scenario, threads: Int = 2, options: SolverOptions = exactOptions,
                  file: StaticString = #filePath, line: UInt = #line) throws -> Plan {
    let problem = AssignmentProblem(scenario: scenario)
    let plan = try AssignmentSolver(options: options, threads: threads).solve(problem)
    assertPlanInvariants(plan, file: file, line: line)
    return plan
}

/// The whole model's optimum, solved in one piece by GLPK.
func wholeModelObjective(_ problem: AssignmentProblem, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
    let solution = try Solver.solve(AssignmentSolver.wholeModel(problem), options: exactOptions)
    XCTAssertEqual(solution.status, .optimal, "whole model status", file: file, line: line)
    return try XCTUnwrap(solution.objective, "whole model objective", file: file, line: line)
}

/// `|a − b| ≤ rel · max(1, |a|, |b|)`.
func close(_ a: Double, _ b: Double, rel: Double = 1e-6) -> Bool {
    abs(a - b) <= rel * max(1, abs(a), abs(b))
}
