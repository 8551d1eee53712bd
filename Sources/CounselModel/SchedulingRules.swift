import Yams

/// The scheduling part of a rule profile: what each village must get, period by period.
///
/// Schema (in `Models/rules/NAME.yaml`, under `scheduling:`; documented in `Models/README.md`):
/// `visit_hours`, `lecture_hours` (rules with value and source), `requirements` (a list, each with
/// `id`, `measure`, `period`, `min`, optional `min_visit_hours`, `offsite_share_max`,
/// `flexible: replaced`, `audience`, and `source`), optional `flexible_requirements` (in force
/// instead of the `flexible: replaced` ones for villages in flexible mode), and optional
/// `recorded_lectures_per_year`, `response_working_days`, `online_townships`,
/// `evening_and_weekend_encouraged`.
public struct SchedulingRules: Sendable {
    /// A stretch of the year over which a requirement is counted.
    public enum Period: String, CaseIterable, Sendable {
        case month, quarter
        case halfYear = "half_year"
        case year

        /// The period key of `day`: `2026-03`, `2026-Q1`, `2026-H1` or `2026`.
        public func key(of day: Day) -> String {
            let c = day.components
            switch self {
            case .month: return Month(year: c.year, month: c.month)!.description
            case .quarter: return "\(c.year)-Q\((c.month - 1) / 3 + 1)"
            case .halfYear: return "\(c.year)-H\(c.month <= 6 ? 1 : 2)"
            case .year: return "\(c.year)"
            }
        }

        /// The first and last day of the period containing `day`.
        public func bounds(of day: Day) -> (first: Day, last: Day) {
            let c = day.components
            let months: (Int, Int)
            switch self {
            case .month: months = (c.month, c.month)
            case .quarter:
                let q = (c.month - 1) / 3
                months = (3 * q + 1, 3 * q + 3)
            case .halfYear: months = c.month <= 6 ? (1, 6) : (7, 12)
            case .year: months = (1, 12)
            }
            return (Month(year: c.year, month: months.0)!.firstDay, Month(year: c.year, month: months.1)!.lastDay)
        }
    }

    /// What a requirement counts.
    public enum Measure: String, CaseIterable, Sendable {
        /// On-site service visits (at least `min_visit_hours` long, when given).
        case onsiteVisits = "onsite_visits"
        /// Hours on site (service, lectures, trainings, events held on site).
        case onsiteHours = "onsite_hours"
        /// Hours of service of any mode; off-site hours count up to `offsite_share_max` of the minimum.
        case serviceHours = "service_hours"
        /// Legal lectures (讲座), on site, online or recorded.
        case lectures
        /// Trainings for village cadres, mediators and 法律明白人.
        case trainings
        /// Lectures or publicity events (法治宣传活动).
        case lecturesOrEvents = "lectures_or_events"
    }

    /// One requirement per village and period.
    public struct Requirement: Sendable, Equatable {
        /// Short id, used as the `rule` column of compliance.csv.
        public var id: String
        /// What is counted.
        public var measure: Measure
        /// Over which period.
        public var period: Period
        /// At least this much (visits, hours or events).
        public var minimum: Double
        /// A visit counts only if at least this long (hours).
        public var minVisitHours: Double?
        /// For `service_hours`: the largest share of the minimum that off-site hours may make up.
        public var offsiteShareMax: Double?
        /// Replaced by the flexible requirements for villages in flexible mode.
        public var replacedInFlexibleMode: Bool
        /// Who the sessions are for (e.g. village cadres), shown on calendars.
        public var audience: String?
        /// Seed file and section.
        public var source: String
    }

    /// Length of one on-site service visit, hours.
    public var visitHours: RuleProfile.Rule<Double>
    /// Length of one lecture or training, hours.
    public var lectureHours: RuleProfile.Rule<Double>
    /// The requirements in force for every village.
    public var requirements: [Requirement]
    /// In force instead of the `replaced` ones for villages in flexible mode (Guangdong 001 §(八)).
    public var flexibleRequirements: [Requirement]
    /// At most this many lectures a year may be recorded video (Guangdong 001 §(五)).
    public var recordedLecturesPerYear: RuleProfile.Rule<Int>?
    /// A village's request is answered within this many working days (Rongchang 000 §三(三)).
    public var responseWorkingDays: RuleProfile.Rule<Int>?
    /// Townships marked `mode: online` are served online (Jiaocheng 004 §四(三)).
    public var onlineTownships: RuleProfile.Rule<Bool>?
    /// Evening and weekend sessions are encouraged (Guangdong 001 §(六): 法律夜校、周末提供现场服务):
    /// a ledger's evening or weekend session is then never a breach, only information where the
    /// village has not opened evenings or weekends to the roster.
    public var eveningAndWeekendEncouraged: RuleProfile.Rule<Bool>? = nil

    /// The requirements in force for a village.
    public func requirements(flexible: Bool) -> [Requirement] {
        flexible && !flexibleRequirements.isEmpty
            ? requirements.filter { !$0.replacedInFlexibleMode } + flexibleRequirements
            : requirements
    }

