import Foundation

// MARK: - What to generate

/// 街道 (urban sub-district), 镇 (town) or 乡 (rural township).
enum TownshipKind {
    case subdistrict, town, township
    var suffix: String {
        switch self {
        case .subdistrict: return "街道"
        case .town: return "镇"
        case .township: return "乡"
        }
    }
}

struct TownshipPlan {
    var name: String
    var lat: Double
    var lon: Double
    /// Relative share of the county's villages.
    var weight: Double
    /// Share of its villages that are urban communities (社区).
    var communityShare: Double
}

struct CountyPlan {
    var county: County
    /// Villages are kept inside this box (degrees).
    var lat0: Double, lat1: Double, lon0: Double, lon1: Double
    /// The first one is the county seat.
    var townships: [TownshipPlan]
    var villages: Int
    /// Local capacity (active eligible advisers' villages at the ordinary cap) ÷ villages.
    var capacityRatio: Double
    /// Standard deviation of a village's distance from its township seat, km.
    var villageSpreadKm: Double
    /// Firms in the county; nil = about one per 5.6 advisers.
    var firms: Int? = nil
    /// Active eligible advisers; nil = as many as `capacityRatio` needs.
    var eligibleAdvisers: Int? = nil
    /// Ineligible or unavailable advisers to add; nil = drawn at random (about 6.5%).
    var extras: [ExtraAdviser]? = nil
    /// Township model: the cap at which a firm's capacity is measured against its townships'
    /// villages (nil = the profile's ordinary cap; the demo county uses Guangdong's raised cap, 8).
    var capacityCap: Int? = nil
    /// Township model: each firm's capacity target is its region's villages × `capacityRatio` × a
    /// factor drawn from this range (at least 1 everywhere makes every firm able to take its region).
    var regionSlack = 0.92...1.04
    /// Paired support: the pool district's advisers are meant to reach this county, so `max_km` is
    /// raised until they can (see `RadiusRule`; sparse density only).
    var receivesSupport = false
    /// Share of the county's firms in the county seat (the rest in township seats spread over it).
    var seatFirmShare = 0.35
    /// The province's short name in law firms' names (nil = the settings' `provinceShortName`).
    var firmPrefix: String? = nil
}

/// Advisers who are on the books but may not serve alone (RULES.md §1).
enum ExtraAdviser: CaseIterable {
    case failedAssessment, onLeave, apprentice, grassrootsWorker, publicLawyer, judicialOfficer, publicOfficial
}

/// How `max_km` is chosen.
enum RadiusRule {
    /// The smallest radius (a multiple of 0.5 km) at which villages average `average` candidates
    /// and at least `share` of them have `atLeast` candidates.
    case tuned(average: Double, atLeast: Int, share: Double)
    /// Large enough that every eligible adviser reaches every village (rounded up to 10 km).
    case reachAll
    /// Township model: the smallest multiple of 5 km at which every village is within reach of
    /// every eligible adviser of the firm its township's region was sized for, so that plan stays
    /// possible while firms far away are not candidates.
    case regionFirms
    /// A given radius, km (realistic density: 60 km in a city, 30 km in a province or the country).
    case fixed(Double)
    /// The smallest multiple of 5 km at which every eligible adviser of a county reaches every village
    /// of it (realistic county size: the whole county is within reach).
    case countyReach
}

/// How many preferences each side states (two-way selection, 000 §三(一), 001 §(十二)).
enum RankingDepth {
    /// Villages rank 1–3 advisers or firms, advisers 1–5 villages.
    case few
    /// For stable-matching scenarios: villages rank 3–5, advisers 3–8, and more of them rank at all.
    case several
    /// What bureaus have (realistic density, issue 9): villages rank 3–5 advisers or their firms
    /// among their 15 nearest candidates, advisers rank 5–10 villages (their own first, then the
    /// nearest in reach); everyone they do not rank ties below their last choice.
    case realistic
}

