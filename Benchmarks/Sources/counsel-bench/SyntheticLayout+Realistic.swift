import Foundation

// MARK: - The realistic layout (issues 9, 10 and 16: what bureaus have)

extension SyntheticLayout {
    /// Province codes and short names for the national size (the 31 provincial-level units).
    static let provinces: [(code: String, name: String)] = [
        ("11", "北京"), ("12", "天津"), ("13", "河北"), ("14", "山西"), ("15", "内蒙古"), ("21", "辽宁"), ("22", "吉林"),
        ("23", "黑龙江"), ("31", "上海"), ("32", "江苏"), ("33", "浙江"), ("34", "安徽"), ("35", "福建"), ("36", "江西"),
        ("37", "山东"), ("41", "河南"), ("42", "湖北"), ("43", "湖南"), ("44", "广东"), ("45", "广西"), ("46", "海南"),
        ("50", "重庆"), ("51", "四川"), ("52", "贵州"), ("53", "云南"), ("54", "西藏"), ("61", "陕西"), ("62", "甘肃"),
        ("63", "青海"), ("64", "宁夏"), ("65", "新疆"),
    ]

    /// `max_km` of a realistic scenario: the whole county in the county size; 60 km in a city
    /// (support across its counties, issue 16); 40 km in a township-model city (issue 10); 30 km in a
    /// province or the country (issue 16).
    static func realisticRadius(_ size: ScenarioSize, _ model: ServiceModel) -> RadiusRule {
        switch size {
        case .county: return .countyReach
        case .city: return .fixed(model == .township ? 40 : 60)
        case .province, .national: return .fixed(30)
        }
    }

    /// Spread-out seed cells: a random order, each cell taken when it is at least `minGap` cells
    /// from every seed taken so far, the gap shrinking by 0.5 until there are `count`.
    private static func spreadSeeds(
        _ cells: [(c: Int, r: Int)], count: Int, minGap start: Double, _ rng: inout SplitMix64
    ) -> [Int] {
        var seeds: [Int] = []
        var taken = [Bool](repeating: false, count: cells.count)
        var order = Array(cells.indices)
        rng.shuffle(&order)
        var minGap = start
        while seeds.count < count {
            let g2 = minGap * minGap
            for i in order where seeds.count < count && !taken[i] {
                let ok = seeds.allSatisfy { j in
                    let dc = Double(cells[i].c - cells[j].c), dr = Double(cells[i].r - cells[j].r)
                    return dc * dc + dr * dr >= g2
                }
                if ok {
                    seeds.append(i)
                    taken[i] = true
                }
            }
            minGap -= 0.5
        }
        return seeds.sorted { (cells[$0].r, cells[$0].c) < (cells[$1].r, cells[$1].c) }
    }

    /// The index of the seed nearest to each point (ties to the lower index).
    private static func nearestSeed(_ points: [(c: Int, r: Int)], _ seeds: [(c: Int, r: Int)]) -> [Int] {
        points.map { p in
            var best = 0, bestD = Int.max
            for (k, s) in seeds.enumerated() {
                let d = (p.c - s.c) * (p.c - s.c) + (p.r - s.r) * (p.r - s.r)
                if d < bestD {
                    best = k
                    bestD = d
                }
            }
            return best
        }
    }

