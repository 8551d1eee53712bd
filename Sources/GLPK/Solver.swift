import CGLPKGuard
import Foundation

/// How a solve ended.
public enum SolveStatus: String, Sendable, Codable {
    /// Proven optimal (a MIP: within the requested relative gap).
    case optimal
    /// A feasible solution, but the time limit (or an interrupt) stopped the search: see the gap.
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
    public init(
        status: SolveStatus, objective: Double?, bound: Double?, relaxationObjective: Double?,
        values: [Double], duals: [Double], isMIP: Bool
    ) {
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
    /// Reduced costs of the LP relaxation's variables (empty unless it was solved to optimality).
    public var reducedCosts: [Double] = []
    /// The LP relaxation's final basis (to warm-start a related program), when it was solved.
    public var basis: Basis?
    /// Whether an ``InterruptFlag`` stopped branch and bound.
    public var interrupted = false
    /// Whether GLPK took ``SolverOptions/incumbent`` as its first incumbent.
    public var incumbentAccepted = false
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
    ///   ``GLPKError/invalidOptions(_:)`` for out-of-range options, a starting basis of the wrong
    ///   size or an incumbent that is not a solution; ``GLPKError/solverFailure(code:message:)``
    ///   when GLPK reports an error.
    public static func solve(_ program: LinearProgram, options: SolverOptions = SolverOptions()) throws -> Solution {
        try program.validate()
        try check(options, for: program)
        let n = program.variableCount, m = program.constraintCount
        var out = Outputs(rows: m, columns: n)
        let raw = try run(program, options: options, lpPath: nil, solve: true, outputs: &out)
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
        var solution = Solution(
            status: status,
            objective: hasSolution ? raw.objective : nil,
            bound: hasBound && abs(raw.bound) < 1e300 ? raw.bound : nil,
            relaxationObjective: raw.has_duals != 0 ? raw.lp_objective : nil,
            values: hasSolution ? out.values : [],
            duals: raw.has_duals != 0 ? out.duals : [],
            isMIP: raw.is_mip != 0)
        if raw.has_duals != 0 { solution.reducedCosts = out.reducedCosts }
        if raw.has_basis != 0 {
            solution.basis = Basis(
                rows: out.basisRows.map { Basis.Status(rawValue: $0) ?? .basic },
                columns: out.basisColumns.map { Basis.Status(rawValue: $0) ?? .atLower })
        }
        solution.interrupted = raw.interrupted != 0
        solution.incumbentAccepted = raw.start_accepted != 0
        return solution
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
        var out = Outputs(rows: 0, columns: 0)
        let raw = try run(program, options: SolverOptions(), lpPath: temporary.path, solve: false, outputs: &out)
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

    private static func check(_ options: SolverOptions, for program: LinearProgram) throws {
        if let limit = options.timeLimit, !(limit > 0 && limit <= 86_400 * 7) {
            throw GLPKError.invalidOptions("time limit must be between 0 and 604800 seconds, got \(limit)")
        }
        if !(options.relativeGap >= 0 && options.relativeGap < 1) {
            throw GLPKError.invalidOptions("relative gap must be in [0, 1), got \(options.relativeGap)")
        }
        if let basis = options.startingBasis {
            guard basis.rows.count == program.constraintCount, basis.columns.count == program.variableCount else {
                throw GLPKError.invalidOptions(
                    "the starting basis has \(basis.rows.count) rows and \(basis.columns.count) columns; the program has \(program.constraintCount) and \(program.variableCount)"
                )
            }
        }
        if let incumbent = options.incumbent {
            if let problem = program.infeasibility(of: incumbent) {
                throw GLPKError.invalidOptions("the incumbent offered is not a solution: \(problem)")
            }
        }
    }

    // MARK: The call into the guard

    /// Caller-owned arrays the guard writes into.
    private struct Outputs {
        var values: [Double]
        var duals: [Double]
        var reducedCosts: [Double]
        var basisRows: [Int32]
        var basisColumns: [Int32]
        init(rows: Int, columns: Int) {
            values = [Double](repeating: 0, count: columns)
            duals = [Double](repeating: 0, count: rows)
            reducedCosts = [Double](repeating: 0, count: columns)
            basisRows = [Int32](repeating: 0, count: rows)
            basisColumns = [Int32](repeating: 0, count: columns)
        }
    }

    /// The program as the plain arrays `vc_model` points into, owned until ``deallocate()``.
    private struct ModelArrays {
        var objective: UnsafeMutableBufferPointer<Double>
        var columnKind, columnType, rowType: UnsafeMutableBufferPointer<Int32>
        var columnLower, columnUpper, rowLower, rowUpper: UnsafeMutableBufferPointer<Double>
        var ia, ja: UnsafeMutableBufferPointer<Int32>
        var ar: UnsafeMutableBufferPointer<Double>
        var columnNames, rowNames: [UnsafeMutablePointer<CChar>?]

        init(_ p: LinearProgram, withNames: Bool) {
            let n = p.variableCount, m = p.constraintCount, nnz = p.nonZeroCount
            objective = .allocate(capacity: max(1, n))
            columnKind = .allocate(capacity: max(1, n))
            columnType = .allocate(capacity: max(1, n))
            columnLower = .allocate(capacity: max(1, n))
            columnUpper = .allocate(capacity: max(1, n))
            rowType = .allocate(capacity: max(1, m))
            rowLower = .allocate(capacity: max(1, m))
            rowUpper = .allocate(capacity: max(1, m))
            // 1-based matrix arrays, as GLPK wants them.
            ia = .allocate(capacity: nnz + 1)
            ja = .allocate(capacity: nnz + 1)
            ar = .allocate(capacity: nnz + 1)
            ia[0] = 0
            ja[0] = 0
            ar[0] = 0
            for i in 0..<m {
                for k in p.rowStarts[i]..<p.rowStarts[i + 1] {
                    ia[k + 1] = Int32(i + 1)
                    ja[k + 1] = Int32(p.termVariables[k] + 1)
                    ar[k + 1] = p.termCoefficients[k]
                }
                (rowType[i], rowLower[i], rowUpper[i]) = Self.encode(p.constraintBounds[i])
            }
            for j in 0..<n {
                var bounds = p.variableBounds[j]
                if p.variableKinds[j] == .integer {
                    // glp_intopt requires integer bounds on integer variables (else GLP_EBOUND);
                    // a bound within 1e-9 of an integer is that integer.
                    bounds.lower = Self.snap(bounds.lower, .up)
                    bounds.upper = Self.snap(bounds.upper, .down)
                }
                (columnType[j], columnLower[j], columnUpper[j]) = Self.encode(bounds)
                columnKind[j] = p.variableKinds[j] == .integer ? Int32(VC_INTEGER) : Int32(VC_CONTINUOUS)
                objective[j] = p.objective[j]
            }
            // Names only when a file is written: GLPK keeps an index of them, which costs time.
            columnNames = withNames ? p.variableNames.map { strdup($0) } : []
            rowNames = withNames ? p.constraintNames.map { strdup($0) } : []
        }

        func deallocate() {
            for buffer in [objective, columnLower, columnUpper, rowLower, rowUpper, ar] { buffer.deallocate() }
            for buffer in [columnKind, columnType, rowType, ia, ja] { buffer.deallocate() }
            columnNames.forEach { free($0) }
            rowNames.forEach { free($0) }
        }

        static func snap(_ x: Double, _ rule: FloatingPointRoundingRule) -> Double {
            abs(x - x.rounded()) <= 1e-9 ? x.rounded() : x.rounded(rule)
        }

        static func encode(_ b: LinearProgram.Bounds) -> (Int32, Double, Double) {
            switch (b.lower.isFinite, b.upper.isFinite) {
            case (false, false): return (Int32(VC_FREE), 0, 0)
            case (true, false): return (Int32(VC_LOWER), b.lower, 0)
            case (false, true): return (Int32(VC_UPPER), 0, b.upper)
            case (true, true): return (b.lower == b.upper ? Int32(VC_FIXED) : Int32(VC_DOUBLE), b.lower, b.upper)
            }
        }
    }

    /// Receives GLPK's output and progress through the guard's callbacks.
    private final class Sinks {
        let log: (@Sendable (String) -> Void)?
        let progress: (@Sendable (SolverOptions.Progress) -> Void)?
        init(_ options: SolverOptions) {
            log = options.log
            progress = options.progress
        }
    }

    private static func run(
        _ p: LinearProgram, options: SolverOptions, lpPath: String?, solve: Bool,
        outputs out: inout Outputs
    ) throws -> vc_result {
        let arrays = ModelArrays(p, withNames: lpPath != nil)
        defer { arrays.deallocate() }
        let basisRows = options.startingBasis.map { $0.rows.map(\.rawValue) }
        let basisColumns = options.startingBasis.map { $0.columns.map(\.rawValue) }
        let sinks = Sinks(options)
        let context = Unmanaged.passUnretained(sinks).toOpaque()
        var result = vc_result()
        let limitMs = options.timeLimit.map { Int32(max(1, min(($0 * 1000).rounded(.up), Double(Int32.max)))) } ?? 0
        let columnNames = arrays.columnNames.map { UnsafePointer($0) }
        let rowNames = arrays.rowNames.map { UnsafePointer($0) }

        withExtendedLifetime(sinks) {
            columnNames.withUnsafeBufferPointer { cn in
                rowNames.withUnsafeBufferPointer { rn in
                    p.name.withCString { name in
                        (lpPath ?? "").withCString { path in
                            var model = vc_model(
                                rows: Int32(p.constraintCount), cols: Int32(p.variableCount),
                                minimize: p.sense == .minimize ? 1 : 0,
                                obj_const: p.objectiveConstant, obj: arrays.objective.baseAddress,
                                col_kind: arrays.columnKind.baseAddress,
                                col_type: arrays.columnType.baseAddress, col_lb: arrays.columnLower.baseAddress,
                                col_ub: arrays.columnUpper.baseAddress, row_type: arrays.rowType.baseAddress,
                                row_lb: arrays.rowLower.baseAddress, row_ub: arrays.rowUpper.baseAddress,
                                nnz: Int32(p.nonZeroCount), ia: arrays.ia.baseAddress, ja: arrays.ja.baseAddress,
                                ar: arrays.ar.baseAddress,
                                col_names: lpPath == nil ? nil : cn.baseAddress,
                                row_names: lpPath == nil ? nil : rn.baseAddress, name: name)
                            withOptionalBuffers(basisRows, basisColumns, options.incumbent) { bRows, bColumns, start in
                                var opts = vc_options(
                                    time_limit_ms: limitMs, mip_gap: options.relativeGap,
                                    presolve: options.presolve ? 1 : 0, dual_simplex: options.method == .dual ? 1 : 0,
                                    solve: solve ? 1 : 0, lp_path: lpPath == nil ? nil : path,
                                    log: sinks.log == nil
                                        ? nil
                                        : { ctx, text in
                                            guard let ctx, let text else { return }
                                            Unmanaged<Sinks>.fromOpaque(ctx).takeUnretainedValue().log?(
                                                String(cString: text))
                                        },
                                    log_ctx: context,
                                    basis_rows: bRows, basis_cols: bColumns,
                                    cuts: options.cuts.rawValue, heuristics: options.heuristics.rawValue,
                                    branching: Self.code(options.branching),
                                    selection: Self.code(options.nodeSelection),
                                    start: start,
                                    interrupt: options.interrupt.map { UnsafePointer($0.rawPointer) },
                                    progress: sinks.progress == nil
                                        ? nil
                                        : { ctx, has, incumbent, bound in
                                            guard let ctx else { return }
                                            Unmanaged<Sinks>.fromOpaque(ctx).takeUnretainedValue()
                                                .progress?(
                                                    SolverOptions.Progress(
                                                        incumbent: has != 0 ? incumbent : nil, bound: bound))
                                        },
                                    progress_ctx: context)
                                out.values.withUnsafeMutableBufferPointer { values in
                                    out.duals.withUnsafeMutableBufferPointer { duals in
                                        out.reducedCosts.withUnsafeMutableBufferPointer { reduced in
                                            out.basisRows.withUnsafeMutableBufferPointer { rowStatus in
                                                out.basisColumns.withUnsafeMutableBufferPointer { columnStatus in
                                                    result.col_values = values.baseAddress
                                                    result.row_duals = duals.baseAddress
                                                    result.col_duals = reduced.baseAddress
                                                    result.basis_rows_out = rowStatus.baseAddress
                                                    result.basis_cols_out = columnStatus.baseAddress
                                                    _ = vc_solve(&model, &opts, &result)
                                                    result.col_values = nil
                                                    result.row_duals = nil
                                                    result.col_duals = nil
                                                    result.basis_rows_out = nil
                                                    result.basis_cols_out = nil
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
        return result
    }

    /// Calls `body` with base addresses of the arrays given (nil for those absent or empty).
    private static func withOptionalBuffers<R>(
        _ a: [Int32]?, _ b: [Int32]?, _ c: [Double]?,
        _ body: (UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Double>?) -> R
    ) -> R {
        func with<T, S>(_ x: [T]?, _ f: (UnsafePointer<T>?) -> S) -> S {
            guard let x, !x.isEmpty else { return f(nil) }
            return x.withUnsafeBufferPointer { f($0.baseAddress) }
        }
        return with(a) { pa in with(b) { pb in with(c) { pc in body(pa, pb, pc) } } }
    }

    private static func code(_ b: SolverOptions.Branching) -> Int32 {
        switch b {
        case .driebeckTomlin: return Int32(VC_BRANCH_DEFAULT)
        case .pseudoCost: return Int32(VC_BRANCH_PSEUDOCOST)
        case .mostFractional: return Int32(VC_BRANCH_MOST_FRACTIONAL)
        }
    }

    private static func code(_ s: SolverOptions.NodeSelection) -> Int32 {
        switch s {
        case .bestBound: return Int32(VC_SELECT_DEFAULT)
        case .depthFirst: return Int32(VC_SELECT_DEPTH_FIRST)
        case .bestProjection: return Int32(VC_SELECT_BEST_PROJECTION)
        }
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
