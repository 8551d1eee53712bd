import Foundation
import XCTest

/// Runs Python (for openpyxl, the independent reader and writer of .xlsx files).
enum Python {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `python3 -c script` with `arguments`; output collected through files so that a large
    /// output cannot block on a full pipe.
    static func run(_ script: String, _ arguments: [String] = []) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Skips the test when openpyxl cannot be imported (`make test-deps` installs it).
    static func requireOpenpyxl() throws {
        let r = try? run("import openpyxl")
        guard r?.status == 0 else {
            throw XCTSkip(
                "Python's openpyxl is not available (`pip install openpyxl`, or `make test-deps`); independent check skipped"
            )
        }
    }
}
