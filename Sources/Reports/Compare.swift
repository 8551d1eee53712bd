import CounselModel
import Foundation
import Scheduling

// `village-counsel compare OUT_A OUT_B …`: the figures of result folders side by side. This file
// reads one folder's figures; CompareTable.swift lays them out.

/// The figures of one result folder, as `compare` shows them.
///
/// The plan's own figures (coverage, load, distance, ranks, support, incumbents) are computed from
/// `assignment.csv`, which is the plan; `status`, `objective`, `gap`, `rules`, the scenario name,
/// county names and `blocking_pairs` come from `summary.json`; on-site hours and compliance
/// shortfalls from `roster.csv` and `compliance.csv` when `schedule` wrote them (into the folder
/// itself or into its `schedule/` subfolder); the overrides from `overrides.json` when present.
public struct ComparedResult: Sendable, Equatable {
    /// The folder as given on the command line.
    public var path: String
    /// The folder's own name (its last path component).
    public var folderName: String
    /// `scenario` in `summary.json`.
    public var scenarioName: String?
    /// `rules` in `summary.json` (the profile id).
    public var rules: String?
    /// The overrides `assign` applied (`overrides.json`), as `KEY=VALUE`.
    public var overrides: [String]
    /// Villages in the plan (rows of `assignment.csv`).
    public var villages: Int
    /// Villages with an adviser.
    public var covered: Int
    /// Uncovered villages per county id (every county of the plan, 0 included).
    public var uncoveredByCounty: [String: Int]
    /// County names from `summary.json`, by id.
    public var countyNames: [String: String]
    /// Advisers with at least one village.
    public var advisersUsed: Int
    /// Mean villages per adviser used (`nil` when none is used).
    public var loadMean: Double?
    /// Most villages of one adviser.
    public var loadMax: Int
    /// Mean km over covered villages (`nil` when none is covered).
    public var distanceMeanKm: Double?
    /// Most km over covered villages.
    public var distanceMaxKm: Double?
    /// Covered villages that got their first choice, over covered villages.
    public var villageFirstChoiceShare: Double?
    /// Mean rank villages gave their adviser, over the pairs they ranked.
    public var villageMeanRank: Double?
    /// Covered villages that were their adviser's first choice, over covered villages.
    public var adviserFirstChoiceShare: Double?
    /// Mean rank advisers gave their villages, over the pairs they ranked.
    public var adviserMeanRank: Double?
    /// `blocking_pairs` in `summary.json`, when the summary has it.
    public var blockingPairs: Int?
    /// Villages served from another county (`support` = yes).
    public var supportMoves: Int
    /// Villages keeping their incumbent (`incumbent` = kept).
    public var incumbentsKept: Int
    /// Hours of on-site sessions in `roster.csv`, when present.
    public var onsiteHours: Double?
    /// Rows with `ok` = no in `compliance.csv`, when present.
    public var complianceShortfalls: Int?
    /// `objective` in `summary.json`.
    public var objective: Double?
    /// `status` in `summary.json`.
    public var status: String?
    /// `gap` in `summary.json` (relative; `nil` when the summary has none).
    public var gap: Double?

    /// Makes figures from parts (tests).
    public init(
        path: String, folderName: String? = nil, scenarioName: String? = nil, rules: String? = nil,
        overrides: [String] = [], villages: Int = 0, covered: Int = 0, uncoveredByCounty: [String: Int] = [:],
        countyNames: [String: String] = [:], advisersUsed: Int = 0, loadMean: Double? = nil, loadMax: Int = 0,
        distanceMeanKm: Double? = nil, distanceMaxKm: Double? = nil, villageFirstChoiceShare: Double? = nil,
        villageMeanRank: Double? = nil, adviserFirstChoiceShare: Double? = nil, adviserMeanRank: Double? = nil,
        blockingPairs: Int? = nil, supportMoves: Int = 0, incumbentsKept: Int = 0, onsiteHours: Double? = nil,
        complianceShortfalls: Int? = nil, objective: Double? = nil, status: String? = nil, gap: Double? = nil
    ) {
        self.path = path
        self.folderName = folderName ?? URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        self.scenarioName = scenarioName
        self.rules = rules
        self.overrides = overrides
        self.villages = villages
        self.covered = covered
        self.uncoveredByCounty = uncoveredByCounty
        self.countyNames = countyNames
        self.advisersUsed = advisersUsed
        self.loadMean = loadMean
        self.loadMax = loadMax
        self.distanceMeanKm = distanceMeanKm
        self.distanceMaxKm = distanceMaxKm
        self.villageFirstChoiceShare = villageFirstChoiceShare
        self.villageMeanRank = villageMeanRank
        self.adviserFirstChoiceShare = adviserFirstChoiceShare
        self.adviserMeanRank = adviserMeanRank
        self.blockingPairs = blockingPairs
        self.supportMoves = supportMoves
        self.incumbentsKept = incumbentsKept
        self.onsiteHours = onsiteHours
        self.complianceShortfalls = complianceShortfalls
        self.objective = objective
        self.status = status
        self.gap = gap
    }
}

