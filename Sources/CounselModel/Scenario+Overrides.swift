import Foundation
import Yams

// Scenario variants without copying the folder: `assign DIR --set rules.cap=8` or
// `--overlay what-if.yaml`. The overrides are applied to the loaded scenario; the rule values are
// applied to the profile as soon as it is read, so advisers' `max_villages` are checked against
// the overridden caps.

/// A key that `--set KEY=VALUE` and `--overlay FILE.yaml` may change (a contract).
public enum OverrideKey: String, CaseIterable, Sendable, Codable {
    /// The rule profile (a name in `Models/rules/` or a path to a `.yaml` file).
    case rules
    /// `assignment.cap` of the rule profile.
    case rulesCap = "rules.cap"
    /// `assignment.under_resourced_cap` of the rule profile.
    case rulesUnderResourcedCap = "rules.under_resourced_cap"
    /// `assignment.monthly_hours_per_village` of the rule profile.
    case rulesMonthlyHoursPerVillage = "rules.monthly_hours_per_village"
    /// The candidate radius, km.
    case maxKm = "max_km"
    /// The planning year.
    case year
    /// Objective weight per preference rank step.
    case objectivePreference = "objective.preference"
    /// Objective weight per km.
    case objectiveDistanceKm = "objective.distance_km"
    /// Objective weight per replaced incumbent.
    case objectiveChange = "objective.change"
    /// Objective weight per village served from another county.
    case objectiveSupport = "objective.support"
    /// Objective weight per village need its team does not cover (`needs: prefer`).
    case objectiveNeeds = "objective.needs"
    /// How villages are served: `individual`, `team` or `township` (``ServiceModel``); `team`
    /// requires `teams.csv` and `township` requires `townships.csv`, checked on load.
    case serviceModel = "service_model"
    /// Whether the plan must be stable with respect to both sides' rankings (双向选择).
    case stable
    /// Which partners each side may be matched to: `all` or `ranked` (``Acceptability``).
    case acceptable
    /// Whether a team's specialties must cover a village's needs: `require` or `prefer` (``NeedsRule``).
    case needs
    /// Flexible mode for villages that do not say (scheduler).
    case flexible
    /// Most hours of sessions per adviser per day (scheduler).
    case dailyHours = "daily_hours"

    /// What a value of this key must be, for error messages.
    public var expected: String {
        switch self {
        case .rules: return tr("override.expected.rules")
        case .rulesCap: return tr("override.expected.cap")
        case .rulesUnderResourcedCap: return tr("override.expected.cap")
        case .rulesMonthlyHoursPerVillage: return tr("override.expected.hours")
        case .maxKm: return tr("override.expected.km")
        case .year: return tr("override.expected.year")
        case .objectivePreference, .objectiveDistanceKm, .objectiveChange, .objectiveSupport, .objectiveNeeds:
            return tr("override.expected.weight")
        case .serviceModel: return Self.choices(ServiceModel.self)
        case .acceptable: return Self.choices(Acceptability.self)
        case .needs: return Self.choices(NeedsRule.self)
        case .flexible, .stable: return tr("override.expected.bool")
        case .dailyHours: return tr("override.expected.dailyHours")
        }
    }

    /// Whether the key changes the rule profile's values (applied when the profile is read).
    public var isRuleValue: Bool {
        self == .rulesCap || self == .rulesUnderResourcedCap || self == .rulesMonthlyHoursPerVillage
    }

    /// Parses and checks `text`, or returns `nil` when it is not what ``expected`` says.
    func parse(_ raw: String) -> OverrideValue? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        func number(_ ok: (Double) -> Bool) -> OverrideValue? {
            guard let v = Double(text), v.isFinite, ok(v) else { return nil }
            return .number(v)
        }
        switch self {
        case .rules: return .text(text)
        case .rulesCap, .rulesUnderResourcedCap:
            guard let v = Int(text), v >= 1 else { return nil }
            return .integer(v)
        case .year:
            guard let v = Int(text), (2000...9999).contains(v) else { return nil }
            return .integer(v)
        case .rulesMonthlyHoursPerVillage: return number { $0 >= 0 }
        case .maxKm: return number { $0 > 0 }
        case .objectivePreference, .objectiveDistanceKm, .objectiveChange, .objectiveSupport, .objectiveNeeds:
            return number { $0 >= 0 && $0 <= 1e6 }
        case .dailyHours: return number { $0 >= 1 && $0 <= 12 }
        case .serviceModel: return ServiceModel(rawValue: text).map { .text($0.rawValue) }
        case .acceptable: return Acceptability(rawValue: text).map { .text($0.rawValue) }
        case .needs: return NeedsRule(rawValue: text).map { .text($0.rawValue) }
        case .flexible, .stable:
            switch text.lowercased() {
            case "true", "yes", "on": return .flag(true)
            case "false", "no", "off": return .flag(false)
            default: return nil
            }
        }
    }

    /// Every key, for error messages.
    static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// `a, b or c` for the cases of a choice.
    private static func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> String
    where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        return names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}

