import Foundation
import Yams

extension Scenario {
    /// What the loader applies on top of `scenario.yaml` (from `--set`/`--overlay`, through
    /// ``ScenarioOverrides``): named apart from ``ScenarioOverrides``, the parsed options themselves.
    public struct LoadOverrides: Sendable {
        /// Replaces `rules`.
        public var rules: String?
        /// Replaces `max_km`.
        public var maxKm: Double?
        /// Applied to the rule profile as soon as it is read, before anything is checked against
        /// it (`--set rules.cap=8`: advisers' `max_villages` are checked against the new cap).
        public var adjustRules: (@Sendable (RuleProfile) -> RuleProfile)?
        /// Replaces `service_model`, before the files that model needs are checked
        /// (`--set service_model=township` requires `townships.csv`, as the key in `scenario.yaml` would).
        public var serviceModel: ServiceModel?
        /// Where ``serviceModel`` came from (e.g. `--set service_model=team`), named in diagnostics
        /// about the files it requires; `nil` says just "override".
        public var serviceModelOrigin: String?
        /// Lower an adviser's `max_villages` above the profile's highest cap to that cap instead of
        /// refusing it (a what-if that lowers the cap: `--set rules.cap=3` on advisers who state 4).
        public var lowerMaxVillages: Bool
        /// Makes overrides; empty by default.
        public init(
            rules: String? = nil, maxKm: Double? = nil, adjustRules: (@Sendable (RuleProfile) -> RuleProfile)? = nil,
            serviceModel: ServiceModel? = nil, serviceModelOrigin: String? = nil, lowerMaxVillages: Bool = false
        ) {
            self.rules = rules
            self.maxKm = maxKm
            self.adjustRules = adjustRules
            self.serviceModel = serviceModel
            self.serviceModelOrigin = serviceModelOrigin
            self.lowerMaxVillages = lowerMaxVillages
        }
    }

    /// Loads and validates the scenario in `directory`.
    ///
    /// - Parameter modelsSearchPath: folders that may hold `rules/NAME.yaml`, searched in order
    ///   (a `rules:` value that is a path is taken relative to the scenario folder instead).
    /// - Throws: ``ScenarioError`` listing every problem found in every file.
    public static func load(
        from directory: URL, modelsSearchPath: [URL] = RuleProfileLocator.defaultSearchPath(),
        overrides: LoadOverrides = LoadOverrides()
    ) throws -> Scenario {
        var loader = ScenarioLoader(directory: directory, modelsSearchPath: modelsSearchPath, overrides: overrides)
        return try loader.load()
    }
}

