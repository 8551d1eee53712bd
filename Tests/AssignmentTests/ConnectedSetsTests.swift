import CounselTestSupport
import XCTest

@testable import Assignment

/// The enumeration behind the township model's territories, against every subset of small graphs.
final class ConnectedSetsTests: XCTestCase {
    func testEveryConnectedSetExactlyOnce() {
        var g = SeededGenerator(seed: 17)
        for trial in 0..<60 {
            let n = 1 + Int(g.next() % 11)
            var adjacency = [Set<Int>](repeating: [], count: n)
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) where g.next() % 100 < 30 {
                    adjacency[i].insert(j)
                    adjacency[j].insert(i)
                }
            }
            let graph = adjacency.map { $0.sorted() }
            var seen: [Int: Int] = [:]
            ConnectedSets.enumerate(adjacency: graph) { set, _ in
                let mask = set.reduce(0) { $0 | (1 << $1) }
                seen[mask, default: 0] += 1
                XCTAssertEqual(set[0], set.min(), "grown from its lowest node")
                return true
            }
            var expected = Set<Int>()
            for mask in 1..<(1 << n) where Self.connected(mask, graph) { expected.insert(mask) }
            XCTAssertEqual(Set(seen.keys), expected, "trial \(trial)")
            XCTAssertTrue(seen.values.allSatisfy { $0 == 1 }, "trial \(trial): a set was visited twice")
        }
    }

    func testRefusingASetSkipsExactlyItsSupersetsInThatBranch() {
        // A path 0-1-2-3: refusing {0, 1} skips {0,1,2} and {0,1,2,3}, nothing else.
        let graph = [[1], [0, 2], [1, 3], [2]]
        var visited: [[Int]] = []
        ConnectedSets.enumerate(adjacency: graph) { set, _ in
            visited.append(set.sorted())
            return set.sorted() != [0, 1]
        }
        XCTAssertFalse(visited.contains([0, 1, 2]))
        XCTAssertFalse(visited.contains([0, 1, 2, 3]))
        XCTAssertTrue(visited.contains([1, 2, 3]))
        XCTAssertTrue(visited.contains([0]))
    }

    func testExcludedNodesAreNeverAddedLater() {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<30 {
            let n = 2 + Int(g.next() % 8)
            var adjacency = [Set<Int>](repeating: [], count: n)
            for i in 0..<n {
                for j in (i + 1)..<n where g.next() % 2 == 0 {
                    adjacency[i].insert(j)
                    adjacency[j].insert(i)
                }
            }
            let graph = adjacency.map { $0.sorted() }
            // Every set visited below a branch excludes that branch's excluded nodes.
            var stack: [(set: Set<Int>, excluded: Set<Int>)] = []
            ConnectedSets.enumerate(adjacency: graph) { set, excluded in
                let s = Set(set)
                while let top = stack.last, !top.set.isSubset(of: s) || top.set == s { stack.removeLast() }
                for ancestor in stack { XCTAssertTrue(s.isDisjoint(with: ancestor.excluded.subtracting(ancestor.set))) }
                stack.append((s, excluded))
                return true
            }
        }
    }

    static func connected(_ mask: Int, _ graph: [[Int]]) -> Bool {
        let nodes = graph.indices.filter { mask & (1 << $0) != 0 }
        var seen: Set<Int> = [nodes[0]]
        var queue = [nodes[0]]
        while let x = queue.popLast() {
            for y in graph[x] where mask & (1 << y) != 0 && seen.insert(y).inserted { queue.append(y) }
        }
        return seen.count == nodes.count
    }
}
