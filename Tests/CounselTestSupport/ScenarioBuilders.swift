import CounselModel
import Foundation

// MARK: - Rule profiles

/// The package's own rule profiles (`Models/rules/NAME.yaml`), each loaded once.
public enum TestRules {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: RuleProfile] = [:]

    /// The shipped profile `name` (e.g. `nanning`, `guangdong`).
    public static func profile(_ name: String) throws -> RuleProfile {
        lock.lock()
        defer { lock.unlock() }
        if let p = cache[name] { return p }
        let p = try RuleProfile.load(from: PackageRoot.profile(name))
        cache[name] = p
        return p
    }

    /// Nanning's profile.
    public static func nanning() throws -> RuleProfile { try profile("nanning") }
    /// Guangdong's profile.
    public static func guangdong() throws -> RuleProfile { try profile("guangdong") }
}

// MARK: - Scenario builders

/// A village (`村ID` unless named) at (lat, lon) in `county`, township `T1` unless given.
public func makeVillage(
    _ id: String, county: String, lat: Double, lon: Double, incumbent: String? = nil,
    name: String? = nil, township: String = "T1"
) -> Village {
    Village(
        id: id, name: name ?? "村\(id)", kind: .village, township: township, county: county,
        latitude: lat, longitude: lon, needs: [], currentAdviser: incumbent)
}

/// An adviser (`律师ID` unless named) at (lat, lon) in `county`; `hours` per month.
public func makeAdviser(
    _ id: String, county: String, lat: Double, lon: Double, role: AdviserRole = .lawyer,
    status: AdviserStatus = .active, firm: String? = nil, maxVillages: Int? = nil,
    hours: Double? = nil, name: String? = nil
) -> Adviser {
    Adviser(
        id: id, name: name ?? "律师\(id)", role: role, firm: firm, county: county, latitude: lat, longitude: lon,
        maxVillages: maxVillages, hoursPerMonth: hours, specialties: [], status: status, phone: "")
}

/// A county (`县ID`) of `city`.
public func makeCounty(_ id: String, city: String, underResourced: Bool = false) -> County {
    County(id: id, name: "县\(id)", city: city, underResourced: underResourced)
}

/// `from` ranks `to` at `rank` (1 is the first choice).
public func makePreference(_ from: String, _ to: String, _ rank: Int) -> Preference {
    Preference(from: from, to: to, rank: rank)
}

/// A conflict of interest between `a` and `b`.
public func makeConflict(_ a: String, _ b: String) -> Conflict {
    Conflict(a: a, b: b, reason: "test conflict")
}

/// A scenario of the year 2024 from parts.
public func makeScenario(
    name: String = "test", rules: RuleProfile, maxKm: Double?,
    weights: ObjectiveWeights = .defaults, villages: [Village], advisers: [Adviser],
    counties: [County], preferences: [Preference] = [], conflicts: [Conflict] = []
) -> Scenario {
    Scenario(
        name: name, rules: rules, year: 2024, maxKm: maxKm, weights: weights, villages: villages,
        advisers: advisers, counties: counties, preferences: preferences, conflicts: conflicts)
}

// MARK: - Files

/// A fresh temporary folder named `LABEL-UUID`.
public func temporaryFolder(_ label: String = "vc") -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
