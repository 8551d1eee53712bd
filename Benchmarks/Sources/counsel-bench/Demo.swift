import ArgumentParser
import Foundation

/// The demonstration scenarios checked in under Data/.
///
/// County and township names are real; township positions are approximate; villages, people,
/// firms and phone numbers are made up by the generator.
enum DemoScenarios {
    /// 南宁市武鸣区 (450110) under Nanning rules: ~200 villages and communities in its 13 towns,
    /// capacity comfortably above demand, every village with several candidates.
    static var nanningWuming: GeneratorSettings {
        let towns: [(String, Double, Double)] = [
            ("城厢镇", 23.157, 108.274), ("太平镇", 23.085, 108.130), ("双桥镇", 23.300, 108.420),
            ("宁武镇", 23.245, 108.335), ("锣圩镇", 23.395, 108.285), ("仙湖镇", 23.070, 108.420),
            ("府城镇", 23.265, 108.020), ("陆斡镇", 23.360, 108.140), ("两江镇", 23.495, 108.165),
            ("罗波镇", 23.480, 108.335), ("灵马镇", 23.195, 108.520), ("甘圩镇", 23.005, 108.250),
            ("马头镇", 23.060, 107.960),
        ]
        let townships = towns.enumerated().map { i, t in
            TownshipPlan(
                name: t.0, lat: t.1, lon: t.2, weight: i == 0 ? 1.9 : 1.0, communityShare: i == 0 ? 0.55 : 0.05)
        }
        let plan = CountyPlan(
            county: County(
                id: "450110", name: "武鸣区", city: "南宁市", underResourced: false,
                justiceOffice: "南宁市武鸣区司法局", justiceOfficePhone: "12348"),
            lat0: 22.93, lat1: 23.60, lon0: 107.86, lon1: 108.62, townships: townships, villages: 200,
            capacityRatio: 1.1, villageSpreadKm: 4.0, firms: 8, eligibleAdvisers: 44,
            extras: [.failedAssessment, .onLeave, .apprentice, .publicOfficial])
        return GeneratorSettings(
            name: "南宁市武鸣区 一村（社区）一法律顾问 2026 年度选派（演示）",
            comment:
                "Demo scenario, made by: counsel-bench demo --out Data\nCounty and township names are real, their positions approximate; villages, people, firms and phone numbers are made up.",
            profile: .nanning, seed: 450_110, counties: [plan],
            radius: .tuned(average: 15, atLeast: 3, share: 1.0), provinceShortName: "广西",
            villageConflictPairs: 4, adviserConflicts: 3)
    }

    /// 韶关市乳源瑶族自治县 (440232), marked under-resourced, under Guangdong rules: 150 villages and
    /// 24 active lawyers, so the ordinary cap of 5 (120) cannot cover them and the raised cap of 8 can.
    static var guangdongUnderResourced: GeneratorSettings {
        let towns: [(String, Double, Double)] = [
            ("乳城镇", 24.776, 113.276), ("一六镇", 24.880, 113.170), ("桂头镇", 24.830, 113.395),
            ("洛阳镇", 24.630, 113.050), ("大布镇", 24.720, 113.150), ("大桥镇", 24.935, 113.270),
            ("东坪镇", 24.560, 113.120), ("游溪镇", 24.665, 113.360), ("必背镇", 24.840, 113.000),
        ]
        let townships = towns.enumerated().map { i, t in
            TownshipPlan(name: t.0, lat: t.1, lon: t.2, weight: i == 0 ? 1.6 : 1.0, communityShare: i == 0 ? 0.5 : 0.04)
        }
        let plan = CountyPlan(
            county: County(
                id: "440232", name: "乳源瑶族自治县", city: "韶关市", underResourced: true,
                justiceOffice: "乳源瑶族自治县司法局", justiceOfficePhone: "12348"),
            lat0: 24.47, lat1: 25.05, lon0: 112.88, lon1: 113.48, townships: townships, villages: 150,
            capacityRatio: 0.8, villageSpreadKm: 4.5, firms: 5, eligibleAdvisers: 24,
            extras: [.failedAssessment, .onLeave, .apprentice, .publicLawyer])
        var settings = GeneratorSettings(
            name: "韶关市乳源瑶族自治县 一村（社区）一法律顾问 2026 年度选派（演示·欠发达地区）",
            comment:
                "Demo scenario, made by: counsel-bench demo --out Data\nCounty and township names are real, their positions approximate; villages, people, firms and phone numbers are made up.",
            profile: .guangdong, seed: 440_232, counties: [plan], radius: .reachAll, provinceShortName: "广东",
            villageConflictPairs: 2, adviserConflicts: 2)
        // Lawyers take the profile's cap rather than stating 8, so the cap-5 variant is one `--set` away.
        settings.statesRaisedCap = false
        return settings
    }

