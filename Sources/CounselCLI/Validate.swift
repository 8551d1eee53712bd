import ArgumentParser
import CounselModel
import Foundation
import Planning

/// `village-counsel validate DIR`: checks a scenario and lists every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("help.validate.abstract"),
        discussion: tr("help.validate.discussion"))

    @Argument(help: ArgumentHelp(tr("help.common.directory")))
    var directory: String

    @OptionGroup var language: LanguageOption

    func run() throws {
        let outcome = try Planning.validate(directory)
        let scenario = outcome.scenario
        for w in outcome.warnings { print(w) }
        print(
            tr(
                "validate.ok",
                [
                    "directory": directory, "villages": scenario.villages.count, "advisers": scenario.advisers.count,
                    "counties": scenario.counties.count, "rules": scenario.rules.id,
                ]))
    }
}