    /// The realistic layout (the default density). Counties are cells of a grid of 0.4° × 0.5°
    /// (× the shape's county scale): one cell for the county size, a 4 × 4 block less two corners
    /// for the city, 12 × 10 for the province (21 cities) and 57 × 50 for the country (≈330 cities in
    /// 31 provinces). Counties have 13–17 townships in the county size, else 10–14. Variants share the
    /// plain scenario's villages, townships and counties, as in the sparse layout.
    static func realisticSettings(
        size: ScenarioSize, seed: UInt64, profile: RuleProfile,
        variant: ScenarioVariant
    ) -> GeneratorSettings {
        let shape = ScenarioShape(variant.shape)
        var rng = SplitMix64(
            seed: seed ^ 0x4EA1_1571_C000 ^ UInt64(ScenarioSize.allCases.firstIndex(of: size)!)
                ^ (variant.shape &* 0x9E37_79B9))
        let national = size == .national
        // The country's counties are larger (≈3,200 km², about China's mean county-level area) and
        // have more advisers (≈160,000 in all, issue 16) than a southern province's.
        let countyScale = shape.countyScale * (national ? 1.2 : 1)
        let capacity = shape.capacity + (national ? 0.14 : 0)
        let cLat = cellLat * countyScale, cLon = cellLon * countyScale
        let gridColumns = national ? 57 : columns, gridRows = national ? 50 : rows
        let gridLat0 = national ? 18.0 : lat0, gridLon0 = national ? 97.0 : lon0

        var cells: [(c: Int, r: Int)] = []
        switch size {
        case .province, .national:
            for r in 0..<gridRows { for c in 0..<gridColumns { cells.append((c, r)) } }
        case .city:
            let c0 = rng.int(0...(gridColumns - 4)), r0 = rng.int(0...(gridRows - 4))
            var drop = [0, 3, 12, 15]
            rng.shuffle(&drop)
            for k in 0..<16 where !drop.prefix(2).contains(k) { cells.append((c0 + k % 4, r0 + k / 4)) }
        case .county:
            cells = [(rng.int(0...(gridColumns - 1)), rng.int(0...(gridRows - 1)))]
        }

        // Cities (Voronoi regions around spread-out seats), and for the country provinces of cities.
        let cityCount: Int
        switch size {
        case .county, .city: cityCount = 1
        case .province: cityCount = 21
        case .national: cityCount = Int((Double(cells.count) / 8.6).rounded())
        }
        var seeds: [Int]
        if size == .city {
            let mc = Double(cells.map(\.c).reduce(0, +)) / Double(cells.count)
            let mr = Double(cells.map(\.r).reduce(0, +)) / Double(cells.count)
            seeds = [
                cells.indices.min { a, b in
                    let da = pow(Double(cells[a].c) - mc, 2) + pow(Double(cells[a].r) - mr, 2)
                    let db = pow(Double(cells[b].c) - mc, 2) + pow(Double(cells[b].r) - mr, 2)
                    return da < db || (da == db && a < b)
                }!
            ]
        } else {
            seeds = spreadSeeds(
                cells, count: cityCount, minGap: (Double(cells.count) / Double(cityCount)).squareRoot() * 1.05, &rng)
        }
        let cityOf = nearestSeed(cells, seeds.map { cells[$0] })
        // Provinces: 31 for the country (regions of city seats), else the profile's own.
        let provinceOfCity: [Int]
        if national {
            let seatCells = seeds.map { cells[$0] }
            let provinceSeeds = spreadSeeds(
                seatCells, count: provinces.count,
                minGap: (Double(cells.count) / Double(provinces.count)).squareRoot() * 1.05, &rng)
            provinceOfCity = nearestSeed(seatCells, provinceSeeds.map { seatCells[$0] })
        } else {
            provinceOfCity = [Int](repeating: 0, count: seeds.count)
        }
        let ownProvince = profile.name == "guangdong" ? ("44", "广东") : ("45", "广西")
        func province(_ city: Int) -> (code: String, name: String) {
            national ? provinces[provinceOfCity[city]] : ownProvince
        }

        var places = NameMaker()
        let cityNames = seeds.map { _ in places.unique(&rng) { NameMaker.place(&$0) } + "市" }
        // Cities numbered within their province.
        var cityNumber = [Int](repeating: 0, count: seeds.count)
        var nextCity: [Int: Int] = [:]
        for c in seeds.indices {
            let p = provinceOfCity[c]
            nextCity[p, default: 0] += 1
            cityNumber[c] = nextCity[p]!
        }

        // Villages per county: an exact total, unevenly spread.
        let total = size == .county ? rng.int(200...250) : size.villages
        let weights = cells.map { _ in rng.uniform(1 - shape.villageSpread, 1 + shape.villageSpread) }
        let wsum = weights.reduce(0, +)
        var villages = weights.map { Int((Double(total) * $0 / wsum).rounded(.down)) }
        var k = 0
        while villages.reduce(0, +) < total {
            villages[k % villages.count] += 1
            k += 1
        }

        // Counties short of local capacity; the others share the rest of the overall capacity.
        var short: [Int] = []
        if cells.count >= 3 {
            var pool = Array(cells.indices)
            rng.shuffle(&pool)
            short = pool.prefix(max(1, Int((Double(cells.count) * shape.shortCountyShare).rounded()))).sorted()
        }
        var isShort = [Bool](repeating: false, count: cells.count)
        for i in short { isShort[i] = true }
        var ratio = [Double](repeating: 0, count: cells.count)
        for i in short { ratio[i] = rng.uniform(0.72, 0.88) }
        let overall = rng.uniform(capacity - 0.015, capacity + 0.015)
        let shortDemand = short.reduce(0.0) { $0 + ratio[$1] * Double(villages[$1]) }
        let normalVillages = cells.indices.filter { !isShort[$0] }.reduce(0) { $0 + villages[$1] }
        let normalRatio = (overall * Double(total) - shortDemand) / Double(max(1, normalVillages))
        for i in cells.indices where !isShort[i] { ratio[i] = normalRatio * rng.uniform(0.98, 1.02) }

        // Counties, grouped by city: the seat district 02, 03 …, other counties 21, 22 …
        var plans: [CountyPlan] = []
        var nextDistrict = [Int](repeating: 2, count: seeds.count)
        var nextCounty = [Int](repeating: 21, count: seeds.count)
        var isSeat = [Bool](repeating: false, count: cells.count)
        for s in seeds { isSeat[s] = true }
        let orderByCity = cells.indices.sorted {
            (cityOf[$0], cells[$0].r, cells[$0].c) < (cityOf[$1], cells[$1].r, cells[$1].c)
        }
        var townNames = NameMaker()
        var lastCity = -1
        let township = variant.serviceModel == .township
        for i in orderByCity {
            let city = cityOf[i]
            if city != lastCity {
                townNames = NameMaker()
                lastCity = city
            }
            let isDistrict = isSeat[i]
            let number: Int
            if isDistrict {
                number = nextDistrict[city]
                nextDistrict[city] += 1
            } else {
                number = nextCounty[city]
                nextCounty[city] += 1
            }
            let id = province(city).code + paddedID("", cityNumber[city], width: 2) + paddedID("", number, width: 2)
            let name = places.unique(&rng) { NameMaker.place(&$0) } + (isDistrict ? "区" : "县")
            let underResourced = isShort[i] || rng.chance(profile.name == "guangdong" ? 0.2 : 0.15)
            let county = County(id: id, name: name, city: cityNames[city], underResourced: underResourced)

            let la0 = gridLat0 + Double(cells[i].r) * cLat, lo0 = gridLon0 + Double(cells[i].c) * cLon
            let townshipCount = size == .county ? rng.int(13...17) : rng.int(10...14)
            // Township names are unique within a city (they repeat across a country, as real ones do).
            let townships = layTownships(
                count: townshipCount, urban: isDistrict, lat0: la0, lon0: lo0,
                cellLat: cLat, cellLon: cLon, &rng, &townNames)
            let subKm = 0.82 * min(cLat * 111 / 3, cLon * 111 * cos((la0 + cLat / 2) * .pi / 180) / 4)
            var plan = CountyPlan(
                county: county, lat0: la0, lat1: la0 + cLat, lon0: lo0, lon1: lo0 + cLon,
                townships: townships, villages: villages[i], capacityRatio: ratio[i],
                villageSpreadKm: 0.3 * subKm * shape.villageScatter)
            plan.seatFirmShare = shape.seatFirmShare
            plan.firmPrefix = province(city).name
            // Township model (issue 10): 6–12 firms in a county of its own, about one per 2.1
            // townships in a city or larger (≈80 in a city of 14 counties).
            let firms = size == .county ? rng.int(6...12) : Int((Double(townshipCount) / 2.1).rounded())
            if township { plan.firms = min(firms, townshipCount - 1) }
            plans.append(plan)
        }

        if variant.support {
            addSupport(to: &plans, cells: cells, cityOf: cityOf, seeds: seeds, order: orderByCity, seed: seed)
        }

        let rulesName = profile.name == "guangdong" ? "广东规则" : "南宁规则"
        var comment =
            "Synthetic benchmark scenario, made by: counsel-bench generate --size \(size.rawValue) --seed \(seed) --rules \(profile.name)\(variant.flags)"
        if shape.number != 0 { comment += "\n" + shape.summary }
        comment += "\nNames, places and phone numbers are made up."
        var settings = GeneratorSettings(
            name: "合成基准·\(size.chineseName)·\(rulesName)\(variant.nameSuffix)·种子\(seed)",
            comment: comment,
            profile: profile, seed: seed ^ 0xC0FF_EE00 ^ (variant.shape &* 0xA5A5_5A5A), counties: plans,
            radius: realisticRadius(size, variant.serviceModel),
            provinceShortName: ownProvince.1,
            villageConflictPairs: 0, adviserConflicts: 0)
        settings.density = .realistic
        settings.villageConflictShare = shape.villageConflictShare
        settings.adviserConflictShare = 0.002
        settings.incumbentShare = shape.incumbentShare
        settings.villagePreferenceShare = shape.villageRankShare
        settings.adviserPreferenceShare = shape.adviserRankShare
        settings.rankingDepth = .realistic
        if national { settings.idWidths = (village: 6, adviser: 6, firm: 5) }
        settings.serviceModel = variant.serviceModel
        if variant.serviceModel == .team {
            settings.specialtiesPerAdviser = 2...4
            settings.lawyerSpecialtyWeights = teamSpecialtyWeights
        }
        settings.stable = variant.stable
        return settings
    }
}
