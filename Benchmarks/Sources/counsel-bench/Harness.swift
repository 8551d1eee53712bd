import ArgumentParser
import Foundation

// MARK: - What the planner reports

/// The fields of `summary.json` that the harness reads. Numbers may be null or missing.
struct PlannerSummary {
    var status: String
    var objective: Double?
    var bound: Double?
    var gap: Double?
    var villages: Int?
    var covered: Int?
    var uncovered: Int?
    var seconds: Double?
    /// `blocking_pairs`: village–adviser pairs who would both rather be together.
    var blockingPairs: Int?
    /// `support_moves`: villages served from another county.
    var supportMoves: Int?
    /// `rebalance.changed` (rebalance only): pairs of the previous plan that changed.
    var changed: Int?
    /// `stable_plan_exists` (stable only): true, false (fewest blocking pairs), or nil (not proven / not asked).
    var stablePlanExists: Bool?
    /// `decomposition.candidate_pairs`: the planner's own count of candidate pairs.
    var candidatePairs: Int?

    /// The planner proved its plan optimal: status `optimal` (gap within the default 1e-4 when given).
    var provenOptimal: Bool { status.lowercased() == "optimal" && (gap ?? 0) <= 1e-4 }

    init(json data: Data) throws {
        guard let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw IOError(description: "summary.json is not a JSON object")
        }
        func number(_ k: String) -> Double? { (obj[k] as? NSNumber)?.doubleValue }
        guard let status = obj["status"] as? String else { throw IOError(description: "summary.json has no status") }
        self.status = status
        objective = number("objective")
        bound = number("bound")
        gap = number("gap")
        villages = number("villages").map { Int($0) }
        covered = number("covered").map { Int($0) }
        uncovered = number("uncovered").map { Int($0) }
        seconds = number("seconds")
        blockingPairs = count(obj["blocking_pairs"])
        supportMoves = count(obj["support_moves"])
        changed = count((obj["rebalance"] as? [String: Any])?["changed"])
        stablePlanExists = obj["stable_plan_exists"] as? Bool
        candidatePairs = ((obj["decomposition"] as? [String: Any])?["candidate_pairs"] as? NSNumber)?.intValue
    }

    /// A count written as a number, a list (its length) or an object with a `count`.
    private func count(_ value: Any?) -> Int? {
        switch value {
        case let n as NSNumber: return n.intValue
        case let list as [Any]: return list.count
        case let object as [String: Any]: return (object["count"] as? NSNumber)?.intValue
        default: return nil
        }
    }
}

/// What a reference solver said about the exported model.
struct PeerResult {
    var solver: PeerSolver
    /// The run whose model it solved: a size (`city`) or a stage on a size (`city-stable`).
    var label: String
    var run: ChildRun
    var status: String
    var objective: Double?
    /// HiGHS: its dual bound and relative gap; nil for the others.
    var bound: Double?
    var gap: Double?
    /// The solver's own solve time (HiGHS, flow core: without reading the model); nil when not reported.
    var solveSeconds: Double?
    /// Reading the model (HiGHS, flow core).
    var readSeconds: Double?
    /// Flow core: villages covered by the conflict-free optimum, and the pairs (arcs) it had.
    var covered: Int?
    var pairs: Int?

    init(solver: PeerSolver, label: String, run: ChildRun, status: String, objective: Double?) {
        self.solver = solver
        self.label = label
        self.run = run
        self.status = status
        self.objective = objective
    }

    /// The solver finished and said its solution is optimal.
    var provenOptimal: Bool {
        run.succeeded
            && (status == "INTEGER OPTIMAL" || status == "OPTIMAL" || status == "Optimal"
                || status.hasPrefix("Optimal solution found"))
    }

    /// Reads RESULT.json of `Tools/highs-solve.py` or `Tools/flow-core.py`.
    mutating func read(json path: String) {
        guard let data = FileManager.default.contents(atPath: path),
            let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else {
            status = run.succeeded ? "no result file" : "no result"
            return
        }
        func number(_ k: String) -> Double? { (obj[k] as? NSNumber)?.doubleValue }
        status = obj["status"] as? String ?? "unknown"
        objective = number("objective")
        bound = number("bound")
        gap = number("gap")
        solveSeconds = number("solve_seconds")
        readSeconds = number("read_seconds")
        covered = number("covered").map { Int($0) }
        pairs = number("pairs").map { Int($0) }
    }
}

/// Objectives agree when they differ by at most 1e-6 relative (absolute near zero).
func objectivesAgree(_ a: Double?, _ b: Double?) -> Bool? {
    guard let a, let b else { return nil }
    return abs(a - b) <= 1e-6 * max(1, abs(a), abs(b))
}

/// What `village-counsel schedule` wrote: WORK/SIZE-schedule/roster.csv, compliance.csv, shortfalls.csv.
struct ScheduleOutputs {
    /// Rows of roster.csv below the header: one per session.
    var sessions: Int
    /// Rows of compliance.csv below the header (rule checks), and those whose last column `ok` is `yes`.
    var checks: Int
    var checksMet: Int
    /// Rows of shortfalls.csv below the header.
    var shortfalls: Int

    /// Reads the three files of `dir`; throws naming the first that is missing or unreadable.
    init(dir: String) throws {
        func records(_ name: String) throws -> [[String]] {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw IOError(description: "no \(path)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw IOError(description: "\(path) is not UTF-8")
            }
            let rows = parseCSV(text).map(\.fields)
            guard !rows.isEmpty else { throw IOError(description: "\(path) is empty (no header row)") }
            return rows
        }
        sessions = try records("roster.csv").count - 1
        let compliance = try records("compliance.csv").dropFirst()
        checks = compliance.count
        checksMet = compliance.filter { $0.last == "yes" }.count
        shortfalls = try records("shortfalls.csv").count - 1
    }
}

// MARK: - Reading the reference solvers' output

enum PeerOutput {
    /// glpsol's `-o` report: `Status:     INTEGER OPTIMAL` and `Objective:  obj = 1234 (MAXimum)`.
    static func glpsol(solutionFile path: String) -> (status: String, objective: Double?) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ("no solution file", nil) }
        var status = "unknown", objective: Double?
        for line in text.split(separator: "\n").prefix(20) {
            if line.hasPrefix("Status:") {
                status = line.dropFirst("Status:".count).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("Objective:"), let eq = line.firstIndex(of: "=") {
                let rest = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                objective = Double(rest.split(separator: " ").first.map(String.init) ?? "")
            }
        }
        // An undefined or empty solution has no meaningful objective.
        if status.contains("UNDEFINED") || status.contains("EMPTY") || status.contains("INFEASIBLE") { objective = nil }
        return (status, objective)
    }

    /// CBC's log: `Result - Optimal solution found` and `Objective value:   1234.000`.
    static func cbc(log path: String) -> (status: String, objective: Double?) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ("no log", nil) }
        var status = "unknown", objective: Double?
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Result - ") {
                status = String(line.dropFirst("Result - ".count))
            } else if line.hasPrefix("Objective value:") {
                objective = Double(line.dropFirst("Objective value:".count).trimmingCharacters(in: .whitespaces))
            }
        }
        return (status, objective)
    }
}

func mib(_ x: Double?) -> String { x.map { String(format: "%.0f", $0) } ?? "—" }

func format(_ x: Double?) -> String {
    guard let x else { return "—" }
    return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.10g", x)
}