/// The value of an override, typed.
public enum OverrideValue: Hashable, Sendable, Encodable, CustomStringConvertible {
    /// A whole number (caps, year).
    case integer(Int)
    /// A number (hours, km, weights).
    case number(Double)
    /// true or false (`flexible`, `stable`).
    case flag(Bool)
    /// Text (`rules`, and the choices `service_model`, `acceptable`, `needs`).
    case text(String)

    /// As written back: `8`, `0.05`, `true`, `guangdong`.
    public var description: String {
        switch self {
        case .integer(let v): return String(v)
        case .number(let v): return v.formatted
        case .flag(let v): return v ? "true" : "false"
        case .text(let v): return v
        }
    }

    /// Encodes as a JSON number, boolean or string.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .integer(let v): try c.encode(v)
        case .number(let v): try c.encode(v)
        case .flag(let v): try c.encode(v)
        case .text(let v): try c.encode(v)
        }
    }

    var double: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .number(let v): return v
        default: return nil
        }
    }
}

/// One override as given: key, value and where it came from.
public struct ScenarioOverride: Hashable, Sendable {
    /// The key.
    public var key: OverrideKey
    /// The checked value.
    public var value: OverrideValue
    /// Where it came from, e.g. `--set rules.cap=8` or `--overlay what-if.yaml: rules.cap=8`.
    public var origin: String

    /// Makes an override.
    public init(key: OverrideKey, value: OverrideValue, origin: String) {
        self.key = key
        self.value = value
        self.origin = origin
    }
}

/// Overrides that cannot be used: unknown keys, bad values (a usage error; every problem is listed).
public struct OverrideError: Error, CustomStringConvertible, Sendable {
    /// One override that cannot be used, and where it was given.
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// A `--set` argument, or an override that does not fit the scenario; the text names the
        /// argument (`--set rules.cap=0: …`, `--overlay what-if.yaml: rules=x: …`).
        case argument(String)
        /// A problem in an `--overlay` file, located at its key or value (file, line, column).
        case overlay(Diagnostic)

        /// `--set …: …` as it is, or `--overlay FILE:LINE:COLUMN: …` (the diagnostic's location).
        public var description: String {
            switch self {
            case .argument(let text): return text
            case .overlay(let d):
                return tr(
                    "override.overlay.at",
                    ["at": Diagnostic.printable(d.location), "message": Diagnostic.printable(d.message)])
            }
        }
    }

    /// The problems, in the order the overrides were given.
    public var problems: [Problem]
    /// Makes an error.
    public init(_ problems: [Problem]) { self.problems = problems }
    /// The problems, one per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The overrides of one run: `--overlay` files first (in order), then `--set` (in order); for a
/// key given more than once the last one counts.
public struct ScenarioOverrides: Sendable {
    /// Every override in the order given.
    public private(set) var entries: [ScenarioOverride] = []

    /// Makes overrides from checked entries.
    public init(_ entries: [ScenarioOverride] = []) { self.entries = entries }

    /// Whether there are none.
    public var isEmpty: Bool { entries.isEmpty }

    /// The override in force for each key given (the last one), in the order of ``OverrideKey``.
    public var effective: [ScenarioOverride] {
        var last: [OverrideKey: ScenarioOverride] = [:]
        for e in entries { last[e.key] = e }
        return OverrideKey.allCases.compactMap { last[$0] }
    }

    /// The value in force for `key`, if overridden.
    public subscript(key: OverrideKey) -> ScenarioOverride? { entries.last { $0.key == key } }

