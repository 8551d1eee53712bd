import CounselModel
import Foundation
import GLPK

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C during a solve (`assign`, `rebalance`).
///
/// The first SIGINT stops the search as a time limit would: the ``flag`` that every GLPK solve of
/// the run watches (``SolverOptions/interrupt``) is set, branch and bound stops with the best
/// solution found, and the plan is written marked `interrupted`, with its gap. The second SIGINT
/// ends the process at once (`_exit(130)`) and nothing is written. While the outputs are written
/// (``writing(_:)``) a SIGINT asks the output set to stop (``abortRequested``): the staged files
/// are dropped and the process exits 130, the old outputs untouched. Before and after, SIGINT
/// keeps its default action.
enum SolveInterrupt {
    /// The flag the solves watch.
    static let flag = InterruptFlag()

    /// SIGINTs received during the solve; plain memory, written only by the handler.
    private static let count: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// 0 while solving, 1 while writing the outputs, 2 once a SIGINT asked the writing to stop.
    private static let phase: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// Exit status of a run stopped by Ctrl-C before anything was written: 128 + SIGINT, as a
    /// shell reports a process ended by Ctrl-C.
    static let status: Int32 = 130

    /// The message of the first SIGINT, as bytes, made before the handler can run (a signal
    /// handler may only call async-signal-safe functions: no allocation, no Swift strings).
    private static let message: (pointer: UnsafeMutablePointer<UInt8>, count: Int) = {
        let bytes = Array(("\n" + tr("interrupt.stopping") + "\n").utf8)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        p.initialize(from: bytes, count: bytes.count)
        return (p, bytes.count)
    }()

    /// Runs the solve `body` with the Ctrl-C handling above, and restores SIGINT's action after it.
    static func during<T>(_ body: () throws -> T) rethrows -> T {
        phase.pointee = 0
        return try handling(body)
    }

    /// Runs the writing of the outputs `body`: a SIGINT now sets ``abortRequested``, which the
    /// output set checks before each file and before its commit point.
    static func writing<T>(_ body: () throws -> T) rethrows -> T {
        phase.pointee = 1
        defer { phase.pointee = 0 }
        return try handling(body)
    }

    /// Whether a SIGINT came while the outputs were being written.
    static var abortRequested: Bool { phase.pointee == 2 }

    /// Runs a command's work (solve, then write) with the handler installed: a second Ctrl-C
    /// while the outputs are written drops them, says so and ends with status 130.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try during(body)
        } catch let error as OutputSetError where error.isCancellation {
            FileHandle.standardError.write(Data((tr("interrupt.nothingWritten") + "\n").utf8))
            Foundation.exit(status)
        }
    }

    private static func handling<T>(_ body: () throws -> T) rethrows -> T {
        // Touch every global the handler uses, so none is first initialised inside the handler.
        _ = flag.rawPointer
        _ = count
        _ = phase
        _ = message
        var action = sigaction()
        #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = handleInterrupt
        #else
            action.__sigaction_u.__sa_handler = handleInterrupt
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(SIGINT, &action, &previous)
        defer { sigaction(SIGINT, &previous, nil) }
        return try body()
    }

    /// Whether Ctrl-C stopped the solve.
    static var wasRequested: Bool { flag.isRequested }

    fileprivate static func handle() {
        if phase.pointee != 0 {
            phase.pointee = 2  // writing: the output set stops and drops what it staged
            return
        }
        count.pointee += 1
        if count.pointee >= 2 { _exit(status) }  // nothing has been written yet
        flag.rawPointer.pointee = 1
        _ = write(STDERR_FILENO, message.pointer, message.count)
    }
}

/// The C signal handler; it only stores to plain memory, writes and exits (async-signal-safe).
private func handleInterrupt(_: Int32) {
    SolveInterrupt.handle()
}
