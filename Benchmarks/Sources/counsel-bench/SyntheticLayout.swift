import ArgumentParser
import Foundation

/// The benchmark sizes (RULES.md §7: a county-level unit has ≈216 villages; Guangdong
/// ≈22,000–26,000; the country ≈615,000 villages and communities in ≈2,850 county-level units).
enum ScenarioSize: String, CaseIterable, ExpressibleByArgument {
    case county, city, province, national

    /// Villages in all. The realistic county draws 200–250 instead (see `SyntheticLayout`).
    var villages: Int {
        switch self {
        case .county: return 200
        case .city: return 3_000
        case .province: return 26_000
        case .national: return 615_000
        }
    }

    var chineseName: String {
        switch self {
        case .county: return "县级"
        case .city: return "市级"
        case .province: return "省级"
        case .national: return "全国"
        }
    }
}

/// How many candidates a village has (`generate --density`).
enum Density: String, CaseIterable, ExpressibleByArgument {
    /// What bureaus have (the default): every eligible adviser of the county within `max_km` is a
    /// candidate (the whole county in the county size), support across the city's counties within
    /// `max_km` (60 km in a city, 30 km in a province or the country), both sides ranking.
    case realistic
    /// The earlier benchmark: `max_km` tuned so that villages average 13 candidates, 40 % of
    /// villages and 45 % of advisers ranking 1–3 and 1–5.
    case sparse
}

/// What a generated scenario has beyond the plain individual model (the options of `generate`).
struct ScenarioVariant: Equatable {
    /// `--service-model`: teams (`teams.csv`) or townships (`townships.csv`) instead of individual advisers.
    var serviceModel = ServiceModel.individual
    /// `--stable`: `stable: true`, with several rankings on both sides.
    var stable = false
    /// `--support`: a pool district per city, and short counties next to it.
    var support = false
    /// `--density`: realistic (the default) or sparse.
    var density = Density.realistic
    /// `--shape`: 0 is the standard shape; any other number draws the shape's parameters from it
    /// (`ScenarioShape`). Realistic density only.
    var shape: UInt64 = 0

    static let plain = ScenarioVariant()

    /// The options of `counsel-bench generate` that make this variant (empty for the plain one).
    var flags: String {
        var f = ""
        if density != .realistic { f += " --density \(density.rawValue)" }
        if shape != 0 { f += " --shape \(shape)" }
        if serviceModel != .individual { f += " --service-model \(serviceModel.rawValue)" }
        if stable { f += " --stable" }
        if support { f += " --support" }
        return f
    }

    /// Added to the scenario's name.
    var nameSuffix: String {
        var n = ""
        switch serviceModel {
        case .individual: break
        case .team: n += "·团队模式"
        case .township: n += "·乡镇模式"
        }
        if stable { n += "·稳定匹配" }
        if support { n += "·对口支援" }
        if shape != 0 { n += "·形态\(shape)" }
        return n
    }
}

/// Lays out a synthetic province: counties are cells of a 12 × 10 grid over lat 21–25, lon 110–116
/// (each about 51 km × 44 km), grouped into cities; townships are spread over each county and
/// villages cluster around township seats.
enum SyntheticLayout {
    static let lat0 = 21.0, lon0 = 110.0
    static let cellLat = 0.4, cellLon = 0.5
    static let columns = 12, rows = 10

    /// Lawyers' specialties in team scenarios (land, family, labour, contract, inheritance,
    /// neighbour, environment, consumer): close to what villages and communities need, since firms
    /// that serve villages as teams staff them for it.
    static let teamSpecialtyWeights: [Double] = [3, 2.5, 2, 2.5, 2, 2.5, 1, 1.5]

    /// The generator's settings for one size, seed and rule profile. Variants share the layout
    /// (villages, townships, counties) of the plain scenario of the same size and seed: only firms,
    /// advisers, rankings and the extra files differ.
    static func settings(
        size: ScenarioSize, seed: UInt64, profile: RuleProfile,
        variant: ScenarioVariant = .plain
    ) -> GeneratorSettings {
        variant.density == .realistic
            ? realisticSettings(size: size, seed: seed, profile: profile, variant: variant)
            : sparseSettings(size: size, seed: seed, profile: profile, variant: variant)
    }

