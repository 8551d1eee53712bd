import Assignment
import CounselModel
import Foundation
import Scheduling

/// The fuzz targets (issue 13, item 3): each takes any bytes, must never crash, trap, leak or take
/// long, and checks what it reads against properties that hold for every input the reader
/// accepts. `make fuzz` runs them under libFuzzer (`swiftc -sanitize=fuzzer,address`); the tests
/// (Tests/FuzzHarnessTests) replay the seed corpus and every input a run has found, so a crash
/// found once stays fixed.
///
/// A property that fails calls `fatalError`, which libFuzzer reports as a crash with the input.
public enum FuzzHarness {
    /// A target's name (`fuzz-NAME`) and entry point.
    public static let targets: [(name: String, run: (UnsafeRawBufferPointer) -> Void)] = [
        ("csv", csv), ("yaml", yaml), ("scenario", scenario), ("roster", roster),
    ]

    // MARK: CSV reader

    /// `CSVTable(data:)`: every field placed at a real line and column, within the limits, and a
    /// table written back with `csvField` reads as the same table.
    public static func csv(_ bytes: UnsafeRawBufferPointer) {
        let table: CSVTable
        do {
            table = try CSVTable(data: Data(bytes), file: "input.csv")
        } catch let d as Diagnostic {
            check(!d.description.isEmpty, "an empty diagnostic")
            return
        } catch {
            fatalError("CSVTable threw \(type(of: error)), not a Diagnostic: \(error)")
        }
        var previous = 0
        for (line, fields) in [(table.header.first?.line ?? 1, table.header)] + table.records.map({ ($0.line, $0.fields) }) {
            check(line > previous, "records out of order: line \(line) after \(previous)")
            previous = line
            check(!fields.isEmpty && fields.count <= CSVTable.maximumFields, "\(fields.count) fields")
            for f in fields {
                check(f.line >= line && f.column >= 1, "a field at \(f.line):\(f.column) in a record at line \(line)")
                check(f.text.utf8.count <= CSVTable.maximumFieldBytes, "a field of \(f.text.utf8.count) bytes")
                check(!f.text.unicodeScalars.contains("\r"), "a carriage return kept in a field")
            }
        }
        let rows = [table.header] + table.records.map(\.fields)
        let written = rows.map { $0.map { csvField($0.text) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let again: CSVTable
        do { again = try CSVTable(text: written, file: "again.csv") } catch { fatalError("the table written back does not read: \(error)\n\(written)") }
        let reread = [again.header] + again.records.map(\.fields)
        check(reread.map { $0.map(\.text) } == rows.map { $0.map(\.text) }, "written back, the table reads differently:\n\(written)")
    }

    // MARK: YAML reader

    /// The YAML readers on the same text: a rule profile, a subsidy.yaml, an --overlay, and the
    /// scenario.yaml of a small valid scenario. A profile that loads has a source for every rule.
    public static func yaml(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let folder = scratch("yaml")
        let file = folder.appendingPathComponent("input.yaml")
        write(Data(bytes), to: file)
        do {
            let p = try RuleProfile.load(from: file, displayName: "input.yaml")
            for source in [p.assignment.cap.source, p.assignment.eligibleRoles.source, p.assignment.apprenticeAlone.source,
                           p.assignment.excludedStatuses.source, p.assignment.monthlyHoursPerVillage.source] {
                check(!source.isEmpty, "a rule without a source was accepted")
            }
            check(p.assignment.cap.value >= 0 && p.assignment.maximumCap >= p.assignment.cap.value, "caps")
        } catch let e as ScenarioError {
            render(e)
        } catch {
            fatalError("RuleProfile.load threw \(type(of: error)): \(error)")
        }
        do { _ = try SubsidySettings.load(from: file, displayName: "subsidy.yaml") } catch let e as ScenarioError { render(e) } catch {
            fatalError("SubsidySettings.load threw \(type(of: error)): \(error)")
        }
        var overlay = ScenarioOverrides()
        for problem in overlay.addOverlay(text, file: "overlay.yaml") { check(!problem.description.isEmpty, "an empty overlay problem") }
        _ = overlay.effective
        let scenario = smallScenario(folder, yaml: Data(bytes))
        if let scenario { check(!scenario.name.isEmpty && scenario.year >= 2000, "name \(scenario.name), year \(scenario.year)") }
    }

    // MARK: Scenario loader

    /// A scenario folder given as one text, each file after a line `=== NAME` (`=== villages.csv`):
    /// loaded with its cross-file checks. A scenario that loads holds only valid ids, unique
    /// across files, and every reference resolves; its assignment problem can be built.
    public static func scenario(_ bytes: UnsafeRawBufferPointer) {
        let folder = scratch("scenario")
        for (name, data) in bundle(bytes) { write(data, to: folder.appendingPathComponent(name)) }
        let s: Scenario
        do {
            s = try Scenario.load(from: folder, modelsSearchPath: [models])
        } catch let e as ScenarioError {
            render(e)
            return
        } catch {
            fatalError("Scenario.load threw \(type(of: error)): \(error)")
        }
        checkInvariants(s)
        let problem = AssignmentProblem(scenario: s)
        for c in problem.candidates {
            check(problem.villageIndices.contains(c.village) && problem.unitIndices.contains(c.unit), "a candidate out of range")
            check(c.cost.isFinite && c.distanceKm.isFinite && c.distanceKm >= 0, "a candidate costs \(c.cost), \(c.distanceKm) km")
        }
        check(problem.uncoveredPenalty.isFinite, "the uncovered penalty is \(problem.uncoveredPenalty)")
    }

    /// What a loaded scenario always satisfies.
    static func checkInvariants(_ s: Scenario) {
        var ids = Set<String>()
        let own = s.villages.map(\.id) + s.advisers.map(\.id) + s.firms.map(\.id) + s.townships.map(\.id)
        for id in own {
            check(Identifier.isValid(id), "an invalid id was accepted: \(Identifier.quoted(id))")
            check(ids.insert(id).inserted, "the id \(Identifier.quoted(id)) was accepted twice")
        }
        let villages = Set(s.villages.map(\.id)), advisers = Set(s.advisers.map(\.id)), firms = Set(s.firms.map(\.id))
        let counties = Set(s.counties.map(\.id))
        for v in s.villages {
            check(counties.contains(v.county), "village \(v.id)'s county \(v.county) is unknown")
            check((-90...90).contains(v.latitude) && (-180...180).contains(v.longitude), "village \(v.id) at \(v.latitude), \(v.longitude)")
            if let a = v.currentAdviser { check(advisers.contains(a), "village \(v.id)'s incumbent \(a) is unknown") }
        }
        for a in s.advisers {
            check(counties.contains(a.county), "adviser \(a.id)'s county \(a.county) is unknown")
            if let f = a.firm, !s.firms.isEmpty { check(firms.contains(f), "adviser \(a.id)'s firm \(f) is unknown") }
            check((a.maxVillages ?? 0) >= 0 && (a.maxVillages ?? 0) <= s.rules.assignment.maximumCap, "adviser \(a.id) max \(a.maxVillages ?? -1)")
        }
        for p in s.preferences {
            check((villages.contains(p.from) && (advisers.contains(p.to) || firms.contains(p.to))) || (advisers.contains(p.from) && villages.contains(p.to)),
                  "preference \(p.from) → \(p.to) accepted")
            check(p.rank >= 1, "rank \(p.rank)")
        }
        for c in s.conflicts {
            check(c.a != c.b && (villages.contains(c.a) || advisers.contains(c.a)) && (villages.contains(c.b) || advisers.contains(c.b)),
                  "conflict \(c.a) – \(c.b) accepted")
        }
    }

    // MARK: Roster and ledger reader

    /// A roster or ledger file: read on its own (`Roster.load`), then against the Nanning demo
    /// (`LedgerAudit.loadLedgers`) and audited over 2026. A roster that reads is written back
    /// with its ledger columns (`Roster.csv(includeLedgerColumns:)`) and reads as the same sessions.
    public static func roster(_ bytes: UnsafeRawBufferPointer) {
        let folder = scratch("roster")
        let file = folder.appendingPathComponent("ledger.csv")
        write(Data(bytes), to: file)
        let roster: Roster
        do {
            roster = try Roster.load(from: file, displayName: "ledger.csv")
        } catch let e as ScenarioError {
            render(e)
            return
        } catch {
            fatalError("Roster.load threw \(type(of: error)): \(error)")
        }
        for s in roster.sessions {
            check(s.start >= 0 && s.end > s.start && s.end <= 48 * 60, "a session \(s.start)–\(s.end)")
            check(!s.adviser.isEmpty, "a session without an adviser")
            check(!s.village.isEmpty || s.activity.isAdviserOwn, "a \(s.activity.rawValue) session without a village")
        }
        let back = folder.appendingPathComponent("back.csv")
        write(Data(roster.csv(includeLedgerColumns: true).utf8), to: back)
        do {
            let again = try Roster.load(from: back, displayName: "back.csv")
            check(again.sessions == roster.sessions, "written back, the roster reads differently")
        } catch {
            fatalError("the roster written back does not read: \(error)")
        }
        guard let (scenario, audit) = demo else { return }
        do {
            let ledger = try LedgerAudit.loadLedgers([(file, "ledger.csv")], scenario: scenario)
            let report = audit.audit(ledger, from: Month(year: 2026, month: 1)!, to: Month(year: 2026, month: 12)!)
            _ = report.findings.count
        } catch let e as ScenarioError {
            render(e)
        } catch {
            fatalError("LedgerAudit.loadLedgers threw \(type(of: error)): \(error)")
        }
    }

    // MARK: Replay

    /// Runs `target` on each file given (a corpus folder's files, or single inputs); returns the
    /// number of inputs run. For the fuzz executables built without libFuzzer, and the tests.
    @discardableResult
    public static func replay(_ paths: [String], _ target: (UnsafeRawBufferPointer) -> Void) -> Int {
        var count = 0
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files where !file.hasSuffix("/README.md") {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                data.withUnsafeBytes { target($0) }
                count += 1
            }
        }
        return count
    }

    // MARK: Support

    /// The package's Models/ (for the rule profiles), from `$VILLAGE_COUNSEL_MODELS` or this file's place.
    static let models: URL = {
        if let env = ProcessInfo.processInfo.environment["VILLAGE_COUNSEL_MODELS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models")
    }()

    /// This process's scratch folders, on tmpfs when there is one (`/dev/shm`).
    static let root: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("village-counsel-fuzz-\(getpid())")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: FuzzHarness.root) }
        return url
    }()

    /// An empty scratch folder for `name`, emptied of the last input's files.
    static func scratch(_ name: String) -> URL {
        let url = root.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ data: Data, to url: URL) {
        do { try data.write(to: url) } catch { fatalError("cannot write the fuzz input to \(url.path): \(error)") }
    }

    /// The files of a bundle: after a line `=== NAME`, the bytes up to the next such line (or the
    /// end); only the names of a scenario's files (so an input can never name a path).
    static func bundle(_ bytes: UnsafeRawBufferPointer) -> [(String, Data)] {
        let allowed = Set(ScenarioTables.all.map(\.file) + ["scenario.yaml", "subsidy.yaml", "cn-2026.csv"])
        var files: [(String, Data)] = []
        var name: String?
        var current = Data()
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            if line.starts(with: Array("=== ".utf8)) {
                if let name { files.append((name, current)) }
                let candidate = String(decoding: line.dropFirst(4), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                name = allowed.contains(candidate) ? candidate : nil
                current = Data()
                continue
            }
            current.append(contentsOf: line)
            if i < lines.count - 1 { current.append(0x0A) }
        }
        if let name { files.append((name, current)) }
        return files
    }

    /// A one-village scenario whose scenario.yaml is `yaml`, loaded; `nil` when refused.
    static func smallScenario(_ folder: URL, yaml: Data) -> Scenario? {
        write(yaml, to: folder.appendingPathComponent("scenario.yaml"))
        write(Data("id,name,township,county,lat,lon\nV1,一村,一镇,C1,23.1,108.2\n".utf8), to: folder.appendingPathComponent("villages.csv"))
        write(Data("id,name,role,county,lat,lon\nA1,甲,lawyer,C1,23.1,108.2\n".utf8), to: folder.appendingPathComponent("advisers.csv"))
        do {
            return try Scenario.load(from: folder, modelsSearchPath: [models])
        } catch let e as ScenarioError {
            render(e)
            return nil
        } catch {
            fatalError("Scenario.load threw \(type(of: error)): \(error)")
        }
    }

    /// The Nanning demo and its ledger auditor, loaded once.
    static let demo: (Scenario, LedgerAudit)? = {
        let folder = models.deletingLastPathComponent().appendingPathComponent("Data/nanning-wuming")
        guard let s = try? Scenario.load(from: folder, modelsSearchPath: [models]),
              let calendar = try? WorkCalendar.load(for: s, searchPath: [models.deletingLastPathComponent().appendingPathComponent("Data")]),
              let audit = try? LedgerAudit(scenario: s, calendar: calendar) else { return nil }
        return (s, audit)
    }()

    /// Renders an error the way the commands print it (the renderer is part of what is fuzzed).
    static func render(_ e: ScenarioError) {
        let text = e.description
        check(!text.isEmpty && e.count >= e.diagnostics.count, "an error without problems")
        for d in e.diagnostics {
            check(!d.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                  "a control character reaches the terminal: \(d.description.debugDescription)")
        }
    }

    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz property failed: \(message())") }
    }
}
