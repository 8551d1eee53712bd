import CounselModel
import Foundation

/// The half-yearly (or yearly) assessment of every adviser (考核评估): per adviser and village,
/// every requirement of the period done against required, the shortfalls, the call-back results;
/// per adviser a grade by the profile's ``AssessmentRules``, and the subsidy payable with what is
/// deducted, per adviser and per firm, with the arithmetic.
///
/// What is counted is what ``LedgerAudit`` counts: only records (complete ledger entries) count,
/// and an entry a call-back did not confirm counts for nothing. The periods assessed are those of
/// the profile's requirements that **end** inside the assessment period, each counted over its
/// whole length: in `2026-H2` the year's requirements are assessed too (over January–December), in
/// `2026-H1` they are not yet.
///
/// Grades: `pass` when every check is met and no reached call-back failed to confirm an entry;
/// `fail` when the share of checks met is below `fail_below_met_share`, or the share of reached
/// call-backs that confirmed is below `fail_below_confirmed_share`; `rectify` otherwise.
///
/// Money is counted in cents (分): the base of a village is `per_village_per_year × months / 12`,
/// each shortfall costs its units short × the rate of its measure (visits, hours, or lectures,
/// trainings and events), a village's deductions are capped at its base, and the profile's
/// `deduction` says whether they are made (`deduct`) or only shown (`reference`).
public struct Assessment: Sendable {
    /// A grade.
    public enum Grade: String, CaseIterable, Sendable {
        case pass, rectify, fail
    }

    /// The period assessed: a half-year (`2026-H1`, `2026-H2`) or a year (`2026`).
    public struct Period: Sendable, Equatable, CustomStringConvertible {
        /// `2026-H1`, `2026-H2` or `2026`.
        public var key: String
        /// First and last month.
        public var first: Month, last: Month

        /// Parses `2026-H1`, `2026-H2` or `2026`.
        public init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard let year = Int(parts[0]), (2000...2100).contains(year), parts[0].count == 4 else { return nil }
            if parts.count == 1 {
                first = Month(year: year, month: 1)!
                last = Month(year: year, month: 12)!
            } else if parts.count == 2, parts[1] == "H1" || parts[1] == "H2" {
                first = Month(year: year, month: parts[1] == "H1" ? 1 : 7)!
                last = Month(year: year, month: parts[1] == "H1" ? 6 : 12)!
            } else {
                return nil
            }
            key = text
        }