extension ComparedResult {
    /// The columns `compare` needs in `assignment.csv`.
    public static let assignmentColumns = [
        "village_id", "county", "adviser_id", "distance_km", "village_rank",
        "adviser_rank", "incumbent", "support",
    ]

    /// Reads every folder, listing the problems of all of them at once.
    ///
    /// - Throws: ``ScenarioError`` (in the folders' order) when a folder is missing, or lacks or cannot read `summary.json`
    ///   or `assignment.csv`, or has a `roster.csv`, `compliance.csv` or `overrides.json` it cannot read.
    public static func read(_ paths: [String]) throws -> [ComparedResult] {
        var results: [ComparedResult] = []
        var problems: [Diagnostic] = []
        for path in paths {
            do { results.append(try read(path)) } catch let e as ScenarioError { problems += e.diagnostics }
        }
        if !problems.isEmpty { throw ScenarioError(problems, keepingOrder: true) }
        return results
    }

    /// Reads one result folder.
    ///
    /// - Throws: ``ScenarioError`` listing what is missing or unreadable.
    public static func read(_ path: String) throws -> ComparedResult {
        let folder = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ScenarioError([Diagnostic(file: path, tr("compare.noFolder", ["path": path]))])
        }
        var problems: [Diagnostic] = []
        var result = ComparedResult(path: path)

