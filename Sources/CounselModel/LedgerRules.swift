import Yams

/// The ledger part of a rule profile: what a ledger entry (台账) must record to count as a record.
///
/// Schema (in `Models/rules/NAME.yaml`, under `ledger:`; documented in `Models/README.md`):
///
/// ```yaml
/// ledger:
///   required_fields:
///     - id: record                         # named in check's incomplete-entry findings
///       fields: [person_served, content, result]
///       activities: [service]              # optional: the activities it applies to (default: all)
///       source: "002 §四(一): …"
/// ```
///
/// The date and hours of an entry are the roster's own columns and are always required; these
/// are the columns the adviser fills in after each session.
public struct LedgerRules: Sendable {
    /// A column of a ledger book that the adviser fills in.
    public enum Field: String, CaseIterable, Sendable {
        /// Who was served (服务对象).
        case personServed = "person_served"
        /// What the service was (服务内容).
        case content
        /// Its result (服务结果).
        case result
        /// The village's sign-off (村（社区）群干签署意见, Nanning 002 §四(一)).
        case signature
        /// The served person's phone (联系电话, Jiaocheng 004 §四(三)): personal data.
        case contactPhone = "contact_phone"
        /// The matter (服务事项, Jiaocheng 004 §四(三)).
        case matter
        /// Where a lecture was held (讲座的场所, Jiaocheng 004 §四(三)).
        case place
        /// Who attended a lecture (讲座的人员, Jiaocheng 004 §四(三)).
        case attendees
        /// The photo evidence of a lecture (图片佐证, Jiaocheng 004 §四(三)): a file name or reference.
        case photo
    }

    /// The activities of a session, as roster.csv writes them (`Session.Activity` in Scheduling).
    public static let activities = [
        "service", "lecture", "training", "event", "mediation", "firm_event", "report",
        "legal_aid", "dispute_screening", "consultation", "adviser_training",
    ]

    /// The adviser's own activities, which happen in no village (`village_id` empty): the
    /// training the adviser attends and the work report submitted. Their entries are records once
    /// `content` says what was done.
    public static let adviserActivities: Set<String> = ["adviser_training", "report"]

    /// Fields every entry of some activities must have.
    public struct FieldRequirement: Sendable, Equatable {
        /// Short id, named in findings.
        public var id: String
        /// The fields required.
        public var fields: [Field]
        /// The activities it applies to (`service`, `lecture`, `training`, `event`); empty: every activity.
        public var activities: [String]
        /// Seed file and section, quoting the seed's words.
        public var source: String

        /// Makes a requirement.
        public init(id: String, fields: [Field], activities: [String] = [], source: String) {
            self.id = id
            self.fields = fields
            self.activities = activities
            self.source = source
        }

        /// Whether it applies to an entry of `activity` (a roster `activity` value): the activities
        /// it lists, or, when it lists none, every activity in a village (not an adviser's own
        /// training or report, ``LedgerRules/adviserActivities``).
        public func applies(to activity: String) -> Bool {
            activities.isEmpty ? !LedgerRules.adviserActivities.contains(activity) : activities.contains(activity)
        }
    }

    /// The requirements, in profile order.
    public var requiredFields: [FieldRequirement]
    /// The village books go to the township judicial office every month (Jiaocheng 004 §四(三):
    /// 每月月末将纸质版交辖区司法所审核): `check --month` then makes a book that did not come in a
    /// breach, not just a note.
    public var monthlySubmission: RuleProfile.Rule<Bool>? = nil
    /// Each adviser is paired with the village's mediation committee (Jiaocheng 004 §四(一)): the
    /// ledger books `publish` writes name it on every line (`mediation_committee`).
    public var mediationCommittee: RuleProfile.Rule<Bool>? = nil

    /// Makes ledger rules.
    public init(requiredFields: [FieldRequirement]) { self.requiredFields = requiredFields }

    /// The requirements that apply to an entry of `activity`.
    public func requirements(for activity: String) -> [FieldRequirement] {
        requiredFields.filter { $0.applies(to: activity) }
    }