    static func parse(_ node: Node, _ reader: inout YAMLReader) -> SchedulingRules? {
        guard let m = node.mapping else {
            reader.report(node, tr("profile.scheduling.mapping"))
            return nil
        }
        reader.checkKeys(
            m,
            known: [
                "visit_hours", "lecture_hours", "requirements", "flexible_requirements",
                "recorded_lectures_per_year", "response_working_days", "online_townships",
                "evening_and_weekend_encouraged",
            ],
            context: "'scheduling'")
        let before = reader.diagnostics.count
        func hours(_ key: String) -> RuleProfile.Rule<Double>? {
            RuleProfile.rule(m, key, &reader, required: true, section: "scheduling") { r, n -> Double? in
                guard let v = n.scalar.flatMap({ Double($0.string) }), v > 0, v <= 12 else {
                    r.report(n, tr("profile.hours012", ["key": key]))
                    return nil
                }
                return v
            }
        }
        let visit = hours("visit_hours"), lecture = hours("lecture_hours")
        let recorded = RuleProfile.rule(
            m, "recorded_lectures_per_year", &reader, required: false, section: "scheduling"
        ) { r, n -> Int? in
            guard let v = n.scalar.flatMap({ Int($0.string) }), v >= 0 else {
                r.report(n, tr("profile.wholeAtLeast0"))
                return nil
            }
            return v
        }
        let response = RuleProfile.rule(m, "response_working_days", &reader, required: false, section: "scheduling") {
            r, n -> Int? in
            guard let v = n.scalar.flatMap({ Int($0.string) }), v >= 0 else {
                r.report(n, tr("profile.workingDays"))
                return nil
            }
            return v
        }
        let online = RuleProfile.rule(m, "online_townships", &reader, required: false, section: "scheduling") {
            r, n -> Bool? in
            switch n.scalar?.string {
            case "true": return true
            case "false": return false
            default:
                r.report(n, tr("profile.bool"))
                return nil
            }
        }
        let encouraged = RuleProfile.rule(
            m, "evening_and_weekend_encouraged", &reader, required: false, section: "scheduling"
        ) { r, n -> Bool? in
            switch n.scalar?.string {
            case "true": return true
            case "false": return false
            default:
                r.report(n, tr("profile.bool"))
                return nil
            }
        }
        let requirements = parseRequirements(m[Node("requirements")], &reader, key: "requirements", required: true)
        let flexible = parseRequirements(
            m[Node("flexible_requirements")], &reader, key: "flexible_requirements", required: false)
        guard reader.diagnostics.count == before, let visit, let lecture else { return nil }
        var rules = SchedulingRules(
            visitHours: visit, lectureHours: lecture, requirements: requirements,
            flexibleRequirements: flexible, recordedLecturesPerYear: recorded,
            responseWorkingDays: response, onlineTownships: online)
        rules.eveningAndWeekendEncouraged = encouraged
        return rules
    }

    private static func parseRequirements(_ node: Node?, _ reader: inout YAMLReader, key: String, required: Bool)
        -> [Requirement]
    {
        guard let node, !node.isNull else {
            if required {
                reader.diagnostics.append(
                    Diagnostic(file: reader.file, line: 1, tr("profile.missingScheduling", ["key": key])))
            }
            return []
        }
        guard let items = node.sequence else {
            reader.report(node, tr("profile.requirements", ["key": key]))
            return []
        }
        var result: [Requirement] = []
        var ids = Set<String>()
        for item in items {
            guard let m = item.mapping else {
                reader.report(item, tr("profile.requirement.item"))
                continue
            }
            reader.checkKeys(
                m,
                known: [
                    "id", "measure", "period", "min", "min_visit_hours", "offsite_share_max", "flexible", "audience",
                ] + ProfileSource.keys,
                context: tr("context.requirement"))
            let id = reader.string(m, "id", required: true, context: tr("context.requirement"))
            let source = reader.string(m, "source", required: false, context: tr("context.requirement")).flatMap { _ in
                ProfileSource.read(m, &reader)
            }
            if source == nil { reader.report(item, tr("profile.requirement.noSource", ["id": id ?? "?"])) }
            var measure: Measure?
            if let text = m[Node("measure")]?.scalar?.string {
                measure = Measure(rawValue: text)
                if measure == nil {
                    reader.report(
                        m[Node("measure")]!,
                        tr(
                            "profile.unknownMeasure",
                            ["name": text, "known": Measure.allCases.map(\.rawValue).joined(separator: ", ")]))
                }
            } else {
                reader.report(item, tr("profile.requirement.noKey", ["id": id ?? "?", "key": "measure"]))
            }
            var period: Period?
            if let text = m[Node("period")]?.scalar?.string {
                period = Period(rawValue: text)
                if period == nil {
                    reader.report(
                        m[Node("period")]!,
                        tr(
                            "profile.unknownPeriod",
                            ["name": text, "known": Period.allCases.map(\.rawValue).joined(separator: ", ")]))
                }
            } else {
                reader.report(item, tr("profile.requirement.noKey", ["id": id ?? "?", "key": "period"]))
            }
            let minimum = reader.number(m, "min", context: tr("context.requirement"), minimum: 0)
            if m[Node("min")] == nil {
                reader.report(item, tr("profile.requirement.noKey", ["id": id ?? "?", "key": "min"]))
            }
            let minVisit = reader.number(m, "min_visit_hours", context: tr("context.requirement"), minimum: 0)
            let share = reader.number(m, "offsite_share_max", context: tr("context.requirement"), minimum: 0)
            if let share, share > 1 {
                reader.report(m[Node("offsite_share_max")]!, tr("profile.share", ["key": "offsite_share_max"]))
            }
            var replaced = false
            if let f = m[Node("flexible")]?.scalar?.string {
                if f == "replaced" {
                    replaced = true
                } else {
                    reader.report(m[Node("flexible")]!, tr("profile.flexible"))
                }
            }
            if let id, !ids.insert(id).inserted { reader.report(item, tr("profile.requirement.twice", ["id": id])) }
            guard let id, let source, let measure, let period, let minimum else { continue }
            result.append(
                Requirement(
                    id: id, measure: measure, period: period, minimum: minimum, minVisitHours: minVisit,
                    offsiteShareMax: share, replacedInFlexibleMode: replaced,
                    audience: m[Node("audience")]?.scalar?.string, source: source))
        }
        return result
    }
}
