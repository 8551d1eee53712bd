import Foundation

/// Figures about a scenario folder: its size, the capacity it offers under its rules, how many
/// candidates each village has, and how many villages can be covered at all.
struct ScenarioStats {
    struct CountyLine {
        var county: County
        var villages: Int
        var eligible: Int
        /// Σ capacity of the county's own active eligible advisers at the ordinary cap (5).
        var capacity: Int
        /// The same with the under-resourced cap (Guangdong 8) where the county is marked so.
        var raisedCapacity: Int
    }

    var profile: RuleProfile
    var maxKm: Double
    var villages: Int
    var communities: Int
    var townships: Int
    var counties: Int
    var cities: Int
    var firms: Int
    var advisers: Int
    var eligible: Int
    var capacity: Int
    var raisedCapacity: Int
    var pairs: Int
    var minCandidates: Int
    var maxCandidates: Int
    var villagesWithNone: Int
    var crossCounty: Int
    var incumbents: Int
    var incumbentsEligible: Int
    var villageConflicts: Int
    /// Villages in at least one village–village conflict.
    var villagesInConflict: Int
    var adviserConflicts: Int
    var villagesRanking: Int
    var advisersRanking: Int
    var maxCoverage: Int?
    var perCounty: [CountyLine]
    /// Service model, teams, townships, pools and rankings (`ScenarioStats+Models.swift`).
    var model: ModelStats

    /// Lines about the service model, teams, townships, pools and rankings.
    var modelLines: [String] { model.lines }

    var averageCandidates: Double { Double(pairs) / Double(max(1, villages)) }

    /// - Parameter coverage: also solve the maximum-flow bound (a fraction of a second for a province).
    init(_ s: Scenario, coverage: Bool) {
        profile = RuleProfile.named(s.rules) ?? .nanning
        let eligibleFlags = s.advisers.map(profile.isEligible)
        maxKm = s.maxKm ?? 30
        let index = CandidateIndex(
            villages: s.villages, advisers: s.advisers, eligible: eligibleFlags, counties: s.counties, radiusKm: maxKm)
        // An adviser may not serve a village they conflict with (002 §二(五)): drop those pairs.
        let banned = Set(s.conflicts.map { $0.a + "|" + $0.b })
        let lists = index.lists.enumerated().map { v, list in
            banned.isEmpty ? list : list.filter { !banned.contains(s.advisers[$0.adviser].id + "|" + s.villages[v].id) }
        }

        villages = s.villages.count
        communities = s.villages.filter { $0.kind == .community }.count
        townships = Set(s.villages.map { $0.county + "/" + $0.township }).count
        counties = s.counties.count
        cities = Set(s.counties.map(\.city)).count
        firms = s.firms.count
        advisers = s.advisers.count
        eligible = eligibleFlags.filter { $0 }.count

        let ur = Set(s.counties.filter(\.underResourced).map(\.id))
        var byCounty: [String: CountyLine] = [:]
        for c in s.counties {
            byCounty[c.id] = CountyLine(county: c, villages: 0, eligible: 0, capacity: 0, raisedCapacity: 0)
        }
        for v in s.villages { byCounty[v.county]?.villages += 1 }
        capacity = 0
        raisedCapacity = 0
        for (a, ok) in zip(s.advisers, eligibleFlags) where ok {
            let c5 = profile.capacity(of: a, ruleCap: profile.cap)
            let c8 = ur.contains(a.county) ? profile.capacity(of: a, ruleCap: profile.underResourcedCap) : c5
            capacity += c5
            raisedCapacity += c8
            byCounty[a.county]?.eligible += 1
            byCounty[a.county]?.capacity += c5
            byCounty[a.county]?.raisedCapacity += c8
        }
        perCounty = s.counties.compactMap { byCounty[$0.id] }

        pairs = lists.reduce(0) { $0 + $1.count }
        minCandidates = lists.map(\.count).min() ?? 0
        maxCandidates = lists.map(\.count).max() ?? 0
        villagesWithNone = lists.filter(\.isEmpty).count
        crossCounty =
            lists.indices.filter { v in lists[v].contains { s.advisers[$0.adviser].county != s.villages[v].county } }
            .count

        let adviserIndex = Dictionary(s.advisers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        incumbents = s.villages.filter { $0.currentAdviser != nil }.count
        incumbentsEligible =
            s.villages.filter { v in
                guard let c = v.currentAdviser, let a = adviserIndex[c] else { return false }
                return eligibleFlags[a]
            }.count
        let villageIDs = Set(s.villages.map(\.id))
        villageConflicts = s.conflicts.filter { villageIDs.contains($0.a) && villageIDs.contains($0.b) }.count
        villagesInConflict =
            Set(s.conflicts.filter { villageIDs.contains($0.a) && villageIDs.contains($0.b) }.flatMap { [$0.a, $0.b] })
            .count
        adviserConflicts = s.conflicts.count - villageConflicts
        villagesRanking = Set(s.preferences.map(\.from).filter(villageIDs.contains)).count
        advisersRanking = Set(s.preferences.map(\.from).filter { adviserIndex[$0] != nil }).count
        maxCoverage = coverage ? maximumCoverage(scenario: s, profile: profile, candidates: lists) : nil
        model = ModelStats(s, profile: profile, maxKm: maxKm, candidates: lists, coverage: coverage)
    }

    /// The one-line summary `generate` prints.
    var oneLine: String {
        let ratio = Double(capacity) / Double(max(1, villages))
        var line =
            "\(villages.grouped) villages (\(communities.grouped) communities) in \(townships.grouped) townships, "
            + "\(counties.grouped) counties / \(cities.grouped) cities; \(advisers.grouped) advisers (\(eligible.grouped) active eligible) "
            + "in \(firms.grouped) firms; capacity \(capacity.grouped) = \(String(format: "%.2f", ratio))× villages"
        if raisedCapacity != capacity { line += " (\(raisedCapacity.grouped) with the under-resourced cap)" }
        line +=
            "; max_km \(plainNumber(maxKm)): \(String(format: "%.1f", averageCandidates)) candidates/village"
            + " (min \(minCandidates), \(villagesWithNone) with none), \(String(format: "%.1f", 100 * Double(crossCounty) / Double(max(1, villages))))% with cross-county candidates"
        return line
    }
}

extension Int {
    /// 26000 → "26,000".
    var grouped: String {
        let digits = String(abs(self))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return (self < 0 ? "-" : "") + out
    }
}

// MARK: - Checking a folder against the contract

extension Scenario {
    /// Problems with respect to the scenario contract (Benchmarks/README.md), beyond parse errors.
    func contractIssues() -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        func issue(_ file: String, _ m: String) { issues.append(ScenarioIssue(file: file, message: m)) }

