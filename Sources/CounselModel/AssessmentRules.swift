import Yams

/// The assessment part of a rule profile: how `assess` grades an adviser and what a grade leads to.
///
/// Schema (in `Models/rules/NAME.yaml`, under `assessment:`; documented in `Models/README.md`),
/// every key a rule with `value` and `source`:
///
/// ```yaml
/// assessment:
///   deduction:                  {value: deduct, source: "002 §四(五): 服务次数达不到要求的，相应扣减报酬"}
///   fail_below_met_share:       {value: 0.5, source: "…"}   # fail when fewer requirement checks are met
///   fail_below_confirmed_share: {value: 0.5, source: "…"}   # fail when fewer call-backs confirm the ledger
///   fail_consequence:           {value: not_renewed, source: "002 §四(五): 不履行职责、群众意见较大的，不再续聘"}
/// ```
///
/// Grades: `pass` when every requirement check of the period is met and no call-back found an
/// entry not confirmed; `fail` when the share of checks met is below `fail_below_met_share` or the
/// share of reached call-backs that confirmed the entry is below `fail_below_confirmed_share`;
/// `rectify` otherwise.
public struct AssessmentRules: Sendable {
    /// Whether shortfalls reduce the subsidy paid.
    public enum Deduction: String, CaseIterable, Sendable {
        /// The deductions are made (Nanning 002 §四(五), Guangdong 001 §(十五)).
        case deduct
        /// The deductions are computed and shown, but the document makes the assessment only a
        /// reference for the subsidy (Rongchang 000 §四(二)2) or names no deduction at all.
        case reference
    }

    /// What a failed assessment leads to.
    public enum Consequence: String, CaseIterable, Sendable {
        /// Not engaged again (不再续聘, Nanning 002 §四(五)).
        case notRenewed = "not_renewed"
        /// Replaced (撤换, Guangdong 001 §(十五); 及时替换表现不好的律师, 001 §(十二)).
        case replaced
        /// A rectification request to the adviser's firm, not exclusion (整改要求, Zhengning 003 §二).
        case rectification
        /// The result is a reference for the annual assessment and the subsidy (参考, Rongchang 000 §四(二)2).
        case reference
        /// The document names no consequence; the bureau decides.
        case bureauDecides = "bureau_decides"

        /// Whether the consequence keeps the adviser from the next plan (so a profile with it must
        /// list `failed_assessment` among its excluded statuses), keeps the adviser (so it must not),
        /// or leaves it to the profile (`nil`).
        public var excludes: Bool? {
            switch self {
            case .notRenewed, .replaced: return true
            case .rectification, .reference: return false
            case .bureauDecides: return nil
            }
        }
    }

    /// Whether shortfalls reduce the subsidy.
    public var deduction: RuleProfile.Rule<Deduction>
    /// An adviser fails when the share of requirement checks met is below this (0–1).
    public var failBelowMetShare: RuleProfile.Rule<Double>
    /// An adviser fails when the share of reached call-backs that confirmed the entry is below this (0–1).
    public var failBelowConfirmedShare: RuleProfile.Rule<Double>
    /// What a failed assessment leads to.
    public var failConsequence: RuleProfile.Rule<Consequence>

    /// Makes assessment rules.
    public init(
        deduction: RuleProfile.Rule<Deduction>, failBelowMetShare: RuleProfile.Rule<Double>,
        failBelowConfirmedShare: RuleProfile.Rule<Double>, failConsequence: RuleProfile.Rule<Consequence>
    ) {
        self.deduction = deduction
        self.failBelowMetShare = failBelowMetShare
        self.failBelowConfirmedShare = failBelowConfirmedShare
        self.failConsequence = failConsequence
    }

    static func parse(_ node: Node, _ reader: inout YAMLReader) -> AssessmentRules? {
        guard let m = node.mapping else {
            reader.report(node, tr("profile.section.mapping", ["section": "assessment"]))
            return nil
        }
        reader.checkKeys(
            m, known: ["deduction", "fail_below_met_share", "fail_below_confirmed_share", "fail_consequence"],
            context: "'assessment'")
        func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> RuleProfile.Rule<E>?
        where E.RawValue == String {
            RuleProfile.rule(m, key, &reader, required: true, section: "assessment") { r, n -> E? in
                guard let v = n.scalar.flatMap({ E(rawValue: $0.string) }) else {
                    r.report(
                        n,
                        tr("profile.oneOf", ["key": key, "values": E.allCases.map(\.rawValue).joined(separator: ", ")]))
                    return nil
                }
                return v
            }
        }
        func share(_ key: String) -> RuleProfile.Rule<Double>? {
            RuleProfile.rule(m, key, &reader, required: true, section: "assessment") { r, n -> Double? in
                guard let v = n.scalar.flatMap({ Double($0.string) }), v >= 0, v <= 1 else {
                    r.report(n, tr("profile.share", ["key": key]))
                    return nil
                }
                return v
            }
        }
        let deduction = choice("deduction", Deduction.self)
        let met = share("fail_below_met_share"), confirmed = share("fail_below_confirmed_share")
        let consequence = choice("fail_consequence", Consequence.self)
        guard let deduction, let met, let confirmed, let consequence else { return nil }
        return AssessmentRules(
            deduction: deduction, failBelowMetShare: met, failBelowConfirmedShare: confirmed,
            failConsequence: consequence)
    }
}
