import CounselTestSupport
import Foundation
import GLPK
import XCTest

// MARK: - Shared files

/// Locates the project's `../shared` folder relative to this source file.
enum SharedFolder {
    /// `<package root>/../shared`, standardised.
    static let url: URL = PackageRoot.url.deletingLastPathComponent()
        .appendingPathComponent("shared", isDirectory: true).standardizedFileURL

    /// The URL of `relativePath` inside the shared folder, or an `XCTSkip` naming where it was looked for.
    static func require(_ relativePath: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw XCTSkip(
                "shared test data not found at \(file.path) (the shared folder is expected at ../shared beside the package root \(PackageRoot.url.path))"
            )
        }
        return file
    }
}

// MARK: - GLPK's output

/// Collects GLPK's terminal output from a solve; used to show that GLPK was (or was not) called.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [String] = []
    /// Everything received so far.
    var text: String { lock.withLock { chunks.joined() } }
    /// Default options whose log sink appends to this recorder.
    var options: SolverOptions {
        SolverOptions(log: { [self] chunk in lock.withLock { chunks.append(chunk) } })
    }
}

// MARK: - Assertions on solutions

/// Checks that `values` satisfy every bound, constraint and integrality requirement of `program`
/// and that the objective recomputed from them equals `objective`.
func assertSatisfies(
    _ program: LinearProgram, values: [Double], objective: Double?, tolerance: Double = 1e-6,
    _ context: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(values.count, program.variableCount, "\(context): one value per variable", file: file, line: line)
    guard values.count == program.variableCount else { return }
    for j in 0..<program.variableCount {
        let v = values[j], b = program.variableBounds[j]
        XCTAssertTrue(
            v >= b.lower - tolerance && v <= b.upper + tolerance,
            "\(context): variable \(program.variableNames[j]) = \(v) outside [\(b.lower), \(b.upper)]", file: file,
            line: line)
        if program.variableKinds[j] == .integer {
            XCTAssertEqual(
                v, v.rounded(), accuracy: tolerance,
                "\(context): integer variable \(program.variableNames[j]) = \(v)", file: file, line: line)
        }
    }
    for i in 0..<program.constraintCount {
        let activity = program.terms(of: .init(index: i)).reduce(0.0) { $0 + $1.coefficient * values[$1.variable] }
        let b = program.constraintBounds[i]
        XCTAssertTrue(
            activity >= b.lower - tolerance && activity <= b.upper + tolerance,
            "\(context): constraint \(program.constraintNames[i]) activity \(activity) outside [\(b.lower), \(b.upper)]",
            file: file, line: line)
    }
    if let objective {
        let recomputed = zip(program.objective, values).reduce(program.objectiveConstant) { $0 + $1.0 * $1.1 }
        XCTAssertEqual(
            recomputed, objective, accuracy: tolerance * max(1, abs(objective)),
            "\(context): objective recomputed from the values", file: file, line: line)
    }
}