        var owner: [String: String] = [:]
        func claim(_ id: String, _ file: String) {
            if id.isEmpty {
                issue(file, "an empty id")
                return
            }
            if let other = owner[id] { issue(file, "id \(id) is also used in \(other)") } else { owner[id] = file }
        }
        counties.forEach { claim($0.id, ScenarioFile.counties) }
        firms.forEach { claim($0.id, ScenarioFile.firms) }
        advisers.forEach { claim($0.id, ScenarioFile.advisers) }
        villages.forEach { claim($0.id, ScenarioFile.villages) }

        let profile = RuleProfile.named(rules)
        if profile == nil {
            issue(ScenarioFile.yaml, "rules '\(rules)' is not one this tool knows (nanning, guangdong)")
        }
        if year != 2026 { issue(ScenarioFile.yaml, "year is \(year), expected 2026") }
        let countyIDs = Set(counties.map(\.id)), firmIDs = Set(firms.map(\.id))
        let adviserIDs = Set(advisers.map(\.id)), villageIDs = Set(villages.map(\.id))
        for c in counties where c.id.count != 6 || !c.id.allSatisfy(\.isNumber) {
            issue(ScenarioFile.counties, "county id \(c.id) is not a 6-digit code")
        }
        for f in firms where !countyIDs.contains(f.county) {
            issue(ScenarioFile.firms, "\(f.id): unknown county \(f.county)")
        }
        let tags = Set(legalTags)
        for a in advisers {
            if !firmIDs.contains(a.firm) { issue(ScenarioFile.advisers, "\(a.id): unknown firm \(a.firm)") }
            if !countyIDs.contains(a.county) { issue(ScenarioFile.advisers, "\(a.id): unknown county \(a.county)") }
            if let m = a.maxVillages, let p = profile, m > p.underResourcedCap || m < 0 {
                issue(ScenarioFile.advisers, "\(a.id): max_villages \(m) above the rule cap \(p.underResourcedCap)")
            }
            if let bad = a.specialties.first(where: { !tags.contains($0) }) {
                issue(ScenarioFile.advisers, "\(a.id): unknown specialty \(bad)")
            }
            if a.phone.count != 11 || !a.phone.hasPrefix("13") || !a.phone.allSatisfy(\.isNumber) {
                issue(ScenarioFile.advisers, "\(a.id): phone \(a.phone) is not 13xxxxxxxxx")
            }
        }
        for v in villages {
            if !countyIDs.contains(v.county) { issue(ScenarioFile.villages, "\(v.id): unknown county \(v.county)") }
            if let c = v.currentAdviser, !adviserIDs.contains(c) {
                issue(ScenarioFile.villages, "\(v.id): unknown current_adviser \(c)")
            }
            if let bad = v.needs.first(where: { !tags.contains($0) }) {
                issue(ScenarioFile.villages, "\(v.id): unknown need \(bad)")
            }
            if v.needs.isEmpty { issue(ScenarioFile.villages, "\(v.id): no needs") }
        }
        var ranks: [String: [Int]] = [:]
        for p in preferences {
            if villageIDs.contains(p.from) {
                if !adviserIDs.contains(p.to) && !firmIDs.contains(p.to) {
                    issue(ScenarioFile.preferences, "\(p.from) ranks \(p.to), not an adviser or firm")
                }
            } else if adviserIDs.contains(p.from) {
                if !villageIDs.contains(p.to) {
                    issue(ScenarioFile.preferences, "\(p.from) ranks \(p.to), not a village")
                }
            } else {
                issue(ScenarioFile.preferences, "from \(p.from) is neither a village nor an adviser")
            }
            ranks[p.from, default: []].append(p.rank)
        }
        for (from, r) in ranks.sorted(by: { $0.key < $1.key }) where r.sorted() != Array(1...r.count) {
            issue(ScenarioFile.preferences, "\(from): ranks \(r.sorted()) are not 1..\(r.count)")
        }
        var seenPairs = Set<String>()
        for c in conflicts {
            let vv = villageIDs.contains(c.a) && villageIDs.contains(c.b)
            let av = adviserIDs.contains(c.a) && villageIDs.contains(c.b)
            if !vv && !av {
                issue(ScenarioFile.conflicts, "\(c.a)–\(c.b) is neither two villages nor an adviser and a village")
            }
            if c.a == c.b { issue(ScenarioFile.conflicts, "\(c.a) conflicts with itself") }
            if !seenPairs.insert([c.a, c.b].sorted().joined(separator: "|")).inserted {
                issue(ScenarioFile.conflicts, "\(c.a)–\(c.b) listed twice")
            }
        }
        return issues + modelContractIssues(claimedIDs: &owner)
    }
}
