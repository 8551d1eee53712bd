import Foundation

/// A plan's `assignment.csv` read as village id → adviser id ("" for an uncovered village).
enum PlanFile {
    /// Reads the `village_id` and `adviser_id` columns (English or Chinese headers).
    static func read(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw IOError(description: "no \(path)") }
        guard let text = String(data: data, encoding: .utf8) else { throw IOError(description: "\(path) is not UTF-8") }
        let records = parseCSV(text)
        guard let header = records.first?.fields else { throw IOError(description: "\(path) is empty (no header row)") }
        let names: [String: [String]] = [
            "village_id": ["village_id", "村（社区）编号"], "adviser_id": ["adviser_id", "法律顾问编号"],
        ]
        guard let vi = header.firstIndex(where: { names["village_id"]!.contains($0) }),
            let ai = header.firstIndex(where: { names["adviser_id"]!.contains($0) })
        else {
            throw IOError(description: "\(path): no village_id and adviser_id columns")
        }
        var plan: [String: String] = [:]
        for r in records.dropFirst() where r.fields.count > max(vi, ai) { plan[r.fields[vi]] = r.fields[ai] }
        return plan
    }

    /// Villages of either plan whose adviser differs (a village missing from one plan counts as uncovered there).
    static func changes(from a: [String: String], to b: [String: String]) -> Int {
        Set(a.keys).union(b.keys).filter { (a[$0] ?? "") != (b[$0] ?? "") }.count
    }
}

/// The rebalance stage's scenario: the plain one with a share of the advisers who serve in its plan
/// removed (they left, retired or failed assessment), written as a folder of its own.
struct RebalanceInput {
    var scenario: Scenario
    /// Ids of the advisers removed.
    var removed: [String]
    /// Villages whose adviser in the previous plan was removed.
    var affected: Int
    /// The previous plan (village → adviser).
    var previous: [String: String]

    /// Removes `share` of all advisers (rounded, at least one), drawn deterministically from those
    /// who serve a village in `previous`, with every reference to them: `current_adviser` (emptied),
    /// preferences from or to them (the villages' remaining ranks renumbered 1..k), conflicts and
    /// team rows. Writes the result to `dir`.
    static func make(from source: String, previous: [String: String], share: Double, seed: UInt64, into dir: String)
        throws -> RebalanceInput
    {
        var (s, issues) = Scenario.read(from: URL(fileURLWithPath: source))
        if let first = issues.first { throw IOError(description: "\(source) does not read back: \(first)") }
        let serving = Set(previous.values.filter { !$0.isEmpty })
        var pool = s.advisers.map(\.id).filter(serving.contains).sorted()
        guard !pool.isEmpty else {
            throw IOError(description: "the previous plan gives no village an adviser; nothing to rebalance")
        }
        var rng = SplitMix64(seed: seed ^ 0x4EBA_1A4C_E000)
        rng.shuffle(&pool)
        let count = min(pool.count, max(1, Int((Double(s.advisers.count) * share).rounded())))
        let gone = Set(pool.prefix(count))

        s.advisers.removeAll { gone.contains($0.id) }
        for i in s.villages.indices where s.villages[i].currentAdviser.map(gone.contains) ?? false {
            s.villages[i].currentAdviser = nil
        }
        s.conflicts.removeAll { gone.contains($0.a) || gone.contains($0.b) }
        s.teams.removeAll { gone.contains($0.member) }
        // A team that lost its lead gets its first remaining licensed member as lead, or is dropped.
        var teamsLeft: [String: [Int]] = [:]
        for (i, m) in s.teams.enumerated() { teamsLeft[m.team, default: []].append(i) }
        let roleOf = Dictionary(s.advisers.map { ($0.id, $0.role) }, uniquingKeysWith: { a, _ in a })
        var dropTeams = Set<String>()
        for (team, rows) in teamsLeft where !rows.contains(where: { s.teams[$0].roleInTeam == "lead" }) {
            if let i = rows.first(where: { roleOf[s.teams[$0].member] != .apprentice }), rows.count >= 2 {
                s.teams[i].roleInTeam = "lead"
            } else {
                dropTeams.insert(team)
            }
        }
        s.teams.removeAll { dropTeams.contains($0.team) }

        // Preferences: drop those from or to a removed adviser, then renumber each list 1..k.
        let kept = s.preferences.filter { !gone.contains($0.from) && !gone.contains($0.to) }
        var byFrom: [String: [Preference]] = [:], order: [String] = []
        for p in kept {
            if byFrom[p.from] == nil { order.append(p.from) }
            byFrom[p.from, default: []].append(p)
        }
        s.preferences = order.flatMap { from in
            byFrom[from]!.sorted { $0.rank < $1.rank }.enumerated().map {
                Preference(from: $1.from, to: $1.to, rank: $0 + 1)
            }
        }

        s.comment =
            "Rebalance benchmark scenario, made by: counsel-bench run (stage rebalance) from \(source)\n"
            + "\(count) of its advisers removed: \(gone.sorted().prefix(12).joined(separator: ", "))\(count > 12 ? " …" : "")"
        try s.write(to: URL(fileURLWithPath: dir))
        let affected = previous.values.filter(gone.contains).count
        return RebalanceInput(scenario: s, removed: gone.sorted(), affected: affected, previous: previous)
    }
}
