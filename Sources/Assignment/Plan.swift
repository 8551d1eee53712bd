import CounselModel
import GLPK

/// A solved assignment: who advises which village, and how good that is.
public struct Plan: Sendable {
    /// One village's outcome.
    public struct Row: Sendable {
        /// The village.
        public var village: VillageIndex
        /// The chosen candidate, `nil` if uncovered.
        public var candidate: CandidateIndex?
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
    /// With `stable: true`: whether a stable plan exists (when not, the plan has the fewest
    /// blocking pairs possible); `nil` when stability was not required.
    public var stableExists: Bool? = nil
    /// With `stable: true` and no stable plan: whether its number of blocking pairs is proven the
    /// fewest possible (`false` when a time limit stopped the search first).
    public var blockingProvenMinimal = false
    /// With `stable: true`: blocking pairs every plan has at least, when a relaxation proved more
    /// than none (``StableRelaxation``); `nil` otherwise.
    public var blockingLowerBound: Int? = nil
    /// What re-solving found about the shortfall (filled in by ``Diagnosis``), empty when not run.
    public var diagnosis: [DiagnosisFinding] = []
    /// Whether the search was stopped by an interrupt (Ctrl-C) before it ended by itself; the
    /// plan is then the best found, with its gap. Set by the caller that owns the interrupt flag.
    public var interrupted = false

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

/// How planning ended, as summary.json's `status` says it: the planner's own words, apart from
/// GLPK's status of any one solve.
public enum PlanStatus: String, Sendable, Codable, CaseIterable {
    /// Every group proven optimal (within the MIP gap).
    case optimal
    /// A plan, but the time limit (or an interrupt) stopped the search before it was proven optimal.
    case feasible
    /// No plan satisfies the hard rules (e.g. `--max-changes` too low).
    case infeasible
    /// The objective can improve without limit (never with a well-formed scenario).
    case unbounded
    /// The time limit ran out before any plan was found.
    case timeLimit = "time_limit"

    /// The plan status of a solve that ended with `status`.
    public init(_ status: SolveStatus) {
        switch status {
        case .optimal: self = .optimal
        case .feasible: self = .feasible
        case .infeasible: self = .infeasible
        case .unbounded: self = .unbounded
        case .timeLimit: self = .timeLimit
        }
    }
}

/// What a diagnosis finding is about (the `kind` of summary.json's `diagnosis` entries).
public enum DiagnosisKind: String, Sendable, Codable, CaseIterable {
    /// A higher cap on villages per adviser would cover more.
    case cap
    /// Support from a neighbouring county would cover more.
    case support
    /// A cluster of conflicts of interest leaves villages uncovered.
    case conflictCluster = "conflict_cluster"
    /// Villages' needs no adviser within reach covers.
    case needs
    /// Why no stable plan exists, or what stability costs.
    case stability
}

/// One finding of the diagnosis: what is wrong, in words a county official understands, and what
/// re-solving showed would fix it.
public struct DiagnosisFinding: Sendable, Codable, Equatable {
    /// `cap`, `support`, `conflict_cluster`, `needs` or `stability`.
    public var kind: DiagnosisKind
    /// The county concerned, or `nil` for the whole scenario.
    public var county: String?
    /// The finding, e.g. "cap 8 instead of 5 covers all 214 villages".
    public var text: String
    /// Villages the fix would cover that the plan leaves uncovered (0 when it fixes nothing).
    public var villagesCovered: Int

    /// Makes a finding.
    public init(kind: DiagnosisKind, county: String?, text: String, villagesCovered: Int) {
        self.kind = kind
        self.county = county
        self.text = text
        self.villagesCovered = villagesCovered
    }

    enum CodingKeys: String, CodingKey {
        case kind, county, text
        case villagesCovered = "villages_covered"
    }

    /// Encodes every key, `null` for a missing county.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        if let county { try c.encode(county, forKey: .county) } else { try c.encodeNil(forKey: .county) }
        try c.encode(text, forKey: .text)
        try c.encode(villagesCovered, forKey: .villagesCovered)
    }
}
