import Foundation
import Yams

/// One jurisdiction's rules, loaded from `Models/rules/NAME.yaml`.
///
/// Every rule in the file carries its `source` (seed file and section), and the loader refuses a
/// rule without one. It holds the assignment part, the scheduling part (what each village must get),
/// the ledger part (what an entry must record to count) and the assessment part (grades and what
/// they lead to); the last three are optional.
public struct RuleProfile: Sendable {
    /// A rule's value and where it comes from.
    public struct Rule<Value: Sendable>: Sendable {
        /// The value in force.
        public var value: Value
        /// Seed file and section, e.g. `002 §二(二)`.
        public var source: String
    }

    /// The assignment rules: who may serve and how many villages each.
    public struct AssignmentRules: Sendable {
        /// Villages per adviser (outside under-resourced counties, where `underResourcedCap` is set).
        public var cap: Rule<Int>
        /// Villages per adviser in all when some are in counties marked under-resourced, or `nil`.
        public var underResourcedCap: Rule<Int>?
        /// Roles that may be appointed.
        public var eligibleRoles: Rule<Set<AdviserRole>>
        /// Whether an apprentice may serve a village alone.
        public var apprenticeAlone: Rule<Bool>
        /// Statuses that exclude an adviser from appointment.
        public var excludedStatuses: Rule<Set<AdviserStatus>>
        /// Monthly on-site hours a village needs from its adviser (counted against `hours_per_month`).
        public var monthlyHoursPerVillage: Rule<Double>

        /// The most villages any adviser may serve under this profile.
        public var maximumCap: Int { max(cap.value, underResourcedCap?.value ?? 0) }
    }

    /// Short id, e.g. `nanning`.
    public var id: String
    /// Jurisdiction name, e.g. 南宁市.
    public var name: String
    /// The source document.
    public var document: String
    /// The assignment rules.
    public var assignment: AssignmentRules
    /// The scheduling rules, when the profile has them.
    public var scheduling: SchedulingRules?
    /// What a ledger entry must record to count, when the profile says.
    public var ledger: LedgerRules? = nil
    /// How advisers are assessed, when the profile says.
    public var assessment: AssessmentRules? = nil
    /// What notice boards and contact cards show, when the profile says.
    public var publication: PublicationRules? = nil
    /// The duties that are not sessions in a village (firm events, reports, campaign duties,
    /// training), when the profile has them.
    public var duties: DutyRules? = nil

    /// The publication rules in force: the profile's, else ``PublicationRules/defaults``.
    public var publicationRules: PublicationRules { publication ?? .defaults }
    /// The file it was read from.
    public var path: String

    /// Loads and validates a profile.
    ///
    /// - Throws: ``ScenarioError`` listing every problem in the file.
    public static func load(from url: URL, displayName: String? = nil) throws -> RuleProfile {
        let file = displayName ?? url.path
        let text: String
        do {
            guard let utf8 = try FileContents.utf8Text(url) else {
                throw ScenarioError([Diagnostic(file: file, "cannot read the rule profile: the file is not UTF-8 text")]
                )
            }
            text = utf8
        } catch let e as ScenarioError {
            throw e
        } catch {
            throw ScenarioError([
                Diagnostic(
                    file: file,
                    tr(
                        "profile.cannotRead",
                        ["error": SystemErrorText.text(error, english: error.localizedDescription)]))
            ])
        }
        let key = ProfileCache.Key(path: url.path, file: file, text: text, language: Language.current)
        if let profile = ProfileCache.shared.profile(for: key) { return profile }
        let profile = try parse(text, file: file, path: url.path)
        ProfileCache.shared.store(profile, for: key)
        return profile
    }

