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
        public init(
            id: String, scope: Scope, activity: String, period: SchedulingRules.Period, minimum: Int, hours: Double,
            planned: Bool, source: String
        ) {
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
            reader.report(node, tr("profile.duties.list"))
            return nil
        }
        let before = reader.diagnostics.count
        var result: [Duty] = []
        var ids = Set<String>()
        for item in items {
            guard let m = item.mapping else {
                reader.report(item, tr("profile.duties.item"))
                continue
            }
            reader.checkKeys(
                m, known: ["id", "scope", "activity", "period", "min", "hours", "planned"] + ProfileSource.keys,
                context: tr("context.duty"))
            let id = reader.string(m, "id", required: false, context: tr("context.duty"))
            if id == nil { reader.report(item, tr("profile.duty.noID")) }
            if let id, !ids.insert(id).inserted { reader.report(item, tr("profile.duty.twice", ["id": id])) }
            let source = ProfileSource.read(m, &reader) ?? ""
            if source.isEmpty { reader.report(item, tr("profile.duty.noSource", ["id": id ?? "?"])) }
            let scope = reader.choice(m, "scope", Scope.self)
            if m[Node("scope")] == nil { reader.report(item, tr("profile.duty.noScope", ["id": id ?? "?"])) }
            let activity = m[Node("activity")]?.scalar?.string
            if let activity, !LedgerRules.activities.contains(activity) {
                reader.report(
                    m[Node("activity")]!,
                    tr(
                        "profile.unknownActivity",
                        ["name": activity, "known": LedgerRules.activities.joined(separator: ", ")]))
            } else if activity == nil {
                reader.report(item, tr("profile.duty.noKey", ["id": id ?? "?", "key": "activity"]))
            }
            let period = reader.choice(m, "period", SchedulingRules.Period.self)
            if m[Node("period")] == nil {
                reader.report(item, tr("profile.duty.noKey", ["id": id ?? "?", "key": "period"]))
            }
            let minimum = reader.integer(m, "min", context: tr("context.duty"), minimum: 1)
            if m[Node("min")] == nil { reader.report(item, tr("profile.duty.noKey", ["id": id ?? "?", "key": "min"])) }
            let hours = reader.number(m, "hours", context: tr("context.duty"), minimum: 0.25)
            if m[Node("hours")] == nil { reader.report(item, tr("profile.duty.noHours", ["id": id ?? "?"])) }
            if let h = hours, h > 12 {
                reader.report(m[Node("hours")]!, tr("yaml.atMost", ["key": "hours", "max": 12]))
            }
            let planned = reader.bool(m, "planned")
            if m[Node("planned")] == nil { reader.report(item, tr("profile.duty.noPlanned", ["id": id ?? "?"])) }
            if scope == .firm, activity == "adviser_training" || activity == "report" {
                reader.report(item, tr("profile.duty.own", ["id": id ?? "?", "activity": activity!]))
            }
            guard let id, !source.isEmpty, let scope, let activity, LedgerRules.activities.contains(activity),
                let period,
                let minimum, let hours, hours <= 12, let planned
            else { continue }
            result.append(
                Duty(
                    id: id, scope: scope, activity: activity, period: period, minimum: minimum, hours: hours,
                    planned: planned, source: source))
        }
        guard reader.diagnostics.count == before else { return nil }
        return DutyRules(duties: result)
    }
}
