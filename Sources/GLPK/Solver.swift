import CGLPKGuard
import Foundation

/// Settings for one solve.
public struct SolverOptions: Sendable {
    /// Which simplex method solves the LP relaxation.
    public enum Method: Sendable {
        /// Primal simplex.
        case primal
        /// Dual simplex with the long-step ("flip") ratio test, falling back to primal.
        /// About 1.7× faster on the assignment shape (../shared/GLPK-NOTES.md).
        case dual
    }

    /// Wall-clock limit in seconds, or `nil` for none.
    public var timeLimit: Double?
    /// Relative MIP gap at which branch and bound stops (GLPK's `mip_gap`).
    public var relativeGap: Double
    /// Whether to run GLPK's LP presolver.
    public var presolve: Bool
    /// The simplex method.
    public var method: Method
    /// Receives GLPK's terminal output; `nil` discards it (the default: GLPK never prints).
    public var log: (@Sendable (String) -> Void)?

    /// Makes options; the defaults suit the assignment models.
    public init(
        timeLimit: Double? = nil, relativeGap: Double = 1e-4, presolve: Bool = true,
        method: Method = .dual, log: (@Sendable (String) -> Void)? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.method = method
        self.log = log
    }
}

/// How a solve ended.
public enum SolveStatus: String, Sendable, Codable {
    /// Proven optimal (a MIP: within the requested relative gap).
    case optimal
    /// A feasible solution, but the time limit stopped the search: see the gap.
    case feasible
    /// No solution satisfies the constraints.
    case infeasible
    /// The objective can improve without limit.
    case unbounded
    /// The time limit ran out before any feasible solution was found.
    case timeLimit = "time_limit"
}

/// The result of one solve.
public struct Solution: Sendable {
    /// How the solve ended.
    public var status: SolveStatus
    /// Makes a solution (the solver fills these in; tests and trivial cases may too).
    public init(status: SolveStatus, objective: Double?, bound: Double?, relaxationObjective: Double?,
                values: [Double], duals: [Double], isMIP: Bool) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.relaxationObjective = relaxationObjective
        self.values = values
        self.duals = duals
        self.isMIP = isMIP
    }

    /// The objective of the solution found (`nil` without one).
    public var objective: Double?
    /// The best proven bound on the optimum (a lower bound when minimising).
    public var bound: Double?
    /// The optimum of the LP relaxation, when it was solved.
    public var relaxationObjective: Double?
    /// Variable values, indexed like the program's variables (empty without a solution).
    public var values: [Double]
    /// Dual values of the LP relaxation's constraints (empty unless it was solved to optimality).
    public var duals: [Double]
    /// Whether the program had integer variables.
    public var isMIP: Bool

    /// The value of one variable.
    public func value(_ variable: LinearProgram.Variable) -> Double { values[variable.index] }

    /// The relative gap `|objective − bound| / max(1, |objective|)`, or `nil` without both.
    public var gap: Double? {
        guard let objective, let bound else { return nil }
        return abs(objective - bound) / max(1, abs(objective))
    }
}

/// Solves ``LinearProgram``s with GLPK, safely.
///
/// Each call builds, solves, reads back and frees the GLPK problem synchronously on the calling
/// thread, so independent programs can be solved on different threads at once.
public enum Solver {
    /// GLPK's version string, e.g. "5.0".
    public static var glpkVersion: String { String(cString: vc_glpk_version()) }

    /// Solves `program`.
    ///
    /// - Throws: ``GLPKError/invalidModel(_:)`` before calling GLPK if the program is malformed;
    ///   ``GLPKError/invalidOptions(_:)`` for out-of-range options;
    ///   ``GLPKError/solverFailure(code:message:)`` when GLPK reports an error.
    public static func solve(_ program: LinearProgram, options: SolverOptions = SolverOptions()) throws -> Solution {
        try program.validate()
        try check(options)
        var values = [Double](repeating: 0, count: program.variableCount)
        var duals = [Double](repeating: 0, count: program.constraintCount)
        let raw = try run(program, options: options, lpPath: nil, solve: true, values: &values, duals: &duals)
        let status: SolveStatus
        switch Int(raw.status) {
        case VC_STATUS_OPTIMAL: status = .optimal
        case VC_STATUS_FEASIBLE: status = .feasible
        case VC_STATUS_INFEASIBLE: status = .infeasible
        case VC_STATUS_UNBOUNDED: status = .unbounded
        case VC_STATUS_NO_SOLUTION: status = .timeLimit
        default:
            throw GLPKError.solverFailure(code: Int(raw.glpk_code), message: raw.message)
        }
        let hasSolution = status == .optimal || status == .feasible
        let hasBound = hasSolution || (status == .timeLimit && raw.is_mip != 0 && raw.has_duals != 0)
        return Solution(
            status: status,
            objective: hasSolution ? raw.objective : nil,
            bound: hasBound && abs(raw.bound) < 1e300 ? raw.bound : nil,
            relaxationObjective: raw.has_duals != 0 ? raw.lp_objective : nil,
            values: hasSolution ? values : [],
            duals: raw.has_duals != 0 ? duals : [],
            isMIP: raw.is_mip != 0)
    }

