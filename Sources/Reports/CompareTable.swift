import CounselModel
import Foundation

/// Result folders side by side: one column per folder, one row per figure, then the difference of
/// each later folder against the first (`B−A`).
///
/// Differences are signed, with a true minus sign: `+12`, `−3`, `0`; for shares and the gap the
/// difference is in percentage points, written `−3.5%`. A figure a folder does not have is `—`.
public struct Comparison: Sendable {
    /// Output formats of `compare`.
    public enum Format: String, CaseIterable, Sendable {
        /// Aligned plain text (Chinese text counted as two columns).
        case table
        /// A GitHub table.
        case markdown
        /// `figure,A,B,…,B−A,…` with the table's cells.
        case csv
        /// Machine-readable: raw figures per folder and the rows with numbers (keys sorted).
        case json
    }

    /// One figure across the folders.
    public struct Row: Sendable, Equatable {
        /// Stable id, e.g. `coverage`, `uncovered.440232`, `load_max`.
        public var id: String
        /// What the row shows, e.g. `coverage`, `uncovered in 440232 乳源瑶族自治县`.
        public var label: String
        /// The cell per folder.
        public var values: [String]
        /// The cell per later folder: its difference against the first.
        public var differences: [String]
        /// The figure per folder as a number, where it is one.
        public var numbers: [Double?]
        /// The difference per later folder as a number, where both are numbers.
        public var numericDifferences: [Double?]
    }

    /// The folders, in the order given; the first is the baseline.
    public var results: [ComparedResult]
    /// Column headers: folder names, or the summaries' `scenario` where folder names clash.
    public var columns: [String]
    /// The rows, in the order shown.
    public var rows: [Row]

    /// Lays out the figures of `results` (at least one; the first is the baseline).
    public init(_ results: [ComparedResult]) {
        self.results = results
        columns = Self.headers(results)
        rows = Self.rows(results)
    }

    /// Headers for the columns: each folder's name; where two clash, the summaries' scenario
    /// names (if those are all there and distinct), else the paths as given; a clash left after
    /// that gets ` #2`, ` #3`.
    static func headers(_ results: [ComparedResult]) -> [String] {
        func distinct(_ names: [String]) -> Bool { Set(names).count == names.count }
        var names = results.map(\.folderName)
        if !distinct(names) {
            let scenarios = results.compactMap(\.scenarioName)
            if scenarios.count == results.count && distinct(scenarios) {
                names = scenarios
            } else {
                names = results.map(\.path)
            }
        }
        var seen: [String: Int] = [:]
        return names.map { name in
            seen[name, default: 0] += 1
            return seen[name]! == 1 ? name : "\(name) #\(seen[name]!)"
        }
    }

    // MARK: Rows

    /// How a figure is written and its difference computed.
    enum Kind {
        /// A whole number: `12`, difference `+3`.
        case count
        /// A number with `decimals` places, difference likewise.
        case number(decimals: Int)
        /// A share 0…1 written as a percentage with `decimals`; difference in percentage points.
        case percent(decimals: Int)
        /// Text; the difference says `same` or `changed`.
        case text
    }

    static func rows(_ results: [ComparedResult]) -> [Row] {
        var rows: [Row] = []
        func add(_ id: String, _ label: String, _ kind: Kind, _ pick: (ComparedResult) -> Double?) {
            rows.append(row(id, label, kind, results.map(pick)))
        }
        func addText(_ id: String, _ label: String, _ pick: (ComparedResult) -> String?) {
            let values = results.map(pick)
            let cells = values.map { $0 ?? "—" }
            let diffs = values.dropFirst().map { v -> String in
                guard let v, let a = values[0] else { return "—" }
                return v == a ? "same" : "changed"
            }
            rows.append(
                Row(
                    id: id, label: label, values: cells, differences: Array(diffs),
                    numbers: values.map { _ in nil }, numericDifferences: diffs.map { _ in nil }))
        }
        addText("overrides", tr("compare.overrides")) {
            $0.overrides.isEmpty ? "—" : $0.overrides.joined(separator: ", ")
        }
        addText("rules", tr("compare.rules")) { $0.rules }
        rows.append(coverageRow(results))
        var counties = Set<String>()
        for r in results { counties.formUnion(r.uncoveredByCounty.keys) }
        for county in counties.sorted() {
            let name = results.lazy.compactMap { $0.countyNames[county] }.first
            add(
                "uncovered.\(county)", tr("compare.uncoveredIn", ["county": county]) + (name.map { " \($0)" } ?? ""),
                .count
            ) { $0.uncoveredByCounty[county].map(Double.init) }
        }
        add("advisers_used", tr("compare.advisers_used"), .count) { Double($0.advisersUsed) }
        add("load_mean", tr("compare.load_mean"), .number(decimals: 2)) { $0.loadMean }
        add("load_max", tr("compare.load_max"), .count) { Double($0.loadMax) }
        add("distance_km_mean", tr("compare.distance_km_mean"), .number(decimals: 2)) { $0.distanceMeanKm }
        add("distance_km_max", tr("compare.distance_km_max"), .number(decimals: 2)) { $0.distanceMaxKm }
        add("village_first_choice_share", tr("compare.village_first_choice_share"), .percent(decimals: 1)) {
            $0.villageFirstChoiceShare
        }
        add("village_mean_rank", tr("compare.village_mean_rank"), .number(decimals: 2)) { $0.villageMeanRank }
        add("adviser_first_choice_share", tr("compare.adviser_first_choice_share"), .percent(decimals: 1)) {
            $0.adviserFirstChoiceShare
        }
        add("adviser_mean_rank", tr("compare.adviser_mean_rank"), .number(decimals: 2)) { $0.adviserMeanRank }
        add("blocking_pairs", tr("compare.blocking_pairs"), .count) { $0.blockingPairs.map(Double.init) }
        add("support_moves", tr("compare.support_moves"), .count) { Double($0.supportMoves) }
        add("incumbents_kept", tr("compare.incumbents_kept"), .count) { Double($0.incumbentsKept) }
        add("onsite_hours", tr("compare.onsite_hours"), .number(decimals: 1)) { $0.onsiteHours }
        add("compliance_shortfalls", tr("compare.compliance_shortfalls"), .count) {
            $0.complianceShortfalls.map(Double.init)
        }
        add("objective", tr("compare.objective"), .number(decimals: 2)) { $0.objective }
        addText("status", tr("compare.status")) { $0.status }
        add("gap", tr("compare.gap"), .percent(decimals: 2)) { $0.gap }
        return rows
    }

