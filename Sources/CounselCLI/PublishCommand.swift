import ArgumentParser
import CounselModel
import Foundation
import Planning
import Reports

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
        let o = try Planning.publish(PublishRequest(directory: directory, out: out, roster: roster, csv: csvOutput.settings), observer: .commandLine())
        if !o.mismatched.isEmpty {
            let list = o.mismatched.prefix(10).joined(separator: ", ") + (o.mismatched.count > 10 ? " …" : "")
            FileHandle.standardError.write(Data(("warning: \(o.mismatched.count) village(s) have roster sessions by another adviser than "
                + "\(o.planPath) assigns (\(list)); is \(o.rosterPath) the roster of this plan?\n").utf8))
        }
        var lines = ["\(o.scenario.name): \(o.villages) notice board(s) and ledger(s) from \(o.rosterPath), "
            + "\(o.advisers) adviser(s)' contact cards (\(ContactCard.perSheet) to an A4 sheet)"]
        if !o.pending.isEmpty {
            lines.append("\(o.pending.count) village(s) without an adviser get a board saying the adviser is being arranged (待安排): "
                + o.pending.prefix(10).joined(separator: ", ") + (o.pending.count > 10 ? " …" : ""))
        }
        if !o.missing.isEmpty {
            let items = PublicationRules.Item.allCases.compactMap { item in o.missing[item].map { "\(item.rawValue) (\($0))" } }
            lines.append("note: the profile's boards or cards show items the scenario has no data for, so they are left out: "
                + items.joined(separator: ", ") + "; `village-counsel validate \(directory)` lists where")
        }
        lines.append("wrote \(out)/notices/VILLAGE_ID.html, \(out)/ledgers/VILLAGE_ID.csv"
            + (o.ownBooks ? ", \(out)/ledgers/ADVISER_ID.csv (the adviser's own training and reports)" : "")
            + " and \(out)/cards/ADVISER_ID.html")
        if !quiet { print(lines.joined(separator: "\n")) }
    }
}

/// How CSV outputs are written for people who open them in Excel: `--excel` (a UTF-8 byte order
/// mark) and `--lang` (the header's language). Any command can take them with
/// `@OptionGroup var csvOutput: CSVOutputOptions` and write with ``encode(_:_:)``.
struct CSVOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Start CSV files with a UTF-8 byte order mark, so that Excel opens them as UTF-8.")
    var excel = false

    @Option(name: .long, help: ArgumentHelp(tr("help.lang.csv")))
    var lang: CSVHeaders.Language = .en

    /// The CSV settings these options give.
    var settings: CSVOutput { CSVOutput(language: lang, excel: excel) }
}

extension CSVHeaders.Language: ExpressibleByArgument {}

/// `--xlsx`: a workbook beside the CSV files (assign, rebalance, schedule, check, assess).
struct WorkbookOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Also write the outputs as one Excel workbook (plan.xlsx, roster.xlsx, compliance.xlsx, assessment.xlsx): a sheet per output and one per county.")
    var xlsx = false
}
