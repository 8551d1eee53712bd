import Dispatch
import Foundation
import GLPK

extension TownshipPartition {
    /// The column generation of one part of the firm–township graph: the part's data, the
    /// territories generated so far (the master's columns) and the GLPK solves made.
    struct PartSearch {
        let solver: TownshipPartition
        let part: (firms: [Int], townships: [Int])
        let reaches: [FirmReach]
        let villagesOf: [[VillageIndex]]
        let started: DispatchTime
        /// Row of each township of the part in the master.
        let townshipRow: [Int: Int]
        /// M per village of the part: the master's objective is this plus its territories' values.
        let constant: Double
        /// Territories valued so far, by firm of the part (shared with the pricing threads).
        let valued: [Valued]
        /// The master's columns.
        var columns: [Territory] = []
        /// Territory key → its column.
        var known: [String: Int] = [:]
        var solves = 0

        /// What column generation ended with.
        struct Relaxation {
            /// The last LP of the master.
            var lp: Solution
            /// Stopped by the time limit or an interrupt.
            var timedOut = false
            /// The best Lagrangian bound on the LP so far (without the constant).
            var lagrangian = -Double.infinity
            /// Whether that bound stopped column generation (the LP is then proven within the gap,
            /// not solved).
            var stoppedByBound = false
            /// The duals of the best bound (the stability centre).
            var center: (mu: [Double], nu: [Double])? = nil
        }

        /// Starts with every single township a firm can serve, and every pair of adjacent ones.
        init(
            _ solver: TownshipPartition, part: (firms: [Int], townships: [Int]), reaches: [FirmReach],
            villagesOf: [[VillageIndex]], started: DispatchTime
        ) throws {
            self.solver = solver
            self.part = part
            self.reaches = reaches
            self.villagesOf = villagesOf
            self.started = started
            townshipRow = Dictionary(uniqueKeysWithValues: part.townships.enumerated().map { ($1, $0) })
            let villageCount = part.townships.reduce(0) { $0 + villagesOf[$1].count }
            constant = Double(villageCount) * solver.p.uncoveredPenalty
            let valued = part.firms.map { _ in Valued() }
            self.valued = valued
            let firms = part.firms
            let starts = try ParallelSolves.map(count: firms.count, threads: solver.threads) {
                i -> ([Territory], Int) in
                let reach = reaches[firms[i]]
                var found: [Territory] = []
                var n = 0
                let inReach = Set(reach.townships)
                for t in reach.townships {
                    var sets = [[t]]
                    for u in solver.p.townshipAdjacency[t] where u > t && inReach.contains(u) { sets.append([t, u]) }
                    for set in sets {
                        let territory = try solver.value(reach, set, villagesOf: villagesOf, solves: &n)
                        valued[i].territories[TownshipPartition.key(reach.firm, set)] = territory
                        if let territory { found.append(territory) }
                    }
                }
                return (found, n)
            }
            for (found, n) in starts {
                solves += n
                for t in found {
                    known[TownshipPartition.key(t.firm, t.townships)] = columns.count
                    columns.append(t)
                }
            }
        }

        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

        /// Whether the time limit has passed or an interrupt was requested.
        var shouldStop: Bool {
            (solver.timeLimit.map { elapsed() > $0 } ?? false) || (solver.options.interrupt?.isRequested ?? false)
        }

        /// Adds territory `t` of reach `r` as a column unless it is one already; whether it was added.
        mutating func add(_ t: Territory, reach r: Int) -> Bool {
            let k = TownshipPartition.key(reaches[r].firm, t.townships)
            guard known[k] == nil else { return false }
            known[k] = columns.count
            columns.append(t)
            return true
        }

        /// Solves the master over the columns so far (LP, or the integer master).
        mutating func master(integer: Bool, incumbent: [Double]?) throws -> Solution {
            solves += 1
            return try solver.solveMaster(
                columns, part: part, reaches: reaches, townshipRow: townshipRow, integer: integer,
                incumbent: incumbent)
        }