    /// Reads a profile's text (`file` is the name diagnostics give, `path` the one the profile keeps).
    private static func parse(_ text: String, file: String, path: String) throws -> RuleProfile {
        var reader = YAMLReader(file: file)
        guard let root = reader.root(of: text) else { throw ScenarioError(reader.diagnostics) }
        reader.checkKeys(
            root,
            known: [
                "id", "name", "document", "assignment", "scheduling", "ledger", "assessment", "publication", "duties",
            ],
            context: tr("context.profile"))
        let id = reader.string(root, "id", required: true, context: tr("context.profile")) ?? ""
        let name = reader.string(root, "name", required: true, context: tr("context.profile")) ?? ""
        let document = reader.string(root, "document", required: true, context: tr("context.profile")) ?? ""
        var assignment: AssignmentRules?
        if let node = reader.value(root, "assignment") {
            assignment = parseAssignment(node, &reader)
        } else {
            reader.diagnostics.append(Diagnostic(file: file, line: 1, tr("profile.noAssignment")))
        }
        var scheduling: SchedulingRules?
        if let node = reader.value(root, "scheduling"), !node.isNull {
            scheduling = SchedulingRules.parse(node, &reader)
        }
        var ledger: LedgerRules?
        if let node = reader.value(root, "ledger"), !node.isNull {
            ledger = LedgerRules.parse(node, &reader)
        }
        var assessment: AssessmentRules?
        if let node = reader.value(root, "assessment"), !node.isNull {
            assessment = AssessmentRules.parse(node, &reader)
            // What a failed assessment leads to and who is excluded from the next plan must agree.
            if let assessment, let assignment, let excludes = assessment.failConsequence.value.excludes,
                excludes != assignment.excludedStatuses.value.contains(.failedAssessment)
            {
                reader.report(
                    node,
                    tr(
                        excludes ? "profile.failMustList" : "profile.failMustNotList",
                        ["value": assessment.failConsequence.value.rawValue]))
            }
        }
        var publication: PublicationRules?
        if let node = reader.value(root, "publication"), !node.isNull {
            publication = PublicationRules.parse(node, &reader)
        }
        var duties: DutyRules?
        if let node = reader.value(root, "duties"), !node.isNull {
            duties = DutyRules.parse(node, &reader)
        }
        guard reader.diagnostics.isEmpty, let assignment else { throw ScenarioError(reader.diagnostics) }
        var profile = RuleProfile(
            id: id, name: name, document: document, assignment: assignment, scheduling: scheduling, path: path)
        profile.ledger = ledger
        profile.assessment = assessment
        profile.publication = publication
        profile.duties = duties
        return profile
    }

    private static func parseAssignment(_ node: Node, _ reader: inout YAMLReader) -> AssignmentRules? {
        guard let m = node.mapping else {
            reader.report(node, tr("profile.section.mapping", ["section": "assignment"]))
            return nil
        }
        let keys = [
            "cap", "under_resourced_cap", "eligible_roles", "apprentice_alone", "excluded_statuses",
            "monthly_hours_per_village",
        ]
        reader.checkKeys(m, known: keys, context: "'assignment'")
        let cap = rule(m, "cap", &reader, required: true) { r, n in wholeCap(n, key: "cap", &r) }
        let urCap = rule(m, "under_resourced_cap", &reader, required: false) { r, n in
            wholeCap(n, key: "under_resourced_cap", &r)
        }
        let roles = rule(m, "eligible_roles", &reader, required: true) { r, n -> Set<AdviserRole>? in
            names(n, notAList: "profile.roles", unknown: "profile.unknownRole", &r)
        }
        let alone = rule(m, "apprentice_alone", &reader, required: true) { r, n -> Bool? in
            switch n.scalar?.string.lowercased() {
            case "true": return true
            case "false": return false
            default:
                r.report(n, tr("yaml.bool", ["key": "apprentice_alone"]))
                return nil
            }
        }
        let statuses = rule(m, "excluded_statuses", &reader, required: true) { r, n -> Set<AdviserStatus>? in
            names(n, notAList: "profile.statuses", unknown: "profile.unknownStatus", &r)
        }
        let hours = rule(m, "monthly_hours_per_village", &reader, required: true) { r, n -> Double? in
            guard let v = n.scalar.flatMap({ Double($0.string) }), v >= 0, v.isFinite else {
                r.report(n, tr("profile.monthlyHours"))
                return nil
            }
            return v
        }
        if let cap, let urCap, urCap.value < cap.value {
            reader.report(node, tr("profile.capOrder", ["ur": urCap.value, "cap": cap.value]))
        }
        guard let cap, let roles, let alone, let statuses, let hours else { return nil }
        if !(urCap != nil || m[Node("under_resourced_cap")] == nil) { return nil }
        return AssignmentRules(
            cap: cap, underResourcedCap: urCap, eligibleRoles: roles, apprenticeAlone: alone,
            excludedStatuses: statuses, monthlyHoursPerVillage: hours)
    }

