import Foundation
import GLPK

/// One generalised assignment problem from OR-Library (see ../shared/benchmarks/gap/README.md).
struct GAPInstance {
    /// Agents.
    let m: Int
    /// Jobs.
    let n: Int
    /// `cost[i][j]`: cost (or profit) of giving job j to agent i.
    let cost: [[Int]]
    /// `resource[i][j]`: what job j uses of agent i's capacity.
    let resource: [[Int]]
    /// `capacity[i]`.
    let capacity: [Int]

    enum ParseError: Error, CustomStringConvertible {
        case notAnInteger(String)
        case truncated(String)
        case leftover(Int)
        var description: String {
            switch self {
            case .notAnInteger(let t): return "token '\(t)' is not an integer"
            case .truncated(let what): return "file ended while reading \(what)"
            case .leftover(let n): return "\(n) tokens left after the last problem"
            }
        }
    }

    /// Parses a `gapK.txt` file: P, then P problems; whitespace (including line breaks) separates tokens.
    static func parseFile(_ url: URL) throws -> [GAPInstance] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var tokens = try text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).map {
            token -> Int in
            guard let v = Int(token) else { throw ParseError.notAnInteger(String(token)) }
            return v
        }[...]
        func take(_ what: String) throws -> Int {
            guard let v = tokens.popFirst() else { throw ParseError.truncated(what) }
            return v
        }
        func matrix(_ rows: Int, _ cols: Int, _ what: String) throws -> [[Int]] {
            try (0..<rows).map { _ in try (0..<cols).map { _ in try take(what) } }
        }
        let count = try take("the problem count")
        var problems: [GAPInstance] = []
        for _ in 0..<count {
            let m = try take("m"), n = try take("n")
            let c = try matrix(m, n, "costs"), a = try matrix(m, n, "resources")
            let b = try (0..<m).map { _ in try take("capacities") }
            problems.append(GAPInstance(m: m, n: n, cost: c, resource: a, capacity: b))
        }
        if !tokens.isEmpty { throw ParseError.leftover(tokens.count) }
        return problems
    }

    /// The 0-1 model: x[i][j] binary, Σ_i x[i][j] = 1 per job, Σ_j a[i][j] x[i][j] ≤ b[i] per agent.
    /// Variable x[i][j] has index `i * n + j`.
    func program(sense: LinearProgram.Sense) -> LinearProgram {
        var p = LinearProgram(name: "gap_\(m)x\(n)", sense: sense)
        var x: [[LinearProgram.Variable]] = []
        for i in 0..<m {
            x.append((0..<n).map { j in p.addBinary(name: "x_\(i + 1)_\(j + 1)", objective: Double(cost[i][j])) })
        }
        for j in 0..<n {
            p.addConstraint(name: "job_\(j + 1)", terms: (0..<m).map { (x[$0][j], 1.0) }, bounds: .exactly(1))
        }
        for i in 0..<m {
            p.addConstraint(
                name: "cap_\(i + 1)", terms: (0..<n).map { (x[i][$0], Double(resource[i][$0])) },
                bounds: .atMost(Double(capacity[i])))
        }
        return p
    }
}