        /// Column generation on the master's LP.
        mutating func solveRelaxation() throws -> Relaxation {
            var r = Relaxation(lp: try master(integer: false, incumbent: nil))
            var previous = Double.infinity
            var smoothing = Self.smoothingWeight
            while true {
                guard r.lp.status == .optimal, let z = r.lp.objective else { break }
                let mu = Array(r.lp.duals[0..<part.townships.count])
                let nu = Array(r.lp.duals[part.townships.count...])
                // Tailing off: the objective no longer moves by more than the gap allows. Price every
                // firm in full for its least reduced cost then, which bounds the LP, and stop once
                // that bound is within the gap.
                if solver.boundEveryRound || previous - z <= solver.allowance(z + constant) {
                    if try priceInFull(mu: mu, nu: nu, objective: z, smoothing: &smoothing, relaxation: &r) { break }
                    previous = z
                    if shouldStop {
                        r.timedOut = true
                        break
                    }
                } else {
                    previous = z
                    if try pricePartially(mu: mu, nu: nu, lp: r.lp) == 0 { break }
                    if shouldStop {
                        r.timedOut = true
                        break
                    }
                }
                r.lp = try master(integer: false, incumbent: nil)
            }
            return r
        }

        /// The weight of the stability centre in the smoothed duals (Wentges).
        static let smoothingWeight = 0.5

        /// Prices every firm in full for its least reduced cost, which bounds the LP (Farley; Lasdon:
        /// each firm's row is a convexity row, so a plan gains at most one territory's reduced cost
        /// per firm). The duals priced are smoothed (Wentges): a convex combination of those that gave
        /// the best bound so far and the master's, which damps the jumps of degenerate duals.
        /// Whether column generation is done (the LP optimal, or its bound within the gap).
        mutating func priceInFull(
            mu: [Double], nu: [Double], objective z: Double, smoothing: inout Double, relaxation r: inout Relaxation
        ) throws -> Bool {
            let muBar = mu.map { min(0, $0) }
            let nuBar = nu.map { min(0, $0) }
            let weight = r.center == nil ? 0 : smoothing
            let muSep = zip(r.center?.mu ?? muBar, muBar).map { weight * $0 + (1 - weight) * $1 }
            let nuSep = zip(r.center?.nu ?? nuBar, nuBar).map { weight * $0 + (1 - weight) * $1 }
            let (me, firms, reaches, townshipRow, villagesOf, valued) =
                (solver, part.firms, reaches, townshipRow, villagesOf, valued)
            let priced = try ParallelSolves.map(count: firms.count, threads: solver.threads) {
                i -> ([Territory], Double, Int) in
                var n = 0
                let r = try me.leastReducedCost(
                    reaches[firms[i]], mu: muSep, nu: nuSep[i], townshipRow: townshipRow, threshold: 0,
                    villagesOf: villagesOf, valued: valued[i], solves: &n)
                return (r.found, r.least, n)
            }
            // L(μ) = Σ_t μ_t + Σ_f min(ν_f, min_S val − μ(S)) ≤ the LP over every territory.
            var bound = muSep.reduce(0, +)
            var pricesOut = false
            var added = 0
            for (i, (found, least, n)) in priced.enumerated() {
                solves += n
                bound += nuSep[i] + least
                for t in found.suffix(3) {
                    guard add(t, reach: firms[i]) else { continue }
                    added += 1
                    let rc = t.value - t.townships.reduce(nu[i]) { $0 + mu[townshipRow[$1]!] }
                    if rc < -1e-7 * max(1, abs(reaches[firms[i]].bestGain)) { pricesOut = true }
                }
            }
            if bound > r.lagrangian {
                r.lagrangian = bound
                r.center = (muSep, nuSep)
            }
            if debugTiming {
                FileHandle.standardError.write(
                    "township master: LP \(z), Lagrangian bound \(bound) at weight \(weight), LP − best bound \(z - r.lagrangian), added \(added), \(elapsed()) s\n"
                        .data(using: .utf8)!)
            }
            // Nothing new prices out at the master's own duals: the LP is optimal.
            if weight == 0 && added == 0 { return true }
            if z - r.lagrangian <= solver.allowance(z + constant) {
                r.stoppedByBound = true
                return true
            }
            // Smoothed duals that price out nothing at the master's (a mis-price): the master's
            // own next, which either finds a territory or proves the LP.
            smoothing = pricesOut || weight == 0 ? Self.smoothingWeight : 0
            return false
        }