    /// Writes `program` in CPLEX LP format (GLPK's writer), atomically: a temporary file in the
    /// same folder is renamed over `url` only when complete.
    ///
    /// - Throws: ``GLPKError/invalidModel(_:)`` or ``GLPKError/writeFailed(path:message:)``.
    public static func writeCPLEXLP(_ program: LinearProgram, to url: URL) throws {
        try program.validate()
        var program = program
        if program.objectiveConstant != 0 {
            // GLPK's CPLEX LP writer drops the objective constant; carry it as a variable fixed at 1.
            program.addVariable(name: "objective_constant", bounds: .exactly(1), objective: program.objectiveConstant)
            program.objectiveConstant = 0
        }
        // The file format needs distinct names; the user's names win, the carrier yields.
        program.makeNamesUnique()
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        var values: [Double] = []
        var duals: [Double] = []
        let raw = try run(program, options: SolverOptions(), lpPath: temporary.path, solve: false, values: &values, duals: &duals)
        guard Int(raw.status) == VC_STATUS_WRITTEN else {
            try? FileManager.default.removeItem(at: temporary)
            throw GLPKError.writeFailed(path: url.path, message: raw.message)
        }
        // rename(2) replaces the old file in one step: a reader sees the old file or the new one.
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw GLPKError.writeFailed(path: url.path, message: reason)
        }
    }

    private static func check(_ options: SolverOptions) throws {
        if let limit = options.timeLimit, !(limit > 0 && limit <= 86_400 * 7) {
            throw GLPKError.invalidOptions("time limit must be between 0 and 604800 seconds, got \(limit)")
        }
        if !(options.relativeGap >= 0 && options.relativeGap < 1) {
            throw GLPKError.invalidOptions("relative gap must be in [0, 1), got \(options.relativeGap)")
        }
    }

    /// Receives GLPK's output through the C guard's log callback.
    private final class LogSink {
        let forward: @Sendable (String) -> Void
        init(_ forward: @escaping @Sendable (String) -> Void) { self.forward = forward }
    }

    private static func run(
        _ p: LinearProgram, options: SolverOptions, lpPath: String?, solve: Bool,
        values: inout [Double], duals: inout [Double]
    ) throws -> vc_result {
        let n = p.variableCount
        let m = p.constraintCount
        let nnz = p.nonZeroCount
        // 1-based matrix arrays, as GLPK wants them.
        var ia = [Int32](repeating: 0, count: nnz + 1)
        var ja = [Int32](repeating: 0, count: nnz + 1)
        var ar = [Double](repeating: 0, count: nnz + 1)
        for i in 0..<m {
            for k in p.rowStarts[i]..<p.rowStarts[i + 1] {
                ia[k + 1] = Int32(i + 1)
                ja[k + 1] = Int32(p.termVariables[k] + 1)
                ar[k + 1] = p.termCoefficients[k]
            }
        }
        func encode(_ b: LinearProgram.Bounds) -> (Int32, Double, Double) {
            switch (b.lower.isFinite, b.upper.isFinite) {
            case (false, false): return (Int32(VC_FREE), 0, 0)
            case (true, false): return (Int32(VC_LOWER), b.lower, 0)
            case (false, true): return (Int32(VC_UPPER), 0, b.upper)
            case (true, true): return (b.lower == b.upper ? Int32(VC_FIXED) : Int32(VC_DOUBLE), b.lower, b.upper)
            }
        }
        var colType = [Int32](), colLB = [Double](), colUB = [Double](), colKind = [Int32]()
        colType.reserveCapacity(n); colLB.reserveCapacity(n); colUB.reserveCapacity(n); colKind.reserveCapacity(n)
        for j in 0..<n {
            var bounds = p.variableBounds[j]
            if p.variableKinds[j] == .integer {
                // glp_intopt requires integer bounds on integer variables (else GLP_EBOUND);
                // a bound within 1e-9 of an integer is that integer.
                func snap(_ x: Double, _ rule: FloatingPointRoundingRule) -> Double {
                    abs(x - x.rounded()) <= 1e-9 ? x.rounded() : x.rounded(rule)
                }
                bounds.lower = snap(bounds.lower, .up)
                bounds.upper = snap(bounds.upper, .down)
            }
            let (t, l, u) = encode(bounds)
            colType.append(t); colLB.append(l); colUB.append(u)
            colKind.append(p.variableKinds[j] == .integer ? Int32(VC_INTEGER) : Int32(VC_CONTINUOUS))
        }
        var rowType = [Int32](), rowLB = [Double](), rowUB = [Double]()
        for i in 0..<m {
            let (t, l, u) = encode(p.constraintBounds[i])
            rowType.append(t); rowLB.append(l); rowUB.append(u)
        }
        // Names only when a file is written: GLPK keeps an index of them, which costs time.
        let colNames: [UnsafeMutablePointer<CChar>?] = lpPath == nil ? [] : p.variableNames.map { strdup($0) }
        let rowNames: [UnsafeMutablePointer<CChar>?] = lpPath == nil ? [] : p.constraintNames.map { strdup($0) }
        defer {
            colNames.forEach { free($0) }
            rowNames.forEach { free($0) }
        }
        let sink = options.log.map { LogSink($0) }
        let sinkPointer = sink.map { Unmanaged.passUnretained($0).toOpaque() }
        var result = vc_result()
        let limitMs = options.timeLimit.map { Int32(max(1, min(($0 * 1000).rounded(.up), Double(Int32.max)))) } ?? 0

        withExtendedLifetime(sink) {
            p.objective.withUnsafeBufferPointer { obj in
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
            colNames.map { UnsafePointer($0) }.withUnsafeBufferPointer { cn in
            rowNames.map { UnsafePointer($0) }.withUnsafeBufferPointer { rn in
            values.withUnsafeMutableBufferPointer { vals in
            duals.withUnsafeMutableBufferPointer { dls in
            p.name.withCString { name in
            (lpPath ?? "").withCString { path in
                var model = vc_model(
                    rows: Int32(m), cols: Int32(n), minimize: p.sense == .minimize ? 1 : 0,
                    obj_const: p.objectiveConstant, obj: obj.baseAddress, col_kind: kind.baseAddress,
                    col_type: ct.baseAddress, col_lb: cl.baseAddress, col_ub: cu.baseAddress,
                    row_type: rt.baseAddress, row_lb: rl.baseAddress, row_ub: ru.baseAddress,
                    nnz: Int32(nnz), ia: iap.baseAddress, ja: jap.baseAddress, ar: arp.baseAddress,
                    col_names: lpPath == nil ? nil : cn.baseAddress,
                    row_names: lpPath == nil ? nil : rn.baseAddress, name: name)
                var opts = vc_options(
                    time_limit_ms: limitMs, mip_gap: options.relativeGap,
                    presolve: options.presolve ? 1 : 0, dual_simplex: options.method == .dual ? 1 : 0,
                    solve: solve ? 1 : 0, lp_path: lpPath == nil ? nil : path,
                    log: sink == nil ? nil : { ctx, text in
                        guard let ctx, let text else { return }
                        Unmanaged<LogSink>.fromOpaque(ctx).takeUnretainedValue().forward(String(cString: text))
                    },
                    log_ctx: sinkPointer)
                result.col_values = vals.baseAddress
                result.row_duals = dls.baseAddress
                _ = vc_solve(&model, &opts, &result)
                result.col_values = nil
                result.row_duals = nil
            }}}}}}}}}}}}}}}}}
        }
        return result
    }
}

extension vc_result {
    /// The guard's error text as a Swift string.
    var message: String {
        withUnsafeBytes(of: error) { raw in
            let bytes = raw.bindMemory(to: CChar.self)
            return String(cString: bytes.baseAddress!).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
