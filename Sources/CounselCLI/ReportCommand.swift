import ArgumentParser
import CounselModel
import Foundation
import Planning

/// `village-counsel report OUT [--scenario DIR]`: one self-contained HTML page for a bureau meeting.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: tr("help.report.abstract"),
        discussion: tr("help.report.discussion"))

    @Argument(help: ArgumentHelp(tr("help.report.out")))
    var out: String

    @Option(name: .long, help: ArgumentHelp(tr("help.report.scenario")))
    var scenario: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let target = try Planning.report(ReportRequest(out: out, scenario: scenario), observer: .commandLine())
        print(tr("check.wrote", ["out": target.path]))
    }
}
