import Assignment
import CounselModel
import Foundation
import Scheduling

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
    public init(
        summary: PlanSummary, assignment: [AssignmentRow], scenario: Scenario, roster: Roster? = nil,
        compliance: [ComplianceRecord]? = nil, shortfalls: Int? = nil, files: [String] = []
    ) {
        self.summary = summary
        self.assignment = assignment
        self.scenario = scenario
        self.roster = roster
        self.compliance = compliance
        self.shortfalls = shortfalls
        self.files = files
    }

    /// Reads `OUT/summary.json` (``SummaryFile``).
    ///
    /// - Throws: ``ScenarioError`` when it is missing (saying to run `assign`) or not a summary.
    public static func readSummary(in out: URL) throws -> PlanSummary {
        do { return try SummaryFile.read(in: out) } catch let d as Diagnostic { throw ScenarioError([d]) }
    }

    /// Reads the plan (and the schedule, when present) in `out` for `scenario`.
    ///
    /// - Throws: ``ScenarioError`` listing every problem (a missing or malformed file, a village or
    ///   adviser that is not in the scenario).
    public static func load(out: URL, summary: PlanSummary, scenario: Scenario) throws -> ReportInputs {
        var files = ["summary.json", "assignment.csv"]
        let assignmentURL = out.appendingPathComponent("assignment.csv")
        guard FileManager.default.fileExists(atPath: assignmentURL.path) else {
            throw ScenarioError([Diagnostic(file: assignmentURL.path, tr("report.notFound", ["out": out.path]))])
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
            roster = try Roster.load(from: url, displayName: url.path)
            files.append(relative)
        }
        var compliance: [ComplianceRecord]?
        if let (url, relative) = find("compliance.csv") {
            compliance = try readCompliance(url)
            files.append(relative)
        }
        var shortfalls: Int?
        if let (url, relative) = find("shortfalls.csv") {
            shortfalls = try countShortfalls(url)
            files.append(relative)
        }
        return ReportInputs(
            summary: summary, assignment: rows, scenario: scenario, roster: roster, compliance: compliance,
            shortfalls: shortfalls, files: files)
    }

    /// The diagnostics of a read as one error (at most 20).
    private static func failing(_ diagnostics: [Diagnostic]) -> ScenarioError {
        ScenarioError(Array(diagnostics.sorted().prefix(20)))
    }

    static func readAssignment(_ url: URL, scenario: Scenario) throws -> [AssignmentRow] {
        let contents: AssignmentTable.Contents
        do {
            contents = try AssignmentTable.read(url, displayName: url.path, required: Plan.assignmentColumns)
        } catch let d as Diagnostic {
            throw ScenarioError([d])
        }
        let villages = Set(scenario.villages.map(\.id)), advisers = Set(scenario.advisers.map(\.id))
        var problems = contents.diagnostics
        var rows: [AssignmentRow] = []
        for read in contents.rows {
            let r = read.row, line = read.record.line
            if !villages.contains(r.villageID) {
                problems.append(
                    Diagnostic(
                        file: url.path, line: line,
                        tr(
                            "report.villageNotInScenario",
                            ["village": r.villageID, "scenario": scenario.directory.path])))
            }
            if !r.adviserID.isEmpty && !advisers.contains(r.adviserID) {
                problems.append(
                    Diagnostic(
                        file: url.path, line: line,
                        tr(
                            "report.adviserNotInScenario",
                            ["adviser": r.adviserID, "scenario": scenario.directory.path])))
            }
            rows.append(
                AssignmentRow(
                    villageID: r.villageID, villageName: r.villageName, county: r.county, township: r.township,
                    adviserID: r.adviserID.isEmpty ? nil : r.adviserID, adviserName: r.adviserName, firmID: r.firmID,
                    distanceKm: Double(r.distanceKm), villageRank: Int(r.villageRank), adviserRank: Int(r.adviserRank),
                    incumbent: r.incumbent?.rawValue ?? "", support: r.support))
        }
        guard problems.isEmpty else { throw failing(problems) }
        return rows
    }

    static func readCompliance(_ url: URL) throws -> [ComplianceRecord] {
        let contents: CSVFormat.Contents
        do {
            contents = try CSVFormat.compliance.read(url, displayName: url.path, required: CSVFormat.compliance.columns)
        } catch let d as Diagnostic {
            throw ScenarioError([d])
        }
        var problems = contents.diagnostics
        var rows: [ComplianceRecord] = []
        for r in contents.records {
            guard let required = Double(r.text("required")), let planned = Double(r.text("planned")) else {
                problems.append(Diagnostic(file: url.path, line: r.line, tr("report.numbers")))
                continue
            }
            rows.append(
                ComplianceRecord(
                    village: r.text("village_id"), adviser: r.text("adviser_id"), rule: r.text("rule"),
                    period: r.text("period"),
                    required: required, planned: planned, ok: r.text("ok") == "yes"))
        }
        guard problems.isEmpty else { throw failing(problems) }
        return rows
    }

    /// The rows of shortfalls.csv.
    static func countShortfalls(_ url: URL) throws -> Int {
        do {
            return try CSVFormat.shortfalls.read(url, displayName: url.path, required: []).table.records.count
        } catch let d as Diagnostic {
            throw ScenarioError([d])
        }
    }
}
