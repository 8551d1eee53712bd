import ArgumentParser
import Foundation

/// The two demonstration scenarios checked in under Data/.
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
            TownshipPlan(name: t.0, lat: t.1, lon: t.2, weight: i == 0 ? 1.9 : 1.0, communityShare: i == 0 ? 0.55 : 0.05)
        }
        let plan = CountyPlan(
            county: County(id: "450110", name: "武鸣区", city: "南宁市", underResourced: false),
            lat0: 22.93, lat1: 23.60, lon0: 107.86, lon1: 108.62, townships: townships, villages: 200,
            capacityRatio: 1.1, villageSpreadKm: 4.0, firms: 8, eligibleAdvisers: 44,
            extras: [.failedAssessment, .onLeave, .apprentice, .publicOfficial])
        return GeneratorSettings(
            name: "南宁市武鸣区 一村（社区）一法律顾问 2026 年度选派（演示）",
            comment: "Demo scenario, made by: counsel-bench demo --out Data\nCounty and township names are real, their positions approximate; villages, people, firms and phone numbers are made up.",
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
            county: County(id: "440232", name: "乳源瑶族自治县", city: "韶关市", underResourced: true),
            lat0: 24.47, lat1: 25.05, lon0: 112.88, lon1: 113.48, townships: townships, villages: 150,
            capacityRatio: 0.8, villageSpreadKm: 4.5, firms: 5, eligibleAdvisers: 24,
            extras: [.failedAssessment, .onLeave, .apprentice, .publicLawyer])
        return GeneratorSettings(
            name: "韶关市乳源瑶族自治县 一村（社区）一法律顾问 2026 年度选派（演示·欠发达地区）",
            comment: "Demo scenario, made by: counsel-bench demo --out Data\nCounty and township names are real, their positions approximate; villages, people, firms and phone numbers are made up.",
            profile: .guangdong, seed: 440_232, counties: [plan], radius: .reachAll, provinceShortName: "广东",
            villageConflictPairs: 2, adviserConflicts: 2)
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the demonstration scenarios (nanning-wuming, guangdong-under-resourced).")

    @Option(help: "Folder to write them into (one sub-folder each).")
    var out: String = "Data"

    func run() throws {
        for (folder, settings) in [("nanning-wuming", DemoScenarios.nanningWuming),
                                   ("guangdong-under-resourced", DemoScenarios.guangdongUnderResourced)] {
            let scenario = Generator.generate(settings)
            let dir = URL(fileURLWithPath: out).appendingPathComponent(folder)
            try scenario.write(to: dir)
            print("\(dir.path): \(ScenarioStats(scenario, coverage: false).oneLine)")
        }
    }
}
