import Yams

/// The duties part of a rule profile: what an adviser or a firm must do that is not a session a
/// village's requirements count — the firm's yearly event in a village, an adviser's yearly work
/// report, a campaign's cases and events, the advisers' own training.
///
/// Schema (in `Models/rules/NAME.yaml`, under `duties:`; documented in `Models/README.md`):
///
/// ```yaml
/// duties:
///   - id: firm_village_event      # the `rule` of duties.csv and of check's findings
///     scope: firm                 # firm (the adviser's firm, counted over its advisers) or adviser
///     activity: firm_event        # the ledger activity that counts
///     period: year                # month | quarter | half_year | year
///     min: 1
///     hours: 3                    # the length schedule plans
///     planned: true               # schedule gives it a date; false: on demand, counted only
///     source: "000 §三(三): …"
/// ```
///
/// A planned duty of activity `adviser_training` is not placed by the roster's model: it falls on
/// the county's training days (`training_days`), which take the advisers off the roster.
public struct DutyRules: Sendable {
    /// Who owes a duty.
    public enum Scope: String, CaseIterable, Sendable {
        /// The firm (律师事务所、基层法律服务所): any of its advisers' entries count.
        case firm
        /// Each adviser serving a village.
        case adviser
    }

    /// One duty.
    public struct Duty: Sendable, Equatable {
        /// Short id.
        public var id: String
        /// Firm or adviser.
        public var scope: Scope
        /// The ledger activity that counts (a roster `activity` value, ``LedgerRules/activities``).
        public var activity: String
        /// Over which period.
        public var period: SchedulingRules.Period
        /// At least this many.
        public var minimum: Int
        /// The length `schedule` plans, hours.
        public var hours: Double
        /// Whether `schedule` gives it a date (else it happens on demand and is only counted).
        public var planned: Bool
        /// Seed file and section, quoting the seed's words.
        public var source: String

        /// Makes a duty.
        public init(id: String, scope: Scope, activity: String, period: SchedulingRules.Period, minimum: Int, hours: Double,
                    planned: Bool, source: String) {
            self.id = id
            self.scope = scope
            self.activity = activity
            self.period = period
            self.minimum = minimum
            self.hours = hours
            self.planned = planned
            self.source = source
        }
    }

    /// The duties, in profile order.
    public var duties: [Duty]

    /// Makes duty rules.
    public init(duties: [Duty]) { self.duties = duties }

    /// The duties of one scope.
    public func duties(_ scope: Scope) -> [Duty] { duties.filter { $0.scope == scope } }

    static func parse(_ node: Node, _ reader: inout YAMLReader) -> DutyRules? {
        guard let items = node.sequence else {
            reader.report(node, "'duties' must be a list of {id, scope, activity, period, min, hours, planned, source}")
            return nil
        }
        let before = reader.diagnostics.count
        var result: [Duty] = []
        var ids = Set<String>()
        for item in items {
            guard let m = item.mapping else { reader.report(item, "each duty is a mapping (id, scope, activity, period, min, hours, planned, source)"); continue }
            reader.checkKeys(m, known: ["id", "scope", "activity", "period", "min", "hours", "planned", "source"], context: "a duty")
            let id = reader.string(m, "id", required: false, context: "a duty")
            if id == nil { reader.report(item, "a duty has no 'id'") }
            if let id, !ids.insert(id).inserted { reader.report(item, "duty id '\(id)' is used twice") }
            let source = m[Node("source")]?.scalar?.string ?? ""
            if source.isEmpty { reader.report(item, "duty '\(id ?? "?")' has no 'source' (every rule names its seed file and section)") }
            let scope = reader.choice(m, "scope", Scope.self)
            if m[Node("scope")] == nil { reader.report(item, "duty '\(id ?? "?")' has no 'scope' (firm or adviser)") }
            let activity = m[Node("activity")]?.scalar?.string
            if let activity, !LedgerRules.activities.contains(activity) {
                reader.report(m[Node("activity")]!, "unknown activity '\(activity)' (expected one of: \(LedgerRules.activities.joined(separator: ", ")))")
            } else if activity == nil { reader.report(item, "duty '\(id ?? "?")' has no 'activity'") }
            let period = reader.choice(m, "period", SchedulingRules.Period.self)
            if m[Node("period")] == nil { reader.report(item, "duty '\(id ?? "?")' has no 'period'") }
            let minimum = reader.integer(m, "min", context: "a duty", minimum: 1)
            if m[Node("min")] == nil { reader.report(item, "duty '\(id ?? "?")' has no 'min'") }
            let hours = reader.number(m, "hours", context: "a duty", minimum: 0.25)
            if m[Node("hours")] == nil { reader.report(item, "duty '\(id ?? "?")' has no 'hours' (the length schedule plans)") }
            if let h = hours, h > 12 { reader.report(m[Node("hours")]!, "'hours' must be at most 12") }
            let planned = reader.bool(m, "planned")
            if m[Node("planned")] == nil { reader.report(item, "duty '\(id ?? "?")' has no 'planned' (true: schedule gives it a date)") }
            if scope == .firm, activity == "adviser_training" || activity == "report" {
                reader.report(item, "duty '\(id ?? "?")': activity \(activity!) is an adviser's own; give it scope: adviser")
            }
            guard let id, !source.isEmpty, let scope, let activity, LedgerRules.activities.contains(activity), let period,
                  let minimum, let hours, hours <= 12, let planned else { continue }
            result.append(Duty(id: id, scope: scope, activity: activity, period: period, minimum: minimum, hours: hours,
                               planned: planned, source: source))
        }
        guard reader.diagnostics.count == before else { return nil }
        return DutyRules(duties: result)
    }
}