    /// 佛山市 (Foshan, in the Pearl River Delta) under Guangdong rules with the team model (001 §(七):
    /// where lawyers are many, a firm's team of lawyers with different specialties serves villages):
    /// four districts, 420 villages and communities. 禅城区, the urban core, is the city's pool
    /// (`pool: true`) with surplus lawyers; 三水区 and 高明区 are short of local lawyers and need
    /// paired support (001 §(十二)); 南海区 has about enough.
    static var guangdongTeamCity: GeneratorSettings {
        func towns(_ list: [(String, Double, Double, Double, Double)]) -> [TownshipPlan] {
            list.map { TownshipPlan(name: $0.0, lat: $0.1, lon: $0.2, weight: $0.3, communityShare: $0.4) }
        }
        func county(_ id: String, _ name: String, pool: Bool = false) -> County {
            County(
                id: id, name: name, city: "佛山市", underResourced: false, pool: pool,
                justiceOffice: "佛山市\(name)司法局", justiceOfficePhone: "12348")
        }
        let chancheng = CountyPlan(
            county: county("440604", "禅城区", pool: true), lat0: 22.95, lat1: 23.10, lon0: 112.96, lon1: 113.16,
            townships: towns([
                ("祖庙街道", 23.030, 113.110, 1.3, 0.95), ("石湾镇街道", 22.995, 113.085, 1.0, 0.9),
                ("张槎街道", 23.045, 113.060, 1.0, 0.8), ("南庄镇", 23.010, 113.000, 1.0, 0.35),
            ]),
            villages: 70, capacityRatio: 2.0, villageSpreadKm: 2.0, firms: 8,
            extras: [.apprentice, .apprentice, .onLeave])
        let nanhai = CountyPlan(
            county: county("440605", "南海区"), lat0: 22.78, lat1: 23.30, lon0: 112.85, lon1: 113.25,
            townships: towns([
                ("桂城街道", 23.030, 113.155, 1.4, 0.9), ("大沥镇", 23.105, 113.105, 1.2, 0.5),
                ("里水镇", 23.205, 113.150, 1.0, 0.35), ("狮山镇", 23.135, 113.000, 1.3, 0.35),
                ("丹灶镇", 23.045, 112.910, 0.8, 0.25), ("西樵镇", 22.935, 112.965, 0.9, 0.25),
                ("九江镇", 22.845, 113.035, 0.8, 0.25),
            ]),
            villages: 160, capacityRatio: 1.04, villageSpreadKm: 3.5, firms: 8,
            extras: [.failedAssessment, .apprentice, .publicLawyer])
        let sanshui = CountyPlan(
            county: county("440607", "三水区"), lat0: 23.03, lat1: 23.56, lon0: 112.65, lon1: 113.02,
            townships: towns([
                ("西南街道", 23.180, 112.875, 1.5, 0.6), ("云东海街道", 23.215, 112.830, 0.8, 0.3),
                ("白坭镇", 23.075, 112.845, 0.9, 0.15), ("乐平镇", 23.290, 112.950, 1.1, 0.15),
                ("芦苞镇", 23.335, 112.890, 0.9, 0.1), ("大塘镇", 23.420, 112.960, 0.9, 0.1),
                ("南山镇", 23.470, 112.720, 0.7, 0.05),
            ]),
            villages: 110, capacityRatio: 0.8, villageSpreadKm: 4.0, firms: 4,
            extras: [.apprentice, .onLeave], receivesSupport: true)
        let gaoming = CountyPlan(
            county: county("440608", "高明区"), lat0: 22.70, lat1: 23.02, lon0: 112.45, lon1: 112.95,
            townships: towns([
                ("荷城街道", 22.900, 112.880, 1.6, 0.5), ("杨和镇", 22.860, 112.790, 1.0, 0.1),
                ("明城镇", 22.950, 112.670, 1.0, 0.1), ("更合镇", 22.780, 112.530, 1.0, 0.05),
            ]),
            villages: 80, capacityRatio: 0.78, villageSpreadKm: 4.5, firms: 3,
            extras: [.failedAssessment], receivesSupport: true)
        var settings = GeneratorSettings(
            name: "佛山市 一村（社区）一法律顾问 2026 年度选派（演示·团队模式·市级统筹）",
            comment:
                "Demo scenario, made by: counsel-bench demo --out Data\nDistrict and township names are real, their positions approximate; villages, people, firms, teams and phone numbers are made up.",
            profile: .guangdong, seed: 440_600, counties: [chancheng, nanhai, sanshui, gaoming],
            radius: .tuned(average: 30, atLeast: 3, share: 1.0), provinceShortName: "广东",
            villageConflictPairs: 3, adviserConflicts: 3)
        settings.serviceModel = .team
        settings.specialtiesPerAdviser = 2...4
        settings.lawyerSpecialtyWeights = SyntheticLayout.teamSpecialtyWeights
        settings.statesRaisedCap = false
        return settings
    }

