import CounselModel

/// One line of a roster or of a ledger book (台账): the session it claims, where it stands, and
/// the record written for it.
///
/// A file is a **ledger** when its header has record columns (`person_served`, `content`,
/// `result`, `requested_on`, `signature` or a profile's further ones, ``Roster/recordColumns``),
/// and a **roster** (a plan) when it has only the roster's columns. Only a ledger's entries are
/// records, and only a record that has every field its profile requires counts toward a
/// requirement (``LedgerRules``).
public struct LedgerEntry: Sendable {
    /// The session the line claims.
    public var session: Session
    /// The file it was read from, as named to the user.
    public var file: String
    /// Its 1-based line in that file.
    public var line: Int
    /// Whether it comes from a ledger (record columns in the header) rather than a roster.
    public var isRecord: Bool
    /// The record fields filled in, non-empty, by field.
    public var fields: [LedgerRules.Field: String]

    /// Makes an entry.
    public init(session: Session, file: String, line: Int, isRecord: Bool, fields: [LedgerRules.Field: String] = [:]) {
        self.session = session
        self.file = file
        self.line = line
        self.isRecord = isRecord
        self.fields = fields
    }

    /// `ledgers/V00001.csv:5`: how findings and the call-back list name the entry.
    public var location: EntryLocation { EntryLocation(file: file, line: line) }

    /// The fields of `rules` this entry lacks, in the order the rules name them.
    public func missing(_ rules: LedgerRules?) -> [(
        field: LedgerRules.Field, requirement: LedgerRules.FieldRequirement
    )] {
        guard isRecord else { return [] }
        // The adviser's own training or report is a record once it says what it was.
        if session.activity.isAdviserOwn {
            return fields[.content] == nil ? [(.content, Self.ownRecord)] : []
        }
        guard let rules else { return [] }
        var result: [(LedgerRules.Field, LedgerRules.FieldRequirement)] = []
        for r in rules.requirements(for: session.activity.rawValue) {
            for f in r.fields where fields[f] == nil && !result.contains(where: { $0.0 == f }) { result.append((f, r)) }
        }
        return result
    }

    /// What an adviser's own entry (a training attended, a report submitted) must record to count:
    /// what it was. No document lists its fields; this is the tool's rule, said so.
    public static let ownRecord = LedgerRules.FieldRequirement(
        id: "own_record", fields: [.content],
        source: tr("ledger.ownRecord.source"))

    /// A request (`requested_on`) with no result recorded yet: not a record of a service, but an
    /// open request whose answer the response-time rule watches.
    public var isOpenRequest: Bool { isRecord && session.requestedOn != nil && fields[.result] == nil }

    /// The key that finds this entry again in a call-back list: village, adviser, date, start, end
    /// and activity (robust to lines moving when a clerk edits the book).
    public var key: EntryKey {
        EntryKey(
            village: session.village, adviser: session.adviser, day: session.day, start: session.start,
            end: session.end, activity: session.activity)
    }
}

/// Where a ledger entry stands: file and line.
public struct EntryLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, as named to the user.
    public var file: String
    /// The 1-based line.
    public var line: Int

    /// Makes a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `file:line`.
    public var description: String { "\(file):\(line)" }

    public static func < (a: EntryLocation, b: EntryLocation) -> Bool { (a.file, a.line) < (b.file, b.line) }
}

/// What identifies a ledger entry across edits of its book (see ``LedgerEntry/key``).
public struct EntryKey: Hashable, Sendable {
    /// Village id.
    public var village: String
    /// Adviser id.
    public var adviser: String
    /// Date.
    public var day: Day
    /// Start, minutes after midnight.
    public var start: Int
    /// End, minutes after midnight.
    public var end: Int
    /// Activity.
    public var activity: Session.Activity

    /// Makes a key.
    public init(village: String, adviser: String, day: Day, start: Int, end: Int, activity: Session.Activity) {
        self.village = village
        self.adviser = adviser
        self.day = day
        self.start = start
        self.end = end
        self.activity = activity
    }
}
