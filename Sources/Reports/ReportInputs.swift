import Assignment
import CounselModel
import Foundation
import Scheduling

/// Why a report could not be made: a missing or malformed input, in words that say what to run.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    /// One line per problem.
    public var description: String
    /// Makes an error.
    public init(_ description: String) { self.description = description }
}

/// One row of `assignment.csv` as `assign` writes it.
public struct AssignmentRow: Sendable, Equatable {
    public var villageID: String
    public var villageName: String
    public var county: String
    public var township: String
    /// `nil` for an uncovered village.
    public var adviserID: String?
    public var adviserName: String
    public var firmID: String
    public var distanceKm: Double?
    public var villageRank: Int?
    public var adviserRank: Int?
    /// `kept`, `changed` or `new`.
    public var incumbent: String
    /// Served from another county.
    public var support: Bool
}

/// One row of `compliance.csv` as `schedule` writes it.
public struct ComplianceRecord: Sendable, Equatable {
    public var village: String
    public var adviser: String
    public var rule: String
    public var period: String
    public var required: Double
    public var planned: Double
    public var ok: Bool
}

/// Everything a report is made from: the plan's outputs, the scenario, and the schedule's
/// outputs when `schedule` was run into the same folder (or its `schedule/` subfolder).
public struct ReportInputs: Sendable {
    /// `summary.json`.
    public var summary: PlanSummary
    /// `assignment.csv`, in file order (sorted by village id).
    public var assignment: [AssignmentRow]
    /// The scenario the plan was made for.
    public var scenario: Scenario
    /// `roster.csv`, when present.
    public var roster: Roster?
    /// `compliance.csv`, when present.
    public var compliance: [ComplianceRecord]?
    /// Rows of `shortfalls.csv`, when present.
    public var shortfalls: Int?
    /// The input files read, relative to the output folder (for the page's footer).
    public var files: [String]

    /// Makes inputs from parts (tests).
    public init(summary: PlanSummary, assignment: [AssignmentRow], scenario: Scenario, roster: Roster? = nil,
                compliance: [ComplianceRecord]? = nil, shortfalls: Int? = nil, files: [String] = []) {
        self.summary = summary
        self.assignment = assignment
        self.scenario = scenario
        self.roster = roster
        self.compliance = compliance
        self.shortfalls = shortfalls
        self.files = files
    }

