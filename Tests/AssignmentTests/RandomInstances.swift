import CounselTestSupport
import Foundation

@testable import CounselModel

/// Seeded generators of random scenarios.
enum RandomInstances {
    /// A small scenario (2–7 villages, 1–4 advisers, 1–3 counties in 1–2 cities) exercising every
    /// rule: statuses, roles, caps via max_villages (mostly 1–3), hours, both conflict kinds,
    /// rankings of advisers and firms, incumbents, max_km or none, under-resourced flags.
    static func small(seed: UInt64, rules: RuleProfile) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let cityCount = rng.int(1...2)
        let countyCount = rng.int(1...3)
        var counties: [County] = []
        var centre: [String: (Double, Double)] = [:]
        for c in 0..<countyCount {
            let id = "C\(c + 1)"
            let city = "city\(c < cityCount ? c + 1 : rng.int(1...cityCount))"
            counties.append(makeCounty(id, city: city, underResourced: rng.chance(0.4)))
            centre[id] = (22.8 + rng.double(-0.3, 0.3), 108.3 + rng.double(-0.3, 0.3))
        }
        func near(_ county: String) -> (Double, Double) {
            let (lat, lon) = centre[county]!
            return (lat + rng.double(-0.15, 0.15), lon + rng.double(-0.15, 0.15))
        }
        let maxKm: Double? = rng.pick([nil, 12, 25, 40, 70, 150])

        let adviserCount = rng.int(1...4)
        let firms = ["F1", "F2"]
        var advisers: [Adviser] = []
        for i in 0..<adviserCount {
            let county = rng.pick(counties).id
            let (lat, lon) = near(county)
            let role: AdviserRole = rng.chance(0.65) ? .lawyer : rng.pick(AdviserRole.allCases)
            let status: AdviserStatus = rng.chance(0.8) ? .active : rng.pick(AdviserStatus.allCases)
            let cap: Int?
            switch rng.int(0...19) {
            case 0: cap = 0
            case 1...3: cap = nil
            default: cap = rng.int(1...3)
            }
            let hours: Double? = rng.chance(0.2) ? rng.pick([3, 5, 8, 12, 16, 24, 40]) : nil
            advisers.append(
                makeAdviser(
                    "A\(i + 1)", county: county, lat: lat, lon: lon, role: role, status: status,
                    firm: rng.chance(0.7) ? rng.pick(firms) : nil, maxVillages: cap, hours: hours))
        }

        let villageCount = rng.int(2...7)
        var villages: [Village] = []
        for i in 0..<villageCount {
            let county = rng.pick(counties).id
            let (lat, lon) = near(county)
            let incumbent: String?
            switch rng.int(0...9) {
            case 0...4: incumbent = nil
            case 5: incumbent = "A9"  // an adviser no longer in the pool
            default: incumbent = rng.pick(advisers).id
            }
            villages.append(
                makeVillage(String(format: "V%02d", i + 1), county: county, lat: lat, lon: lon, incumbent: incumbent))
        }

        // Rankings: each village ranks some advisers or firms (never both an adviser and its firm),
        // each adviser ranks some villages; ranks distinct, possibly with gaps.
        var preferences: [Preference] = []
        for v in villages where rng.chance(0.7) {
            var targets: [String] = []
            for a in rng.shuffled(advisers) where rng.chance(0.5) { targets.append(a.id) }
            for f in firms where rng.chance(0.3) {
                if !advisers.contains(where: { $0.firm == f && targets.contains($0.id) }) { targets.append(f) }
            }
            let ranks = rng.shuffled(Array(1...6)).prefix(targets.count)
            for (t, r) in zip(targets, ranks) { preferences.append(makePreference(v.id, t, r)) }
        }
        for a in advisers where rng.chance(0.6) {
            let targets = rng.shuffled(villages).filter { _ in rng.chance(0.5) }
            let ranks = rng.shuffled(Array(1...8)).prefix(targets.count)
            for (t, r) in zip(targets, ranks) { preferences.append(makePreference(a.id, t.id, r)) }
        }

        var conflicts: [Conflict] = []
        for _ in 0..<rng.int(0...2) {
            let v = rng.pick(villages).id, a = rng.pick(advisers).id
            conflicts.append(rng.chance(0.5) ? makeConflict(v, a) : makeConflict(a, v))
        }
        if villageCount >= 2 {
            for _ in 0..<rng.int(0...2) {
                let v = rng.pick(villages).id, w = rng.pick(villages).id
                if v != w { conflicts.append(makeConflict(v, w)) }
            }
        }

