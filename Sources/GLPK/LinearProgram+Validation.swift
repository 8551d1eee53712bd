/// Checks of a ``LinearProgram`` against everything GLPK would abort on.
extension LinearProgram {
    /// GLPK's limit on the length of a row or column name (glp_set_row_name / glp_set_col_name).
    public static let maximumNameLength = 255

    /// Every problem that would make GLPK abort or mis-solve, in order; empty when the program is valid.
    public func problems(limit: Int = 50) -> [String] {
        var found: [String] = []
        func report(_ text: String) { if found.count < limit { found.append(text) } }

        if variableCount > Int(Int32.max) - 1 || constraintCount > Int(Int32.max) - 1
            || nonZeroCount > Int(Int32.max) - 1
        {
            report("the program is too large for GLPK (at most \(Int32.max - 1) rows, columns and non-zeros)")
            return found
        }
        checkName(name, "the program's name", report)
        if !objectiveConstant.isFinite { report("the objective constant is not a finite number") }
        for j in 0..<variableCount {
            let label = "variable \(j + 1) '\(variableNames[j])'"
            checkName(variableNames[j], label, report)
            checkBounds(variableBounds[j], label, report)
            if !objective[j].isFinite { report("\(label): objective coefficient \(objective[j]) is not finite") }
            if variableKinds[j] == .integer {
                let b = variableBounds[j]
                if b.lower.isFinite && b.upper.isFinite && (b.lower.rounded(.up) > b.upper.rounded(.down)) {
                    report("\(label): integer variable with bounds [\(b.lower), \(b.upper)] has no integer value")
                }
            }
        }
        var lastSeen = [Int](repeating: -1, count: variableCount)
        for i in 0..<constraintCount {
            let label = "constraint \(i + 1) '\(constraintNames[i])'"
            checkName(constraintNames[i], label, report)
            checkBounds(constraintBounds[i], label, report)
            for k in rowStarts[i]..<rowStarts[i + 1] {
                let j = termVariables[k]
                guard j >= 0 && j < variableCount else {
                    report("\(label): refers to variable \(j + 1), but the program has \(variableCount)")
                    continue
                }
                if lastSeen[j] == i {
                    report("\(label): variable '\(variableNames[j])' appears twice (GLPK aborts on duplicate entries)")
                }
                lastSeen[j] = i
                if !termCoefficients[k].isFinite {
                    report("\(label): coefficient of '\(variableNames[j])' is not finite")
                }
            }
        }
        return found
    }

    /// Throws ``GLPKError/invalidModel(_:)`` listing every problem, if there is any.
    public func validate() throws {
        let found = problems()
        if !found.isEmpty { throw GLPKError.invalidModel(found) }
    }

    private func checkName(_ name: String, _ label: String, _ report: (String) -> Void) {
        if name.utf8.count > Self.maximumNameLength { report("\(label): name longer than 255 bytes") }
        // GLPK refuses (by an error, i.e. abort) names with control characters (glp_set_col_name).
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            report("\(label): name contains a control character")
        }
    }

    private func checkBounds(_ b: Bounds, _ label: String, _ report: (String) -> Void) {
        if b.lower.isNaN || b.upper.isNaN {
            report("\(label): a bound is NaN")
            return
        }
        if b.lower == .infinity { report("\(label): lower bound is +infinity") }
        if b.upper == -.infinity { report("\(label): upper bound is -infinity") }
        if b.lower > b.upper { report("\(label): lower bound \(b.lower) exceeds upper bound \(b.upper)") }
    }
}

extension LinearProgram {
    /// Why `values` is not a solution of the program (a bound, an integrality or a row it breaks,
    /// with an absolute tolerance of 1e-6), or `nil` when it is one.
    public func infeasibility(of values: [Double], tolerance: Double = 1e-6) -> String? {
        guard values.count == variableCount else {
            return "it has \(values.count) values for \(variableCount) variables"
        }
        for j in 0..<variableCount {
            let x = values[j], b = variableBounds[j]
            guard x.isFinite else { return "variable '\(variableNames[j])' is not a finite number" }
            if x < b.lower - tolerance || x > b.upper + tolerance {
                return "variable '\(variableNames[j])' = \(x) is outside [\(b.lower), \(b.upper)]"
            }
            if variableKinds[j] == .integer && abs(x - x.rounded()) > tolerance {
                return "integer variable '\(variableNames[j])' = \(x) is fractional"
            }
        }
        for i in 0..<constraintCount {
            var sum = 0.0
            for k in rowStarts[i]..<rowStarts[i + 1] { sum += termCoefficients[k] * values[termVariables[k]] }
            let b = constraintBounds[i]
            if sum < b.lower - tolerance || sum > b.upper + tolerance {
                return "constraint '\(constraintNames[i])' = \(sum) is outside [\(b.lower), \(b.upper)]"
            }
        }
        return nil
    }
}