    /// A cap: a whole number of villages, at least 1.
    private static func wholeCap(_ n: Node, key: String, _ r: inout YAMLReader) -> Int? {
        guard let v = n.scalar.flatMap({ Int($0.string) }), v >= 1 else {
            r.report(n, tr("profile.capWhole", ["key": key]))
            return nil
        }
        return v
    }

    /// A list of names of `E` (roles, statuses); each unknown name is reported with the known ones.
    private static func names<E: RawRepresentable & CaseIterable & Hashable>(
        _ n: Node, notAList: String, unknown: String, _ r: inout YAMLReader
    ) -> Set<E>? where E.RawValue == String {
        guard let items = n.sequence else {
            r.report(n, tr(notAList))
            return nil
        }
        var set = Set<E>()
        for item in items {
            guard let value = item.scalar.flatMap({ E(rawValue: $0.string) }) else {
                r.report(
                    item,
                    tr(
                        unknown,
                        [
                            "name": item.scalar?.string ?? "?",
                            "known": E.allCases.map(\.rawValue).joined(separator: ", "),
                        ]))
                continue
            }
            set.insert(value)
        }
        return set
    }

    /// Reads `key: {value: …, source: "…", source_zh: "…"}`; the source is required (``ProfileSource``).
    static func rule<V>(
        _ m: Node.Mapping, _ key: String, _ reader: inout YAMLReader, required: Bool, section: String = "assignment",
        _ parse: (inout YAMLReader, Node) -> V?
    ) -> Rule<V>? {
        guard let node = m[Node(key)], !node.isNull else {
            if required {
                reader.diagnostics.append(
                    Diagnostic(file: reader.file, line: 1, tr("profile.missingRule", ["rule": "\(section).\(key)"])))
            }
            return nil
        }
        guard let rm = node.mapping else {
            reader.report(node, tr("profile.rule.mapping", ["key": key]))
            return nil
        }
        reader.checkKeys(rm, known: ["value", "note"] + ProfileSource.keys, context: tr("context.rule", ["key": key]))
        guard let valueNode = rm[Node("value")] else {
            reader.report(node, tr("profile.rule.noValue", ["key": key]))
            return nil
        }
        guard let source = ProfileSource.read(rm, &reader) else {
            reader.report(node, tr("profile.rule.noSource", ["key": key]))
            return nil
        }
        guard let value = parse(&reader, valueNode) else { return nil }
        return Rule(value: value, source: source)
    }
}

/// Profiles already read by this process, by what was read: the same bytes under the same names
/// in the same language give the same profile, so a process that loads many scenarios (a test
/// suite, a fuzzer, a planner's what-ifs) parses each profile once. Only profiles that load are
/// kept (a refused one is read again, so its diagnostics are always fresh); at most
/// ``ProfileCache/capacity`` of them, the oldest dropped first.
final class ProfileCache: @unchecked Sendable {
    struct Key: Hashable {
        var path: String
        var file: String
        var text: String
        var language: Language
    }

    static let shared = ProfileCache()
    static let capacity = 16

    private let lock = NSLock()
    private var profiles: [Key: RuleProfile] = [:]
    private var order: [Key] = []

    func profile(for key: Key) -> RuleProfile? {
        lock.lock()
        defer { lock.unlock() }
        return profiles[key]
    }

    func store(_ profile: RuleProfile, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        guard profiles[key] == nil else { return }
        if order.count >= Self.capacity { profiles[order.removeFirst()] = nil }
        profiles[key] = profile
        order.append(key)
    }
}
