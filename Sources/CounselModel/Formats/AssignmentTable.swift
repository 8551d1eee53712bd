import Foundation

/// Whether a village keeps its current adviser (the `incumbent` column of assignment.csv).
public enum IncumbentStatus: String, Sendable, CaseIterable, Equatable {
    /// The current adviser (or a member of the team now serving) goes on.
    case kept
    /// The village had an adviser and gets another one (or none).
    case changed
    /// The village had no current adviser.
    case new
}

/// `assignment.csv`, the plan `assign` and `rebalance` write and `schedule`, `check`, `assess`,
/// `publish`, `report`, `compare` and `rebalance --previous` read: one row per village, sorted by
/// village id; an uncovered village has an empty adviser. In the team model `adviser_id` is the
/// team's lead and `team_id` is the last column.
public enum AssignmentTable {
    /// The file's columns (``CSVHeaders/assignment``).
    public static let format = CSVFormat(CSVHeaders.assignment)

    /// The columns every plan has (a contract), without the team model's `team_id`.
    public static let columns = [
        "village_id", "village_name", "county", "township", "adviser_id", "adviser_name", "firm_id",
        "distance_km", "village_rank", "adviser_rank", "incumbent", "support",
    ]

    /// The columns without which a plan cannot be read back.
    public static let required = ["village_id", "adviser_id"]

    /// One village's row.
    public struct Row: Sendable, Equatable {
        /// The village.
        public var villageID: String
        /// The village's name.
        public var villageName: String = ""
        /// The village's county id.
        public var county: String = ""
        /// The village's township.
        public var township: String = ""
        /// The adviser (in the team model the team's lead), "" for an uncovered village.
        public var adviserID: String = ""
        /// The adviser's name.
        public var adviserName: String = ""
        /// The adviser's firm id.
        public var firmID: String = ""
        /// Km between village and adviser, as written (two decimals), "" when uncovered.
        public var distanceKm: String = ""
        /// The village's rank of the adviser (1 = first choice), "" when none.
        public var villageRank: String = ""
        /// The adviser's rank of the village, "" when none.
        public var adviserRank: String = ""
        /// Whether the village keeps its current adviser.
        public var incumbent: IncumbentStatus? = nil
        /// Whether the village is served from another county.
        public var support: Bool = false
        /// The team (team model), or `nil`.
        public var teamID: String? = nil

        /// A row from its parts.
        public init(
            villageID: String, villageName: String = "", county: String = "", township: String = "",
            adviserID: String = "", adviserName: String = "", firmID: String = "", distanceKm: String = "",
            villageRank: String = "", adviserRank: String = "", incumbent: IncumbentStatus? = nil,
            support: Bool = false,
            teamID: String? = nil
        ) {
            self.villageID = villageID
            self.villageName = villageName
            self.county = county
            self.township = township
            self.adviserID = adviserID
            self.adviserName = adviserName
            self.firmID = firmID
            self.distanceKm = distanceKm
            self.villageRank = villageRank
            self.adviserRank = adviserRank
            self.incumbent = incumbent
            self.support = support
            self.teamID = teamID
        }

        var fields: [String] {
            [
                villageID, villageName, county, township, adviserID, adviserName, firmID, distanceKm, villageRank,
                adviserRank,
                incumbent?.rawValue ?? "", support ? "yes" : "no",
            ]
        }
    }

    /// A row read back, with where it stood.
    public struct ReadRow: Sendable {
        /// The row's values.
        public var row: Row
        /// The record, for the fields' lines and columns.
        public var record: CSVFormat.Record
    }

    /// What a read found: the rows, and every problem located.
    public struct Contents: Sendable {
        /// The rows, in file order.
        public var rows: [ReadRow]
        /// Missing columns, rows with the wrong number of fields, empty or repeated village ids.
        public var diagnostics: [Diagnostic]
        /// The file as read (header, every record).
        public var file: CSVFormat.Contents
    }

    // MARK: Writing

    /// The file for `rows`; `team_id` is written when `teamModel`.
    public static func write(_ rows: [Row], teamModel: Bool, language: CSVHeaders.Language = .en, excel: Bool = false)
        -> Data
    {
        format.write(
            fields(rows, teamModel: teamModel), columns: columns(teamModel: teamModel), language: language, excel: excel
        )
    }

    /// The file's text for `rows`, English header.
    public static func text(_ rows: [Row], teamModel: Bool) -> String {
        format.text(fields(rows, teamModel: teamModel), columns: columns(teamModel: teamModel))
    }

    /// The columns written: ``columns``, and `team_id` in the team model.
    public static func columns(teamModel: Bool) -> [String] { columns + (teamModel ? ["team_id"] : []) }

    private static func fields(_ rows: [Row], teamModel: Bool) -> [[String]] {
        rows.map { $0.fields + (teamModel ? [$0.teamID ?? ""] : []) }
    }

    // MARK: Reading

    /// Reads a plan: every row whose village id is present and not repeated.
    ///
    /// - Parameters:
    ///   - displayName: the name used in diagnostics.
    ///   - required: the columns the caller needs (at least ``required``).
    /// - Throws: ``Diagnostic`` when the file cannot be read or is not CSV.
    public static func read(_ url: URL, displayName: String, required: [String] = AssignmentTable.required) throws
        -> Contents
    {
        let file = try format.read(url, displayName: displayName, required: required)
        var diagnostics = file.diagnostics
        var rows: [ReadRow] = []
        var seen: [String: Int] = [:]
        for r in file.records {
            guard let v = r["village_id"] else { continue }
            if v.text.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        file: file.file, line: v.line, column: v.column,
                        tr("field.problem", ["name": "village_id", "message": tr("field.required")])))
                continue
            }
            if let first = seen[v.text] {
                diagnostics.append(
                    Diagnostic(
                        file: file.file, line: v.line, column: v.column,
                        tr("plan.villageTwice", ["id": v.text, "first": first])))
                continue
            }
            seen[v.text] = v.line
            // Ids no longer in the scenario are expected here (rebalancing), so each is held to the
            // id rule itself: they name files (calendars, boards) further on.
            var valid = true
            for name in ["village_id", "adviser_id", "team_id"] {
                guard let f = r[name], !f.text.isEmpty, let reason = Identifier.problem(f.text) else { continue }
                diagnostics.append(
                    Diagnostic(
                        file: file.file, line: f.line, column: f.column,
                        tr(
                            "field.problem",
                            [
                                "name": name,
                                "message": tr("id.notValid", ["value": Identifier.quoted(f.text), "reason": reason]),
                            ])))
                valid = false
            }
            guard valid else { continue }
            let team = r.text("team_id")
            rows.append(
                ReadRow(
                    row: Row(
                        villageID: v.text, villageName: r.text("village_name"), county: r.text("county"),
                        township: r.text("township"),
                        adviserID: r.text("adviser_id"), adviserName: r.text("adviser_name"), firmID: r.text("firm_id"),
                        distanceKm: r.text("distance_km"), villageRank: r.text("village_rank"),
                        adviserRank: r.text("adviser_rank"),
                        incumbent: IncumbentStatus(rawValue: r.text("incumbent")), support: r.text("support") == "yes",
                        teamID: team.isEmpty ? nil : team), record: r))
        }
        return Contents(rows: rows, diagnostics: diagnostics.sorted(), file: file)
    }
}