    /// 梅州市大埔县 (441422), a mountain county marked under-resourced, under Guangdong rules with
    /// the township model (001 §(七): in under-developed counties one firm serves one township or
    /// several adjacent ones): its 14 towns, 220 villages and communities, six law firms of
    /// different sizes and a township legal-service office. Each firm was sized for one connected
    /// region of towns (at the raised cap of 8), so the whole county can be covered, but only by
    /// matching firms to regions their capacity fits.
    static var guangdongTownshipCounty: GeneratorSettings {
        let towns: [(String, Double, Double, Double)] = [
            ("湖寮镇", 24.350, 116.690, 1.8), ("茶阳镇", 24.510, 116.680, 1.6), ("高陂镇", 24.230, 116.560, 2.2),
            ("三河镇", 24.410, 116.580, 1.2), ("百侯镇", 24.375, 116.780, 1.0), ("枫朗镇", 24.340, 116.870, 1.0),
            ("大东镇", 24.450, 116.930, 0.9), ("光德镇", 24.190, 116.640, 1.1), ("桃源镇", 24.120, 116.530, 1.0),
            ("大麻镇", 24.355, 116.470, 0.9), ("洲瑞镇", 24.300, 116.590, 0.8), ("银江镇", 24.460, 116.560, 0.9),
            ("西河镇", 24.500, 116.770, 0.8), ("青溪镇", 24.610, 116.620, 0.9),
        ]
        let townships = towns.enumerated().map { i, t in
            TownshipPlan(name: t.0, lat: t.1, lon: t.2, weight: t.3, communityShare: i == 0 ? 0.35 : 0.03)
        }
        let plan = CountyPlan(
            county: County(
                id: "441422", name: "大埔县", city: "梅州市", underResourced: true,
                justiceOffice: "大埔县司法局", justiceOfficePhone: "12348"),
            lat0: 24.05, lat1: 24.70, lon0: 116.38, lon1: 117.02, townships: townships, villages: 220,
            capacityRatio: 1.0, villageSpreadKm: 4.0, firms: 6,
            extras: [.failedAssessment, .onLeave, .apprentice, .publicLawyer],
            capacityCap: 8, regionSlack: 1.02...1.2)
        var settings = GeneratorSettings(
            name: "梅州市大埔县 一村（社区）一法律顾问 2026 年度选派（演示·一所一乡镇）",
            comment:
                "Demo scenario, made by: counsel-bench demo --out Data\nCounty and township names are real, their positions approximate; villages, people, firms and phone numbers are made up.",
            profile: .guangdong, seed: 441_422, counties: [plan], radius: .regionFirms, provinceShortName: "广东",
            villageConflictPairs: 2, adviserConflicts: 2)
        settings.serviceModel = .township
        settings.statesRaisedCap = false
        return settings
    }

