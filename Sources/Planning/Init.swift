import CounselModel
import Foundation

/// `init`: an empty scenario to fill in.
public struct InitRequest: Sendable {
    /// The folder to create (new or empty).
    public var directory: String
    /// The rule profile: a name in Models/rules/ or a path to a .yaml file.
    public var rules: String
    /// One workbook, scenario.xlsx, instead of the CSV files.
    public var xlsx: Bool
    /// The planning year (default: this year).
    public var year: Int?

    /// A request from its parts.
    public init(directory: String, rules: String, xlsx: Bool = false, year: Int? = nil) {
        self.directory = directory
        self.rules = rules
        self.xlsx = xlsx
        self.year = year
    }

    /// The usage errors of this request (exit 2).
    public func validate() throws {
        if let year, !(2000...9999).contains(year) { throw PlanningError.usage(tr("usage.year")) }
    }
}

extension Planning {
    /// Writes the template's files into the new or empty folder; returns their names.
    ///
    /// - Throws: ``PlanningError``: usage (2) for an unknown profile, invalid input (1) when the
    ///   folder holds files, failure (4) when a file cannot be written.
    public static func initialize(_ request: InitRequest) throws -> [String] {
        let directory = request.directory, rules = request.rules
        let folder = URL(fileURLWithPath: directory)
        let search = RuleProfileLocator.defaultSearchPath()
        guard
            let url = RuleProfileLocator.locate(
                rules, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), searchPath: search)
        else {
            throw PlanningError.usage(tr("usage.rules", ["rules": rules]))
        }
        let profile: RuleProfile
        do {
            profile = try RuleProfile.load(from: url)
        } catch {
            throw PlanningError.invalidInput(tr("input.profileUnreadable", ["path": url.path, "error": error]))
        }
        let name = rules.contains("/") ? url.standardizedFileURL.path : rules
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        let files = try ScenarioTemplate.files(
            profile: profile, profileName: name, workbook: request.xlsx, year: request.year ?? thisYear)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw PlanningError.invalidInput(tr("input.notAFolder", ["path": directory]))
            }
            let present = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
                !$0.hasPrefix(".")
            }
            if !present.isEmpty {
                throw PlanningError.invalidInput(
                    tr(
                        "input.folderNotEmpty",
                        [
                            "path": directory,
                            "present": present.sorted().prefix(5).joined(separator: ", ")
                                + (present.count > 5 ? ", …" : ""),
                        ]))
            }
        }
        do {
            for file in files { try AtomicFile.write(file.data, to: folder.appendingPathComponent(file.name)) }
        } catch {
            throw PlanningError.failure(
                tr(
                    "failure.writeTemplate",
                    ["path": directory, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
        return files.map(\.name)
    }
}
