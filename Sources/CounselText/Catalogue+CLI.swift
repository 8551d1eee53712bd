// MARK: The command line: printed summaries, tables, progress, warnings, errors and --help

extension Catalogue {
    static let cli: [Entry] = [
        // Every command's other printed lines
        Entry("progress.line", en: "{phase} — {text} ({seconds} s)", zh: "{phase} — {text}（{seconds}秒）"),
        Entry("parser.error", en: "Error: ", zh: "错误："),
        Entry("parser.usage", en: "Usage: ", zh: "用法："),
        Entry("parser.help", en: "Help: ", zh: "说明："),
        Entry("parser.see", en: "See '{command}' for more information.", zh: "详见 '{command}'。"),
        Entry("help.head.overview", en: "OVERVIEW: ", zh: "概述："),
        Entry("help.head.usage", en: "USAGE: ", zh: "用法："),
        Entry("help.head.arguments", en: "ARGUMENTS:", zh: "参数："),
        Entry("help.head.options", en: "OPTIONS:", zh: "选项："),
        Entry("help.head.subcommands", en: "SUBCOMMANDS:", zh: "子命令："),
        Entry(
            "help.seeSubcommand", en: "See '{command} <subcommand>' for detailed help.",
            zh: "各子命令的详细说明见 '{command} <子命令>'。"),
        Entry("help.showHelp", en: "Show help information.", zh: "显示帮助信息。"),
        Entry("help.defaultOpen", en: "(default: ", zh: "(默认："),
        Entry("help.valuesOpen", en: "(values: ", zh: "(可选值："),
        Entry("help.defaultAsFlag", en: "; default as flag: ", zh: "；作为开关时默认："),
        Entry("help.defaultThen", en: "; default: ", zh: "；默认："),
        Entry("severity.error", en: "error: ", zh: "错误："),
        Entry(
            "validate.ok",
            en:
                "{directory}: OK — {villages} villages, {advisers} advisers, {counties} {counties|county|counties}, rules {rules}",
            zh: "{directory}：无问题——{villages}个村（社区），{advisers}名法律顾问，{counties}个县（区），规则 {rules}"),
        Entry(
            "compare.twoFolders", en: "compare needs at least two result folders (OUT_A OUT_B …), got {count}",
            zh: "compare 至少需要两个结果文件夹（OUT_A OUT_B …），实际为{count}个"),
        Entry("init.wrote", en: "wrote {directory}: {files}", zh: "已写入 {directory}：{files}"),
        Entry(
            "init.next",
            en: "fill in the tables (the example rows are to be replaced), then: village-counsel validate {directory}",
            zh: "请填写各表（示例行需替换），然后运行：village-counsel validate {directory}"),
        Entry("assign.overrides", en: "overrides: ", zh: "覆盖设置："),
        Entry("rebalance.statuses", en: "statuses from {file}: {count} changed", zh: "{file} 中的状态：{count}项有变化"),
        Entry(
            "rebalance.gone", en: "; {count} not in advisers.csv (left), ignored: ",
            zh: "；{count}名不在 advisers.csv 中（已离开），忽略："),
        Entry(
            "rebalance.changes",
            en: "Changes to the previous plan: {changed} of {pairs} pairs changed ({forced} forced)",
            zh: "与上一方案相比：{pairs}对聘任关系中调整{changed}对（其中必须调整{forced}对）"),
        Entry("rebalance.allowed", en: ", at most {max} allowed", zh: "，最多允许{max}对"),
        Entry("rebalance.newVillages", en: "; {count} new village(s) given an adviser", zh: "；{count}个新增村（社区）配备了法律顾问"),
        Entry("rebalance.change", en: "  {village}: {old} → {new}: {reason}", zh: "  {village}：{old} → {new}：{reason}"),
        Entry(
            "rebalance.more", en: "  … and {count} more in {out}/changes.csv", zh: "  ……另有{count}项，见 {out}/changes.csv"),
        Entry("rebalance.wrote", en: "wrote {out}/changes.csv", zh: "已写入 {out}/changes.csv"),
        Entry("rebalance.andPlan", en: " and {out}/plan.xlsx", zh: " 和 {out}/plan.xlsx"),
        Entry(
            "publish.mismatched",
            en:
                "{count} village(s) have roster sessions by another adviser than {plan} assigns ({list}); is {roster} the roster of this plan?",
            zh: "{count}个村（社区）的排班服务不是由 {plan} 选派的法律顾问承担（{list}）；{roster} 是这个方案的排班表吗？"),
        Entry(
            "publish.head",
            en:
                "{scenario}: {villages} notice board(s) and ledger(s) from {roster}, {advisers} adviser(s)' contact cards ({perSheet} to an A4 sheet)",
            zh: "{scenario}：根据 {roster} 生成{villages}个公示牌和台账，{advisers}名法律顾问的便民联系卡（每张 A4 纸{perSheet}张）"),
        Entry(
            "publish.pending",
            en: "{count} village(s) without an adviser get a board saying the adviser is being arranged (待安排): ",
            zh: "{count}个尚无法律顾问的村（社区）的公示牌写明法律顾问“待安排”："),
        Entry(
            "publish.missing",
            en:
                "the profile's boards or cards show items the scenario has no data for, so they are left out: {items}; `village-counsel validate {directory}` lists where",
            zh: "规则配置要求公示牌或便民联系卡载明的部分项目方案中没有数据，已略去：{items}；`village-counsel validate {directory}` 会列出缺在哪里"),
        Entry(
            "publish.wrote", en: "wrote {out}/notices/VILLAGE_ID.html, {out}/ledgers/VILLAGE_ID.csv",
            zh: "已写入 {out}/notices/VILLAGE_ID.html、{out}/ledgers/VILLAGE_ID.csv"),
        Entry(
            "publish.ownBooks", en: ", {out}/ledgers/ADVISER_ID.csv (the adviser's own training and reports)",
            zh: "、{out}/ledgers/ADVISER_ID.csv（法律顾问本人的培训和工作报告）"),
        Entry("publish.cards", en: " and {out}/cards/ADVISER_ID.html", zh: " 和 {out}/cards/ADVISER_ID.html"),
        Entry(
            "callbacks.head",
            en:
                "{count} {count|entry|entries} to call back, drawn with seed {seed} from {records} records of {first} to {last}: every one of {advisers} adviser(s) and {townships} township(s) represented",
            zh: "以种子{seed}从{first}至{last}的{records}条记录中抽取{count}条待回访记录：{advisers}名法律顾问和{townships}个乡镇（街道）均有记录被抽到"),
        Entry("callbacks.signals", en: "drawn with a sign of trouble: ", zh: "因可疑迹象抽到的："),
        Entry(
            "callbacks.wrote",
            en: "wrote {path} — INTERNAL, personal data: never on a notice board or in the public report",
            zh: "已写入 {path}——内部资料，含个人信息：不得上公示牌或公开报告"),
        Entry(
            "assess.head", en: "{scenario}: {period} assessment under the rules of {rules} ({id})",
            zh: "{scenario}：按{rules}（{id}）的规则进行{period}考核"),
        Entry(
            "assess.counts", en: "{advisers} adviser(s), {villages} village(s)", zh: "{advisers}名法律顾问，{villages}个村（社区）"),
        Entry(
            "assess.unserved", en: "; {count} village(s) without an adviser, not assessed",
            zh: "；{count}个村（社区）没有法律顾问，未考核"),
        Entry("assess.gradeCount", en: "{count} {grade}", zh: "{grade}{count}名"),
        Entry("grade.pass", en: "pass", zh: "合格"),
        Entry("grade.rectify", en: "rectify", zh: "整改"),
        Entry("grade.fail", en: "fail", zh: "不合格"),
        Entry("assess.grades", en: "; grades: ", zh: "；考核等次："),
        Entry(
            "assess.subsidy", en: "subsidy ({currency}): base {base}, deductions {deducted}",
            zh: "补贴（{currency}）：基数{base}，扣减补贴{deducted}"),
        Entry("assess.referenceOnly", en: " (for reference only: {source})", zh: "（仅作参考：{source}）"),
        Entry("assess.payableTotal", en: ", payable {payable}", zh: "，应付{payable}"),
        Entry("assess.column.adviser", en: "adviser", zh: "法律顾问"),
        Entry("assess.column.villages", en: "villages", zh: "村（社区）"),
        Entry("assess.column.met", en: "checks met", zh: "达标检查"),
        Entry("assess.column.callbacks", en: "call-backs", zh: "回访"),
        Entry("assess.column.grade", en: "grade", zh: "等次"),
        Entry("assess.column.deduction", en: "deduction", zh: "扣减"),
        Entry("assess.column.payable", en: "payable", zh: "应付"),
        Entry("assess.notPassing", en: "advisers not passing:", zh: "考核未合格的法律顾问："),
        Entry("assess.fails", en: "  {id} fails: {reason}; {consequence}", zh: "  {id}不合格：{reason}；{consequence}"),
        Entry(
            "assess.dutiesMet",
            en: "duties of advisers and firms: {met} of {count} met (counted in the advisers' grades)",
            zh: "法律顾问和律师事务所的职责：{count}项中完成{met}项（计入法律顾问的考核等次）"),
        Entry("assess.firmsShort", en: "; firms short: ", zh: "；未完成职责的律师事务所："),
        Entry(
            "assess.wrote",
            en:
                "wrote {out}/assessment.csv, checks.csv, subsidy.csv, statuses.csv{duties} and {counties} county page(s) in {out}/counties/",
            zh:
                "已写入 {out}/assessment.csv、checks.csv、subsidy.csv、statuses.csv{duties}，以及 {out}/counties/ 中的{counties}个县（区）页面"
        ),
        Entry(
            "schedule.head", en: "{scenario} — roster {first} … {last}, rules: {rules} ({id})",
            zh: "{scenario} — 排班 {first} … {last}，规则：{rules}（{id}）"),
        Entry(
            "schedule.totals",
            en:
                "{sessions} sessions ({hours} h on site) for {units} adviser(s)/team(s); {met} of {checks} rule checks met; {seconds} s",
            zh: "为{units}名法律顾问或团队排定{sessions}次服务（驻村现场{hours}小时）；{checks}项规则检查中达标{met}项；用时{seconds}秒"),
        Entry("schedule.timeLimit", en: " (some models stopped at the time limit)", zh: "（部分模型达到时限后停止）"),
        Entry("schedule.column.rule", en: "rule", zh: "规则"),
        Entry("schedule.column.period", en: "period", zh: "周期"),
        Entry("schedule.column.villages", en: "villages", zh: "村（社区）"),
        Entry("schedule.column.met", en: "met", zh: "达标"),
        Entry("schedule.column.short", en: "short", zh: "未达标"),
        Entry("schedule.column.duty", en: "duty", zh: "职责"),
        Entry("schedule.column.of", en: "of", zh: "承担者"),
        Entry("schedule.column.periods", en: "period(s)", zh: "期数"),
        Entry("schedule.column.planned", en: "planned", zh: "已排定"),
        Entry("schedule.periods", en: "{count} period(s)", zh: "{count}期"),
        Entry("schedule.of.adviser", en: "{count} adviser(s)", zh: "{count}名法律顾问"),
        Entry("schedule.of.firm", en: "{count} firm(s)", zh: "{count}家律师事务所"),
        Entry("schedule.duties", en: "Duties of advisers and firms (duties.csv):", zh: "法律顾问和律师事务所的职责（duties.csv）："),
        Entry("schedule.onDemand", en: "on demand, not planned (the ledger counts them): ", zh: "按需进行、不排班（由台账统计）："),
        Entry("schedule.shortfall", en: "- {who} {period} {rule}: {reason}", zh: "- {who} {period} {rule}：{reason}"),
        Entry("schedule.moreDuties", en: "… and {count} more duties not planned", zh: "……另有{count}项职责未排定"),
        Entry("schedule.shortfalls", en: "Shortfalls ({count}):", zh: "缺口（{count}项）："),
        Entry(
            "schedule.moreShortfalls", en: "… and {count} more in {out}/shortfalls.csv",
            zh: "……另有{count}项，见 {out}/shortfalls.csv"),
        Entry(
            "schedule.wrote", en: "wrote {out}/roster.csv, compliance.csv, shortfalls.csv{files} and ics/",
            zh: "已写入 {out}/roster.csv、compliance.csv、shortfalls.csv{files} 和 ics/"),

        // check's report (Check.swift)
        Entry(
            "check.notCompliantSummary", en: "{name}: not compliant, {count} {count|finding|findings} (listed above)",
            zh: "{name}：不达标，{count}项问题（见上）"),
        Entry(
            "check.head", en: "{file} checked against the rules of {rules} ({id}), {from} to {to}",
            zh: "按{rules}（{id}）的规则检查 {file}，{from}至{to}"),
        Entry("check.sessions", en: "{count} {count|session|sessions} in these months", zh: "这些月份共{count}次服务"),
        Entry("check.outside", en: " ({count} outside them, not checked)", zh: "（另有{count}次在此范围外，未检查）"),
        Entry(
            "check.scope",
            en: ", {villages} {villages|village|villages}, {checks} rule {checks|check|checks} ({met} met)",
            zh: "，{villages}个村（社区），{checks}项规则检查（{met}项达标）"),
        Entry(
            "check.asLedger",
            en:
                "read as a ledger (record columns present): {records} {records|entry|entries} in these months, {counted} {counted|counts|count} toward the requirements",
            zh: "按台账读取（有记录列）：这些月份共{records}条记录，{counted}条计入要求"),
        Entry("check.notCounted", en: ", {count} {count|does|do} not (listed below)", zh: "，{count}条不计入（见下）"),
        Entry("check.noLedgerFields", en: "; the profile names no required ledger fields", zh: "；规则配置未规定台账必填字段"),
        Entry(
            "check.asRoster",
            en:
                "read as a roster (a plan: no record columns): {count} planned {count|session|sessions}; the record checks apply to ledgers only",
            zh: "按排班表读取（计划，没有记录列）：计划服务{count}次；记录检查只适用于台账"),
        Entry(
            "check.duties", en: "duties of advisers and firms: {count} {count|check|checks} ({rules}), {met} met",
            zh: "法律顾问和律师事务所的职责：{count}项检查（{rules}），{met}项完成"),
        Entry(
            "check.mediation",
            en:
                "mediation: {count} {count|entry|entries} counted; their matters are confidential and never published (Jiaocheng 004 §二(四): 调解事项、调解过程、调解协议内容等一律不公开)",
            zh: "调解：计入{count}条；调解事项保密，从不公开（交城 004 §二(四)：调解事项、调解过程、调解协议内容等一律不公开）"),
        Entry(
            "check.noSubmissionRule", en: "the profile names no monthly submission: information only",
            zh: "规则配置未规定按月报送：仅供参考"),
        Entry(
            "check.books", en: "Books for {period} per township ({in} of {all} came in; source: {source}):",
            zh: "{period}各乡镇（街道）台账报送情况（{all}本中已报送{in}本；依据：{source}）："),
        Entry("check.column.township", en: "township", zh: "乡镇（街道）"),
        Entry("check.column.villages", en: "villages", zh: "村（社区）"),
        Entry("check.column.cameIn", en: "came in", zh: "已报送"),
        Entry("check.column.notIn", en: "not in", zh: "未报送"),
        Entry("check.column.missing", en: "villages whose book did not come in", zh: "台账未报送的村（社区）"),
        Entry("check.warnings", en: "{count} {count|warning|warnings}", zh: "{count}项提醒"),
        Entry("check.info", en: "{count} for information", zh: "{count}项提示"),
        Entry("check.also", en: " (and {extra}, not breaches)", zh: "（另有{extra}，不算违规）"),
        Entry(
            "check.compliant", en: "COMPLIANT: every rule is met and no session breaks a rule.",
            zh: "达标：每项规则均已满足，没有违反规则的服务。"),
        Entry("check.compliantExtra", en: " {extra}, listed below.", zh: "{extra}，见下。"),
        Entry(
            "check.notCompliant", en: "NOT COMPLIANT: {count} {count|finding|findings}{also}",
            zh: "不达标：{count}项问题{also}"),
        Entry("check.column.findings", en: "findings", zh: "问题"),
        Entry("check.column.warnings", en: "warnings", zh: "提醒"),
        Entry("check.column.information", en: "information", zh: "提示"),
        Entry("check.column.kind", en: "kind", zh: "类别"),
        Entry("check.count.findings", en: "{count} {count|finding|findings}", zh: "{count}项问题"),
        Entry("check.count.warnings", en: "{count} {count|warning|warnings}", zh: "{count}项提醒"),
        Entry("check.count.notes", en: "{count} {count|note|notes}", zh: "{count}项提示"),
        Entry("check.group", en: "{who}: {count}", zh: "{who}：{count}"),
        Entry(
            "check.callbacks", en: "Call-backs per adviser (confirmed share of those reached):",
            zh: "各法律顾问的回访情况（接通者中证实的比例）："),
        Entry("check.callbacks.adviser", en: "adviser", zh: "法律顾问"),
        Entry("check.callbacks.listed", en: "listed", zh: "名单内"),
        Entry("check.callbacks.confirmed", en: "confirmed", zh: "属实"),
        Entry("check.callbacks.notConfirmed", en: "not confirmed", zh: "不属实"),
        Entry("check.callbacks.unreachable", en: "unreachable", zh: "未接通"),
        Entry("check.callbacks.pending", en: "not called yet", zh: "尚未回访"),
        Entry("check.callbacks.share", en: "confirmed share", zh: "证实比例"),
        Entry("check.wrote", en: "wrote {out}", zh: "已写入 {out}"),

        // assign's summary (SummaryPrinter.swift)
        Entry("summary.head", en: "{scenario} — rules: {rules} ({id})", zh: "{scenario} — 规则：{rules}（{id}）"),
        Entry("summary.status", en: "status: {status}", zh: "求解状态：{status}"),
        Entry("status.optimal", en: "optimal", zh: "最优（optimal）"),
        Entry("status.feasible", en: "feasible", zh: "可行，未证明最优（feasible）"),
        Entry("status.time_limit", en: "time_limit", zh: "达到时限（time_limit）"),
        Entry("status.infeasible", en: "infeasible", zh: "无可行解（infeasible）"),
        Entry("status.unbounded", en: "unbounded", zh: "无界（unbounded）"),
        Entry("summary.gap", en: ", gap {gap}", zh: "，最优性差距{gap}"),
        Entry(
            "interrupt.stopping",
            en:
                "interrupted: stopping the search; the best plan found so far will be written, marked interrupted (press Ctrl-C again to stop at once and write nothing)",
            zh: "已中断：正在停止求解；将写入目前找到的最好方案，并标记为已中断（再按一次 Ctrl-C 立即停止，不写入任何文件）"),
        Entry("interrupt.nothingWritten", en: "interrupted: nothing was written", zh: "已中断：没有写入任何文件"),
        Entry("summary.interrupted", en: " — interrupted (Ctrl-C): the best plan found", zh: " — 已中断（Ctrl-C）：所得最好的方案"),
        Entry("summary.interruptedWithin", en: ", within {gap} of the optimum", zh: "，与最优值相差不超过{gap}"),
        Entry("summary.objective", en: ", objective {objective}, {seconds} s", zh: "，目标值{objective}，用时{seconds}秒"),
        Entry("summary.model", en: "model: {model}", zh: "服务模式：{model}"),
        Entry("model.individual", en: "individual", zh: "一名法律顾问服务若干村（社区）（individual）"),
        Entry("model.team", en: "team", zh: "团队化服务（team）"),
        Entry("model.township", en: "township", zh: "一所一镇（township）"),
        Entry(
            "summary.stable.optimal", en: "; stable plan (no blocking pairs), proven optimal",
            zh: "；双向选择稳定方案（无阻塞对），已证明最优"),
        Entry(
            "summary.stable.unproven", en: "; stable plan (no blocking pairs) found, optimality not proven",
            zh: "；找到双向选择稳定方案（无阻塞对），未证明最优"),
        Entry("summary.stable.gap", en: " (gap {gap})", zh: "（最优性差距{gap}）"),
        Entry(
            "summary.stable.none",
            en: "; no stable plan exists: {pairs} blocking {pairs|pair|pairs}, proven the fewest possible",
            zh: "；不存在稳定方案：{pairs}个阻塞对，已证明是最少的"),
        Entry(
            "summary.stable.stopped",
            en:
                "; the time limit stopped the search with {pairs} blocking {pairs|pair|pairs} left (no stable plan found; none proven impossible)",
            zh: "；达到时限时仍有{pairs}个阻塞对（未找到稳定方案，也未证明不存在）"),
        Entry(
            "summary.stable.stoppedNone",
            en:
                "; no stable plan exists (proven: every plan has at least {bound} blocking {bound|pair|pairs}); the search stopped with {pairs} blocking {pairs|pair|pairs} left, not proven the fewest",
            zh: "；不存在稳定方案（已证明：任何方案至少有{bound}个阻塞对）；搜索停止时仍有{pairs}个阻塞对，未证明是最少的"),
        Entry(
            "summary.stable.notRequired", en: "; {pairs} blocking {pairs|pair|pairs} (stability not required)",
            zh: "；{pairs}个阻塞对（未要求双向选择稳定）"),
        Entry(
            "summary.coverage",
            en:
                "covered {covered} of {villages} villages; {uncovered} uncovered; {used} {unit} used (mean {mean}, max {max} villages); incumbents kept {kept}, changed {changed}; support moves {support}",
            zh:
                "{villages}个村（社区）覆盖{covered}个，未覆盖{uncovered}个；使用{used}{unit}（平均服务{mean}个、最多{max}个村（社区））；现任法律顾问续聘{kept}个、更换{changed}个；对口支援{support}个"
        ),
        Entry("summary.unit.advisers", en: "advisers", zh: "名法律顾问"),
        Entry("summary.unit.teams", en: "teams", zh: "个团队"),
        Entry("summary.column.county", en: "county", zh: "县（区）"),
        Entry("summary.column.name", en: "name", zh: "名称"),
        Entry("summary.column.villages", en: "villages", zh: "村（社区）"),
        Entry("summary.column.covered", en: "covered", zh: "已覆盖"),
        Entry("summary.column.uncovered", en: "uncovered", zh: "未覆盖"),
        Entry("summary.column.advisers", en: "advisers", zh: "法律顾问"),
        Entry("summary.column.teams", en: "teams", zh: "团队"),
        Entry("summary.column.capacity", en: "capacity", zh: "可服务数"),
        Entry("summary.column.deficit", en: "deficit", zh: "缺口"),
        Entry("summary.column.supportIn", en: "support in", zh: "受援"),
        Entry("summary.column.supportFrom", en: "support from", zh: "支援来自"),
        Entry("summary.column.sent", en: "sent", zh: "支援外县"),
        Entry("summary.pool", en: " (pool)", zh: "（统筹）"),
        Entry(
            "summary.underResourced", en: "* under-resourced county (Guangdong 001 §(十二))",
            zh: "* 律师资源不足的欠发达县（区）（广东 001 §(十二)）"),
        Entry("summary.blockingPairs", en: "Blocking pairs", zh: "阻塞对"),
        Entry("summary.firstOf", en: " (first {shown} of {total})", zh: "（共{total}个，列出前{shown}个）"),
        Entry("summary.colon", en: ":", zh: "："),
        Entry(
            "summary.blockingPair", en: "  {village}–{adviser}: {villageReason}; {adviserReason}",
            zh: "  {village}–{adviser}：{villageReason}；{adviserReason}"),
        Entry("summary.why", en: "Why villages are uncovered:", zh: "村（社区）未覆盖的原因："),
        Entry("summary.uncoveredVillages", en: "Uncovered villages", zh: "未覆盖的村（社区）"),
        Entry(
            "summary.uncoveredVillage", en: "  {id} {name} ({county}): {reason}", zh: "  {id} {name}（{county}）：{reason}"
        ),
        Entry("summary.diagnosis", en: "Diagnosis (each found by re-solving):", zh: "诊断（每条均经重新求解得出）："),
        Entry(
            "summary.wrote", en: "wrote {out}/assignment.csv and {out}/summary.json",
            zh: "已写入 {out}/assignment.csv 和 {out}/summary.json"),

        Entry(
            "help.lang",
            en:
                "Language of every message: zh (简体中文) or en; without it, LC_ALL or LANG starting with zh chooses Chinese, else English.",
            zh: "所有提示信息的语言：zh（简体中文）或 en（英文）；不指定时，LC_ALL 或 LANG 以 zh 开头则用中文，否则用英文。"),
        Entry(
            "help.lang.csv",
            en:
                "Language of every message and of the CSV header rows: en or zh (中文表头; read back as well). Without it, messages follow LC_ALL or LANG (zh… chooses Chinese) and the headers stay English.",
            zh: "所有提示信息和 CSV 表头的语言：en 或 zh（中文表头，也可读回）。不指定时，提示信息随 LC_ALL 或 LANG（以 zh 开头即为中文），表头保持英文。"),
    ]
}
