// MARK: Planning: every command's refusals and failures, and its progress

extension Catalogue {
    static let planning: [Entry] = [
        // Consequences (the end of a problem count)
        Entry("consequence.planned", en: "nothing was planned", zh: "未做任何安排"),
        Entry("consequence.scheduled", en: "nothing was scheduled", zh: "未排任何班"),
        Entry("consequence.checked", en: "nothing was checked", zh: "未做任何检查"),
        Entry("consequence.assessed", en: "nothing was assessed", zh: "未做任何考核"),
        Entry("consequence.published", en: "nothing was published", zh: "未公示任何内容"),
        Entry("consequence.report", en: "no report was written", zh: "未写出报告"),
        Entry("consequence.compared", en: "nothing was compared", zh: "未做任何比较"),
        Entry("consequence.callbacks", en: "no call-back list was drawn", zh: "未抽取回访名单"),
        Entry("consequence.validate", en: "fix them and validate again", zh: "请改正后再次校验"),

        // Option checks
        Entry(
            "usage.ledgerBooks", en: "give the ledger books: --ledger FILES… (or a folder such as OUT/ledgers)",
            zh: "请给出台账：--ledger FILES…（或文件夹，如 OUT/ledgers）"),
        Entry(
            "usage.period", en: "--period must be a half-year (2026-H1, 2026-H2) or a year (2026), got '{period}'",
            zh: "--period 应为半年（2026-H1、2026-H2）或全年（2026），实际为 '{period}'"),
        Entry("usage.timeLimit", en: "--time-limit must be a positive number of seconds", zh: "--time-limit 应为正的秒数"),
        Entry(
            "usage.threads", en: "--threads must be between 1 and 256, got {count}",
            zh: "--threads 须在 1 到 256 之间，给出的是 {count}"),
        Entry("usage.gap", en: "--gap must be at least 0 and below 1", zh: "--gap 应不小于0且小于1"),
        Entry("usage.sample", en: "--sample must be at least 1", zh: "--sample 至少为1"),
        Entry(
            "usage.month", en: "{option} must be a month YYYY-MM, got '{raw}'", zh: "{option} 应为月份 YYYY-MM，实际为 '{raw}'"),
        Entry("usage.toBeforeFrom", en: "--to ({to}) is before --from ({from})", zh: "--to（{to}）早于 --from（{from}）"),
        Entry("usage.fromAfterTo", en: "--from ({from}) is after --to ({to})", zh: "--from（{from}）晚于 --to（{to}）"),
        Entry(
            "usage.monthOrRange", en: "--month audits one month; give either --month or --from/--to",
            zh: "--month 只检查一个月；请只给 --month 或 --from/--to 之一"),
        Entry(
            "usage.rosterOrLedger", en: "give the roster or ledger to audit: --roster FILE or --ledger FILES…",
            zh: "请给出要检查的排班表或台账：--roster FILE 或 --ledger FILES…"),
        Entry(
            "usage.xlsxOut", en: "--xlsx writes the workbook beside --out FILE; give --out too",
            zh: "--xlsx 把工作簿写在 --out FILE 旁边；请同时给出 --out"),
        Entry(
            "usage.monthsOrder", en: "the months audited run from {first} to {last}; give --from and --to in order",
            zh: "检查的月份从{first}到{last}；请按先后给出 --from 和 --to"),
        Entry("usage.village", en: "--village {ids}: not a village of the scenario", zh: "--village {ids}：不是本方案的村（社区）"),
        Entry("usage.year", en: "--year must be a year, 2000 to 9999", zh: "--year 应为年份，2000至9999"),
        Entry("usage.rules", en: "--rules {rules}: unknown rule profile", zh: "--rules {rules}：未知的规则配置"),
        Entry("usage.maxChanges", en: "--max-changes must be 0 or more", zh: "--max-changes 应不小于0"),

        // Inputs
        Entry("input.ledgerFiles", en: "{count} ledger files", zh: "{count}个台账文件"),
        Entry("input.theLedgerFiles", en: "the {count} ledger files", zh: "这{count}个台账文件"),
        Entry("input.noCSVLedgers", en: "{path}: the folder holds no .csv ledger files", zh: "{path}：文件夹中没有 .csv 台账文件"),
        Entry(
            "input.stableTownship",
            en:
                "{path}/scenario.yaml: stable two-way selection cannot be combined with service_model: township — there whole townships go to firms (Guangdong 001 §(七)), while two-way selection (双向选择) pairs a village with its own adviser; use the individual or team model for a stable plan\nnothing was planned",
            zh:
                "{path}/scenario.yaml：稳定的双向选择不能与 service_model: township 同时使用——“一所一镇”把整个乡镇（街道）交给律师事务所（广东 001 §(七)），而双向选择是村（社区）与自己的法律顾问配对；要得到稳定方案请用 individual 或 team 模式\n未做任何安排"
        ),
        Entry(
            "input.rosterNotLedger",
            en: "{file}: a roster (a plan: no record columns), not a ledger; call-backs verify what a ledger records",
            zh: "{file}：这是排班表（计划，没有记录列），不是台账；回访核查的是台账记录的内容"),
        Entry("input.andMore", en: "… and {count} more", zh: "……另有{count}个"),
        Entry(
            "input.nothingToCall",
            en:
                "nothing to call: no entry of {first} to {last} is a complete record naming a person served (fill in the ledger books first; `check` lists what is missing)\nno call-back list was drawn",
            zh: "没有可回访的对象：{first}至{last}没有写明服务对象的完整记录（请先填写台账；`check` 会列出缺少的内容）\n未抽取回访名单"),
        Entry(
            "input.profileUnreadable", en: "{path}: the rule profile cannot be read: {error}",
            zh: "{path}：无法读取规则配置：{error}"),
        Entry(
            "input.notAFolder", en: "{path}: exists and is not a folder; nothing was written",
            zh: "{path}：已存在且不是文件夹；未写入任何内容"),
        Entry(
            "input.folderNotEmpty",
            en:
                "{path}: the folder is not empty ({present}); init writes only into a new or empty folder, so nothing was written",
            zh: "{path}：文件夹不是空的（{present}）；init 只写入新的或空的文件夹，因此未写入任何内容"),
        Entry(
            "input.planNotFound", en: "{path}: not found; run `village-counsel assign {directory} --out {out}` first",
            zh: "{path}：未找到；请先运行 `village-counsel assign {directory} --out {out}`"),
        Entry("input.noRosterFile", en: "{path}: no such roster file", zh: "{path}：没有这个排班表文件"),
        Entry(
            "input.noRoster",
            en:
                "no roster: neither {candidates} exists; run `village-counsel schedule {directory} --assignment {out}/assignment.csv --out {out}` first, or give --roster FILE",
            zh:
                "没有排班表：{candidates} 都不存在；请先运行 `village-counsel schedule {directory} --assignment {out}/assignment.csv --out {out}`，或给出 --roster FILE"
        ),
        Entry("input.nor", en: " nor ", zh: "和"),
        Entry(
            "input.forced",
            en: "{count} pairs of the previous plan must change whatever the plan, more than --max-changes {max}:",
            zh: "上一方案中有{count}对聘任关系无论如何都必须调整，超过 --max-changes {max}："),
        Entry(
            "input.forcedTail", en: "nothing was planned; allow at least --max-changes {count}",
            zh: "未做任何安排；请至少允许 --max-changes {count}"),
        Entry("input.andMoreIndented", en: "  … and {count} more", zh: "  ……另有{count}个"),
        Entry(
            "input.noPlanWithin",
            en:
                "no plan keeps within --max-changes {max}: the caps or conflicts of interest force more of the previous pairs to change; nothing was planned. Run without --max-changes to see how many changes the best plan needs.",
            zh: "没有方案能控制在 --max-changes {max} 以内：服务上限或利益冲突回避迫使上一方案更多的聘任关系调整；未做任何安排。不加 --max-changes 运行可看到最佳方案需要调整多少处。"),
        Entry(
            "input.previousUnreadable", en: "{path}: cannot read the previous plan: {error}",
            zh: "{path}：无法读取上一方案：{error}"),
        Entry(
            "input.previousColumns",
            en: "{path}:1: a previous plan needs the columns village_id and adviser_id (as assign writes them)",
            zh: "{path}:1：上一方案需要列 village_id 和 adviser_id（assign 写出的格式）"),
        Entry("input.villageEmpty", en: "{at}: village_id: required, but empty", zh: "{at}：village_id：必填，但为空"),
        Entry(
            "input.villageTwice",
            en:
                "{at}: village_id '{id}' appears a second time (first at line {first}); a plan gives each village one row",
            zh: "{at}：village_id '{id}' 再次出现（首次在第{first}行）；方案中每个村（社区）只有一行"),
        Entry(
            "input.statusesUnreadable", en: "{path}: cannot read the statuses: {error}", zh: "{path}：无法读取状态文件：{error}"),
        Entry(
            "input.statusesColumns",
            en: "{path}:1: a statuses file needs the columns adviser_id and status (as assess writes them)",
            zh: "{path}:1：状态文件需要列 adviser_id 和 status（assess 写出的格式）"),
        Entry("input.adviserEmpty", en: "{at}: adviser_id: required, but empty", zh: "{at}：adviser_id：必填，但为空"),
        Entry(
            "input.adviserTwice", en: "{at}: adviser_id '{id}' appears a second time (first at line {first})",
            zh: "{at}：adviser_id '{id}' 再次出现（首次在第{first}行）"),
        Entry(
            "input.status", en: "{at}: status: expected one of {values}, got '{raw}'",
            zh: "{at}：status：应为以下之一：{values}，实际为 '{raw}'"),
        Entry(
            "input.noScenarioFolder", en: "{out}/summary.json names no scenario folder; give it with --scenario DIR",
            zh: "{out}/summary.json 没有记录方案文件夹；请用 --scenario DIR 给出"),
        Entry("input.scenarioMissing", en: "{path}: the scenario folder does not exist", zh: "{path}：方案文件夹不存在"),
        Entry(
            "input.scenarioRecorded", en: " (recorded in {out}/summary.json; give another with --scenario DIR)",
            zh: "（记录在 {out}/summary.json 中；可用 --scenario DIR 另行指定）"),
        Entry(
            "input.noSchedulingPart", en: "{path}: the rule profile '{id}' has no scheduling part",
            zh: "{path}：规则配置 '{id}' 没有排班（scheduling）部分"),
        Entry(
            "input.calendarYears",
            en:
                "{path}: the working calendar {calendar} covers {years} only; months in {missing} need that year's official holiday arrangement (give one with `calendar: FILE` in scenario.yaml, columns date,kind,name)",
            zh:
                "{path}：工作日历 {calendar} 只含{years}年；{missing}年的月份需要当年的国家节假日安排（在 scenario.yaml 中用 `calendar: FILE` 指定，列 date,kind,name）"
        ),
        Entry(
            "input.assignmentColumns",
            en: "{path}:1: an assignment plan needs the columns village_id and adviser_id (as assign writes them)",
            zh: "{path}:1：选派方案需要列 village_id 和 adviser_id（assign 写出的格式）"),
        Entry(
            "input.villageNotInScenario", en: "{at}: village_id '{id}' is not in the scenario",
            zh: "{at}：village_id '{id}' 不在本方案中"),
        Entry(
            "input.adviserNotInScenario", en: "{at}: adviser_id '{id}' is not in the scenario",
            zh: "{at}：adviser_id '{id}' 不在本方案中"),

        // Plans and statuses read back (AssignmentTable, rebalance --statuses; each a Diagnostic)
        Entry(
            "plan.villageTwice",
            en: "village_id '{id}' appears a second time (first at line {first}); a plan gives each village one row",
            zh: "village_id '{id}' 再次出现（首次在第{first}行）；方案中每个村（社区）只有一行"),
        Entry(
            "plan.adviserTwice", en: "adviser_id '{id}' appears a second time (first at line {first})",
            zh: "adviser_id '{id}' 再次出现（首次在第{first}行）"),
        Entry(
            "plan.villageNotInScenario", en: "village_id '{id}' is not in the scenario", zh: "village_id '{id}' 不在本方案中"),
        Entry(
            "plan.adviserNotInScenario", en: "adviser_id '{id}' is not in the scenario", zh: "adviser_id '{id}' 不在本方案中"),

        // Failures
        Entry("failure.makeWorkbook", en: "cannot make {file}: {error}", zh: "无法生成 {file}：{error}"),
        Entry("failure.makeTheWorkbook", en: "cannot make the workbook: {error}", zh: "无法生成工作簿：{error}"),
        Entry(
            "failure.writeAssessment", en: "cannot write the assessment to {out}: {error}",
            zh: "无法把考核结果写入 {out}：{error}"),
        Entry("failure.solver", en: "the solver failed: {error}", zh: "求解器出错：{error}"),
        Entry("failure.scheduler", en: "the scheduler failed: {error}", zh: "排班求解出错：{error}"),
        Entry("failure.encodeSummary", en: "cannot encode the summary: {error}", zh: "无法生成汇总：{error}"),
        Entry("failure.writeResults", en: "cannot write the results to {out}: {error}", zh: "无法把结果写入 {out}：{error}"),
        Entry("failure.write", en: "cannot write {path}: {error}", zh: "无法写入 {path}：{error}"),
        Entry(
            "failure.writeCompliance", en: "cannot write the compliance rows to {out}: {error}",
            zh: "无法把达标情况写入 {out}：{error}"),
        Entry(
            "failure.writeTemplate", en: "cannot write the template to {path}: {error}", zh: "无法把模板写入 {path}：{error}"),
        Entry(
            "failure.writePublication", en: "cannot write the notice boards, ledgers and cards to {out}: {error}",
            zh: "无法把公示牌、台账和便民联系卡写入 {out}：{error}"),

        // Progress
        Entry("progress.phase.assigning", en: "assigning", zh: "选派"),
        Entry("progress.phase.diagnosing", en: "diagnosing", zh: "诊断"),
        Entry("progress.phase.scheduling", en: "scheduling", zh: "排班"),
        Entry(
            "progress.candidates", en: "{count} candidate pairs, solving the county groups",
            zh: "{count}个候选配对，正在按县（区）分组求解"),
        Entry("progress.whatIfs", en: "re-solving what-if variants of the shortfall", zh: "正在对缺口做假设情形的重新求解"),
        Entry("progress.scheduled", en: "{done} of {total} advisers or teams planned", zh: "已排定{done}/{total}名法律顾问或团队"),
    ]
}