    /// Reads `--overlay` files and `--set` arguments.
    ///
    /// - Throws: ``OverrideError`` for unknown keys and bad values (every one listed);
    ///   ``ScenarioError`` when an overlay file cannot be read.
    public static func parse(sets: [String], overlays: [String]) throws -> ScenarioOverrides {
        var result = ScenarioOverrides()
        var problems: [OverrideError.Problem] = []
        var unreadable: [Diagnostic] = []
        for path in overlays {
            let text: String
            do {
                guard let utf8 = try FileContents.utf8Text(URL(fileURLWithPath: path)) else {
                    throw FileContents.ReadError(path: path, reason: "not UTF-8")
                }
                text = utf8
            } catch {
                let exists = FileManager.default.fileExists(atPath: path)
                unreadable.append(
                    Diagnostic(
                        file: URL(fileURLWithPath: path).path,
                        exists ? tr("override.overlay.unreadable") : tr("override.overlay.missing")))
                continue
            }
            problems += result.addOverlay(text, file: path)
        }
        for s in sets { problems += result.addSet(s) }
        if !unreadable.isEmpty { throw ScenarioError(unreadable) }
        if !problems.isEmpty { throw OverrideError(problems) }
        return result
    }

    /// Adds one `KEY=VALUE`; returns the problems (empty when added).
    @discardableResult
    public mutating func addSet(_ argument: String) -> [OverrideError.Problem] {
        guard let eq = argument.firstIndex(of: "=") else {
            return [.argument(tr("override.set.form", ["argument": argument, "keys": OverrideKey.list]))]
        }
        let name = argument[..<eq].trimmingCharacters(in: .whitespaces)
        let raw = String(argument[argument.index(after: eq)...])
        guard let key = OverrideKey(rawValue: name) else {
            return [
                .argument(tr("override.set.unknown", ["argument": argument, "name": name, "keys": OverrideKey.list]))
            ]
        }
        guard let value = key.parse(raw) else {
            return [
                .argument(
                    tr(
                        "override.set.value",
                        ["argument": argument, "key": key.rawValue, "expected": key.expected, "raw": raw]))
            ]
        }
        entries.append(ScenarioOverride(key: key, value: value, origin: "--set \(key.rawValue)=\(value)"))
        return []
    }

    /// Adds the keys of an overlay (a YAML mapping, keys nested or dotted); returns the problems,
    /// each located in `file`.
    @discardableResult
    public mutating func addOverlay(_ text: String, file: String) -> [OverrideError.Problem] {
        var problems: [OverrideError.Problem] = []
        func problem(_ node: Node?, _ message: String) -> OverrideError.Problem {
            .overlay(Diagnostic(file: file, line: node?.mark?.line, column: node?.mark?.column, message))
        }
        let root: Node?
        do {
            root = try YAMLReader.compose(text, file: file)
        } catch let error as YamlError {
            return [.overlay(YAMLReader.diagnostic(for: error, file: file))]
        } catch let d as Diagnostic {
            return [.overlay(d)]
        } catch {
            return [problem(nil, "invalid YAML: \(error)")]
        }
        guard let root, let mapping = root.mapping else {
            return [problem(nil, tr("override.overlay.mapping", ["keys": OverrideKey.list]))]
        }
        func walk(_ m: Node.Mapping, prefix: String) {
            for (k, v) in m {
                guard let part = k.scalar?.string, !part.isEmpty else {
                    problems.append(problem(k, tr("override.overlay.textKey")))
                    continue
                }
                let name = prefix + part
                if let sub = v.mapping, OverrideKey(rawValue: name) == nil || name == "rules" {
                    if OverrideKey.allCases.contains(where: { $0.rawValue.hasPrefix(name + ".") }) {
                        walk(sub, prefix: name + ".")
                    } else {
                        problems.append(
                            problem(k, tr("override.overlay.unknown", ["name": name, "keys": OverrideKey.list])))
                    }
                    continue
                }
                guard let key = OverrideKey(rawValue: name) else {
                    problems.append(
                        problem(k, tr("override.overlay.unknown", ["name": name, "keys": OverrideKey.list])))
                    continue
                }
                guard let raw = v.scalar?.string, !v.isNull, let value = key.parse(raw) else {
                    let got =
                        v.isNull
                        ? tr("override.got.nothing")
                        : v.scalar.map { "'\($0.string)'" }
                            ?? tr(v.sequence != nil ? "override.got.list" : "override.got.mapping")
                    problems.append(
                        problem(v, tr("override.overlay.value", ["name": name, "expected": key.expected, "got": got])))
                    continue
                }
                entries.append(ScenarioOverride(key: key, value: value, origin: "--overlay \(file): \(name)=\(value)"))
            }
        }
        walk(mapping, prefix: "")
        return problems
    }

