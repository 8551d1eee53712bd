import Foundation

// MARK: - Townships as a graph (township model, Guangdong 001 §(七): 一所一乡镇 or adjacent townships)

/// Adjacency between the townships of one county, and regions of adjacent townships.
///
/// Townships are points (their seats). Two are adjacent when they are neighbours in the Gabriel
/// graph of the points: no third seat lies inside the circle whose diameter joins them. The Gabriel
/// graph is a subgraph of the Delaunay triangulation that contains the Euclidean minimum spanning
/// tree, so it is symmetric, planar and connected; it leaves out the long, thin Delaunay edges that
/// would join townships with a third one between them, which is what a map of township borders does too.
enum TownshipGraph {
    /// Points on a flat local projection, km (fine over one county).
    private static func project(_ points: [(lat: Double, lon: Double)]) -> [(x: Double, y: Double)] {
        guard !points.isEmpty else { return [] }
        let midLat = points.map(\.lat).reduce(0, +) / Double(points.count)
        let kx = 111.32 * cos(midLat * .pi / 180), ky = 110.57
        return points.map { (x: $0.lon * kx, y: $0.lat * ky) }
    }

    /// The Gabriel graph of the points: `adjacency[i]` lists i's neighbours in ascending order.
    static func adjacency(_ points: [(lat: Double, lon: Double)]) -> [[Int]] {
        let p = project(points)
        var adj = [[Int]](repeating: [], count: p.count)
        for i in p.indices {
            for j in p.indices where j > i {
                let mx = (p[i].x + p[j].x) / 2, my = (p[i].y + p[j].y) / 2
                let r2 = (pow(p[i].x - p[j].x, 2) + pow(p[i].y - p[j].y, 2)) / 4
                let blocked = p.indices.contains { k in
                    k != i && k != j && pow(p[k].x - mx, 2) + pow(p[k].y - my, 2) < r2
                }
                if !blocked {
                    adj[i].append(j)
                    adj[j].append(i)
                }
            }
        }
        return adj.map { $0.sorted() }
    }

