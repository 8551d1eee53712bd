import ArgumentParser
import CounselModel
import Foundation
import Planning

/// `village-counsel init DIR --rules PROFILE [--xlsx]`: an empty scenario to fill in.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: tr("help.init.abstract"),
        discussion: tr("help.init.discussion"))

    @Argument(help: ArgumentHelp(tr("help.init.directory")))
    var directory: String

    @Option(name: .long, help: ArgumentHelp(tr("help.init.rules")))
    var rules: String

    @Flag(name: .long, help: ArgumentHelp(tr("help.init.xlsx")))
    var xlsx = false

    @Option(name: .long, help: ArgumentHelp(tr("help.init.year")))
    var year: Int?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        try validating { try InitRequest(directory: directory, rules: rules, year: year).validate() }
    }

    func run() throws {
        let files = try Planning.initialize(InitRequest(directory: directory, rules: rules, xlsx: xlsx, year: year))
        print(tr("init.wrote", ["directory": directory, "files": files.joined(separator: ", ")]))
        print(tr("init.next", ["directory": directory]))
    }
}