    /// The sparse layout (`--density sparse`): the benchmark's scenarios before issue 16, kept byte
    /// for byte (only scenario.yaml's first comment line now says `--density sparse`).
    static func sparseSettings(
        size: ScenarioSize, seed: UInt64, profile: RuleProfile,
        variant: ScenarioVariant
    ) -> GeneratorSettings {
        var rng = SplitMix64(seed: seed ^ 0x5EED_0000 ^ UInt64(ScenarioSize.allCases.firstIndex(of: size)!))
        let provinceCode = profile.name == "guangdong" ? "44" : "45"

        // Grid cells of the counties.
        var cells: [(c: Int, r: Int)] = []
        switch size {
        case .province, .national:
            for r in 0..<rows { for c in 0..<columns { cells.append((c, r)) } }
        case .city:
            let c0 = rng.int(0...(columns - 4)), r0 = rng.int(0...(rows - 4))
            var block: [(Int, Int)] = []
            for r in r0..<(r0 + 4) { for c in c0..<(c0 + 4) { block.append((c, r)) } }
            // drop two corners, so the city is not a perfect square
            let corners = [0, 3, 12, 15]
            var drop = corners
            rng.shuffle(&drop)
            cells = block.enumerated().filter { !drop.prefix(2).contains($0.offset) }.map { $0.element }
        case .county:
            cells = [(rng.int(0...(columns - 1)), rng.int(0...(rows - 1)))]
        }

        // Cities: 21 in a province (Voronoi regions around spread-out seed cells), else one.
        let cityCount = size == .province ? 21 : 1
        var seeds: [Int] = []
        var order = Array(cells.indices)
        rng.shuffle(&order)
        var minGap = 3.0
        while seeds.count < cityCount {
            for i in order where seeds.count < cityCount && !seeds.contains(i) {
                let ok = seeds.allSatisfy { j in
                    let dc = Double(cells[i].c - cells[j].c), dr = Double(cells[i].r - cells[j].r)
                    return (dc * dc + dr * dr).squareRoot() >= minGap
                }
                if ok { seeds.append(i) }
            }
            minGap -= 0.5
        }
        if size == .city {
            // the city seat in the middle of the block
            let mc = Double(cells.map(\.c).reduce(0, +)) / Double(cells.count)
            let mr = Double(cells.map(\.r).reduce(0, +)) / Double(cells.count)
            seeds = [
                cells.indices.min { a, b in
                    let da = pow(Double(cells[a].c) - mc, 2) + pow(Double(cells[a].r) - mr, 2)
                    let db = pow(Double(cells[b].c) - mc, 2) + pow(Double(cells[b].r) - mr, 2)
                    return da < db || (da == db && a < b)
                }!
            ]
        }
        seeds.sort { cells[$0].r * columns + cells[$0].c < cells[$1].r * columns + cells[$1].c }
        let cityOf = cells.indices.map { i -> Int in
            seeds.indices.min { a, b in
                let da = pow(Double(cells[i].c - cells[seeds[a]].c), 2) + pow(Double(cells[i].r - cells[seeds[a]].r), 2)
                let db = pow(Double(cells[i].c - cells[seeds[b]].c), 2) + pow(Double(cells[i].r - cells[seeds[b]].r), 2)
                return da < db || (da == db && a < b)
            }!
        }

        var places = NameMaker()
        let cityNames = seeds.map { _ in places.unique(&rng) { NameMaker.place(&$0) } + "市" }

        // Villages per county: an exact total, unevenly spread.
        let weights = cells.map { _ in rng.uniform(0.7, 1.3) }
        let wsum = weights.reduce(0, +)
        var villages = weights.map { Int((Double(size.villages) * $0 / wsum).rounded(.down)) }
        var k = 0
        while villages.reduce(0, +) < size.villages {
            villages[k % villages.count] += 1
            k += 1
        }

        // A few counties short of local capacity (~10%, at least one when there are neighbours).
        // (An ordered array, not a Set: a Set's order changes from run to run.)
        var short: [Int] = []
        if cells.count >= 3 {
            var pool = Array(cells.indices)
            rng.shuffle(&pool)
            short = pool.prefix(max(1, Int((Double(cells.count) * 0.1).rounded()))).sorted()
        }
        var ratio = [Double](repeating: 0, count: cells.count)
        for i in short { ratio[i] = rng.uniform(0.72, 0.88) }
        let overall = rng.uniform(1.045, 1.075)
        let shortDemand = short.reduce(0.0) { $0 + ratio[$1] * Double(villages[$1]) }
        let normalVillages = cells.indices.filter { !short.contains($0) }.reduce(0) { $0 + villages[$1] }
        let normalRatio = (overall * Double(size.villages) - shortDemand) / Double(max(1, normalVillages))
        for i in cells.indices where !short.contains(i) { ratio[i] = normalRatio * rng.uniform(0.98, 1.02) }

        // Counties, numbered within their city: the seat district 02, 03 …, other counties 21, 22 …
        var plans: [CountyPlan] = []  // in `orderByCity` order
        var nextDistrict = [Int](repeating: 2, count: seeds.count)
        var nextCounty = [Int](repeating: 21, count: seeds.count)
        let orderByCity = cells.indices.sorted {
            (cityOf[$0], cells[$0].r, cells[$0].c) < (cityOf[$1], cells[$1].r, cells[$1].c)
        }
        for i in orderByCity {
            let city = cityOf[i]
            let isDistrict = seeds[city] == i
            let number: Int
            if isDistrict {
                number = nextDistrict[city]
                nextDistrict[city] += 1
            } else {
                number = nextCounty[city]
                nextCounty[city] += 1
            }
            let id = provinceCode + String(format: "%02d%02d", city + 1, number)
            let name = places.unique(&rng) { NameMaker.place(&$0) } + (isDistrict ? "区" : "县")
            let underResourced = short.contains(i) || rng.chance(profile.name == "guangdong" ? 0.2 : 0.15)
            let county = County(id: id, name: name, city: cityNames[city], underResourced: underResourced)

            let la0 = lat0 + Double(cells[i].r) * cellLat, lo0 = lon0 + Double(cells[i].c) * cellLon
            let townshipCount = size == .county ? 12 : rng.int(10...14)
            let townships = layTownships(count: townshipCount, urban: isDistrict, lat0: la0, lon0: lo0, &rng, &places)
            let subKm = 0.82 * min(cellLat * 111 / 3, cellLon * 111 * cos((la0 + cellLat / 2) * .pi / 180) / 4)
            plans.append(
                CountyPlan(
                    county: county, lat0: la0, lat1: la0 + cellLat, lon0: lo0, lon1: lo0 + cellLon,
                    townships: townships, villages: villages[i], capacityRatio: ratio[i], villageSpreadKm: 0.3 * subKm))
        }

        if variant.support {
            addSupport(to: &plans, cells: cells, cityOf: cityOf, seeds: seeds, order: orderByCity, seed: seed)
        }

        let pairs = max(2, Int((Double(size.villages) * 0.005).rounded()))
        let rulesName = profile.name == "guangdong" ? "广东规则" : "南宁规则"
        var settings = GeneratorSettings(
            name: "合成基准·\(size.chineseName)·\(rulesName)\(variant.nameSuffix)·种子\(seed)",
            comment:
                "Synthetic benchmark scenario, made by: counsel-bench generate --size \(size.rawValue) --seed \(seed) --rules \(profile.name)\(variant.flags)\nNames, places and phone numbers are made up.",
            profile: profile, seed: seed ^ 0xC0FF_EE00, counties: plans,
            radius: .tuned(average: 13, atLeast: 1, share: 0.98),
            provinceShortName: profile.name == "guangdong" ? "广东" : "广西",
            villageConflictPairs: pairs,
            adviserConflicts: max(2, Int((Double(size.villages) * 0.002).rounded())))
        settings.serviceModel = variant.serviceModel
        switch variant.serviceModel {
        case .individual: break
        case .team:
            settings.specialtiesPerAdviser = 2...4
            settings.lawyerSpecialtyWeights = teamSpecialtyWeights
            // A team serves a wider area than one adviser: about 10 teams within reach of a village.
            settings.radius = .tuned(average: 30, atLeast: 3, share: 0.98)
        case .township: break
        }
        if variant.stable {
            settings.stable = true
            settings.rankingDepth = .several
            settings.villagePreferenceShare = 0.85
            settings.adviserPreferenceShare = 0.8
        }
        return settings
    }