        /// Partial pricing: a few territories per firm a round (firms on two threads); a round that
        /// finds none searched everything, which proves the LP optimal. The columns added.
        mutating func pricePartially(mu: [Double], nu: [Double], lp: Solution) throws -> Int {
            let (me, firms, reaches, townshipRow, villagesOf, valued) =
                (solver, part.firms, reaches, townshipRow, villagesOf, valued)
            let priced = try ParallelSolves.map(count: firms.count, threads: solver.threads) {
                i -> ([Territory], Int) in
                var n = 0
                let found = try me.enumerate(
                    reaches[firms[i]], mu: mu, nu: nu[i], townshipRow: townshipRow, threshold: 0,
                    villagesOf: villagesOf, valued: valued[i], solves: &n, limit: 3)
                return (found, n)
            }
            var added = 0
            for (i, (found, n)) in priced.enumerated() {
                solves += n
                for t in found where add(t, reach: firms[i]) { added += 1 }
            }
            if debugTiming {
                FileHandle.standardError.write(
                    "township master: \(columns.count) territories, LP \(lp.objective ?? .nan), added \(added), \(solves) solves, \(elapsed()) s\n"
                        .data(using: .utf8)!)
            }
            return added
        }

        /// The integer master on the territories generated, then again with every territory whose
        /// reduced cost is below the gap, until none is missing (which makes it exact).
        mutating func solveInteger(_ r: Relaxation) throws -> PartResult {
            let lp = r.lp
            // Stopped by the bound, the LP's value is only proven within the gap of the bound.
            let relaxation = (r.stoppedByBound ? r.lagrangian : (lp.objective ?? 0)) + constant
            var exact = !r.stoppedByBound
            var chosen = lp.values.isEmpty ? [] : (0..<lp.values.count).filter { lp.values[$0] > 1 - 1e-6 }
            let integral = !lp.values.isEmpty && lp.values.allSatisfy { abs($0 - $0.rounded()) <= 1e-6 }
            var optimal = lp.status == .optimal && !r.timedOut
            var bound = optimal ? relaxation : -Double.infinity
            if !integral || !optimal {
                var incumbent: [Double]? = nil
                while true {
                    let s = try master(integer: true, incumbent: incumbent)
                    guard !s.values.isEmpty else {
                        optimal = false
                        break
                    }
                    chosen = (0..<columns.count).filter { s.values[$0] > 0.5 }
                    let objective = (s.objective ?? 0) + constant
                    if s.status != .optimal || !optimal {
                        optimal = false
                        bound = max(bound, (s.bound ?? -.infinity) + constant)
                        break
                    }
                    // Territories that could beat the plan: reduced cost below the integrality gap.
                    let gap = objective - relaxation
                    if r.stoppedByBound && gap <= solver.allowance(objective) {
                        bound = relaxation
                        break
                    }
                    if try addBelowGap(r, gap: gap, objective: objective) == 0 {
                        // Every territory that could beat the plan is in the master: exact.
                        bound = min(objective, max(relaxation, (s.bound ?? relaxation) + constant))
                        exact = true
                        break
                    }
                    var start = [Double](repeating: 0, count: columns.count)
                    for j in chosen { start[j] = 1 }
                    incumbent = start
                }
            }
            let objective = chosen.reduce(constant) { $0 + columns[$1].value }
            return PartResult(
                territories: chosen.map { columns[$0] }, optimal: optimal, exact: optimal && exact,
                bound: optimal && exact ? objective : bound, solves: solves)
        }

        /// Adds every territory whose reduced cost is below `gap`, at the duals the relaxation bound
        /// was found with (a plan with a territory of reduced cost rc costs at least that bound +
        /// rc); the columns added.
        mutating func addBelowGap(_ r: Relaxation, gap: Double, objective: Double) throws -> Int {
            let mu = r.stoppedByBound ? r.center!.mu : Array(r.lp.duals[0..<part.townships.count])
            let nu = r.stoppedByBound ? r.center!.nu : Array(r.lp.duals[part.townships.count...])
            var added = 0
            for (i, f) in part.firms.enumerated() {
                let found = try solver.enumerate(
                    reaches[f], mu: mu, nu: nu[i], townshipRow: townshipRow,
                    threshold: gap + 1e-9 * max(1, abs(objective)), villagesOf: villagesOf,
                    valued: valued[i], solves: &solves)
                for t in found where add(t, reach: f) { added += 1 }
            }
            return added
        }
    }
}
