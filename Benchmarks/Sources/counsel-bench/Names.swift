// MARK: - Chinese names for synthetic people, places and firms
//
// All names are made up from common characters; any match with a real person, firm or place is
// accidental. Demo scenarios use real county and township names (see DemoScenarios.swift).

enum Names {
    /// Common surnames with rough relative frequencies; Zhuang surnames (韦, 覃, 莫, 蒙, 农, 黄)
    /// are boosted for Guangxi.
    static let surnames: [(String, Double)] = [
        ("王", 7.1), ("李", 7.0), ("张", 6.8), ("刘", 5.4), ("陈", 5.6), ("杨", 3.1), ("黄", 3.2), ("赵", 2.3),
        ("吴", 2.0), ("周", 1.9), ("徐", 1.5), ("孙", 1.4), ("马", 1.3), ("朱", 1.2), ("胡", 1.2), ("郭", 1.1),
        ("何", 1.2), ("高", 1.0), ("林", 1.3), ("罗", 1.0), ("郑", 0.9), ("梁", 1.2), ("谢", 0.8), ("宋", 0.7),
        ("唐", 0.7), ("许", 0.7), ("韩", 0.6), ("冯", 0.6), ("邓", 0.7), ("曹", 0.6), ("彭", 0.6), ("曾", 0.7),
        ("肖", 0.6), ("田", 0.5), ("董", 0.5), ("袁", 0.5), ("潘", 0.5), ("蒋", 0.4), ("蔡", 0.5), ("余", 0.4),
        ("杜", 0.4), ("叶", 0.5), ("程", 0.4), ("苏", 0.4), ("魏", 0.4), ("吕", 0.4), ("丁", 0.3), ("任", 0.3),
        ("沈", 0.3), ("姚", 0.3), ("卢", 0.4), ("钟", 0.4), ("谭", 0.4), ("陆", 0.3), ("范", 0.3), ("石", 0.3),
        ("廖", 0.4), ("韦", 0.8), ("方", 0.3), ("邹", 0.3), ("熊", 0.3), ("秦", 0.2), ("江", 0.3), ("黎", 0.3),
        ("雷", 0.2), ("龙", 0.3), ("陶", 0.2), ("严", 0.2), ("赖", 0.3), ("温", 0.2), ("莫", 0.4), ("覃", 0.5),
        ("蒙", 0.3), ("农", 0.2), ("欧", 0.2), ("邱", 0.3), ("骆", 0.1), ("甘", 0.1), ("庞", 0.2), ("凌", 0.1),
    ]

    static let givenChars: [String] = Array(
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华红玲斌鹏辉宇浩凯婷雪慧琳欣晨博文建国志海林峰荣兰梅燕萍春秋桂金玉德永光昌成亮新宏英瑞佳思嘉俊云龙晓丹倩颖彬坤泽旭锋健毅翔琪璐蕾莉薇悦月彤秀凤兵波福胜庆庭振维诗雨"
    ).map(String.init)

    /// Characters for place names; the first block is common in Guangxi and Guangdong villages
    /// (那 "rice field" in Zhuang, 坡, 塘, 岭, 垌 …).
    static let placeChars: [String] = Array(
        "那板六伏岜坡塘岭垌坪岗田屯湾洞岩东西南北上下中新大小石山水河江坝圩龙凤马牛青白黄红金银平安宁和兴隆丰福寿长永太仙灵府双桥罗高古林竹松桃杨柳梅花泉湖城团结光明胜利合群甘乐清富华文武德义仁信鹿云良沙头尾背口岸朝阳茶蓝"
    ).map(String.init)

    /// Second characters that read well at the end of a village name.
    static let placeEnds: [String] = Array(
        "塘岭坡田寨屯垌坪岗湾洞岩桥江河山冲坑头口边圩庄坝水林岸"
    ).map(String.init)

    /// Community names are often civic words.
    static let communityNames: [String] = [
        "城东", "城西", "城南", "城北", "新华", "民主", "幸福", "和平", "解放", "人民", "建设", "文化", "光明", "朝阳",
        "永宁", "兴隆", "华侨", "东风", "胜利", "团结", "新城", "江滨", "公园", "学府", "锦绣", "长安", "迎宾", "育才",
        "滨江", "金桥", "银湖", "丰收", "工业", "站前", "府前", "青年", "花园", "阳光", "振兴", "和谐",
    ]

    /// Words for the trade names (字号) of law firms.
    static let firmWords: [String] = Array(
        "正信德明法衡诚和泰君合公平远志达桂岭南华邦誉鼎恒嘉瑞昭睿宏道义秉中天立新景海博冠铭晟弘启鉴"
    ).map(String.init)

    /// Reasons two neighbouring villages may not share an adviser (002 §二(五)).
    static let villageConflictReasons = [
        "土地边界纠纷", "山林权属争议", "水利灌溉纠纷", "宅基地边界纠纷", "集体土地征收补偿争议", "鱼塘承包纠纷",
    ]

    /// Reasons an adviser may not serve a village.
    static let adviserConflictReasons = [
        "曾代理对方当事人", "近亲属系该村村委会成员", "正在代理针对该村集体的诉讼", "与该村集体经济组织存在合同纠纷",
    ]
}

/// Makes names from the tables above, never handing out the same name twice.
struct NameMaker {
    private var used: Set<String> = []

    /// Reserves a name given from outside (a real place name), so it is not made again.
    mutating func reserve(_ name: String) { used.insert(name) }

    func isUsed(_ name: String) -> Bool { used.contains(name) }

    /// Tries `make` until it gives an unused name; after many tries adds a number.
    mutating func unique(_ rng: inout SplitMix64, _ make: (inout SplitMix64) -> String) -> String {
        for _ in 0..<200 {
            let n = make(&rng)
            if used.insert(n).inserted { return n }
        }
        var k = 2
        let base = make(&rng)
        while !used.insert("\(base)\(k)").inserted { k += 1 }
        return "\(base)\(k)"
    }

    static func person(_ rng: inout SplitMix64) -> String {
        let surname = Names.surnames[rng.weightedIndex(Names.surnames.map(\.1))].0
        let first = rng.pick(Names.givenChars)
        return rng.chance(0.35) ? surname + first : surname + first + rng.pick(Names.givenChars)
    }

    static func place(_ rng: inout SplitMix64) -> String {
        rng.pick(Names.placeChars) + rng.pick(Names.placeChars)
    }

    static func villageStem(_ rng: inout SplitMix64) -> String {
        rng.pick(Names.placeChars) + (rng.chance(0.4) ? rng.pick(Names.placeEnds) : rng.pick(Names.placeChars))
    }
}