struct GeneratorSettings {
    var name: String
    var comment: String
    var profile: RuleProfile
    var seed: UInt64
    var counties: [CountyPlan]
    var radius: RadiusRule
    /// "广西" or "广东", used in law-firm names.
    var provinceShortName: String
    var incumbentShare = 0.6
    var villageConflictPairs: Int
    var adviserConflicts: Int
    var villagePreferenceShare = 0.4
    var adviserPreferenceShare = 0.45
    var rankingDepth = RankingDepth.few
    /// `service_model`: with `.team`, each firm's advisers are grouped into teams (`teams.csv`); with
    /// `.township`, townships get ids and adjacency (`townships.csv`) and firms are laid out by region.
    var serviceModel = ServiceModel.individual
    /// Written as `stable: true`.
    var stable = false
    /// Whether an adviser drawn to state their cap states the raised under-resourced cap (Guangdong
    /// 8) in `max_villages`; false leaves it empty, so the profile's cap applies and `--set
    /// rules.under_resourced_cap=…` changes it.
    var statesRaisedCap = true
    /// How many specialty tags an adviser has. Team scenarios give lawyers more (2–4), so that
    /// teams of 2–4 cover most villages' needs, as firms that form teams choose them to.
    var specialtiesPerAdviser = 1...3
    /// Relative weights of the tags (`legalTags` order) in lawyers' specialties; nil = the usual
    /// lean to contract, labour and inheritance. Team scenarios follow the villages' needs instead.
    var lawyerSpecialtyWeights: [Double]? = nil
    /// Realistic density: the scenario is made one city at a time (`Generator.stream`), with
    /// conflicts and rankings drawn per city from the shares below.
    var density = Density.sparse
    /// Digits of village, adviser and firm ids (V00001, A00001, F0001; one more each for the country).
    var idWidths = (village: 5, adviser: 5, firm: 4)
    /// Realistic density: share of villages in a village–village conflict pair, and share of
    /// villages with an adviser–village conflict (instead of the two counts above).
    var villageConflictShare: Double? = nil
    var adviserConflictShare: Double? = nil
}

// MARK: - Generation

/// Builds a scenario from a plan. Deterministic: the same settings give the same scenario.
struct Generator {
    let settings: GeneratorSettings
    var rng: SplitMix64
    // Internal rather than private: the team and township parts live in their own files.
    var people = NameMaker()
    var firmNames = NameMaker()
    var phones = Set<String>()
    var s: Scenario
    /// How many more villages each adviser may be given as incumbent (their capacity at cap 5).
    var incumbencySlots: [Int] = []
    /// Township model: the regions the firms were laid out for (firm id → township ids), a plan that
    /// covers every village when each firm's capacity suffices for its region.
    var townshipWitness: [(firm: String, townships: [String])] = []
    /// Ids already handed out before the current batch (`Generator.stream`: one city at a time).
    var villageBase = 0, adviserBase = 0, firmBase = 0
    /// Teams made so far (ids T0001 …).
    var teamsMade = 0
    /// Realistic density: the largest `max_km` of a batch, and the candidate pairs made.
    var madeMaxKm: Double?
    var madePairs = 0
    /// Law firms' names in use, per province name (the current one is `firmNames`).
    var firmNamesByPrefix: [String: NameMaker] = [:]
    var firmNamesPrefix = ""

    /// The next village, adviser and firm ids of the current batch.
    func nextVillageID() -> String {
        paddedID("V", villageBase + s.villages.count + 1, width: settings.idWidths.village)
    }
    func nextAdviserID() -> String {
        paddedID("A", adviserBase + s.advisers.count + 1, width: settings.idWidths.adviser)
    }
    func nextFirmID() -> String { paddedID("F", firmBase + s.firms.count + 1, width: settings.idWidths.firm) }

    init(_ settings: GeneratorSettings) {
        self.settings = settings
        rng = SplitMix64(seed: settings.seed)
        s = Scenario(name: settings.name, rules: settings.profile.name)
        s.comment = settings.comment
        firmNamesPrefix = settings.provinceShortName
    }

    /// The whole scenario in memory (realistic density: every city's batch joined; `write` streams
    /// them to a folder instead).
    static func generate(_ settings: GeneratorSettings) -> Scenario {
        generateWithWitness(settings).scenario
    }

    /// The scenario and, for the township model, the region plan its firms were sized for.
    static func generateWithWitness(_ settings: GeneratorSettings) -> (
        scenario: Scenario, witness: [(firm: String, townships: [String])]
    ) {
        var g = Generator(settings)
        if settings.density == .realistic {
            var whole = Scenario(name: settings.name, rules: settings.profile.name)
            g.forEachBatch { batch in
                whole.villages += batch.villages
                whole.advisers += batch.advisers
                whole.firms += batch.firms
                whole.preferences += batch.preferences
                whole.conflicts += batch.conflicts
                whole.townships += batch.townships
                whole.teams += batch.teams
            }
            let head = g.head
            whole.comment = head.comment
            whole.maxKm = head.maxKm
            whole.counties = head.counties
            whole.serviceModel = head.serviceModel
            whole.stable = head.stable
            return (whole, g.townshipWitness)
        }
        let scenario = g.run()
        return (scenario, g.townshipWitness)
    }

