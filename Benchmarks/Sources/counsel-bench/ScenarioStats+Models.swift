import Foundation

// MARK: - Figures of the team and township models, paired support and rankings

/// What `inspect` and `generate` say about a scenario's service model, pool districts and rankings,
/// as the harness counts them (an approximation of the planner, never its rules).
struct ModelStats {
    var lines: [String] = []
    /// Team model: the most villages teams can cover (caps, `max_km` from the lead's base, needs
    /// within the team's specialties, the county-or-city rule; conflicts ignored). A team's cap is
    /// the sum of its licensed members' caps, with Guangdong's raised cap counted as for one adviser
    /// in `maximumCoverage`: up to `underResourcedCap` each in all, `cap` each outside
    /// under-resourced counties.
    var teamCoverage: Int?

    init(_ s: Scenario, profile: RuleProfile, maxKm: Double, candidates: [[(adviser: Int, km: Double)]], coverage: Bool)
    {
        let eligible = s.advisers.map(profile.isEligible)
        let adviserIndex = Dictionary(s.advisers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ur = Set(s.counties.filter(\.underResourced).map(\.id))
        func cap(_ a: Int, raised: Bool) -> Int {
            profile.capacity(
                of: s.advisers[a],
                ruleCap: raised && ur.contains(s.advisers[a].county) ? profile.underResourcedCap : profile.cap)
        }

        var head = "service_model \(s.serviceModel.rawValue)"
        if s.stable { head += ", stable: true" }
        if let a = s.acceptable { head += ", acceptable: \(a)" }
        if let n = s.needsRule { head += ", needs: \(n)" }
        lines.append(head)

        // Rankings: how long the lists are on each side.
        let villageIDs = Set(s.villages.map(\.id))
        var lengths: [String: Int] = [:]
        for p in s.preferences { lengths[p.from, default: 0] += 1 }
        let fromVillages = lengths.filter { villageIDs.contains($0.key) }.map(\.value)
        let fromAdvisers = lengths.filter { adviserIndex[$0.key] != nil }.map(\.value)
        func describe(_ l: [Int]) -> String {
            l.isEmpty
                ? "none"
                : "\(l.count.grouped) (\(l.min()!)–\(l.max()!) each, mean \(String(format: "%.1f", Double(l.reduce(0, +)) / Double(l.count))))"
        }
        lines.append("rankings: villages \(describe(fromVillages)); advisers \(describe(fromAdvisers))")

        // Teams.
        if !s.teams.isEmpty {
            var members: [String: [Int]] = [:], lead: [String: Int] = [:], order: [String] = []
            for m in s.teams {
                guard let a = adviserIndex[m.member] else { continue }
                if members[m.team] == nil { order.append(m.team) }
                members[m.team, default: []].append(a)
                if m.roleInTeam == "lead" { lead[m.team] = a }
            }
            let sizes = order.map { members[$0]!.count }
            let apprentices = s.teams.filter {
                adviserIndex[$0.member].map { s.advisers[$0].role == .apprentice } ?? false
            }.count
            let teamCap = order.map { t in members[t]!.filter { eligible[$0] }.reduce(0) { $0 + cap($1, raised: false) }
            }
            let fields = order.map { t in Set(members[t]!.flatMap { s.advisers[$0].specialties }) }
            var histogram = [Int](repeating: 0, count: 5)
            for n in sizes { histogram[min(4, n)] += 1 }
            lines.append(
                "teams: \(order.count.grouped) with \(s.teams.count.grouped) members (\(apprentices) apprentices); sizes "
                    + (2...4).map { "\($0): \(histogram[$0])" }.joined(separator: ", ")
                    + "; capacity \(teamCap.reduce(0, +).grouped) (Σ licensed members' caps); specialties per team "
                    + "\(fields.map(\.count).min() ?? 0)–\(fields.map(\.count).max() ?? 0)")

            // Which teams may serve which village: the lead's base within max_km, the same county or
            // city, and (needs: require) every need among the team's specialties.
            let cityOf = Dictionary(s.counties.map { ($0.id, $0.city) }, uniquingKeysWith: { a, _ in a })
            let requireNeeds = s.needsRule != "prefer"
            let leads = order.map { lead[$0] ?? members[$0]![0] }
            let grid = SpatialGrid(
                lats: leads.map { s.advisers[$0].lat }, lons: leads.map { s.advisers[$0].lon },
                cellDeg: max(0.05, min(1.0, maxKm / 111.0)))
            var lists: [[Int]] = []
            var inReach = 0
            for v in s.villages {
                let near = grid.within(km: maxKm, lat: v.lat, lon: v.lon).map(\.index).filter { t in
                    let c = s.advisers[leads[t]].county
                    return c == v.county || (cityOf[c] ?? c) == (cityOf[v.county] ?? v.county)
                }
                if !near.isEmpty { inReach += 1 }
                lists.append(requireNeeds ? near.filter { fields[$0].isSuperset(of: v.needs) } : near)
            }
            let withTeam = lists.filter { !$0.isEmpty }.count
            lines.append(
                "villages with a team in reach: \(inReach.grouped) of \(s.villages.count.grouped); "
                    + "with one whose specialties cover all their needs: \(withTeam.grouped) "
                    + "(\(String(format: "%.1f", Double(lists.reduce(0) { $0 + $1.count }) / Double(max(1, s.villages.count)))) such teams per village)"
            )
            if coverage {
                // nodes: 0 source, 1 sink, teams, teams' "outside" nodes, villages
                let n = order.count
                var flow = MaxFlow(nodes: 2 + 2 * n + s.villages.count)
                for (t, team) in order.enumerated() {
                    let licensed = members[team]!.filter { eligible[$0] }
                    let total = licensed.reduce(0) {
                        $0 + profile.capacity(of: s.advisers[$1], ruleCap: profile.underResourcedCap)
                    }
                    flow.addEdge(0, 2 + t, total)
                    flow.addEdge(2 + t, 2 + n + t, min(total, teamCap[t]))
                }
                for (v, list) in lists.enumerated() {
                    let inUR = ur.contains(s.villages[v].county)
                    for t in list { flow.addEdge(inUR ? 2 + t : 2 + n + t, 2 + 2 * n + v, 1) }
                    flow.addEdge(2 + 2 * n + v, 1, 1)
                }
                teamCoverage = flow.run(source: 0, sink: 1)
            }
        }

        // Townships.
        if !s.townships.isEmpty {
            let degrees = s.townships.map(\.adjacent.count)
            var histogram: [Int: Int] = [:]
            for d in degrees { histogram[d, default: 0] += 1 }
            lines.append(
                "townships.csv: \(s.townships.count.grouped) townships, \((degrees.reduce(0, +) / 2).grouped) adjacent pairs "
                    + "(\(degrees.min()!)–\(degrees.max()!) neighbours, mean \(String(format: "%.1f", Double(degrees.reduce(0, +)) / Double(degrees.count))); "
                    + "townships by neighbours: "
                    + histogram.keys.sorted().map { "\($0): \(histogram[$0]!)" }.joined(separator: ", ") + ")")
            lines.append(ModelStats.planarity(s))
        }
        if s.serviceModel == .township {
            // A firm's capacity: its eligible advisers' villages at the ordinary cap (and the raised one).
            var byCounty: [String: [(firm: String, cap: Int, raised: Int)]] = [:]
            for f in s.firms {
                let staff = s.advisers.indices.filter { s.advisers[$0].firm == f.id && eligible[$0] }
                guard !staff.isEmpty else { continue }
                byCounty[f.county, default: []].append(
                    (
                        f.id, staff.reduce(0) { $0 + cap($1, raised: false) },
                        staff.reduce(0) { $0 + cap($1, raised: true) }
                    ))
            }
            for c in s.counties {
                guard let firms = byCounty[c.id] else { continue }
                let villages = s.villages.filter { $0.county == c.id }.count
                let caps = firms.map { "\($0.firm) \($0.cap)" + ($0.raised != $0.cap ? "/\($0.raised)" : "") }
                if s.counties.count <= 3 {
                    lines.append(
                        "  \(c.id): \(villages) villages; firms' capacity (cap 5"
                            + (ur.contains(c.id) ? "/raised cap" : "")
                            + "): " + caps.joined(separator: ", "))
                }
            }
        }

        // Paired support from pool districts (one line each for up to three, else in total).
        let pools = s.counties.filter(\.pool)
        var poolLines: [String] = []
        var totals = (villages: 0, capacity: 0, reached: 0)
        for pool in pools {
            let staff = s.advisers.indices.filter { s.advisers[$0].county == pool.id && eligible[$0] }
            let capacity = staff.reduce(0) { $0 + cap($1, raised: false) }
            let own = s.villages.filter { $0.county == pool.id }.count
            let others = s.counties.filter { $0.city == pool.city && $0.id != pool.id }.map(\.id)
            let reached = s.villages.indices.filter { v in
                others.contains(s.villages[v].county)
                    && candidates[v].contains { s.advisers[$0.adviser].county == pool.id }
            }.count
            poolLines.append(
                "pool \(pool.id) \(pool.city)\(pool.name): \(own) villages, capacity \(capacity) (surplus \(capacity - own)); "
                    + "its advisers reach \(reached.grouped) villages of the city's other counties within max_km")
            totals = (totals.villages + own, totals.capacity + capacity, totals.reached + reached)
        }
        if pools.count <= 3 {
            lines += poolLines
        } else {
            lines.append(
                "\(pools.count) pools: \(totals.villages.grouped) villages, capacity \(totals.capacity.grouped) "
                    + "(surplus \((totals.capacity - totals.villages).grouped)); their advisers reach \(totals.reached.grouped) villages "
                    + "of their cities' other counties within max_km")
        }
    }
}

extension ModelStats {
    /// Whether each county's township graph can be planar, and a drawing that shows it.
    ///
    /// Two checks: Euler's bound (a simple planar graph on n ≥ 3 nodes has at most 3n − 6 edges: a
    /// county above it is certainly not planar), and the crossings of the straight-line drawing with
    /// each township at the mean position of its villages (townships.csv has no coordinates). Zero
    /// crossings prove the graph planar; a crossing there does not disprove it, since the villages'
    /// mean is not the seat the generator triangulated (`Tools/check-planarity.py` tests exactly).
    static func planarity(_ s: Scenario) -> String {
        var sum: [String: (lat: Double, lon: Double, n: Int)] = [:]
        for v in s.villages {
            let t = sum[v.township] ?? (0, 0, 0)
            sum[v.township] = (t.lat + v.lat, t.lon + v.lon, t.n + 1)
        }
        var byCounty: [String: [Int]] = [:], order: [String] = []
        for (i, t) in s.townships.enumerated() {
            if byCounty[t.county] == nil { order.append(t.county) }
            byCounty[t.county, default: []].append(i)
        }
        var overEuler: [String] = [], crossing = 0, countiesCrossing = 0, drawn = 0
        for county in order {
            let members = byCounty[county]!
            let local = Dictionary(uniqueKeysWithValues: members.enumerated().map { (s.townships[$1].id, $0) })
            let adjacency = members.map { i in s.townships[i].adjacent.compactMap { local[$0] } }
            let edges = adjacency.reduce(0) { $0 + $1.count } / 2
            if members.count >= 3 && edges > 3 * members.count - 6 { overEuler.append(county) }
            let points = members.compactMap { i -> (lat: Double, lon: Double)? in
                guard let t = sum[s.townships[i].id], t.n > 0 else { return nil }
                return (t.lat / Double(t.n), t.lon / Double(t.n))
            }
            guard points.count == members.count else { continue }
            drawn += 1
            let c = TownshipGraph.crossings(adjacency, points: points)
            crossing += c
            if c > 0 { countiesCrossing += 1 }
        }
        return
            "planarity: \(overEuler.isEmpty ? "every county within Euler's bound (edges ≤ 3·townships − 6)" : "NOT PLANAR (over Euler's bound): \(overEuler.prefix(5).joined(separator: ", "))"); "
            + "drawn at their villages' mean position, \(crossing) crossing edge pairs in \(countiesCrossing) of \(drawn) counties"
            + (crossing == 0 ? " (so every county's graph is planar)" : "")
    }
}