    /// A planar adjacency with `minDegree`…`maxDegree` neighbours each, where the points allow it.
    ///
    /// Starts from the Delaunay triangulation of the seats (every triangle whose circumcircle holds
    /// no other seat; brute force, fine for a county's 10–17 townships), then, while a township has
    /// more than `maxDegree` neighbours, drops its longest edge whose other end keeps at least
    /// `minDegree` and whose removal leaves the county connected; then gives a township with fewer
    /// than `minDegree` its nearest non-neighbour (with fewer than `maxDegree`) whose straight edge
    /// crosses no edge of the graph, or crosses exactly one whose ends can spare it (that one is
    /// flipped away). Removing edges keeps a straight-line drawing planar, and every added edge
    /// crosses none that is kept, so the result is planar with the seats as its drawing.
    static func triangulated(_ points: [(lat: Double, lon: Double)], minDegree: Int, maxDegree: Int) -> [[Int]] {
        let p = project(points)
        let n = p.count
        guard n >= 2 else { return [[Int]](repeating: [], count: n) }
        var edges = Set<Int>()  // i * n + j with i < j
        func key(_ i: Int, _ j: Int) -> Int { min(i, j) * n + max(i, j) }
        if n == 2 { edges.insert(key(0, 1)) }
        for i in 0..<n {
            for j in (i + 1)..<n {
                for k in (j + 1)..<n {
                    let ax = p[i].x, ay = p[i].y, bx = p[j].x, by = p[j].y, cx = p[k].x, cy = p[k].y
                    let d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
                    guard abs(d) > 1e-9 else { continue }
                    let a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = cx * cx + cy * cy
                    let ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d
                    let uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d
                    let r2 = (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy)
                    let empty = (0..<n).allSatisfy { m in
                        m == i || m == j || m == k
                            || (p[m].x - ux) * (p[m].x - ux) + (p[m].y - uy) * (p[m].y - uy) >= r2 * (1 - 1e-12)
                    }
                    if empty {
                        edges.insert(key(i, j))
                        edges.insert(key(j, k))
                        edges.insert(key(i, k))
                    }
                }
            }
        }
        // All points on one line: no triangle; join each to the next along the line.
        if edges.isEmpty {
            let order = (0..<n).sorted { (p[$0].x, p[$0].y) < (p[$1].x, p[$1].y) }
            for t in 1..<n { edges.insert(key(order[t - 1], order[t])) }
        }
        func length(_ e: Int) -> Double {
            let i = e / n, j = e % n
            return hypot(p[i].x - p[j].x, p[i].y - p[j].y)
        }
        func adjacencyLists() -> [[Int]] {
            var adj = [[Int]](repeating: [], count: n)
            for e in edges {
                adj[e / n].append(e % n)
                adj[e % n].append(e / n)
            }
            return adj.map { $0.sorted() }
        }
        func degree(_ i: Int) -> Int { edges.reduce(0) { $0 + ($1 / n == i || $1 % n == i ? 1 : 0) } }

        var changed = true
        while changed {
            changed = false
            for i in 0..<n where degree(i) > maxDegree {
                let mine = edges.filter { $0 / n == i || $0 % n == i }.sorted {
                    length($0) > length($1) || (length($0) == length($1) && $0 < $1)
                }
                for e in mine {
                    let other = e / n == i ? e % n : e / n
                    guard degree(other) > minDegree else { continue }
                    edges.remove(e)
                    if isConnected(adjacencyLists(), nodes: Array(0..<n)) {
                        changed = true
                        break
                    }
                    edges.insert(e)
                }
            }
        }
        for i in 0..<n where degree(i) < minDegree {
            let others = (0..<n).filter { $0 != i && !edges.contains(key(i, $0)) }
                .sorted {
                    length(key(i, $0)) < length(key(i, $1)) || (length(key(i, $0)) == length(key(i, $1)) && $0 < $1)
                }
            for j in others where degree(i) < minDegree && degree(j) < maxDegree {
                let crossed = edges.filter { e in segmentsCross(p[i], p[j], p[e / n], p[e % n]) }
                if crossed.isEmpty {
                    edges.insert(key(i, j))
                    continue
                }
                // A triangulation has no room for another straight edge: flip the one edge in the
                // way when both its ends keep enough neighbours (the drawing stays planar).
                guard crossed.count == 1, let e = crossed.first, degree(e / n) > minDegree, degree(e % n) > minDegree
                else { continue }
                edges.remove(e)
                edges.insert(key(i, j))
                if !isConnected(adjacencyLists(), nodes: Array(0..<n)) {
                    edges.remove(key(i, j))
                    edges.insert(e)
                }
            }
        }
        return adjacencyLists()
    }