    private mutating func run() -> Scenario {
        let profile = settings.profile
        s.serviceModel = settings.serviceModel
        s.stable = settings.stable
        var placeRng = rng.fork(1), adviserRng = rng.fork(2)
        for plan in settings.counties {
            s.counties.append(plan.county)
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
        let maxKm = chooseRadius(eligible)
        s.maxKm = maxKm
        let index = CandidateIndex(
            villages: s.villages, advisers: s.advisers, eligible: eligible, counties: s.counties, radiusKm: maxKm)
        let candidates = index.lists
        incumbencySlots = s.advisers.map { profile.capacity(of: $0, ruleCap: profile.cap) }

        var incumbentRng = rng.fork(4), conflictRng = rng.fork(5), preferenceRng = rng.fork(6)
        assignIncumbents(candidates, &incumbentRng)
        assignFailedIncumbents(&incumbentRng, maxKm: maxKm)
        makeConflicts(candidates, &conflictRng)
        makePreferences(candidates, &preferenceRng)
        if settings.serviceModel == .team {
            // Forked after the others, so the draws above are those of the individual model.
            var teamRng = rng.fork(7)
            makeTeams(&teamRng)
        }
        return s
    }

    // MARK: Villages

    /// - Parameter townshipIDs: the township model's ids, one per `plan.townships`, written in the
    ///   villages' `township` column; nil writes the township's name.
    mutating func makeVillages(_ plan: CountyPlan, townshipIDs: [String]?, _ rng: inout SplitMix64) {
        var names = NameMaker()
        let weights = plan.townships.map(\.weight)
        // Whole villages per township by largest remainder, so the county total is exact.
        let total = weights.reduce(0, +)
        var counts = weights.map { Int((Double(plan.villages) * $0 / total).rounded(.down)) }
        var order = Array(weights.indices)
        order.sort {
            let ra = Double(plan.villages) * weights[$0] / total - Double(counts[$0])
            let rb = Double(plan.villages) * weights[$1] / total - Double(counts[$1])
            return ra > rb || (ra == rb && $0 < $1)
        }
        var k = 0
        while counts.reduce(0, +) < plan.villages {
            counts[order[k % order.count]] += 1
            k += 1
        }

        for (t, town) in plan.townships.enumerated() {
            for _ in 0..<counts[t] {
                let isCommunity = rng.chance(town.communityShare)
                // Communities sit close to the township seat; villages spread out.
                let spread = plan.villageSpreadKm * (isCommunity ? 0.35 : 1.0)
                var lat = town.lat, lon = town.lon
                for _ in 0..<20 {
                    lat = town.lat + rng.normal() * spread / 111.0
                    lon = town.lon + rng.normal() * spread / (111.0 * cos(town.lat * .pi / 180))
                    if lat > plan.lat0 && lat < plan.lat1 && lon > plan.lon0 && lon < plan.lon1 { break }
                    lat = min(max(lat, plan.lat0 + 0.005), plan.lat1 - 0.005)
                    lon = min(max(lon, plan.lon0 + 0.005), plan.lon1 - 0.005)
                }
                let name: String
                if isCommunity {
                    name = names.unique(&rng) { r in
                        (r.chance(0.8) ? r.pick(Names.communityNames) : NameMaker.place(&r)) + "社区"
                    }
                } else {
                    name = names.unique(&rng) { NameMaker.villageStem(&$0) + "村" }
                }
                s.villages.append(
                    Village(
                        id: nextVillageID(), name: name,
                        kind: isCommunity ? .community : .village, township: townshipIDs?[t] ?? town.name,
                        county: plan.county.id,
                        lat: lat, lon: lon, needs: needs(community: isCommunity, &rng), currentAdviser: nil))
            }
        }
    }

    func needs(community: Bool, _ rng: inout SplitMix64) -> [String] {
        // land, family, labour, contract, inheritance, neighbour, environment, consumer
        let w: [Double] = community ? [0.5, 3, 2.5, 2, 1.5, 2, 1, 2.5] : [3.5, 2.5, 2, 2, 1.5, 2.5, 1, 0.7]
        return tags(count: rng.int(1...3), weights: w, &rng)
    }

    func tags(count: Int, weights: [Double], _ rng: inout SplitMix64) -> [String] {
        var w = weights
        var picked: [Int] = []
        for _ in 0..<count {
            let i = rng.weightedIndex(w)
            picked.append(i)
            w[i] = 0
        }
        return picked.sorted().map { legalTags[$0] }
    }

    // MARK: Firms and advisers

    mutating func makeFirmsAndAdvisers(_ plan: CountyPlan, _ rng: inout SplitMix64) {
        let profile = settings.profile
        let target = Int((Double(plan.villages) * plan.capacityRatio).rounded())
        let expectedAdvisers = Double(target) / 4.8 * 1.07
        let nFirms = plan.firms ?? max(3, Int((expectedAdvisers / 5.6).rounded()))
        let seat = plan.townships[0]
        let firstAdviser = s.advisers.count
        let atSeat = max(1, Int((Double(nFirms) * plan.seatFirmShare).rounded()))
        // The other firms go to township seats spread over the county: each next one as far as
        // possible from the seat and the townships already chosen.
        var others: [Int] = []
        var taken = [0]
        while others.count < nFirms - atSeat && taken.count < plan.townships.count {
            let next = plan.townships.indices.filter { !taken.contains($0) }.max { a, b in
                func gap(_ t: Int) -> Double {
                    taken.map {
                        greatCircleKm(
                            plan.townships[t].lat, plan.townships[t].lon,
                            plan.townships[$0].lat, plan.townships[$0].lon)
                    }.min()!
                }
                return gap(a) < gap(b) || (gap(a) == gap(b) && a > b)
            }!
            others.append(next)
            taken.append(next)
        }

        // Firms: a third in the county seat, the rest in the township seats chosen above.
        var firmIdx: [Int] = []
        for f in 0..<nFirms {
            let inSeat = f < atSeat || others.isEmpty
            let town = inSeat ? seat : plan.townships[others[(f - atSeat) % others.count]]
            let kind: FirmKind
            if f == 0 || !profile.eligibleRoles.contains(.grassrootsWorker) {
                kind = .lawFirm
            } else if f == atSeat {
                kind = .legalServiceOffice
            } else if inSeat {
                kind = rng.chance(0.85) ? .lawFirm : .legalServiceOffice
            } else {
                kind = rng.chance(0.35) ? .lawFirm : .legalServiceOffice
            }
            let jitter = inSeat ? 1.2 : 0.6
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

        addIneligibleOffices(plan, firms: &firmIdx, &rng)

        // Which firms host advisers who may serve alone.
        func hostsEligible(_ f: Int) -> Bool {
            let kind = s.firms[f].kind
            return profile.eligibleRoles.contains(kind == .lawFirm ? .lawyer : .grassrootsWorker)
        }
        let hosts = firmIdx.filter(hostsEligible)
        // Advisers follow demand: a firm's share is the number of the county's villages nearer to
        // it than to any other such firm, give or take 15%.
        var demand = [Double](repeating: 0.5, count: hosts.count)
        for v in s.villages.suffix(plan.villages) {
            let nearest = hosts.indices.min { a, b in
                greatCircleKm(v.lat, v.lon, s.firms[hosts[a]].lat, s.firms[hosts[a]].lon)
                    < greatCircleKm(v.lat, v.lon, s.firms[hosts[b]].lat, s.firms[hosts[b]].lon)
            }!
            demand[nearest] += 1
        }
        let hostWeights = demand.map { $0 * rng.uniform(0.85, 1.15) }
        var capacity = 0, count = 0
        func done() -> Bool {
            if let n = plan.eligibleAdvisers { return count >= n }
            return capacity >= target
        }
        for f in hosts where !done() {
            capacity += addAdviser(
                firm: f, role: s.firms[f].kind == .lawFirm ? .lawyer : .grassrootsWorker,
                status: .active, plan: plan, &rng)
            count += 1
        }
        while !done() {
            let f = hosts[rng.weightedIndex(hostWeights)]
            capacity += addAdviser(
                firm: f, role: s.firms[f].kind == .lawFirm ? .lawyer : .grassrootsWorker,
                status: .active, plan: plan, &rng)
            count += 1
        }

        addExtrasAndStaff(plan, eligibleCount: count, firms: firmIdx, hosts: hosts, firstAdviser: firstAdviser, &rng)
    }

    /// Where grassroots workers may not serve alone (Guangdong admits lawyers only), the township
    /// legal-service offices (法律服务所) come on top, staffed by extras (`addExtrasAndStaff`).
    mutating func addIneligibleOffices(_ plan: CountyPlan, firms firmIdx: inout [Int], _ rng: inout SplitMix64) {
        let profile = settings.profile
        if !profile.eligibleRoles.contains(.grassrootsWorker) && plan.townships.count > 1 {
            var free = plan.townships.indices.dropFirst().filter {
                !firmNames.isUsed(plan.townships[$0].name + "法律服务所")
            }
            rng.shuffle(&free)
            for t in free.prefix(rng.int(1...2)) {
                let town = plan.townships[t]
                let name = officeName(town: town, county: plan.county, &rng)
                s.firms.append(
                    Firm(
                        id: nextFirmID(), name: name, kind: .legalServiceOffice,
                        county: plan.county.id, lat: town.lat + rng.normal() * 0.6 / 111.0,
                        lon: town.lon + rng.normal() * 0.6 / (111.0 * cos(town.lat * .pi / 180))))
                firmIdx.append(s.firms.count - 1)
            }
        }
    }

    /// Advisers on the books who may not serve alone (failed assessment, on leave, apprentices,
    /// public officials …), then 1–2 grassroots workers for every office that has no staff yet.
    ///
    /// - Parameters:
    ///   - eligibleCount: active eligible advisers just added for the county (sets how many extras).
    ///   - firms: the county's firms; `hosts`: those whose advisers may serve alone.
    ///   - firstAdviser: index of the county's first adviser.
    mutating func addExtrasAndStaff(
        _ plan: CountyPlan, eligibleCount count: Int, firms firmIdx: [Int], hosts: [Int],
        firstAdviser: Int, _ rng: inout SplitMix64
    ) {
        let profile = settings.profile
        var extras = plan.extras ?? []
        if plan.extras == nil {
            let n = Int((Double(count) * 0.045 * rng.uniform(0.5, 1.5)).rounded())
            let kinds: [ExtraAdviser] =
                profile.name == "guangdong"
                ? [.failedAssessment, .onLeave, .apprentice, .apprentice, .publicLawyer]
                : [.failedAssessment, .onLeave, .apprentice, .publicOfficial, .publicLawyer, .judicialOfficer]
            for _ in 0..<n { extras.append(rng.pick(kinds)) }
        }
        let lawFirms = firmIdx.filter { s.firms[$0].kind == .lawFirm }
        let offices = firmIdx.filter { s.firms[$0].kind == .legalServiceOffice }
        for extra in extras {
            switch extra {
            case .failedAssessment, .onLeave:
                let f = hosts.isEmpty ? firmIdx[0] : rng.pick(hosts)
                _ = addAdviser(
                    firm: f, role: s.firms[f].kind == .lawFirm ? .lawyer : .grassrootsWorker,
                    status: extra == .failedAssessment ? .failedAssessment : .onLeave, plan: plan, &rng)
            case .apprentice:
                _ = addAdviser(firm: rng.pick(lawFirms), role: .apprentice, status: .active, plan: plan, &rng)
            case .grassrootsWorker:
                _ = addAdviser(
                    firm: offices.isEmpty ? firmIdx[0] : rng.pick(offices), role: .grassrootsWorker,
                    status: .active, plan: plan, &rng)
            case .publicLawyer, .judicialOfficer, .publicOfficial:
                let role: Role =
                    extra == .publicLawyer
                    ? .publicLawyer : extra == .judicialOfficer ? .judicialOfficer : .publicOfficial
                _ = addAdviser(
                    firm: offices.isEmpty ? firmIdx[0] : rng.pick(offices), role: role,
                    status: .active, plan: plan, &rng)
            }
        }

        // Offices whose workers may not serve alone still have staff (1–2 grassroots workers).
        let staffed = Set(s.advisers.suffix(from: firstAdviser).map(\.firm))
        for f in offices where !staffed.contains(s.firms[f].id) {
            for _ in 0..<rng.int(1...2) {
                _ = addAdviser(firm: f, role: .grassrootsWorker, status: .active, plan: plan, &rng)
            }
        }
    }

    /// A legal-service office is named after its township (双桥镇法律服务所); a second one in the
    /// same place takes a trade name.
    mutating func officeName(town: TownshipPlan, county: County, _ rng: inout SplitMix64) -> String {
        let plain = town.name + "法律服务所"
        if !firmNames.isUsed(plain) {
            firmNames.reserve(plain)
            return plain
        }
        return firmNames.unique(&rng) { r in county.name + r.pick(Names.firmWords) + r.pick(Names.firmWords) + "法律服务所" }
    }

    /// Adds one adviser working near `firm`; returns their capacity at `ruleCap` (nil: the ordinary cap).
    @discardableResult
    mutating func addAdviser(
        firm f: Int, role: Role, status: AdviserStatus, plan: CountyPlan,
        ruleCap: Int? = nil, _ rng: inout SplitMix64
    ) -> Int {
        let profile = settings.profile
        let firm = s.firms[f]
        let lat = firm.lat + rng.normal() * 2.0 / 111.0
        let lon = firm.lon + rng.normal() * 2.0 / (111.0 * cos(firm.lat * .pi / 180))
        let name = people.unique(&rng) { NameMaker.person(&$0) }
        var phone = ""
        repeat {
            // 13x0000xxxx while there are few; past 50,000 numbers (the country) the middle four vary too.
            let middle = phones.count < 50_000 ? "0000" : paddedID("", rng.below(10_000), width: 4)
            phone = paddedID("13\(rng.below(10))" + middle, rng.below(10_000), width: 4)
        } while !phones.insert(phone).inserted

        var maxVillages: Int? = nil
        let r = rng.unit()
        let highCap = plan.county.underResourced ? profile.underResourcedCap : profile.cap
        if r < 0.10 {
            maxVillages = settings.statesRaisedCap || highCap == profile.cap ? highCap : nil
        } else if r < 0.14 {
            maxVillages = rng.int(3...4)
        }
        var hours: Double? = nil
        if rng.chance(0.28) {
            let options: [Double] = profile.name == "guangdong" ? [40, 48, 64, 32] : [25, 30, 40, 20]
            hours = options[rng.weightedIndex([3, 3, 3, 1])]
        }
        // lawyers lean to contract, labour and inheritance; grassroots workers to land and neighbours
        let w: [Double] =
            role == .grassrootsWorker
            ? [3, 2.5, 1.5, 1.5, 1.5, 3, 1, 1]
            : settings.lawyerSpecialtyWeights ?? [2, 2, 2.5, 3, 2.5, 1, 1, 1.5]
        let adviser = Adviser(
            id: nextAdviserID(), name: name, role: role, firm: firm.id,
            county: plan.county.id, lat: lat, lon: lon, maxVillages: maxVillages, hoursPerMonth: hours,
            specialties: tags(count: rng.int(settings.specialtiesPerAdviser), weights: w, &rng), status: status,
            phone: phone)
        s.advisers.append(adviser)
        return profile.capacity(of: adviser, ruleCap: ruleCap ?? profile.cap)
    }

    // MARK: Radius

    /// `max_km`: by the radius rule, and never below what paired support needs (`supportRadius`).
    func chooseRadius(_ eligible: [Bool]) -> Double {
        max(baseRadius(eligible), supportRadius(eligible))
    }

    /// Paired support (Guangdong 001 §(十二)): the smallest multiple of 2.5 km at which, in every
    /// county marked `receivesSupport`, the villages within reach of an eligible adviser of a pool
    /// county of the same city number at least 1.2 × the county's shortfall (villages − local
    /// capacity at the ordinary cap). 0 when no county is marked.
    func supportRadius(_ eligible: [Bool]) -> Double {
        let profile = settings.profile
        let cityOf = Dictionary(s.counties.map { ($0.id, $0.city) }, uniquingKeysWith: { a, _ in a })
        let pools = Set(s.counties.filter(\.pool).map(\.id))
        var radius = 0.0
        for plan in settings.counties where plan.receivesSupport {
            let id = plan.county.id
            let villages = s.villages.filter { $0.county == id }
            let capacity = s.advisers.indices.filter { eligible[$0] && s.advisers[$0].county == id }
                .reduce(0) { $0 + profile.capacity(of: s.advisers[$1], ruleCap: profile.cap) }
            let shortfall = villages.count - capacity
            let helpers = s.advisers.indices.filter {
                eligible[$0] && pools.contains(s.advisers[$0].county)
                    && cityOf[s.advisers[$0].county] == plan.county.city
            }
            guard shortfall > 0, !helpers.isEmpty, !villages.isEmpty else { continue }
            let reach = villages.map { v in
                helpers.map { greatCircleKm(v.lat, v.lon, s.advisers[$0].lat, s.advisers[$0].lon) }.min()!
            }.sorted()
            let need = min(reach.count, Int((Double(shortfall) * 1.2).rounded(.up)))
            radius = max(radius, reach[need - 1])
        }
        return (radius / 2.5).rounded(.up) * 2.5
    }

    func baseRadius(_ eligible: [Bool]) -> Double {
        switch settings.radius {
        case .fixed(let km):
            return km
        case .countyReach:
            var far = 0.0
            var byCounty: [String: [Int]] = [:]
            for (a, ok) in eligible.enumerated() where ok { byCounty[s.advisers[a].county, default: []].append(a) }
            for v in s.villages {
                for a in byCounty[v.county] ?? [] {
                    far = max(far, greatCircleKm(v.lat, v.lon, s.advisers[a].lat, s.advisers[a].lon))
                }
            }
            return max(5, (far / 5).rounded(.up) * 5)
        case .reachAll:
            var far = 0.0
            for v in s.villages {
                for (a, ok) in zip(s.advisers, eligible) where ok {
                    far = max(far, greatCircleKm(v.lat, v.lon, a.lat, a.lon))
                }
            }
            return (far / 10).rounded(.up) * 10
        case .regionFirms:
            let firmOf = Dictionary(
                townshipWitness.flatMap { w in w.townships.map { ($0, w.firm) } }, uniquingKeysWith: { a, _ in a })
            var far = 0.0
            for v in s.villages {
                guard let firm = firmOf[v.township] else { continue }
                for (a, ok) in zip(s.advisers, eligible) where ok && a.firm == firm {
                    far = max(far, greatCircleKm(v.lat, v.lon, a.lat, a.lon))
                }
            }
            return (far / 5).rounded(.up) * 5
        case .tuned(let average, let atLeast, let share):
            var search = 25.0
            while true {
                let index = CandidateIndex(
                    villages: s.villages, advisers: s.advisers, eligible: eligible, counties: s.counties,
                    radiusKm: search)
                var r = 0.5
                while r <= search {
                    var total = 0, enough = 0
                    for v in s.villages.indices {
                        let n = index.count(within: r, village: v)
                        total += n
                        if n >= atLeast { enough += 1 }
                    }
                    let n = Double(max(1, s.villages.count))
                    if Double(total) / n >= average && Double(enough) / n >= share { return r }
                    r += 0.5
                }
                search *= 2
            }
        }
    }

    // MARK: Incumbents (002 §二(二): villages that have an adviser keep the arrangement)

    mutating func assignIncumbents(_ candidates: [[(adviser: Int, km: Double)]], _ rng: inout SplitMix64) {
        var order = Array(s.villages.indices)
        rng.shuffle(&order)
        let wanted = Int((Double(s.villages.count) * settings.incumbentShare).rounded())
        var given = 0
        for v in order where given < wanted {
            let open = Array(candidates[v].prefix(6).filter { incumbencySlots[$0.adviser] > 0 }.prefix(4))
            guard !open.isEmpty else { continue }
            let choice = open[rng.weightedIndex(open.indices.map { 1.0 / Double($0 + 1) })]
            s.villages[v].currentAdviser = s.advisers[choice.adviser].id
            incumbencySlots[choice.adviser] -= 1
            given += 1
        }
    }

    /// Advisers who failed their assessment were serving somewhere: 1–2 villages each keep them
    /// as `current_adviser`, so a plan must replace them (优胜劣汰, 001 §(十二), 002 §四(五)).
    mutating func assignFailedIncumbents(_ rng: inout SplitMix64, maxKm: Double) {
        let grid = SpatialGrid(lats: s.villages.map(\.lat), lons: s.villages.map(\.lon), cellDeg: 0.1)
        for a in s.advisers.indices where s.advisers[a].status == .failedAssessment {
            let adviser = s.advisers[a]
            var near = grid.within(km: min(maxKm, 15), lat: adviser.lat, lon: adviser.lon)
                .filter { s.villages[$0.index].county == adviser.county }
                .sorted { $0.km < $1.km || ($0.km == $1.km && $0.index < $1.index) }
                .map(\.index)
            near = Array(near.prefix(8))
            rng.shuffle(&near)
            for v in near.prefix(rng.int(1...2)) {
                if let old = s.villages[v].currentAdviser, let o = s.advisers.firstIndex(where: { $0.id == old }) {
                    incumbencySlots[o] += 1
                }
                s.villages[v].currentAdviser = adviser.id
            }
        }
    }

    // MARK: Conflicts (002 §二(五))

    /// - Parameters: `villagePairs`, `adviserConflicts`: how many of each (nil: the settings' counts).
    mutating func makeConflicts(
        _ candidates: [[(adviser: Int, km: Double)]], _ rng: inout SplitMix64,
        villagePairs: Int? = nil, adviserConflicts: Int? = nil
    ) {
        let wantedPairs = villagePairs ?? settings.villageConflictPairs
        let wantedAdviser = adviserConflicts ?? settings.adviserConflicts
        let grid = SpatialGrid(lats: s.villages.map(\.lat), lons: s.villages.map(\.lon), cellDeg: 0.1)
        let adviserIndex = Dictionary(uniqueKeysWithValues: s.advisers.indices.map { (s.advisers[$0].id, $0) })
        var inConflict = Set<Int>()
        var tries = 0
        var pairs = 0, shared = 0
        while pairs < wantedPairs && tries < 100 * max(1, wantedPairs) {
            tries += 1
            let u = rng.below(s.villages.count)
            guard !inConflict.contains(u) else { continue }
            let near = grid.within(km: 6, lat: s.villages[u].lat, lon: s.villages[u].lon)
                .filter {
                    $0.index != u && !inConflict.contains($0.index)
                        && s.villages[$0.index].township == s.villages[u].township
                        && s.villages[$0.index].county == s.villages[u].county
                }
                .min { $0.km < $1.km || ($0.km == $1.km && $0.index < $1.index) }
            guard let w = near?.index else { continue }
            inConflict.insert(u)
            inConflict.insert(w)
            pairs += 1
            s.conflicts.append(
                Conflict(a: s.villages[u].id, b: s.villages[w].id, reason: rng.pick(Names.villageConflictReasons)))
            // About a third of the pairs share their incumbent today, so keeping both incumbencies
            // is impossible.
            if shared * 3 < pairs, let cur = s.villages[u].currentAdviser, let a = adviserIndex[cur],
                s.villages[w].currentAdviser != cur, candidates[w].contains(where: { $0.adviser == a })
            {
                if incumbencySlots[a] == 0,
                    let x = s.villages.indices.first(where: {
                        $0 != u && !inConflict.contains($0) && s.villages[$0].currentAdviser == cur
                    })
                {
                    // make room: another of the adviser's villages has no incumbent now
                    s.villages[x].currentAdviser = nil
                    incumbencySlots[a] += 1
                }
                if incumbencySlots[a] > 0 {
                    if let old = s.villages[w].currentAdviser, let o = adviserIndex[old] { incumbencySlots[o] += 1 }
                    s.villages[w].currentAdviser = cur
                    incumbencySlots[a] -= 1
                    shared += 1
                }
            }
        }

        var seen = Set<String>()
        tries = 0
        var made = 0
        while made < wantedAdviser && tries < 100 * max(1, wantedAdviser) {
            tries += 1
            let v = rng.below(s.villages.count)
            guard !candidates[v].isEmpty else { continue }
            let a: String
            if let cur = s.villages[v].currentAdviser, rng.chance(0.4), let ai = adviserIndex[cur],
                settings.profile.isEligible(s.advisers[ai])
            {
                a = cur
            } else {
                a = s.advisers[rng.pick(Array(candidates[v].prefix(8))).adviser].id
            }
            guard seen.insert(a + "|" + s.villages[v].id).inserted else { continue }
            s.conflicts.append(Conflict(a: a, b: s.villages[v].id, reason: rng.pick(Names.adviserConflictReasons)))
            made += 1
        }
    }

    // MARK: Preferences (two-way selection, 000 §三(一), 001 §(十二))

    mutating func makePreferences(_ candidates: [[(adviser: Int, km: Double)]], _ rng: inout SplitMix64) {
        let profile = settings.profile
        let adviserIndex = Dictionary(uniqueKeysWithValues: s.advisers.indices.map { (s.advisers[$0].id, $0) })
        let firmOf = s.advisers.map(\.firm)

        let several = settings.rankingDepth == .several
        for v in s.villages.indices where rng.chance(settings.villagePreferenceShare) {
            let pool = Array(candidates[v].prefix(several ? 12 : 8)).map(\.adviser)
            guard !pool.isEmpty else { continue }
            let k = several ? rng.int(3...5) : [1, 2, 3][rng.weightedIndex([0.45, 0.3, 0.25])]
            var chosen: [String] = []
            if let cur = s.villages[v].currentAdviser, let a = adviserIndex[cur], profile.isEligible(s.advisers[a]),
                rng.chance(0.7)
            {
                chosen.append(cur)
            }
            var attempts = 0
            while chosen.count < k && attempts < (several ? 40 : 20) {
                attempts += 1
                let a = rng.pick(pool)
                let target = rng.chance(0.3) ? firmOf[a] : s.advisers[a].id
                if !chosen.contains(target) { chosen.append(target) }
            }
            for (i, t) in chosen.enumerated() {
                s.preferences.append(Preference(from: s.villages[v].id, to: t, rank: i + 1))
            }
        }

        // Advisers rank villages they can reach: their present villages first, then nearby ones.
        var reachable = [[Int]](repeating: [], count: s.advisers.count)
        for v in candidates.indices { for c in candidates[v] { reachable[c.adviser].append(v) } }
        var serving = [[Int]](repeating: [], count: s.advisers.count)
        for v in s.villages.indices {
            if let cur = s.villages[v].currentAdviser, let a = adviserIndex[cur] { serving[a].append(v) }
        }
        for a in s.advisers.indices
        where profile.isEligible(s.advisers[a]) && !reachable[a].isEmpty
            && rng.chance(settings.adviserPreferenceShare)
        {
            let k = several ? rng.int(3...8) : rng.int(1...5)
            var chosen: [Int] = []
            var mine = serving[a]
            rng.shuffle(&mine)
            for v in mine where chosen.count < k && rng.chance(0.8) { chosen.append(v) }
            // With several ranks each, advisers rank villages near them rather than anywhere in reach.
            let near = several ? nearest(reachable[a], to: a, candidates, count: max(12, 3 * k)) : reachable[a]
            var attempts = 0
            while chosen.count < k && attempts < (several ? 60 : 30) {
                attempts += 1
                let v = rng.pick(near)
                if !chosen.contains(v) { chosen.append(v) }
            }
            for (i, v) in chosen.enumerated() {
                s.preferences.append(Preference(from: s.advisers[a].id, to: s.villages[v].id, rank: i + 1))
            }
        }
    }

    /// The `count` villages of `villages` nearest to adviser `a` (ties by index).
    func nearest(_ villages: [Int], to a: Int, _ candidates: [[(adviser: Int, km: Double)]], count: Int) -> [Int] {
        let withKm = villages.map { v in (v, candidates[v].first { $0.adviser == a }?.km ?? .infinity) }
        return withKm.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(count).map(\.0)
    }
}
