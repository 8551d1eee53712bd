import Dispatch
import Foundation

/// Runs independent solves on dedicated threads.
///
/// GLPK keeps its state per thread, and ``Solver`` creates, solves and frees each problem on the
/// calling thread (../shared/GLPK-NOTES.md), so independent programs may be solved at once, one per
/// thread. Work items are handed out largest first when `order` says so.
public enum ParallelSolves {
    /// Calls `body(i)` for every `i` in `0..<count` on up to `threads` dedicated threads and returns
    /// the results in index order. The first error thrown stops handing out work and is rethrown.
    ///
    /// - Parameter progress: called (on a worker thread) with the number of items finished so far.
    public static func map<T>(
        count: Int, threads: Int, order: [Int]? = nil, progress: (@Sendable (Int) -> Void)? = nil,
        _ body: @escaping @Sendable (Int) throws -> T
    ) throws -> [T] {
        let queue = WorkQueue<T>(order: order ?? Array(0..<count), count: count)
        let workers = min(max(1, threads), max(1, count))
        let done = DispatchGroup()
        for _ in 0..<workers {
            done.enter()
            let thread = Thread {
                while let i = queue.take() {
                    do {
                        let finished = queue.store(i, try body(i))
                        progress?(finished)
                    } catch { queue.fail(error) }
                }
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        return try queue.results()
    }
}

/// Hands out indices to worker threads and collects their results.
private final class WorkQueue<T>: @unchecked Sendable {
    private let lock = NSLock()
    private let order: [Int]
    private var next = 0
    private var slots: [T?]
    private var failure: Error?
    private var finished = 0

    init(order: [Int], count: Int) {
        self.order = order
        slots = Array(repeating: nil, count: count)
    }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < order.count, failure == nil else { return nil }
        next += 1
        return order[next - 1]
    }

    /// Stores a result; returns how many are stored.
    func store(_ i: Int, _ result: T) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = result
        finished += 1
        return finished
    }

    func fail(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil { failure = error }
    }

    func results() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return slots.map { $0! }
    }
}