    /// Whether segments ab and cd cross at a point inside both (touching at a shared end does not count).
    static func segmentsCross(
        _ a: (x: Double, y: Double), _ b: (x: Double, y: Double),
        _ c: (x: Double, y: Double), _ d: (x: Double, y: Double)
    ) -> Bool {
        func same(_ u: (x: Double, y: Double), _ v: (x: Double, y: Double)) -> Bool { u.x == v.x && u.y == v.y }
        if same(a, c) || same(a, d) || same(b, c) || same(b, d) { return false }
        func orient(_ p: (x: Double, y: Double), _ q: (x: Double, y: Double), _ r: (x: Double, y: Double)) -> Double {
            (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
        }
        let d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }

    /// Pairs of edges that cross when each township is drawn at `points` (straight lines).
    static func crossings(_ adjacency: [[Int]], points: [(lat: Double, lon: Double)]) -> Int {
        let p = project(points)
        var list: [(Int, Int)] = []
        for (i, ns) in adjacency.enumerated() { for j in ns where j > i { list.append((i, j)) } }
        var count = 0
        for a in list.indices {
            for b in list.indices where b > a {
                if segmentsCross(p[list[a].0], p[list[a].1], p[list[b].0], p[list[b].1]) { count += 1 }
            }
        }
        return count
    }

    /// Whether `nodes` form one connected piece using only edges between them.
    static func isConnected(_ adjacency: [[Int]], nodes: [Int]) -> Bool {
        guard let first = nodes.first else { return true }
        let inSet = Set(nodes)
        var seen: Set<Int> = [first]
        var stack = [first]
        while let u = stack.popLast() {
            for v in adjacency[u] where inSet.contains(v) && !seen.contains(v) {
                seen.insert(v)
                stack.append(v)
            }
        }
        return seen.count == inSet.count
    }

    /// Splits the townships into `count` connected regions.
    ///
    /// Seeds: township 0 (the county seat), then each next the township farthest from the seeds
    /// chosen so far. Regions then grow one adjacent township at a time: the region whose load
    /// (villages) divided by its `shares` entry is smallest takes its unassigned neighbour nearest
    /// to its seed. Deterministic (ties go to the lower index).
    ///
    /// - Returns: the regions, each listing its seed first and then the rest in ascending order.
    static func regions(
        adjacency: [[Int]], points: [(lat: Double, lon: Double)], load: [Int],
        count: Int, shares: [Double]
    ) -> [[Int]] {
        let n = points.count
        let k = max(1, min(count, n))
        func km(_ a: Int, _ b: Int) -> Double {
            greatCircleKm(points[a].lat, points[a].lon, points[b].lat, points[b].lon)
        }
        var seeds = [0]
        while seeds.count < k {
            let gap = { (t: Int) in seeds.map { km(t, $0) }.min()! }
            let next = (0..<n).filter { !seeds.contains($0) }.max { a, b in
                gap(a) < gap(b) || (gap(a) == gap(b) && a > b)
            }!
            seeds.append(next)
        }
        var owner = [Int](repeating: -1, count: n)
        var members = seeds.map { [$0] }
        var regionLoad = seeds.map { Double(load[$0]) }
        for (r, t) in seeds.enumerated() { owner[t] = r }
        while true {
            var best: (r: Int, t: Int, key: Double)?
            for r in 0..<k {
                let frontier = Set(members[r].flatMap { adjacency[$0] }.filter { owner[$0] < 0 })
                guard
                    let t = frontier.min(by: {
                        km($0, seeds[r]) < km($1, seeds[r]) || (km($0, seeds[r]) == km($1, seeds[r]) && $0 < $1)
                    })
                else { continue }
                let key = regionLoad[r] / max(1e-9, shares[r])
                if best == nil || key < best!.key { best = (r, t, key) }
            }
            guard let b = best else { break }
            owner[b.t] = b.r
            members[b.r].append(b.t)
            regionLoad[b.r] += Double(load[b.t])
        }
        // Only a disconnected graph leaves townships over; they join the nearest seed's region.
        for t in 0..<n where owner[t] < 0 {
            let r = (0..<k).min { km(t, seeds[$0]) < km(t, seeds[$1]) }!
            owner[t] = r
            members[r].append(t)
        }
        return members.map { [$0[0]] + $0.dropFirst().sorted() }
    }

    /// 9-digit admin-style codes: the county's 6 digits, then 001, 002 … for sub-districts (街道),
    /// 100, 101 … for towns (镇) and 200, 201 … for rural townships (乡), as the national codes run.
    static func codes(names: [String], county: String) -> [String] {
        var next = (subdistrict: 1, town: 100, township: 200)
        return names.map { name in
            let n: Int
            if name.hasSuffix("街道") {
                n = next.subdistrict
                next.subdistrict += 1
            } else if name.hasSuffix("乡") {
                n = next.township
                next.township += 1
            } else {
                n = next.town
                next.town += 1
            }
            return county + paddedID("", n, width: 3)
        }
    }
}

// MARK: - The township model in the generator

/// A county's townships in the township model: their ids and adjacency, in `CountyPlan.townships` order.
struct TownshipLayout {
    var ids: [String]
    var adjacency: [[Int]]
}

extension Generator {
    /// Gives the county's townships ids and adjacency, and adds them to `townships.csv`.
    mutating func addTownships(_ plan: CountyPlan) -> TownshipLayout {
        let ids = TownshipGraph.codes(names: plan.townships.map(\.name), county: plan.county.id)
        let points = plan.townships.map { (lat: $0.lat, lon: $0.lon) }
        // Realistic density (issue 10): a triangulation with 3–6 neighbours each; sparse: the Gabriel graph.
        let adjacency =
            settings.density == .realistic
            ? TownshipGraph.triangulated(points, minDegree: 3, maxDegree: 6)
            : TownshipGraph.adjacency(points)
        for (t, town) in plan.townships.enumerated() {
            s.townships.append(
                TownshipRow(
                    id: ids[t], name: town.name, county: plan.county.id, mode: "onsite",
                    adjacent: adjacency[t].map { ids[$0] }))
        }
        return TownshipLayout(ids: ids, adjacency: adjacency)
    }

