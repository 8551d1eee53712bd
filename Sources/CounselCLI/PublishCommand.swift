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
        abstract: tr("help.publish.abstract"),
        discussion: tr("help.publish.discussion"))

    @Argument(help: ArgumentHelp(tr("help.common.directory")))
    var directory: String

    @Option(name: .long, help: ArgumentHelp(tr("help.publish.out")))
    var out: String

    @Option(name: .long, help: ArgumentHelp(tr("help.publish.roster")))
    var roster: String?

    @OptionGroup var csvOutput: CSVOutputOptions

    @Flag(name: .long, help: ArgumentHelp(tr("help.common.quiet")))
    var quiet = false

    func run() throws {
        let o = try Planning.publish(
            PublishRequest(directory: directory, out: out, roster: roster, csv: csvOutput.settings),
            observer: .commandLine())
        if !o.mismatched.isEmpty {
            let list = o.mismatched.prefix(10).joined(separator: ", ") + (o.mismatched.count > 10 ? " …" : "")
            FileHandle.standardError.write(
                Data(
                    (tr("severity.warning")
                        + tr(
                            "publish.mismatched",
                            [
                                "count": o.mismatched.count, "plan": o.planPath,
                                "list": list, "roster": o.rosterPath,
                            ]) + "\n").utf8))
        }
        var lines = [
            tr(
                "publish.head",
                [
                    "scenario": o.scenario.name, "villages": o.villages, "roster": o.rosterPath, "advisers": o.advisers,
                    "perSheet": ContactCard.perSheet,
                ])
        ]
        if !o.pending.isEmpty {
            lines.append(
                tr("publish.pending", ["count": o.pending.count]) + o.pending.prefix(10).joined(separator: ", ")
                    + (o.pending.count > 10 ? " …" : ""))
        }
        if !o.missing.isEmpty {
            let items = PublicationRules.Item.allCases.compactMap { item in
                o.missing[item].map { "\(item.rawValue) (\($0))" }
            }
            lines.append(
                tr("severity.note")
                    + tr("publish.missing", ["items": items.joined(separator: ", "), "directory": directory]))
        }
        lines.append(
            tr("publish.wrote", ["out": out]) + (o.ownBooks ? tr("publish.ownBooks", ["out": out]) : "")
                + tr("publish.cards", ["out": out]))
        if !quiet { print(lines.joined(separator: "\n")) }
    }
}

/// How CSV outputs are written for people who open them in Excel: `--excel` (a UTF-8 byte order
/// mark) and `--lang` (the header's language). Any command can take them with
/// `@OptionGroup var csvOutput: CSVOutputOptions` and write with ``encode(_:_:)``.
struct CSVOutputOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(tr("help.publish.excel")))
    var excel = false

    @Option(name: .long, help: ArgumentHelp(tr("help.lang.csv")))
    var lang: CSVHeaders.Language = .en

    /// The CSV settings these options give.
    var settings: CSVOutput { CSVOutput(language: lang, excel: excel) }
}

extension CSVHeaders.Language: ExpressibleByArgument {}

/// `--xlsx`: a workbook beside the CSV files (assign, rebalance, schedule, check, assess).
struct WorkbookOutputOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(tr("help.publish.xlsx")))
    var xlsx = false
}