/// Finds rule profiles by name.
public enum RuleProfileLocator {
    /// `$VILLAGE_COUNSEL_MODELS`, then every `Models` folder above the running executable and above
    /// the current directory (so a built checkout finds its own `Models/`).
    public static func defaultSearchPath() -> [URL] {
        var result: [URL] = []
        if let env = ProcessInfo.processInfo.environment["VILLAGE_COUNSEL_MODELS"], !env.isEmpty {
            result.append(URL(fileURLWithPath: env))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        for start in [
            executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        ] {
            var folder = start.standardizedFileURL
            for _ in 0..<8 {
                result.append(folder.appendingPathComponent("Models"))
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return result
    }

    /// The profile file for `name` (a profile name or a path relative to `base`), or `nil`.
    public static func locate(_ name: String, base: URL, searchPath: [URL]) -> URL? {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : base.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
        for folder in searchPath {
            let url = folder.appendingPathComponent("rules").appendingPathComponent("\(name).yaml")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }
}

/// A record read from a CSV file, with where it stood.
struct Loaded<T> {
    /// The parsed value.
    var value: T
    /// 1-based line of the record.
    var line: Int
    /// 1-based column of each named field on that line.
    var columns: FieldColumns
}

/// The column of each named field of one record: the table's name → index map, shared by all its
/// records, and this record's columns (a dictionary per record would take more memory than the
/// record's own bytes several times over).
struct FieldColumns {
    let index: [String: Int]
    let columns: [Int32]

    /// The column where field `name` starts, or `nil` when the table has no such column.
    subscript(name: String) -> Int? { index[name].map { Int(columns[$0]) } }
}

/// Reads a scenario folder, collecting every problem before failing.
struct ScenarioLoader {
    let directory: URL
    let modelsSearchPath: [URL]
    let overrides: Scenario.LoadOverrides
    var diagnostics = DiagnosticLog()

    init(directory: URL, modelsSearchPath: [URL], overrides: Scenario.LoadOverrides) {
        self.directory = directory
        self.modelsSearchPath = modelsSearchPath
        self.overrides = overrides
    }

    /// Where each id was first defined, for the uniqueness check across files.
    private var idOrigins: [String: (file: String, line: Int, column: Int?)] = [:]
    /// Where each table comes from (a CSV file or a workbook's sheet), by its CSV file name.
    var sources: [String: TableSource] = [:]
    /// Warnings and notes: columns and sheets ignored, files read as GB18030.
    var warnings: [Diagnostic] = []
    /// Advisers whose `max_villages` was lowered to the cap (``Scenario/Overrides/lowerMaxVillages``).
    private(set) var maxVillagesLowered: [MaxVillagesLowered] = []
    /// Every id seen in each file, including rows with other problems (so a bad field in one row
    /// does not also make every reference to that row an error).
    private var idsSeen: [String: Set<String>] = [:]
    /// Files whose rows could not be read at all (missing header columns, unreadable file):
    /// references into them are not checked, since nothing can be said about them.
    var unreadable: Set<String> = []
    /// Files present in the folder, each with its number of records (rows after the header;
    /// 0 for a file that could not be read).
    var records: [String: Int] = [:]
    /// The assignment settings as `scenario.yaml` gives them, before ``Scenario/Overrides/serviceModel``
    /// (the value an override replaced, for `overrides.json`).
    private(set) var assignmentInFolder = AssignmentSettings.defaults

    mutating func load() throws -> Scenario {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ScenarioError([Diagnostic(file: directory.path, tr("load.noFolder"))])
        }
        resolveSources()
        let settings = readSettings()
        let counties = readCounties()
        let firms = readFirms()
        let advisers = readAdvisers(maxCap: settings.rules?.assignment)
        let villages = readVillages()
        let preferences = readPreferences()
        let conflicts = readConflicts()
        let unavailability = readAvailability()
        let townships = readTownships()
        let teamMembers = readTeams(advisers: advisers)
        checkReferences(villages: villages, advisers: advisers, firms: firms, counties: counties)
        checkServiceModel(settings, villages: villages, townships: townships)
        let located = warnings.map(relocated)
        guard diagnostics.isEmpty, let rules = settings.rules else {
            throw ScenarioError(diagnostics.map(file: relocated), warnings: located)
        }
        var allCounties = counties.map(\.value)
        if counties.isEmpty {
            // Without counties.csv every county id is its own city and none is under-resourced.
            var seen = Set<String>()
            for id in villages.map(\.value.county) + advisers.map(\.value.county) where seen.insert(id).inserted {
                allCounties.append(County(id: id, name: id, city: id, underResourced: false))
            }
        }
        var scenario = Scenario(
            name: settings.name, rules: rules, year: settings.year, maxKm: settings.maxKm, weights: settings.weights,
            calendar: settings.calendar, villages: villages.map(\.value), advisers: advisers.map(\.value),
            firms: firms.map(\.value), counties: allCounties, preferences: preferences.map(\.value),
            conflicts: conflicts.map(\.value), directory: directory, schedule: settings.schedule,
            unavailability: unavailability, townships: townships.map(\.value), teamMembers: teamMembers,
            justiceOffice: settings.justiceOffice, justiceOfficePhone: settings.justiceOfficePhone)
        scenario.justiceOfficeEmail = settings.justiceOfficeEmail
        scenario.complaintEmail = settings.complaintEmail
        scenario.trainingDays = settings.trainingDays.sorted()
        scenario.assignment = settings.assignment
        scenario.warnings = located.sorted()
        scenario.publicationWarnings = publicationWarnings(
            rules: rules, advisers: advisers, counties: counties, settings: settings
        ).sorted()
        return scenario
    }

    mutating func readAvailability() -> [Unavailability] {
        let rows = read("availability.csv", required: false, columns: ["adviser", "from", "to"], optional: ["reason"]) {
            row -> Unavailability? in
            let adviser = row.id("adviser", required: true)
            var from: Day?, to: Day?
            for (name, target) in [("from", 0), ("to", 1)] {
                guard let raw = row.text(name, required: true) else { continue }
                guard let day = Day(raw) else {
                    row.problem(name, tr("field.date", ["raw": raw]))
                    continue
                }
                if target == 0 { from = day } else { to = day }
            }
            if let f = from, let t = to, t < f { row.problem("to", tr("field.endsBefore", ["to": t, "from": f])) }
            guard let adviser, let from, let to else { return nil }
            return Unavailability(
                adviser: adviser, from: from, to: to, reason: row.text("reason", required: false) ?? "")
        }
        for r in rows where !(idsSeen["advisers.csv"]?.contains(r.value.adviser) ?? true) {
            diagnostics.append(
                Diagnostic(
                    file: "availability.csv", line: r.line, column: r.columns["adviser"],
                    tr("ref.notIn", ["column": "adviser", "value": r.value.adviser, "file": name("advisers.csv")])))
        }
        return rows.map(\.value)
    }

    /// Reads `townships.csv` and checks it: every `adjacent` id is a township of the file (and not
    /// the township itself), and a non-empty `county` is in `counties.csv` when that file is given.
    mutating func readTownships() -> [Loaded<Township>] {
        let file = "townships.csv"
        let rows = read(file, required: false, columns: ["id", "name"], optional: ["county", "mode", "adjacent"]) {
            row -> Township? in
            let id = row.id("id", required: true)
            let name = row.text("name", required: true)
            let mode = row.choice("mode", Township.Mode.self, required: false) ?? .onsite
            // Before the guard: every bad id of the row is reported.
            let countyID = row.id("county", required: false)
            let adjacent = row.ids("adjacent")
            guard let id, let name else { return nil }
            return Township(id: id, name: name, county: countyID ?? "", mode: mode, adjacent: adjacent)
        }
        // Against every id seen, so a township row with another problem is still a known neighbour.
        let townshipIDs = idsSeen[file, default: []]
        let countiesKnown = records["counties.csv"] != nil && !unreadable.contains("counties.csv")
        let countyIDs = idsSeen["counties.csv", default: []]
        for r in rows {
            let t = r.value
            for id in t.adjacent {
                if id == t.id {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: r.line, column: r.columns["adjacent"],
                            tr("ref.township.self", ["id": t.id])))
                } else if !townshipIDs.contains(id) {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: r.line, column: r.columns["adjacent"],
                            tr("ref.township.unknown", ["id": id, "file": name(file)])))
                }
            }
            if countiesKnown, !t.county.isEmpty, !countyIDs.contains(t.county) {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: r.line, column: r.columns["county"],
                        tr("ref.notIn", ["column": "county", "value": t.county, "file": name("counties.csv")])))
            }
        }
        return rows
    }

    /// Reads `teams.csv` and checks it (Guangdong 001 §(七) 团队化服务): every member is an adviser,
    /// every team has exactly one lead and the lead is not an apprentice, an adviser is in at
    /// most one team, and a team's rows all name one firm, which is in `firms.csv` when that file
    /// is given.
    ///
    /// - Parameter advisers: the advisers read, for the lead's role.
    mutating func readTeams(advisers: [Loaded<Adviser>]) -> [TeamMember] {
        let file = "teams.csv"
        // Teams with a row that could not be read: their lead count is not checked, since the
        // missing row may be the lead.
        var incomplete = Set<String>()
        let rows = read(file, required: false, columns: ["team", "member"], optional: ["firm", "role_in_team"]) {
            row -> TeamMember? in
            let team = row.id("team", required: true)
            let member = row.id("member", required: true)
            let role = row.text("role_in_team", required: false) ?? "member"
            if role != "lead" && role != "member" {
                row.problem("role_in_team", tr("field.leadOrMember", ["raw": role]))
            }
            let firmID = row.id("firm", required: false)  // before the guard: every bad id of the row is reported
            if let team, !row.diagnostics.isEmpty { incomplete.insert(team) }
            guard let team, let member else { return nil }
            return TeamMember(team: team, firm: firmID ?? "", member: member, roleInTeam: role)
        }
        for r in rows where !(idsSeen["advisers.csv"]?.contains(r.value.member) ?? true) {
            diagnostics.append(
                Diagnostic(
                    file: file, line: r.line, column: r.columns["member"],
                    tr("ref.notIn", ["column": "member", "value": r.value.member, "file": name("advisers.csv")])))
        }
        checkTeams(rows, advisers: advisers, incomplete: incomplete)
        return rows.map(\.value)
    }

    /// Checks the teams across rows: one firm per team, firms known, each adviser in one team,
    /// one lead per team (not an apprentice), and a lead for every team read whole.
    private mutating func checkTeams(
        _ rows: [Loaded<TeamMember>], advisers: [Loaded<Adviser>], incomplete: Set<String>
    ) {
        let file = "teams.csv"
        let roles = Dictionary(advisers.map { ($0.value.id, $0.value.role) }, uniquingKeysWith: { first, _ in first })
        let firmsKnown = records["firms.csv"] != nil && !unreadable.contains("firms.csv")
        let firmIDs = idsSeen["firms.csv", default: []]
        var firstRow: [String: Loaded<TeamMember>] = [:]  // team → its first row
        var lead: [String: Loaded<TeamMember>] = [:]  // team → its first lead row
        var teamOf: [String: Loaded<TeamMember>] = [:]  // adviser → the row putting them in a team
        var order: [String] = []
        for r in rows {
            let m = r.value
            if let first = firstRow[m.team] {
                if m.firm != first.value.firm {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: r.line, column: r.columns["firm"],
                            tr(
                                "ref.team.firm",
                                [
                                    "team": m.team, "at": at(file, first.line), "first": Self.quoted(first.value.firm),
                                    "this": Self.quoted(m.firm),
                                ])))
                }
            } else {
                firstRow[m.team] = r
                order.append(m.team)
            }
            if firmsKnown, !m.firm.isEmpty, !firmIDs.contains(m.firm) {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: r.line, column: r.columns["firm"],
                        tr("ref.notIn", ["column": "firm", "value": m.firm, "file": name("firms.csv")])))
            }
            if let earlier = teamOf[m.member] {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: r.line, column: r.columns["member"],
                        tr(
                            "ref.team.twice",
                            ["member": m.member, "team": earlier.value.team, "at": at(file, earlier.line)])))
            } else {
                teamOf[m.member] = r
            }
            guard m.roleInTeam == "lead" else { continue }
            if let first = lead[m.team] {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: r.line, column: r.columns["role_in_team"],
                        tr(
                            "ref.team.twoLeads",
                            ["team": m.team, "lead": first.value.member, "at": at(file, first.line)])))
            } else {
                lead[m.team] = r
            }
            if roles[m.member] == .apprentice {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: r.line, column: r.columns["member"],
                        tr("ref.team.apprenticeLead", ["member": m.member, "team": m.team])))
            }
        }
        for team in order where lead[team] == nil && !incomplete.contains(team) {
            let r = firstRow[team]!
            diagnostics.append(
                Diagnostic(
                    file: file, line: r.line, column: r.columns["role_in_team"] ?? r.columns["team"],
                    tr("ref.team.noLead", ["team": team])))
        }
    }

    /// `'F1'`, or `none` for an empty value.
    static func quoted(_ value: String) -> String { value.isEmpty ? tr("ref.team.none") : "'\(value)'" }

    /// Checks what the service model in force needs: `team` needs a `teams.csv` with rows;
    /// `township` needs a `townships.csv` with rows, and every village's `township` to be one of
    /// its ids, in the village's own county.
    mutating func checkServiceModel(_ settings: Settings, villages: [Loaded<Village>], townships: [Loaded<Township>]) {
        let model = settings.assignment.serviceModel
        let needed: (file: String, columns: String)
        switch model {
        case .individual: return
        case .team: needed = ("teams.csv", "team,firm,member,role_in_team")
        case .township: needed = ("townships.csv", "id,name,county,mode,adjacent")
        }
        guard !unreadable.contains(needed.file) else { return }  // its own diagnostics say why
        guard (records[needed.file] ?? 0) > 0 else {
            let message = tr(
                "ref.serviceModel.needs", ["model": model.rawValue, "file": needed.file, "columns": needed.columns])
            if overrides.serviceModel != nil {
                diagnostics.append(
                    Diagnostic(
                        file: "scenario.yaml",
                        message
                            + tr(
                                "ref.serviceModel.setBy",
                                ["origin": overrides.serviceModelOrigin ?? tr("ref.serviceModel.anOverride")])))
            } else {
                let mark = settings.serviceModelNode?.mark
                diagnostics.append(Diagnostic(file: "scenario.yaml", line: mark?.line, column: mark?.column, message))
            }
            return
        }
        guard model == .township else { return }
        let townshipIDs = idsSeen["townships.csv", default: []]
        let byID = Dictionary(townships.map { ($0.value.id, $0) }, uniquingKeysWith: { first, _ in first })
        for v in villages {
            let id = v.value.township
            if !townshipIDs.contains(id) {
                diagnostics.append(
                    Diagnostic(
                        file: "villages.csv", line: v.line, column: v.columns["township"],
                        tr("ref.village.township", ["id": id, "file": name("townships.csv")])))
            } else if let t = byID[id], !t.value.county.isEmpty, t.value.county != v.value.county {
                diagnostics.append(
                    Diagnostic(
                        file: "villages.csv", line: v.line, column: v.columns["township"],
                        tr(
                            "ref.village.townshipCounty",
                            [
                                "id": id, "county": t.value.county, "file": name("townships.csv"),
                                "at": at("townships.csv", t.line), "village": v.value.county,
                            ])))
            }
        }
    }

    // MARK: scenario.yaml

    struct Settings {
        var name = ""
        var rules: RuleProfile?
        var year = 0
        var maxKm: Double?
        var weights = ObjectiveWeights.defaults
        var calendar: String?
        var schedule = ScheduleSettings.defaults
        var justiceOffice: String?
        var justiceOfficePhone: String?
        var justiceOfficeEmail: String?
        var complaintEmail: String?
        var trainingDays: [Day] = []
        /// `service_model`, `stable`, `acceptable`, `needs`, with an overridden service model applied.
        var assignment = AssignmentSettings.defaults
        /// The `service_model` value in `scenario.yaml`, for diagnostics about the files it needs.
        var serviceModelNode: Node?
    }

    mutating func readSettings() -> Settings {
        let file = "scenario.yaml"
        var settings = Settings()
        let url = directory.appendingPathComponent(file)
        guard let text = (try? FileContents.utf8Text(url)) ?? nil else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            diagnostics.append(Diagnostic(file: file, exists ? tr("load.yaml.notUTF8") : tr("load.yaml.missing")))
            return settings
        }
        var reader = YAMLReader(file: file)
        guard let root = reader.root(of: text) else {
            diagnostics += reader.diagnostics
            return settings
        }
        reader.checkKeys(
            root,
            known: [
                "name", "rules", "year", "max_km", "objective", "calendar", "flexible", "service_days",
                "evening", "daily_hours", "travel_kmh", "justice_office", "justice_office_phone",
                "justice_office_email", "complaint_email", "training_days",
                "service_model", "stable", "acceptable", "needs",
            ],
            context: "scenario.yaml")
        readAssignmentSettings(root, &reader, into: &settings)
        Self.readOffice(root, &reader, into: &settings)
        Self.readSchedule(root, &reader, into: &settings)
        settings.name = reader.string(root, "name", required: true, context: "scenario.yaml") ?? ""
        settings.year = reader.integer(root, "year", context: "scenario.yaml", minimum: 2000) ?? 0
        if reader.value(root, "year")?.isNull ?? true {
            reader.diagnostics.append(Diagnostic(file: file, line: 1, tr("yaml.missingYear")))
        }
        settings.maxKm = reader.number(root, "max_km", context: "scenario.yaml", minimum: 0.001)
        if let km = overrides.maxKm { settings.maxKm = km }
        settings.calendar = reader.string(root, "calendar", required: false, context: "scenario.yaml")
        if let weights = Self.readObjective(root, &reader) { settings.weights = weights }
        let rulesNode = reader.value(root, "rules")
        let rulesName = overrides.rules ?? reader.string(root, "rules", required: true, context: "scenario.yaml")
        diagnostics += reader.diagnostics
        if let rulesName { settings.rules = loadProfile(rulesName, node: rulesNode) }
        return settings
    }

    /// `service_model`, `stable`, `acceptable` and `needs`: kept as the folder says them in
    /// ``assignmentInFolder``, then with an overridden service model applied.
    private mutating func readAssignmentSettings(
        _ root: Node.Mapping, _ reader: inout YAMLReader, into settings: inout Settings
    ) {
        if let m = reader.choice(root, "service_model", ServiceModel.self) { settings.assignment.serviceModel = m }
        settings.serviceModelNode = reader.value(root, "service_model")
        if let s = reader.bool(root, "stable") { settings.assignment.stable = s }
        if let a = reader.choice(root, "acceptable", Acceptability.self) { settings.assignment.acceptable = a }
        if let n = reader.choice(root, "needs", NeedsRule.self) { settings.assignment.needs = n }
        assignmentInFolder = settings.assignment
        if let m = overrides.serviceModel { settings.assignment.serviceModel = m }
    }

    /// The justice office (司法所) and where to complain: names, phone, e-mail addresses checked.
    private static func readOffice(_ root: Node.Mapping, _ reader: inout YAMLReader, into settings: inout Settings) {
        settings.justiceOffice = reader.string(root, "justice_office", required: false, context: "scenario.yaml")
        settings.justiceOfficePhone = reader.string(
            root, "justice_office_phone", required: false, context: "scenario.yaml")
        for (key, path) in [
            ("justice_office_email", \Settings.justiceOfficeEmail), ("complaint_email", \Settings.complaintEmail),
        ] {
            guard let text = reader.string(root, key, required: false, context: "scenario.yaml") else { continue }
            if EmailAddress.isValid(text) {
                settings[keyPath: path] = text
            } else {
                reader.report(reader.value(root, key)!, tr("yaml.email", ["key": key, "raw": text]))
            }
        }
    }

    /// The schedule's settings: training days, `flexible`, `evening`, `service_days`,
    /// `daily_hours` (at most 12) and `travel_kmh`.
    private static func readSchedule(_ root: Node.Mapping, _ reader: inout YAMLReader, into settings: inout Settings) {
        if let node = reader.value(root, "training_days"), !node.isNull {
            let items =
                node.sequence?.map { $0.scalar?.string ?? "" }
                ?? (node.scalar?.string ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            for item in items where !item.isEmpty {
                if let day = Day(item) {
                    settings.trainingDays.append(day)
                } else {
                    reader.report(node, tr("yaml.trainingDays", ["raw": item]))
                }
            }
        }
        if let f = reader.bool(root, "flexible") { settings.schedule.flexible = f }
        if let e = reader.bool(root, "evening") { settings.schedule.window.evening = e }
        if let node = reader.value(root, "service_days"), !node.isNull {
            let text =
                node.scalar?.string ?? node.sequence?.compactMap { $0.scalar?.string }.joined(separator: ";") ?? ""
            if let days = ServiceWindow.parseDays(text) {
                settings.schedule.window.weekendDays = days
            } else {
                reader.report(node, tr("yaml.serviceDays", ["raw": text]))
            }
        }
        if let h = reader.number(root, "daily_hours", context: "scenario.yaml", minimum: 1) {
            if h > 12 {
                reader.report(reader.value(root, "daily_hours")!, tr("yaml.atMost", ["key": "daily_hours", "max": 12]))
            } else {
                settings.schedule.dailyHours = h
            }
        }
        if let k = reader.number(root, "travel_kmh", context: "scenario.yaml", minimum: 1) {
            settings.schedule.travelKmh = k
        }
    }

    /// The `objective:` weights (each at most 10^6, unsaid ones at their defaults), or `nil`
    /// when the key is absent or not a mapping (reported unless empty).
    private static func readObjective(_ root: Node.Mapping, _ reader: inout YAMLReader) -> ObjectiveWeights? {
        guard let node = reader.value(root, "objective") else { return nil }
        guard let m = node.mapping else {
            if !node.isNull { reader.report(node, tr("yaml.objective")) }
            return nil
        }
        reader.checkKeys(m, known: ["preference", "distance_km", "change", "support", "needs"], context: "'objective'")
        let d = ObjectiveWeights.defaults
        for key in ["preference", "distance_km", "change", "support", "needs"] {
            if let v = reader.value(m, key)?.scalar.flatMap({ Double($0.string) }), v > 1e6 {
                reader.report(reader.value(m, key)!, tr("yaml.weightTooLarge", ["key": key]))
            }
        }
        return ObjectiveWeights(
            preference: reader.number(m, "preference", context: "objective") ?? d.preference,
            distanceKm: reader.number(m, "distance_km", context: "objective") ?? d.distanceKm,
            change: reader.number(m, "change", context: "objective") ?? d.change,
            support: reader.number(m, "support", context: "objective") ?? d.support,
            needs: reader.number(m, "needs", context: "objective") ?? d.needs)
    }

    /// The rule profile `name` (found on the search path or as a path), adjusted by the
    /// overrides; `nil` when it cannot be found or read (reported, at `node` in scenario.yaml).
    private mutating func loadProfile(_ name: String, node: Node?) -> RuleProfile? {
        guard let url = RuleProfileLocator.locate(name, base: directory, searchPath: modelsSearchPath) else {
            let known = Self.knownProfiles(modelsSearchPath)
            diagnostics.append(
                Diagnostic(
                    file: "scenario.yaml", line: node?.mark?.line, column: node?.mark?.column,
                    tr("yaml.unknownProfile", ["name": name])
                        + (known.isEmpty
                            ? tr("yaml.unknownProfile.noModels")
                            : tr(
                                "yaml.unknownProfile.expected",
                                ["known": known.joined(separator: tr("list.separator"))]))))
            return nil
        }
        do {
            let profile = try RuleProfile.load(from: url)
            return overrides.adjustRules?(profile) ?? profile
        } catch let error as ScenarioError {
            diagnostics += error.diagnostics
        } catch {
            diagnostics.append(Diagnostic(file: url.path, "\(error)"))
        }
        return nil
    }

    static func knownProfiles(_ searchPath: [URL]) -> [String] {
        for folder in searchPath {
            let rules = folder.appendingPathComponent("rules")
            if let names = try? FileManager.default.contentsOfDirectory(atPath: rules.path) {
                let profiles = names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
                if !profiles.isEmpty { return profiles }
            }
        }
        return []
    }

    // MARK: CSV files

    /// A row being read: looks fields up by column name and records typed problems.
    struct Row {
        let file: String
        let record: CSVTable.Record
        let columns: [String: Int]
        var diagnostics: [Diagnostic] = []
        /// Columns whose cell problem (an error value, an uncalculated formula) is already
        /// reported: nothing more is said about them.
        var silenced: Set<String> = []

        func field(_ name: String) -> CSVTable.Field? {
            guard let i = columns[name], i < record.fields.count else { return nil }
            return record.fields[i]
        }

        /// A problem of the whole row (no column).
        mutating func rowProblem(_ message: String) {
            diagnostics.append(Diagnostic(file: file, line: record.line, message))
        }

        mutating func problem(_ name: String, _ message: String) {
            guard !silenced.contains(name) else { return }
            let f = field(name)
            diagnostics.append(
                Diagnostic(
                    file: file, line: f?.line ?? record.line, column: f?.column,
                    tr("field.problem", ["name": name, "message": message])))
        }

        mutating func text(_ name: String, required: Bool) -> String? {
            let value = field(name)?.text ?? ""
            if value.isEmpty {
                if required { problem(name, tr("field.required")) }
                return nil
            }
            return value
        }

        mutating func number(_ name: String, required: Bool, range: ClosedRange<Double>, what: String) -> Double? {
            guard let raw = text(name, required: required) else { return nil }
            guard let v = Double(raw), v.isFinite else {
                problem(name, tr("field.expected", ["what": what, "raw": raw]))
                return nil
            }
            guard range.contains(v) else {
                problem(
                    name,
                    tr(
                        "field.between",
                        [
                            "what": what, "low": range.lowerBound.formatted, "high": range.upperBound.formatted,
                            "raw": raw,
                        ]))
                return nil
            }
            return v
        }

        mutating func integer(_ name: String, range: ClosedRange<Int>, what: String) -> Int? {
            guard let raw = text(name, required: false) else { return nil }
            guard let v = Int(raw) else {
                problem(name, tr("field.whole", ["what": what, "raw": raw]))
                return nil
            }
            guard range.contains(v) else {
                problem(
                    name,
                    tr("field.between", ["what": what, "low": range.lowerBound, "high": range.upperBound, "raw": v]))
                return nil
            }
            return v
        }

        mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, required: Bool) -> T?
        where T.RawValue == String {
            guard let raw = text(name, required: required) else { return nil }
            guard let v = T(rawValue: raw) else {
                problem(
                    name, tr("field.oneOf", ["values": T.allCases.map(\.rawValue).joined(separator: ", "), "raw": raw]))
                return nil
            }
            return v
        }

        mutating func flag(_ name: String) -> Bool? {
            guard let raw = text(name, required: false) else { return nil }
            switch raw.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default:
                problem(name, tr("field.bool", ["raw": raw]))
                return nil
            }
        }

        /// A WeChat ID (微信号): 6–20 letters, digits, `_` or `-`, starting with a letter (WeChat's own rule).
        mutating func wechat(_ name: String) -> String? {
            guard let raw = text(name, required: false) else { return nil }
            guard WeChatID.isValid(raw) else {
                problem(name, tr("field.wechat", ["raw": raw]))
                return nil
            }
            return raw
        }

        /// An e-mail address.
        mutating func email(_ name: String) -> String? {
            guard let raw = text(name, required: false) else { return nil }
            guard EmailAddress.isValid(raw) else {
                problem(name, tr("field.email", ["raw": raw]))
                return nil
            }
            return raw
        }

        /// `;`-separated dates YYYY-MM-DD, sorted; `nil` when the cell is empty.
        mutating func days(_ name: String) -> [Day]? {
            guard let raw = text(name, required: false) else { return nil }
            var result: [Day] = []
            for item in raw.split(whereSeparator: { $0 == ";" || $0 == "," }).map({
                $0.trimmingCharacters(in: .whitespaces)
            }) where !item.isEmpty {
                guard let d = Day(item) else {
                    problem(name, tr("field.dates", ["raw": item]))
                    return nil
                }
                result.append(d)
            }
            return result.sorted()
        }

        func list(_ name: String) -> [String] {
            (field(name)?.text ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
        }

        /// The id in column `name`, held to the rule of ``Identifier``: `nil` (with a problem at
        /// the field) when it breaks it, or when it is empty (a problem only if `required`).
        mutating func id(_ name: String, required: Bool) -> String? {
            guard let value = text(name, required: required) else { return nil }
            if let reason = Identifier.problem(value) {
                problem(name, tr("id.notValid", ["value": Identifier.quoted(value), "reason": reason]))
                return nil
            }
            return value
        }

        /// A `;`-separated list of ids (a township's `adjacent`), each held to the rule of
        /// ``Identifier``; the ones that break it are reported and left out.
        mutating func ids(_ name: String) -> [String] {
            var result: [String] = []
            for id in list(name) {
                if let reason = Identifier.problem(id) {
                    problem(name, tr("id.notValid", ["value": Identifier.quoted(id), "reason": reason]))
                } else {
                    result.append(id)
                }
            }
            return result
        }
    }

    /// Reads table `file` (a CSV file or a workbook's sheet, see ``resolveSources()``) if present,
    /// or reports it missing when required; checks its header against `required` and `optional`
    /// columns, and maps every record through `make`.
    ///
    /// A column the table does not know is ignored with a warning naming it, unless it looks like
    /// a misspelt known column (`max_vilages`), which is an error saying which one was meant.
    mutating func read<T>(
        _ file: String, required requiredFile: Bool, columns required: [String], optional: [String],
        _ make: (inout Row) -> T?
    ) -> [Loaded<T>] {
        let known = required + optional
        let isColumn = { (text: String) in known.contains(CSVHeaders.english(text, file: file)) }
        // Rows are taken one at a time as the file is parsed, never all at once: the first rows
        // wait until the header is known (a title may stand above it), then each row is checked
        // and kept. Once the file has more problems than are listed, rows are still checked and
        // their problems counted, but no longer kept (the scenario is refused anyway).
        var search = HeaderSearch(file: file)
        var header: TableHeader?
        var result: [Loaded<T>] = []
        var count = 0

        func process(_ record: CSVTable.Record) {
            count += 1
            guard let header, header.isUsable else { return }
            if let loaded = readRecord(record, file: file, header: header, make) { result.append(loaded) }
        }
        func found(_ start: HeaderSearch.Found) {
            if let title = start.title { warnings.append(title) }
            header = readHeader(start.header, file: file, required: required, known: known)
            for r in start.rest { process(r) }
        }

        do {
            switch sources[file] {
            case nil:
                if requiredFile { reportMissing(file, known: known) }
                return []
            case .conflicting:
                records[file] = 0
                unreadable.insert(file)
                return []
            case .csv(let url):
                records[file] = 0
                let encoding = try CSVTable.forEachRecord(contentsOf: url, file: file) { record in
                    if header != nil { return process(record) }
                    if let start = search.offer(record, isColumn: isColumn) { found(start) }
                }
                if header == nil, let start = search.settle(atEnd: true, isColumn: isColumn) { found(start) }
                guard header != nil else { throw Diagnostic(file: file, line: 1, tr("csv.empty")) }
                if encoding == .gb18030 {
                    warnings.append(Diagnostic(file: file, severity: .note, tr("load.file.gb18030")))
                }
            case .sheet(_, let sheet):
                records[file] = 0
                let table = try CSVTable(sheet: sheet, file: file, warnings: &warnings, isColumn: isColumn)
                found(HeaderSearch.Found(header: table.header, rest: table.records[...], title: nil))
            }
        } catch let d as Diagnostic {
            diagnostics.append(d)
            unreadable.insert(file)
            return []
        } catch {
            diagnostics.append(Diagnostic(file: file, "\(error)"))
            unreadable.insert(file)
            return []
        }
        records[file] = count
        return header?.isUsable == false ? [] : result
    }

    /// A table's header as read: which field holds which known column.
    struct TableHeader {
        /// How many fields the header has (every record must have as many).
        var fieldCount: Int
        /// The field index of each known column present.
        var columns: [String: Int]
        /// Whether the header can be used: no column misspelt, repeated or missing.
        var isUsable: Bool
    }

    /// The first rows of a table, held until it is clear which one is the header: the first, or —
    /// when it names no column and one of the next nine does — that one, the lines above it a
    /// title ignored with a warning.
    struct HeaderSearch {
        /// The header found, the rows after it that were waiting, and the warning about a title.
        struct Found {
            var header: [CSVTable.Field]
            var rest: ArraySlice<CSVTable.Record>
            var title: Diagnostic?
        }

        let file: String
        private var waiting: [CSVTable.Record] = []

        init(file: String) { self.file = file }

        /// Takes the next row; returns the header as soon as the first row names a column, or a
        /// later one does, or ten are waiting.
        mutating func offer(_ record: CSVTable.Record, isColumn: (String) -> Bool) -> Found? {
            waiting.append(record)
            guard record.fields.contains(where: { isColumn($0.text) }) || waiting.count == 10 else { return nil }
            return settle(atEnd: false, isColumn: isColumn)
        }

        /// The header among the rows waiting, if it can be told (at the end of the table it can).
        mutating func settle(atEnd: Bool, isColumn: (String) -> Bool) -> Found? {
            guard !waiting.isEmpty else { return nil }
            func namesColumn(_ r: CSVTable.Record) -> Bool { r.fields.contains { isColumn($0.text) } }
            let rows = waiting
            if rows.count > 1, !namesColumn(rows[0]), let k = rows.dropFirst().prefix(9).firstIndex(where: namesColumn)
            {
                let first = rows[0].fields.first?.line ?? 1, last = rows[k - 1].line
                let title = Diagnostic(
                    file: file, line: first, severity: .warning,
                    tr(
                        first == last ? "load.titleLine" : "load.titleLines",
                        ["first": first, "last": last, "header": rows[k].line]))
                waiting = []
                return Found(header: rows[k].fields, rest: rows.dropFirst(k + 1), title: title)
            }
            guard atEnd || rows.count == 10 || namesColumn(rows[0]) else { return nil }
            waiting = []
            return Found(header: rows[0].fields, rest: rows.dropFirst(), title: nil)
        }
    }

    /// Checks a header against the `required` and `known` columns: a misspelt, repeated or
    /// missing column is an error (the file is then unreadable), an unknown one a warning.
    mutating func readHeader(
        _ fields: [CSVTable.Field], file: String, required: [String], known: [String]
    ) -> TableHeader {
        var header = TableHeader(fieldCount: fields.count, columns: [:], isUsable: true)
        let headers = CSVHeaders.table(forFile: file)
        var candidates = known.map { (compare: $0, suggest: $0) }
        candidates += known.compactMap { english in headers?.chinese(english).map { (compare: $0, suggest: $0) } }
        let headerLine = fields.first?.line ?? 1
        for (i, h) in fields.enumerated() {
            let name = CSVHeaders.english(h.text, file: file)  // a Chinese header reads as its English name
            if !known.contains(name) {
                if let meant = NameSuggestion.suggestion(for: h.text, among: candidates) {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: h.line, column: h.column,
                            tr(
                                "load.column.didYouMean",
                                ["name": name, "meant": meant, "known": known.joined(separator: ",")])))
                    header.isUsable = false
                } else if name.isEmpty {
                    warnings.append(
                        Diagnostic(
                            file: file, line: h.line, column: h.column, severity: .warning, tr("load.column.noHeader")))
                } else {
                    warnings.append(
                        Diagnostic(
                            file: file, line: h.line, column: h.column, severity: .warning,
                            tr("load.column.unknown", ["name": name, "known": known.joined(separator: ",")])))
                }
            } else if header.columns[name] != nil {
                diagnostics.append(
                    Diagnostic(file: file, line: h.line, column: h.column, tr("load.column.twice", ["name": name])))
                header.isUsable = false
            } else {
                header.columns[name] = i
            }
        }
        for name in required where header.columns[name] == nil {
            diagnostics.append(
                Diagnostic(
                    file: file, line: headerLine,
                    tr("load.column.missing", ["name": name, "required": required.joined(separator: ",")])))
            header.isUsable = false
        }
        if !header.isUsable { unreadable.insert(file) }
        return header
    }

    /// Checks one record and maps it through `make`; returns it when it has no problem and the
    /// file's problems are still listed (its id is claimed either way, so a clash is reported).
    mutating func readRecord<T>(
        _ record: CSVTable.Record, file: String, header: TableHeader, _ make: (inout Row) -> T?
    ) -> Loaded<T>? {
        let columns = header.columns
        if record.fields.count != header.fieldCount {
            diagnostics.append(
                Diagnostic(
                    file: file, line: record.line, column: nil,
                    tr("load.fieldCount", ["expected": header.fieldCount, "found": record.fields.count])))
            return nil
        }
        if let i = columns["id"], !record.fields[i].text.isEmpty, file != "preferences.csv", file != "conflicts.csv" {
            // Claimed even when the row has other problems, so a clash is always reported.
            claim(record.fields[i].text, file: file, line: record.line, column: record.fields[i].column)
            idsSeen[file, default: []].insert(record.fields[i].text)
        }
        var row = Row(file: file, record: record, columns: columns)
        if record.fields.contains(where: { $0.problem != nil }) {
            for (name, i) in columns.sorted(by: { $0.value < $1.value }) {
                guard let p = record.fields[i].problem else { continue }
                row.problem(name, p)
                row.silenced.insert(name)
            }
        }
        let value = make(&row)
        diagnostics += row.diagnostics
        guard let value, row.diagnostics.isEmpty, !diagnostics.isFull(file) else { return nil }
        return Loaded(
            value: value, line: record.line,
            columns: FieldColumns(index: columns, columns: record.fields.map { Int32(clamping: $0.column) }))
    }

    /// Reports a required table missing, naming its columns and the sheet that could hold it.
    mutating func reportMissing(_ file: String, known: [String]) {
        let entry = ScenarioTables.all.first { $0.file == file }
        diagnostics.append(
            Diagnostic(
                file: file,
                tr("load.file.missing", ["columns": known.joined(separator: ",")])
                    + (entry.map { tr("load.file.orSheet", ["sheet": $0.sheet, "chinese": $0.chineseSheet]) } ?? "")))
    }

    mutating func claim(_ id: String, file: String, line: Int, column: Int?) {
        if let first = idOrigins[id] {
            diagnostics.append(
                Diagnostic(
                    file: file, line: line, column: column,
                    tr("load.idTwice", ["id": id, "place": place(first.file, line: first.line, column: first.column)])))
        } else {
            idOrigins[id] = (file, line, column)
        }
    }

    mutating func readCounties() -> [Loaded<County>] {
        let rows = read(
            "counties.csv", required: false, columns: ["id", "name"],
            optional: [
                "city", "under_resourced", "justice_office", "justice_office_phone", "pool",
                "justice_office_email", "complaint_email", "training_days",
            ]
        ) { row -> County? in
            let id = row.id("id", required: true)
            let name = row.text("name", required: true)
            var under = false
            if let raw = row.text("under_resourced", required: false) {
                switch raw.lowercased() {
                case "true", "yes", "1": under = true
                case "false", "no", "0": under = false
                default: row.problem("under_resourced", tr("field.bool", ["raw": raw]))
                }
            }
            let pool = row.flag("pool") ?? false
            let city = row.id("city", required: false)  // before the guard: every bad id of the row is reported
            let officeEmail = row.email("justice_office_email"), complaintEmail = row.email("complaint_email")
            let training = row.days("training_days")
            guard let id, let name else { return nil }
            var county = County(
                id: id, name: name, city: city ?? id, underResourced: under,
                justiceOffice: row.text("justice_office", required: false),
                justiceOfficePhone: row.text("justice_office_phone", required: false), pool: pool)
            county.justiceOfficeEmail = officeEmail
            county.complaintEmail = complaintEmail
            county.trainingDays = training
            return county
        }
        return rows
    }

    mutating func readFirms() -> [Loaded<Firm>] {
        let rows = read(
            "firms.csv", required: false, columns: ["id", "name"], optional: ["kind", "county", "lat", "lon"]
        ) { row -> Firm? in
            let id = row.id("id", required: true)
            let name = row.text("name", required: true)
            let lat = row.number("lat", required: false, range: -90...90, what: tr("what.latitude"))
            let lon = row.number("lon", required: false, range: -180...180, what: tr("what.longitude"))
            let countyID = row.id("county", required: false)  // before the guard: every bad id of the row is reported
            guard let id, let name else { return nil }
            return Firm(
                id: id, name: name, kind: row.text("kind", required: false) ?? "law_firm",
                county: countyID ?? "", latitude: lat, longitude: lon)
        }
        return rows
    }

    mutating func readAdvisers(maxCap: RuleProfile.AssignmentRules?) -> [Loaded<Adviser>] {
        let limit = maxCap?.maximumCap ?? 1000
        let profileNote =
            maxCap.map { tr("field.maxVillages.note", ["source": ($0.underResourcedCap ?? $0.cap).source]) } ?? ""
        let lower = overrides.lowerMaxVillages
        var lowered: [MaxVillagesLowered] = []
        let directory = self.directory
        let rows = read(
            "advisers.csv", required: true, columns: ["id", "name", "role", "county", "lat", "lon"],
            optional: [
                "firm", "max_villages", "hours_per_month", "specialties", "status", "phone",
                "wechat", "email", "photo",
            ]
        ) { row -> Adviser? in
            let id = row.id("id", required: true)
            let name = row.text("name", required: true)
            let role = row.choice("role", AdviserRole.self, required: true)
            let county = row.id("county", required: true)
            let lat = row.number("lat", required: true, range: -90...90, what: tr("what.latitude"))
            let lon = row.number("lon", required: true, range: -180...180, what: tr("what.longitude"))
            var cap: Int?
            if let raw = row.field("max_villages")?.text, let v = Int(raw), v > limit {
                if lower {
                    cap = limit
                    if let id = row.field("id")?.text, !id.isEmpty {
                        lowered.append(MaxVillagesLowered(adviser: id, stated: v, loweredTo: limit))
                    }
                } else {
                    row.problem(
                        "max_villages", tr("field.maxVillages", ["limit": limit, "note": profileNote, "value": v]))
                }
            } else {
                cap = row.integer("max_villages", range: 0...limit, what: tr("what.villages"))
            }
            let hours = row.number("hours_per_month", required: false, range: 0...744, what: tr("what.hoursPerMonth"))
            let status = row.choice("status", AdviserStatus.self, required: false) ?? .active
            let firmID = row.id("firm", required: false)  // before the guard: every bad id of the row is reported
            let wechat = row.wechat("wechat"), email = row.email("email")
            var photo = row.text("photo", required: false)
            if let path = photo, case .failure(let problem) = ScenarioPhoto.load(path, in: directory) {
                row.problem("photo", problem.description)
                photo = nil
            }
            guard let id, let name, let role, let county, let lat, let lon else { return nil }
            var adviser = Adviser(
                id: id, name: name, role: role, firm: firmID, county: county,
                latitude: lat, longitude: lon, maxVillages: cap, hoursPerMonth: hours,
                specialties: row.list("specialties"), status: status,
                phone: row.text("phone", required: false) ?? "")
            adviser.wechat = wechat
            adviser.email = email
            adviser.photo = photo
            return adviser
        }
        maxVillagesLowered = lowered
        return rows
    }

    mutating func readVillages() -> [Loaded<Village>] {
        let rows = read(
            "villages.csv", required: true, columns: ["id", "name", "township", "county", "lat", "lon"],
            optional: ["kind", "needs", "current_adviser", "flexible", "service_days", "evening"]
        ) { row -> Village? in
            let id = row.id("id", required: true)
            let name = row.text("name", required: true)
            let kind = row.choice("kind", Village.Kind.self, required: false) ?? .village
            let township = row.id("township", required: true)
            let county = row.id("county", required: true)
            let lat = row.number("lat", required: true, range: -90...90, what: tr("what.latitude"))
            let lon = row.number("lon", required: true, range: -180...180, what: tr("what.longitude"))
            let flexible = row.flag("flexible")
            let evening = row.flag("evening")
            var days: Set<Int>?
            if let raw = row.text("service_days", required: false) {
                days = ServiceWindow.parseDays(raw)
                if days == nil { row.problem("service_days", tr("field.serviceDays", ["raw": raw])) }
            }
            // before the guard: every bad id of the row is reported
            let currentAdviser = row.id("current_adviser", required: false)
            guard let id, let name, let township, let county, let lat, let lon else { return nil }
            return Village(
                id: id, name: name, kind: kind, township: township, county: county, latitude: lat,
                longitude: lon, needs: row.list("needs"), currentAdviser: currentAdviser,
                flexible: flexible, serviceDays: days, evening: evening)
        }
        return rows
    }

    /// Reads `preferences.csv`, checking each row against the villages, advisers and firms as it
    /// comes (those files are read first), so that a file naming a million unknown ids is never
    /// held in memory: a village ranks advisers or firms, an adviser ranks villages, and nobody
    /// ranks the same partner twice.
    mutating func readPreferences() -> [Loaded<Preference>] {
        // References are checked against every id seen, and not at all into a file that could not
        // be read (its own diagnostics already say why).
        let checked = !unreadable.contains("villages.csv") && !unreadable.contains("advisers.csv")
        let firmsKnown = !unreadable.contains("firms.csv")
        let villageIDs = idsSeen["villages.csv", default: []], adviserIDs = idsSeen["advisers.csv", default: []]
        let firmIDs = idsSeen["firms.csv", default: []]
        let lineWord = self.lineWord("preferences.csv")
        var seenPairs: [String: Int] = [:]
        return read("preferences.csv", required: false, columns: ["from", "to", "rank"], optional: []) {
            row -> Preference? in
            let from = row.id("from", required: true)
            let to = row.id("to", required: true)
            let rank = row.integer("rank", range: 1...10_000, what: tr("what.rank"))
            if row.field("rank")?.text.isEmpty ?? true { row.problem("rank", tr("field.required")) }
            guard let from, let to, let rank else { return nil }
            if checked {
                if villageIDs.contains(from) {
                    if !adviserIDs.contains(to) && !firmIDs.contains(to) && firmsKnown {
                        row.problem("to", tr("ref.pref.villageRanks.field", ["to": to]))
                    }
                } else if adviserIDs.contains(from) {
                    if !villageIDs.contains(to) { row.problem("to", tr("ref.pref.adviserRanks.field", ["to": to])) }
                } else {
                    row.problem("from", tr("ref.neither.field", ["value": from]))
                }
                let key = from + "\u{1F}" + to
                if let first = seenPairs[key] {
                    row.rowProblem(
                        tr(
                            "ref.pref.twice",
                            ["from": from, "to": to, "at": tr("load.at", ["word": lineWord, "line": first])]))
                } else if row.diagnostics.isEmpty {
                    seenPairs[key] = row.record.line
                }
            }
            return Preference(from: from, to: to, rank: rank)
        }
    }

    /// Reads `conflicts.csv`, checking each row as it comes: two villages, or an adviser and a
    /// village, each known.
    mutating func readConflicts() -> [Loaded<Conflict>] {
        let checked = !unreadable.contains("villages.csv") && !unreadable.contains("advisers.csv")
        let villageIDs = idsSeen["villages.csv", default: []], adviserIDs = idsSeen["advisers.csv", default: []]
        return read("conflicts.csv", required: false, columns: ["a", "b"], optional: ["reason"]) { row -> Conflict? in
            let a = row.id("a", required: true)
            let b = row.id("b", required: true)
            guard let a, let b else { return nil }
            if checked {
                let known = [a, b].map { villageIDs.contains($0) || adviserIDs.contains($0) }
                if !known[0] { row.problem("a", tr("ref.neither.field", ["value": a])) }
                if !known[1] { row.problem("b", tr("ref.neither.field", ["value": b])) }
                if known[0] && known[1] {
                    if a == b {
                        row.rowProblem(tr("ref.conflict.same", ["value": a]))
                    } else if adviserIDs.contains(a) && adviserIDs.contains(b) {
                        row.rowProblem(tr("ref.conflict.twoAdvisers", ["a": a, "b": b]))
                    }
                }
            }
            return Conflict(a: a, b: b, reason: row.text("reason", required: false) ?? "")
        }
    }

    // MARK: Cross-file checks

    mutating func checkReferences(
        villages: [Loaded<Village>], advisers: [Loaded<Adviser>],
        firms: [Loaded<Firm>], counties: [Loaded<County>]
    ) {
        // References are checked against every id seen, and not at all into a file that could not
        // be read (its own diagnostics already say why).
        // Preferences and conflicts are checked as they are read (readPreferences, readConflicts).
        let advisersKnown = !unreadable.contains("advisers.csv")
        let adviserIDs = idsSeen["advisers.csv", default: []]
        let firmIDs = idsSeen["firms.csv", default: []]
        let countyIDs = idsSeen["counties.csv", default: []]
        if !countyIDs.isEmpty && !unreadable.contains("counties.csv") {
            for v in villages where !countyIDs.contains(v.value.county) {
                diagnostics.append(
                    Diagnostic(
                        file: "villages.csv", line: v.line, column: v.columns["county"],
                        tr("ref.notIn", ["column": "county", "value": v.value.county, "file": name("counties.csv")])))
            }
            for a in advisers where !countyIDs.contains(a.value.county) {
                diagnostics.append(
                    Diagnostic(
                        file: "advisers.csv", line: a.line, column: a.columns["county"],
                        tr("ref.notIn", ["column": "county", "value": a.value.county, "file": name("counties.csv")])))
            }
        }
        for v in villages where advisersKnown {
            if let incumbent = v.value.currentAdviser, !adviserIDs.contains(incumbent) {
                diagnostics.append(
                    Diagnostic(
                        file: "villages.csv", line: v.line, column: v.columns["current_adviser"],
                        tr("ref.notAdviser", ["value": incumbent, "file": name("advisers.csv")])))
            }
        }
        if !firmIDs.isEmpty && !unreadable.contains("firms.csv") {
            for a in advisers {
                if let firm = a.value.firm, !firmIDs.contains(firm) {
                    diagnostics.append(
                        Diagnostic(
                            file: "advisers.csv", line: a.line, column: a.columns["firm"],
                            tr("ref.notIn", ["column": "firm", "value": firm, "file": name("firms.csv")])))
                }
            }
        }
    }
}

extension YAMLReader {
    /// The value of `key` as one of `T`'s cases (`service_model: team`), or `nil` when absent;
    /// anything else is reported at the value, listing the allowed ones.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ mapping: Node.Mapping, _ key: String, _ type: T.Type)
        -> T?
    where T.RawValue == String {
        guard let node = value(mapping, key), !node.isNull else { return nil }
        guard let text = node.scalar?.string, let v = T(rawValue: text) else {
            report(
                node,
                tr(
                    "yaml.oneOf",
                    [
                        "key": key, "values": T.allCases.map(\.rawValue).joined(separator: ", "),
                        "raw": node.scalar?.string ?? tr("yaml.listOrMapping"),
                    ]))
            return nil
        }
        return v
    }
}
