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
    /// Peak resident memory of the child, KiB (see `runChild` for how it is measured); nil when
    /// the child was too brief to be sampled and used less than this harness.
    var maxRSSKiB: Int?
    var timedOut: Bool

    var succeeded: Bool { exitStatus == 0 && !timedOut }
    var peakMiB: Double? { maxRSSKiB.map { Double($0) / 1024 } }

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

/// The high-water resident set (`VmHWM`, KiB) of a process's current address space, from
/// /proc/PID/status; nil when unreadable (process gone, or not Linux).
func residentHighWaterKiB(_ pid: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return nil }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
}

/// Runs `argv` with stdout and stderr sent to `log`, waits for it, and measures it.
///
/// Peak memory: the child is started with `posix_spawnp` and reaped with `wait4`, whose
/// `ru_maxrss` is the child's own (and its waited-for descendants') peak. But Linux also folds
/// into it the high-water mark of the address space the child had before `exec`, which for a
/// spawned child is this harness's. So `ru_maxrss` is exact only when it exceeds the harness's own
/// high-water mark; below that, the peak is taken from /proc/PID/status (VmHWM) sampled every
/// 10 ms while the child runs. With `timeout`, the child is killed (SIGKILL) when it runs longer.
func runChild(_ argv: [String], log: String, timeout: Double? = nil) throws -> ChildRun {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cArgs { free(p) } }

    let floorKiB = residentHighWaterKiB("self") ?? 0
    var pid = pid_t()
    let started = monotonicSeconds()
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
    guard rc == 0 else {
        throw SpawnError(description: "cannot start \(argv[0]): \(String(cString: strerror(rc)))")
    }

    // posix_spawn returns after the child's exec, so samples are of the child's own address
    // space. The child is waited for without reaping first (WNOWAIT), so the monitor can never
    // read or signal a recycled pid.
    let monitor = ChildMonitor(pid: pid, deadline: timeout.map { started + $0 })
    let thread = Thread { monitor.run() }
    thread.start()
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
        if errno != EINTR { throw SpawnError(description: "waitid: \(String(cString: strerror(errno)))") }
    }
    let wall = monotonicSeconds() - started
    let (timedOut, sampledKiB) = monitor.stop()

    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        if errno != EINTR { throw SpawnError(description: "wait4: \(String(cString: strerror(errno)))") }
    }
    let reported = Int(usage.ru_maxrss)
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
    let exited = (status & 0x7F) == 0
    return ChildRun(
        exitStatus: exited ? (status >> 8) & 0xFF : nil,
        signal: exited ? nil : status & 0x7F,
        wallSeconds: wall,
        maxRSSKiB: reported > floorKiB ? reported : (sampledKiB > 0 ? sampledKiB : nil),
        timedOut: timedOut)
}

/// Samples a running child's peak memory and kills it at its deadline; stopped once the child
/// has exited (and before it is reaped).
private final class ChildMonitor: @unchecked Sendable {
    private let lock = NSLock()
    private let pid: pid_t
    private let deadline: Double?
    private var running = true
    private var killed = false
    private var peakKiB = 0

    init(pid: pid_t, deadline: Double?) {
        self.pid = pid
        self.deadline = deadline
    }

    func run() {
        let name = String(pid)
        while true {
            lock.lock()
            if !running {
                lock.unlock()
                return
            }
            if let hwm = residentHighWaterKiB(name) { peakKiB = max(peakKiB, hwm) }
            if let deadline, !killed, monotonicSeconds() > deadline {
                killed = true
                kill(pid, SIGKILL)
            }
            lock.unlock()
            usleep(10_000)
        }
    }

    /// Stops sampling; returns whether the child was killed, and the peak seen (KiB).
    func stop() -> (killed: Bool, peakKiB: Int) {
        lock.lock()
        defer { lock.unlock() }
        running = false
        return (killed, peakKiB)
    }
}
