import ArgumentParser
import CounselModel
import Foundation
import Reports
import Scheduling

/// `village-counsel publish DIR --out OUT [--roster FILE] [--excel] [--lang zh|en]`: each village's
/// notice board (公示牌) and ledger book (台账), and each adviser's contact cards (便民联系卡), from a
/// plan and its roster.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write each village's notice board (公示牌, printable A4 HTML) and ledger book (台账, CSV), and each adviser's contact cards (便民联系卡).",
        discussion: """
            Reads OUT/assignment.csv (from `assign`) and the roster (--roster, else OUT/roster.csv, else \
            OUT/schedule/roster.csv, from `schedule`), and writes OUT/notices/VILLAGE_ID.html, the notice board \
            of each village in Chinese, showing what the rule profile's `publication` section asks for and the \
            scenario has data for (adviser, firm, phone, WeChat ID with its QR code, e-mail, photo, service content, \
            the dated times, the supervising office with its phone and e-mail, the complaint e-mail, the hotline); \
            OUT/cards/ADVISER_ID.html, an A4 sheet of the adviser's contact cards; and OUT/ledgers/VILLAGE_ID.csv, \
            the village's ledger pre-filled with its planned sessions in the roster's columns plus the blank columns \
            person_served,content,result,requested_on,signature (and the profile's further ones), with \
            OUT/ledgers/ADVISER_ID.csv for the adviser's own training and reports where the profile has such duties. \
            A filled ledger goes back into `village-counsel check DIR --ledger OUT/ledgers`. Mediation entries of a \
            roster are never published (Jiaocheng 004 §二(四)). \
            Exit status 0 when written, 1 for invalid input, 2 for usage errors, 4 when a file cannot be written.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, help: "The folder holding assignment.csv from `assign`; notices/, ledgers/ and cards/ are written into it.")
    var out: String

    @Option(name: .long, help: "The roster (default: OUT/roster.csv, else OUT/schedule/roster.csv).")
    var roster: String?

    @OptionGroup var csvOutput: CSVOutputOptions

    @Flag(name: .long, help: "Print nothing on success (for scripts).")
    var quiet = false

    func run() throws {
        let scenario = try loadScenario(directory)
        let outURL = URL(fileURLWithPath: out)
        let planPath = outURL.appendingPathComponent("assignment.csv").path
        guard FileManager.default.fileExists(atPath: planPath) else {
            throw InputError(description: "\(planPath): not found; run `village-counsel assign \(directory) --out \(out)` first")
        }
        let plan = try AssignmentPlanFile.load(planPath, scenario: scenario)
        let rosterPath = try locateRoster()
        let sessions: Roster
        do {
            sessions = try LedgerAudit.loadLedger(from: URL(fileURLWithPath: rosterPath), displayName: rosterPath, scenario: scenario).roster
        } catch let error as ScenarioError {
            throw InputError(description: error.diagnostics.map(\.description).joined(separator: "\n")
                + "\n\(error.diagnostics.count) problem\(error.diagnostics.count == 1 ? "" : "s") found in \(rosterPath); nothing was published")
        }

        let villages = scenario.villages.sorted { $0.id < $1.id }
        let recordColumns = Ledger.recordColumns(for: scenario.rules.ledger)
        let pairs = scenario.rules.ledger?.mediationCommittee?.value ?? false
        var pending: [String] = []
        var mismatched: [String] = []
        var missing: [PublicationRules.Item: Int] = [:]
        let outputs = Outputs(scenario: scenario, plan: plan)
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
                let board = NoticeBoard(scenario: scenario, village: village, adviserID: assigned?.adviser, roster: sessions)
                if board.adviser == nil { pending.append(village.id) }
                for m in board.missing { missing[m.item, default: 0] += 1 }
                var ledger = Ledger(village: village.id, roster: sessions)
                if pairs, assigned != nil { ledger.mediationCommittee = board.mediationCommittee ?? "\(village.name)人民调解委员会" }
                if let assigned, assigned.team == nil, !ledger.sessions.isEmpty,
                   !ledger.sessions.contains(where: { $0.adviser == assigned.adviser }) {
                    mismatched.append(village.id)
                } else if assigned == nil, !ledger.sessions.isEmpty {
                    mismatched.append(village.id)
                }
                let name = fileNames[village.id]!
                try set.write(board.html(), to: "notices/\(name).html")
                try set.write(ledger.csv(language: csvOutput.lang, excel: csvOutput.excel, recordColumns: recordColumns),
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
                    try set.write(Ledger(adviser: adviser.id, roster: sessions).csv(language: csvOutput.lang, excel: csvOutput.excel),
                                  to: "ledgers/\(name).csv")
                }
            }
            try set.commit()
        } catch {
            throw RunFailure(message: "cannot write the notice boards, ledgers and cards to \(out): \(error)")
        }
        if !mismatched.isEmpty {
            let list = mismatched.prefix(10).joined(separator: ", ") + (mismatched.count > 10 ? " …" : "")
            FileHandle.standardError.write(Data(("warning: \(mismatched.count) village(s) have roster sessions by another adviser than "
                + "\(planPath) assigns (\(list)); is \(rosterPath) the roster of this plan?\n").utf8))
        }
        var lines = ["\(scenario.name): \(villages.count) notice board(s) and ledger(s) from \(rosterPath), "
            + "\(outputs.advisers.count) adviser(s)' contact cards (\(ContactCard.perSheet) to an A4 sheet)"]
        if !pending.isEmpty {
            lines.append("\(pending.count) village(s) without an adviser get a board saying the adviser is being arranged (待安排): "
                + pending.prefix(10).joined(separator: ", ") + (pending.count > 10 ? " …" : ""))
        }
        if !missing.isEmpty {
            let items = PublicationRules.Item.allCases.compactMap { item in missing[item].map { "\(item.rawValue) (\($0))" } }
            lines.append("note: the profile's boards or cards show items the scenario has no data for, so they are left out: "
                + items.joined(separator: ", ") + "; `village-counsel validate \(directory)` lists where")
        }
        lines.append("wrote \(out)/notices/VILLAGE_ID.html, \(out)/ledgers/VILLAGE_ID.csv"
            + (outputs.ownBooks ? ", \(out)/ledgers/ADVISER_ID.csv (the adviser's own training and reports)" : "")
            + " and \(out)/cards/ADVISER_ID.html")
        if !quiet { print(lines.joined(separator: "\n")) }
    }

    /// What publish writes per adviser.
    struct Outputs {
        /// The advisers of the plan who may serve (a team's licensed members too), by id.
        var advisers: [Adviser]
        /// Whether the profile has duties that happen in no village, so each adviser gets a book of their own.
        var ownBooks: Bool

        init(scenario: Scenario, plan: [String: ServiceAssignment]) {
            var ids = Set(plan.values.map(\.adviser))
            let teams = Set(plan.values.compactMap(\.team))
            for m in scenario.teamMembers where teams.contains(m.team) { ids.insert(m.member) }
            let excluded = scenario.rules.assignment.excludedStatuses.value
            advisers = scenario.advisers.filter { ids.contains($0.id) && $0.role != .apprentice && !excluded.contains($0.status) }
                .sorted { $0.id < $1.id }
            ownBooks = (scenario.rules.duties?.duties ?? []).contains { LedgerRules.adviserActivities.contains($0.activity) }
        }
    }

    /// `--roster`, else the roster `schedule` wrote into OUT or OUT/schedule.
    private func locateRoster() throws -> String {
        if let roster {
            guard FileManager.default.fileExists(atPath: roster) else { throw InputError(description: "\(roster): no such roster file") }
            return roster
        }
        let candidates = [URL(fileURLWithPath: out).appendingPathComponent("roster.csv").path,
                          URL(fileURLWithPath: out).appendingPathComponent("schedule").appendingPathComponent("roster.csv").path]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw InputError(description: "no roster: neither \(candidates.joined(separator: " nor ")) exists; run "
                + "`village-counsel schedule \(directory) --assignment \(out)/assignment.csv --out \(out)` first, or give --roster FILE")
        }
        return found
    }

}

/// How CSV outputs are written for people who open them in Excel: `--excel` (a UTF-8 byte order
/// mark) and `--lang` (the header's language). Any command can take them with
/// `@OptionGroup var csvOutput: CSVOutputOptions` and write with ``encode(_:_:)``.
struct CSVOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Start CSV files with a UTF-8 byte order mark, so that Excel opens them as UTF-8.")
    var excel = false

    @Option(name: .long, help: "Language of the CSV header rows: en (default, what the tools read) or zh (中文表头; read back as well).")
    var lang: CSVHeaders.Language = .en

    /// CSV text (English header) as written under these options, for the file of `table`.
    func encode(_ text: String, _ table: CSVHeaders.Table) -> Data {
        CSVHeaders.localize(text, table: table, language: lang, excel: excel)
    }
}

extension CSVHeaders.Language: ExpressibleByArgument {}

/// `--xlsx`: a workbook beside the CSV files (assign, rebalance, schedule, check, assess).
struct WorkbookOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Also write the outputs as one Excel workbook (plan.xlsx, roster.xlsx, compliance.xlsx, assessment.xlsx): a sheet per output and one per county.")
    var xlsx = false
}
