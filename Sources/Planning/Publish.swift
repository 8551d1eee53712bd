import CounselModel
import Foundation
import Reports
import Scheduling

/// `publish`: notice boards, ledger books and contact cards from a plan and its roster.
public struct PublishRequest: Sendable {
    /// The scenario folder.
    public var directory: String
    /// The folder holding assignment.csv; notices/, ledgers/ and cards/ are written into it.
    public var out: String
    /// The roster (default: OUT/roster.csv, else OUT/schedule/roster.csv).
    public var roster: String?
    /// How the ledger books are written.
    public var csv: CSVOutput

    /// A request from its parts.
    public init(directory: String, out: String, roster: String? = nil, csv: CSVOutput = .plain) {
        self.directory = directory
        self.out = out
        self.roster = roster
        self.csv = csv
    }
}

/// What `publish` wrote.
public struct PublishOutcome {
    /// The scenario published.
    public var scenario: Scenario
    /// The roster read.
    public var rosterPath: String
    /// The plan read.
    public var planPath: String
    /// The villages with a board and a book.
    public var villages: Int
    /// The advisers with contact cards.
    public var advisers: Int
    /// Whether each adviser also got a book of their own.
    public var ownBooks: Bool
    /// Villages without an adviser (their boards say 待安排).
    public var pending: [String]
    /// Villages whose roster sessions are by another adviser than the plan assigns.
    public var mismatched: [String]
    /// Items the profile's boards or cards show that the scenario has no data for, with how often.
    public var missing: [PublicationRules.Item: Int]
}