    /// Firms and advisers for the township model: the county's townships are split into connected
    /// regions (`TownshipGraph.regions`, one per firm, of unequal size), each firm sits in its
    /// region's largest town (the county seat if the region has it) and gets advisers until its capacity — at `plan.capacityCap`, else the
    /// ordinary cap — reaches its region's villages × `capacityRatio` × a factor from
    /// `plan.regionSlack`. When ratio × factor ≥ 1 every firm can take its own region and the whole
    /// county can be covered (the demo county), while the firms' capacities differ as their regions do. Then the ineligible offices and extras, as in
    /// the individual model.
    mutating func makeRegionFirmsAndAdvisers(_ plan: CountyPlan, layout: TownshipLayout, _ rng: inout SplitMix64) {
        let profile = settings.profile
        let firstAdviser = s.advisers.count
        let index = Dictionary(uniqueKeysWithValues: layout.ids.enumerated().map { ($1, $0) })
        var perTown = [Int](repeating: 0, count: plan.townships.count)
        for v in s.villages.suffix(plan.villages) { if let t = index[v.township] { perTown[t] += 1 } }

        let n = plan.townships.count
        let k = min(n, plan.firms ?? max(2, Int((Double(n) / 2.2).rounded())))
        let shares = (0..<k).map { _ in rng.uniform(0.6, 1.5) }
        let regions = TownshipGraph.regions(
            adjacency: layout.adjacency, points: plan.townships.map { (lat: $0.lat, lon: $0.lon) },
            load: perTown, count: k, shares: shares)
        var firmIdx: [Int] = []
        for (r, region) in regions.enumerated() {
            // The firm's office: the county seat if its region has it, else the region's largest town.
            let home =
                region.contains(0)
                ? 0 : region.max { perTown[$0] < perTown[$1] || (perTown[$0] == perTown[$1] && $0 > $1) }!
            let town = plan.townships[home]
            let kind: FirmKind
            if r == 0 || !profile.eligibleRoles.contains(.grassrootsWorker) {
                kind = .lawFirm
            } else {
                kind = rng.chance(0.6) ? .lawFirm : .legalServiceOffice
            }
            let jitter = home == 0 ? 1.2 : 0.6
            let lat = town.lat + rng.normal() * jitter / 111.0
            let lon = town.lon + rng.normal() * jitter / (111.0 * cos(town.lat * .pi / 180))
            let name: String
            if kind == .lawFirm {
                let province = plan.firmPrefix ?? settings.provinceShortName
                name = firmNames.unique(&rng) { r in
                    province + r.pick(Names.firmWords) + r.pick(Names.firmWords) + "律师事务所"
                }
            } else {
                name = officeName(town: town, county: plan.county, &rng)
            }
            s.firms.append(
                Firm(
                    id: nextFirmID(), name: name, kind: kind,
                    county: plan.county.id, lat: lat, lon: lon))
            firmIdx.append(s.firms.count - 1)
        }

        let ruleCap = plan.capacityCap ?? profile.cap
        var eligibleCount = 0
        for (r, region) in regions.enumerated() {
            let f = firmIdx[r]
            let villages = region.reduce(0) { $0 + perTown[$1] }
            let target =
                Double(villages) * plan.capacityRatio
                * rng.uniform(plan.regionSlack.lowerBound, plan.regionSlack.upperBound)
            let role: Role = s.firms[f].kind == .lawFirm ? .lawyer : .grassrootsWorker
            var capacity = 0
            repeat {
                capacity += addAdviser(firm: f, role: role, status: .active, plan: plan, ruleCap: ruleCap, &rng)
                eligibleCount += 1
            } while Double(capacity) < target
            townshipWitness.append((firm: s.firms[f].id, townships: region.sorted().map { layout.ids[$0] }))
        }
        let hosts = firmIdx
        addIneligibleOffices(plan, firms: &firmIdx, &rng)
        addExtrasAndStaff(
            plan, eligibleCount: eligibleCount, firms: firmIdx, hosts: hosts, firstAdviser: firstAdviser, &rng)
    }
}
