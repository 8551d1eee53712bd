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
        let out = Outputs(rows: m, columns: n)
        defer { out.deallocate() }
        let raw = run(program, options: options, lpPath: nil, solve: true, outputs: out)
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
            values: hasSolution ? Outputs.array(out.values, n) : [],
            duals: raw.has_duals != 0 ? Outputs.array(out.duals, m) : [],
            isMIP: raw.is_mip != 0)
        if raw.has_duals != 0 { solution.reducedCosts = Outputs.array(out.reducedCosts, n) }
        if raw.has_basis != 0 {
            solution.basis = Basis(
                rows: out.basisRows[..<m].map { Basis.Status(rawValue: $0) ?? .basic },
                columns: out.basisColumns[..<n].map { Basis.Status(rawValue: $0) ?? .atLower })
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
        let out = Outputs(rows: 0, columns: 0)
        defer { out.deallocate() }
        let raw = run(program, options: SolverOptions(), lpPath: temporary.path, solve: false, outputs: out)
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

    /// Caller-owned buffers the guard writes into (each of at least one element, so that its
    /// address is never null), owned until ``deallocate()``.
    private struct Outputs {
        let values, duals, reducedCosts: UnsafeMutableBufferPointer<Double>
        let basisRows, basisColumns: UnsafeMutableBufferPointer<Int32>

        init(rows: Int, columns: Int) {
            values = Self.zeros(columns)
            duals = Self.zeros(rows)
            reducedCosts = Self.zeros(columns)
            basisRows = Self.zeros(rows)
            basisColumns = Self.zeros(columns)
        }

        /// `result` pointed at these buffers.
        func attach(to result: inout vc_result) {
            result.col_values = values.baseAddress
            result.row_duals = duals.baseAddress
            result.col_duals = reducedCosts.baseAddress
            result.basis_rows_out = basisRows.baseAddress
            result.basis_cols_out = basisColumns.baseAddress
        }

        /// `result` pointing nowhere again (the buffers are freed before it is read).
        static func detach(_ result: inout vc_result) {
            result.col_values = nil
            result.row_duals = nil
            result.col_duals = nil
            result.basis_rows_out = nil
            result.basis_cols_out = nil
        }

        /// The first `count` elements of `buffer`, copied out.
        static func array<T>(_ buffer: UnsafeMutableBufferPointer<T>, _ count: Int) -> [T] {
            Array(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }

        func deallocate() {
            for buffer in [values, duals, reducedCosts] { buffer.deallocate() }
            for buffer in [basisRows, basisColumns] { buffer.deallocate() }
        }

        private static func zeros<T: Numeric>(_ count: Int) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
            buffer.initialize(repeating: 0)
            return buffer
        }
    }

    /// The program and the options' arrays as the plain C memory `vc_model` and `vc_options`
    /// point into, copied once and owned until ``deallocate()``.
    private struct ModelArrays {
        var objective: UnsafeMutableBufferPointer<Double>
        var columnKind, columnType, rowType: UnsafeMutableBufferPointer<Int32>
        var columnLower, columnUpper, rowLower, rowUpper: UnsafeMutableBufferPointer<Double>
        var ia, ja: UnsafeMutableBufferPointer<Int32>
        var ar: UnsafeMutableBufferPointer<Double>
        /// The names, or `nil` when no file is written.
        var columnNames, rowNames: UnsafeMutableBufferPointer<UnsafePointer<CChar>?>?
        var name: UnsafeMutablePointer<CChar>
        var lpPath: UnsafeMutablePointer<CChar>?
        /// The starting basis and the incumbent offered, `nil` when absent or empty.
        var basisRows, basisColumns: UnsafeMutableBufferPointer<Int32>?
        var start: UnsafeMutableBufferPointer<Double>?

        init(_ p: LinearProgram, options: SolverOptions, lpPath: String?) {
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
            columnNames = lpPath == nil ? nil : Self.strings(p.variableNames)
            rowNames = lpPath == nil ? nil : Self.strings(p.constraintNames)
            name = strdup(p.name)
            self.lpPath = lpPath.map { strdup($0) }
            basisRows = Self.copy(options.startingBasis?.rows.map(\.rawValue))
            basisColumns = Self.copy(options.startingBasis?.columns.map(\.rawValue))
            start = Self.copy(options.incumbent)
        }

        func deallocate() {
            for buffer in [objective, columnLower, columnUpper, rowLower, rowUpper, ar] { buffer.deallocate() }
            for buffer in [columnKind, columnType, rowType, ia, ja] { buffer.deallocate() }
            for names in [columnNames, rowNames] {
                guard let names else { continue }
                for s in names { free(UnsafeMutablePointer(mutating: s)) }
                names.deallocate()
            }
            free(name)
            free(lpPath)
            basisRows?.deallocate()
            basisColumns?.deallocate()
            start?.deallocate()
        }

        /// The model as the guard reads it.
        func model(_ p: LinearProgram) -> vc_model {
            vc_model(
                rows: Int32(p.constraintCount), cols: Int32(p.variableCount),
                minimize: p.sense == .minimize ? 1 : 0,
                obj_const: p.objectiveConstant, obj: objective.baseAddress,
                col_kind: columnKind.baseAddress,
                col_type: columnType.baseAddress, col_lb: columnLower.baseAddress,
                col_ub: columnUpper.baseAddress, row_type: rowType.baseAddress,
                row_lb: rowLower.baseAddress, row_ub: rowUpper.baseAddress,
                nnz: Int32(p.nonZeroCount), ia: ia.baseAddress, ja: ja.baseAddress,
                ar: ar.baseAddress,
                col_names: columnNames?.baseAddress, row_names: rowNames?.baseAddress, name: name)
        }

        /// A copy of `array`, `nil` when it is absent or empty.
        static func copy<T>(_ array: [T]?) -> UnsafeMutableBufferPointer<T>? {
            guard let array, !array.isEmpty else { return nil }
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
            _ = buffer.initialize(from: array)
            return buffer
        }

        /// `strings` as C strings (each `strdup`ed).
        static func strings(_ strings: [String]) -> UnsafeMutableBufferPointer<UnsafePointer<CChar>?> {
            let buffer = UnsafeMutableBufferPointer<UnsafePointer<CChar>?>.allocate(capacity: max(1, strings.count))
            buffer.initialize(repeating: nil)
            for (i, s) in strings.enumerated() { buffer[i] = UnsafePointer(strdup(s)) }
            return buffer
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

        /// The guard's log callback: hands a line of GLPK's output to ``log``.
        static let logLine: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = {
            ctx, text in
            guard let ctx, let text else { return }
            Unmanaged<Sinks>.fromOpaque(ctx).takeUnretainedValue().log?(String(cString: text))
        }

        /// The guard's progress callback: hands branch and bound's incumbent and bound to ``progress``.
        static let progressReport: @convention(c) (UnsafeMutableRawPointer?, Int32, Double, Double) -> Void = {
            ctx, has, incumbent, bound in
            guard let ctx else { return }
            Unmanaged<Sinks>.fromOpaque(ctx).takeUnretainedValue().progress?(
                SolverOptions.Progress(incumbent: has != 0 ? incumbent : nil, bound: bound))
        }
    }

    /// Builds the guard's input once, calls it, and returns its result with `out` filled in.
    private static func run(
        _ p: LinearProgram, options: SolverOptions, lpPath: String?, solve: Bool, outputs out: Outputs
    ) -> vc_result {
        let arrays = ModelArrays(p, options: options, lpPath: lpPath)
        defer { arrays.deallocate() }
        let sinks = Sinks(options)
        var model = arrays.model(p)
        var opts = guardOptions(options, arrays: arrays, solve: solve, sinks: sinks)
        var result = vc_result()
        out.attach(to: &result)
        withExtendedLifetime(sinks) { _ = vc_solve(&model, &opts, &result) }
        Outputs.detach(&result)
        return result
    }

    /// The options as the guard reads them; `sinks` must outlive the call.
    private static func guardOptions(
        _ options: SolverOptions, arrays: ModelArrays, solve: Bool, sinks: Sinks
    ) -> vc_options {
        let context = Unmanaged.passUnretained(sinks).toOpaque()
        let limitMs = options.timeLimit.map { Int32(max(1, min(($0 * 1000).rounded(.up), Double(Int32.max)))) } ?? 0
        return vc_options(
            time_limit_ms: limitMs, mip_gap: options.relativeGap,
            presolve: options.presolve ? 1 : 0, dual_simplex: options.method == .dual ? 1 : 0,
            solve: solve ? 1 : 0, lp_path: arrays.lpPath.map { UnsafePointer($0) },
            log: sinks.log == nil ? nil : Sinks.logLine, log_ctx: context,
            basis_rows: arrays.basisRows.map { UnsafePointer($0.baseAddress!) },
            basis_cols: arrays.basisColumns.map { UnsafePointer($0.baseAddress!) },
            cuts: options.cuts.rawValue, heuristics: options.heuristics.rawValue,
            branching: Self.code(options.branching),
            selection: Self.code(options.nodeSelection),
            start: arrays.start.map { UnsafePointer($0.baseAddress!) },
            interrupt: options.interrupt.map { UnsafePointer($0.rawPointer) },
            progress: sinks.progress == nil ? nil : Sinks.progressReport, progress_ctx: context)
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