extension Planning {
    /// Writes OUT/notices/VILLAGE_ID.html, OUT/ledgers/VILLAGE_ID.csv, OUT/cards/ADVISER_ID.html
    /// and, where the profile has duties in no village, OUT/ledgers/ADVISER_ID.csv.
    ///
    /// - Throws: ``PlanningError``: invalid input (1) or failure (4).
    public static func publish(_ request: PublishRequest, observer: PlanningObserver = PlanningObserver()) throws
        -> PublishOutcome
    {
        let directory = request.directory, out = request.out, csvOutput = request.csv
        let scenario = try loadScenario(directory, observer: observer, consequence: tr("consequence.published"))
        let outURL = URL(fileURLWithPath: out)
        let planPath = outURL.appendingPathComponent("assignment.csv").path
        guard FileManager.default.fileExists(atPath: planPath) else {
            throw PlanningError.invalidInput(
                tr("input.planNotFound", ["path": planPath, "directory": directory, "out": out]))
        }
        let plan = try AssignmentPlanFile.load(planPath, scenario: scenario)
        let rosterPath = try locateRoster(request)
        let sessions: Roster
        do {
            sessions = try LedgerAudit.loadLedger(
                from: URL(fileURLWithPath: rosterPath), displayName: rosterPath, scenario: scenario
            ).roster
        } catch let error as ScenarioError {
            throw PlanningError.file(error, name: rosterPath, consequence: tr("consequence.published"))
        }

        let villages = scenario.villages.sorted { $0.id < $1.id }
        let recordColumns = LedgerBook.recordColumns(for: scenario.rules.ledger)
        let pairs = scenario.rules.ledger?.mediationCommittee?.value ?? false
        var pending: [String] = []
        var mismatched: [String] = []
        var missing: [PublicationRules.Item: Int] = [:]
        let outputs = PublishedAdvisers(scenario: scenario, plan: plan)
        do {
            // One set: notices/, ledgers/ and cards/, swapped in together. notices/ and cards/ are
            // replaced whole (a board of a village no longer in the scenario, or the card of an
            // adviser no longer serving, would mislead); ledgers/ keeps every file this run does not
            // write again (a filled ledger of a village that left), and any file that is not a
            // board or card stays in notices/ and cards/.
            let set = try OutputSet(folder: outURL, name: "publish")
            let fileNames = OutputFileName.names(for: villages.map(\.id) + outputs.advisers.map(\.id))
            try set.addFolder("notices", owns: { $0.hasSuffix(".html") })
            try set.addFolder("ledgers", owns: { _ in false })
            try set.addFolder("cards", owns: { $0.hasSuffix(".html") })
            for village in villages {
                let assigned = plan[village.id]
                let board = NoticeBoard(
                    scenario: scenario, village: village, adviserID: assigned?.adviser, roster: sessions)
                if board.adviser == nil { pending.append(village.id) }
                for m in board.missing { missing[m.item, default: 0] += 1 }
                var ledger = LedgerBook(village: village.id, roster: sessions)
                if pairs, assigned != nil {
                    ledger.mediationCommittee = board.mediationCommittee ?? "\(village.name)人民调解委员会"
                }
                if let assigned, assigned.team == nil, !ledger.sessions.isEmpty,
                    !ledger.sessions.contains(where: { $0.adviser == assigned.adviser })
                {
                    mismatched.append(village.id)
                } else if assigned == nil, !ledger.sessions.isEmpty {
                    mismatched.append(village.id)
                }
                let name = fileNames[village.id]!
                try set.write(board.html(), to: "notices/\(name).html")
                try set.write(
                    ledger.csv(language: csvOutput.language, excel: csvOutput.excel, recordColumns: recordColumns),
                    to: "ledgers/\(name).csv")
            }
            // Each adviser's contact cards, and the adviser's own book where the profile has duties
            // that happen in no village (a training attended, a report submitted). Ids are unique
            // across a scenario's files, and the file names are made for villages and advisers
            // together, so an adviser's book never shares a village's name (not even by case).
            for adviser in outputs.advisers {
                let name = fileNames[adviser.id]!
                let card = ContactCard(scenario: scenario, adviser: adviser)
                for m in card.missing where !card.rules.boardShows(m.item) { missing[m.item, default: 0] += 1 }
                try set.write(card.html(), to: "cards/\(name).html")
                if outputs.ownBooks {
                    try set.write(
                        LedgerBook(adviser: adviser.id, roster: sessions).csv(
                            language: csvOutput.language, excel: csvOutput.excel),
                        to: "ledgers/\(name).csv")
                }
            }
            try set.commit()
        } catch {
            throw PlanningError.failure(
                tr("failure.writePublication", ["out": out, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
        return PublishOutcome(
            scenario: scenario, rosterPath: rosterPath, planPath: planPath, villages: villages.count,
            advisers: outputs.advisers.count, ownBooks: outputs.ownBooks, pending: pending,
            mismatched: mismatched, missing: missing)
    }

    /// `--roster`, else the roster `schedule` wrote into OUT or OUT/schedule.
    private static func locateRoster(_ request: PublishRequest) throws -> String {
        if let roster = request.roster {
            guard FileManager.default.fileExists(atPath: roster) else {
                throw PlanningError.invalidInput(tr("input.noRosterFile", ["path": roster]))
            }
            return roster
        }
        let out = request.out
        let candidates = [
            URL(fileURLWithPath: out).appendingPathComponent("roster.csv").path,
            URL(fileURLWithPath: out).appendingPathComponent("schedule").appendingPathComponent("roster.csv").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw PlanningError.invalidInput(
                tr(
                    "input.noRoster",
                    [
                        "candidates": candidates.joined(separator: tr("input.nor")), "directory": request.directory,
                        "out": out,
                    ]))
        }
        return found
    }
}

/// The advisers `publish` writes cards (and own books) for.
struct PublishedAdvisers {
    /// The advisers of the plan who may serve (a team's licensed members too), by id.
    var advisers: [Adviser]
    /// Whether the profile has duties that happen in no village, so each adviser gets a book of their own.
    var ownBooks: Bool

    init(scenario: Scenario, plan: [String: ServiceAssignment]) {
        var ids = Set(plan.values.map(\.adviser))
        let teams = Set(plan.values.compactMap(\.team))
        for m in scenario.teamMembers where teams.contains(m.team) { ids.insert(m.member) }
        let excluded = scenario.rules.assignment.excludedStatuses.value
        advisers = scenario.advisers.filter {
            ids.contains($0.id) && $0.role != .apprentice && !excluded.contains($0.status)
        }
        .sorted { $0.id < $1.id }
        ownBooks = (scenario.rules.duties?.duties ?? []).contains {
            LedgerRules.adviserActivities.contains($0.activity)
        }
    }
}
