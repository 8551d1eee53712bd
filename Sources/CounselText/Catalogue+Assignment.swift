// MARK: Assignment: diagnosis findings, explanations, reasons (also written into summary.json)

extension Catalogue {
    static let assignment: [Entry] = [
        // Diagnosis (Diagnosis.swift)
        Entry(
            "diagnosis.stableOnly",
            en: " (coverage alone; two-way selection may place some of them differently)",
            zh: "（仅按覆盖计算；双向选择时其中部分村（社区）的安排可能不同）"),
        Entry(
            "diagnosis.stability.conflicts",
            en:
                "No stable plan exists: the conflicts of interest between villages (Nanning 002 §二(五)) force {blocking} blocking {blocking|pair|pairs}; without them a stable plan exists. Another adviser for one village of each conflicting pair, or the villages' own rankings, would remove them.",
            zh:
                "不存在稳定方案：村（社区）之间的利益冲突（回避，南宁 002 §二(五)）造成{blocking}个阻塞对；没有这些利益冲突时存在稳定方案。为每对冲突村（社区）中的一个另行安排法律顾问，或调整村（社区）自己的排序，即可消除。"
        ),
        Entry(
            "diagnosis.stability.caps",
            en:
                "No stable plan exists, even without the conflicts of interest (the caps outside under-resourced counties can rule stability out); the plan's {blocking} blocking {blocking|pair is|pairs are} the fewest possible.",
            zh: "不存在稳定方案：即使没有利益冲突（回避）也不存在（欠发达县以外的服务上限可能使稳定方案无法实现）；本方案的{blocking}个阻塞对已是最少。"),
        Entry(
            "diagnosis.stability.conflictsAtLeast",
            en:
                "No stable plan exists: the conflicts of interest between villages (Nanning 002 §二(五)) force at least {blocking} blocking {blocking|pair|pairs}; without them a stable plan exists. Another adviser for one village of each conflicting pair, or the villages' own rankings, would remove them.",
            zh:
                "不存在稳定方案：村（社区）之间的利益冲突（回避，南宁 002 §二(五)）造成至少{blocking}个阻塞对；没有这些利益冲突时存在稳定方案。为每对冲突村（社区）中的一个另行安排法律顾问，或调整村（社区）自己的排序，即可消除。"
        ),
        Entry(
            "diagnosis.stability.capsAtLeast",
            en:
                "No stable plan exists, even without the conflicts of interest (the caps outside under-resourced counties can rule stability out); every plan has at least {blocking} blocking {blocking|pair|pairs}.",
            zh: "不存在稳定方案：即使没有利益冲突（回避）也不存在（欠发达县以外的服务上限可能使稳定方案无法实现）；任何方案都至少有{blocking}个阻塞对。"),
        Entry(
            "diagnosis.stability.unsettled",
            en:
                "No stable plan exists: the plan has {blocking} blocking {blocking|pair|pairs}, the fewest possible. Whether the conflicts of interest between villages (Nanning 002 §二(五)) are the cause was not settled within the diagnosis's share of the time limit; a longer --time-limit may settle it.",
            zh:
                "不存在稳定方案：本方案有{blocking}个阻塞对，已是最少。在诊断可用的时间内未能判定村（社区）之间的利益冲突（回避，南宁 002 §二(五)）是否为其原因；延长 --time-limit 后可再判定。"
        ),
        Entry(
            "diagnosis.stability.unsettledAtLeast",
            en:
                "No stable plan exists: every plan has at least {blocking} blocking {blocking|pair|pairs}. Whether the conflicts of interest between villages (Nanning 002 §二(五)) are the cause was not settled within the diagnosis's share of the time limit; a longer --time-limit may settle it.",
            zh:
                "不存在稳定方案：任何方案都至少有{blocking}个阻塞对。在诊断可用的时间内未能判定村（社区）之间的利益冲突（回避，南宁 002 §二(五)）是否为其原因；延长 --time-limit 后可再判定。"
        ),
        Entry(
            "diagnosis.cap.none",
            en:
                "A cap up to {higher} instead of {current} covers no more villages: the shortfall is not the cap (see the other findings).",
            zh: "将服务上限由{current}个提高到{higher}个也不能多覆盖村（社区）：缺口不在服务上限（见其他结论）。"),
        Entry("diagnosis.cap.which.underResourced", en: "under-resourced cap", zh: "欠发达地区服务上限"),
        Entry("diagnosis.cap.which.plain", en: "cap", zh: "服务上限"),
        Entry(
            "diagnosis.cap.all",
            en: "{which} {cap} instead of {current} covers all {total} villages of {counties}",
            zh: "{which}由{current}个提高到{cap}个，可覆盖{counties}的全部{total}个村（社区）"),
        Entry(
            "diagnosis.cap.some",
            en:
                "{which} {cap} instead of {current} covers {covered} of the {left} villages left in {counties}; {remaining} stay uncovered",
            zh: "{which}由{current}个提高到{cap}个，可覆盖{counties}剩余{left}个村（社区）中的{covered}个；仍有{remaining}个未覆盖"),
        Entry("diagnosis.counties", en: "{count} counties ({names})", zh: "{count}个县（区）（{names}）"),
        Entry(
            "diagnosis.support.senders.adviser", en: "{count} {count|adviser|advisers} from {county}",
            zh: "{county}的{count}名法律顾问"),
        Entry(
            "diagnosis.support.senders.team", en: "{count} {count|team|teams} from {county}", zh: "{county}的{count}个团队"),
        Entry("diagnosis.support.and", en: " and ", zh: "、"),
        Entry("diagnosis.support.all", en: "the {left} {left|village|villages} left", zh: "剩余的{left}个村（社区）"),
        Entry("diagnosis.support.some", en: "{covered} of the {left} villages left", zh: "剩余{left}个村（社区）中的{covered}个"),
        Entry("diagnosis.support.was", en: " instead of {km} km", zh: "（现为{km}公里）"),
        Entry(
            "diagnosis.support.radius",
            en:
                "a candidate radius (max_km) of {km} km{was} would let the county's own advisers cover {what} in {county}",
            zh: "将候选半径（max_km）放宽到{km}公里{was}，{county}本县的法律顾问即可覆盖{what}"),
        Entry(
            "diagnosis.support.from",
            en: "{senders} within {km} km would cover {what} in {county}",
            zh: "{km}公里内由{senders}对口支援，可覆盖{county}{what}"),
        Entry(
            "diagnosis.needs",
            en:
                "with `needs: prefer` (a team may cover only part of a village's needs, at {weight} per need missing) {covered} of the {left} villages left would be covered; otherwise teams with the missing specialties are needed",
            zh: "若设 `needs: prefer`（团队可只覆盖村（社区）的部分服务需求，每缺一项计{weight}），剩余{left}个村（社区）中可覆盖{covered}个；否则需要具备所缺业务专长的团队"),
        Entry(
            "diagnosis.conflict.needs", en: "conflict cluster {{{list}}} needs {needed} different advisers",
            zh: "利益冲突（回避）村（社区）组{{{list}}}需要{needed}名不同的法律顾问"),
        Entry(
            "diagnosis.conflict.onlyEligible", en: " but only {eligible} {eligible|is|are} eligible",
            zh: "，但符合条件的只有{eligible}名"),
        Entry("diagnosis.conflict.eligible", en: " ({eligible} eligible)", zh: "（符合条件{eligible}名）"),
        Entry(
            "diagnosis.conflict.gained",
            en: "; without these conflicts {gained} more {gained|village is|villages are} covered",
            zh: "；没有这些利益冲突时可多覆盖{gained}个村（社区）"),

        // Uncovered villages and explanations (Plan+Counties.swift)
        Entry(
            "uncovered.needs",
            en:
                "no team within reach whose members' specialties cover its needs ({needs}); `needs: prefer` would allow a partial cover",
            zh: "服务范围内没有成员业务专长覆盖其需求（{needs}）的团队；设 `needs: prefer` 可允许部分覆盖"),
        Entry(
            "uncovered.noneWithinKm",
            en: "no eligible adviser within {km} km (after eligibility rules and conflicts of interest)",
            zh: "{km}公里内没有符合条件的法律顾问（已按任职条件和利益冲突回避排除）"),
        Entry(
            "uncovered.noneInCounty",
            en: "no eligible adviser in the county (after eligibility rules and conflicts of interest)",
            zh: "本县（区）没有符合条件的法律顾问（已按任职条件和利益冲突回避排除）"),
        Entry(
            "uncovered.allFull.adviser",
            en:
                "all {count} eligible {count|adviser|advisers} within reach are at their caps or would break a conflict of interest",
            zh: "服务范围内符合条件的{count}名法律顾问均已达服务上限，或安排后会违反利益冲突回避"),
        Entry(
            "uncovered.allFull.team",
            en:
                "all {count} eligible {count|team|teams} within reach are at their caps or would break a conflict of interest",
            zh: "服务范围内符合条件的{count}个团队均已达服务上限，或安排后会违反利益冲突回避"),
        Entry(
            "explanation.head", en: "{name} ({id}): {uncovered} of {villages} villages uncovered; ",
            zh: "{name}（{id}）：{villages}个村（社区）中{uncovered}个未覆盖；"),
        Entry(
            "explanation.offer.adviser",
            en: "{count} eligible local {count|adviser offers|advisers offer} {places} {places|place|places}",
            zh: "本地符合条件的{count}名法律顾问共可服务{places}个村（社区）"),
        Entry(
            "explanation.offer.team",
            en: "{count} eligible local {count|team offers|teams offer} {places} {places|place|places}",
            zh: "本地符合条件的{count}个团队共可服务{places}个村（社区）"),
        Entry(
            "explanation.deficit",
            en:
                ", a deficit of {deficit}; {support} covered by support from other counties. About {needed} more {needed|adviser|advisers} at the cap of {cap} (or support from a neighbouring county within reach) would close it.",
            zh: "，缺口{deficit}个；其中{support}个由其他县（区）对口支援覆盖。按每名法律顾问服务上限{cap}个计，约需再增加{needed}名法律顾问（或由服务范围内的邻县（区）对口支援）即可补足。"),
        Entry(
            "explanation.enough",
            en:
                ", enough in number, but not where the uncovered villages are (radius, conflicts of interest or caps elsewhere).",
            zh: "，数量足够，但不在未覆盖村（社区）附近（受服务半径、利益冲突回避或其他村（社区）占用服务上限所限）。"),

        // Changes from the previous plan (Plan+Changes.swift)
        Entry("change.noLongerServes", en: "{adviser} no longer serves: {reason}", zh: "{adviser}不再担任法律顾问：{reason}"),
        Entry(
            "change.left", en: "{adviser} has left ({unit} is not in the scenario)", zh: "{adviser}已离开（{unit}不在本方案数据中）"),
        Entry(
            "change.mayNotBeAppointed", en: "{adviser} may not be appointed: {reason}", zh: "{adviser}不能被聘任：{reason}"),
        Entry(
            "change.conflict", en: "conflict of interest between {adviser} and {village} (Nanning 002 §二(五))",
            zh: "{adviser}与{village}存在利益冲突，应当回避（南宁 002 §二(五)）"),
        Entry(
            "change.unreachable.ranked",
            en:
                "{adviser} can no longer serve {village}: not ranked by one side (acceptable: ranked), beyond max_km, or needs not covered",
            zh: "{adviser}不能再服务{village}：双向选择中有一方未排序（acceptable: ranked）、超出 max_km，或未覆盖服务需求"),
        Entry(
            "change.unreachable",
            en: "{adviser} can no longer serve {village}: beyond max_km, another county, or needs not covered",
            zh: "{adviser}不能再服务{village}：超出 max_km、属于其他县（区），或未覆盖服务需求"),
        Entry("change.newVillage", en: "new village", zh: "新增村（社区）"),
        Entry("change.hadNoAdviser", en: "had no adviser", zh: "原无法律顾问"),
        Entry("change.noneFree", en: "; no adviser is free for it (see the summary)", zh: "；没有可安排的法律顾问（见汇总）"),
        Entry(
            "change.overCap", en: "{adviser} had {had} villages, more than the cap of {cap} now",
            zh: "{adviser}原服务{had}个村（社区），超过现行服务上限{cap}个"),
        Entry(
            "change.atCap", en: "{adviser} is at the cap of {cap}; moved so that more villages are covered",
            zh: "{adviser}已达服务上限{cap}个；调整以覆盖更多村（社区）"),
        Entry(
            "change.moreCovered", en: "moved so that more villages are covered (coverage comes before keeping pairs)",
            zh: "调整以覆盖更多村（社区）（覆盖优先于保持原聘任关系）"),
        Entry("change.leftUncovered", en: "; left uncovered", zh: "；暂未覆盖"),
        Entry("change.villageGone", en: "village no longer in the scenario", zh: "该村（社区）已不在本方案数据中"),

        // Blocking pairs (Plan+Output.swift)
        Entry("blocking.rank", en: "rank {rank}", zh: "第{rank}位"),
        Entry("blocking.unranked", en: "unranked", zh: "未排序"),
        Entry(
            "blocking.village.prefers",
            en: "{village} ranks {adviser} {rank}, above its adviser {current} ({currentRank})",
            zh: "{village}把{adviser}排在第{rank}位，高于其现任法律顾问{current}（{currentRank}）"),
        Entry(
            "blocking.village.none", en: "{village} has no adviser and may have {adviser} ({rank})",
            zh: "{village}没有法律顾问，可以聘任{adviser}（{rank}）"),
        Entry(
            "blocking.adviser.free", en: "{adviser} has a free place ({used} of {cap})",
            zh: "{adviser}尚有服务名额（已服务{used}个，上限{cap}个）"),
        Entry(
            "blocking.adviser.prefers",
            en: "{adviser} ranks {village} {rank}, above its village {worse} ({worseRank})",
            zh: "{adviser}把{village}排在{rank}，高于其所服务的{worse}（{worseRank}）"),

        // Eligibility (Candidates.swift)
        Entry("eligibility.status", en: "status {status} ({source})", zh: "状态为 {status}（{source}）"),
        Entry(
            "eligibility.role", en: "role {role} may not serve under {rules} rules ({source})",
            zh: "按 {rules} 规则，身份 {role} 不能担任法律顾问（{source}）"),
        Entry(
            "eligibility.apprentice", en: "an apprentice may not serve a village alone ({source})",
            zh: "申请律师执业实习人员不得独自担任村（社区）法律顾问（{source}）"),
        Entry("eligibility.maxVillagesZero", en: "max_villages is 0", zh: "max_villages 为 0"),
        Entry(
            "eligibility.hours", en: "hours_per_month {hours} is less than one village's {needed} h",
            zh: "hours_per_month 为{hours}小时，少于一个村（社区）所需的{needed}小时"),
        Entry("eligibility.lead", en: "lead {lead}: {reason}", zh: "团队负责人{lead}：{reason}"),
        Entry(
            "eligibility.leadApprentice", en: "lead {lead} is an apprentice; a team needs a licensed lead ({source})",
            zh: "团队负责人{lead}是实习人员；团队须由执业律师负责（{source}）"),
        Entry("eligibility.member", en: "member of team {team}: {reason}", zh: "团队{team}成员：{reason}"),
        Entry(
            "eligibility.noTeam", en: "not in any team of teams.csv (service_model: team assigns villages to teams)",
            zh: "不在 teams.csv 的任何团队中（service_model: team 按团队化服务把村（社区）分配给团队）"),
        Entry(
            "eligibility.noFirm",
            en: "no firm: service_model: township assigns whole townships to firms (Guangdong 001 §(七))",
            zh: "无所属律师事务所：service_model: township 按“一所一镇”把整个乡镇（街道）分配给律师事务所（广东 001 §(七)）"),

        // Progress (AssignmentSolver, CoupledSolver, StableSolver, TownshipPartition)
        Entry(
            "progress.round",
            en:
                "round {round}: {groups} group(s) solved (largest {largest} villages, {solves} solves), objective {objective}, relaxation bound {bound}, {seconds} s",
            zh: "第{round}轮：已求解{groups}组（最大一组{largest}个村（社区），求解{solves}次），目标值{objective}，松弛下界{bound}，{seconds}秒"),
        Entry(
            "progress.wholeAfterChanges",
            en:
                "the parts need {changes} changes, more than --max-changes {max}: solving the whole scenario as one model",
            zh: "分块求解需调整{changes}处，超过 --max-changes {max}：改为整体求解"),
        Entry(
            "progress.townshipFractional",
            en: "township model: the relaxed assignment came out fractional; solving with integer x",
            zh: "一所一镇模型：松弛解出现小数；改用整数变量求解"),
        Entry(
            "progress.stability.across",
            en: "stability: {count} pair(s) across parts block (uncovered villages); solving those parts together",
            zh: "稳定性：跨分块有{count}个阻塞对（未覆盖村（社区））；合并这些分块一起求解"),
        Entry(
            "progress.stability.whole",
            en: "the parts need more than --max-changes {max} changes: solving the whole scenario as one model",
            zh: "分块求解需调整的数量超过 --max-changes {max}：改为整体求解"),
        Entry(
            "progress.stability.deferred",
            en:
                "stability: deferred acceptance found a stable plan for {villages} villages, {uncovered} uncovered, cost {cost} ({kept} of {pairs} pairs kept by the reductions)",
            zh: "稳定性：延迟接受算法为{villages}个村（社区）找到稳定方案，{uncovered}个未覆盖，成本{cost}（约简后保留{pairs}个配对中的{kept}个）"),
        Entry(
            "progress.stability.relaxation",
            en:
                "stability: no stable plan exists: the relaxations of counties {counties} prove at least {bound} blocking {bound|pair|pairs}; minimising blocking pairs",
            zh: "稳定性：不存在稳定方案：县（区）{counties}的松弛模型证明至少有{bound}个阻塞对；改为使阻塞对最少"),
        Entry(
            "progress.stability.window",
            en: "stability: re-solving county {county} with the rest kept: blocking pairs {from} → {to}",
            zh: "稳定性：固定其余部分、重新求解县（区）{county}：阻塞对 {from} → {to}"),
        Entry(
            "progress.stability.pairWindow",
            en:
                "stability: re-solving the villages around village {village}'s blocking pair with the rest kept: blocking pairs {from} → {to}",
            zh: "稳定性：固定其余部分、重新求解村（社区）{village}的阻塞对周边各村：阻塞对 {from} → {to}"),
        Entry(
            "progress.stability.windowCost",
            en:
                "stability: re-solving township {window} with the rest kept: cost {from} → {to}, no blocking pair added",
            zh: "稳定性：固定其余部分、重新求解乡镇（街道）{window}：成本 {from} → {to}，未增加阻塞对"),
        Entry(
            "progress.stability.none",
            en: "stability: no stable plan exists for {villages} villages; minimising blocking pairs",
            zh: "稳定性：{villages}个村（社区）不存在稳定方案；改为使阻塞对最少"),
        Entry(
            "progress.stability.missing",
            en: "stability: {count} uncovered village(s) would block; adding their rows",
            zh: "稳定性：{count}个未覆盖村（社区）会形成阻塞；加入相应约束"),
        Entry(
            "progress.township",
            en: "township model: {parts} part(s), {solves} GLPK solves, objective {objective}, {seconds} s",
            zh: "一所一镇模型：{parts}个分块，GLPK 求解{solves}次，目标值{objective}，{seconds}秒"),
    ]
}
