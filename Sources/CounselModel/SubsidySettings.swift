import Foundation
import Yams

/// A county's subsidy amounts for its village advisers (法律顾问补贴), from `subsidy.yaml` in the
/// scenario folder. No document fixes them — Nanning 002 §二(二) has the county 落实村（社区）法律顾问补贴经费,
/// Guangdong 001 §(十九) asks to 因地制宜提高村(社区)法律顾问经济补贴 — so the bureau writes its own, with
/// where they come from:
///
/// ```yaml
/// source: 武鸣区司法局 2026 年村（社区）法律顾问补贴标准    # required: the bureau's decision
/// currency: 元                  # optional label, default 元
/// per_village_per_year: 6000    # one village served for a whole year
/// deductions:                   # per unit short of a requirement (deducted where the profile says so)
///   per_missed_visit: 300       # onsite_visits requirements
///   per_missed_hour: 60         # onsite_hours and service_hours requirements
///   per_missed_lecture: 500     # lectures, trainings, lectures_or_events requirements
/// ```
public struct SubsidySettings: Sendable, Equatable {
    /// Where the amounts come from (the bureau's decision).
    public var source: String
    /// The currency label printed after amounts.
    public var currency: String
    /// The subsidy for one village served a whole year.
    public var perVillagePerYear: Double
    /// Deducted per on-site visit short.
    public var perMissedVisit: Double
    /// Deducted per hour short.
    public var perMissedHour: Double
    /// Deducted per lecture, training or event short.
    public var perMissedLecture: Double
    /// The file it was read from.
    public var file: String

    /// Makes settings.
    public init(
        source: String, currency: String = "元", perVillagePerYear: Double, perMissedVisit: Double,
        perMissedHour: Double, perMissedLecture: Double, file: String = "subsidy.yaml"
    ) {
        self.source = source
        self.currency = currency
        self.perVillagePerYear = perVillagePerYear
        self.perMissedVisit = perMissedVisit
        self.perMissedHour = perMissedHour
        self.perMissedLecture = perMissedLecture
        self.file = file
    }

    /// Reads and checks `subsidy.yaml`.
    ///
    /// - Throws: ``ScenarioError`` listing every problem with its line and column.
    public static func load(from url: URL, displayName: String) throws -> SubsidySettings {
        guard let text = (try? FileContents.utf8Text(url)) ?? nil else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw ScenarioError([Diagnostic(file: displayName, exists ? tr("subsidy.notUTF8") : tr("subsidy.missing"))])
        }
        var reader = YAMLReader(file: displayName)
        guard let root = reader.root(of: text) else { throw ScenarioError(reader.diagnostics) }
        reader.checkKeys(
            root, known: ["source", "currency", "per_village_per_year", "deductions"], context: "subsidy.yaml")
        let source = reader.string(root, "source", required: true, context: tr("subsidy.context"))
        let currency = reader.string(root, "currency", required: false, context: "subsidy.yaml") ?? "元"
        func amount(_ m: Node.Mapping, _ key: String, context: String) -> Double? {
            if reader.value(m, key) == nil || reader.value(m, key)!.isNull {
                reader.diagnostics.append(
                    Diagnostic(file: displayName, line: 1, tr("yaml.missingKey", ["key": key, "context": context])))
                return nil
            }
            guard let v = reader.number(m, key, context: context, minimum: 0) else { return nil }
            if v > 1e9 {
                reader.report(reader.value(m, key)!, tr("yaml.atMost", ["key": key, "max": 1_000_000_000]))
                return nil
            }
            return v
        }
        let perVillage = amount(root, "per_village_per_year", context: "subsidy.yaml")
        var visit: Double?, hour: Double?, lecture: Double?
        if let node = reader.value(root, "deductions"), let m = node.mapping {
            reader.checkKeys(
                m, known: ["per_missed_visit", "per_missed_hour", "per_missed_lecture"], context: "'deductions'")
            visit = amount(m, "per_missed_visit", context: "'deductions'")
            hour = amount(m, "per_missed_hour", context: "'deductions'")
            lecture = amount(m, "per_missed_lecture", context: "'deductions'")
        } else if let node = reader.value(root, "deductions"), !node.isNull {
            reader.report(node, tr("subsidy.deductions"))
        } else {
            reader.diagnostics.append(
                Diagnostic(
                    file: displayName, line: 1,
                    tr("subsidy.missingDeductions")))
        }
        guard reader.diagnostics.isEmpty, let source, let perVillage, let visit, let hour, let lecture else {
            throw ScenarioError(reader.diagnostics)
        }
        return SubsidySettings(
            source: source, currency: currency, perVillagePerYear: perVillage, perMissedVisit: visit,
            perMissedHour: hour, perMissedLecture: lecture, file: displayName)
    }
}
