// MARK: Reports: compare's table and errors, report's and the workbooks' input errors

extension Catalogue {
    static let reports: [Entry] = [
        // compare's rows
        Entry("compare.overrides", en: "overrides", zh: "覆盖设置"),
        Entry("compare.rules", en: "rules", zh: "规则"),
        Entry("compare.coverage", en: "coverage", zh: "覆盖率"),
        Entry("compare.uncoveredIn", en: "uncovered in {county}", zh: "未覆盖：{county}"),
        Entry("compare.figure", en: "figure", zh: "指标"),
        Entry("compare.same", en: "same", zh: "相同"),
        Entry("compare.changed", en: "changed", zh: "有变化"),
        Entry("compare.advisers_used", en: "advisers used", zh: "使用的法律顾问"),
        Entry("compare.load_mean", en: "load mean", zh: "平均服务村（社区）数"),
        Entry("compare.load_max", en: "load max", zh: "最多服务村（社区）数"),
        Entry("compare.distance_km_mean", en: "distance km mean", zh: "平均距离（公里）"),
        Entry("compare.distance_km_max", en: "distance km max", zh: "最远距离（公里）"),
        Entry("compare.village_first_choice_share", en: "villages: first choice", zh: "村（社区）：第一志愿"),
        Entry("compare.village_mean_rank", en: "villages: mean rank", zh: "村（社区）：平均排序"),
        Entry("compare.adviser_first_choice_share", en: "advisers: first choice", zh: "法律顾问：第一志愿"),
        Entry("compare.adviser_mean_rank", en: "advisers: mean rank", zh: "法律顾问：平均排序"),
        Entry("compare.blocking_pairs", en: "blocking pairs", zh: "阻塞对"),
        Entry("compare.support_moves", en: "support moves", zh: "对口支援"),
        Entry("compare.incumbents_kept", en: "incumbents kept", zh: "续聘现任"),
        Entry("compare.onsite_hours", en: "on-site hours planned", zh: "计划驻村服务小时"),
        Entry("compare.compliance_shortfalls", en: "compliance shortfalls", zh: "未达标项"),
        Entry("compare.objective", en: "objective", zh: "目标值"),
        Entry("compare.status", en: "status", zh: "求解状态"),
        Entry("compare.gap", en: "gap", zh: "最优性差距"),

        // compare's errors (Compare.swift; each a Diagnostic, located by its file)
        Entry(
            "compare.noFolder",
            en: "no such result folder (expected a folder written by `village-counsel assign DIR --out {path}`)",
            zh: "没有这个结果文件夹（应为 `village-counsel assign DIR --out {path}` 写出的文件夹）"),
        Entry(
            "compare.noSummary", en: "missing summary.json (written by `village-counsel assign DIR --out {path}`)",
            zh: "缺少 summary.json（由 `village-counsel assign DIR --out {path}` 写出）"),
        Entry(
            "compare.badSummary", en: "cannot read it as a JSON object (expected the summary written by `assign`)",
            zh: "无法作为 JSON 对象读取（应为 `assign` 写出的汇总）"),
        Entry(
            "compare.noAssignment", en: "missing assignment.csv (written by `village-counsel assign DIR --out {path}`)",
            zh: "缺少 assignment.csv（由 `village-counsel assign DIR --out {path}` 写出）"),
        Entry("compare.cannotRead", en: "cannot read it: {error}", zh: "无法读取：{error}"),
        Entry(
            "compare.badOverrides",
            en: "cannot read it (expected {{\"overrides\": [{{\"key\", \"value\", …}}]}} as `assign --set` writes it)",
            zh: "无法读取（应为 `assign --set` 写出的 {{\"overrides\": [{{\"key\", \"value\", …}}]}}）"),
        Entry(
            "compare.distance", en: "distance_km: expected a number of km, got '{raw}'",
            zh: "distance_km：应为公里数，实际为 '{raw}'"),
        Entry(
            "compare.rank", en: "{name}: expected a rank (1 = first choice) or nothing, got '{raw}'",
            zh: "{name}：应为排序（1 = 第一志愿）或留空，实际为 '{raw}'"),

        // report's inputs (ReportInputs.swift, SummaryFile.swift)
        Entry(
            "report.notFound", en: "not found; run `village-counsel assign DIR --out {out}` first",
            zh: "未找到；请先运行 `village-counsel assign DIR --out {out}`"),
        Entry(
            "report.notSummary", en: "not a summary written by `village-counsel assign` ({why})",
            zh: "不是 `village-counsel assign` 写出的汇总（{why}）"),
        Entry("report.notObject", en: "not an object", zh: "不是 JSON 对象"),
        Entry("report.missingKey", en: "missing key '{key}'", zh: "缺少键 '{key}'"),
        Entry("report.unexpectedValue", en: "unexpected value at '{path}'", zh: "'{path}' 处的值不对"),
        Entry(
            "report.villageNotInScenario",
            en:
                "village '{village}' is not in the scenario {scenario} (was the plan made for another scenario? use --scenario DIR)",
            zh: "村（社区）'{village}' 不在方案 {scenario} 中（方案是否来自另一个方案文件夹？请用 --scenario DIR）"),
        Entry(
            "report.adviserNotInScenario", en: "adviser '{adviser}' is not in the scenario {scenario}",
            zh: "法律顾问 '{adviser}' 不在方案 {scenario} 中"),
        Entry("report.numbers", en: "'required' and 'planned' must be numbers", zh: "'required' 和 'planned' 应为数字"),

        // Workbooks (OutputWorkbooks.swift)
        Entry(
            "workbook.noColumns", en: "assignment.csv has no county, village_id or adviser_id column",
            zh: "assignment.csv 没有 county、village_id 或 adviser_id 列"),
        Entry("workbook.noCounty", en: "assessment.csv has no county column", zh: "assessment.csv 没有 county 列"),
    ]
}