    static func row(_ id: String, _ label: String, _ kind: Kind, _ values: [Double?]) -> Row {
        let cells = values.map { v in v.map { format($0, kind) } ?? "—" }
        var diffs: [String] = [], numeric: [Double?] = []
        for v in values.dropFirst() {
            guard let v, let a = values[0] else {
                diffs.append("—")
                numeric.append(nil)
                continue
            }
            numeric.append(round6(v - a))
            // The difference of the values as shown, so that a row adds up on the page.
            diffs.append(signed(shown(v, kind) - shown(a, kind), kind))
        }
        return Row(
            id: id, label: label, values: cells, differences: diffs, numbers: values.map { $0.map(round6) },
            numericDifferences: numeric)
    }

    /// `covered/villages (pct%)`, difference `+2 (+1.3%)`.
    static func coverageRow(_ results: [ComparedResult]) -> Row {
        func share(_ r: ComparedResult) -> Double? { r.villages == 0 ? nil : Double(r.covered) / Double(r.villages) }
        let cells = results.map { r in
            "\(r.covered)/\(r.villages)" + (share(r).map { " (\(format($0, .percent(decimals: 1))))" } ?? "")
        }
        let a = results[0]
        var diffs: [String] = [], numeric: [Double?] = []
        for r in results.dropFirst() {
            var text = signed(Double(r.covered - a.covered), .count)
            if let s = share(r), let sa = share(a) {
                text +=
                    " (\(signed(shown(s, .percent(decimals: 1)) - shown(sa, .percent(decimals: 1)), .percent(decimals: 1))))"
            }
            diffs.append(text)
            numeric.append(Double(r.covered - a.covered))
        }
        return Row(
            id: "coverage", label: tr("compare.coverage"), values: cells, differences: diffs,
            numbers: results.map { Double($0.covered) }, numericDifferences: numeric)
    }

    /// `x` rounded as `format` shows it (a share stays a share).
    static func shown(_ x: Double, _ kind: Kind) -> Double {
        switch kind {
        case .count: return x.rounded()
        case .number(let d): return (x * pow(10, Double(d))).rounded() / pow(10, Double(d))
        case .percent(let d): return (x * 100 * pow(10, Double(d))).rounded() / pow(10, Double(d)) / 100
        case .text: return x
        }
    }

    static func format(_ x: Double, _ kind: Kind) -> String {
        let text: String
        switch kind {
        case .count: text = String(Int(x.rounded()))
        case .number(let d): text = String(format: "%.\(d)f", x)
        case .percent(let d): text = String(format: "%.\(d)f", x * 100) + "%"
        case .text: text = String(x)
        }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// `+12`, `−3.50`, `0`; percentages in points. A difference that rounds to zero is written
    /// unsigned.
    static func signed(_ d: Double, _ kind: Kind) -> String {
        let magnitude = format(abs(d), kind)
        let zero = format(0, kind)
        if magnitude == zero { return zero }
        return (d < 0 ? "−" : "+") + magnitude
    }

    static func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }

    // MARK: Rendering