        /// Months in the period.
        public var months: Int { (last.year - first.year) * 12 + last.month - first.month + 1 }
        public var description: String { key }
        /// Whether `day` is inside the period.
        public func contains(_ day: Day) -> Bool { day >= first.firstDay && day <= last.lastDay }
        /// The first month the audit must read: the start of the longest requirement (or duty)
        /// period ending in this one.
        public func auditStart(for rules: SchedulingRules, duties: DutyRules? = nil) -> Month {
            var start = first
            for p in (rules.requirements + rules.flexibleRequirements).map(\.period)
                + (duties?.duties ?? []).map(\.period)
            {
                let b = p.bounds(of: last.lastDay)
                if b.last <= last.lastDay, let m = Month(year: b.first.year, month: b.first.month), m < start {
                    start = m
                }
            }
            return start
        }
    }

    /// One requirement check short, and what it costs.
    public struct Shortfall: Sendable, Equatable {
        /// The compliance row (village, rule, period, required, done).
        public var row: ComplianceRow
        /// Units short (visits, hours, or lectures/trainings/events).
        public var units: Double
        /// `visit`, `hour` or `lecture`.
        public var unit: String
        /// The rate per unit, in cents.
        public var rateCents: Int
        /// `units × rate`, in cents (before the village's cap).
        public var cents: Int
    }

    /// One village of an adviser.
    public struct VillageResult: Sendable {
        /// The village.
        public var village: Village
        /// Every requirement check of the period.
        public var checks: [ComplianceRow]
        /// The checks not met, with their cost.
        public var shortfalls: [Shortfall]
        /// Ledger entries of the period that are not records.
        public var incompleteEntries: Int
        /// Call-back results of the village's entries in the period.
        public var callbacks: LedgerAudit.CallbackTally
        /// The village's subsidy for the period, in cents.
        public var baseCents: Int
        /// The deductions, capped at the base, in cents.
        public var deductionCents: Int
        /// Whether the cap cut the deductions.
        public var capped: Bool
        /// Checks met.
        public var met: Int { checks.filter(\.ok).count }
    }

    /// One adviser.
    public struct AdviserResult: Sendable {
        /// The adviser (id only when not in the scenario).
        public var id: String
        /// Name, firm and county from advisers.csv.
        public var name: String, firm: String, county: String
        /// The villages served in the period.
        public var villages: [VillageResult]
        /// The adviser's own duties whose period ends in the assessment period (``DutyRules``).
        public var duties: [DutyRow] = []
        /// The grade.
        public var grade: Grade
        /// Why (the shares against the thresholds).
        public var gradeReason: String
        /// What the grade leads to, with its source.
        public var consequence: String
        /// Call-back results of all the adviser's entries in the period.
        public var callbacks: LedgerAudit.CallbackTally
        /// Subsidy in cents: the base, the deductions (made or for reference), and what is paid.
        public var baseCents: Int, deductionCents: Int, payableCents: Int
        /// The arithmetic, in words.
        public var arithmetic: String
        /// All checks and those met: every village's requirement checks and the adviser's duties.
        public var checks: Int { villages.reduce(0) { $0 + $1.checks.count } + duties.count }
        public var met: Int { villages.reduce(0) { $0 + $1.met } + duties.filter(\.ok).count }
        /// Share of checks met (1 without checks).
        public var metShare: Double { checks == 0 ? 1 : Double(met) / Double(checks) }
    }

    /// A firm's total.
    public struct FirmTotal: Sendable {
        /// Firm id and name.
        public var id: String, name: String
        /// Its advisers' ids.
        public var advisers: [String]
        /// Villages served.
        public var villages: Int
        /// Sums, in cents.
        public var baseCents: Int, deductionCents: Int, payableCents: Int
        /// The firm's duties whose period ends in the assessment period (Rongchang 000 §三(三): the
        /// yearly event in a village).
        public var duties: [DutyRow] = []
    }

    /// The period.
    public var period: Period
    /// The profile's assessment rules.
    public var rules: AssessmentRules
    /// The subsidy amounts.
    public var subsidy: SubsidySettings
    /// Every adviser serving a village in the period, by id.
    public var advisers: [AdviserResult]
    /// Firms, by id.
    public var firms: [FirmTotal]
    /// Villages nobody serves (no adviser in the plan or the ledger): not assessed.
    public var unserved: [Village]
    /// The audit the assessment counts from (months from ``Period/auditStart(for:)`` to the period's end).
    public var audit: LedgerAudit.Outcome
    /// The scenario.
    public var scenario: Scenario

    /// Assesses the ledger.
    ///
    /// - Parameters:
    ///   - audit: the scenario's ledger audit.
    ///   - ledger: the ledgers (every village's book).
    ///   - callbacks: the call-back list with results, if any.
    ///   - assignment: village → adviser for the period (a plan); without it each village's adviser
    ///     is the one with most entries there, else its `current_adviser`.
    /// - Throws: ``ScenarioError`` when the profile has no `assessment` section.
    public init(
        audit: LedgerAudit, ledger: LedgerAudit.Ledger, period: Period, subsidy: SubsidySettings,
        callbacks: [CallbackList.Row] = [], assignment: [String: String]? = nil
    ) throws {
        let scenario = audit.scenario
        guard let rules = scenario.rules.assessment else {
            throw ScenarioError([
                Diagnostic(
                    file: "scenario.yaml",
                    tr("assess.noSection", ["id": scenario.rules.id, "path": scenario.rules.path]))
            ])
        }
        self.period = period
        self.rules = rules
        self.subsidy = subsidy
        self.scenario = scenario
        var expected: [String: String] = [:]
        if let assignment {
            expected = assignment
        } else {
            for v in scenario.villages { if let a = v.currentAdviser { expected[v.id] = a } }
        }
        let start = period.auditStart(for: audit.rules, duties: scenario.rules.duties)
        let report = audit.audit(ledger, from: start, to: period.last, expected: expected, callbacks: callbacks)
        self.audit = report
        var adviserOf: [String: String] = assignment ?? [:]
        if assignment == nil { for (v, a) in report.advisers where !a.isEmpty && a != "—" { adviserOf[v] = a } }

        // The checks whose period ends in the assessment period, per village.
        let periodEnds = Self.periodEnds(audit.rules, from: start, to: period.last)
        let duties = report.duties.filter { periodEnds[$0.period].map(period.contains) ?? false }
        var checks: [String: [ComplianceRow]] = [:]
        for row in report.rows {
            guard let end = periodEnds[row.period], period.contains(end) else { continue }
            checks[row.village, default: []].append(row)
        }
        var incomplete: [String: Int] = [:]
        for f in report.findings where f.kind == .incompleteEntry {
            if let d = f.day, period.contains(d) { incomplete[f.village, default: 0] += 1 }
        }
        let villageCallbacks = Self.villageCallbacks(callbacks, ledger: ledger, period: period)
        let requirements = Dictionary(
            (audit.rules.requirements + audit.rules.flexibleRequirements).map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let base = Self.cents(subsidy.perVillagePerYear * Double(period.months) / 12)

        var byAdviser: [String: [VillageResult]] = [:]
        var unserved: [Village] = []
        for v in scenario.villages.sorted(by: { $0.id < $1.id }) {
            guard let a = adviserOf[v.id], !a.isEmpty, a != "—" else {
                unserved.append(v)
                continue
            }
            let rows = checks[v.id] ?? []
            let shortfalls = Self.shortfalls(rows, requirements: requirements, subsidy: subsidy)
            let total = shortfalls.reduce(0) { $0 + $1.cents }
            byAdviser[a, default: []].append(
                VillageResult(
                    village: v, checks: rows, shortfalls: shortfalls, incompleteEntries: incomplete[v.id] ?? 0,
                    callbacks: villageCallbacks[v.id] ?? LedgerAudit.CallbackTally(), baseCents: base,
                    deductionCents: min(total, base), capped: total > base))
        }
        self.unserved = unserved

        let people = Dictionary(scenario.advisers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let results = byAdviser.keys.sorted().map { id in
            Self.adviserResult(
                id, person: people[id], villages: byAdviser[id]!, duties: duties, rules: rules, subsidy: subsidy,
                period: period, scenario: scenario)
        }
        advisers = results
        self.firms = Self.firmTotals(results, duties: duties, scenario: scenario)
    }

    /// Each village's call-backs of entries in `ledger` within the period.
    private static func villageCallbacks(
        _ callbacks: [CallbackList.Row], ledger: LedgerAudit.Ledger,
        period: Period
    ) -> [String: LedgerAudit.CallbackTally] {
        let keys = Set(ledger.entries.map(\.key))
        var villageCallbacks: [String: LedgerAudit.CallbackTally] = [:]
        for row in callbacks where keys.contains(row.key) && period.contains(row.key.day) {
            var t = villageCallbacks[row.key.village, default: LedgerAudit.CallbackTally()]
            t.listed += 1
            switch row.result {
            case .confirmed?: t.confirmed += 1
            case .notConfirmed?: t.notConfirmed += 1
            case .unreachable?: t.unreachable += 1
            case nil: break
            }
            villageCallbacks[row.key.village] = t
        }
        return villageCallbacks
    }

    /// The checks not met, each priced: visits and lectures by the unit (rounded up), hours by the hour.
    private static func shortfalls(
        _ rows: [ComplianceRow], requirements: [String: SchedulingRules.Requirement],
        subsidy: SubsidySettings
    ) -> [Shortfall] {
        var shortfalls: [Shortfall] = []
        for row in rows where !row.ok {
            guard let r = requirements[row.rule] else { continue }
            let short = row.required - row.planned
            let (unit, rate): (String, Double)
            switch r.measure {
            case .onsiteVisits: (unit, rate) = ("visit", subsidy.perMissedVisit)
            case .onsiteHours, .serviceHours: (unit, rate) = ("hour", subsidy.perMissedHour)
            case .lectures, .trainings, .lecturesOrEvents: (unit, rate) = ("lecture", subsidy.perMissedLecture)
            }
            let units = unit == "hour" ? short : short.rounded(.up)
            let rateCents = cents(rate)
            shortfalls.append(
                Shortfall(
                    row: row, units: units, unit: unit, rateCents: rateCents,
                    cents: Int((units * Double(rateCents)).rounded())))
        }
        return shortfalls
    }

    /// One adviser's result: the villages' call-backs summed, the grade with its reason and
    /// consequence, the subsidy with its arithmetic.
    private static func adviserResult(
        _ id: String, person: Adviser?, villages: [VillageResult], duties: [DutyRow], rules: AssessmentRules,
        subsidy: SubsidySettings, period: Period, scenario: Scenario
    ) -> AdviserResult {
        var tally = LedgerAudit.CallbackTally()
        for v in villages {
            tally.listed += v.callbacks.listed
            tally.confirmed += v.callbacks.confirmed
            tally.notConfirmed += v.callbacks.notConfirmed
            tally.unreachable += v.callbacks.unreachable
        }
        var result = AdviserResult(
            id: id, name: person?.name ?? "", firm: person?.firm ?? "", county: person?.county ?? "",
            villages: villages, grade: .pass, gradeReason: "", consequence: "", callbacks: tally,
            baseCents: 0, deductionCents: 0, payableCents: 0, arithmetic: "")
        result.duties = duties.filter { $0.scope == .adviser && $0.id == id }
        (result.grade, result.gradeReason) = grade(result, rules)
        result.consequence = consequence(result, rules, scenario: scenario)
        result.baseCents = villages.reduce(0) { $0 + $1.baseCents }
        result.deductionCents = villages.reduce(0) { $0 + $1.deductionCents }
        result.payableCents = result.baseCents - (rules.deduction.value == .deduct ? result.deductionCents : 0)
        result.arithmetic = arithmetic(result, rules: rules, subsidy: subsidy, period: period)
        return result
    }

    /// Each firm's totals over its advisers, with the firm's own duties.
    private static func firmTotals(_ results: [AdviserResult], duties: [DutyRow], scenario: Scenario) -> [FirmTotal] {
        let firmNames = Dictionary(scenario.firms.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var firms: [String: FirmTotal] = [:]
        for r in results where !r.firm.isEmpty {
            var f = firms[
                r.firm,
                default: FirmTotal(
                    id: r.firm, name: firmNames[r.firm] ?? "", advisers: [], villages: 0,
                    baseCents: 0, deductionCents: 0, payableCents: 0)]
            f.advisers.append(r.id)
            f.villages += r.villages.count
            f.baseCents += r.baseCents
            f.deductionCents += r.deductionCents
            f.payableCents += r.payableCents
            f.duties = duties.filter { $0.scope == .firm && $0.id == r.firm }
            firms[r.firm] = f
        }
        return firms.keys.sorted().map { firms[$0]! }
    }

    /// The last day of every requirement period of `rules` between the months, by period key.
    static func periodEnds(_ rules: SchedulingRules, from: Month, to: Month) -> [String: Day] {
        var ends: [String: Day] = [:]
        for p in SchedulingRules.Period.allCases {
            for q in ComplianceEvaluator.periods(p, from: from, to: to) { ends[q.key] = q.last }
        }
        return ends
    }

    // MARK: Grades

    static func grade(_ r: AdviserResult, _ rules: AssessmentRules) -> (Grade, String) {
        let short = r.duties.filter { !$0.ok }.map { "\($0.rule) \($0.period) \($0.done)/\($0.required)" }
        let met =
            tr("assess.met", ["met": r.met, "checks": r.checks, "percent": percent(r.metShare)])
            + (r.duties.isEmpty
                ? ""
                : tr("assess.duties")
                    + (short.isEmpty
                        ? "" : tr("assess.notDone", ["list": short.joined(separator: tr("list.separator"))])))
        var calls = ""
        if let share = r.callbacks.confirmedShare {
            calls = tr(
                "assess.calls",
                ["confirmed": r.callbacks.confirmed, "reached": r.callbacks.reached, "percent": percent(share)])
        }
        let metLimit = rules.failBelowMetShare.value, confirmedLimit = rules.failBelowConfirmedShare.value
        if r.metShare + 1e-9 < metLimit {
            return (
                .fail,
                met + calls
                    + tr(
                        "assess.belowChecks", ["percent": percent(metLimit), "source": rules.failBelowMetShare.source])
            )
        }
        if let share = r.callbacks.confirmedShare, share + 1e-9 < confirmedLimit {
            return (
                .fail,
                met + calls
                    + tr(
                        "assess.belowCalls",
                        ["percent": percent(confirmedLimit), "source": rules.failBelowConfirmedShare.source])
            )
        }
        if r.met == r.checks && r.callbacks.notConfirmed == 0 { return (.pass, met + calls) }
        return (
            .rectify,
            met + calls
                + (r.callbacks.notConfirmed > 0 ? tr("assess.notConfirmed", ["count": r.callbacks.notConfirmed]) : "")
        )
    }

    static func consequence(_ r: AdviserResult, _ rules: AssessmentRules, scenario: Scenario) -> String {
        let deduction = rules.deduction
        switch r.grade {
        case .pass:
            return tr("assess.consequence.none")
        case .rectify:
            return deduction.value == .deduct
                ? tr("assess.consequence.deduct", ["source": deduction.source])
                : tr("assess.consequence.reference", ["source": deduction.source])
        case .fail:
            let c = rules.failConsequence
            let firm = r.firm.isEmpty ? tr("assess.firm.none") : tr("assess.firm", ["id": r.firm])
            switch c.value {
            case .notRenewed: return tr("assess.fail.notRenewed", ["source": c.source])
            case .replaced: return tr("assess.fail.replaced", ["source": c.source])
            case .rectification: return tr("assess.fail.rectification", ["firm": firm, "source": c.source])
            case .reference: return tr("assess.fail.reference", ["source": c.source])
            case .bureauDecides:
                let excluded = scenario.rules.assignment.excludedStatuses.value.contains(.failedAssessment)
                return tr(
                    "assess.fail.bureau",
                    [
                        "excludes": tr(excluded ? "assess.fail.excludes" : "assess.fail.doesNotExclude"),
                        "source": c.source,
                    ])
            }
        }
    }

    // MARK: Money

    /// Whole cents of an amount in yuan.
    public static func cents(_ yuan: Double) -> Int { Int((yuan * 100).rounded()) }

    /// `1234.50`.
    public static func money(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = abs(cents)
        return "\(sign)\(c / 100).\(c % 100 < 10 ? "0" : "")\(c % 100)"
    }

    static func percent(_ share: Double) -> String { LedgerAudit.number((share * 1000).rounded() / 10) + "%" }

    static func arithmetic(_ r: AdviserResult, rules: AssessmentRules, subsidy: SubsidySettings, period: Period)
        -> String
    {
        let per = money(cents(subsidy.perVillagePerYear))
        var parts = [
            tr(
                "assess.base",
                ["count": r.villages.count, "per": per, "months": period.months, "base": money(r.baseCents)])
        ]
        var items: [String] = []
        for v in r.villages {
            for s in v.shortfalls {
                items.append(
                    tr(
                        "assess.item",
                        [
                            "village": v.village.id, "rule": s.row.rule, "period": s.row.period,
                            "planned": LedgerAudit.number(s.row.planned),
                            "required": LedgerAudit.number(s.row.required),
                            "units": LedgerAudit.number(s.units), "unit": tr("unit.\(s.unit)"),
                            "rate": money(s.rateCents), "amount": money(s.cents),
                        ]))
            }
            if v.capped { items.append(tr("assess.capped", ["village": v.village.id, "base": money(v.baseCents)])) }
        }
        if items.isEmpty {
            parts.append(tr("assess.noDeduction"))
        } else {
            parts.append(
                tr(
                    "assess.deductions",
                    ["items": items.joined(separator: tr("list.semicolon")), "total": money(r.deductionCents)]))
        }
        if rules.deduction.value == .deduct {
            parts.append(
                tr(
                    "assess.payable",
                    [
                        "base": money(r.baseCents), "deduction": money(r.deductionCents),
                        "payable": money(r.payableCents),
                    ]))
        } else {
            parts.append(
                tr(
                    "assess.payableReference",
                    ["payable": money(r.payableCents), "mode": rules.deduction.value.rawValue]))
        }
        return parts.joined(separator: tr("list.semicolon"))
    }

    // MARK: Files

    /// `assessment.csv`: one row per adviser and village.
    public func assessmentCSV() -> String { CSVFormat.assessment.text(assessmentFields()) }

    /// `subsidy.csv`: per adviser, then per firm.
    public func subsidyCSV() -> String { CSVFormat.subsidy.text(subsidyFields()) }

    /// `statuses.csv`: every adviser assessed, `failed_assessment` for a failed one, the status of
    /// advisers.csv otherwise; `rebalance --statuses` applies it to the next plan.
    public func statusesCSV() -> String { CSVFormat.statuses.text(statusesFields()) }

    /// assessment.csv, subsidy.csv and statuses.csv as written for people: the header in
    /// `language`, a byte order mark when `excel`.
    public func files(language: CSVHeaders.Language, excel: Bool) -> (assessment: Data, subsidy: Data, statuses: Data) {
        (
            CSVFormat.assessment.write(assessmentFields(), language: language, excel: excel),
            CSVFormat.subsidy.write(subsidyFields(), language: language, excel: excel),
            CSVFormat.statuses.write(statusesFields(), language: language, excel: excel)
        )
    }

    private func assessmentFields() -> [[String]] {
        advisers.flatMap { a in
            a.villages.map { v in
                let shortfalls = v.shortfalls.map {
                    "\($0.row.rule) \($0.row.period) \(LedgerAudit.number($0.row.planned))/\(LedgerAudit.number($0.row.required))"
                }
                return [
                    a.id, a.name, a.firm, v.village.county, v.village.id, v.village.name, "\(v.checks.count)",
                    "\(v.met)",
                    shortfalls.joined(separator: "; "), "\(v.incompleteEntries)", "\(v.callbacks.listed)",
                    "\(v.callbacks.confirmed)",
                    "\(v.callbacks.notConfirmed)", "\(v.callbacks.unreachable)", Self.money(v.deductionCents),
                    a.grade.rawValue,
                    a.consequence,
                ]
            }
        }
    }

    private func subsidyFields() -> [[String]] {
        let applied = rules.deduction.value == .deduct ? "yes" : "reference"
        var rows: [[String]] = []
        for a in advisers {
            let counties = Array(Set(a.villages.map(\.village.county))).sorted().joined(separator: ";")
            rows.append([
                "adviser", a.id, a.name, a.firm, counties, "\(a.villages.count)", Self.money(a.baseCents),
                Self.money(a.deductionCents),
                Self.money(a.payableCents), applied, a.arithmetic,
            ])
        }
        for f in firms {
            let arithmetic = tr(
                "assess.firmSum",
                [
                    "advisers": f.advisers.joined(separator: tr("list.separator")), "base": Self.money(f.baseCents),
                    "deductions": Self.money(f.deductionCents), "payable": Self.money(f.payableCents),
                ])
            rows.append([
                "firm", f.id, f.name, f.id, "", "\(f.villages)", Self.money(f.baseCents), Self.money(f.deductionCents),
                Self.money(f.payableCents), applied, arithmetic,
            ])
        }
        return rows
    }

    private func statusesFields() -> [[String]] {
        let status = Dictionary(scenario.advisers.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        return advisers.map { a in
            let s = a.grade == .fail ? AdviserStatus.failedAssessment : (status[a.id] ?? .active)
            let reason =
                a.grade == .fail
                ? tr("assess.failedReason", ["period": PeriodText.period("\(period)"), "reason": a.gradeReason])
                : tr("assess.gradeReason", ["period": PeriodText.period("\(period)"), "grade": a.grade.rawValue])
            return [a.id, s.rawValue, a.grade.rawValue, reason]
        }
    }

    /// `duty-checks.csv`: every duty assessed, the advisers' then the firms', in duties.csv's columns.
    public func dutyChecksCSV() -> String {
        DutyEvaluator.csv(advisers.flatMap(\.duties) + firms.flatMap(\.duties))
    }

    /// `duty-checks.csv` as written for people.
    public func dutyChecksFile(language: CSVHeaders.Language, excel: Bool) -> Data {
        DutyEvaluator.file(advisers.flatMap(\.duties) + firms.flatMap(\.duties), language: language, excel: excel)
    }

    /// The compliance rows assessed (compliance.csv's columns).
    public var checkRows: [ComplianceRow] {
        var byVillage: [String: [ComplianceRow]] = [:]
        for a in advisers { for v in a.villages { byVillage[v.village.id] = v.checks } }
        return byVillage.keys.sorted().flatMap { byVillage[$0]! }
    }

    /// Counts per grade, in ``Grade`` order.
    public var gradeCounts: [(grade: Grade, count: Int)] {
        Grade.allCases.map { g in (g, advisers.filter { $0.grade == g }.count) }
    }
}