    /// The profile with the rule values overridden; each changed rule's source says so, e.g.
    /// `override --set rules.cap=8 (profile: 002 §二(二): …)`.
    public func apply(to profile: RuleProfile) -> RuleProfile {
        var p = profile
        for o in effective where o.key.isRuleValue {
            switch (o.key, o.value) {
            case (.rulesCap, .integer(let v)):
                p.assignment.cap = RuleProfile.Rule(value: v, source: Self.source(o, was: p.assignment.cap.source))
            case (.rulesUnderResourcedCap, .integer(let v)):
                p.assignment.underResourcedCap = RuleProfile.Rule(
                    value: v, source: Self.source(o, was: p.assignment.underResourcedCap?.source))
            case (.rulesMonthlyHoursPerVillage, let value):
                if let v = value.double {
                    p.assignment.monthlyHoursPerVillage = RuleProfile.Rule(
                        value: v, source: Self.source(o, was: p.assignment.monthlyHoursPerVillage.source))
                }
            default: break
            }
        }
        return p
    }

    static func source(_ o: ScenarioOverride, was old: String?) -> String {
        "override \(o.origin) (" + (old.map { "profile: \($0)" } ?? "the profile has none") + ")"
    }

    /// Sets the scenario-level values (`max_km`, `year`, `objective.*`, `service_model`, `stable`,
    /// `acceptable`, `needs`, `flexible`, `daily_hours`); the profile's are set by
    /// ``apply(to:)-(RuleProfile)`` when it is read.
    func applySettings(to s: inout Scenario) {
        for o in effective {
            switch (o.key, o.value) {
            case (.maxKm, let v): s.maxKm = v.double
            case (.year, .integer(let v)): s.year = v
            case (.objectivePreference, let v): s.weights.preference = v.double ?? s.weights.preference
            case (.objectiveDistanceKm, let v): s.weights.distanceKm = v.double ?? s.weights.distanceKm
            case (.objectiveChange, let v): s.weights.change = v.double ?? s.weights.change
            case (.objectiveSupport, let v): s.weights.support = v.double ?? s.weights.support
            case (.objectiveNeeds, let v): s.weights.needs = v.double ?? s.weights.needs
            case (.serviceModel, .text(let v)):
                s.assignment.serviceModel = ServiceModel(rawValue: v) ?? s.assignment.serviceModel
            case (.stable, .flag(let v)): s.assignment.stable = v
            case (.acceptable, .text(let v)):
                s.assignment.acceptable = Acceptability(rawValue: v) ?? s.assignment.acceptable
            case (.needs, .text(let v)): s.assignment.needs = NeedsRule(rawValue: v) ?? s.assignment.needs
            case (.flexible, .flag(let v)): s.schedule.flexible = v
            case (.dailyHours, let v): s.schedule.dailyHours = v.double ?? s.schedule.dailyHours
            default: break
            }
        }
    }

    /// The value of `key` in a scenario (before or after overriding).
    static func current(_ key: OverrideKey, in s: Scenario) -> OverrideValue? {
        let a = s.rules.assignment
        switch key {
        case .rules: return .text(s.rules.id)
        case .rulesCap: return .integer(a.cap.value)
        case .rulesUnderResourcedCap: return a.underResourcedCap.map { .integer($0.value) }
        case .rulesMonthlyHoursPerVillage: return .number(a.monthlyHoursPerVillage.value)
        case .maxKm: return s.maxKm.map { .number($0) }
        case .year: return .integer(s.year)
        case .objectivePreference: return .number(s.weights.preference)
        case .objectiveDistanceKm: return .number(s.weights.distanceKm)
        case .objectiveChange: return .number(s.weights.change)
        case .objectiveSupport: return .number(s.weights.support)
        case .objectiveNeeds: return .number(s.weights.needs)
        case .serviceModel: return .text(s.assignment.serviceModel.rawValue)
        case .stable: return .flag(s.assignment.stable)
        case .acceptable: return .text(s.assignment.acceptable.rawValue)
        case .needs: return .text(s.assignment.needs.rawValue)
        case .flexible: return .flag(s.schedule.flexible)
        case .dailyHours: return .number(s.schedule.dailyHours)
        }
    }
}

