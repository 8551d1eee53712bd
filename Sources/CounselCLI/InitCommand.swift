import ArgumentParser
import Foundation
import Planning

/// `village-counsel init DIR --rules PROFILE [--xlsx]`: an empty scenario to fill in.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write an empty scenario to fill in: every table with Chinese and English headers and one example row, and an explanation of every column.",
        discussion: """
            Writes DIR/scenario.yaml and either the CSV files (villages.csv, advisers.csv, …) with \
            DIR/README.md, or with --xlsx one DIR/scenario.xlsx whose README sheet explains every \
            column and what the profile requires. DIR must be new or empty: nothing is overwritten. \
            Exit status 0 when written, 1 when DIR already holds files, 2 for an unknown profile.
            """)

    @Argument(help: "The folder to create (new or empty).")
    var directory: String

    @Option(name: .long, help: "The rule profile (a name in Models/rules/, e.g. nanning, guangdong, or a path to a .yaml file).")
    var rules: String

    @Flag(name: .long, help: "One workbook, scenario.xlsx, instead of the CSV files.")
    var xlsx = false

    @Option(name: .long, help: "The planning year for scenario.yaml (default: this year).")
    var year: Int?

    @OptionGroup var language: LanguageOption

    func validate() throws { try validating { try InitRequest(directory: directory, rules: rules, year: year).validate() } }

    func run() throws {
        let files = try Planning.initialize(InitRequest(directory: directory, rules: rules, xlsx: xlsx, year: year))
        print("wrote \(directory): " + files.joined(separator: ", "))
        print("fill in the tables (the example rows are to be replaced), then: village-counsel validate \(directory)")
    }
}