    /// Reads `OUT/summary.json`.
    ///
    /// - Throws: ``ReportError`` when it is missing (saying to run `assign`) or not a summary.
    public static func readSummary(in out: URL) throws -> PlanSummary {
        let url = out.appendingPathComponent("summary.json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ReportError(tr("report.notFound", ["path": url.path, "out": out.path]))
        }
        do {
            let data = try Data(contentsOf: url)
            do {
                return try JSONDecoder().decode(PlanSummary.self, from: data)
            } catch DecodingError.keyNotFound(let key, _) where key.stringValue == "scenario_dir" {
                // A summary from before `scenario_dir` was recorded: the folder must come from --scenario.
                guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw ReportError(tr("report.notObject")) }
                object["scenario_dir"] = ""
                return try JSONDecoder().decode(PlanSummary.self, from: JSONSerialization.data(withJSONObject: object))
            }
        } catch {
            throw ReportError(tr("report.notSummary", ["path": url.path, "why": describe(error)]))
        }
    }

    /// Reads the plan (and the schedule, when present) in `out` for `scenario`.
    ///
    /// - Throws: ``ReportError`` listing every problem (a missing or malformed file, a village or
    ///   adviser that is not in the scenario).
    public static func load(out: URL, summary: PlanSummary, scenario: Scenario) throws -> ReportInputs {
        var files = ["summary.json", "assignment.csv"]
        let assignmentURL = out.appendingPathComponent("assignment.csv")
        guard FileManager.default.fileExists(atPath: assignmentURL.path) else {
            throw ReportError(tr("report.notFound", ["path": assignmentURL.path, "out": out.path]))
        }
        let rows = try readAssignment(assignmentURL, scenario: scenario)

        // The schedule's outputs: OUT/roster.csv, else OUT/schedule/roster.csv (the same for the others).
        func find(_ name: String) -> (URL, String)? {
            for relative in [name, "schedule/" + name] {
                let url = out.appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: url.path) { return (url, relative) }
            }
            return nil
        }
        var roster: Roster?
        if let (url, relative) = find("roster.csv") {
            do {
                roster = try Roster.load(from: url, displayName: url.path)
            } catch let error as ScenarioError {
                throw ReportError(error.description)
            }
            files.append(relative)
        }
        var compliance: [ComplianceRecord]?
        if let (url, relative) = find("compliance.csv") {
            compliance = try readCompliance(url)
            files.append(relative)
        }
        var shortfalls: Int?
        if let (url, relative) = find("shortfalls.csv") {
            shortfalls = try table(url).records.count
            files.append(relative)
        }
        return ReportInputs(summary: summary, assignment: rows, scenario: scenario, roster: roster, compliance: compliance,
                            shortfalls: shortfalls, files: files)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return tr("report.missingKey", ["key": key.stringValue])
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return tr("report.unexpectedValue", ["path": context.codingPath.map(\.stringValue).joined(separator: ".")])
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "\(error)"
        }
    }

    private static func table(_ url: URL) throws -> CSVTable {
        do {
            return try CSVTable(contentsOf: url, file: url.path)
        } catch let d as Diagnostic {
            throw ReportError("\(d)")
        }
    }

    /// Column index by English name (a Chinese header, as `--lang zh` writes it, reads as its
    /// English name), or a problem naming what is missing.
    private static func columns(_ table: CSVTable, _ names: [String], file: String, url: URL) throws -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, h) in table.header.enumerated() {
            let name = CSVHeaders.english(h.text, file: file)
            if index[name] == nil { index[name] = i }
        }
        let missing = names.filter { index[$0] == nil }
        if !missing.isEmpty {
            throw ReportError(tr("report.missingColumns", ["path": url.path, "count": missing.count, "missing": missing.joined(separator: ", ")]))
        }
        return index
    }

    static func readAssignment(_ url: URL, scenario: Scenario) throws -> [AssignmentRow] {
        let t = try table(url)
        let c = try columns(t, Plan.assignmentColumns, file: "assignment.csv", url: url)
        let villages = Set(scenario.villages.map(\.id)), advisers = Set(scenario.advisers.map(\.id))
        var problems: [String] = []
        var rows: [AssignmentRow] = []
        for r in t.records {
            guard r.fields.count == t.header.count else {
                problems.append("\(url.path):\(r.line): expected \(t.header.count) fields, found \(r.fields.count)")
                continue
            }
            func f(_ name: String) -> String { r.fields[c[name]!].text }
            let village = f("village_id"), adviser = f("adviser_id")
            if !villages.contains(village) {
                problems.append(tr("report.villageNotInScenario", ["path": url.path, "line": r.line, "village": village, "scenario": scenario.directory.path]))
            }
            if !adviser.isEmpty && !advisers.contains(adviser) {
                problems.append(tr("report.adviserNotInScenario", ["path": url.path, "line": r.line, "adviser": adviser, "scenario": scenario.directory.path]))
            }
            rows.append(AssignmentRow(
                villageID: village, villageName: f("village_name"), county: f("county"), township: f("township"),
                adviserID: adviser.isEmpty ? nil : adviser, adviserName: f("adviser_name"), firmID: f("firm_id"),
                distanceKm: Double(f("distance_km")), villageRank: Int(f("village_rank")), adviserRank: Int(f("adviser_rank")),
                incumbent: f("incumbent"), support: f("support") == "yes"))
            if problems.count >= 20 { break }
        }
        guard problems.isEmpty else { throw ReportError(problems.joined(separator: "\n")) }
        return rows
    }

    static func readCompliance(_ url: URL) throws -> [ComplianceRecord] {
        let t = try table(url)
        let c = try columns(t, ["village_id", "adviser_id", "rule", "period", "required", "planned", "ok"], file: "compliance.csv", url: url)
        var problems: [String] = []
        var rows: [ComplianceRecord] = []
        for r in t.records {
            guard r.fields.count == t.header.count else {
                problems.append("\(url.path):\(r.line): expected \(t.header.count) fields, found \(r.fields.count)")
                continue
            }
            func f(_ name: String) -> String { r.fields[c[name]!].text }
            guard let required = Double(f("required")), let planned = Double(f("planned")) else {
                problems.append(tr("report.numbers", ["path": url.path, "line": r.line]))
                continue
            }
            rows.append(ComplianceRecord(village: f("village_id"), adviser: f("adviser_id"), rule: f("rule"), period: f("period"),
                                         required: required, planned: planned, ok: f("ok") == "yes"))
        }
        guard problems.isEmpty else { throw ReportError(problems.prefix(20).joined(separator: "\n")) }
        return rows
    }
}
