import CounselModel

/// A team of one firm that serves villages together (团队化服务, Guangdong 001 §(七)).
public struct Team: Sendable {
    /// Team id (`teams.csv` `team`).
    public var id: String
    /// Firm id.
    public var firm: String
    /// The licensed lead, who appears as the adviser in `assignment.csv`.
    public var lead: Adviser
    /// Every member, lead included, by id.
    public var members: [Adviser]
    /// The union of the members' specialties.
    public var specialties: Set<String>
}

/// What takes villages in an ``AssignmentProblem``: one adviser (individual and township models)
/// or a team (team model, Guangdong 001 §(七) 团队化服务).
///
/// The id, county, position and firm are the solver's view of the unit: an adviser's own, or for a
/// team its team id, its firm and its lead's county and base.
public struct ServiceUnit: Sendable {
    /// An adviser or a team.
    public enum Kind: Sendable {
        /// One adviser serving alone.
        case adviser(Adviser)
        /// A team of one firm.
        case team(Team)
    }

    /// What the unit is.
    public let kind: Kind
    /// The adviser id, or the team id.
    public let id: String
    /// The county the unit belongs to: the adviser's, or the team lead's.
    public let county: String
    /// Latitude of the unit's base: the adviser's, or the team lead's.
    public let latitude: Double
    /// Longitude of the unit's base: the adviser's, or the team lead's.
    public let longitude: Double
    /// The firm: the adviser's, or the team's (`nil` when none).
    public let firm: String?

    /// A unit of one adviser.
    public init(adviser: Adviser) {
        kind = .adviser(adviser)
        id = adviser.id
        county = adviser.county
        latitude = adviser.latitude
        longitude = adviser.longitude
        firm = adviser.firm
    }

    /// A unit of a team.
    public init(team: Team) {
        kind = .team(team)
        id = team.id
        county = team.lead.county
        latitude = team.lead.latitude
        longitude = team.lead.longitude
        firm = team.firm.isEmpty ? nil : team.firm
    }

    /// The team, `nil` for an adviser serving alone.
    public var team: Team? {
        if case .team(let t) = kind { return t }
        return nil
    }

    /// The adviser who appears in `assignment.csv`: the adviser, or the team's lead.
    public var representative: Adviser {
        switch kind {
        case .adviser(let a): return a
        case .team(let t): return t.lead
        }
    }

    /// The advisers who serve: the adviser alone, or every member of the team (lead included).
    public var members: [Adviser] {
        switch kind {
        case .adviser(let a): return [a]
        case .team(let t): return t.members
        }
    }

    /// The name shown for the unit: the adviser's, or the team lead's.
    public var name: String { representative.name }

    /// The role of the adviser, or of the team's lead.
    public var role: AdviserRole { representative.role }
}