/// An override as applied to a scenario, with the value it replaced.
public struct AppliedOverride: Hashable, Sendable, Encodable {
    /// The key.
    public var key: OverrideKey
    /// The value now in force.
    public var value: OverrideValue
    /// The value from the scenario folder and its rule profile, or `nil` where there was none.
    public var previous: OverrideValue?
    /// Where the override came from (`--set …`, `--overlay FILE: …`).
    public var origin: String

    enum CodingKeys: String, CodingKey { case key, value, previous, origin }

    /// Encodes every key, with `null` for a missing `previous`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key.rawValue, forKey: .key)
        try c.encode(value, forKey: .value)
        if let previous { try c.encode(previous, forKey: .previous) } else { try c.encodeNil(forKey: .previous) }
        try c.encode(origin, forKey: .origin)
    }
}

/// An adviser's `max_villages` lowered to the overridden cap (`--set rules.cap=3` on an adviser
/// who states 4): the what-if is asked of the scenario as it would be under that cap.
public struct MaxVillagesLowered: Hashable, Sendable, Encodable {
    /// The adviser's id.
    public var adviser: String
    /// `max_villages` as `advisers.csv` states it.
    public var stated: Int
    /// What it was lowered to: the profile's highest cap after the override.
    public var loweredTo: Int

    /// Makes a record.
    public init(adviser: String, stated: Int, loweredTo: Int) {
        self.adviser = adviser
        self.stated = stated
        self.loweredTo = loweredTo
    }

    enum CodingKeys: String, CodingKey {
        case adviser, stated
        case loweredTo = "lowered_to"
    }
}

/// A scenario loaded with overrides, and what they changed.
public struct ScenarioVariant: Sendable {
    /// The scenario with the overrides applied.
    public var scenario: Scenario
    /// The overrides in force (one per key), with the values they replaced.
    public var applied: [AppliedOverride]
    /// Advisers whose stated `max_villages` was above the overridden cap and lowered to it, in
    /// file order.
    public var maxVillagesLowered: [MaxVillagesLowered] = []

    /// One line saying which advisers' `max_villages` were lowered, or `nil` when none were:
    /// `max_villages lowered to 3 for 6 advisers (stated 4 or 5): A00001, A00004, …`.
    public var maxVillagesLoweredSummary: String? {
        guard let first = maxVillagesLowered.first else { return nil }
        let n = maxVillagesLowered.count
        let stated = Set(maxVillagesLowered.map(\.stated)).sorted().map(String.init)
        let statedText =
            stated.count == 1 ? stated[0] : stated.dropLast().joined(separator: ", ") + tr("override.or") + stated.last!
        let ids = maxVillagesLowered.prefix(8).map(\.adviser).joined(separator: ", ") + (n > 8 ? ", …" : "")
        return tr("override.lowered", ["to": first.loweredTo, "count": n, "stated": statedText, "ids": ids])
    }

    /// `overrides.json`: `{"max_villages_lowered": [{adviser, stated, lowered_to}], "overrides":
    /// [{key, value, previous, origin}], "values": {key: value}}`, keys sorted, pretty-printed.
    public func overridesJSON() throws -> Data {
        struct File: Encodable {
            var maxVillagesLowered: [MaxVillagesLowered]
            var overrides: [AppliedOverride]
            var values: [String: OverrideValue]
            enum CodingKeys: String, CodingKey {
                case maxVillagesLowered = "max_villages_lowered"
                case overrides, values
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var values: [String: OverrideValue] = [:]
        for a in applied { values[a.key.rawValue] = a.value }
        var data = try encoder.encode(File(maxVillagesLowered: maxVillagesLowered, overrides: applied, values: values))
        data.append(0x0A)
        return data
    }
}

/// Holds the profile as read, before overriding (the loader's hook is a `@Sendable` closure).
private final class ProfileBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: RuleProfile?
    var profile: RuleProfile? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
        set {
            lock.lock()
            stored = newValue
            lock.unlock()
        }
    }
}