    /// Every field some requirement names, in ``Field`` order.
    public var allFields: [Field] {
        let named = Set(requiredFields.flatMap(\.fields))
        return Field.allCases.filter { named.contains($0) }
    }

    static func parse(_ node: Node, _ reader: inout YAMLReader) -> LedgerRules? {
        guard let m = node.mapping else {
            reader.report(node, tr("profile.ledger.mapping"))
            return nil
        }
        reader.checkKeys(
            m, known: ["required_fields", "monthly_submission", "mediation_committee"], context: "'ledger'")
        let before = reader.diagnostics.count
        func flag(_ key: String) -> RuleProfile.Rule<Bool>? {
            RuleProfile.rule(m, key, &reader, required: false, section: "ledger") { r, n -> Bool? in
                switch n.scalar?.string {
                case "true": return true
                case "false": return false
                default:
                    r.report(n, tr("yaml.bool", ["key": key]))
                    return nil
                }
            }
        }
        let monthly = flag("monthly_submission"), committee = flag("mediation_committee")
        guard let list = m[Node("required_fields")], !list.isNull else {
            reader.report(node, tr("profile.ledger.noFields"))
            return nil
        }
        guard let items = list.sequence else {
            reader.report(list, tr("profile.ledger.list"))
            return nil
        }
        var result: [FieldRequirement] = []
        var ids = Set<String>()
        for item in items {
            if let requirement = parseRequirement(item, &reader, ids: &ids) { result.append(requirement) }
        }
        guard reader.diagnostics.count == before else { return nil }
        var rules = LedgerRules(requiredFields: result)
        rules.monthlySubmission = monthly
        rules.mediationCommittee = committee
        return rules
    }

    /// One item of `required_fields`: an id (unique among `ids`), its source, the fields it
    /// requires and the activities it applies to; `nil` with the problems reported.
    private static func parseRequirement(
        _ item: Node, _ reader: inout YAMLReader, ids: inout Set<String>
    ) -> FieldRequirement? {
        guard let r = item.mapping else {
            reader.report(item, tr("profile.ledger.item"))
            return nil
        }
        reader.checkKeys(
            r, known: ["id", "fields", "activities"] + ProfileSource.keys, context: tr("context.ledgerField"))
        let id = reader.string(r, "id", required: false, context: tr("context.ledgerField"))
        if id == nil && r[Node("id")] == nil { reader.report(item, tr("profile.ledger.noID")) }
        if let id, !ids.insert(id).inserted { reader.report(item, tr("profile.ledger.twice", ["id": id])) }
        let source = ProfileSource.read(r, &reader)
        if source?.isEmpty ?? true {
            reader.report(item, tr("profile.ledger.noSource", ["id": id ?? "?"]))
        }
        var fields: [Field] = []
        if let f = r[Node("fields")], let list = f.sequence, !list.isEmpty {
            for x in list {
                guard let field = x.scalar.flatMap({ Field(rawValue: $0.string) }) else {
                    reader.report(
                        x,
                        tr(
                            "profile.ledger.unknownField",
                            [
                                "name": x.scalar?.string ?? "?",
                                "known": Field.allCases.map(\.rawValue).joined(separator: ", "),
                            ]))
                    continue
                }
                if !fields.contains(field) { fields.append(field) }
            }
        } else {
            reader.report(r[Node("fields")] ?? item, tr("profile.ledger.needsFields", ["id": id ?? "?"]))
        }
        var activities: [String] = []
        if let a = r[Node("activities")], !a.isNull {
            if let list = a.sequence {
                for x in list {
                    let name = x.scalar?.string ?? ""
                    if Self.activities.contains(name) {
                        activities.append(name)
                    } else {
                        reader.report(
                            x,
                            tr(
                                "profile.unknownActivity",
                                ["name": name, "known": Self.activities.joined(separator: ", ")]))
                    }
                }
            } else {
                reader.report(
                    a, tr("profile.ledger.activities", ["known": Self.activities.joined(separator: ", ")]))
            }
        }
        guard let id, let source, !source.isEmpty, !fields.isEmpty else { return nil }
        return FieldRequirement(id: id, fields: fields, activities: activities, source: source)
    }
}
