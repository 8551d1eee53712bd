import Foundation

// MARK: - Realistic density: one city at a time (issues 9, 10, 16)

/// What `Generator.write` made, counted while it made it (before reading anything back).
struct GenerationFigures {
    var villages = 0
    var advisers = 0
    var eligible = 0
    var firms = 0
    var counties = 0
    var townships = 0
    /// Village–adviser pairs within `max_km` under the county-or-city rule, before adviser–village conflicts.
    var pairs = 0
    var preferences = 0
    var conflicts = 0
    var batches = 0
    var maxKm = 0.0
}

extension Generator {
    /// The cities' batches: consecutive county plans of the same city (the layout lists counties by
    /// city). Candidates never cross a city (support is the city bureau's, RULES.md §2), so a city
    /// can be made, written and dropped before the next.
    private var batches: [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        let plans = settings.counties
        for i in plans.indices where i > 0 && plans[i].county.city != plans[i - 1].county.city {
            out.append(start..<i)
            start = i
        }
        if !plans.isEmpty { out.append(start..<plans.count) }
        return out
    }

    /// What scenario.yaml and counties.csv say (after `forEachBatch`: `max_km` is known then).
    var head: Scenario {
        var h = Scenario(name: settings.name, rules: settings.profile.name)
        h.comment = settings.comment
        h.maxKm = madeMaxKm
        h.counties = settings.counties.map(\.county)
        h.serviceModel = settings.serviceModel
        h.stable = settings.stable
        return h
    }

    /// Makes the realistic scenario city by city and hands each city's rows to `body`.
    mutating func forEachBatch(_ body: (Scenario) throws -> Void) rethrows {
        for (i, range) in batches.enumerated() {
            let batch = runBatch(settings.counties[range], index: i)
            try body(batch)
        }
    }

    /// Writes the scenario folder `dir`: the realistic density streamed one city at a time through
    /// `ScenarioWriter` (memory stays that of one city), the sparse one made whole and written.
    static func write(_ settings: GeneratorSettings, to dir: URL) throws -> GenerationFigures {
        var figures = GenerationFigures()
        if settings.density == .sparse {
            let scenario = generate(settings)
            try scenario.write(to: dir)
            figures.count(scenario, profile: settings.profile)
            figures.maxKm = scenario.maxKm ?? 0
            return figures
        }
        let writer = try ScenarioWriter(dir: dir)
        var g = Generator(settings)
        do {
            try g.forEachBatch { batch in
                try writer.append(batch)
                figures.count(batch, profile: settings.profile)
            }
            try writer.finish(g.head)
        } catch {
            writer.abandon()
            throw error
        }
        figures.pairs = g.madePairs
        figures.counties = settings.counties.count
        figures.batches = g.batches.count
        figures.maxKm = g.madeMaxKm ?? 0
        return figures
    }

    /// One city: villages, firms and advisers of its counties, then (with `max_km` fixed) candidates,
    /// incumbents, conflicts, rankings and teams, all within the city.
    mutating func runBatch(_ plans: ArraySlice<CountyPlan>, index: Int) -> Scenario {
        let profile = settings.profile
        villageBase += s.villages.count
        adviserBase += s.advisers.count
        firmBase += s.firms.count
        s = Scenario(name: settings.name, rules: profile.name)
        s.serviceModel = settings.serviceModel
        s.stable = settings.stable
        var batchRng = SplitMix64(seed: settings.seed ^ (UInt64(index + 1) &* 0xD1B5_4A32_D192_ED03))
        var placeRng = batchRng.fork(1), adviserRng = batchRng.fork(2)
        for plan in plans {
            s.counties.append(plan.county)
            // Law firms' names are unique within a province.
            let prefix = plan.firmPrefix ?? settings.provinceShortName
            if prefix != firmNamesPrefix {
                firmNamesByPrefix[firmNamesPrefix] = firmNames
                firmNames = firmNamesByPrefix[prefix] ?? NameMaker()
                firmNamesPrefix = prefix
            }
            if settings.serviceModel == .township {
                let layout = addTownships(plan)
                makeVillages(plan, townshipIDs: layout.ids, &placeRng)
                makeRegionFirmsAndAdvisers(plan, layout: layout, &adviserRng)
            } else {
                makeVillages(plan, townshipIDs: nil, &placeRng)
                makeFirmsAndAdvisers(plan, &adviserRng)
            }
        }

        let eligible = s.advisers.map(profile.isEligible)
        let maxKm = baseRadius(eligible)
        madeMaxKm = max(madeMaxKm ?? 0, maxKm)
        s.maxKm = maxKm
        let candidates = CandidateIndex(
            villages: s.villages, advisers: s.advisers, eligible: eligible,
            counties: s.counties, radiusKm: maxKm
        ).lists
        madePairs += candidates.reduce(0) { $0 + $1.count }
        incumbencySlots = s.advisers.map { profile.capacity(of: $0, ruleCap: profile.cap) }

        var incumbentRng = batchRng.fork(4), conflictRng = batchRng.fork(5), preferenceRng = batchRng.fork(6)
        assignIncumbents(candidates, &incumbentRng)
        assignFailedIncumbents(&incumbentRng, maxKm: maxKm)
        // Shares of this city's villages, rounded with a random remainder so small cities get some too.
        func share(_ x: Double) -> Int {
            let exact = x * Double(s.villages.count)
            return Int(exact.rounded(.down)) + (conflictRng.chance(exact - exact.rounded(.down)) ? 1 : 0)
        }
        let pairs = share((settings.villageConflictShare ?? 0.02) / 2)
        let adviserConflicts = max(1, share(settings.adviserConflictShare ?? 0.002))
        makeConflicts(candidates, &conflictRng, villagePairs: pairs, adviserConflicts: adviserConflicts)
        makeRealisticPreferences(candidates, &preferenceRng)
        if settings.serviceModel == .team {
            var teamRng = batchRng.fork(7)
            makeTeams(&teamRng)
        }
        return s
    }

