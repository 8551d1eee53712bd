import ArgumentParser
import CounselModel
import Foundation
import Planning
import Reports

/// `village-counsel compare OUT_A OUT_B [OUT_C …] [--format table|markdown|csv|json]`: result
/// folders side by side, each later one's difference against the first.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: tr("help.compare.abstract"),
        discussion: tr("help.compare.discussion"))

    /// Output format of `compare`.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, markdown, csv, json
        var reports: Comparison.Format { Comparison.Format(rawValue: rawValue)! }
    }

    @Argument(
        help: ArgumentHelp(
            tr("help.compare.folders"),
            valueName: "OUT"))
    var folders: [String]

    @Option(name: .long, help: ArgumentHelp(tr("help.compare.format")))
    var format: Format = .table

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if folders.count < 2 { throw ValidationError(tr("compare.twoFolders", ["count": folders.count])) }
    }

    func run() throws {
        print(try Planning.compare(folders, format: format.reports))
    }
}
