// MARK: --help: every command's abstract and discussion, every option's help (CounselCLI)

extension Catalogue {
    static let help: [Entry] = [
        Entry(
            "help.assess.abstract",
            en:
                "Assess every adviser for a half-year or year: grades, subsidy deductions, and the statuses for the next plan.",
            zh: "对每名法律顾问进行半年或全年考核：评定等次、计算扣减补贴，并给出下一轮选派所用的状态。"),
        Entry(
            "help.assess.discussion",
            en: """
                Counts the ledgers' records (and, with --callbacks, leaves out entries a call-back did not confirm) against \
                every requirement of the profile whose period ends in --period (2026-H1, 2026-H2 or 2026), grades each \
                adviser pass, rectify or fail by the profile's `assessment` rules, and computes the subsidy from the \
                scenario's subsidy.yaml (or --subsidy). Writes OUT/assessment.csv (per adviser and village), \
                OUT/checks.csv (every check, in compliance.csv's columns), OUT/subsidy.csv (per adviser and firm, with the arithmetic), \
                OUT/statuses.csv (for `rebalance --statuses`), OUT/duty-checks.csv (the duties of advisers and firms, \
                counted in the advisers' grades) and OUT/counties/COUNTY_ID.html (a printable A4 summary per \
                county, without villagers' personal data); with --xlsx also OUT/assessment.xlsx. Exit status 0 when written, 1 for invalid input, 2 for usage \
                errors, 4 when a file cannot be written.
                """,
            zh:
                "按规则配置中周期截至 --period（2026-H1、2026-H2 或 2026）的每项要求统计台账记录（用 --callbacks 时，不计回访未证实的记录），按规则配置的 `assessment` 规则把每名法律顾问评为 pass（合格）、rectify（整改）或 fail（不合格），并按方案的 subsidy.yaml（或 --subsidy）计算补贴。写出 OUT/assessment.csv（按法律顾问和村（社区））、OUT/checks.csv（每项检查，列同 compliance.csv）、OUT/subsidy.csv（按法律顾问和律师事务所，含计算过程）、OUT/statuses.csv（供 `rebalance --statuses` 使用）、OUT/duty-checks.csv（法律顾问和律师事务所的职责，计入法律顾问的考核等次）和 OUT/counties/COUNTY_ID.html（每个县（区）一页可打印的 A4 汇总，不含村（居）民个人信息）；用 --xlsx 时另写 OUT/assessment.xlsx。退出状态：写出时为 0，输入有误为 1，用法错误为 2，文件无法写入为 4。"
        ),
        Entry(
            "help.common.directory",
            en: "The scenario folder.",
            zh: "方案文件夹。"),
        Entry(
            "help.common.ledger",
            en: "The ledger books (files, or folders of .csv files such as OUT/ledgers).",
            zh: "台账（文件，或含 .csv 文件的文件夹，如 OUT/ledgers）。"),
        Entry(
            "help.assess.period",
            en: "The period assessed: 2026-H1, 2026-H2 or 2026.",
            zh: "考核的期间：2026-H1（上半年）、2026-H2（下半年）或 2026（全年）。"),
        Entry(
            "help.assess.callbacks",
            en: "The call-back list with results (callbacks.csv).",
            zh: "含回访结果的回访名单（callbacks.csv）。"),
        Entry(
            "help.assess.assignment",
            en:
                "The plan of the period (assignment.csv): who serves which village (default: the adviser with most entries, else current_adviser).",
            zh: "本期的选派方案（assignment.csv）：谁服务哪个村（社区）（默认：台账记录最多的法律顾问，否则为 current_adviser）。"),
        Entry(
            "help.assess.subsidy",
            en: "The subsidy amounts (default: DIR/subsidy.yaml).",
            zh: "补贴金额（默认：DIR/subsidy.yaml）。"),
        Entry(
            "help.common.out",
            en: "Folder for the outputs (created if missing).",
            zh: "输出文件夹（不存在时自动创建）。"),
        Entry(
            "help.assign.abstract",
            en: "Assign advisers to villages optimally and write OUT/assignment.csv and OUT/summary.json.",
            zh: "为村（社区）优化选派法律顾问，写出 OUT/assignment.csv 和 OUT/summary.json。"),
        Entry(
            "help.assign.discussion",
            en: """
                Coverage first, then the weighted sum of preference ranks, distance, incumbent changes and \
                cross-county support (README: "The assignment model"); with `stable`, stability comes \
                first. Exit status 0 for a plan, even one with uncovered villages (the summary explains \
                them and the diagnosis says what would fix them); 1 for invalid input; 2 for usage errors.
                """,
            zh:
                "先保证覆盖，再使志愿排序、距离、现任更换和跨县（区）对口支援的加权和最小（见 README 的 `The assignment model` 一节）；用 `stable` 时，双向选择的稳定性优先。退出状态：得到方案时为 0，即使有未覆盖的村（社区）（汇总会说明原因，诊断会给出解决办法）；输入有误为 1；用法错误为 2。"
        ),
        Entry(
            "help.assign.out",
            en: "Folder for assignment.csv and summary.json (created if missing).",
            zh: "assignment.csv 和 summary.json 的输出文件夹（不存在时自动创建）。"),
        Entry(
            "help.assign.timeLimit",
            en: "Stop after this many seconds with the best plan found.",
            zh: "求解超过这么多秒即停止，采用已找到的最好方案。"),
        Entry(
            "help.assign.gap",
            en: "Relative MIP gap at which a group's branch and bound stops.",
            zh: "每组分支定界停止时的相对 MIP 最优性差距。"),
        Entry(
            "help.assign.exportLP",
            en: "Also write the whole model in CPLEX LP format (re-solve: glpsol --lp FILE).",
            zh: "另以 CPLEX LP 格式写出整个模型（可用 glpsol --lp FILE 重新求解）。"),
        Entry(
            "help.common.verbose",
            en: "Show progress and GLPK's own output on stderr.",
            zh: "在标准错误输出中显示进度和 GLPK 自身的输出。"),
        Entry(
            "help.schedule.threads",
            en:
                "Solver threads (default: one per processor); the roster is the same, byte for byte, whatever the number.",
            zh: "求解线程数（默认：每个处理器一个）；无论线程数多少，排班表逐字节相同。"),
        Entry(
            "help.assign.threads",
            en:
                "Solver threads (default: one per processor); the plan is the same, byte for byte, whatever the number.",
            zh: "求解线程数（默认：每个处理器一个）；无论线程数多少，方案逐字节相同。"),
        Entry(
            "help.assign.stable",
            en:
                "Require a stable plan with respect to both sides' rankings (as `stable: true` in scenario.yaml); when conflicts make that impossible, the plan has the fewest blocking pairs and lists them.",
            zh: "要求双向选择意义下的稳定方案（同 scenario.yaml 中的 `stable: true`）；如因利益冲突无法稳定，方案的阻塞对最少，并一一列出。"),
        Entry(
            "help.assign.noDiagnosis",
            en: "Skip the diagnosis of a shortfall (it re-solves what-if variants of the short counties).",
            zh: "不对缺口做诊断（诊断会对缺口县（区）的假设情形重新求解）。"),
        Entry(
            "help.assign.sets",
            en: "Override a scenario setting, KEY=VALUE (repeatable): {keys}.",
            zh: "覆盖方案设置，KEY=VALUE（可重复）：{keys}。"),
        Entry(
            "help.assign.overlay",
            en: "A YAML mapping of the same keys, nested or dotted (repeatable; --set wins).",
            zh: "同样这些键的 YAML 映射，可嵌套或用点号（可重复；--set 优先）。"),
        Entry(
            "help.common.quiet",
            en: "Print nothing on success (for scripts).",
            zh: "成功时不输出任何内容（供脚本使用）。"),
        Entry(
            "help.assign.json",
            en: "Print summary.json on stdout instead of the table (for scripts).",
            zh: "在标准输出中输出 summary.json，而不是汇总表（供脚本使用）。"),
        Entry(
            "help.callbacks.abstract",
            en:
                "Draw ledger entries to verify by phone (电话回访) and write OUT/callbacks.csv, an internal list with personal data.",
            zh: "抽取台账记录做电话回访，写出 OUT/callbacks.csv（含个人信息的内部名单）。"),
        Entry(
            "help.callbacks.discussion",
            en: """
                A reproducible random sample of the ledgers' records (the same ledgers and --seed give the same list), \
                stratified so that every adviser and every township is represented, and weighted toward entries that look \
                suspicious: runs of identical content, days with entries in many villages, hours far above the adviser's \
                other villages, days the adviser was elsewhere (Guangdong 001 §(十六)). The list holds the names and phones \
                of the villagers served: it is internal, never for a notice board or the public report. The caller fills \
                in `result` (confirmed, not_confirmed, unreachable) and gives the list back to `check --callbacks` or \
                `assess --callbacks`. Exit status 0 when written, 1 for invalid input, 2 for usage errors, 4 when it cannot be written.
                """,
            zh:
                "对台账记录做可重现的随机抽样（同样的台账和 --seed 得到同样的名单），分层抽取以使每名法律顾问和每个乡镇（街道）都有记录被抽到，并偏重看起来可疑的记录：内容雷同的连续记录、同一天在多个村（社区）都有记录、时长远高于该法律顾问其他村（社区）的、法律顾问当天在别处的（广东 001 §(十六)）。名单含服务对象的姓名和电话：仅供内部使用，不得上公示牌或公开报告。回访人填写 `result`（confirmed 属实、not_confirmed 不属实、unreachable 未接通），再把名单交给 `check --callbacks` 或 `assess --callbacks`。退出状态：写出时为 0，输入有误为 1，用法错误为 2，无法写入为 4。"
        ),
        Entry(
            "help.callbacks.sample",
            en: "How many entries to draw (more when needed to represent every adviser and township).",
            zh: "抽取的记录数（为使每名法律顾问和每个乡镇（街道）都有记录，需要时会多抽）。"),
        Entry(
            "help.callbacks.seed",
            en: "The seed of the random draw (a whole number); the same seed gives the same list.",
            zh: "随机抽样的种子（整数）；同样的种子得到同样的名单。"),
        Entry(
            "help.callbacks.from",
            en: "First month drawn from, YYYY-MM (default: January of the scenario year).",
            zh: "抽样的第一个月，YYYY-MM（默认：方案年度的1月）。"),
        Entry(
            "help.callbacks.to",
            en: "Last month drawn from, YYYY-MM (default: December of the scenario year).",
            zh: "抽样的最后一个月，YYYY-MM（默认：方案年度的12月）。"),
        Entry(
            "help.callbacks.out",
            en: "Folder for callbacks.csv (created if missing); keep it apart from what is published.",
            zh: "callbacks.csv 的输出文件夹（不存在时自动创建）；请与公开发布的内容分开存放。"),
        Entry(
            "help.check.abstract",
            en: "Audit a roster or service ledger (台账) against the scenario's rule profile.",
            zh: "按方案的规则配置检查排班表或法律顾问工作台账。"),
        Entry(
            "help.check.discussion",
            en: """
                Reads a roster (--roster, the columns of roster.csv: date,start,end,adviser_id,village_id,mode,activity,team_id) \
                or ledger books (--ledger FILES… or a folder such as OUT/ledgers: the same columns plus record columns \
                person_served,content,result,requested_on,signature and the profile's further ones) and checks every village \
                against the scenario's profile. A file with record columns is a ledger: only its records count — an entry \
                missing a field the profile's `ledger` section requires is listed and counts toward nothing, so a blank \
                published book fails — and a request (requested_on) with no result past the response time is a finding. A \
                file without record columns is a roster (a plan), checked as planned. Visits, hours, lectures and trainings \
                per period; rest days or evenings the village does not allow (information only where the profile encourages \
                them, as Guangdong 001 §(六)), overlapping sessions, the daily hours limit, adviser unavailability, recorded \
                lectures and response times; a session on an official holiday is a warning. With --callbacks, entries a \
                call-back did not confirm are findings and count toward nothing, and the share confirmed per adviser is printed. \
                The profile's duties of advisers and firms (firm events, reports, campaign duties, training) are counted over \
                the whole ledger (not with --village); mediation entries count like service and are never shown. --month \
                audits one month and lists per township the villages whose book did not come in. \
                Exit status 0 when compliant (warnings and information may remain), 3 when not (every finding is printed), \
                1 for invalid input, 2 for usage errors, 4 when --out cannot be written.
                """,
            zh:
                "读取排班表（--roster，列同 roster.csv：date,start,end,adviser_id,village_id,mode,activity,team_id）或台账（--ledger FILES… 或文件夹，如 OUT/ledgers：同样的列再加记录列 person_served,content,result,requested_on,signature 及规则配置要求的其他列），按方案的规则配置检查每个村（社区）。有记录列的文件是台账：只有完整记录才计入——缺少规则配置 `ledger` 部分所要求字段的记录会被列出且不计入任何要求，因此空白的公示台账不合格——超过答复期限仍无处理结果的服务需求（requested_on）也是一项问题。没有记录列的文件是排班表（计划），按计划检查。按周期检查驻村次数、时长、法治讲座和培训；村（社区）未开放的休息日或晚间服务（规则配置鼓励时仅作提示，如广东 001 §(六)）、时间重叠的服务、每日时长上限、法律顾问不在岗、录播讲座和答复时限；法定节假日的服务只是提醒。用 --callbacks 时，回访未证实的记录是问题且不计入，并输出每名法律顾问的证实比例。规则配置中法律顾问和律师事务所的职责（律所活动、工作报告、专项活动职责、培训）按整个台账统计（用 --village 时不统计）；调解记录与服务一样计入，但从不显示。--month 只检查一个月，并按乡镇（街道）列出当月台账未报送的村（社区）。退出状态：达标时为 0（可能仍有提醒和提示），不达标时为 3（列出每一项问题），输入有误为 1，用法错误为 2，--out 无法写入为 4。"
        ),
        Entry(
            "help.check.roster",
            en: "A roster or ledger CSV to audit.",
            zh: "要检查的排班表或台账 CSV 文件。"),
        Entry(
            "help.check.ledger",
            en: "Ledger books to audit together (files, or folders of .csv files such as OUT/ledgers).",
            zh: "一起检查的台账（文件，或含 .csv 文件的文件夹，如 OUT/ledgers）。"),
        Entry(
            "help.check.from",
            en: "First month audited, YYYY-MM (default: January of the scenario year).",
            zh: "检查的第一个月，YYYY-MM（默认：方案年度的1月）。"),
        Entry(
            "help.check.to",
            en: "Last month audited, YYYY-MM (default: December of the scenario year).",
            zh: "检查的最后一个月，YYYY-MM（默认：方案年度的12月）。"),
        Entry(
            "help.check.month",
            en:
                "Audit one month's submissions, YYYY-MM (instead of --from/--to): per township, the villages whose book for the month did not come in.",
            zh: "检查某一个月的台账报送，YYYY-MM（代替 --from/--to）：按乡镇（街道）列出当月台账未报送的村（社区）。"),
        Entry(
            "help.check.assignment",
            en:
                "The assignment plan: every village with an adviser in it is audited, even one missing from the ledger.",
            zh: "选派方案：方案中有法律顾问的每个村（社区）都要检查，即使台账中没有它。"),
        Entry(
            "help.check.village",
            en: "Audit only this village (repeatable), e.g. for one village's ledger book.",
            zh: "只检查这个村（社区）（可重复），例如检查一个村（社区）的台账。"),
        Entry(
            "help.check.callbacks",
            en:
                "A call-back list with results (callbacks.csv from `village-counsel callbacks`): entries not confirmed are findings and count toward nothing.",
            zh: "含回访结果的回访名单（`village-counsel callbacks` 写出的 callbacks.csv）：未证实的记录是问题且不计入。"),
        Entry(
            "help.check.out",
            en: "Write the compliance rows (village_id,adviser_id,rule,period,required,planned,ok) to this CSV file.",
            zh: "把达标情况（village_id,adviser_id,rule,period,required,planned,ok）写入这个 CSV 文件。"),
        Entry(
            "help.compare.abstract",
            en: "Compare result folders of `assign` (and `schedule`) side by side.",
            zh: "并排比较 `assign`（及 `schedule`）的结果文件夹。"),
        Entry(
            "help.compare.discussion",
            en: """
                One column per folder (its name, or the summary's scenario where names clash), then the \
                difference of each later folder against the first: coverage, uncovered villages per county, \
                advisers used, load, distance, first choices and mean ranks, blocking pairs, support moves, \
                incumbents kept, on-site hours and compliance shortfalls (when `schedule` wrote roster.csv and \
                compliance.csv into the folder or its schedule/ subfolder), objective, status and gap. \
                Exit status 1 when a folder is missing or lacks summary.json or assignment.csv.
                """,
            zh:
                "每个文件夹一列（用文件夹名，重名时用汇总中的方案名），再列出后面每个文件夹与第一个的差别：覆盖率、各县（区）未覆盖的村（社区）、使用的法律顾问、服务量、距离、第一志愿和平均排序、阻塞对、对口支援、续聘现任、驻村服务小时和未达标项（当 `schedule` 把 roster.csv 和 compliance.csv 写在该文件夹或其 schedule/ 子文件夹中时）、目标值、求解状态和最优性差距。文件夹不存在或缺少 summary.json 或 assignment.csv 时退出状态为 1。"
        ),
        Entry(
            "help.compare.folders",
            en: "Result folders written by `assign --out` (two or more); the first is the baseline.",
            zh: "`assign --out` 写出的结果文件夹（两个或以上）；第一个为比较基准。"),
        Entry(
            "help.compare.format",
            en: "table, markdown, csv or json.",
            zh: "table（表格）、markdown、csv 或 json。"),
        Entry(
            "help.init.abstract",
            en:
                "Write an empty scenario to fill in: every table with Chinese and English headers and one example row, and an explanation of every column.",
            zh: "写出一个待填写的空方案：每张表都有中英文表头和一行示例，并说明每一列。"),
        Entry(
            "help.init.discussion",
            en: """
                Writes DIR/scenario.yaml and either the CSV files (villages.csv, advisers.csv, …) with \
                DIR/README.md, or with --xlsx one DIR/scenario.xlsx whose README sheet explains every \
                column and what the profile requires. DIR must be new or empty: nothing is overwritten. \
                Exit status 0 when written, 1 when DIR already holds files, 2 for an unknown profile.
                """,
            zh:
                "写出 DIR/scenario.yaml，以及 CSV 文件（villages.csv、advisers.csv……）和 DIR/README.md；或用 --xlsx 写出一个 DIR/scenario.xlsx，其 README 工作表说明每一列及规则配置的要求。DIR 必须是新的或空的文件夹：不会覆盖任何文件。退出状态：写出时为 0，DIR 中已有文件时为 1，规则配置未知时为 2。"
        ),
        Entry(
            "help.init.directory",
            en: "The folder to create (new or empty).",
            zh: "要创建的文件夹（新的或空的）。"),
        Entry(
            "help.init.rules",
            en: "The rule profile (a name in Models/rules/, e.g. nanning, guangdong, or a path to a .yaml file).",
            zh: "规则配置（Models/rules/ 中的名称，如 nanning、guangdong，或一个 .yaml 文件的路径）。"),
        Entry(
            "help.init.xlsx",
            en: "One workbook, scenario.xlsx, instead of the CSV files.",
            zh: "写成一个工作簿 scenario.xlsx，而不是若干 CSV 文件。"),
        Entry(
            "help.init.year",
            en: "The planning year for scenario.yaml (default: this year).",
            zh: "scenario.yaml 的选派年度（默认：今年）。"),
        Entry(
            "help.publish.abstract",
            en:
                "Write each village's notice board (公示牌, printable A4 HTML) and ledger book (台账, CSV), and each adviser's contact cards (便民联系卡).",
            zh: "写出每个村（社区）的公示牌（可打印的 A4 HTML）和台账（CSV），以及每名法律顾问的便民联系卡。"),
        Entry(
            "help.publish.discussion",
            en: """
                Reads OUT/assignment.csv (from `assign`) and the roster (--roster, else OUT/roster.csv, else \
                OUT/schedule/roster.csv, from `schedule`), and writes OUT/notices/VILLAGE_ID.html, the notice board \
                of each village in Chinese, showing what the rule profile's `publication` section asks for and the \
                scenario has data for (adviser, firm, phone, WeChat ID with its QR code, e-mail, photo, service content, \
                the dated times, the supervising office with its phone and e-mail, the complaint e-mail, the hotline); \
                OUT/cards/ADVISER_ID.html, an A4 sheet of the adviser's contact cards; and OUT/ledgers/VILLAGE_ID.csv, \
                the village's ledger pre-filled with its planned sessions in the roster's columns plus the blank columns \
                person_served,content,result,requested_on,signature (and the profile's further ones), with \
                OUT/ledgers/ADVISER_ID.csv for the adviser's own training and reports where the profile has such duties. \
                A filled ledger goes back into `village-counsel check DIR --ledger OUT/ledgers`. Mediation entries of a \
                roster are never published (Jiaocheng 004 §二(四)). \
                Exit status 0 when written, 1 for invalid input, 2 for usage errors, 4 when a file cannot be written.
                """,
            zh:
                "读取 OUT/assignment.csv（`assign` 写出）和排班表（--roster，否则为 OUT/roster.csv，再否则为 OUT/schedule/roster.csv，由 `schedule` 写出），写出 OUT/notices/VILLAGE_ID.html，即每个村（社区）的中文公示牌，载明规则配置 `publication` 部分要求且方案有数据的内容（法律顾问、执业机构、电话、微信号及其二维码、电子邮箱、照片、服务内容、具体服务时间、监管部门及其电话和邮箱、投诉邮箱、热线）；OUT/cards/ADVISER_ID.html，一张 A4 纸的法律顾问便民联系卡；以及 OUT/ledgers/VILLAGE_ID.csv，即该村（社区）的台账，预先填好排班表各列的计划服务，另加空白列 person_served,content,result,requested_on,signature（及规则配置要求的其他列）；规则配置有相应职责时，另写 OUT/ledgers/ADVISER_ID.csv 记录法律顾问本人的培训和工作报告。填好的台账交给 `village-counsel check DIR --ledger OUT/ledgers` 检查。排班表中的调解记录从不公示（交城 004 §二(四)）。退出状态：写出时为 0，输入有误为 1，用法错误为 2，文件无法写入为 4。"
        ),
        Entry(
            "help.publish.out",
            en: "The folder holding assignment.csv from `assign`; notices/, ledgers/ and cards/ are written into it.",
            zh: "含 `assign` 写出的 assignment.csv 的文件夹；notices/、ledgers/ 和 cards/ 写在其中。"),
        Entry(
            "help.publish.roster",
            en: "The roster (default: OUT/roster.csv, else OUT/schedule/roster.csv).",
            zh: "排班表（默认：OUT/roster.csv，否则为 OUT/schedule/roster.csv）。"),
        Entry(
            "help.publish.excel",
            en: "Start CSV files with a UTF-8 byte order mark, so that Excel opens them as UTF-8.",
            zh: "CSV 文件以 UTF-8 字节顺序标记开头，使 Excel 按 UTF-8 打开。"),
        Entry(
            "help.publish.xlsx",
            en:
                "Also write the outputs as one Excel workbook (plan.xlsx, roster.xlsx, compliance.xlsx, assessment.xlsx): a sheet per output and one per county.",
            zh: "另把输出写成一个 Excel 工作簿（plan.xlsx、roster.xlsx、compliance.xlsx、assessment.xlsx）：每项输出一张工作表，每个县（区）一张。"),
        Entry(
            "help.rebalance.abstract",
            en:
                "Re-plan after advisers leave or fail assessment, or villages are added, keeping as many pairs of the previous plan as possible; writes OUT/assignment.csv, OUT/summary.json and OUT/changes.csv.",
            zh: "在法律顾问离开或考核不合格、或新增村（社区）后重新选派，尽量保留上一方案的聘任关系；写出 OUT/assignment.csv、OUT/summary.json 和 OUT/changes.csv。"),
        Entry(
            "help.rebalance.discussion",
            en: """
                Coverage first, then the fewest changes to the previous plan's pairs, then the usual \
                objective (with `stable`, stability comes before all). --max-changes N bounds the \
                previous pairs that may change, forced ones included (an adviser who left, failed \
                assessment or may no longer serve the village). --statuses FILE (statuses.csv from `assess`) sets \
                advisers' statuses over advisers.csv first, so failed advisers are replaced where the profile excludes \
                failed_assessment. changes.csv lists every village whose adviser differs: village, old_adviser, new_adviser, reason. Exit status 0 for a plan; 1 \
                for invalid input, or a --max-changes no plan can keep; 2 for usage errors.
                """,
            zh:
                "先保证覆盖，再使上一方案聘任关系的调整最少，然后是通常的目标（用 `stable` 时，稳定性优先于一切）。--max-changes N 限制可调整的上一方案聘任关系数，包括必须调整的（法律顾问已离开、考核不合格或不能再服务该村（社区））。--statuses FILE（`assess` 写出的 statuses.csv）先用其中的状态覆盖 advisers.csv，规则配置排除 failed_assessment 时，不合格的法律顾问即被替换（不再续聘）。changes.csv 列出法律顾问有变化的每个村（社区）：village、old_adviser、new_adviser、reason。退出状态：得到方案时为 0；输入有误或 --max-changes 无法满足时为 1；用法错误为 2。"
        ),
        Entry(
            "help.rebalance.directory",
            en: "The scenario folder (this year's villages and advisers).",
            zh: "方案文件夹（本年度的村（社区）和法律顾问）。"),
        Entry(
            "help.rebalance.previous",
            en:
                "The previous plan (assignment.csv as assign or rebalance wrote it; village_id and adviser_id columns, team_id in the team model).",
            zh: "上一方案（assign 或 rebalance 写出的 assignment.csv；列 village_id 和 adviser_id，团队化服务模式另有 team_id）。"),
        Entry(
            "help.rebalance.out",
            en: "Folder for assignment.csv, summary.json and changes.csv (created if missing).",
            zh: "assignment.csv、summary.json 和 changes.csv 的输出文件夹（不存在时自动创建）。"),
        Entry(
            "help.rebalance.maxChanges",
            en: "At most this many pairs of the previous plan may change (a hard bound).",
            zh: "上一方案的聘任关系最多只能调整这么多对（硬性上限）。"),
        Entry(
            "help.rebalance.statuses",
            en:
                "Advisers' statuses for this plan (statuses.csv from `assess`: adviser_id,status): applied over advisers.csv, e.g. failed_assessment.",
            zh: "本方案所用的法律顾问状态（`assess` 写出的 statuses.csv：adviser_id,status）：覆盖 advisers.csv 中的状态，如 failed_assessment。"),
        Entry(
            "help.report.abstract",
            en:
                "Write OUT/report.html: the plan, its diagnosis, per-county tables and charts on one self-contained page.",
            zh: "写出 OUT/report.html：方案、诊断、各县（区）表格和图表，集中在一个独立的页面中。"),
        Entry(
            "help.report.discussion",
            en: """
                Reads OUT/summary.json and OUT/assignment.csv (from `assign`) and, when present, roster.csv, \
                compliance.csv and shortfalls.csv (from `schedule`, in OUT or OUT/schedule/). The scenario is the \
                folder recorded in summary.json unless --scenario is given. The page has no external resources \
                and no phone numbers; the same inputs give the same bytes.
                """,
            zh:
                "读取 OUT/summary.json 和 OUT/assignment.csv（`assign` 写出），以及存在时的 roster.csv、compliance.csv 和 shortfalls.csv（`schedule` 写出，在 OUT 或 OUT/schedule/ 中）。方案文件夹为 summary.json 中记录的文件夹，除非给出 --scenario。页面不引用外部资源，不含电话号码；同样的输入得到完全相同的字节。"
        ),
        Entry(
            "help.report.out",
            en: "The output folder of `assign` (and `schedule`).",
            zh: "`assign`（及 `schedule`）的输出文件夹。"),
        Entry(
            "help.report.scenario",
            en: "The scenario folder (default: the one recorded in OUT/summary.json).",
            zh: "方案文件夹（默认：OUT/summary.json 中记录的文件夹）。"),
        Entry(
            "help.schedule.abstract",
            en: "Build the monthly on-site roster and lecture calendar for an assignment.",
            zh: "为选派方案编制每月驻村服务排班表和法治讲座日程。"),
        Entry(
            "help.schedule.discussion",
            en: """
                Writes OUT/roster.csv, OUT/compliance.csv, OUT/shortfalls.csv, OUT/duties.csv (the profile's duties of \
                advisers and firms: firm events, reports, campaign duties, training on the county's training_days) and \
                OUT/ics/ADVISER_ID.ics. \
                Where the rules cannot all be met (leave, too many villages for the hours), the roster still \
                comes out and every shortfall is listed with its reason.
                """,
            zh:
                "写出 OUT/roster.csv、OUT/compliance.csv、OUT/shortfalls.csv、OUT/duties.csv（规则配置中法律顾问和律师事务所的职责：律所活动、工作报告、专项活动职责、县（区）training_days 的培训）和 OUT/ics/ADVISER_ID.ics。规则无法全部满足时（休假、村（社区）太多而时间不够），仍会写出排班表，并列出每一项缺口及其原因。"
        ),
        Entry(
            "help.schedule.assignment",
            en: "The assignment plan (assignment.csv from `assign`).",
            zh: "选派方案（`assign` 写出的 assignment.csv）。"),
        Entry(
            "help.schedule.from",
            en: "First month, YYYY-MM (default: January of the scenario year).",
            zh: "第一个月，YYYY-MM（默认：方案年度的1月）。"),
        Entry(
            "help.schedule.to",
            en: "Last month, YYYY-MM (default: December of the scenario year).",
            zh: "最后一个月，YYYY-MM（默认：方案年度的12月）。"),
        Entry(
            "help.schedule.timeLimit",
            en: "Seconds allowed for each adviser's (or team's) model.",
            zh: "每名法律顾问（或每个团队）的模型可用的秒数。"),
        Entry(
            "help.schedule.sets",
            en:
                "Override a scenario setting, KEY=VALUE (repeatable), as for assign: e.g. flexible=true, daily_hours=6.",
            zh: "覆盖方案设置，KEY=VALUE（可重复），同 assign：如 flexible=true、daily_hours=6。"),
        Entry(
            "help.schedule.overlay",
            en: "A YAML mapping of the same keys (repeatable; --set wins).",
            zh: "同样这些键的 YAML 映射（可重复；--set 优先）。"),
        Entry(
            "help.schedule.json",
            en: "Print the summary as JSON on stdout (for scripts).",
            zh: "在标准输出中以 JSON 输出汇总（供脚本使用）。"),
        Entry(
            "help.validate.abstract",
            en: "Check a scenario folder and list every problem (file:line:column).",
            zh: "检查方案文件夹，列出每一个问题（文件:行:列）。"),
        Entry(
            "help.validate.discussion",
            en: """
                Also warns about every item the rule profile's notice boards and contact cards show that the scenario \
                has no data for (an adviser's wechat, email or photo, the office's e-mail, the complaint e-mail), with \
                the source that asks for it. Exit status 0 only if the scenario is clean (warnings allowed), 1 if it has problems.
                """,
            zh:
                "另对规则配置要求公示牌和便民联系卡载明、而方案没有数据的每一项给出警告（法律顾问的微信号、电子邮箱或照片，司法所的电子邮箱，投诉邮箱），并注明要求的依据。退出状态：方案无问题时为 0（可有警告），有问题时为 1。"
        ),
        Entry(
            "help.root.abstract",
            en: "Plans legal advisers for villages and communities (一村（社区）一法律顾问).",
            zh: "为村（社区）选派法律顾问（一村（社区）一法律顾问）。"),
        Entry(
            "help.root.discussion",
            en:
                "Every command takes --lang zh|en: its messages, summaries, diagnosis, errors and --help in Simplified Chinese or English (else LC_ALL or LANG starting with zh chooses Chinese, else English). `village-counsel --lang zh` shows this help in Chinese.",
            zh:
                "每个命令都接受 --lang zh|en：以简体中文或英文显示提示、摘要、诊断、错误和 --help（未指定时，LC_ALL 或 LANG 以 zh 开头则用中文，否则用英文）。`village-counsel --lang zh` 以中文显示本帮助。"
        ),
    ]
}
