import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Writing

/// A field as CSV wants it: quoted only when it holds a comma, a quote or a line break.
private func csvField(_ s: String) -> String {
    if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}

/// Coordinates to 5 decimals (about 1 m); fixed format so files are byte-stable.
/// (Hand-rolled: `String(format:)` was a third of the time to write a province.)
func coord(_ x: Double) -> String {
    let scaled = Int((abs(x) * 100_000).rounded())
    let frac = String(scaled % 100_000)
    return (x < 0 && scaled != 0 ? "-" : "") + String(scaled / 100_000) + "."
        + String(repeating: "0", count: 5 - frac.count) + frac
}

/// An id: `prefix` and `n` zero-padded to `width` digits (V00001).
func paddedID(_ prefix: String, _ n: Int, width: Int) -> String {
    let digits = String(n)
    return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// A number without a trailing ".0" when it is whole.
func plainNumber(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%g", x)
}

/// A double-quoted YAML scalar.
private func yamlString(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

enum ScenarioFile {
    static let yaml = "scenario.yaml"
    static let villages = "villages.csv"
    static let advisers = "advisers.csv"
    static let firms = "firms.csv"
    static let counties = "counties.csv"
    static let preferences = "preferences.csv"
    static let conflicts = "conflicts.csv"
    static let townships = "townships.csv"
    static let teams = "teams.csv"
}

struct IOError: Error, CustomStringConvertible {
    var description: String
}

/// Writes `contents` to `url` through a temporary file in the same folder and `rename(2)`, so that
/// a reader never sees a half-written file.
func writeAtomically(_ contents: String, to url: URL) throws {
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    do {
        try Data(contents.utf8).write(to: tmp)
    } catch {
        throw IOError(description: "cannot write \(tmp.path): \(error.localizedDescription)")
    }
    if rename(tmp.path, url.path) != 0 {
        let err = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: tmp)
        throw IOError(description: "cannot move \(tmp.path) to \(url.path): \(err)")
    }
}

extension Scenario {
    /// Writes the scenario folder `dir` (created if missing): scenario.yaml and the six CSV files, plus
    /// townships.csv and teams.csv when the scenario has rows for them (otherwise they are removed).
    func write(to dir: URL) throws {
        let writer = try ScenarioWriter(
            dir: dir, adviserContacts: advisers.contains { $0.wechat != nil || $0.email != nil || $0.photo != nil })
        do {
            try writer.append(self)
            try writer.finish(self)
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// scenario.yaml's text.
    var yamlText: String {
        var yaml = ""
        if let comment { yaml += comment.split(separator: "\n").map { "# \($0)\n" }.joined() }
        yaml += "name: \(yamlString(name))\n"
        yaml += "rules: \(rules)\n"
        yaml += "year: \(year)\n"
        if let maxKm { yaml += "max_km: \(plainNumber(maxKm))\n" }
        if serviceModel != .individual { yaml += "service_model: \(serviceModel.rawValue)\n" }
        if stable { yaml += "stable: true\n" }
        if let acceptable { yaml += "acceptable: \(acceptable)\n" }
        if let needsRule { yaml += "needs: \(needsRule)\n" }
        return yaml
    }
}

/// One CSV file written row by row through a buffer into a temporary file beside it, renamed into
/// place by `finish()` (so a reader never sees half a file, and a large scenario never has to be
/// held in memory as one string).
final class CSVStream {
    let url: URL
    private let tmp: URL
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    init(url: URL, header: [String]) throws {
        self.url = url
        tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard let f = fopen(tmp.path, "wb") else {
            throw IOError(description: "cannot write \(tmp.path): \(String(cString: strerror(errno)))")
        }
        file = f
        buffer.reserveCapacity(1 << 20)
        add(header)
        rows = 0
    }

    deinit { abandon() }

    /// Appends one record.
    func add(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            buffer.append(contentsOf: csvField(f).utf8)
        }
        buffer.append(0x0A)
        rows += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard let file, !buffer.isEmpty else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left, closes the file and renames it over `url`.
    func finish() throws {
        flush()
        guard let f = file else { return }
        file = nil
        let failed = ferror(f) != 0
        if fclose(f) != 0 || failed {
            try? FileManager.default.removeItem(at: tmp)
            throw IOError(description: "cannot write \(tmp.path): \(String(cString: strerror(errno)))")
        }
        if rename(tmp.path, url.path) != 0 {
            let err = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw IOError(description: "cannot move \(tmp.path) to \(url.path): \(err)")
        }
    }

    /// Closes and removes the temporary file (nothing is renamed).
    func abandon() {
        if let f = file {
            fclose(f)
            file = nil
            try? FileManager.default.removeItem(at: tmp)
        }
    }
}

/// Writes a scenario folder in parts: `append` each batch of villages, advisers, firms, preferences,
/// conflicts, townships and team rows as it is made, then `finish` with the counties and the
/// settings of scenario.yaml. Every file goes through a temporary file and is renamed into place
/// only by `finish`, scenario.yaml last, so a folder whose scenario.yaml names how it was made is
/// complete.
final class ScenarioWriter {
    let dir: URL
    private let villages: CSVStream, advisers: CSVStream, firms: CSVStream, preferences: CSVStream, conflicts: CSVStream
    /// Whether advisers.csv has the `wechat,email,photo` columns (only when some adviser has one,
    /// so that other folders stay byte-identical).
    private let adviserContacts: Bool
    private var townships: CSVStream?
    private var teams: CSVStream?

    init(dir: URL, adviserContacts: Bool = false) throws {
        self.dir = dir
        self.adviserContacts = adviserContacts
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func open(_ name: String, _ header: [String]) throws -> CSVStream {
            try CSVStream(url: dir.appendingPathComponent(name), header: header)
        }
        villages = try open(
            ScenarioFile.villages,
            ["id", "name", "kind", "township", "county", "lat", "lon", "needs", "current_adviser"])
        advisers = try open(
            ScenarioFile.advisers,
            [
                "id", "name", "role", "firm", "county", "lat", "lon", "max_villages",
                "hours_per_month", "specialties", "status", "phone",
            ]
                + (adviserContacts ? ["wechat", "email", "photo"] : []))
        firms = try open(ScenarioFile.firms, ["id", "name", "kind", "county", "lat", "lon"])
        preferences = try open(ScenarioFile.preferences, ["from", "to", "rank"])
        conflicts = try open(ScenarioFile.conflicts, ["a", "b", "reason"])
    }

    /// Appends the rows of `batch` (its counties are written by `finish`).
    func append(_ batch: Scenario) throws {
        for v in batch.villages {
            villages.add([
                v.id, v.name, v.kind.rawValue, v.township, v.county, coord(v.lat), coord(v.lon),
                v.needs.joined(separator: ";"), v.currentAdviser ?? "",
            ])
        }
        for a in batch.advisers {
            advisers.add(
                [
                    a.id, a.name, a.role.rawValue, a.firm, a.county, coord(a.lat), coord(a.lon),
                    a.maxVillages.map(String.init) ?? "", a.hoursPerMonth.map(plainNumber) ?? "",
                    a.specialties.joined(separator: ";"), a.status.rawValue, a.phone,
                ]
                    + (adviserContacts ? [a.wechat ?? "", a.email ?? "", a.photo ?? ""] : []))
        }
        for f in batch.firms { firms.add([f.id, f.name, f.kind.rawValue, f.county, coord(f.lat), coord(f.lon)]) }
        for p in batch.preferences { preferences.add([p.from, p.to, String(p.rank)]) }
        for c in batch.conflicts { conflicts.add([c.a, c.b, c.reason]) }
        if !batch.townships.isEmpty {
            if townships == nil {
                townships = try CSVStream(
                    url: dir.appendingPathComponent(ScenarioFile.townships),
                    header: ["id", "name", "county", "mode", "adjacent"])
            }
            for t in batch.townships {
                townships!.add([t.id, t.name, t.county, t.mode, t.adjacent.joined(separator: ";")])
            }
        }
        if !batch.teams.isEmpty {
            if teams == nil {
                teams = try CSVStream(
                    url: dir.appendingPathComponent(ScenarioFile.teams),
                    header: ["team", "firm", "member", "role_in_team"])
            }
            for m in batch.teams { teams!.add([m.team, m.firm, m.member, m.roleInTeam]) }
        }
    }

    /// Writes counties.csv from `head.counties` and scenario.yaml from `head`'s settings, renames every
    /// file into place, and removes a townships.csv or teams.csv that no batch had rows for.
    func finish(_ head: Scenario) throws {
        // Optional columns only when some county uses them, so older folders stay byte-identical.
        let withPool = head.counties.contains(where: \.pool)
        let withOffice = head.counties.contains { $0.justiceOffice != nil || $0.justiceOfficePhone != nil }
        let withEmails = head.counties.contains { $0.justiceOfficeEmail != nil || $0.complaintEmail != nil }
        let withTraining = head.counties.contains { !$0.trainingDays.isEmpty }
        let counties = try CSVStream(
            url: dir.appendingPathComponent(ScenarioFile.counties),
            header: ["id", "name", "city", "under_resourced"] + (withPool ? ["pool"] : [])
                + (withOffice ? ["justice_office", "justice_office_phone"] : [])
                + (withEmails ? ["justice_office_email", "complaint_email"] : [])
                + (withTraining ? ["training_days"] : []))
        for c in head.counties {
            counties.add(
                [c.id, c.name, c.city, c.underResourced ? "true" : "false"]
                    + (withPool ? [c.pool ? "true" : "false"] : [])
                    + (withOffice ? [c.justiceOffice ?? "", c.justiceOfficePhone ?? ""] : [])
                    + (withEmails ? [c.justiceOfficeEmail ?? "", c.complaintEmail ?? ""] : [])
                    + (withTraining ? [c.trainingDays.joined(separator: ";")] : []))
        }
        for stream in [villages, advisers, firms, counties, preferences, conflicts] { try stream.finish() }
        // The two optional files: written when the scenario has rows for them, otherwise removed, so
        // that a folder rewritten with another service model holds no stale file.
        if let townships {
            try townships.finish()
        } else {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(ScenarioFile.townships))
        }
        if let teams {
            try teams.finish()
        } else {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(ScenarioFile.teams))
        }
        try writeAtomically(head.yamlText, to: dir.appendingPathComponent(ScenarioFile.yaml))
    }

    /// Drops every temporary file (after a failure).
    func abandon() {
        for stream in [villages, advisers, firms, preferences, conflicts] { stream.abandon() }
        townships?.abandon()
        teams?.abandon()
    }
}

// MARK: - Reading

/// A problem found while reading a scenario folder, with where it is.
struct ScenarioIssue: CustomStringConvertible {
    var file: String
    var line: Int?
    var message: String
    var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// Splits CSV text into records (RFC 4180 quoting); returns each record with its 1-based line.
func parseCSV(_ text: String) -> [(line: Int, fields: [String])] {
    var records: [(Int, [String])] = []
    var field = ""
    var fields: [String] = []
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    func endRecord() {
        fields.append(field)
        field = ""
        if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
        fields = []
    }
    while i < chars.count {
        let c = chars[i]
        if inQuotes {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" {
                    field.unicodeScalars.append("\"")
                    i += 1
                } else {
                    inQuotes = false
                }
            } else {
                if c == "\n" { line += 1 }
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            inQuotes = true
        } else if c == "," {
            fields.append(field)
            field = ""
        } else if c == "\n" || c == "\r" {
            if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
            endRecord()
            line += 1
            recordLine = line
        } else {
            field.unicodeScalars.append(c)
        }
        i += 1
    }
    if !field.isEmpty || !fields.isEmpty { endRecord() }
    return records
}

/// A CSV file read as rows keyed by header name.
struct CSVRows {
    var file: String
    var header: [String]
    var rows: [(line: Int, values: [String: String])]

    /// Reads `file` of `dir`. The header must be `expected`, or, when `optional` columns are given,
    /// `expected` followed by some of them in the order given.
    init(
        dir: URL, file: String, expected: [String], optional: [String] = [], required: Bool = true,
        issues: inout [ScenarioIssue]
    ) {
        self.file = file
        header = []
        rows = []
        let url = dir.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            if required { issues.append(ScenarioIssue(file: file, message: "missing")) }
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            issues.append(ScenarioIssue(file: file, message: "not UTF-8"))
            return
        }
        let records = parseCSV(text)
        guard let first = records.first else {
            issues.append(ScenarioIssue(file: file, message: "empty (no header row)"))
            return
        }
        header = first.fields
        let extra = Array(header.dropFirst(expected.count))
        let extraInOrder = optional.filter(extra.contains) == extra && Set(extra).count == extra.count
        if Array(header.prefix(expected.count)) != expected || !extraInOrder {
            let also = optional.isEmpty ? "" : ", then any of \(optional.joined(separator: ",")) in that order"
            issues.append(
                ScenarioIssue(
                    file: file, line: 1,
                    message:
                        "header is \(header.joined(separator: ",")), expected \(expected.joined(separator: ","))\(also)"
                ))
        }
        for r in records.dropFirst() {
            if r.fields.count != header.count {
                issues.append(
                    ScenarioIssue(
                        file: file, line: r.line,
                        message: "\(r.fields.count) fields, expected \(header.count)"))
            }
            var values: [String: String] = [:]
            for (i, h) in header.enumerated() { values[h] = i < r.fields.count ? r.fields[i] : "" }
            rows.append((r.line, values))
        }
    }
}

