import ArgumentParser
import CounselModel
import Foundation

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

    func validate() throws {
        if let year, !(2000...9999).contains(year) { throw ValidationError("--year must be a year, 2000 to 9999") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let search = RuleProfileLocator.defaultSearchPath()
        guard let url = RuleProfileLocator.locate(rules, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), searchPath: search) else {
            throw ValidationError("--rules \(rules): unknown rule profile")
        }
        let profile: RuleProfile
        do {
            profile = try RuleProfile.load(from: url)
        } catch {
            throw InputError(description: "\(url.path): the rule profile cannot be read: \(error)")
        }
        let name = rules.contains("/") ? url.standardizedFileURL.path : rules
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        let files = try ScenarioTemplate.files(profile: profile, profileName: name, workbook: xlsx, year: year ?? thisYear)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw InputError(description: "\(directory): exists and is not a folder; nothing was written") }
            let present = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            if !present.isEmpty {
                throw InputError(description: "\(directory): the folder is not empty (\(present.sorted().prefix(5).joined(separator: ", "))"
                    + (present.count > 5 ? ", …" : "") + "); init writes only into a new or empty folder, so nothing was written")
            }
        }
        do {
            for file in files { try AtomicFile.write(file.data, to: folder.appendingPathComponent(file.name)) }
        } catch {
            throw RunFailure(message: "cannot write the template to \(directory): \(error)")
        }
        print("wrote \(directory): " + files.map(\.name).joined(separator: ", "))
        print("fill in the tables (the example rows are to be replaced), then: village-counsel validate \(directory)")
    }
}