    /// 吕梁市交城县 (141122), Shanxi, under Jiaocheng rules (004): 90 villages and communities in its
    /// 10 towns and townships, the six in the mountains served online (004 §四(三): 针对山区偏远乡镇可提供
    /// 线上法律服务), every adviser with a photo for the notice boards (004 §四(三): 法律顾问照片).
    static var jiaochengCounty: GeneratorSettings {
        let towns = jiaochengTowns
        let plan = CountyPlan(
            county: County(
                id: "141122", name: "交城县", city: "吕梁市", underResourced: false,
                justiceOffice: "交城县司法局", justiceOfficePhone: "0358-3520148"),
            lat0: 37.40, lat1: 37.95, lon0: 111.40, lon1: 112.35,
            townships: towns.map { TownshipPlan(name: $0.0, lat: $0.1, lon: $0.2, weight: $0.3, communityShare: $0.4) },
            villages: 90, capacityRatio: 1.2, villageSpreadKm: 4.0, firms: 4,
            extras: [.failedAssessment, .apprentice, .publicLawyer])
        return GeneratorSettings(
            name: "吕梁市交城县 村居（社区）法律顾问 2026 年度选派（演示）",
            comment:
                "Demo scenario, made by: counsel-bench demo --out Data\nCounty and township names are real, their positions approximate; villages, people, firms, phone numbers and photos are made up.",
            profile: .jiaocheng, seed: 141_122, counties: [plan], radius: .tuned(average: 10, atLeast: 3, share: 1.0),
            provinceShortName: "山西", villageConflictPairs: 1, adviserConflicts: 1)
    }

    /// Jiaocheng's towns: name, seat latitude and longitude, share of the villages, share of communities.
    static let jiaochengTowns: [(String, Double, Double, Double, Double)] = [
        ("天宁镇", 37.555, 112.160, 1.8, 0.4), ("夏家营镇", 37.510, 112.215, 1.2, 0.05), ("西营镇", 37.470, 112.105, 1.2, 0.05),
        ("洪相乡", 37.525, 112.275, 1.0, 0.0), ("水峪贯镇", 37.600, 111.990, 0.9, 0.0), ("西社镇", 37.640, 111.830, 0.9, 0.0),
        ("庞泉沟镇", 37.830, 111.520, 0.7, 0.0), ("岭底乡", 37.700, 111.700, 0.7, 0.0), ("东坡底乡", 37.760, 111.870, 0.7, 0.0),
        ("会立乡", 37.660, 112.050, 0.8, 0.0),
    ]

    /// The Jiaocheng demo's mountain towns, served online (004 §四(三)).
    static let jiaochengOnline: Set<String> = ["水峪贯镇", "西社镇", "庞泉沟镇", "岭底乡", "东坡底乡", "会立乡"]