/// Splits a `;`-separated tag list, dropping empty items.
func tagList(_ s: String) -> [String] {
    s.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

extension Scenario {
    /// Reads a scenario folder, collecting every problem instead of stopping at the first.
    /// Only the top-level `key: value` lines of scenario.yaml are read.
    static func read(from dir: URL) -> (Scenario, [ScenarioIssue]) {
        var issues: [ScenarioIssue] = []
        var s = Scenario(name: "", rules: "")

        if let text = try? String(contentsOf: dir.appendingPathComponent(ScenarioFile.yaml), encoding: .utf8) {
            for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw)
                guard !line.hasPrefix(" "), !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                switch key {
                case "name": s.name = value
                case "rules": s.rules = value
                case "year": s.year = Int(value) ?? 0
                case "max_km":
                    if let v = Double(value), v > 0 {
                        s.maxKm = v
                    } else {
                        issues.append(
                            ScenarioIssue(
                                file: ScenarioFile.yaml, line: n + 1, message: "max_km is not a positive number"))
                    }
                case "service_model":
                    if let m = ServiceModel(rawValue: value) {
                        s.serviceModel = m
                    } else {
                        issues.append(
                            ScenarioIssue(
                                file: ScenarioFile.yaml, line: n + 1,
                                message: "service_model '\(value)' is not individual, team or township"))
                    }
                case "stable":
                    if value == "true" || value == "false" {
                        s.stable = value == "true"
                    } else {
                        issues.append(
                            ScenarioIssue(file: ScenarioFile.yaml, line: n + 1, message: "stable must be true or false")
                        )
                    }
                case "acceptable":
                    if value != "all" && value != "ranked" {
                        issues.append(
                            ScenarioIssue(
                                file: ScenarioFile.yaml, line: n + 1, message: "acceptable must be all or ranked"))
                    }
                    s.acceptable = value
                case "needs":
                    if value != "require" && value != "prefer" {
                        issues.append(
                            ScenarioIssue(
                                file: ScenarioFile.yaml, line: n + 1, message: "needs must be require or prefer"))
                    }
                    s.needsRule = value
                default: break
                }
            }
            if s.rules.isEmpty { issues.append(ScenarioIssue(file: ScenarioFile.yaml, message: "no rules")) }
        } else {
            issues.append(ScenarioIssue(file: ScenarioFile.yaml, message: "missing or not UTF-8"))
        }

        func number(_ t: CSVRows, _ r: (line: Int, values: [String: String]), _ key: String) -> Double {
            guard let v = Double(r.values[key] ?? "") else {
                issues.append(ScenarioIssue(file: t.file, line: r.line, message: "\(key) is not a number"))
                return 0
            }
            return v
        }
        func optionalNumber(_ t: CSVRows, _ r: (line: Int, values: [String: String]), _ key: String) -> Double? {
            let raw = r.values[key] ?? ""
            if raw.isEmpty { return nil }
            return number(t, r, key)
        }
        func choice<T: RawRepresentable>(
            _ t: CSVRows, _ r: (line: Int, values: [String: String]), _ key: String, _ fallback: T
        ) -> T where T.RawValue == String {
            let raw = r.values[key] ?? ""
            if let v = T(rawValue: raw) { return v }
            issues.append(ScenarioIssue(file: t.file, line: r.line, message: "\(key) '\(raw)' is not allowed"))
            return fallback
        }

        let counties = CSVRows(
            dir: dir, file: ScenarioFile.counties, expected: ["id", "name", "city", "under_resourced"],
            optional: [
                "pool", "justice_office", "justice_office_phone", "justice_office_email", "complaint_email",
                "training_days",
            ], issues: &issues)
        for r in counties.rows {
            let flag = r.values["under_resourced"] ?? ""
            if flag != "true" && flag != "false" {
                issues.append(
                    ScenarioIssue(file: counties.file, line: r.line, message: "under_resourced must be true or false"))
            }
            let pool = r.values["pool"] ?? "false"
            if pool != "true" && pool != "false" && !pool.isEmpty {
                issues.append(ScenarioIssue(file: counties.file, line: r.line, message: "pool must be true or false"))
            }
            let office = r.values["justice_office"] ?? "", officePhone = r.values["justice_office_phone"] ?? ""
            var county = County(
                id: r.values["id"] ?? "", name: r.values["name"] ?? "", city: r.values["city"] ?? "",
                underResourced: flag == "true", pool: pool == "true",
                justiceOffice: office.isEmpty ? nil : office,
                justiceOfficePhone: officePhone.isEmpty ? nil : officePhone)
            county.justiceOfficeEmail = r.values["justice_office_email"].flatMap { $0.isEmpty ? nil : $0 }
            county.complaintEmail = r.values["complaint_email"].flatMap { $0.isEmpty ? nil : $0 }
            county.trainingDays = tagList(r.values["training_days"] ?? "")
            s.counties.append(county)
        }

        let firms = CSVRows(
            dir: dir, file: ScenarioFile.firms, expected: ["id", "name", "kind", "county", "lat", "lon"],
            issues: &issues)
        for r in firms.rows {
            s.firms.append(
                Firm(
                    id: r.values["id"] ?? "", name: r.values["name"] ?? "",
                    kind: choice(firms, r, "kind", FirmKind.lawFirm),
                    county: r.values["county"] ?? "", lat: number(firms, r, "lat"), lon: number(firms, r, "lon")))
        }

        let advisers = CSVRows(
            dir: dir, file: ScenarioFile.advisers,
            expected: [
                "id", "name", "role", "firm", "county", "lat", "lon", "max_villages", "hours_per_month", "specialties",
                "status", "phone",
            ], optional: ["wechat", "email", "photo"], issues: &issues)
        for r in advisers.rows {
            s.advisers.append(
                Adviser(
                    id: r.values["id"] ?? "", name: r.values["name"] ?? "",
                    role: choice(advisers, r, "role", Role.lawyer),
                    firm: r.values["firm"] ?? "", county: r.values["county"] ?? "",
                    lat: number(advisers, r, "lat"), lon: number(advisers, r, "lon"),
                    maxVillages: optionalNumber(advisers, r, "max_villages").map { Int($0) },
                    hoursPerMonth: optionalNumber(advisers, r, "hours_per_month"),
                    specialties: tagList(r.values["specialties"] ?? ""),
                    status: choice(advisers, r, "status", AdviserStatus.active),
                    phone: r.values["phone"] ?? "", wechat: r.values["wechat"].flatMap { $0.isEmpty ? nil : $0 },
                    email: r.values["email"].flatMap { $0.isEmpty ? nil : $0 },
                    photo: r.values["photo"].flatMap { $0.isEmpty ? nil : $0 }))
        }

        let villages = CSVRows(
            dir: dir, file: ScenarioFile.villages,
            expected: [
                "id", "name", "kind", "township", "county", "lat", "lon", "needs", "current_adviser",
            ], issues: &issues)
        for r in villages.rows {
            let cur = r.values["current_adviser"] ?? ""
            s.villages.append(
                Village(
                    id: r.values["id"] ?? "", name: r.values["name"] ?? "",
                    kind: choice(villages, r, "kind", VillageKind.village),
                    township: r.values["township"] ?? "", county: r.values["county"] ?? "",
                    lat: number(villages, r, "lat"), lon: number(villages, r, "lon"),
                    needs: tagList(r.values["needs"] ?? ""), currentAdviser: cur.isEmpty ? nil : cur))
        }

        let prefs = CSVRows(
            dir: dir, file: ScenarioFile.preferences, expected: ["from", "to", "rank"], issues: &issues)
        for r in prefs.rows {
            s.preferences.append(
                Preference(from: r.values["from"] ?? "", to: r.values["to"] ?? "", rank: Int(number(prefs, r, "rank"))))
        }

        let conflicts = CSVRows(
            dir: dir, file: ScenarioFile.conflicts, expected: ["a", "b", "reason"], issues: &issues)
        for r in conflicts.rows {
            s.conflicts.append(
                Conflict(a: r.values["a"] ?? "", b: r.values["b"] ?? "", reason: r.values["reason"] ?? ""))
        }

        let townships = CSVRows(
            dir: dir, file: ScenarioFile.townships, expected: ["id", "name", "county", "mode", "adjacent"],
            required: false, issues: &issues)
        for r in townships.rows {
            s.townships.append(
                TownshipRow(
                    id: r.values["id"] ?? "", name: r.values["name"] ?? "", county: r.values["county"] ?? "",
                    mode: r.values["mode"] ?? "", adjacent: tagList(r.values["adjacent"] ?? "")))
        }
        let teams = CSVRows(
            dir: dir, file: ScenarioFile.teams, expected: ["team", "firm", "member", "role_in_team"],
            required: false, issues: &issues)
        for r in teams.rows {
            s.teams.append(
                TeamMember(
                    team: r.values["team"] ?? "", firm: r.values["firm"] ?? "", member: r.values["member"] ?? "",
                    roleInTeam: r.values["role_in_team"] ?? ""))
        }
        return (s, issues)
    }
}