        let weights: ObjectiveWeights
        switch rng.int(0...2) {
        case 0: weights = .defaults
        case 1:
            weights = ObjectiveWeights(
                preference: rng.pick([0, 1, 2.5]), distanceKm: rng.pick([0, 0.05, 0.4]),
                change: rng.pick([0, 5, 30]), support: rng.pick([0, 3, 20]))
        default: weights = ObjectiveWeights(preference: 1, distanceKm: 0.05, change: 5, support: rng.pick([0.5, 50]))
        }
        return makeScenario(
            name: "small-\(seed)", rules: rules, maxKm: maxKm, weights: weights,
            villages: rng.shuffled(villages), advisers: rng.shuffled(advisers), counties: counties,
            preferences: preferences, conflicts: conflicts)
    }

    /// A medium scenario: `villages` villages and `advisers` advisers in three counties of one
    /// city; when `short`, county A is short of capacity and the others have spare places within
    /// `max_km`, so that support pairs compete with local ones; otherwise the counties are balanced
    /// and support is dear (the pricing should keep them apart). Some conflicts and rankings.
    static func medium(
        seed: UInt64, rules: RuleProfile, villages villageCount: Int = 150, advisers adviserCount: Int = 40,
        short: Bool = true
    ) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let counties = [
            makeCounty(
                "CA", city: "city1", underResourced: rules.assignment.underResourcedCap != nil && rng.chance(0.5)),
            makeCounty("CB", city: "city1"), makeCounty("CC", city: "city1", underResourced: rng.chance(0.3)),
        ]
        let centres: [String: (Double, Double)] = ["CA": (22.80, 108.30), "CB": (22.80, 108.62), "CC": (23.08, 108.45)]
        func near(_ county: String, _ spread: Double) -> (Double, Double) {
            let (lat, lon) = centres[county]!
            return (lat + rng.double(-spread, spread), lon + rng.double(-spread, spread))
        }
        // County A gets about half the villages and a fifth of the advisers.
        var advisers: [Adviser] = []
        for i in 0..<adviserCount {
            let county = short ? (i < adviserCount / 5 ? "CA" : (i % 2 == 0 ? "CB" : "CC")) : ["CA", "CB", "CC"][i % 3]
            let (lat, lon) = near(county, 0.12)
            let status: AdviserStatus = rng.chance(0.93) ? .active : .onLeave
            let role: AdviserRole = rng.chance(0.9) ? .lawyer : rng.pick([.grassrootsWorker, .apprentice])
            let cap: Int? = rng.chance(0.7) ? nil : rng.int(2...5)
            advisers.append(
                makeAdviser(
                    String(format: "A%03d", i + 1), county: county, lat: lat, lon: lon, role: role,
                    status: status, firm: "F\(rng.int(1...6))", maxVillages: cap,
                    hours: rng.chance(0.1) ? 20 : nil))
        }
        var villages: [Village] = []
        for i in 0..<villageCount {
            let county = short ? (i < villageCount / 2 ? "CA" : (i % 2 == 0 ? "CB" : "CC")) : ["CA", "CB", "CC"][i % 3]
            let (lat, lon) = near(county, 0.15)
            villages.append(
                makeVillage(
                    String(format: "V%03d", i + 1), county: county, lat: lat, lon: lon,
                    incumbent: rng.chance(0.4) ? rng.pick(advisers).id : nil))
        }
        var preferences: [Preference] = []
        for v in villages where rng.chance(0.3) {
            let local = advisers.filter { $0.county == v.county }
            for (r, a) in rng.shuffled(local).prefix(3).enumerated() {
                preferences.append(makePreference(v.id, a.id, r + 1))
            }
        }
        for a in advisers where rng.chance(0.3) {
            let local = villages.filter { $0.county == a.county }
            for (r, v) in rng.shuffled(local).prefix(4).enumerated() {
                preferences.append(makePreference(a.id, v.id, r + 1))
            }
        }
        var conflicts: [Conflict] = []
        for _ in 0..<8 { conflicts.append(makeConflict(rng.pick(villages).id, rng.pick(advisers).id)) }
        for _ in 0..<8 {
            let v = rng.pick(villages).id, w = rng.pick(villages).id
            if v != w { conflicts.append(makeConflict(v, w)) }
        }
        let weights = ObjectiveWeights(
            preference: 1, distanceKm: rng.pick([0.05, 0.2]), change: 5,
            support: short ? rng.pick([5, 20]) : 40)
        return makeScenario(
            name: "medium-\(seed)", rules: rules, maxKm: rng.pick([30, 45, 60]), weights: weights,
            villages: villages, advisers: advisers, counties: counties,
            preferences: preferences, conflicts: conflicts)
    }
}
