import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How one child process ran: its exit, wall time and peak resident memory.
struct ChildRun {
    /// Exit status, or nil when the child was killed by a signal.
    var exitStatus: Int32?
    var signal: Int32?
    var wallSeconds: Double
    /// `ru_maxrss` of the child from `wait4` (KiB on Linux).
    var maxRSSKiB: Int
    var timedOut: Bool

    var succeeded: Bool { exitStatus == 0 && !timedOut }
    var peakMiB: Double { Double(maxRSSKiB) / 1024 }

    var outcome: String {
        if timedOut { return "killed after the time limit" }
        if let s = signal { return "killed by signal \(s)" }
        return "exit \(exitStatus ?? -1)"
    }
}

struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

private func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// True if `name` is an executable path, or (without a slash) an executable on PATH.
func isExecutable(_ name: String) -> Bool {
    if name.contains("/") { return access(name, X_OK) == 0 }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
}

/// Runs `argv` with stdout and stderr sent to `log`, waits for it, and measures it.
///
/// The child is started with `posix_spawnp` and reaped with `wait4`, which gives that child's own
/// `ru_maxrss` (Foundation's `Process` reaps children itself, so it cannot give per-child usage).
/// With `timeout`, the child is killed (SIGKILL) when it runs longer.
func runChild(_ argv: [String], log: String, timeout: Double? = nil) throws -> ChildRun {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }

    var pid = pid_t()
    let started = monotonicSeconds()
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
    guard rc == 0 else {
        throw SpawnError(description: "cannot start \(argv[0]): \(String(cString: strerror(rc)))")
    }

    // A watchdog kills the child after `timeout`. The child is waited for without reaping first
    // (WNOWAIT), so the watchdog can never signal a recycled pid.
    let lock = NSLock()
    var finished = false
    var killed = false
    if let timeout {
        let childPid = pid
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            lock.lock()
            defer { lock.unlock() }
            if !finished { killed = true; kill(childPid, SIGKILL) }
        }
    }
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
        if errno != EINTR { throw SpawnError(description: "waitid: \(String(cString: strerror(errno)))") }
    }
    let wall = monotonicSeconds() - started
    lock.lock()
    finished = true
    let timedOut = killed
    lock.unlock()

    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        if errno != EINTR { throw SpawnError(description: "wait4: \(String(cString: strerror(errno)))") }
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
    let exited = (status & 0x7F) == 0
    return ChildRun(
        exitStatus: exited ? (status >> 8) & 0xFF : nil,
        signal: exited ? nil : status & 0x7F,
        wallSeconds: wall, maxRSSKiB: Int(usage.ru_maxrss), timedOut: timedOut)
}
