/// Errors from the GLPK wrapper. None of them leaves GLPK in an unusable state.
public enum GLPKError: Error, Equatable, CustomStringConvertible {
    /// The program was refused before reaching GLPK; every problem found is listed.
    case invalidModel([String])
    /// The solver options are out of range.
    case invalidOptions(String)
    /// GLPK reported an error (caught by the guard instead of aborting the process).
    case solverFailure(code: Int, message: String)
    /// The model could not be written to a file.
    case writeFailed(path: String, message: String)

    /// A sentence a user can read.
    public var description: String {
        switch self {
        case .invalidModel(let problems):
            return "the optimisation model is invalid:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
        case .invalidOptions(let text):
            return "invalid solver options: \(text)"
        case .solverFailure(let code, let message):
            return "GLPK failed (code \(code)): \(message)"
        case .writeFailed(let path, let message):
            return "could not write \(path): \(message)"
        }
    }
}