    /// Two-way selection as bureaus run it (issue 9): villages rank 3–5 of their 15 nearest
    /// candidate advisers or those advisers' firms (their incumbent first, mostly), and eligible
    /// advisers rank 5–10 villages in reach: those they serve now first, then among their nearest
    /// villages. Whatever a side does not rank ties below its last choice.
    mutating func makeRealisticPreferences(_ candidates: [[(adviser: Int, km: Double)]], _ rng: inout SplitMix64) {
        let profile = settings.profile
        let adviserIndex = Dictionary(uniqueKeysWithValues: s.advisers.indices.map { (s.advisers[$0].id, $0) })
        for v in s.villages.indices where rng.chance(settings.villagePreferenceShare) {
            let pool = candidates[v].prefix(15).map(\.adviser)
            guard !pool.isEmpty else { continue }
            let k = rng.int(3...5)
            var chosen: [String] = []
            if let cur = s.villages[v].currentAdviser, let a = adviserIndex[cur], profile.isEligible(s.advisers[a]),
                rng.chance(0.7)
            {
                chosen.append(cur)
            }
            var attempts = 0
            while chosen.count < k && attempts < 60 {
                attempts += 1
                // Nearer candidates more often: the index is the pool's size times a squared uniform.
                let u = rng.unit()
                let a = pool[min(pool.count - 1, Int(Double(pool.count) * u * u))]
                let target = rng.chance(0.25) ? s.advisers[a].firm : s.advisers[a].id
                if !chosen.contains(target) { chosen.append(target) }
            }
            for (i, t) in chosen.enumerated() {
                s.preferences.append(Preference(from: s.villages[v].id, to: t, rank: i + 1))
            }
        }

        var reachable = [[(village: Int, km: Double)]](repeating: [], count: s.advisers.count)
        for v in candidates.indices { for c in candidates[v] { reachable[c.adviser].append((v, c.km)) } }
        var serving = [[Int]](repeating: [], count: s.advisers.count)
        for v in s.villages.indices {
            if let cur = s.villages[v].currentAdviser, let a = adviserIndex[cur] { serving[a].append(v) }
        }
        for a in s.advisers.indices
        where profile.isEligible(s.advisers[a]) && !reachable[a].isEmpty
            && rng.chance(settings.adviserPreferenceShare)
        {
            let k = rng.int(5...10)
            var chosen: [Int] = []
            var mine = serving[a]
            rng.shuffle(&mine)
            for v in mine where chosen.count < k && rng.chance(0.8) { chosen.append(v) }
            let near = reachable[a].sorted { $0.km < $1.km || ($0.km == $1.km && $0.village < $1.village) }
                .prefix(max(20, 3 * k)).map(\.village)
            var attempts = 0
            while chosen.count < k && attempts < 80 {
                attempts += 1
                let v = rng.pick(near)
                if !chosen.contains(v) { chosen.append(v) }
            }
            for (i, v) in chosen.enumerated() {
                s.preferences.append(Preference(from: s.advisers[a].id, to: s.villages[v].id, rank: i + 1))
            }
        }
    }
}

extension GenerationFigures {
    mutating func count(_ s: Scenario, profile: RuleProfile) {
        villages += s.villages.count
        advisers += s.advisers.count
        eligible += s.advisers.filter(profile.isEligible).count
        firms += s.firms.count
        townships += s.townships.count
        preferences += s.preferences.count
        conflicts += s.conflicts.count
    }
}