        // summary.json
        let summaryURL = folder.appendingPathComponent("summary.json")
        if !FileManager.default.fileExists(atPath: summaryURL.path) {
            problems.append(Diagnostic(file: path, tr("compare.noSummary", ["path": path])))
        } else if let data = try? Data(contentsOf: summaryURL),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            result.readSummary(object)
        } else {
            problems.append(Diagnostic(file: "\(path)/summary.json", tr("compare.badSummary")))
        }

        // assignment.csv
        let assignmentURL = folder.appendingPathComponent("assignment.csv")
        if !FileManager.default.fileExists(atPath: assignmentURL.path) {
            problems.append(Diagnostic(file: path, tr("compare.noAssignment", ["path": path])))
        } else {
            do {
                try result.readAssignment(
                    try AssignmentTable.read(
                        assignmentURL, displayName: "\(path)/assignment.csv",
                        required: Self.assignmentColumns))
            } catch let e as ScenarioError {
                problems += e.diagnostics
            } catch let d as Diagnostic {
                problems.append(d)
            } catch {
                problems.append(
                    Diagnostic(
                        file: "\(path)/assignment.csv",
                        tr("compare.cannotRead", ["error": SystemErrorText.text(error, english: "\(error)")])))
            }
        }

        // roster.csv and compliance.csv, from `schedule`, in the folder or in schedule/.
        if let url = Self.optionalFile("roster.csv", in: folder) {
            do { result.onsiteHours = try Self.onsiteHours(url, displayName: Self.display(url, path)) } catch let e
                as ScenarioError
            { problems += e.diagnostics } catch let d as Diagnostic { problems.append(d) } catch {
                problems.append(
                    Diagnostic(
                        file: Self.display(url, path),
                        tr("compare.cannotRead", ["error": SystemErrorText.text(error, english: "\(error)")])))
            }
        }
        if let url = Self.optionalFile("compliance.csv", in: folder) {
            do {
                result.complianceShortfalls = try Self.shortfalls(url, displayName: Self.display(url, path))
            } catch let e as ScenarioError { problems += e.diagnostics } catch let d as Diagnostic {
                problems.append(d)
            } catch {
                problems.append(
                    Diagnostic(
                        file: Self.display(url, path),
                        tr("compare.cannotRead", ["error": SystemErrorText.text(error, english: "\(error)")])))
            }
        }

        // overrides.json, from `assign --set/--overlay`.
        let overridesURL = folder.appendingPathComponent("overrides.json")
        if FileManager.default.fileExists(atPath: overridesURL.path) {
            if let data = try? Data(contentsOf: overridesURL),
                let file = try? JSONDecoder().decode(OverridesFile.self, from: data)
            {
                result.overrides = file.overrides.map { "\($0.key)=\($0.value.text)" }
            } else {
                problems.append(Diagnostic(file: "\(path)/overrides.json", tr("compare.badOverrides")))
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems, keepingOrder: true) }
        return result
    }

    /// `FILE` in the folder, else in `schedule/`, if either exists.
    static func optionalFile(_ name: String, in folder: URL) -> URL? {
        for url in [
            folder.appendingPathComponent(name), folder.appendingPathComponent("schedule").appendingPathComponent(name),
        ]
        where FileManager.default.fileExists(atPath: url.path) { return url }
        return nil
    }

    static func display(_ url: URL, _ path: String) -> String {
        url.deletingLastPathComponent().lastPathComponent == "schedule"
            ? "\(path)/schedule/\(url.lastPathComponent)" : "\(path)/\(url.lastPathComponent)"
    }

    /// `overrides.json` as `assign` writes it (only the keys `compare` shows).
    struct OverridesFile: Decodable {
        struct Entry: Decodable {
            var key: String
            var value: Scalar
        }
        /// A JSON scalar, shown as written.
        struct Scalar: Decodable {
            var text: String
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let b = try? c.decode(Bool.self) {
                    text = b ? "true" : "false"
                } else if let i = try? c.decode(Int.self) {
                    text = String(i)
                } else if let d = try? c.decode(Double.self) {
                    text = String(d)
                } else {
                    text = try c.decode(String.self)
                }
            }
        }
        var overrides: [Entry]
    }

    mutating func readSummary(_ s: [String: Any]) {
        scenarioName = s["scenario"] as? String
        rules = s["rules"] as? String
        status = s["status"] as? String
        objective = (s["objective"] as? NSNumber)?.doubleValue
        gap = (s["gap"] as? NSNumber)?.doubleValue
        switch s["blocking_pairs"] {
        case let n as NSNumber: blockingPairs = n.intValue
        case let list as [Any]: blockingPairs = list.count
        case let object as [String: Any]: blockingPairs = (object["count"] as? NSNumber)?.intValue
        default: blockingPairs = nil
        }
        for c in s["counties"] as? [[String: Any]] ?? [] {
            if let id = c["id"] as? String, let name = c["name"] as? String, name != id { countyNames[id] = name }
        }
    }

    mutating func readAssignment(_ contents: AssignmentTable.Contents) throws {
        var problems = contents.diagnostics
        var perAdviser: [String: Int] = [:]
        var distances: [Double] = []
        var villageRanks: [Int] = [], adviserRanks: [Int] = []
        villages = 0
        covered = 0
        supportMoves = 0
        incumbentsKept = 0
        uncoveredByCounty = [:]
        let file = contents.file.file
        for read in contents.rows {
            let r = read.row
            villages += 1
            uncoveredByCounty[r.county, default: 0] += 0
            if r.incumbent == .kept { incumbentsKept += 1 }
            guard !r.adviserID.isEmpty else {
                uncoveredByCounty[r.county, default: 0] += 1
                continue
            }
            covered += 1
            perAdviser[r.adviserID, default: 0] += 1
            if r.support { supportMoves += 1 }
            let km = read.record["distance_km"]!
            if let d = Double(km.text), d.isFinite {
                distances.append(d)
            } else {
                problems.append(
                    Diagnostic(file: file, line: km.line, column: km.column, tr("compare.distance", ["raw": km.text])))
            }
            for (name, into) in [("village_rank", 0), ("adviser_rank", 1)] {
                let f = read.record[name]!
                guard !f.text.isEmpty else { continue }
                guard let rank = Int(f.text), rank >= 1 else {
                    problems.append(
                        Diagnostic(
                            file: file, line: f.line, column: f.column,
                            tr("compare.rank", ["name": name, "raw": f.text])))
                    continue
                }
                if into == 0 { villageRanks.append(rank) } else { adviserRanks.append(rank) }
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        advisersUsed = perAdviser.count
        loadMax = perAdviser.values.max() ?? 0
        loadMean = advisersUsed == 0 ? nil : Double(covered) / Double(advisersUsed)
        distanceMeanKm = distances.isEmpty ? nil : distances.reduce(0, +) / Double(distances.count)
        distanceMaxKm = distances.max()
        func share(_ ranks: [Int]) -> Double? {
            covered == 0 ? nil : Double(ranks.filter { $0 == 1 }.count) / Double(covered)
        }
        func mean(_ ranks: [Int]) -> Double? { ranks.isEmpty ? nil : Double(ranks.reduce(0, +)) / Double(ranks.count) }
        villageFirstChoiceShare = share(villageRanks)
        villageMeanRank = mean(villageRanks)
        adviserFirstChoiceShare = share(adviserRanks)
        adviserMeanRank = mean(adviserRanks)
    }

    /// Hours of the roster's on-site sessions (end − start), read as every roster is (``Roster``).
    static func onsiteHours(_ url: URL, displayName: String) throws -> Double {
        let roster = try Roster.load(from: url, displayName: displayName)
        let minutes = roster.sessions.filter { $0.mode == .onsite }.map { $0.end - $0.start }.reduce(0, +)
        return Double(minutes) / 60
    }

    /// Rows with `ok` = no.
    static func shortfalls(_ url: URL, displayName: String) throws -> Int {
        let contents = try CSVFormat.compliance.read(url, displayName: displayName, required: ["ok"])
        if !contents.diagnostics.isEmpty { throw ScenarioError(contents.diagnostics) }
        return contents.records.filter { $0.text("ok") == "no" }.count
    }
}