// MARK: - The contract of the optional files

extension Scenario {
    /// Problems with `townships.csv`, `teams.csv`, the `pool` column and the model settings.
    func modelContractIssues(claimedIDs: inout [String: String]) -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        func issue(_ file: String, _ m: String) { issues.append(ScenarioIssue(file: file, message: m)) }
        let countyIDs = Set(counties.map(\.id)), firmIDs = Set(firms.map(\.id))
        let adviserByID = Dictionary(advisers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // townships.csv: ids unique (across files), known county, symmetric adjacency within the
        // county, each county's townships connected.
        var townshipIndex: [String: Int] = [:]
        for (i, t) in townships.enumerated() {
            if t.id.isEmpty {
                issue(ScenarioFile.townships, "an empty id")
                continue
            }
            if let other = claimedIDs[t.id] {
                issue(ScenarioFile.townships, "id \(t.id) is also used in \(other)")
            } else {
                claimedIDs[t.id] = ScenarioFile.townships
            }
            townshipIndex[t.id] = i
            if !countyIDs.contains(t.county) { issue(ScenarioFile.townships, "\(t.id): unknown county \(t.county)") }
            if t.mode != "onsite" && t.mode != "online" {
                issue(ScenarioFile.townships, "\(t.id): mode '\(t.mode)' is not onsite or online")
            }
        }
        var adjacency = [[Int]](repeating: [], count: townships.count)
        for (i, t) in townships.enumerated() {
            for n in t.adjacent {
                guard let j = townshipIndex[n] else {
                    issue(ScenarioFile.townships, "\(t.id): adjacent \(n) is not a township")
                    continue
                }
                if j == i { issue(ScenarioFile.townships, "\(t.id) is adjacent to itself") }
                if !townships[j].adjacent.contains(t.id) {
                    issue(ScenarioFile.townships, "\(t.id) lists \(n) as adjacent but not the other way round")
                }
                if townships[j].county != t.county {
                    issue(ScenarioFile.townships, "\(t.id) and \(n) are adjacent but in different counties")
                }
                adjacency[i].append(j)
            }
        }
        for c in counties {
            let nodes = townships.indices.filter { townships[$0].county == c.id }
            if !TownshipGraph.isConnected(adjacency, nodes: nodes) {
                issue(ScenarioFile.townships, "the townships of county \(c.id) are not connected by adjacency")
            }
        }
        if serviceModel == .township {
            if townships.isEmpty { issue(ScenarioFile.townships, "service_model: township needs townships.csv") }
            for v in villages {
                guard let t = townshipIndex[v.township] else {
                    issue(ScenarioFile.villages, "\(v.id): township \(v.township) is not an id in townships.csv")
                    continue
                }
                if townships[t].county != v.county {
                    issue(
                        ScenarioFile.villages,
                        "\(v.id): township \(v.township) is in county \(townships[t].county), not \(v.county)")
                }
            }
            for a in advisers where a.firm.isEmpty {
                issue(ScenarioFile.advisers, "\(a.id): the township model needs a firm")
            }
        }

        // teams.csv: one lead per team, never an apprentice; one firm per team, the members' own;
        // every adviser in at most one team.
        var teamFirm: [String: String] = [:], leads: [String: Int] = [:], teamOf: [String: String] = [:]
        var teamOrder: [String] = []
        for m in teams {
            if teamFirm[m.team] == nil {
                teamOrder.append(m.team)
                teamFirm[m.team] = m.firm
                if let other = claimedIDs[m.team] {
                    issue(ScenarioFile.teams, "team id \(m.team) is also used in \(other)")
                } else {
                    claimedIDs[m.team] = ScenarioFile.teams
                }
            } else if teamFirm[m.team] != m.firm {
                issue(ScenarioFile.teams, "team \(m.team) names firms \(teamFirm[m.team]!) and \(m.firm)")
            }
            if !firmIDs.contains(m.firm) { issue(ScenarioFile.teams, "team \(m.team): unknown firm \(m.firm)") }
            guard let a = adviserByID[m.member] else {
                issue(ScenarioFile.teams, "team \(m.team): unknown member \(m.member)")
                continue
            }
            if a.firm != m.firm {
                issue(ScenarioFile.teams, "team \(m.team): \(m.member) works for \(a.firm), not \(m.firm)")
            }
            if let t = teamOf[m.member] {
                issue(ScenarioFile.teams, "\(m.member) is in teams \(t) and \(m.team)")
            } else {
                teamOf[m.member] = m.team
            }
            switch m.roleInTeam {
            case "lead":
                leads[m.team, default: 0] += 1
                if a.role == .apprentice {
                    issue(ScenarioFile.teams, "team \(m.team): the lead \(m.member) is an apprentice")
                }
            case "member": break
            default: issue(ScenarioFile.teams, "team \(m.team): role_in_team '\(m.roleInTeam)' is not lead or member")
            }
        }
        for t in teamOrder where leads[t, default: 0] != 1 {
            issue(ScenarioFile.teams, "team \(t) has \(leads[t, default: 0]) leads, expected 1")
        }
        if serviceModel == .team && teams.isEmpty { issue(ScenarioFile.teams, "service_model: team needs teams.csv") }

        // Pool districts serve the other counties of their city.
        for c in counties where c.pool && !counties.contains(where: { $0.city == c.city && $0.id != c.id }) {
            issue(ScenarioFile.counties, "\(c.id) is a pool but its city \(c.city) has no other county")
        }
        return issues
    }
}
