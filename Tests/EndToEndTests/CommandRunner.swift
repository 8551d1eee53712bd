import CounselTestSupport
import Foundation
import XCTest

/// Runs the built `village-counsel` binary, as a user would.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Paths {
    /// A demo scenario folder under Data/.
    static func demo(_ name: String) -> URL { PackageRoot.demo(name) }
    /// The folder holding the test bundle, which also holds the built executables.
    static let productsDirectory: URL = {
        let runner = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // On Linux the runner is `.build/debug/<package>PackageTests.xctest`; on macOS a bundle.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("village-counsel").path),
            folder.path != "/"
        {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()
    static var binary: URL { productsDirectory.appendingPathComponent("village-counsel") }

    /// A fresh temporary folder.
    static func temporaryFolder(_ label: String = "vc") -> URL { CounselTestSupport.temporaryFolder(label) }
}

/// Runs `executable` with `arguments`; the locale variables that choose the language are removed
/// (so a test reads English unless it asks for `--lang zh`), then `environment` is added.
func runCommand(
    _ arguments: [String], executable: URL = Paths.binary, environment: [String: String] = [:],
    file: StaticString = #filePath, line: UInt = #line
) throws -> CommandResult {
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        throw XCTSkip("\(executable.path) is not built; run `swift build --build-tests` first")
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for key in ["LANG", "LC_ALL", "LC_MESSAGES"] { env[key] = nil }
    env.merge(environment) { _, new in new }
    process.environment = env
    process.currentDirectoryURL = PackageRoot.url
    // Output goes to files, so a large output can never block the child on a full pipe.
    let folder = Paths.temporaryFolder("run")
    let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
    try? FileManager.default.removeItem(at: folder)
    return CommandResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Copies a folder to a fresh temporary place.
func copyScenario(_ source: URL) throws -> URL {
    let target = Paths.temporaryFolder("scenario").appendingPathComponent(source.lastPathComponent)
    try FileManager.default.copyItem(at: source, to: target)
    return target
}