extension Scenario {
    /// Loads the scenario in `directory` and applies `overrides` (`--set`, `--overlay`).
    ///
    /// The rule values (`rules.cap`, …) are set as soon as the profile is read, so advisers'
    /// `max_villages` are checked against the overridden caps: a raised cap allows more, and a
    /// stated `max_villages` above a lowered cap is lowered to it (listed in
    /// ``ScenarioVariant/maxVillagesLowered`` and `overrides.json`); without an override such a
    /// `max_villages` is invalid input, as ``load(from:modelsSearchPath:overrides:)`` says.
    /// Likewise `service_model` is known before the files are checked: `service_model=township`
    /// on a folder without `townships.csv` is invalid input. With no overrides this is
    /// ``load(from:modelsSearchPath:overrides:)``.
    ///
    /// - Throws: ``ScenarioError`` for invalid input; ``OverrideError`` when an override does not
    ///   fit the scenario (an unknown profile, `rules.cap` above `rules.under_resourced_cap`).
    public static func loadVariant(
        from directory: URL, modelsSearchPath: [URL] = RuleProfileLocator.defaultSearchPath(),
        overrides: ScenarioOverrides
    ) throws -> ScenarioVariant {
        if let r = overrides[.rules],
            RuleProfileLocator.locate(r.value.description, base: directory, searchPath: modelsSearchPath) == nil
        {
            let known = ScenarioLoader.knownProfiles(modelsSearchPath)
            throw OverrideError([
                .argument(
                    known.isEmpty
                        ? tr("override.profile.path", ["origin": r.origin, "name": r.value])
                        : tr(
                            "override.profile.known",
                            ["origin": r.origin, "name": r.value, "known": known.joined(separator: ", ")]))
            ])
        }
        let original = ProfileBox()
        let adjust: (@Sendable (RuleProfile) -> RuleProfile)?
        if overrides.effective.contains(where: \.key.isRuleValue) {
            adjust = { profile in
                original.profile = profile
                return overrides.apply(to: profile)
            }
        } else {
            adjust = nil
        }
        // The service model is known to the loader, which checks the files it needs.
        let model = overrides[.serviceModel]
        // Under an override of the caps (or of the profile), a stated max_villages above the new
        // highest cap is lowered to it rather than refused, so the what-if can be asked at all.
        let capsOverridden = overrides.effective.contains { $0.key.isRuleValue || $0.key == .rules }
        let loaderOverrides = Scenario.LoadOverrides(
            rules: overrides[.rules]?.value.description, adjustRules: adjust,
            serviceModel: model.flatMap { ServiceModel(rawValue: $0.value.description) },
            serviceModelOrigin: model?.origin,
            lowerMaxVillages: capsOverridden)
        var loader = ScenarioLoader(
            directory: directory, modelsSearchPath: modelsSearchPath, overrides: loaderOverrides)
        var scenario = try loader.load()

        // What the folder said, for `previous`.
        var before = scenario
        if let p = original.profile { before.rules = p }
        before.assignment = loader.assignmentInFolder
        var applied: [AppliedOverride] = []
        for o in overrides.effective {
            let previous =
                o.key == .rules ? previousProfileName(directory) : ScenarioOverrides.current(o.key, in: before)
            applied.append(AppliedOverride(key: o.key, value: o.value, previous: previous, origin: o.origin))
        }
        overrides.applySettings(to: &scenario)

        let a = scenario.rules.assignment
        if let ur = a.underResourcedCap, ur.value < a.cap.value,
            overrides[.rulesCap] != nil || overrides[.rulesUnderResourcedCap] != nil
        {
            let given = [overrides[.rulesCap], overrides[.rulesUnderResourcedCap]].compactMap { $0?.origin }.joined(
                separator: ", ")
            throw OverrideError([
                .argument(
                    tr(
                        "override.capOrder",
                        ["given": given, "ur": ur.value, "cap": a.cap.value, "profile": scenario.rules.id]))
            ])
        }
        return ScenarioVariant(scenario: scenario, applied: applied, maxVillagesLowered: loader.maxVillagesLowered)
    }

    /// The `rules:` value of the folder's `scenario.yaml`, if readable.
    private static func previousProfileName(_ directory: URL) -> OverrideValue? {
        guard let text = (try? FileContents.utf8Text(directory.appendingPathComponent("scenario.yaml"))) ?? nil,
            let root = (try? YAMLReader.compose(text, file: "scenario.yaml"))??.mapping,
            let name = root[Node("rules")]?.scalar?.string
        else { return nil }
        return .text(name)
    }
}