    /// 重庆市荣昌区 (500153) under Rongchang rules (000): 120 villages and communities in its 6
    /// sub-districts and 15 towns, six firms whose yearly event in a village and advisers' yearly
    /// work reports `schedule` plans (000 §三(三)), and the district's training day.
    static var rongchangDistrict: GeneratorSettings {
        let towns: [(String, Double, Double, Double, Double)] = [
            ("昌元街道", 29.405, 105.595, 1.6, 0.8), ("昌州街道", 29.415, 105.575, 1.2, 0.7),
            ("广顺街道", 29.455, 105.560, 1.0, 0.3),
            ("安富街道", 29.370, 105.470, 1.0, 0.3), ("峰高街道", 29.470, 105.650, 1.0, 0.25),
            ("双河街道", 29.330, 105.580, 1.0, 0.25),
            ("直升镇", 29.530, 105.600, 0.9, 0.05), ("路孔镇", 29.420, 105.680, 0.8, 0.05),
            ("清江镇", 29.520, 105.510, 0.9, 0.05),
            ("仁义镇", 29.380, 105.700, 0.9, 0.05), ("河包镇", 29.340, 105.420, 0.9, 0.05),
            ("古昌镇", 29.510, 105.690, 0.8, 0.05),
            ("吴家镇", 29.600, 105.560, 0.9, 0.05), ("观胜镇", 29.480, 105.420, 0.8, 0.05),
            ("铜鼓镇", 29.560, 105.480, 0.8, 0.05),
            ("清流镇", 29.300, 105.490, 0.8, 0.05), ("盘龙镇", 29.290, 105.650, 0.8, 0.05),
            ("远觉镇", 29.620, 105.480, 0.7, 0.05),
            ("清升镇", 29.440, 105.380, 0.7, 0.05), ("荣隆镇", 29.250, 105.560, 0.8, 0.05),
            ("龙集镇", 29.590, 105.640, 0.7, 0.05),
        ]
        let plan = CountyPlan(
            county: County(
                id: "500153", name: "荣昌区", city: "重庆市", underResourced: false,
                justiceOffice: "重庆市荣昌区司法局", justiceOfficePhone: "023-46720148"),
            lat0: 29.20, lat1: 29.70, lon0: 105.30, lon1: 105.78,
            townships: towns.map { TownshipPlan(name: $0.0, lat: $0.1, lon: $0.2, weight: $0.3, communityShare: $0.4) },
            villages: 120, capacityRatio: 1.1, villageSpreadKm: 3.0, firms: 6,
            extras: [.failedAssessment, .onLeave, .apprentice])
        return GeneratorSettings(
            name: "重庆市荣昌区 村（居）法律顾问 2026 年度选派（演示）",
            comment:
                "Demo scenario, made by: counsel-bench demo --out Data\nDistrict and township names are real, their positions approximate; villages, people, firms and phone numbers are made up.",
            profile: .rongchang, seed: 500_153, counties: [plan], radius: .tuned(average: 15, atLeast: 3, share: 1.0),
            provinceShortName: "重庆", villageConflictPairs: 2, adviserConflicts: 2)
    }

