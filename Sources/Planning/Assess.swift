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
    public init(directory: String, ledger: [String], period: String, callbacks: String? = nil, assignment: String? = nil,
                subsidy: String? = nil, out: String, csv: CSVOutput = .plain, xlsx: Bool = false) {
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
    public static func assess(_ request: AssessRequest, observer: PlanningObserver = PlanningObserver()) throws -> AssessOutcome {
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
        let list = try request.callbacks.map { try LedgerFiles.loadCallbacks($0, for: ledger, consequence: tr("consequence.assessed")) }
        let plan = try request.assignment.map { path in try AssignmentPlanFile.load(path, scenario: scenario).mapValues(\.adviser) }
        let assessment: Assessment
        do {
            assessment = try Assessment(audit: audit, ledger: ledger, period: period, subsidy: amounts, callbacks: list?.rows ?? [], assignment: plan)
        } catch let error as ScenarioError {
            throw PlanningError.scenario(error, in: directory, consequence: tr("consequence.assessed"))
        }
        let pages = try writeAssessment(assessment, scenario: scenario, request: request)
        return AssessOutcome(assessment: assessment, countyPages: pages)
    }

    /// Writes the assessment's files; returns how many county pages were written.
    private static func writeAssessment(_ assessment: Assessment, scenario: Scenario, request: AssessRequest) throws -> Int {
        let out = request.out, csvOutput = request.csv
        let outURL = URL(fileURLWithPath: out)
        let assessmentCSV = assessment.assessmentCSV(), checksCSV = ComplianceEvaluator.csv(assessment.checkRows)
        let subsidyCSV = assessment.subsidyCSV(), statusesCSV = assessment.statusesCSV()
        let language = csvOutput.language, excel = csvOutput.excel
        let files = assessment.files(language: language, excel: excel)
        var written: [(URL, Data)] = [
            (outURL.appendingPathComponent("assessment.csv"), files.assessment),
            // checks.csv, not compliance.csv: OUT may be the folder where `schedule` wrote the plan's compliance.csv.
            (outURL.appendingPathComponent("checks.csv"), ComplianceEvaluator.file(assessment.checkRows, language: language, excel: excel)),
            (outURL.appendingPathComponent("subsidy.csv"), files.subsidy),
            (outURL.appendingPathComponent("statuses.csv"), files.statuses),
        ]
        // The duties of advisers and firms, named apart from schedule's duties.csv as checks.csv is.
        let dutyChecksURL = outURL.appendingPathComponent("duty-checks.csv")
        if scenario.rules.duties != nil {
            written.append((dutyChecksURL, assessment.dutyChecksFile(language: language, excel: excel)))
        }
        let workbookURL = outURL.appendingPathComponent("assessment.xlsx")
        if request.xlsx {
            do {
                written.append((workbookURL, try OutputWorkbooks.assessment(assessmentCSV: assessmentCSV, checksCSV: checksCSV, subsidyCSV: subsidyCSV,
                                                                           statusesCSV: statusesCSV, counties: scenario.counties, language: csvOutput.language)))
            } catch {
                throw PlanningError.failure(tr("failure.makeWorkbook", ["file": "assessment.xlsx", "error": error]))
            }
        }
        let counties = AssessmentPage.counties(assessment)
        for county in counties {
            let page = AssessmentPage(assessment: assessment, county: county).html()
            written.append((outURL.appendingPathComponent("counties").appendingPathComponent("\(fileName(county.id)).html"), Data(page.utf8)))
        }
        do {
            for (url, data) in written { try AtomicFile.write(data, to: url) }
            // A stale workbook would contradict the new assessment.
            if !request.xlsx && FileManager.default.fileExists(atPath: workbookURL.path) { try FileManager.default.removeItem(at: workbookURL) }
            if scenario.rules.duties == nil && FileManager.default.fileExists(atPath: dutyChecksURL.path) { try FileManager.default.removeItem(at: dutyChecksURL) }
        } catch {
            throw PlanningError.failure(tr("failure.writeAssessment", ["out": out, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
        return counties.count
    }
}
