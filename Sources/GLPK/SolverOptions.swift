import CGLPKGuard
import Foundation

/// Settings for one solve.
public struct SolverOptions: Sendable {
    /// Which simplex method solves the LP relaxation.
    public enum Method: Sendable {
        /// Primal simplex (the method to continue from a basis that is still primal feasible,
        /// e.g. after columns were added).
        case primal
        /// Dual simplex with the long-step ("flip") ratio test, falling back to primal.
        /// About 1.7× faster on the assignment shape (../shared/GLPK-NOTES.md).
        case dual
    }

    /// Families of cutting planes GLPK may add during branch and bound (all off by default, as in GLPK).
    public struct Cuts: OptionSet, Sendable {
        public let rawValue: Int32
        /// Makes a set from GLPK-guard flags.
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// Mixed-integer rounding cuts.
        public static let mixedIntegerRounding = Cuts(rawValue: Int32(VC_CUT_MIR))
        /// Gomory's mixed-integer cuts.
        public static let gomory = Cuts(rawValue: Int32(VC_CUT_GOMORY))
        /// Mixed cover cuts.
        public static let cover = Cuts(rawValue: Int32(VC_CUT_COVER))
        /// Clique cuts.
        public static let clique = Cuts(rawValue: Int32(VC_CUT_CLIQUE))
    }

    /// GLPK's primal heuristics during branch and bound.
    ///
    /// Each checks only the rows present in the program, so a model whose rows are added lazily
    /// must turn them off and offer only solutions it has checked (../shared/GLPK-NOTES.md).
    public struct Heuristics: OptionSet, Sendable {
        public let rawValue: Int32
        /// Makes a set from GLPK-guard flags.
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// Simple rounding (GLPK's default, the only one on by default).
        public static let rounding = Heuristics(rawValue: Int32(VC_HEUR_ROUNDING))
        /// The feasibility pump.
        public static let feasibilityPump = Heuristics(rawValue: Int32(VC_HEUR_PUMP))
        /// Proximity search (starts from the incumbent).
        public static let proximitySearch = Heuristics(rawValue: Int32(VC_HEUR_PROXIMITY))
    }

    /// How branch and bound picks the variable to branch on.
    public enum Branching: Sendable {
        /// GLPK's default (Driebeck–Tomlin).
        case driebeckTomlin
        /// GLPK's hybrid pseudo-cost heuristic.
        case pseudoCost
        /// The most fractional variable.
        case mostFractional
    }

    /// How branch and bound picks the next node.
    public enum NodeSelection: Sendable {
        /// GLPK's default: best local bound.
        case bestBound
        /// Depth first.
        case depthFirst
        /// GLPK's best-projection heuristic.
        case bestProjection
    }

    /// Wall-clock limit in seconds, or `nil` for none.
    public var timeLimit: Double?
    /// Relative MIP gap at which branch and bound stops (GLPK's `mip_gap`).
    public var relativeGap: Double
    /// Whether to run GLPK's LP presolver (never with a starting basis).
    public var presolve: Bool
    /// The simplex method.
    public var method: Method
    /// Receives GLPK's terminal output; `nil` discards it (the default: GLPK never prints).
    public var log: (@Sendable (String) -> Void)?
    /// A basis to start the simplex method from (e.g. the previous solve's, with the new columns
    /// non-basic): it must have one status per row and per column. A basis GLPK finds singular is
    /// replaced by the standard one, so it only ever costs time.
    public var startingBasis: Basis?
    /// Cutting planes for branch and bound.
    public var cuts: Cuts = []
    /// Primal heuristics for branch and bound.
    public var heuristics: Heuristics = [.rounding]
    /// Branching rule.
    public var branching: Branching = .driebeckTomlin
    /// Node selection.
    public var nodeSelection: NodeSelection = .bestBound
    /// A solution to install as branch and bound's first incumbent (GLPK does not check it, so
    /// ``Solver/solve(_:options:)`` refuses one that breaks a bound, an integrality or a row).
    public var incumbent: [Double]?
    /// Stops branch and bound when requested (e.g. on Ctrl-C), keeping the best solution found.
    public var interrupt: InterruptFlag?
    /// Receives branch-and-bound progress (on the solving thread, often: keep it cheap).
    public var progress: (@Sendable (Progress) -> Void)?

    /// Branch-and-bound progress.
    public struct Progress: Sendable {
        /// The incumbent's objective, `nil` before the first integer solution.
        public var incumbent: Double?
        /// The best bound of the open nodes.
        public var bound: Double?
    }

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

/// A simplex basis: the status of every row (its slack) and column.
public struct Basis: Sendable, Equatable {
    /// The status of one variable in a basis.
    public enum Status: Int32, Sendable {
        /// Basic.
        case basic = 1
        /// Non-basic at its lower bound.
        case atLower = 2
        /// Non-basic at its upper bound.
        case atUpper = 3
        /// Non-basic free variable.
        case free = 4
        /// Non-basic fixed variable.
        case fixed = 5
    }

    /// One status per constraint.
    public var rows: [Status]
    /// One status per variable.
    public var columns: [Status]

    /// Makes a basis.
    public init(rows: [Status], columns: [Status]) {
        self.rows = rows
        self.columns = columns
    }
}

/// A flag that asks a running branch and bound to stop with the best solution found so far.
///
/// Setting it is safe from any thread (and from a signal handler, through ``rawPointer``).
public final class InterruptFlag: @unchecked Sendable {
    /// The flag's storage; non-zero means "stop".
    public let rawPointer: UnsafeMutablePointer<Int32>

    /// Makes a flag that is not set.
    public init() {
        rawPointer = .allocate(capacity: 1)
        rawPointer.initialize(to: 0)
    }

    deinit { rawPointer.deallocate() }

    /// Asks every solve that watches this flag to stop.
    public func request() { rawPointer.pointee = 1 }

    /// Whether a stop was asked for.
    public var isRequested: Bool { rawPointer.pointee != 0 }
}
