import Foundation

/// For each village, the eligible advisers within a radius, nearest first.
///
/// "Eligible" is the rule profile's test (active, a role that may serve alone). An adviser from
/// another county counts only when that county is in the same city: support across counties is
/// arranged by the city bureau (Guangdong 001 §(十二), Nanning 002 §二(二)), as the planner does.
/// Conflicts are not applied here.
struct CandidateIndex {
    let radiusKm: Double
    /// `lists[v]` = (adviser index, distance in km), ascending distance.
    let lists: [[(adviser: Int, km: Double)]]

    init(villages: [Village], advisers: [Adviser], eligible: [Bool], counties: [County], radiusKm: Double) {
        self.radiusKm = radiusKm
        let cityOf = Dictionary(counties.map { ($0.id, $0.city) }, uniquingKeysWith: { a, _ in a })
        let pool = advisers.indices.filter { eligible[$0] }
        let grid = SpatialGrid(
            lats: pool.map { advisers[$0].lat }, lons: pool.map { advisers[$0].lon },
            cellDeg: max(0.05, min(1.0, radiusKm / 111.0)))
        lists = villages.map { v in
            let city = cityOf[v.county] ?? v.county
            return grid.within(km: radiusKm, lat: v.lat, lon: v.lon)
                .map { (adviser: pool[$0.index], km: $0.km) }
                .filter { c in
                    let county = advisers[c.adviser].county
                    return county == v.county || (cityOf[county] ?? county) == city
                }
                .sorted { $0.km < $1.km || ($0.km == $1.km && $0.adviser < $1.adviser) }
        }
    }

    /// The candidates within a smaller radius `r` ≤ `radiusKm` (the lists are sorted).
    func count(within r: Double, village v: Int) -> Int {
        var lo = 0, hi = lists[v].count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lists[v][mid].km <= r { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func restricted(to r: Double) -> [[(adviser: Int, km: Double)]] {
        lists.indices.map { Array(lists[$0].prefix(count(within: r, village: $0))) }
    }
}

// MARK: - Maximum coverage (an upper bound for the planner)

/// The most villages that can be covered when only caps and candidate radii count (conflicts,
/// preferences and incumbents ignored): a maximum flow source → adviser → village → sink.
///
/// Guangdong (001 §(十二)): an adviser takes up to `underResourcedCap` villages in all, at most
/// `cap` of them outside counties marked under-resourced; the flow routes non-under-resourced
/// villages through a second adviser node capped at `cap`.
func maximumCoverage(scenario s: Scenario, profile: RuleProfile, candidates: [[(adviser: Int, km: Double)]]) -> Int {
    let underResourced = Set(s.counties.filter(\.underResourced).map(\.id))
    let nA = s.advisers.count, nV = s.villages.count
    // nodes: 0 source, 1 sink, advisers 2..<2+nA, adviser "outside" nodes, villages
    let source = 0, sink = 1
    let aNode = { 2 + $0 }, aOut = { 2 + nA + $0 }, vNode = { 2 + 2 * nA + $0 }
    var flow = MaxFlow(nodes: 2 + 2 * nA + nV)
    var eligibleUsed = [Bool](repeating: false, count: nA)
    for list in candidates { for c in list { eligibleUsed[c.adviser] = true } }
    for a in 0..<nA where eligibleUsed[a] {
        let total = profile.capacity(of: s.advisers[a], ruleCap: profile.underResourcedCap)
        let outside = min(total, profile.capacity(of: s.advisers[a], ruleCap: profile.cap))
        flow.addEdge(source, aNode(a), total)
        flow.addEdge(aNode(a), aOut(a), outside)
    }
    for v in 0..<nV {
        let inUR = underResourced.contains(s.villages[v].county)
        for c in candidates[v] { flow.addEdge(inUR ? aNode(c.adviser) : aOut(c.adviser), vNode(v), 1) }
        flow.addEdge(vNode(v), sink, 1)
    }
    return flow.run(source: source, sink: sink)
}

/// Dinic's maximum flow on integer capacities.
struct MaxFlow {
    private var head: [Int]
    private var next: [Int] = []
    private var to: [Int] = []
    private var cap: [Int] = []
    private var level: [Int]
    private var iter: [Int]

    init(nodes: Int) {
        head = [Int](repeating: -1, count: nodes)
        level = [Int](repeating: 0, count: nodes)
        iter = [Int](repeating: 0, count: nodes)
    }

    mutating func addEdge(_ u: Int, _ v: Int, _ c: Int) {
        to.append(v)
        cap.append(c)
        next.append(head[u])
        head[u] = to.count - 1
        to.append(u)
        cap.append(0)
        next.append(head[v])
        head[v] = to.count - 1
    }

    private mutating func bfs(_ s: Int, _ t: Int) -> Bool {
        for i in level.indices { level[i] = -1 }
        var queue = [s]
        level[s] = 0
        var qi = 0
        while qi < queue.count {
            let u = queue[qi]
            qi += 1
            var e = head[u]
            while e >= 0 {
                if cap[e] > 0 && level[to[e]] < 0 {
                    level[to[e]] = level[u] + 1
                    queue.append(to[e])
                }
                e = next[e]
            }
        }
        return level[t] >= 0
    }

    private mutating func dfs(_ u: Int, _ t: Int, _ f: Int) -> Int {
        if u == t { return f }
        while iter[u] >= 0 {
            let e = iter[u]
            let v = to[e]
            if cap[e] > 0 && level[v] == level[u] + 1 {
                let d = dfs(v, t, min(f, cap[e]))
                if d > 0 {
                    cap[e] -= d
                    cap[e ^ 1] += d
                    return d
                }
            }
            iter[u] = next[e]
        }
        return 0
    }

    mutating func run(source s: Int, sink t: Int) -> Int {
        var total = 0
        while bfs(s, t) {
            iter = head
            while true {
                let f = dfs(s, t, Int.max)
                if f == 0 { break }
                total += f
            }
        }
        return total
    }
}