    /// Every demo: its folder under `--out`, its settings, and what the generator does not draw:
    /// the data the notice boards and contact cards print (issue 12), set without touching the
    /// generator's random stream, so the earlier demos' other files stay byte for byte.
    static var all: [(folder: String, settings: GeneratorSettings, decorate: (inout Scenario) -> Void)] {
        [
            ("nanning-wuming", nanningWuming, { _ in }),
            ("guangdong-under-resourced", guangdongUnderResourced, guangdongContacts),
            ("guangdong-team-city", guangdongTeamCity, guangdongContacts),
            ("guangdong-township-county", guangdongTownshipCounty, guangdongContacts),
            (
                "jiaocheng-county", jiaochengCounty,
                { s in
                    s.counties = s.counties.map {
                        var c = $0
                        c.trainingDays = ["2026-05-14"]
                        return c
                    }
                    // Every town in townships.csv with its mode (the villages' township is the town's name),
                    // adjacent when neighbours in the Gabriel graph of the seats, as the township demo's.
                    let towns = jiaochengTowns
                    let adjacent = TownshipGraph.adjacency(towns.map { (lat: $0.1, lon: $0.2) })
                    s.townships = towns.enumerated().map { i, t in
                        TownshipRow(
                            id: t.0, name: t.0, county: "141122",
                            mode: jiaochengOnline.contains(t.0) ? "online" : "onsite",
                            adjacent: adjacent[i].sorted().map { towns[$0].0 })
                    }
                    s.advisers = s.advisers.map {
                        var a = $0
                        a.photo = "photos/\(a.id).png"
                        return a
                    }
                }
            ),
            (
                "rongchang-district", rongchangDistrict,
                { s in
                    s.counties = s.counties.map {
                        var c = $0
                        c.trainingDays = ["2026-03-19"]
                        return c
                    }
                }
            ),
        ]
    }

    /// Guangdong's boards print the adviser's WeChat ID and the office's and the province's
    /// complaint e-mail (001 §(十),(十四)), its cards the adviser's e-mail too (001 §(十一)); made up,
    /// at example.com.
    static func guangdongContacts(_ s: inout Scenario) {
        s.advisers = s.advisers.map { a in
            var a = a
            a.wechat = "lawyer_" + a.id.lowercased()
            a.email = a.id.lowercased() + "@" + a.firm.lowercased() + ".example.com"
            return a
        }
        s.counties = s.counties.map { c in
            var c = c
            c.justiceOfficeEmail = "sfj\(c.id)@example.com"
            c.complaintEmail = "gdsft_tousu@example.com"
            return c
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Write the demonstration scenarios (nanning-wuming, guangdong-under-resourced, guangdong-team-city, guangdong-township-county, jiaocheng-county, rongchang-district)."
    )

    @Option(help: "Folder to write them into (one sub-folder each).")
    var out: String = "Data"

    func run() throws {
        for (folder, settings, decorate) in DemoScenarios.all {
            var (scenario, witness) = Generator.generateWithWitness(settings)
            decorate(&scenario)
            let dir = URL(fileURLWithPath: out).appendingPathComponent(folder)
            try scenario.write(to: dir)
            // The advisers' photos (made up: a drawn silhouette each).
            let photos = scenario.advisers.compactMap { a in a.photo.map { (a.id, $0) } }
            if !photos.isEmpty {
                try FileManager.default.createDirectory(
                    at: dir.appendingPathComponent("photos"), withIntermediateDirectories: true)
                for (i, (_, path)) in photos.enumerated() {
                    try writeAtomically(DemoPhoto.png(variant: i), to: dir.appendingPathComponent(path))
                }
            }
            print("\(dir.path): \(ScenarioStats(scenario, coverage: false).oneLine)")
            if !witness.isEmpty { print(Self.describe(witness, scenario)) }
        }
    }

    /// The township model's region plan: each firm, its capacity at the raised cap and the towns
    /// (with their villages) it was sized for — one plan that covers every village.
    static func describe(_ witness: [(firm: String, townships: [String])], _ s: Scenario) -> String {
        let profile = RuleProfile.named(s.rules) ?? .guangdong
        let name = Dictionary(s.townships.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var lines = ["  a plan covering every village (firm: capacity at the raised cap ≥ villages of its towns):"]
        for (firm, towns) in witness {
            let capacity = s.advisers.filter { $0.firm == firm && profile.isEligible($0) }
                .reduce(0) { $0 + profile.capacity(of: $1, ruleCap: profile.underResourcedCap) }
            let villages = s.villages.filter { towns.contains($0.township) }.count
            lines.append(
                "    \(firm): \(capacity) ≥ \(villages): " + towns.map { name[$0] ?? $0 }.joined(separator: "、"))
        }
        return lines.joined(separator: "\n")
    }
}
