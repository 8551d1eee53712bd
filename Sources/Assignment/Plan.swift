import CounselModel
import GLPK

/// A solved assignment: who advises which village, and how good that is.
public struct Plan: Sendable {
    /// One village's outcome.
    public struct Row: Sendable {
        /// Index into ``AssignmentProblem/villages``.
        public var village: Int
        /// The chosen candidate (index into ``AssignmentProblem/candidates``), `nil` if uncovered.
        public var candidate: Int?
    }

    /// The problem that was solved.
    public var problem: AssignmentProblem
    /// One row per village, in village-id order.
    public var rows: [Row]
    /// How the solve ended.
    public var status: SolveStatus
    /// The objective of the whole model (M·uncovered + Σ costs).
    public var objective: Double
    /// The best proven bound on the optimum, `nil` when none could be proven.
    public var bound: Double?
    /// Wall-clock seconds spent building and solving.
    public var seconds: Double
    /// How the solve was decomposed, for the summary and the benchmark notes.
    public var decomposition: DecompositionStats

    /// `|objective − bound| / max(1, |objective|)`, or `nil` without a bound.
    public var gap: Double? {
        bound.map { abs(objective - $0) / max(1, abs(objective)) }
    }

    /// The number of villages with an adviser.
    public var coveredCount: Int { rows.filter { $0.candidate != nil }.count }

    /// The chosen candidate pair of each covered village.
    public var chosen: [Candidate] { rows.compactMap { $0.candidate.map { problem.candidates[$0] } } }
}

/// Figures about the decomposition of one solve.
public struct DecompositionStats: Sendable, Codable {
    /// Groups solved at the start (connected parts of the county-local candidate graph).
    public var initialGroups: Int
    /// Groups at the end, after merging those that paired support links.
    public var finalGroups: Int
    /// Pricing rounds (each re-solves only merged groups).
    public var rounds: Int
    /// GLPK solves in all.
    public var solves: Int
    /// Villages in the largest group solved.
    public var largestGroupVillages: Int
    /// Candidate pairs (binary variables of the whole model).
    public var candidatePairs: Int
    /// Candidate pairs linking two groups at the end (priced out by the duals).
    public var crossPairs: Int

    enum CodingKeys: String, CodingKey {
        case rounds, solves
        case initialGroups = "initial_groups"
        case finalGroups = "final_groups"
        case largestGroupVillages = "largest_group_villages"
        case candidatePairs = "candidate_pairs"
        case crossPairs = "cross_pairs"
    }
}
