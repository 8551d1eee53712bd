// MARK: CounselModel: loading and validation errors (the Diagnostic messages)

extension Catalogue {
    static let model: [Entry] = [
        // Files and folders
        Entry("load.noFolder", en: "no such scenario folder", zh: "没有这个方案文件夹"),
        Entry(
            "load.yaml.notUTF8",
            en: "the file is not UTF-8 text; save it again as UTF-8 (an editor's \"Save as… UTF-8\")",
            zh: "文件不是 UTF-8 文本；请另存为 UTF-8（编辑器的“另存为… UTF-8”）"),
        Entry(
            "load.yaml.missing",
            en: "missing: every scenario folder needs a scenario.yaml with at least 'name', 'rules' and 'year'",
            zh: "缺少文件：每个方案文件夹都需要 scenario.yaml，至少写明 'name'、'rules' 和 'year'"),
        Entry(
            "load.file.missing", en: "missing: this file is required (columns: {columns})",
            zh: "缺少文件：必须提供此文件（列：{columns}）"),
        Entry(
            "load.file.orSheet", en: "; or give a sheet '{sheet}' ({chinese}) in scenario.xlsx",
            zh: "；或在 scenario.xlsx 中提供工作表 '{sheet}'（{chinese}）"),
        Entry(
            "load.file.gb18030",
            en: "read as GB18030 (GBK) text, not UTF-8, as Excel and WPS save \"CSV (逗号分隔)\" on a Chinese Windows",
            zh: "按 GB18030（GBK）文本读取，而非 UTF-8（中文 Windows 上 Excel 和 WPS 另存为“CSV (逗号分隔)”即是此编码）"),
        Entry(
            "load.titleLine",
            en: "line {first} above the header ignored (a title or a note); the header is line {header}",
            zh: "表头上方第{first}行已忽略（标题或备注）；表头在第{header}行"),
        Entry(
            "load.titleLines",
            en: "lines {first}–{last} above the header ignored (a title or a note); the header is line {header}",
            zh: "表头上方第{first}–{last}行已忽略（标题或备注）；表头在第{header}行"),
        Entry(
            "load.column.didYouMean", en: "unknown column '{name}'; did you mean '{meant}'? (expected: {known})",
            zh: "未知的列 '{name}'；是否应为 '{meant}'？（应为：{known}）"),
        Entry("load.column.noHeader", en: "a column without a header ignored", zh: "一列没有表头，已忽略"),
        Entry(
            "load.column.unknown", en: "unknown column '{name}' ignored (the columns read are: {known})",
            zh: "未知的列 '{name}' 已忽略（读取的列为：{known}）"),
        Entry("load.column.twice", en: "column '{name}' appears twice", zh: "列 '{name}' 出现了两次"),
        Entry(
            "load.column.missing", en: "missing required column '{name}' (header must include: {required})",
            zh: "缺少必需的列 '{name}'（表头须包含：{required}）"),
        Entry(
            "load.fieldCount", en: "expected {expected} fields as in the header, found {found}",
            zh: "应与表头一样有{expected}个字段，实际为{found}个"),
        Entry(
            "load.idTwice", en: "id '{id}' is already used at {place} (ids must be unique across all files)",
            zh: "编号 '{id}' 已在 {place} 使用（所有文件中的编号不得重复）"),
        Entry("load.lineWord.line", en: "line", zh: "行"),
        Entry("load.lineWord.row", en: "row", zh: "行"),
        Entry("load.at", en: "{word} {line}", zh: "第{line}{word}"),

        // Fields of a row
        Entry("field.problem", en: "{name}: {message}", zh: "{name}：{message}"),
        Entry("field.required", en: "required, but empty", zh: "必填，但为空"),
        Entry("field.expected", en: "expected {what}, got '{raw}'", zh: "应为{what}，实际为 '{raw}'"),
        Entry(
            "field.between", en: "expected {what} between {low} and {high}, got {raw}",
            zh: "应为{low}到{high}之间的{what}，实际为 {raw}"),
        Entry("field.whole", en: "expected {what} (a whole number), got '{raw}'", zh: "应为{what}（整数），实际为 '{raw}'"),
        Entry("field.oneOf", en: "expected one of {values}, got '{raw}'", zh: "应为以下之一：{values}，实际为 '{raw}'"),
        Entry("field.bool", en: "expected true or false, got '{raw}'", zh: "应为 true 或 false，实际为 '{raw}'"),
        Entry(
            "field.wechat",
            en: "expected a WeChat ID (6–20 letters, digits, _ or -, starting with a letter), got '{raw}'",
            zh: "应为微信号（6–20位字母、数字、_ 或 -，以字母开头），实际为 '{raw}'"),
        Entry(
            "field.email", en: "expected an e-mail address (name@example.cn), got '{raw}'",
            zh: "应为电子邮箱地址（如 name@example.cn），实际为 '{raw}'"),
        Entry(
            "field.dates", en: "expected dates YYYY-MM-DD separated by ';', got '{raw}'",
            zh: "应为以 ';' 分隔的日期 YYYY-MM-DD，实际为 '{raw}'"),
        Entry("field.date", en: "expected a date YYYY-MM-DD, got '{raw}'", zh: "应为日期 YYYY-MM-DD，实际为 '{raw}'"),
        Entry(
            "field.serviceDays",
            en: "expected working_days, weekends, or weekday names (mon … sun) separated by ';', got '{raw}'",
            zh: "应为 working_days、weekends 或以 ';' 分隔的星期名（mon … sun），实际为 '{raw}'"),
        Entry("field.endsBefore", en: "ends ({to}) before it starts ({from})", zh: "结束日期（{to}）早于开始日期（{from}）"),
        Entry(
            "field.leadOrMember", en: "expected lead or member, got '{raw}'", zh: "应为 lead（负责人）或 member（成员），实际为 '{raw}'"
        ),
        Entry(
            "field.maxVillages", en: "at most {limit} villages per adviser{note}, got {value}",
            zh: "每名法律顾问最多服务{limit}个村（社区）{note}，实际为 {value}"),
        Entry("field.maxVillages.note", en: " (the rule profile's limit, {source})", zh: "（规则配置的上限，{source}）"),
        Entry("what.latitude", en: "a latitude in degrees", zh: "纬度（度）"),
        Entry("what.longitude", en: "a longitude in degrees", zh: "经度（度）"),
        Entry("what.villages", en: "a number of villages", zh: "村（社区）数"),
        Entry("what.hoursPerMonth", en: "hours per month", zh: "每月小时数"),
        Entry("what.rank", en: "a rank (1 = first choice)", zh: "排序（1 = 第一志愿）"),

        // References between files
        Entry("ref.notIn", en: "{column}: '{value}' is not in {file}", zh: "{column}：'{value}' 不在 {file} 中"),
        Entry(
            "ref.notAdviser", en: "current_adviser: '{value}' is not an adviser in {file}",
            zh: "current_adviser：'{value}' 不是 {file} 中的法律顾问"),
        Entry(
            "ref.township.self", en: "adjacent: township '{id}' lists itself; list only the townships next to it",
            zh: "adjacent：乡镇（街道）'{id}' 列出了自己；只列相邻的乡镇（街道）"),
        Entry(
            "ref.township.unknown", en: "adjacent: '{id}' is not a township id in {file}",
            zh: "adjacent：'{id}' 不是 {file} 中的乡镇（街道）编号"),
        Entry(
            "ref.team.firm",
            en: "firm: every row of team '{team}' names the same firm; {at} names {first}, this row {this}",
            zh: "firm：团队 '{team}' 的每一行应为同一律师事务所；{at}为 {first}，本行为 {this}"),
        Entry("ref.team.none", en: "none", zh: "空"),
        Entry(
            "ref.team.twice",
            en: "member: '{member}' is already in team '{team}' ({at}); an adviser may be in at most one team",
            zh: "member：'{member}' 已在团队 '{team}' 中（{at}）；一名法律顾问最多属于一个团队"),
        Entry(
            "ref.team.twoLeads",
            en: "role_in_team: team '{team}' already has a lead, '{lead}' ({at}); a team has exactly one lead",
            zh: "role_in_team：团队 '{team}' 已有负责人 '{lead}'（{at}）；一个团队只能有一名负责人"),
        Entry(
            "ref.team.apprenticeLead",
            en:
                "member: '{member}' is an apprentice and may not lead team '{team}' (Guangdong 001 §(十二): an apprentice may not serve alone; a team needs a licensed lead)",
            zh: "member：'{member}' 是申请律师执业实习人员，不能担任团队 '{team}' 的负责人（广东 001 §(十二)：不得指派实习人员独自担任法律顾问；团队须由执业律师负责）"),
        Entry(
            "ref.team.noLead", en: "team '{team}' has no lead; exactly one of its rows needs role_in_team=lead",
            zh: "团队 '{team}' 没有负责人；其中恰好一行须写 role_in_team=lead"),
        Entry(
            "ref.serviceModel.needs", en: "service_model: {model} needs {file} (columns {columns})",
            zh: "service_model: {model} 需要 {file}（列：{columns}）"),
        Entry("ref.serviceModel.setBy", en: " (set by {origin})", zh: "（由 {origin} 设定）"),
        Entry("ref.serviceModel.anOverride", en: "an override", zh: "命令行选项"),
        Entry(
            "ref.village.township",
            en: "township: '{id}' is not a township id in {file} (service_model: township assigns whole townships)",
            zh: "township：'{id}' 不是 {file} 中的乡镇（街道）编号（service_model: township 按“一所一镇”整乡镇分配）"),
        Entry(
            "ref.village.townshipCounty",
            en: "township: '{id}' is in county '{county}' ({file} {at}), but this village is in county '{village}'",
            zh: "township：'{id}' 属于县（区）'{county}'（{file} {at}），但此村（社区）属于县（区）'{village}'"),
        Entry(
            "ref.pref.villageRanks.field", en: "a village ranks advisers or firms; '{to}' is neither",
            zh: "村（社区）只能对法律顾问或律师事务所排序；'{to}' 两者都不是"),
        Entry(
            "ref.pref.adviserRanks.field", en: "an adviser ranks villages; '{to}' is not a village",
            zh: "法律顾问只能对村（社区）排序；'{to}' 不是村（社区）"),
        Entry(
            "ref.neither.field", en: "'{value}' is neither a village nor an adviser", zh: "'{value}' 既不是村（社区）也不是法律顾问"),
        Entry(
            "ref.pref.villageRanks", en: "to: a village ranks advisers or firms; '{to}' is neither",
            zh: "to：村（社区）只能对法律顾问或律师事务所排序；'{to}' 两者都不是"),
        Entry(
            "ref.pref.adviserRanks", en: "to: an adviser ranks villages; '{to}' is not a village",
            zh: "to：法律顾问只能对村（社区）排序；'{to}' 不是村（社区）"),
        Entry(
            "ref.pref.from", en: "from: '{from}' is neither a village nor an adviser",
            zh: "from：'{from}' 既不是村（社区）也不是法律顾问"),
        Entry(
            "ref.pref.twice", en: "'{from}' ranks '{to}' a second time (first at {at})",
            zh: "'{from}' 对 '{to}' 重复排序（首次在{at}）"),
        Entry(
            "ref.conflict.unknown", en: "{column}: '{value}' is neither a village nor an adviser",
            zh: "{column}：'{value}' 既不是村（社区）也不是法律顾问"),
        Entry("ref.conflict.same", en: "a and b are the same ('{value}')", zh: "a 和 b 相同（'{value}'）"),
        Entry(
            "ref.conflict.twoAdvisers",
            en: "a conflict names two villages, or an adviser and a village; '{a}' and '{b}' are both advisers",
            zh: "利益冲突（回避）须写两个村（社区），或一名法律顾问和一个村（社区）；'{a}' 和 '{b}' 都是法律顾问"),

        // scenario.yaml
        Entry(
            "yaml.email", en: "'{key}' must be an e-mail address (name@example.cn), got '{raw}'",
            zh: "'{key}' 应为电子邮箱地址（如 name@example.cn），实际为 '{raw}'"),
        Entry(
            "yaml.trainingDays", en: "'training_days' must list dates YYYY-MM-DD, got '{raw}'",
            zh: "'training_days' 应列出日期 YYYY-MM-DD，实际为 '{raw}'"),
        Entry(
            "yaml.serviceDays",
            en: "'service_days' must be working_days, weekends, or weekday names (mon … sun), got '{raw}'",
            zh: "'service_days' 应为 working_days、weekends 或星期名（mon … sun），实际为 '{raw}'"),
        Entry("yaml.atMost", en: "'{key}' must be at most {max}", zh: "'{key}' 不得超过 {max}"),
        Entry(
            "yaml.missingYear", en: "missing required key 'year' in scenario.yaml", zh: "scenario.yaml 缺少必需的键 'year'"),
        Entry(
            "yaml.weightTooLarge", en: "'{key}' must be at most 1000000 (a weight that large swamps every other term)",
            zh: "'{key}' 不得超过 1000000（权重过大会淹没其他各项）"),
        Entry(
            "yaml.objective",
            en: "'objective' must be a mapping of weights (preference, distance_km, change, support, needs)",
            zh: "'objective' 应为权重映射（preference、distance_km、change、support、needs）"),
        Entry("yaml.unknownProfile", en: "unknown rule profile '{name}'", zh: "未知的规则配置 '{name}'"),
        Entry(
            "yaml.unknownProfile.noModels", en: " (no Models/rules folder found; set VILLAGE_COUNSEL_MODELS)",
            zh: "（未找到 Models/rules 文件夹；请设置 VILLAGE_COUNSEL_MODELS）"),
        Entry(
            "yaml.unknownProfile.expected", en: " (expected one of: {known}, or a path to a .yaml file)",
            zh: "（应为以下之一：{known}，或一个 .yaml 文件的路径）"),

        // YAML reader (every YAML file)
        Entry("yaml.empty", en: "the file is empty; expected a YAML mapping", zh: "文件为空；应为 YAML 映射"),
        Entry(
            "yaml.topLevel", en: "expected a YAML mapping of keys to values at the top level", zh: "顶层应为键到值的 YAML 映射"),
        Entry("yaml.cannotParse", en: "cannot parse YAML: {error}", zh: "无法解析 YAML：{error}"),
        Entry("yaml.invalid", en: "invalid YAML: {problem}", zh: "YAML 格式错误：{problem}"),
        Entry("yaml.textKey", en: "expected a text key", zh: "键应为文本"),
        Entry(
            "yaml.keyTwice", en: "'{key}' is given twice in {context}; keep one", zh: "'{key}' 在 {context} 中出现两次；只保留一个"),
        Entry(
            "yaml.unknownKey", en: "unknown key '{key}' in {context} (expected one of: {known})",
            zh: "{context} 中有未知的键 '{key}'（应为以下之一：{known}）"),
        Entry("yaml.missingKey", en: "missing required key '{key}' in {context}", zh: "{context} 缺少必需的键 '{key}'"),
        Entry("yaml.text", en: "'{key}' must be a non-empty text", zh: "'{key}' 应为非空文本"),
        Entry("yaml.number", en: "'{key}' must be a number, got '{raw}'", zh: "'{key}' 应为数字，实际为 '{raw}'"),
        Entry("yaml.atLeast", en: "'{key}' must be at least {min}, got {raw}", zh: "'{key}' 不得小于 {min}，实际为 {raw}"),
        Entry("yaml.whole", en: "'{key}' must be a whole number, got '{raw}'", zh: "'{key}' 应为整数，实际为 '{raw}'"),
        Entry("yaml.bool", en: "'{key}' must be true or false", zh: "'{key}' 应为 true 或 false"),
        Entry(
            "yaml.oneOf", en: "'{key}' must be one of {values}, got '{raw}'", zh: "'{key}' 应为以下之一：{values}，实际为 '{raw}'"),
        Entry("yaml.listOrMapping", en: "a list or mapping", zh: "列表或映射"),

        // CSV text (CSVTable.swift)
        Entry(
            "csv.quoteInside",
            en: "a quote (\") inside an unquoted field; quote the whole field and double the inner quote (\"\")",
            zh: "未加引号的字段中有引号（\"）；请给整个字段加引号，并把其中的引号写两次（\"\"）"),
        Entry("csv.afterQuote", en: "text after the closing quote of a quoted field", zh: "加引号的字段在结束引号之后还有文字"),
        Entry("csv.unclosed", en: "a quoted field is never closed (missing \")", zh: "加引号的字段没有结束（缺少 \"）"),
        Entry("csv.empty", en: "the file is empty; expected a header row", zh: "文件为空；应有表头行"),
        Entry(
            "csv.needsColumns",
            en: "the file needs the {count|column|columns} {names} (as `village-counsel` writes {file})",
            zh: "文件需要列 {names}（共{count}列，与 `village-counsel` 写出的 {file} 相同）"),
        Entry(
            "csv.tooLarge",
            en:
                "the file is {size}, more than the {limit} MiB a table may have (a national scenario's largest table is about 55 MB); nothing of it was read — is this the right file?",
            zh: "文件大小为 {size}，超过一张表允许的 {limit} MiB（全国规模方案最大的表约 55 MB）；文件未被读取——是不是选错了文件？"),
        Entry(
            "csv.grew", en: "the file is {size}, more than the {limit} MiB a table may have",
            zh: "文件大小为 {size}，超过一张表允许的 {limit} MiB"),
        Entry(
            "csv.fieldTooLong",
            en:
                "a field of more than {bytes} bytes ({kib} KiB) starts here; no value of a table is that long — is this the right file?",
            zh: "此处开始的字段超过 {bytes} 字节（{kib} KiB）；表中没有这么长的值——是不是选错了文件？"),
        Entry(
            "csv.fieldTooLongQuoted",
            en:
                "a field of more than {bytes} bytes ({kib} KiB) starts here inside quotes; is a closing quote (\") missing?",
            zh: "此处开始的加引号字段超过 {bytes} 字节（{kib} KiB）；是否缺少结束引号（\"）？"),
        Entry(
            "csv.tooManyFields",
            en: "more than {limit} fields on one line; no table has that many columns — is this the right file?",
            zh: "一行超过 {limit} 个字段；没有哪张表有这么多列——是不是选错了文件？"),
        Entry(
            "yaml.tooLarge",
            en:
                "the file is {bytes} bytes, more than the {limit} MiB a settings file may have; is this the right file?",
            zh: "文件有 {bytes} 字节，超过设置文件允许的 {limit} MiB；是不是选错了文件？"),
        Entry(
            "yaml.tooDeep", en: "nested {depth} levels deep, more than the {limit} a settings file may have",
            zh: "嵌套 {depth} 层，超过设置文件允许的 {limit} 层"),
        Entry(
            "yaml.aliasBomb",
            en:
                "the document holds more than {limit} values once its aliases (*name) are expanded (an alias repeating a part that repeats others, an \"alias bomb\"?); a settings file holds a few hundred",
            zh: "展开别名（*name）后文档含有超过 {limit} 个值（别名重复了又重复其他部分的内容，即“别名炸弹”？）；设置文件通常只有几百个值"),
        Entry("id.empty", en: "an id may not be empty", zh: "编号不能为空"),
        Entry(
            "id.tooLong", en: "an id has at most {limit} characters; this one has {count}",
            zh: "编号最多 {limit} 个字符；此编号有 {count} 个"),
        Entry("id.dot", en: "an id may not be '.' (it names the folder itself)", zh: "编号不能是 '.'（它表示文件夹本身）"),
        Entry(
            "id.separator",
            en: "character {at} is '{char}', a path separator; an id may not contain one (ids become file names)",
            zh: "第 {at} 个字符是 '{char}'，即路径分隔符；编号不能含有路径分隔符（编号会用作文件名）"),
        Entry(
            "id.separatorLookAlike",
            en: "character {at} is {char}, which looks like a path separator; an id may not contain one",
            zh: "第 {at} 个字符是 {char}，形似路径分隔符；编号不能含有路径分隔符"),
        Entry(
            "id.semicolon", en: "character {at} is ';', which separates the ids of a list; an id may not contain it",
            zh: "第 {at} 个字符是 ';'，它用于分隔列表中的编号；编号不能含有它"),
        Entry(
            "id.dots",
            en:
                "character {at} starts '{chars}'; an id may not contain '..' (it names the parent folder), nor two characters that look like it",
            zh: "从第 {at} 个字符起是 '{chars}'；编号不能含有 '..'（它表示上级文件夹），也不能含有形似它的两个字符"),
        Entry(
            "id.dotsLookAlike", en: "character {at} is {char}, which looks like '..'; an id may not contain '..'",
            zh: "第 {at} 个字符是 {char}，形似 '..'；编号不能含有 '..'"),
        Entry(
            "id.spaceStart", en: "character {at} is a space at the start; an id may not begin or end with a space",
            zh: "第 {at} 个字符是开头的空格；编号不能以空格开头或结尾"),
        Entry(
            "id.spaceEnd", en: "character {at} is a space at the end; an id may not begin or end with a space",
            zh: "第 {at} 个字符是结尾的空格；编号不能以空格开头或结尾"),
        Entry(
            "id.invisible", en: "character {at} is {char}, {kind}; an id may contain only visible characters",
            zh: "第 {at} 个字符是 {char}（{kind}）；编号只能含有可见字符"),
        Entry("id.notValid", en: "{value} is not a valid id: {reason}", zh: "{value} 不是有效的编号：{reason}"),
        Entry("id.kind.control", en: "a control character", zh: "控制字符"),
        Entry("id.kind.format", en: "an invisible format character", zh: "不可见的格式字符"),
        Entry("id.kind.lineSeparator", en: "a line separator", zh: "行分隔符"),
        Entry("id.kind.privateUse", en: "a private-use character", zh: "私用区字符"),
        Entry("id.kind.surrogate", en: "a surrogate code point", zh: "代理码点"),
        Entry("id.kind.unassigned", en: "not an assigned character", zh: "未分配的字符"),
        Entry("id.kind.otherSpace", en: "a space other than the plain space", zh: "非普通空格的空白"),
        Entry("id.kind.noncharacter", en: "a noncharacter", zh: "非字符码点"),
        Entry("id.kind.variationSelector", en: "an invisible variation selector", zh: "不可见的变体选择符"),
        Entry("id.kind.filler", en: "an invisible filler", zh: "不可见的填充字符"),
        Entry("id.kind.otherWhitespace", en: "whitespace other than the plain space", zh: "非普通空格的空白字符"),
        Entry("csv.cannotRead", en: "cannot read the file: {error}", zh: "无法读取文件：{error}"),
        Entry(
            "csv.encoding",
            en:
                "the file is neither UTF-8 nor GB18030 (GBK) text: byte {byte} of this line ({shown}) is not a character in either; save it again from Excel or WPS as \"CSV UTF-8 (逗号分隔)\"",
            zh: "文件既不是 UTF-8 也不是 GB18030（GBK）文本：本行第{byte}个字节（{shown}）在两种编码中都不是字符；请在 Excel 或 WPS 中另存为“CSV UTF-8 (逗号分隔)”"),

        // Workbooks (Scenario+Workbook.swift)
        Entry(
            "sheet.didYouMean",
            en: "sheet '{sheet}' is not a table of a scenario; did you mean '{meant}'? (sheets: {sheets})",
            zh: "工作表 '{sheet}' 不是方案的数据表；是否应为 '{meant}'？（工作表：{sheets}）"),
        Entry(
            "sheet.ignored", en: "sheet '{sheet}' ignored: not a table of a scenario (sheets: {sheets})",
            zh: "工作表 '{sheet}' 已忽略：不是方案的数据表（工作表：{sheets}）"),
        Entry(
            "sheet.givenTwice", en: "{table} is given {count} times: {places}; keep one of them",
            zh: "{table} 提供了{count}次：{places}；只保留其中一个"),
        Entry(
            "sheet.whichOne",
            en: "the workbook has sheets {sheets}; name the one with the {table} '{table}' (or '{chinese}')",
            zh: "工作簿有工作表 {sheets}；请把{table}所在的工作表命名为 '{table}'（或 '{chinese}'）"),
        Entry("sheet.cannotRead", en: "cannot read the workbook: {error}", zh: "无法读取工作簿：{error}"),
        Entry("sheet.empty", en: "the sheet is empty; expected a header row", zh: "工作表为空；应有表头行"),
        Entry(
            "sheet.titleRow",
            en: "row {first} above the header ignored (a title or a note); the header is row {header}",
            zh: "表头上方第{first}行已忽略（标题或备注）；表头在第{header}行"),
        Entry(
            "sheet.titleRows",
            en: "rows {first}–{last} above the header ignored (a title or a note); the header is row {header}",
            zh: "表头上方第{first}–{last}行已忽略（标题或备注）；表头在第{header}行"),
        Entry(
            "sheet.errorValue", en: "the cell holds the error value {value}; expected a value",
            zh: "单元格是错误值 {value}；应为数值或文字"),
        Entry(
            "sheet.formula",
            en:
                "the cell holds a formula ({formula}) whose value was never calculated; open the file in Excel or WPS and save it again, or paste the values",
            zh: "单元格是从未计算过的公式（{formula}）；请在 Excel 或 WPS 中打开并重新保存，或粘贴为数值"),
        Entry(
            "sheet.noHeaderColumn",
            en:
                "a column without a header ignored ({count} {count|value|values} from here down); give it a header if it is meant to be read",
            zh: "一列没有表头，已忽略（从此处往下{count}个值）；如需读取请加表头"),
        Entry("sheet.place", en: "{file} sheet '{sheet}'", zh: "{file} 工作表 '{sheet}'"),

        // Photos (ScenarioPhoto.swift)
        Entry(
            "photo.relative",
            en: "expected a path relative to the scenario folder (e.g. photos/A001.jpg), got '{path}'",
            zh: "应为相对于方案文件夹的路径（如 photos/A001.jpg），实际为 '{path}'"),
        Entry(
            "photo.leaves", en: "'{path}' leaves the scenario folder ('..'); give a path inside it",
            zh: "'{path}' 指向方案文件夹之外（'..'）；请给出文件夹内的路径"),
        Entry(
            "photo.kind", en: "'{path}' is not a PNG or JPEG file (expected .png, .jpg or .jpeg)",
            zh: "'{path}' 不是 PNG 或 JPEG 文件（应为 .png、.jpg 或 .jpeg）"),
        Entry("photo.unresolved", en: "the scenario folder cannot be resolved", zh: "无法解析方案文件夹的路径"),
        Entry("photo.noFile", en: "'{path}': no such file in the scenario folder", zh: "'{path}'：方案文件夹中没有此文件"),
        Entry(
            "photo.linkOut",
            en:
                "'{path}' resolves to {resolved}, outside the scenario folder (a symbolic link out of it); copy the photo into the folder",
            zh: "'{path}' 指向方案文件夹之外的 {resolved}（符号链接）；请把照片复制到文件夹内"),
        Entry("photo.notRegular", en: "'{path}' is not a regular file", zh: "'{path}' 不是普通文件"),
        Entry("photo.empty", en: "'{path}' is empty", zh: "'{path}' 为空"),
        Entry(
            "photo.tooLarge", en: "'{path}' is {bytes} bytes; a photo may be at most {max} MiB",
            zh: "'{path}' 有 {bytes} 字节；照片最大 {max} MiB"),
        Entry("photo.unreadable", en: "'{path}' cannot be read", zh: "无法读取 '{path}'"),
        Entry("photo.png", en: "a PNG image", zh: "PNG 图片"),
        Entry("photo.jpeg", en: "a JPEG image", zh: "JPEG 图片"),
        Entry("photo.neither", en: "not a PNG or JPEG image", zh: "既不是 PNG 也不是 JPEG 图片"),
        Entry(
            "photo.mismatch", en: "'{path}' is named .{ext} but its content is {actually}",
            zh: "'{path}' 扩展名为 .{ext}，但内容是{actually}"),

        // Rule profiles (Models/rules/*.yaml: RuleProfile, SchedulingRules, DutyRules, LedgerRules, PublicationRules, AssessmentRules)
        Entry("context.duty", en: "a duty", zh: "职责条目"),
        Entry("context.ledgerField", en: "a ledger field requirement", zh: "台账字段要求"),
        Entry("context.profile", en: "a rule profile", zh: "规则配置"),
        Entry("context.requirement", en: "a requirement", zh: "服务要求条目"),
        Entry("context.rule", en: "rule '{key}'", zh: "规则 '{key}'"),
        Entry("context.entryOf", en: "an entry of '{key}'", zh: "'{key}' 的条目"),
        Entry("profile.cannotRead", en: "cannot read the rule profile: {error}", zh: "无法读取规则配置：{error}"),
        Entry("profile.noAssignment", en: "missing required section 'assignment'", zh: "缺少必需的部分 'assignment'"),
        Entry(
            "profile.failMustList",
            en:
                "'assessment.fail_consequence' is {value}, so 'assignment.excluded_statuses' must list failed_assessment",
            zh: "'assessment.fail_consequence' 为 {value}，因此 'assignment.excluded_statuses' 必须列出 failed_assessment"),
        Entry(
            "profile.failMustNotList",
            en:
                "'assessment.fail_consequence' is {value}, so 'assignment.excluded_statuses' must not list failed_assessment",
            zh: "'assessment.fail_consequence' 为 {value}，因此 'assignment.excluded_statuses' 不得列出 failed_assessment"),
        Entry("profile.section.mapping", en: "'{section}' must be a mapping of rules", zh: "'{section}' 应为规则映射"),
        Entry(
            "profile.capWhole", en: "'{key}' must be a whole number of villages, at least 1",
            zh: "'{key}' 应为村（社区）数，整数，至少为1"),
        Entry("profile.roles", en: "'eligible_roles' must be a list of roles", zh: "'eligible_roles' 应为身份列表"),
        Entry(
            "profile.unknownRole", en: "unknown role '{name}' (expected one of: {known})",
            zh: "未知的身份 '{name}'（应为以下之一：{known}）"),
        Entry("profile.statuses", en: "'excluded_statuses' must be a list", zh: "'excluded_statuses' 应为列表"),
        Entry(
            "profile.unknownStatus", en: "unknown status '{name}' (expected one of: {known})",
            zh: "未知的状态 '{name}'（应为以下之一：{known}）"),
        Entry(
            "profile.monthlyHours", en: "'monthly_hours_per_village' must be a number of hours, at least 0",
            zh: "'monthly_hours_per_village' 应为小时数，至少为0"),
        Entry(
            "profile.capOrder", en: "'under_resourced_cap' ({ur}) must not be below 'cap' ({cap})",
            zh: "'under_resourced_cap'（{ur}）不得小于 'cap'（{cap}）"),
        Entry("profile.missingRule", en: "missing required rule '{rule}'", zh: "缺少必需的规则 '{rule}'"),
        Entry(
            "profile.rule.mapping",
            en: "rule '{key}' must be a mapping with 'value' and 'source' (seed file and section)",
            zh: "规则 '{key}' 应为含 'value' 和 'source'（依据文件及条款）的映射"),
        Entry("profile.rule.noValue", en: "rule '{key}' has no 'value'", zh: "规则 '{key}' 没有 'value'"),
        Entry(
            "profile.source.needsChinese",
            en:
                "this 'source' adds a note in English ('{note}' …) but has no 'source_zh' beside it: the same source in Chinese, the seed's words as quoted and the note in Chinese",
            zh: "此 'source' 附有英文说明（'{note}' …），但旁边没有 'source_zh'：应以中文写出同一依据，原文照录，说明译为中文"),
        Entry(
            "profile.source.zhText", en: "'source_zh' must be text: the source in Chinese", zh: "'source_zh' 应为文字：中文的依据"
        ),
        Entry(
            "profile.source.zhDropsSeed",
            en: "'source_zh' must keep the seed's words as 'source' quotes them: '{words}' is not in it",
            zh: "'source_zh' 应照录 'source' 所引原文：其中没有 '{words}'"),
        Entry(
            "profile.source.zhEnglish", en: "'source_zh' must be in Chinese: '{run}' is English",
            zh: "'source_zh' 应为中文：'{run}' 是英文"),
        Entry(
            "profile.rule.noSource", en: "rule '{key}' has no 'source' (every rule names its seed file and section)",
            zh: "规则 '{key}' 没有 'source'（每条规则都须写明依据文件及条款）"),
        Entry("profile.oneOf", en: "'{key}' must be one of: {values}", zh: "'{key}' 应为以下之一：{values}"),
        Entry("profile.share", en: "'{key}' must be a share between 0 and 1", zh: "'{key}' 应为0到1之间的比例"),
        Entry(
            "profile.duties.list",
            en: "'duties' must be a list of {{id, scope, activity, period, min, hours, planned, source}}",
            zh: "'duties' 应为 {{id, scope, activity, period, min, hours, planned, source}} 的列表"),
        Entry(
            "profile.duties.item",
            en: "each duty is a mapping (id, scope, activity, period, min, hours, planned, source)",
            zh: "每个职责条目应为映射（id、scope、activity、period、min、hours、planned、source）"),
        Entry("profile.duty.noID", en: "a duty has no 'id'", zh: "职责条目没有 'id'"),
        Entry("profile.duty.twice", en: "duty id '{id}' is used twice", zh: "职责编号 '{id}' 用了两次"),
        Entry(
            "profile.duty.noSource", en: "duty '{id}' has no 'source' (every rule names its seed file and section)",
            zh: "职责 '{id}' 没有 'source'（每条规则都须写明依据文件及条款）"),
        Entry(
            "profile.duty.noScope", en: "duty '{id}' has no 'scope' (firm or adviser)",
            zh: "职责 '{id}' 没有 'scope'（firm 律师事务所或 adviser 法律顾问）"),
        Entry("profile.duty.noKey", en: "duty '{id}' has no '{key}'", zh: "职责 '{id}' 没有 '{key}'"),
        Entry(
            "profile.duty.noHours", en: "duty '{id}' has no 'hours' (the length schedule plans)",
            zh: "职责 '{id}' 没有 'hours'（排班所用的时长）"),
        Entry(
            "profile.duty.noPlanned", en: "duty '{id}' has no 'planned' (true: schedule gives it a date)",
            zh: "职责 '{id}' 没有 'planned'（true：排班时为其安排日期）"),
        Entry(
            "profile.duty.own", en: "duty '{id}': activity {activity} is an adviser's own; give it scope: adviser",
            zh: "职责 '{id}'：活动 {activity} 属法律顾问本人；请写 scope: adviser"),
        Entry(
            "profile.unknownActivity", en: "unknown activity '{name}' (expected one of: {known})",
            zh: "未知的活动 '{name}'（应为以下之一：{known}）"),
        Entry(
            "profile.ledger.mapping", en: "'ledger' must be a mapping with 'required_fields'",
            zh: "'ledger' 应为含 'required_fields' 的映射"),
        Entry(
            "profile.ledger.noFields",
            en: "'ledger' has no 'required_fields' (a list of {{id, fields, activities, source}})",
            zh: "'ledger' 没有 'required_fields'（{{id, fields, activities, source}} 的列表）"),
        Entry(
            "profile.ledger.list", en: "'required_fields' must be a list of {{id, fields, activities, source}}",
            zh: "'required_fields' 应为 {{id, fields, activities, source}} 的列表"),
        Entry(
            "profile.ledger.item", en: "each entry of 'required_fields' is a mapping (id, fields, activities, source)",
            zh: "'required_fields' 的每个条目应为映射（id、fields、activities、source）"),
        Entry("profile.ledger.noID", en: "a ledger field requirement has no 'id'", zh: "台账字段要求没有 'id'"),
        Entry("profile.ledger.twice", en: "ledger requirement id '{id}' is used twice", zh: "台账要求编号 '{id}' 用了两次"),
        Entry(
            "profile.ledger.noSource",
            en: "ledger requirement '{id}' has no 'source' (every rule names its seed file and section)",
            zh: "台账要求 '{id}' 没有 'source'（每条规则都须写明依据文件及条款）"),
        Entry(
            "profile.ledger.unknownField", en: "unknown ledger field '{name}' (expected one of: {known})",
            zh: "未知的台账字段 '{name}'（应为以下之一：{known}）"),
        Entry(
            "profile.ledger.needsFields", en: "ledger requirement '{id}' needs 'fields', a non-empty list",
            zh: "台账要求 '{id}' 需要 'fields'（非空列表）"),
        Entry(
            "profile.ledger.activities", en: "'activities' must be a list of activities ({known})",
            zh: "'activities' 应为活动列表（{known}）"),
        Entry(
            "profile.publication.mapping",
            en: "'publication' must be a mapping with 'hotline', 'notice_board' and 'contact_card'",
            zh: "'publication' 应为含 'hotline'、'notice_board' 和 'contact_card' 的映射"),
        Entry(
            "profile.publication.hotline", en: "'hotline' must be a phone number such as \"12348\"",
            zh: "'hotline' 应为电话号码，如 \"12348\""),
        Entry(
            "profile.publication.noKey", en: "'publication' has no '{key}' (a list of {{items, source}})",
            zh: "'publication' 没有 '{key}'（{{items, source}} 的列表）"),
        Entry(
            "profile.publication.list", en: "'{key}' must be a non-empty list of {{items, source}}",
            zh: "'{key}' 应为非空的 {{items, source}} 列表"),
        Entry(
            "profile.publication.item", en: "each entry of '{key}' is a mapping (items, source)",
            zh: "'{key}' 的每个条目应为映射（items、source）"),
        Entry(
            "profile.publication.noSource",
            en: "an entry of '{key}' has no 'source' (every rule names its seed file and section)",
            zh: "'{key}' 的一个条目没有 'source'（每条规则都须写明依据文件及条款）"),
        Entry(
            "profile.publication.unknownItem", en: "unknown item '{name}' (expected one of: {known})",
            zh: "未知的公示项目 '{name}'（应为以下之一：{known}）"),
        Entry("profile.publication.twice", en: "'{item}' is listed twice in '{key}'", zh: "'{item}' 在 '{key}' 中列了两次"),
        Entry(
            "profile.publication.needsItems", en: "an entry of '{key}' needs 'items', a non-empty list",
            zh: "'{key}' 的条目需要 'items'（非空列表）"),
        Entry(
            "profile.publication.qr",
            en: "'{key}' lists wechat_qr without wechat: the QR code encodes the WeChat ID printed beside it",
            zh: "'{key}' 列了 wechat_qr 却没有 wechat：二维码编码的是旁边印出的微信号"),
        Entry("profile.missingScheduling", en: "missing 'scheduling.{key}'", zh: "缺少 'scheduling.{key}'"),
        Entry("profile.scheduling.mapping", en: "'scheduling' must be a mapping", zh: "'scheduling' 应为映射"),
        Entry("profile.hours012", en: "'{key}' must be a number of hours between 0 and 12", zh: "'{key}' 应为0到12之间的小时数"),
        Entry("profile.wholeAtLeast0", en: "must be a whole number, at least 0", zh: "应为整数，至少为0"),
        Entry("profile.workingDays", en: "must be a whole number of working days", zh: "应为工作日数（整数）"),
        Entry("profile.bool", en: "must be true or false", zh: "应为 true 或 false"),
        Entry("profile.requirements", en: "'{key}' must be a list of requirements", zh: "'{key}' 应为服务要求列表"),
        Entry(
            "profile.requirement.item", en: "each requirement is a mapping (id, measure, period, min, source)",
            zh: "每个服务要求应为映射（id、measure、period、min、source）"),
        Entry(
            "profile.requirement.noSource",
            en: "requirement '{id}' has no 'source' (every rule names its seed file and section)",
            zh: "服务要求 '{id}' 没有 'source'（每条规则都须写明依据文件及条款）"),
        Entry("profile.requirement.noKey", en: "requirement '{id}' has no '{key}'", zh: "服务要求 '{id}' 没有 '{key}'"),
        Entry(
            "profile.unknownMeasure", en: "unknown measure '{name}' (expected one of: {known})",
            zh: "未知的考核指标 '{name}'（应为以下之一：{known}）"),
        Entry(
            "profile.unknownPeriod", en: "unknown period '{name}' (expected one of: {known})",
            zh: "未知的周期 '{name}'（应为以下之一：{known}）"),
        Entry("profile.flexible", en: "'flexible' can only be 'replaced'", zh: "'flexible' 只能为 'replaced'"),
        Entry("profile.requirement.twice", en: "requirement id '{id}' is used twice", zh: "服务要求编号 '{id}' 用了两次"),

        // Overrides (--set, --overlay; Scenario+Overrides.swift)
        Entry(
            "override.expected.rules",
            en: "a rule profile name (e.g. nanning, guangdong) or a path to a profile .yaml file",
            zh: "规则配置名称（如 nanning、guangdong）或规则配置 .yaml 文件的路径"),
        Entry(
            "override.expected.cap", en: "a whole number of villages per adviser, at least 1",
            zh: "每名法律顾问服务的村（社区）数，整数，至少为1"),
        Entry("override.expected.hours", en: "a number of hours, at least 0", zh: "小时数，至少为0"),
        Entry("override.expected.km", en: "a distance in km, above 0", zh: "公里数，大于0"),
        Entry("override.expected.year", en: "a year, 2000 to 9999", zh: "年份，2000至9999"),
        Entry("override.expected.weight", en: "a weight, a number from 0 to 1000000", zh: "权重，0至1000000之间的数"),
        Entry("override.expected.bool", en: "true or false", zh: "true 或 false"),
        Entry("override.expected.dailyHours", en: "a number of hours from 1 to 12", zh: "1至12之间的小时数"),
        Entry(
            "override.overlay.unreadable", en: "cannot read the overlay (is it UTF-8 text?)",
            zh: "无法读取覆盖文件（是否为 UTF-8 文本？）"),
        Entry("override.overlay.missing", en: "no such overlay file", zh: "没有这个覆盖文件"),
        Entry(
            "override.set.form", en: "--set {argument}: expected KEY=VALUE with KEY one of: {keys}",
            zh: "--set {argument}：应为 KEY=VALUE，KEY 为以下之一：{keys}"),
        Entry(
            "override.set.unknown", en: "--set {argument}: unknown key '{name}' (expected one of: {keys})",
            zh: "--set {argument}：未知的键 '{name}'（应为以下之一：{keys}）"),
        Entry(
            "override.set.value", en: "--set {argument}: {key} must be {expected}, got '{raw}'",
            zh: "--set {argument}：{key} 应为{expected}，实际为 '{raw}'"),
        Entry("override.overlay.at", en: "--overlay {at}: {message}", zh: "--overlay {at}：{message}"),
        Entry(
            "override.overlay.mapping", en: "expected a YAML mapping of keys ({keys}) to values",
            zh: "应为键（{keys}）到值的 YAML 映射"),
        Entry("override.overlay.textKey", en: "expected a text key", zh: "键应为文本"),
        Entry(
            "override.overlay.unknown", en: "unknown key '{name}' (expected one of: {keys})",
            zh: "未知的键 '{name}'（应为以下之一：{keys}）"),
        Entry(
            "override.overlay.value", en: "{name} must be {expected}, got {got}", zh: "{name} 应为{expected}，实际为 {got}"),
        Entry("override.got.nothing", en: "nothing", zh: "空值"),
        Entry("override.got.list", en: "a list", zh: "列表"),
        Entry("override.got.mapping", en: "a mapping", zh: "映射"),
        Entry("override.or", en: " or ", zh: "或"),
        Entry(
            "override.lowered",
            en: "max_villages lowered to {to} for {count} {count|adviser|advisers} (stated {stated}): {ids}",
            zh: "已把{count}名法律顾问的 max_villages 降为{to}（原填{stated}）：{ids}"),
        Entry(
            "override.profile.path",
            en: "{origin}: unknown rule profile '{name}' (expected a path to a profile .yaml file)",
            zh: "{origin}：未知的规则配置 '{name}'（应为规则配置 .yaml 文件的路径）"),
        Entry(
            "override.profile.known",
            en: "{origin}: unknown rule profile '{name}' (expected one of: {known}, or a path to a .yaml file)",
            zh: "{origin}：未知的规则配置 '{name}'（应为以下之一：{known}，或一个 .yaml 文件的路径）"),
        Entry(
            "override.capOrder",
            en:
                "{given}: rules.under_resourced_cap ({ur}) must not be below rules.cap ({cap}) in profile '{profile}'; expected rules.cap at most rules.under_resourced_cap (set both)",
            zh:
                "{given}：规则配置 '{profile}' 中 rules.under_resourced_cap（{ur}）不得小于 rules.cap（{cap}）；rules.cap 应不大于 rules.under_resourced_cap（请同时设置两者）"
        ),

        // Calendars and subsidy (WorkCalendar.swift, SubsidySettings.swift)
        Entry("calendar.columns", en: "a calendar needs the columns date,kind,name", zh: "工作日历需要列 date,kind,name"),
        Entry(
            "calendar.fieldCount", en: "expected {expected} fields, found {found}", zh: "应有{expected}个字段，实际为{found}个"),
        Entry("calendar.date", en: "date: expected YYYY-MM-DD, got '{raw}'", zh: "date：应为 YYYY-MM-DD，实际为 '{raw}'"),
        Entry(
            "calendar.kind", en: "kind: expected holiday or workday, got '{raw}'",
            zh: "kind：应为 holiday（节假日）或 workday（调休上班），实际为 '{raw}'"),
        Entry(
            "calendar.notFound",
            en:
                "no working calendar '{name}' found (looked beside the scenario and in Data/calendars/); give one with `calendar: FILE` (columns date,kind,name, as Data/calendars/cn-2026.csv)",
            zh:
                "未找到工作日历 '{name}'（已在方案旁和 Data/calendars/ 中查找）；请用 `calendar: FILE` 指定（列 date,kind,name，如 Data/calendars/cn-2026.csv）"
        ),
        Entry(
            "subsidy.notUTF8", en: "the file is not UTF-8 text; save it again as UTF-8", zh: "文件不是 UTF-8 文本；请另存为 UTF-8"),
        Entry(
            "subsidy.missing",
            en:
                "missing: `assess` needs the subsidy amounts (per_village_per_year, deductions: per_missed_visit, per_missed_hour, per_missed_lecture, and their source); no document fixes them, so the bureau writes them here",
            zh:
                "缺少文件：`assess` 需要补贴金额（per_village_per_year，扣减补贴标准 deductions: per_missed_visit、per_missed_hour、per_missed_lecture，及其依据 source）；文件未规定具体金额，由司法局在此填写"
        ),
        Entry(
            "subsidy.context", en: "subsidy.yaml (where the amounts come from: the bureau's decision)",
            zh: "subsidy.yaml（金额依据：司法局的决定）"),
        Entry(
            "subsidy.deductions",
            en: "'deductions' must be a mapping (per_missed_visit, per_missed_hour, per_missed_lecture)",
            zh: "'deductions' 应为映射（per_missed_visit、per_missed_hour、per_missed_lecture）"),
        Entry(
            "subsidy.missingDeductions",
            en:
                "missing required key 'deductions' (per_missed_visit, per_missed_hour, per_missed_lecture) in subsidy.yaml",
            zh: "subsidy.yaml 缺少必需的键 'deductions'（per_missed_visit、per_missed_hour、per_missed_lecture）"),

        // Publication warnings (Scenario+Publication.swift) and the defaults (PublicationRules.swift)
        Entry(
            "publication.default.hotline",
            en: "the tool's default: 12348, the public legal-service hotline (Nanning 002 §四(四))",
            zh: "本工具的默认值：12348 公共法律服务热线（南宁 002 §四(四)）"),
        Entry(
            "publication.default.items", en: "the tool's default (the profile has no 'publication' section)",
            zh: "本工具的默认值（规则配置没有 'publication' 部分）"),
        Entry(
            "publication.shown", en: "{items} (the profile's boards or cards show {count|it|them}: {sources})",
            zh: "{items}（规则配置要求公示牌或便民联系卡载明这{count}项：{sources}）"),
        Entry("publication.adviserLacks", en: "{id} has no {items}", zh: "{id} 没有{items}"),
        Entry(
            "publication.boardsLack",
            en: "the boards have no {items}; give these keys in scenario.yaml or columns of counties.csv",
            zh: "公示牌缺少{items}；请在 scenario.yaml 中写这些键，或在 counties.csv 中加这些列"),
        Entry(
            "publication.countyLacks",
            en: "the boards of {county} have no {items}, neither in counties.csv nor in scenario.yaml",
            zh: "{county}的公示牌缺少{items}，counties.csv 和 scenario.yaml 中都没有"),
    ]
}