    /// Paired support (Guangdong 001 §(十二), Nanning 002 §二(二)): in every city the seat district
    /// becomes the pool (`pool: true`), up to three of its neighbouring counties (grid neighbours,
    /// diagonals included) have only 0.70–0.80 × their villages in local capacity, and the pool has
    /// 1.4 × their combined shortfall in surplus (at least 1.5 × its own villages in all). The
    /// generator then raises `max_km` until the pool's advisers reach enough of those counties' villages.
    static func addSupport(
        to plans: inout [CountyPlan], cells: [(c: Int, r: Int)], cityOf: [Int], seeds: [Int],
        order: [Int], seed: UInt64
    ) {
        var rng = SplitMix64(seed: seed ^ 0x5077_0000_0000)
        var planOf = [Int](repeating: 0, count: cells.count)
        for (p, i) in order.enumerated() { planOf[i] = p }
        for (city, pool) in seeds.enumerated() {
            var near = cells.indices.filter { j in
                j != pool && cityOf[j] == city && abs(cells[j].c - cells[pool].c) <= 1
                    && abs(cells[j].r - cells[pool].r) <= 1
            }
            rng.shuffle(&near)
            var shortfall = 0.0
            for j in near.prefix(3).sorted() {
                plans[planOf[j]].capacityRatio = rng.uniform(0.70, 0.80)
                plans[planOf[j]].receivesSupport = true
                shortfall += (1 - plans[planOf[j]].capacityRatio) * Double(plans[planOf[j]].villages)
            }
            let p = planOf[pool]
            plans[p].county.pool = true
            plans[p].capacityRatio = max(1.5, 1 + 1.4 * shortfall / Double(max(1, plans[p].villages)))
        }
    }

