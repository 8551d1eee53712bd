/// A linear or mixed-integer program, built in Swift and handed to GLPK whole.
///
/// Variables and constraints are appended; each returns a typed handle. Nothing here touches
/// GLPK: ``validate()`` checks everything GLPK would abort on (indices, duplicate entries, bounds,
/// non-finite numbers, name lengths) and ``Solver`` refuses a program that does not validate.
public struct LinearProgram: Sendable {
    /// The direction of optimisation.
    public enum Sense: Sendable { case minimize, maximize }

    /// Whether a variable may take fractional values.
    public enum Kind: Sendable { case continuous, integer }

    /// A variable's handle: its position in the program.
    public struct Variable: Hashable, Sendable {
        /// 0-based position among the program's variables.
        public let index: Int
        /// Makes a handle for the variable at `index`.
        public init(index: Int) { self.index = index }
    }

    /// A constraint's handle: its position in the program.
    public struct Constraint: Hashable, Sendable {
        /// 0-based position among the program's constraints.
        public let index: Int
        /// Makes a handle for the constraint at `index`.
        public init(index: Int) { self.index = index }
    }

    /// Lower and upper bounds; `-infinity` / `+infinity` mean unbounded on that side.
    public struct Bounds: Equatable, Sendable {
        /// The lower bound, or `-.infinity`.
        public var lower: Double
        /// The upper bound, or `.infinity`.
        public var upper: Double
        /// Makes bounds from `lower` to `upper`.
        public init(lower: Double = -.infinity, upper: Double = .infinity) {
            self.lower = lower
            self.upper = upper
        }
        /// `value ≥ lower`.
        public static func atLeast(_ lower: Double) -> Bounds { Bounds(lower: lower) }
        /// `value ≤ upper`.
        public static func atMost(_ upper: Double) -> Bounds { Bounds(upper: upper) }
        /// `value = v`.
        public static func exactly(_ v: Double) -> Bounds { Bounds(lower: v, upper: v) }
        /// `lower ≤ value ≤ upper`.
        public static func between(_ lower: Double, _ upper: Double) -> Bounds { Bounds(lower: lower, upper: upper) }
        /// No bound at all.
        public static let free = Bounds()
    }

    /// The program's name (written into exported files).
    public var name: String
    /// The direction of optimisation.
    public var sense: Sense
    /// A constant added to the objective.
    public var objectiveConstant: Double = 0

    // Column-wise storage (structure of arrays: province-size models have 10^5–10^6 columns).
    public private(set) var variableNames: [String] = []
    public private(set) var variableBounds: [Bounds] = []
    public private(set) var variableKinds: [Kind] = []
    public private(set) var objective: [Double] = []

    // Row-wise storage.
    public private(set) var constraintNames: [String] = []
    public private(set) var constraintBounds: [Bounds] = []
    /// Start of each row's terms in ``termVariables``/``termCoefficients``; one extra end entry.
    public private(set) var rowStarts: [Int] = [0]
    public private(set) var termVariables: [Int] = []
    public private(set) var termCoefficients: [Double] = []

    /// Makes an empty program.
    public init(name: String = "model", sense: Sense = .minimize) {
        self.name = name
        self.sense = sense
    }

    /// The number of variables.
    public var variableCount: Int { objective.count }
    /// The number of constraints.
    public var constraintCount: Int { constraintBounds.count }
    /// The number of non-zero matrix entries.
    public var nonZeroCount: Int { termVariables.count }

    /// Adds a variable.
    ///
    /// - Parameters:
    ///   - name: a name for exported files (letters, digits and `_` keep it readable there).
    ///   - bounds: its bounds; default `0 ≤ x`.
    ///   - kind: continuous or integer.
    ///   - objective: its objective coefficient.
    /// - Returns: the variable's handle.
    @discardableResult
    public mutating func addVariable(
        name: String, bounds: Bounds = .atLeast(0), kind: Kind = .continuous, objective cost: Double = 0
    ) -> Variable {
        variableNames.append(name)
        variableBounds.append(bounds)
        variableKinds.append(kind)
        objective.append(cost)
        return Variable(index: objective.count - 1)
    }

    /// Adds a binary variable (integer in [0, 1]).
    @discardableResult
    public mutating func addBinary(name: String, objective cost: Double = 0) -> Variable {
        addVariable(name: name, bounds: .between(0, 1), kind: .integer, objective: cost)
    }

    /// Sets a variable's objective coefficient.
    public mutating func setObjective(_ variable: Variable, _ cost: Double) {
        objective[variable.index] = cost
    }

    /// Changes a variable's bounds (e.g. to fix it at a value).
    public mutating func setBounds(_ variable: Variable, _ bounds: Bounds) {
        variableBounds[variable.index] = bounds
    }

    /// Makes a variable continuous or integer (e.g. to solve with some integrality relaxed where
    /// the rest of the model makes it integral anyway, and restore it if it does not).
    public mutating func setKind(_ variable: Variable, _ kind: Kind) {
        variableKinds[variable.index] = kind
    }

    /// Adds a constraint `bounds.lower ≤ Σ coefficient·variable ≤ bounds.upper`.
    ///
    /// A variable may appear only once per constraint (``validate()`` reports repeats).
    @discardableResult
    public mutating func addConstraint(
        name: String, terms: [(Variable, Double)], bounds: Bounds
    ) -> Constraint {
        constraintNames.append(name)
        constraintBounds.append(bounds)
        for (variable, coefficient) in terms {
            termVariables.append(variable.index)
            termCoefficients.append(coefficient)
        }
        rowStarts.append(termVariables.count)
        return Constraint(index: constraintBounds.count - 1)
    }

    /// The terms of a constraint, as (variable index, coefficient) pairs.
    public func terms(of constraint: Constraint) -> [(variable: Int, coefficient: Double)] {
        (rowStarts[constraint.index]..<rowStarts[constraint.index + 1]).map {
            (termVariables[$0], termCoefficients[$0])
        }
    }

    /// Makes every variable and constraint name unique (a repeat gets `_2`, `_3`, …), as a file
    /// format needs; solving does not care about names.
    mutating func makeNamesUnique() {
        func unique(_ names: inout [String], taken: inout Set<String>) {
            for i in names.indices where !taken.insert(names[i]).inserted {
                var k = 2
                while taken.contains("\(names[i])_\(k)") { k += 1 }
                names[i] = "\(names[i])_\(k)"
                taken.insert(names[i])
            }
        }
        var takenColumns = Set<String>(), takenRows = Set<String>()
        unique(&variableNames, taken: &takenColumns)
        unique(&constraintNames, taken: &takenRows)
    }
}
