import CounselModel
import Foundation

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
    public init(path: String, folderName: String? = nil, scenarioName: String? = nil, rules: String? = nil,
                overrides: [String] = [], villages: Int = 0, covered: Int = 0, uncoveredByCounty: [String: Int] = [:],
                countyNames: [String: String] = [:], advisersUsed: Int = 0, loadMean: Double? = nil, loadMax: Int = 0,
                distanceMeanKm: Double? = nil, distanceMaxKm: Double? = nil, villageFirstChoiceShare: Double? = nil,
                villageMeanRank: Double? = nil, adviserFirstChoiceShare: Double? = nil, adviserMeanRank: Double? = nil,
                blockingPairs: Int? = nil, supportMoves: Int = 0, incumbentsKept: Int = 0, onsiteHours: Double? = nil,
                complianceShortfalls: Int? = nil, objective: Double? = nil, status: String? = nil, gap: Double? = nil) {
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

/// Result folders that cannot be compared; every problem names the path and what is missing.
public struct CompareError: Error, CustomStringConvertible, Sendable {
    /// One line per problem.
    public var problems: [String]
    /// Makes an error.
    public init(_ problems: [String]) { self.problems = problems }
    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}

extension ComparedResult {
    /// The columns `compare` needs in `assignment.csv`.
    public static let assignmentColumns = ["village_id", "county", "adviser_id", "distance_km", "village_rank",
                                           "adviser_rank", "incumbent", "support"]

    /// Reads every folder, listing the problems of all of them at once.
    ///
    /// - Throws: ``CompareError`` when a folder is missing, or lacks or cannot read `summary.json`
    ///   or `assignment.csv`, or has a `roster.csv`, `compliance.csv` or `overrides.json` it cannot read.
    public static func read(_ paths: [String]) throws -> [ComparedResult] {
        var results: [ComparedResult] = []
        var problems: [String] = []
        for path in paths {
            do { results.append(try read(path)) } catch let e as CompareError { problems += e.problems }
        }
        if !problems.isEmpty { throw CompareError(problems) }
        return results
    }

    /// Reads one result folder.
    ///
    /// - Throws: ``CompareError`` listing what is missing or unreadable.
    public static func read(_ path: String) throws -> ComparedResult {
        let folder = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CompareError([tr("compare.noFolder", ["path": path])])
        }
        var problems: [String] = []
        var result = ComparedResult(path: path)

        // summary.json
        let summaryURL = folder.appendingPathComponent("summary.json")
        if !FileManager.default.fileExists(atPath: summaryURL.path) {
            problems.append(tr("compare.noSummary", ["path": path]))
        } else if let data = try? Data(contentsOf: summaryURL),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            result.readSummary(object)
        } else {
            problems.append(tr("compare.badSummary", ["path": path]))
        }

        // assignment.csv
        let assignmentURL = folder.appendingPathComponent("assignment.csv")
        if !FileManager.default.fileExists(atPath: assignmentURL.path) {
            problems.append(tr("compare.noAssignment", ["path": path]))
        } else {
            do {
                let table = try CSVTable(contentsOf: assignmentURL, file: "\(path)/assignment.csv")
                try result.readAssignment(table)
            } catch let e as CompareError {
                problems += e.problems
            } catch {
                problems.append(tr("compare.cannotRead", ["file": "\(path)/assignment.csv", "error": error]))
            }
        }

        // roster.csv and compliance.csv, from `schedule`, in the folder or in schedule/.
        if let url = Self.optionalFile("roster.csv", in: folder) {
            do { result.onsiteHours = try Self.onsiteHours(try CSVTable(contentsOf: url, file: Self.display(url, path))) }
            catch let e as CompareError { problems += e.problems }
            catch { problems.append(tr("compare.cannotRead", ["file": Self.display(url, path), "error": error])) }
        }
        if let url = Self.optionalFile("compliance.csv", in: folder) {
            do { result.complianceShortfalls = try Self.shortfalls(try CSVTable(contentsOf: url, file: Self.display(url, path))) }
            catch let e as CompareError { problems += e.problems }
            catch { problems.append(tr("compare.cannotRead", ["file": Self.display(url, path), "error": error])) }
        }

        // overrides.json, from `assign --set/--overlay`.
        let overridesURL = folder.appendingPathComponent("overrides.json")
        if FileManager.default.fileExists(atPath: overridesURL.path) {
            if let data = try? Data(contentsOf: overridesURL), let file = try? JSONDecoder().decode(OverridesFile.self, from: data) {
                result.overrides = file.overrides.map { "\($0.key)=\($0.value.text)" }
            } else {
                problems.append(tr("compare.badOverrides", ["path": path]))
            }
        }
        if !problems.isEmpty { throw CompareError(problems) }
        return result
    }

    /// `FILE` in the folder, else in `schedule/`, if either exists.
    static func optionalFile(_ name: String, in folder: URL) -> URL? {
        for url in [folder.appendingPathComponent(name), folder.appendingPathComponent("schedule").appendingPathComponent(name)]
        where FileManager.default.fileExists(atPath: url.path) { return url }
        return nil
    }

    static func display(_ url: URL, _ path: String) -> String {
        url.deletingLastPathComponent().lastPathComponent == "schedule" ? "\(path)/schedule/\(url.lastPathComponent)" : "\(path)/\(url.lastPathComponent)"
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
                if let b = try? c.decode(Bool.self) { text = b ? "true" : "false" }
                else if let i = try? c.decode(Int.self) { text = String(i) }
                else if let d = try? c.decode(Double.self) { text = String(d) }
                else { text = try c.decode(String.self) }
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

    mutating func readAssignment(_ table: CSVTable) throws {
        let header = table.header.map { CSVHeaders.english($0.text, file: "assignment.csv") }
        var index: [String: Int] = [:]
        for (i, h) in header.enumerated() where index[h] == nil { index[h] = i }
        let missing = Self.assignmentColumns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw CompareError([tr("compare.missingColumns", ["file": table.file, "count": missing.count, "missing": missing.joined(separator: ", "), "columns": Self.assignmentColumns.joined(separator: ",")])])
        }
        var problems: [String] = []
        var perAdviser: [String: Int] = [:]
        var distances: [Double] = []
        var villageRanks: [Int] = [], adviserRanks: [Int] = []
        villages = 0; covered = 0; supportMoves = 0; incumbentsKept = 0
        uncoveredByCounty = [:]
        for r in table.records {
            guard r.fields.count == header.count else {
                problems.append(tr("compare.fieldCount", ["file": table.file, "line": r.line, "expected": header.count, "found": r.fields.count]))
                continue
            }
            func field(_ name: String) -> CSVTable.Field { r.fields[index[name]!] }
            villages += 1
            let county = field("county").text
            uncoveredByCounty[county, default: 0] += 0
            if field("incumbent").text == "kept" { incumbentsKept += 1 }
            let adviser = field("adviser_id").text
            guard !adviser.isEmpty else {
                uncoveredByCounty[county, default: 0] += 1
                continue
            }
            covered += 1
            perAdviser[adviser, default: 0] += 1
            if field("support").text == "yes" { supportMoves += 1 }
            let km = field("distance_km")
            if let d = Double(km.text), d.isFinite { distances.append(d) } else {
                problems.append(tr("compare.distance", ["file": table.file, "line": km.line, "column": km.column, "raw": km.text]))
            }
            for (name, into) in [("village_rank", 0), ("adviser_rank", 1)] {
                let f = field(name)
                guard !f.text.isEmpty else { continue }
                guard let rank = Int(f.text), rank >= 1 else {
                    problems.append(tr("compare.rank", ["file": table.file, "line": f.line, "column": f.column, "name": name, "raw": f.text]))
                    continue
                }
                if into == 0 { villageRanks.append(rank) } else { adviserRanks.append(rank) }
            }
        }
        if !problems.isEmpty { throw CompareError(problems) }
        advisersUsed = perAdviser.count
        loadMax = perAdviser.values.max() ?? 0
        loadMean = advisersUsed == 0 ? nil : Double(covered) / Double(advisersUsed)
        distanceMeanKm = distances.isEmpty ? nil : distances.reduce(0, +) / Double(distances.count)
        distanceMaxKm = distances.max()
        func share(_ ranks: [Int]) -> Double? { covered == 0 ? nil : Double(ranks.filter { $0 == 1 }.count) / Double(covered) }
        func mean(_ ranks: [Int]) -> Double? { ranks.isEmpty ? nil : Double(ranks.reduce(0, +)) / Double(ranks.count) }
        villageFirstChoiceShare = share(villageRanks)
        villageMeanRank = mean(villageRanks)
        adviserFirstChoiceShare = share(adviserRanks)
        adviserMeanRank = mean(adviserRanks)
    }

    /// Hours of the rows with `mode` = onsite (end − start).
    static func onsiteHours(_ table: CSVTable) throws -> Double {
        let header = table.header.map { CSVHeaders.english($0.text, file: "roster.csv") }
        guard let si = header.firstIndex(of: "start"), let ei = header.firstIndex(of: "end"), let mi = header.firstIndex(of: "mode") else {
            throw CompareError([tr("compare.rosterColumns", ["file": table.file])])
        }
        func minutes(_ text: String) -> Int? {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
            return h * 60 + m
        }
        var total = 0
        var problems: [String] = []
        for r in table.records {
            guard r.fields.count == header.count else {
                problems.append(tr("compare.fieldCount", ["file": table.file, "line": r.line, "expected": header.count, "found": r.fields.count])); continue
            }
            guard r.fields[mi].text == "onsite" else { continue }
            guard let s = minutes(r.fields[si].text), let e = minutes(r.fields[ei].text), e >= s else {
                problems.append(tr("compare.times", ["file": table.file, "line": r.line, "start": r.fields[si].text, "end": r.fields[ei].text]))
                continue
            }
            total += e - s
        }
        if !problems.isEmpty { throw CompareError(problems) }
        return Double(total) / 60
    }

    /// Rows with `ok` = no.
    static func shortfalls(_ table: CSVTable) throws -> Int {
        guard let oi = table.header.map({ CSVHeaders.english($0.text, file: "compliance.csv") }).firstIndex(of: "ok") else {
            throw CompareError([tr("compare.okColumn", ["file": table.file])])
        }
        return table.records.filter { oi < $0.fields.count && $0.fields[oi].text == "no" }.count
    }
}
