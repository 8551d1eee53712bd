import CounselModel

/// What the plan means for one county: coverage and the capacity arithmetic behind it.
public struct CountyOutcome: Sendable, Codable, Equatable {
    /// County id.
    public var id: String
    /// County name.
    public var name: String
    /// City.
    public var city: String
    /// Marked under-resourced (Guangdong 001 §(十二)).
    public var underResourced: Bool
    /// Villages and communities in the county.
    public var villages: Int
    /// Villages with an adviser.
    public var covered: Int
    /// Villages without one.
    public var uncovered: Int
    /// The county's own advisers who may be appointed.
    public var eligibleAdvisers: Int
    /// Places those advisers offer (sum of their caps).
    public var capacity: Int
    /// `max(0, villages − capacity)`: what the county cannot cover on its own.
    public var deficit: Int
    /// Villages of this county served by advisers from other counties.
    public var supportReceived: Int
    /// Villages of other counties served by this county's advisers.
    public var supportSent: Int
    /// Who sends support to this county: villages served, by the advisers' county id.
    public var supportFrom: [String: Int]
    /// A city-level pool district (`pool: true` in counties.csv).
    public var pool: Bool
    /// Ids of the uncovered villages.
    public var uncoveredVillages: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, city, villages, covered, uncovered, capacity, deficit
        case underResourced = "under_resourced"
        case eligibleAdvisers = "eligible_advisers"
        case supportReceived = "support_received"
        case supportSent = "support_sent"
        case supportFrom = "support_from"
        case pool
        case uncoveredVillages = "uncovered_villages"
    }
}

/// An uncovered village and why.
public struct UncoveredVillage: Sendable, Codable, Equatable {
    /// Village id.
    public var id: String
    /// Village name.
    public var name: String
    /// County id.
    public var county: String
    /// Why no adviser could be given, in words a county official understands.
    public var reason: String
}

extension Plan {
    /// One outcome per county that has villages or advisers, in county-id order.
    public var counties: [CountyOutcome] {
        let p = problem
        var outcomes: [String: CountyOutcome] = [:]
        func outcome(_ id: String) -> CountyOutcome {
            let c = p.countyByID[id]
            return outcomes[id]
                ?? CountyOutcome(
                    id: id, name: c?.name ?? id, city: c?.city ?? id, underResourced: c?.underResourced ?? false,
                    villages: 0, covered: 0, uncovered: 0, eligibleAdvisers: 0, capacity: 0, deficit: 0,
                    supportReceived: 0, supportSent: 0, supportFrom: [:], pool: c?.pool ?? false, uncoveredVillages: [])
        }
        for (i, a) in p.units.enumerated() where p.isEligible[i] && p.totalCap[i] > 0 {
            var o = outcome(a.county)
            o.eligibleAdvisers += 1
            o.capacity += p.totalCap[i]
            outcomes[a.county] = o
        }
        for row in rows {
            let v = p.villages[row.village]
            var o = outcome(v.county)
            o.villages += 1
            if let k = row.candidate {
                o.covered += 1
                let c = p.candidates[k]
                if c.isSupport {
                    o.supportReceived += 1
                    let from = p.units[c.unit].county
                    o.supportFrom[from, default: 0] += 1
                    outcomes[v.county] = o
                    var s = outcome(from)
                    s.supportSent += 1
                    outcomes[from] = s
                    continue
                }
            } else {
                o.uncovered += 1
                o.uncoveredVillages.append(v.id)
            }
            outcomes[v.county] = o
        }
        return outcomes.values.map { o in
            var o = o
            o.deficit = max(0, o.villages - o.capacity)
            return o
        }.sorted { $0.id < $1.id }
    }

    /// Every uncovered village with the reason, in village-id order.
    public var uncoveredVillages: [UncoveredVillage] {
        let p = problem
        return rows.filter { $0.candidate == nil }.map { row in
            let v = p.villages[row.village]
            let range = p.candidateRange[row.village]
            let reason: String
            if range.isEmpty && p.settings.serviceModel == .team && p.settings.needs == .require && !v.needs.isEmpty {
                reason = tr("uncovered.needs", ["needs": v.needs.joined(separator: tr("list.separator"))])
            } else if range.isEmpty {
                if let km = p.scenario.maxKm {
                    reason = tr("uncovered.noneWithinKm", ["km": km.formatted])
                } else {
                    reason = tr("uncovered.noneInCounty")
                }
            } else {
                let advisers = Set(range.map { p.candidates[$0].unit })
                reason = tr(
                    p.settings.serviceModel == .team ? "uncovered.allFull.team" : "uncovered.allFull.adviser",
                    ["count": advisers.count])
            }
            return UncoveredVillage(id: v.id, name: v.name, county: v.county, reason: reason)
        }
    }

    /// Sentences that explain the shortfall per county and what would fix it.
    public var explanations: [String] {
        counties.filter { $0.uncovered > 0 }.map { c in
            var text = tr(
                "explanation.head", ["name": c.name, "id": c.id, "uncovered": c.uncovered, "villages": c.villages])
            text += tr(
                problem.settings.serviceModel == .team ? "explanation.offer.team" : "explanation.offer.adviser",
                ["count": c.eligibleAdvisers, "places": c.capacity])
            if c.deficit > 0 {
                let cap = problem.scenario.rules.assignment.cap.value
                let needed = (c.deficit + cap - 1) / cap
                text += tr(
                    "explanation.deficit",
                    ["deficit": c.deficit, "support": c.supportReceived, "needed": needed, "cap": cap])
            } else {
                text += tr("explanation.enough")
            }
            return text
        }
    }
}