    /// Township seats on a jittered 4-column grid over the county; the one nearest the middle is
    /// the county seat (listed first).
    static func layTownships(
        count: Int, urban: Bool, lat0: Double, lon0: Double,
        cellLat: Double = cellLat, cellLon: Double = cellLon,
        _ rng: inout SplitMix64, _ places: inout NameMaker
    ) -> [TownshipPlan] {
        let cols = 4, rowsHere = (count + cols - 1) / cols
        var slots = Array(0..<(cols * rowsHere))
        rng.shuffle(&slots)
        let chosen = slots.prefix(count).sorted()
        // Township seats keep to the inner part of the county; its edges are hills and forest.
        let inner = 0.82
        let subLat = inner * cellLat / Double(rowsHere), subLon = inner * cellLon / Double(cols)
        let baseLat = lat0 + (1 - inner) / 2 * cellLat, baseLon = lon0 + (1 - inner) / 2 * cellLon
        var points: [(lat: Double, lon: Double)] = chosen.map { slot in
            let r = slot / cols, c = slot % cols
            return (
                baseLat + (Double(r) + 0.5 + rng.uniform(-0.3, 0.3)) * subLat,
                baseLon + (Double(c) + 0.5 + rng.uniform(-0.3, 0.3)) * subLon
            )
        }
        let mid = (lat: lat0 + cellLat / 2, lon: lon0 + cellLon / 2)
        let seat = points.indices.min { a, b in
            let da = pow(points[a].lat - mid.lat, 2) + pow(points[a].lon - mid.lon, 2)
            let db = pow(points[b].lat - mid.lat, 2) + pow(points[b].lon - mid.lon, 2)
            return da < db || (da == db && a < b)
        }!
        points.swapAt(0, seat)
        return points.enumerated().map { i, p in
            let kind: TownshipKind = i == 0 || (urban && i == 1) ? .subdistrict : (rng.chance(0.75) ? .town : .township)
            let name = places.unique(&rng) { NameMaker.place(&$0) } + kind.suffix
            let weight = (i == 0 ? 1.6 : 1.0) * rng.uniform(0.6, 1.4)
            let community: Double
            switch kind {
            case .subdistrict: community = 0.85
            case .town: community = 0.06
            case .township: community = 0.0
            }
            return TownshipPlan(name: name, lat: p.lat, lon: p.lon, weight: weight, communityShare: community)
        }
    }
}
