import CounselModel
import Foundation
import Reports
import Scheduling

/// `assess`: the half-yearly or yearly assessment (考核评估) of every adviser.
public struct AssessRequest: Sendable {
    /// The scenario folder.
    public var directory: String
    /// The ledger books (files, or folders of .csv files).
    public var ledger: [String]
    /// The period assessed: 2026-H1, 2026-H2 or 2026.
    public var period: String
    /// The call-back list with results.
    public var callbacks: String?
    /// The plan of the period (assignment.csv).
    public var assignment: String?
    /// The subsidy amounts (default: DIR/subsidy.yaml).
    public var subsidy: String?
    /// The folder for the outputs.
    public var out: String
    /// How the CSV files are written.
    public var csv: CSVOutput
    /// Whether assessment.xlsx is written too.
    public var xlsx: Bool

    /// A request from its parts.
    public init(
        directory: String, ledger: [String], period: String, callbacks: String? = nil, assignment: String? = nil,
        subsidy: String? = nil, out: String, csv: CSVOutput = .plain, xlsx: Bool = false
    ) {
        self.directory = directory
        self.ledger = ledger
        self.period = period
        self.callbacks = callbacks
        self.assignment = assignment
        self.subsidy = subsidy
        self.out = out
        self.csv = csv
        self.xlsx = xlsx
    }

    /// The usage errors of this request (exit 2), before anything is read.
    public func validate() throws {
        if ledger.isEmpty { throw PlanningError.usage(tr("usage.ledgerBooks")) }
        _ = try assessedPeriod()
    }

    /// The period assessed, or a usage error.
    func assessedPeriod() throws -> Assessment.Period {
        guard let p = Assessment.Period(period) else {
            throw PlanningError.usage(tr("usage.period", ["period": period]))
        }
        return p
    }
}

/// What `assess` assessed and wrote.
public struct AssessOutcome {
    /// Grades, subsidies and duties per adviser and firm.
    public var assessment: Assessment
    /// How many county pages were written.
    public var countyPages: Int
}

extension Planning {
    /// Assesses every adviser and writes OUT/assessment.csv, checks.csv, subsidy.csv,
    /// statuses.csv, duty-checks.csv (where the profile has duties), counties/COUNTY_ID.html and,
    /// when asked, assessment.xlsx.
    ///
    /// - Throws: ``PlanningError``: invalid input (1), usage (2) or failure (4).
    public static func assess(_ request: AssessRequest, observer: PlanningObserver = PlanningObserver()) throws
        -> AssessOutcome
    {
        let period = try request.assessedPeriod()
        let directory = request.directory
        let scenario = try loadScenario(directory, observer: observer, consequence: tr("consequence.assessed"))
        let calendar = try loadCalendar(for: scenario, directory: directory)
        let audit: LedgerAudit
        do { audit = try LedgerAudit(scenario: scenario, calendar: calendar) } catch let error as ScenarioError {
            throw PlanningError.scenario(error, in: directory, consequence: tr("consequence.assessed"))
        }
        let subsidyPath = request.subsidy ?? URL(fileURLWithPath: directory).appendingPathComponent("subsidy.yaml").path
        let amounts: SubsidySettings
        do {
            amounts = try SubsidySettings.load(from: URL(fileURLWithPath: subsidyPath), displayName: subsidyPath)
        } catch let error as ScenarioError {
            throw PlanningError.file(error, name: subsidyPath, consequence: tr("consequence.assessed"))
        }
        let files = try LedgerFiles.expand(request.ledger)
        let ledger = try LedgerFiles.load(files, scenario: scenario, consequence: tr("consequence.assessed"))
        let list = try request.callbacks.map {
            try LedgerFiles.loadCallbacks($0, for: ledger, consequence: tr("consequence.assessed"))
        }
        let plan = try request.assignment.map { path in
            try AssignmentPlanFile.load(path, scenario: scenario).mapValues(\.adviser)
        }
        let assessment: Assessment
        do {
            assessment = try Assessment(
                audit: audit, ledger: ledger, period: period, subsidy: amounts, callbacks: list?.rows ?? [],
                assignment: plan)
        } catch let error as ScenarioError {
            throw PlanningError.scenario(error, in: directory, consequence: tr("consequence.assessed"))
        }
        let pages = try writeAssessment(assessment, scenario: scenario, request: request)
        return AssessOutcome(assessment: assessment, countyPages: pages)
    }

    /// Writes the assessment's files; returns how many county pages were written.
    private static func writeAssessment(_ assessment: Assessment, scenario: Scenario, request: AssessRequest) throws
        -> Int
    {
        let out = request.out, csvOutput = request.csv
        let outURL = URL(fileURLWithPath: out)
        let assessmentCSV = assessment.assessmentCSV(), checksCSV = ComplianceEvaluator.csv(assessment.checkRows)
        let subsidyCSV = assessment.subsidyCSV(), statusesCSV = assessment.statusesCSV()
        let language = csvOutput.language, excel = csvOutput.excel
        let files = assessment.files(language: language, excel: excel)
        var workbookData: Data?
        if request.xlsx {
            do {
                workbookData = try OutputWorkbooks.assessment(
                    assessmentCSV: assessmentCSV, checksCSV: checksCSV, subsidyCSV: subsidyCSV,
                    statusesCSV: statusesCSV,
                    dutyChecksCSV: scenario.rules.duties != nil ? assessment.dutyChecksCSV() : nil,
                    counties: scenario.counties, language: csvOutput.language)
            } catch {
                throw PlanningError.failure(tr("failure.makeWorkbook", ["file": "assessment.xlsx", "error": error]))
            }
        }
        let counties = AssessmentPage.counties(assessment)
        do {
            // One set, swapped in together: the four tables, duty-checks.csv (where the profile has
            // duties), assessment.xlsx (--xlsx; a stale one would contradict the new assessment)
            // and counties/ (replaced whole; files there that are not county pages stay).
            let set = try OutputSet(folder: outURL, name: "assess")
            try set.write(files.assessment, to: "assessment.csv")
            // checks.csv, not compliance.csv: OUT may be the folder where `schedule` wrote the plan's compliance.csv.
            try set.write(
                ComplianceEvaluator.file(assessment.checkRows, language: language, excel: excel), to: "checks.csv")
            try set.write(files.subsidy, to: "subsidy.csv")
            try set.write(files.statuses, to: "statuses.csv")
            // The duties of advisers and firms, named apart from schedule's duties.csv as checks.csv is.
            if scenario.rules.duties != nil {
                try set.write(assessment.dutyChecksFile(language: language, excel: excel), to: "duty-checks.csv")
            } else {
                set.remove("duty-checks.csv")
            }
            if let workbookData {
                try set.write(workbookData, to: "assessment.xlsx")
            } else {
                set.remove("assessment.xlsx")
            }
            try set.addFolder("counties", owns: { $0.hasSuffix(".html") })
            let fileNames = OutputFileName.names(for: counties.map(\.id))
            for county in counties {
                try set.write(
                    AssessmentPage(assessment: assessment, county: county).html(),
                    to: "counties/\(fileNames[county.id]!).html")
            }
            try set.commit()
        } catch {
            throw PlanningError.failure(
                tr("failure.writeAssessment", ["out": out, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
        return counties.count
    }
}
