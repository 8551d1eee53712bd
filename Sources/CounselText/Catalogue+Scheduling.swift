// MARK: Scheduling: check findings (the ledger audit), rosters, call-backs, assessment

extension Catalogue {
    static let scheduling: [Entry] = [
        // Kinds of finding (summaries)
        Entry("finding.shortfall", en: "requirement not met", zh: "未达到服务要求"),
        Entry("finding.holiday", en: "session on an official holiday", zh: "法定节假日的服务"),
        Entry("finding.restDay", en: "session on a rest day the village does not allow", zh: "村（社区）未开放的休息日的服务"),
        Entry("finding.evening", en: "evening session where evenings are not allowed", zh: "未开放晚间服务的晚间服务"),
        Entry("finding.overlap", en: "one adviser in two sessions at once", zh: "同一法律顾问同一时间在两处服务"),
        Entry("finding.dailyLimit", en: "adviser over the daily hours limit", zh: "法律顾问超过每日服务时长上限"),
        Entry("finding.unavailable", en: "session while the adviser is unavailable", zh: "法律顾问不在岗期间的服务"),
        Entry("finding.recordedLectures", en: "recorded lectures over the yearly limit", zh: "录播讲座超过每年上限"),
        Entry("finding.lateResponse", en: "request answered late", zh: "服务需求答复逾期"),
        Entry("finding.incompleteEntry", en: "ledger entry that is not a record", zh: "台账记录不完整"),
        Entry("finding.unansweredRequest", en: "request not answered in time", zh: "服务需求未按时答复"),
        Entry("finding.notConfirmed", en: "entry not confirmed by call-back", zh: "记录未经回访证实"),
        Entry("finding.duty", en: "duty of an adviser or firm not done", zh: "法律顾问或律师事务所的职责未完成"),
        Entry("finding.trainingDay", en: "session on the county's training day", zh: "县（区）培训日的服务"),
        Entry("finding.missingSubmission", en: "monthly book not in", zh: "当月台账未报送"),

        // Words
        Entry("audit.villageName", en: "{name} ({id})", zh: "{name}（{id}）"),
        Entry("audit.who", en: "{village}, adviser {adviser}", zh: "{village}，法律顾问{adviser}"),
        Entry("day.withWeekday", en: "{day} ({weekday})", zh: "{day}（{weekday}）"),
        Entry(
            "session.describe", en: "the {mode} {activity} on {day} {start}–{end}",
            zh: "{day} {start}–{end}的{mode}{activity}"),
        Entry("list.and", en: " and ", zh: "和"),
        Entry("mode.onsite", en: "on-site", zh: "现场"),
        Entry("mode.offsite", en: "off-site", zh: "非现场"),
        Entry("mode.online", en: "online", zh: "线上"),
        Entry("mode.recorded", en: "recorded", zh: "录播"),
        Entry("weekday.1", en: "Monday", zh: "星期一"),
        Entry("weekday.2", en: "Tuesday", zh: "星期二"),
        Entry("weekday.3", en: "Wednesday", zh: "星期三"),
        Entry("weekday.4", en: "Thursday", zh: "星期四"),
        Entry("weekday.5", en: "Friday", zh: "星期五"),
        Entry("weekday.6", en: "Saturday", zh: "星期六"),
        Entry("weekday.7", en: "Sunday", zh: "星期日"),
        Entry("ledger.field.personServed", en: "person served", zh: "服务对象"),
        Entry("ledger.field.content", en: "content", zh: "服务内容"),
        Entry("ledger.field.result", en: "result", zh: "处理结果"),
        Entry("ledger.field.signature", en: "the village's signature", zh: "村（社区）签字"),
        Entry("ledger.field.contactPhone", en: "contact phone", zh: "联系电话"),
        Entry("ledger.field.matter", en: "matter", zh: "事项"),
        Entry("ledger.field.place", en: "place", zh: "地点"),
        Entry("ledger.field.attendees", en: "attendees", zh: "参加人员"),
        Entry("ledger.field.photo", en: "photo evidence", zh: "照片佐证"),

        Entry(
            "ledger.ownRecord.source",
            en:
                "the tool's rule for an adviser's own entry (a training attended, a report submitted): it counts once content says what it was",
            zh: "本工具对法律顾问本人记录（参加的培训、提交的报告）的规则：写明内容后即计入"),

        // Findings
        Entry(
            "audit.noScheduling",
            en:
                "the rule profile '{id}' ({path}) has no 'scheduling' section, so there are no visit, hour or lecture rules to check a ledger against; use a profile with one (e.g. rules: nanning) or add the section (see Models/README.md)",
            zh:
                "规则配置 '{id}'（{path}）没有 'scheduling' 部分，没有可据以检查台账的驻村次数、时长或法治讲座规则；请换用有此部分的规则配置（如 rules: nanning），或补上这一部分（见 Models/README.md）"
        ),
        Entry(
            "audit.ref.village", en: "village_id: '{id}' is not a village in the scenario's villages.csv",
            zh: "village_id：'{id}' 不是方案 villages.csv 中的村（社区）"),
        Entry(
            "audit.ref.adviser", en: "adviser_id: '{id}' is not an adviser in the scenario's advisers.csv",
            zh: "adviser_id：'{id}' 不是方案 advisers.csv 中的法律顾问"),
        Entry(
            "audit.requestedAfter",
            en: "requested_on: the request ({requested}) is dated after the session that answers it ({day})",
            zh: "requested_on：需求日期（{requested}）晚于答复它的服务日期（{day}）"),
        Entry(
            "audit.incomplete",
            en:
                "{who}: {what} is not a record{nothing}: {blank} {count|is|are} blank, so the entry counts toward no requirement until it is filled in (source: {sources}).",
            zh: "{who}：{what}不是完整的台账记录{nothing}：{blank}（{count}项）为空，补填之前不计入任何要求（依据：{sources}）。"),
        Entry("audit.nothingFilled", en: " (nothing is filled in)", zh: "（全部未填写）"),
        Entry(
            "audit.notConfirmed",
            en:
                "{who}: the call-back ({file}:{line}) did not confirm {what}; an entry the person served does not confirm counts toward no requirement (source: {source}).",
            zh: "{who}：回访（{file}:{line}）未证实{what}；服务对象不予证实的记录不计入任何要求（依据：{source}）。"),
        Entry(
            "audit.excluded",
            en:
                "; {count} {count|entry|entries} of this period {count|is|are} not counted (not a record, an open request or not confirmed by call-back).",
            zh: "；本期有{count}条记录未计入（记录不完整、需求未答复或回访未证实）。"),
        Entry("audit.holiday.name", en: "official holiday", zh: "法定节假日"),
        Entry(
            "audit.holiday",
            en:
                "{who}: {what} falls on an official holiday ({name}); no document forbids it, so this is a warning, not a breach (calendar: national holiday arrangement, {calendar}).",
            zh: "{who}：{what}在法定节假日（{name}）；文件并未禁止，因此只是提醒，不算违规（日历：国家节假日安排，{calendar}）。"),
        Entry("audit.holiday.source", en: "national holiday arrangement ({calendar})", zh: "国家节假日安排（{calendar}）"),
        Entry(
            "audit.setting.serviceDays.village", en: "villages.csv service_days of {village}",
            zh: "villages.csv 中 {village} 的 service_days"),
        Entry(
            "audit.setting.serviceDays.scenario", en: "scenario.yaml service_days", zh: "scenario.yaml 的 service_days"),
        Entry(
            "audit.restDay.encouraged",
            en:
                "{who}: {what} is on a {weekday}, which {setting} does not open to this village's roster; weekend service is encouraged (source: {source}), so this is no breach — the village may open its weekends to the roster (service_days).",
            zh:
                "{who}：{what}在{weekday}，{setting}未把这一天开放给本村（社区）的驻村排班；文件鼓励周末服务（依据：{source}），因此不算违规——村（社区）可把周末开放给排班（service_days）。"
        ),
        Entry("audit.allowed.workingOnly", en: "working days only", zh: "仅工作日"),
        Entry("audit.allowed.workingAnd", en: "working days and {days}", zh: "工作日及{days}"),
        Entry(
            "audit.restDay",
            en:
                "{who}: {what} falls on a rest day ({weekday}); this village is served on {allowed} (source: {setting}).",
            zh: "{who}：{what}在休息日（{weekday}）；本村（社区）的服务日为{allowed}（依据：{setting}）。"),
        Entry(
            "audit.setting.evening.village", en: "villages.csv evening of {village}",
            zh: "villages.csv 中 {village} 的 evening"),
        Entry("audit.setting.evening.scenario", en: "scenario.yaml evening", zh: "scenario.yaml 的 evening"),
        Entry(
            "audit.evening.encouraged",
            en:
                "{who}: {what} ends after 18:30, an evening session that {setting} does not open to this village's roster; evening law schools are encouraged (source: {source}), so this is no breach — the village may open its evenings to the roster (evening: true).",
            zh:
                "{who}：{what}在18:30以后结束，属晚间服务，{setting}未开放给本村（社区）的排班；文件鼓励开办法治夜校（依据：{source}），因此不算违规——村（社区）可开放晚间排班（evening: true）。"
        ),
        Entry(
            "audit.evening",
            en:
                "{who}: {what} ends after 18:30, but evening sessions are not allowed for this village (source: {setting}).",
            zh: "{who}：{what}在18:30以后结束，但本村（社区）不安排晚间服务（依据：{setting}）。"),
        Entry(
            "audit.trainingDay",
            en:
                "{who}: {what} is on a training day of county {county}, when its advisers are at the training (source: training_days of {county} in counties.csv or scenario.yaml).",
            zh: "{who}：{what}在县（区）{county}的培训日，当天法律顾问应参加培训（依据：counties.csv 或 scenario.yaml 中 {county} 的 training_days）。"
        ),
        Entry(
            "audit.unavailable",
            en:
                "{who}: {what} is on a day the adviser is unavailable, {from} to {to}{reason} (source: availability.csv).",
            zh: "{who}：{what}在法律顾问不在岗期间（{from}至{to}{reason}）（依据：availability.csv）。"),
        Entry(
            "audit.lateResponse",
            en:
                "{who}: the request of {requested} was answered on {answered}, {took} working days later; the rule is an answer within {limit} working days (source: {source}).",
            zh: "{who}：{requested}提出的需求在{answered}才答复，相隔{took}个工作日；规定应在{limit}个工作日内答复（依据：{source}）。"),
        Entry(
            "audit.unanswered",
            en:
                "{who}: the request of {requested} has no answer recorded (its entry, dated {day}, has no result) by {last}, the end of the audit, {elapsed} working days later; the rule is an answer within {limit} working days (source: {source}).",
            zh:
                "{who}：{requested}提出的需求到检查截止日{last}（已过{elapsed}个工作日）仍无答复记录（{day}的记录没有处理结果）；规定应在{limit}个工作日内答复（依据：{source}）。"
        ),
        Entry("audit.overlap.head", en: "adviser {adviser} on {day}: ", zh: "法律顾问{adviser}在{day}："),
        Entry(
            "audit.overlap.same", en: "the same session in {village}, {start}–{end}, is entered twice",
            zh: "{village} {start}–{end}的同一次服务登记了两次"),
        Entry(
            "audit.overlap.two", en: "{start}–{end} in {village} overlaps {start2}–{end2} in {village2}",
            zh: "{village} {start}–{end}与{village2} {start2}–{end2}时间重叠"),
        Entry("audit.overlap.tail", en: "; one adviser cannot serve two sessions at once.", zh: "；同一法律顾问不能同时在两处服务。"),
        Entry(
            "audit.overlap.source", en: "ledger consistency (one adviser, one place at a time)",
            zh: "台账一致性（同一法律顾问同一时间只能在一处）"),
        Entry(
            "audit.daily",
            en:
                "adviser {adviser} on {day}: {total} hours of sessions ({villages}), more than the limit of {limit} hours a day (source: scenario.yaml daily_hours).",
            zh: "法律顾问{adviser}在{day}：服务共{total}小时（{villages}），超过每日{limit}小时的上限（依据：scenario.yaml daily_hours）。"),
        Entry("audit.daily.source", en: "scenario.yaml daily_hours", zh: "scenario.yaml 的 daily_hours"),
        Entry(
            "audit.recorded",
            en:
                "{who}: {count} lectures in {year} were recorded video ({days}); at most {cap} a year may be recorded, so the {extra} after the {ordinal} do not count (source: {source}).",
            zh: "{who}：{year}有{count}次讲座为录播视频（{days}）；每年最多{cap}次可用录播，因此{ordinal}之后的{extra}次不计入（依据：{source}）。"),
        Entry("audit.duty.firm", en: "firm {id}", zh: "律师事务所{id}"),
        Entry("audit.duty.adviser", en: "adviser {id}", zh: "法律顾问{id}"),
        Entry(
            "audit.duty",
            en:
                "{owner}: in {period} the duty '{rule}' asks for at least {required} {label}{byFirm}; the ledger shows {done} (source: {source}).",
            zh: "{owner}：{period}职责 '{rule}' 要求至少{required}次{label}{byFirm}；台账显示{done}次（依据：{source}）。"),
        Entry("audit.duty.byFirm", en: " by any of the firm's advisers", zh: "（由该所任一法律顾问完成）"),
        Entry(
            "audit.submission.noRule", en: "the profile names no monthly submission; information only",
            zh: "规则配置未规定按月报送；仅供参考"),
        Entry(
            "audit.submission",
            en:
                "{village} ({township}), adviser {adviser}: the book for {period} did not come in — {why} (source: {source}).",
            zh: "{village}（{township}），法律顾问{adviser}：{period}的台账未报送——{why}（依据：{source}）。"),
        Entry("audit.submission.blank", en: "its lines of that month are blank", zh: "当月各行均未填写"),
        Entry("audit.submission.none", en: "no book of the village among those given", zh: "所给台账中没有该村（社区）的台账"),
        Entry(
            "audit.note.calendar",
            en:
                "the calendar {calendar} does not cover {years}; there, Monday to Friday are taken as working days and no holidays are known",
            zh: "工作日历 {calendar} 不含{years}年；这些年份按周一至周五为工作日处理，节假日未知"),
        Entry(
            "audit.note.open",
            en: "{count} {count|request is|requests are} still open and within the response time at {last}",
            zh: "截至{last}，有{count}项服务需求尚未答复，仍在答复期限内"),

        // Shortfalls
        Entry(
            "short.message",
            en:
                "{village}, adviser {adviser}: in {period} the rule '{rule}' asks for {asks}; the ledger shows {shows} (source: {source}).",
            zh: "{village}，法律顾问{adviser}：{period}规则 '{rule}' 要求{asks}；台账显示{shows}（依据：{source}）。"),
        Entry("short.visits.length", en: " of at least {hours} hours", zh: "（每次至少{hours}小时）"),
        Entry(
            "short.visits.asks", en: "at least {need} on-site {need|visit|visits}{length}",
            zh: "至少{need}次驻村现场服务{length}"),
        Entry("short.visits.shows", en: "{has} such {has|visit|visits}", zh: "{has}次符合要求的现场服务"),
        Entry(
            "short.visits.shorter", en: " ({shorter} shorter on-site {shorter|session does|sessions do} not count)",
            zh: "（{shorter}次时长不足的现场服务不计入）"),
        Entry("short.hours.asks", en: "at least {need} hours on site", zh: "现场服务至少{need}小时"),
        Entry("short.hours.shows", en: "{has} hours on site", zh: "现场服务{has}小时"),
        Entry("short.hours.other", en: " ({other} hours off site or online do not count)", zh: "（非现场或线上的{other}小时不计入）"),
        Entry(
            "short.service.asksShare",
            en:
                "at least {need} hours of service, of which off-site service may make up at most {cap} hours ({percent}%)",
            zh: "服务至少{need}小时，其中非现场服务最多可抵{cap}小时（{percent}%）"),
        Entry(
            "short.service.showsShare", en: "{onsite} hours on site and {other} off site",
            zh: "现场{onsite}小时、非现场{other}小时"),
        Entry(
            "short.service.over", en: ", which count as {has} because off-site hours over {cap} do not count",
            zh: "，超过{cap}小时的非现场服务不计入，按{has}小时计"),
        Entry("short.service.inAll", en: ", {has} in all", zh: "，共{has}小时"),
        Entry("short.service.asks", en: "at least {need} hours of service", zh: "服务至少{need}小时"),
        Entry(
            "short.service.shows", en: "{has} hours ({onsite} on site, {other} off site or online)",
            zh: "{has}小时（现场{onsite}小时，非现场或线上{other}小时）"),
        Entry("short.lectures.asks", en: "at least {need} legal {need|lecture|lectures}", zh: "至少{need}次法治讲座"),
        Entry("short.counted", en: "{has} counted", zh: "计入{has}次"),
        Entry(
            "short.trainings.asks", en: "at least {need} {need|training|trainings}{audience}",
            zh: "至少{need}次培训{audience}"),
        Entry("short.trainings.for", en: " for {audience}", zh: "（对象：{audience}）"),
        Entry("short.events.asks", en: "at least {need} lectures or publicity events", zh: "至少{need}次讲座或普法宣传活动"),

        // Periods in words (English; Chinese periods come from PeriodText)
        Entry("period.yearWord", en: "the year {year}", zh: "{year}年"),

        // Roster planning (RosterPlanner.swift, DutyPlan.swift)
        Entry(
            "roster.noScheduling", en: "the rule profile '{id}' has no scheduling part",
            zh: "规则配置 '{id}' 没有排班（scheduling）部分"),
        Entry("roster.trainingDay", en: "the county's training day", zh: "县（区）培训日"),
        Entry("roster.ended", en: "the roster model for {who} ended {status}", zh: "{who}的排班模型求解结束，状态为 {status}"),
        Entry("roster.who.team", en: "team {id}", zh: "团队{id}"),
        Entry("roster.who.adviser", en: "adviser {id}", zh: "法律顾问{id}"),
        Entry("roster.away", en: "{adviser} away {from}–{to}{reason}", zh: "{adviser} {from}–{to}不在岗{reason}"),
        Entry(
            "roster.noUsableDay", en: "no usable day in {period} (holidays, weekends not allowed for this village)",
            zh: "{period}没有可用的日子（节假日，或本村（社区）不安排周末服务）"),
        Entry("roster.noDayLeft", en: "no day left in {period}: {leaves}", zh: "{period}已无可用的日子：{leaves}"),
        Entry(
            "roster.allTaken",
            en:
                "every usable day in {period} is already taken by other villages' sessions or the daily limit of {daily} h",
            zh: "{period}每个可用的日子都已被其他村（社区）的服务占用，或已达每日{daily}小时上限"),
        Entry(
            "roster.notPlanned", en: "{activity} ({mode}, {hours} h) could not be planned: {reason}",
            zh: "{activity}（{mode}，{hours}小时）无法排定：{reason}"),
        Entry(
            "duty.trainingDays",
            en:
                "{activity}: {held} training day of county {county} in {period} (training_days in counties.csv or scenario.yaml); the ledger must record the training attended",
            zh: "{activity}：县（区）{county}在{period}{held}培训日（counties.csv 或 scenario.yaml 的 training_days）；台账须记录参加的培训"),
        Entry("duty.trainingDays.no", en: "no", zh: "没有"),
        Entry("duty.trainingDays.only", en: "only {count}", zh: "只有{count}个"),

        // Roster and call-back files (Roster+CSV.swift, CallbackList.swift, CallbackSampler.swift)
        Entry(
            "roster.column.unknown", en: "unknown column '{name}' (expected: {known})", zh: "未知的列 '{name}'（应为：{known}）"),
        Entry("roster.column.missing", en: "missing required column '{name}'", zh: "缺少必需的列 '{name}'"),
        Entry("roster.fieldCount", en: "expected {expected} fields, found {found}", zh: "应有{expected}个字段，实际为{found}个"),
        Entry("roster.date", en: "expected YYYY-MM-DD, got '{raw}'", zh: "应为 YYYY-MM-DD，实际为 '{raw}'"),
        Entry("roster.time", en: "expected HH:MM, got '{raw}'", zh: "应为 HH:MM，实际为 '{raw}'"),
        Entry("roster.endsBefore", en: "ends ({end}) before it starts ({start})", zh: "结束时间（{end}）早于开始时间（{start}）"),
        Entry(
            "roster.ownNoVillage",
            en: "required, but empty (only an adviser's own {report} or {training} has no village)",
            zh: "必填，但为空（只有法律顾问本人的 {report} 或 {training} 没有村（社区））"),
        Entry("callbacks.cannotRead", en: "cannot read the call-back list: {error}", zh: "无法读取回访名单：{error}"),
        Entry(
            "callbacks.notUTF8",
            en: "the file is not UTF-8 text; if Excel saved it as GBK/GB18030, save it again as \"CSV UTF-8 (逗号分隔)\"",
            zh: "文件不是 UTF-8 文本；如果 Excel 保存成了 GBK/GB18030，请另存为“CSV UTF-8 (逗号分隔)”"),
        Entry(
            "callbacks.column.missing",
            en: "missing required column '{name}' (a call-back list as `village-counsel callbacks` writes it)",
            zh: "缺少必需的列 '{name}'（回访名单应为 `village-counsel callbacks` 输出的格式）"),
        Entry(
            "callbacks.result",
            en:
                "expected confirmed, not_confirmed or unreachable (属实, 不属实, 未接通), or empty while not called yet; got '{raw}'",
            zh: "应为 confirmed、not_confirmed 或 unreachable（属实、不属实、未接通），尚未回访时留空；实际为 '{raw}'"),
        Entry(
            "callbacks.notInLedgers",
            en:
                "the entry {entry}({village}, adviser {adviser}, {day} {start}–{end} {activity}) is in none of the ledgers given",
            zh: "记录 {entry}（{village}，法律顾问{adviser}，{day} {start}–{end} {activity}）不在所给的任何台账中"),
        Entry(
            "callbacks.moreDrawn",
            en:
                "{cover} entries are drawn, more than --sample {size}, so that every adviser ({advisers}) and township ({townships}) is represented",
            zh: "抽取了{cover}条记录，多于 --sample {size}，以便每名法律顾问（{advisers}名）和每个乡镇（街道）（{townships}个）都有记录被抽到"),
        Entry(
            "callbacks.fewer",
            en:
                "only {count} entries can be drawn (complete records naming a person served), fewer than --sample {size}: all are listed",
            zh: "只有{count}条记录可抽取（写明服务对象的完整记录），少于 --sample {size}：全部列出"),

        // Assessment (考核) (Assessment.swift)
        Entry(
            "assess.noSection",
            en:
                "the rule profile '{id}' ({path}) has no 'assessment' section, so there are no grades to give; add one (deduction, fail_below_met_share, fail_below_confirmed_share, fail_consequence; see Models/README.md)",
            zh:
                "规则配置 '{id}'（{path}）没有 'assessment' 部分，无法评定考核等次；请补上（deduction、fail_below_met_share、fail_below_confirmed_share、fail_consequence；见 Models/README.md）"
        ),
        Entry(
            "assess.met", en: "{met} of {checks} requirement checks met ({percent})",
            zh: "{checks}项要求检查中达标{met}项（{percent}）"),
        Entry("assess.duties", en: ", duties among them", zh: "，其中含职责"),
        Entry("assess.notDone", en: " (not done: {list})", zh: "（未完成：{list}）"),
        Entry(
            "assess.calls", en: "; call-backs: {confirmed} of {reached} reached confirmed ({percent})",
            zh: "；回访：接通{reached}人，证实{confirmed}人（{percent}）"),
        Entry(
            "assess.belowChecks", en: ", below the {percent} of checks the profile requires (source: {source})",
            zh: "，低于规则配置要求的{percent}达标率（依据：{source}）"),
        Entry(
            "assess.belowCalls", en: ", below the {percent} of call-backs the profile requires (source: {source})",
            zh: "，低于规则配置要求的{percent}回访证实率（依据：{source}）"),
        Entry("assess.notConfirmed", en: "; {count} {count|entry|entries} not confirmed", zh: "；{count}条记录未经证实"),
        Entry("assess.consequence.none", en: "none", zh: "无"),
        Entry(
            "assess.consequence.deduct", en: "the shortfalls are deducted from the subsidy (source: {source})",
            zh: "按未达标项扣减补贴（依据：{source}）"),
        Entry(
            "assess.consequence.reference",
            en: "the shortfalls' deductions are computed for reference only (source: {source})",
            zh: "未达标项的扣减金额仅作参考（依据：{source}）"),
        Entry("assess.firm.none", en: "the adviser's firm", zh: "该法律顾问所在的律师事务所"),
        Entry("assess.firm", en: "firm {id}", zh: "律师事务所{id}"),
        Entry(
            "assess.fail.notRenewed", en: "not renewed: status failed_assessment for the next plan (source: {source})",
            zh: "不再续聘：下一轮选派时状态为 failed_assessment（依据：{source}）"),
        Entry(
            "assess.fail.replaced", en: "replaced: status failed_assessment for the next plan (source: {source})",
            zh: "予以撤换：下一轮选派时状态为 failed_assessment（依据：{source}）"),
        Entry(
            "assess.fail.rectification",
            en: "a rectification request to {firm}; the adviser stays eligible (source: {source})",
            zh: "向{firm}提出整改要求；该法律顾问仍可被选派（依据：{source}）"),
        Entry(
            "assess.fail.reference",
            en: "a reference for the annual assessment and the subsidy; the adviser stays eligible (source: {source})",
            zh: "作为年度考核和补贴的参考；该法律顾问仍可被选派（依据：{source}）"),
        Entry(
            "assess.fail.bureau",
            en:
                "for the bureau to decide; status failed_assessment, which this profile {excludes} from the next plan (source: {source})",
            zh: "由司法局决定；状态为 failed_assessment，本规则配置{excludes}（依据：{source}）"),
        Entry("assess.fail.excludes", en: "excludes", zh: "在下一轮选派中排除此状态"),
        Entry("assess.fail.doesNotExclude", en: "does not exclude", zh: "在下一轮选派中不排除此状态"),
        Entry(
            "assess.base", en: "base: {count} {count|village|villages} × {per} a year × {months}/12 = {base}",
            zh: "基数：{count}个村（社区）× 每年{per} × {months}/12 = {base}"),
        Entry(
            "assess.item",
            en: "{village} {rule} {period} {planned}/{required}: {units} {unit}{units||s} × {rate} = {amount}",
            zh: "{village} {rule} {period} {planned}/{required}：{units}{unit} × {rate} = {amount}"),
        Entry("unit.visit", en: "visit", zh: "次驻村"),
        Entry("unit.hour", en: "hour", zh: "小时"),
        Entry("unit.lecture", en: "lecture", zh: "次讲座"),
        Entry("assess.capped", en: "{village} capped at its base {base}", zh: "{village}扣减以其基数{base}为限"),
        Entry("assess.noDeduction", en: "no deduction", zh: "不扣减"),
        Entry("assess.deductions", en: "deductions: {items} — total {total}", zh: "扣减补贴：{items}——合计{total}"),
        Entry(
            "assess.payable", en: "payable {base} − {deduction} = {payable}", zh: "应付{base} − {deduction} = {payable}"),
        Entry(
            "assess.payableReference", en: "payable {payable}: deductions for reference only ({mode})",
            zh: "应付{payable}：扣减仅作参考（{mode}）"),
        Entry(
            "assess.firmSum", en: "sum over {advisers}: base {base}, deductions {deductions}, payable {payable}",
            zh: "合计{advisers}：基数{base}，扣减{deductions}，应付{payable}"),
        Entry("assess.failedReason", en: "failed the {period} assessment: {reason}", zh: "{period}考核不合格：{reason}"),
        Entry("assess.gradeReason", en: "{period} assessment: {grade}", zh: "{period}考核：{grade}"),
    ]
}