    /// The comparison in `format` (no trailing newline).
    public func render(_ format: Format) -> String {
        switch format {
        case .table: return renderTable()
        case .markdown: return renderMarkdown()
        case .csv: return renderCSV()
        case .json: return renderJSON()
        }
    }

    /// The header row: `figure`, the folders, then `B−A` for each later folder.
    public var header: [String] {
        ["figure"] + columns + columns.dropFirst().map { "\($0)−\(columns[0])" }
    }

    /// Every row's cells in `header` order.
    public var cells: [[String]] { rows.map { [$0.label] + $0.values + $0.differences } }

    /// The header and cells as the table and markdown show them to people, in the run's
    /// language (`figure`, `same` and `changed` are the CSV and JSON's words and stay so there).
    var displayHeader: [String] { [tr("compare.figure")] + header.dropFirst() }
    var displayCells: [[String]] {
        rows.map {
            [$0.label] + $0.values
                + $0.differences.map {
                    $0 == "same" ? tr("compare.same") : $0 == "changed" ? tr("compare.changed") : $0
                }
        }
    }

    func renderTable() -> String {
        var table = TextTable(displayHeader, rightAligned: Set(1..<header.count))
        for row in displayCells { table.add(row) }
        return table.render()
    }

    func renderMarkdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        var lines = [
            line(displayHeader),
            "|" + (["---"] + Array(repeating: "---:", count: header.count - 1)).joined(separator: "|") + "|",
        ]
        lines += displayCells.map(line)
        return lines.joined(separator: "\n")
    }

    func renderCSV() -> String {
        ([header] + cells).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n")
    }

    func renderJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(jsonValue)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `{"baseline", "columns", "rows": [{id, label, values, differences, numbers, numeric_differences}],
    /// "scenarios": [{column, path, folder, figures…}]}`; a missing figure is `null`.
    var jsonValue: CompareJSON {
        func number(_ x: Double?) -> CompareJSON { x.map { .number(Self.round6($0)) } ?? .null }
        func text(_ s: String?) -> CompareJSON { s.map { .string($0) } ?? .null }
        let scenarios: [CompareJSON] = zip(columns, results).map { column, r in
            .object([
                "column": .string(column), "path": .string(r.path), "folder": .string(r.folderName),
                "scenario": text(r.scenarioName), "rules": text(r.rules),
                "overrides": .array(r.overrides.map { .string($0) }),
                "villages": .number(Double(r.villages)), "covered": .number(Double(r.covered)),
                "uncovered": .number(Double(r.villages - r.covered)),
                "coverage": r.villages == 0 ? .null : number(Double(r.covered) / Double(r.villages)),
                "uncovered_by_county": .object(r.uncoveredByCounty.mapValues { .number(Double($0)) }),
                "advisers_used": .number(Double(r.advisersUsed)),
                "load": .object(["mean": number(r.loadMean), "max": .number(Double(r.loadMax))]),
                "distance_km": .object(["mean": number(r.distanceMeanKm), "max": number(r.distanceMaxKm)]),
                "village_ranks": .object([
                    "first_choice_share": number(r.villageFirstChoiceShare), "mean_rank": number(r.villageMeanRank),
                ]),
                "adviser_ranks": .object([
                    "first_choice_share": number(r.adviserFirstChoiceShare), "mean_rank": number(r.adviserMeanRank),
                ]),
                "blocking_pairs": number(r.blockingPairs.map(Double.init)),
                "support_moves": .number(Double(r.supportMoves)),
                "incumbents_kept": .number(Double(r.incumbentsKept)),
                "onsite_hours": number(r.onsiteHours),
                "compliance_shortfalls": number(r.complianceShortfalls.map(Double.init)),
                "objective": number(r.objective), "status": text(r.status), "gap": number(r.gap),
            ])
        }
        let rows: [CompareJSON] = rows.map { row in
            .object([
                "id": .string(row.id), "label": .string(row.label),
                "values": .array(row.values.map { .string($0) }),
                "differences": .array(row.differences.map { .string($0) }),
                "numbers": .array(row.numbers.map(number)),
                "numeric_differences": .array(row.numericDifferences.map(number)),
            ])
        }
        return .object([
            "baseline": .string(columns.first ?? ""), "columns": .array(columns.map { .string($0) }),
            "difference_columns": .array(columns.dropFirst().map { .string("\($0)−\(columns[0])") }),
            "rows": .array(rows), "scenarios": .array(scenarios),
        ])
    }
}

/// A JSON value, for output with sorted keys and explicit `null`s.
enum CompareJSON: Encodable, Sendable {
    case null
    case number(Double)
    case string(String)
    case array([CompareJSON])
    case object([String: CompareJSON])

    func encode(to encoder: Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .number(let x):
            var c = encoder.singleValueContainer()
            if x == x.rounded() && abs(x) < 1e15 { try c.encode(Int(x)) } else { try c.encode(x) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let members):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in members { try c.encode(v, forKey: Key(k)) }
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
