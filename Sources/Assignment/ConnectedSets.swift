/// Every connected set of nodes of a small graph, each exactly once.
///
/// Each set is grown from its lowest node: a branch holds a set S, the nodes it may still add
/// (neighbours of S above the lowest node) and the nodes it may no longer add (those an earlier
/// sibling branch already took); taking the next extension node opens a branch, excluding it
/// opens the rest (the extension-set enumeration of connected subgraphs).
enum ConnectedSets {
    /// Calls `visit(set, excluded)` for every connected set of nodes `0..<adjacency.count`
    /// (`set` in the order grown, first its lowest node; `excluded` the nodes above it that no
    /// superset in this branch can contain). When `visit` returns `false`, no superset of that set
    /// is visited.
    static func enumerate(adjacency: [[Int]], _ visit: (_ set: [Int], _ excluded: Set<Int>) -> Bool) {
        func grow(_ set: [Int], _ extensions: [Int], _ excluded: Set<Int>) {
            guard visit(set, excluded) else { return }
            var ext = extensions
            var excl = excluded
            while let w = ext.popLast() {
                var next = Set(ext)
                for u in adjacency[w] where u > set[0] && !set.contains(u) && !excl.contains(u) { next.insert(u) }
                next.remove(w)
                grow(set + [w], next.sorted(), excl)
                excl.insert(w)
            }
        }
        for r in adjacency.indices {
            grow([r], Set(adjacency[r].filter { $0 > r }).sorted(), [])
        }
    }
}
