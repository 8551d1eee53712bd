import CounselModel
import Foundation

/// Audits a roster or a real service ledger (台账) against a scenario's scheduling rules.
///
/// Two kinds of result:
/// - compliance rows, one per village, rule and period wholly inside the audited months, counted
///   by ``ComplianceEvaluator`` exactly as the scheduler counts them — from the entries that count:
///   a roster's sessions, or a ledger's *records* (an entry with every field the profile's
///   ``LedgerRules`` require, not an open request, not found false by a call-back);
/// - findings, each a breach, a warning or information (``Finding/Severity``): every shortfall,
///   every ledger entry that is not a record (incomplete), every request left unanswered past the
///   response time, every entry a call-back did not confirm, and every session that breaks a rule
///   about *when* or *how* it may be held (rest days and evenings the village's service window does
///   not allow, one adviser in two places at once or over the daily hours, sessions while the
///   adviser is unavailable, recorded lectures over the yearly limit, requests answered late).
///   A session on an official holiday is a warning (no document forbids it); where the profile
///   encourages evening and weekend service (Guangdong 001 §(六)), such a session outside the
///   village's window is information, never a breach.
///
/// Messages are written for a county justice bureau: each names the village, the adviser (by id:
/// adviser names are personal data), the date or period, the rule and its source.
public struct LedgerAudit: Sendable {
    /// One thing found in the ledger.
    public struct Finding: Hashable, Sendable {
        /// What kind of problem.
        public enum Kind: String, CaseIterable, Sendable {
            /// A requirement not met in a period (too few visits, hours, lectures …).
            case shortfall
            /// A session on an official holiday (法定节假日): a warning.
            case holiday
            /// A session on a rest day (weekend) that the village's service days do not allow.
            case restDay = "rest_day"
            /// A session ending after 18:30 where evening sessions are not allowed.
            case evening
            /// Two sessions of one adviser at the same time.
            case overlap
            /// One adviser's sessions on one day add up to more than the daily limit.
            case dailyLimit = "daily_limit"
            /// A session on a day the adviser is unavailable (leave, training, trial …).
            case unavailable
            /// More recorded lectures in a year than the profile allows.
            case recordedLectures = "recorded_lectures"
            /// A village's request answered later than the response-time rule allows.
            case lateResponse = "late_response"
            /// A ledger entry without a field the profile requires: not a record, counts toward nothing.
            case incompleteEntry = "incomplete_entry"
            /// A request with no answer within the response time by the audit's end.
            case unansweredRequest = "unanswered_request"
            /// A ledger entry a call-back (电话回访) did not confirm: counts toward nothing.
            case notConfirmed = "not_confirmed"
            /// A duty of an adviser or a firm not done in a period (``DutyRules``: a firm's event,
            /// a report, a campaign's cases, the training attended).
            case duty
            /// A session in a village on a training day of the adviser's county: a warning (the
            /// adviser was to be at the training, Nanning 002 §四(二), Jiaocheng 004 §四(一)).
            case trainingDay = "training_day"
            /// A village whose book for the month did not come in to the township office
            /// (`check --month`; Jiaocheng 004 §四(三): 每月月末将纸质版交辖区司法所审核).
            case missingSubmission = "missing_submission"

            /// A short label for summaries, in the run's language.
            public var label: String {
                switch self {
                case .shortfall: return tr("finding.shortfall")
                case .holiday: return tr("finding.holiday")
                case .restDay: return tr("finding.restDay")
                case .evening: return tr("finding.evening")
                case .overlap: return tr("finding.overlap")
                case .dailyLimit: return tr("finding.dailyLimit")
                case .unavailable: return tr("finding.unavailable")
                case .recordedLectures: return tr("finding.recordedLectures")
                case .lateResponse: return tr("finding.lateResponse")
                case .incompleteEntry: return tr("finding.incompleteEntry")
                case .unansweredRequest: return tr("finding.unansweredRequest")
                case .notConfirmed: return tr("finding.notConfirmed")
                case .duty: return tr("finding.duty")
                case .trainingDay: return tr("finding.trainingDay")
                case .missingSubmission: return tr("finding.missingSubmission")
                }
            }

            /// How serious a finding of this kind is, unless the profile says otherwise.
            public var defaultSeverity: Severity { self == .holiday || self == .trainingDay ? .warning : .breach }
        }

        /// How serious a finding is.
        public enum Severity: String, CaseIterable, Sendable, Comparable {
            /// Breaks a rule: the ledger is not compliant (exit 3).
            case breach
            /// Worth a look, breaks no rule (e.g. a session on an official holiday).
            case warning
            /// For information (e.g. a weekend session where the profile encourages them).
            case info

            public static func < (a: Severity, b: Severity) -> Bool {
                allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
            }
        }

        /// What kind of problem.
        public var kind: Kind
        /// Breach, warning or information.
        public var severity: Severity
        /// Village id.
        public var village: String
        /// Adviser id.
        public var adviser: String
        /// The date of the session concerned (`nil` for a shortfall, which concerns a period).
        public var day: Day?
        /// The period key (`2026-03`, `2026-Q1`, `2026-H1`, `2026`) for shortfalls and yearly limits.
        public var period: String?
        /// The requirement id, for shortfalls and profile rules.
        public var rule: String?
        /// Plain-English explanation naming village, adviser, date or period, rule and source.
        public var message: String
        /// Where the rule comes from (seed file and section, or the scenario setting).
        public var source: String
        /// Line(s) of the ledger file(s) the finding is about, when known.
        public var lines: [Int]
        /// File and line of each entry the finding is about, when known.
        public var locations: [EntryLocation]
        /// The firm, for a firm's duty (its `village` and `adviser` are then empty).
        public var firm: String? = nil

        /// Makes a finding; `severity` defaults to the kind's, `lines` to those of `locations`.
        public init(
            kind: Kind, severity: Severity? = nil, village: String, adviser: String, day: Day? = nil,
            period: String? = nil,
            rule: String? = nil, message: String, source: String, lines: [Int] = [], locations: [EntryLocation] = []
        ) {
            self.kind = kind
            self.severity = severity ?? kind.defaultSeverity
            self.village = village
            self.adviser = adviser
            self.day = day
            self.period = period
            self.rule = rule
            self.message = message
            self.source = source
            self.locations = locations
            self.lines = lines.isEmpty ? locations.map(\.line) : lines
        }
    }

    /// Call-back results of one adviser's entries.
    public struct CallbackTally: Hashable, Sendable {
        /// Entries on the list.
        public var listed = 0
        /// Confirmed by the person served.
        public var confirmed = 0
        /// Not confirmed.
        public var notConfirmed = 0
        /// Nobody reached.
        public var unreachable = 0
        /// Listed but no result yet.
        public var pending: Int { listed - confirmed - notConfirmed - unreachable }
        /// Reached (confirmed or not).
        public var reached: Int { confirmed + notConfirmed }
        /// Confirmed share of those reached, or `nil` when nobody was reached.
        public var confirmedShare: Double? { reached == 0 ? nil : Double(confirmed) / Double(reached) }

        /// An empty tally.
        public init() {}
    }

    /// The result of an audit.
    public struct Outcome: Sendable {
        /// Every requirement for every village in the ledger and every whole period audited.
        public var rows: [ComplianceRow]
        /// Every finding (breaches, warnings and information), sorted by village, then date or period.
        public var findings: [Finding]
        /// First month audited.
        public var from: Month
        /// Last month audited.
        public var to: Month
        /// Sessions dated inside the audited months.
        public var sessionsAudited: Int
        /// Sessions in the ledger outside the audited months (not checked).
        public var sessionsOutside: Int
        /// Village ids that appear in the ledger, sorted.
        public var villages: [String]
        /// The adviser each village's compliance rows name: the one with most sessions there.
        public var advisers: [String: String]
        /// Things the reader should know that are not breaches (e.g. a year the calendar does not cover).
        public var notes: [String]
        /// Entries read from ledgers (files with record columns) inside the audited months.
        public var records = 0
        /// Entries read from rosters (plans: no record columns) inside the audited months.
        public var planned = 0
        /// Ledger entries inside the audited months that count toward the requirements.
        public var counted = 0
        /// Call-back results per adviser id (empty without a call-back list).
        public var callbacks: [String: CallbackTally] = [:]
        /// Every duty of the profile for every adviser and firm audited and every whole period
        /// (empty when duties are not audited, e.g. for one village's book).
        public var duties: [DutyRow] = []
        /// Mediation entries inside the audited months that count (their matters are confidential:
        /// counted, never published, Jiaocheng 004 §二(四)).
        public var mediations = 0
        /// The month's submissions per township (`check --month`), or empty.
        public var submissions: [Submission] = []

        /// No breach: every requirement met and no session or entry breaks a rule (warnings and
        /// information may remain).
        public var isCompliant: Bool { !findings.contains { $0.severity == .breach } }

        /// The findings of one severity.
        public func findings(_ severity: Finding.Severity) -> [Finding] { findings.filter { $0.severity == severity } }

        /// How many findings of each kind, in the order of ``Finding/Kind/allCases``, kinds with none left out.
        public var counts: [(kind: Finding.Kind, count: Int)] {
            var n: [Finding.Kind: Int] = [:]
            for f in findings { n[f.kind, default: 0] += 1 }
            return Finding.Kind.allCases.compactMap { kind in n[kind].map { (kind, $0) } }
        }
    }

    /// One township's books for one month (`check --month`): which came in, which did not.
    public struct Submission: Sendable, Equatable {
        /// The township (the villages' `township`).
        public var township: String
        /// The month.
        public var month: Month
        /// Villages whose book has a filled-in entry of the month.
        public var received: [String]
        /// Villages whose book did not come in.
        public var missing: [String]
    }

    /// A roster or ledger read from one or more files, with the lines each session came from.
    public struct Ledger: Sendable {
        /// The sessions.
        public var roster: Roster
        /// The file line(s) of each session (a session entered twice has two lines).
        public var lines: [Session: [Int]]
        /// The file name used in messages (the first file's, or how many files were read).
        public var file: String
        /// Every entry, in file order.
        public var entries: [LedgerEntry] = []
        /// The files read, in the order given.
        public var files: [String] = []

        /// Whether any entry is a record (some file had record columns).
        public var hasRecords: Bool { entries.contains(where: \.isRecord) }

        /// The ledger with only the entries of `villages`.
        public func only(villages: Set<String>) -> Ledger {
            var result = self
            result.entries = entries.filter { villages.contains($0.session.village) }
            result.roster = Roster(roster.sessions.filter { villages.contains($0.village) })
            return result
        }
    }

    /// The scenario (villages, advisers, windows, unavailability, daily hours).
    public let scenario: Scenario
    /// The scheduling rules of the scenario's profile.
    public let rules: SchedulingRules
    /// The ledger rules of the scenario's profile, if any.
    public let ledgerRules: LedgerRules?
    /// The working calendar (holidays and make-up workdays).
    public let calendar: WorkCalendar
    /// Village names by id.
    private let villageNames: [String: String]

    /// Sessions ending after this (minutes after midnight) are evening sessions (法律夜校).
    public static let eveningAfter = 18 * 60 + 30

    /// Where call-back verification of ledgers comes from.
    public static let callbackSource = "Guangdong 001 §(十六): 要探索采取电话回访、向村(居)委了解等方式对律师服务日志进行核查,避免出现虚假日志和台账等情况"

    /// Makes an audit for a scenario.
    ///
    /// - Throws: ``ScenarioError`` when the scenario's rule profile has no `scheduling` section,
    ///   since there is then nothing to audit against.
    public init(scenario: Scenario, calendar: WorkCalendar) throws {
        guard let rules = scenario.rules.scheduling else {
            throw ScenarioError([
                Diagnostic(
                    file: "scenario.yaml",
                    tr("audit.noScheduling", ["id": scenario.rules.id, "path": scenario.rules.path]))
            ])
        }
        self.scenario = scenario
        self.rules = rules
        self.ledgerRules = scenario.rules.ledger
        self.calendar = calendar
        villageNames = Dictionary(scenario.villages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Reading a ledger

    /// Reads a roster or ledger (roster.csv columns, plus the optional ledger columns) and checks
    /// it against the scenario: every village and adviser id must be in the scenario, and a
    /// request cannot be dated after the session that answers it.
    ///
    /// - Throws: ``ScenarioError`` listing every problem with `file:line:column`.
    public static func loadLedger(from url: URL, displayName: String, scenario: Scenario) throws -> Ledger {
        try loadLedgers([(url, displayName)], scenario: scenario)
    }

    /// Reads several rosters or ledger books (one per village, as `publish` writes them) into one
    /// ledger; each file is a ledger or a roster by its own header.
    ///
    /// - Throws: ``ScenarioError`` listing every problem of every file with `file:line:column`.
    public static func loadLedgers(_ files: [(url: URL, displayName: String)], scenario: Scenario) throws -> Ledger {
        var problems: [Diagnostic] = []
        var sessions: [Session] = []
        var lines: [Session: [Int]] = [:]
        var entries: [LedgerEntry] = []
        let villageIDs = Set(scenario.villages.map(\.id)), adviserIDs = Set(scenario.advisers.map(\.id))
        let recordNames = Set(Roster.ledgerColumns + Roster.recordColumns)
        for (url, displayName) in files {
            do {
                sessions += try Roster.load(from: url, displayName: displayName).sessions
            } catch let error as ScenarioError {
                problems += error.diagnostics
            }
            // Read the table again for what the roster does not keep: lines, record fields, ids to look up.
            guard let table = try? CSVTable(contentsOf: url, file: displayName) else { continue }
            var index: [String: Int] = [:]
            for (i, h) in table.header.enumerated() {
                // Chinese headers (--lang zh) name the same columns.
                let name = CSVHeaders.english(h.text, file: "ledger")
                if index[name] == nil { index[name] = i }
            }
            let isRecord = index.keys.contains { recordNames.contains($0) }
            for r in table.records where r.fields.count == table.header.count {
                func field(_ name: String) -> CSVTable.Field? { index[name].map { r.fields[$0] } }
                func text(_ name: String) -> String? {
                    field(name).map { $0.text.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
                }
                if let f = field("village_id"), !f.text.isEmpty, !villageIDs.contains(f.text) {
                    problems.append(
                        Diagnostic(
                            file: displayName, line: f.line, column: f.column,
                            tr("audit.ref.village", ["id": f.text])))
                }
                if let f = field("adviser_id"), !f.text.isEmpty, !adviserIDs.contains(f.text) {
                    problems.append(
                        Diagnostic(
                            file: displayName, line: f.line, column: f.column,
                            tr("audit.ref.adviser", ["id": f.text])))
                }
                let day = text("date").flatMap(Day.init)
                let requested = text("requested_on").flatMap(Day.init)
                if let day, let requested, requested > day, let f = field("requested_on") {
                    problems.append(
                        Diagnostic(
                            file: displayName, line: f.line, column: f.column,
                            tr("audit.requestedAfter", ["requested": requested, "day": day])))
                }
                // The same session as Roster.load makes of this record, to remember its line.
                guard let day, let start = text("start").flatMap(Session.minutes),
                    let end = text("end").flatMap(Session.minutes),
                    let adviser = text("adviser_id"), let mode = text("mode").flatMap(Session.Mode.init(rawValue:)),
                    let activity = text("activity").flatMap(Session.Activity.init(rawValue:)),
                    let village = text("village_id") ?? (activity.isAdviserOwn ? "" : nil)
                else { continue }
                func optional(_ name: String) -> String? { field(name).map(\.text).flatMap { $0.isEmpty ? nil : $0 } }
                let session = Session(
                    day: day, start: start, end: end, adviser: adviser, village: village, mode: mode,
                    activity: activity, team: optional("team_id"), personServed: optional("person_served"),
                    content: optional("content"), result: optional("result"), requestedOn: requested)
                lines[session, default: []].append(r.line)
                var recorded: [LedgerRules.Field: String] = [:]
                for f in LedgerRules.Field.allCases { if let v = text(f.rawValue) { recorded[f] = v } }
                entries.append(
                    LedgerEntry(session: session, file: displayName, line: r.line, isRecord: isRecord, fields: recorded)
                )
            }
        }
        guard problems.isEmpty else { throw ScenarioError(problems) }
        let names = files.map(\.displayName)
        var ledger = Ledger(
            roster: Roster(sessions), lines: lines,
            file: names.count == 1 ? names[0] : "\(names.count) files", entries: entries)
        ledger.files = names
        return ledger
    }

    // MARK: Auditing

    /// Audits a ledger read by ``loadLedgers(_:scenario:)``.
    ///
    /// - Parameters:
    ///   - expected: villages that must be served (village id → adviser id), audited even when the
    ///     ledger has no session for them.
    ///   - callbacks: call-back results (``CallbackList``): an entry not confirmed is a finding and
    ///     counts toward no requirement.
    ///   - duties: whether the profile's duties of advisers and firms are audited (not for one
    ///     village's book, which holds none of an adviser's other work).
    ///   - submissions: the month whose books are audited per township (`check --month`), or `nil`.
    public func audit(
        _ ledger: Ledger, from: Month, to: Month, expected: [String: String] = [:],
        callbacks: [CallbackList.Row] = [], duties: Bool = true, submissions: Month? = nil
    ) -> Outcome {
        // A book without a line is still a book handed in: `ledgers/V00001.csv` names its village.
        let named = Set(ledger.files.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension })
        return audit(
            entries: ledger.entries, from: from, to: to, expected: expected, callbacks: callbacks, duties: duties,
            submissions: submissions, books: named.intersection(scenario.villages.map(\.id)))
    }

    /// Audits the sessions of a roster (a plan: no record fields) dated from the first day of
    /// `from` to the last day of `to`; requirements are evaluated only for periods wholly inside
    /// those months.
    ///
    /// - Parameters:
    ///   - lines: the ledger line(s) of each session, quoted in findings when given.
    ///   - expected: villages that must be served (village id → adviser id), audited even when the
    ///     ledger has no session for them — a village missing from a county's ledger is a shortfall,
    ///     not a pass.
    public func audit(
        _ roster: Roster, from: Month, to: Month, lines: [Session: [Int]] = [:],
        expected: [String: String] = [:]
    ) -> Outcome {
        var remaining = lines
        var entries: [LedgerEntry] = []
        for s in roster.sessions {
            var line = 0
            if var l = remaining[s], !l.isEmpty {
                line = l.removeFirst()
                remaining[s] = l
            }
            entries.append(LedgerEntry(session: s, file: "", line: line, isRecord: false))
        }
        return audit(entries: entries, from: from, to: to, expected: expected, callbacks: [])
    }

    /// Audits entries (see the type's documentation): which entries count, then the findings of
    /// each kind, then the outcome in a deterministic order.
    public func audit(
        entries all: [LedgerEntry], from: Month, to: Month, expected: [String: String] = [:],
        callbacks: [CallbackList.Row] = [], duties auditDuties: Bool = true, submissions month: Month? = nil,
        books: Set<String> = []
    ) -> Outcome {
        var st = AuditState(from: from, to: to)
        countEntries(all, callbacks: callbacks, &st)
        complianceFindings(all, expected: expected, &st)
        sessionFindings(&st)
        openRequestFindings(&st)
        dayFindings(&st)
        recordedLectureFindings(&st)
        let dutyRows = dutyFindings(all, auditDuties: auditDuties, &st)
        let submissions = submissionFindings(all, month: month, books: books, expected: expected, &st)
        return outcome(all, st, dutyRows: dutyRows, submissions: submissions)
    }

    /// What one audit has found so far, shared by its steps.
    private struct AuditState {
        let from: Month, to: Month
        var first: Day { from.firstDay }
        var last: Day { to.lastDay }
        var findings: [(sort: Day, finding: Finding)] = []
        /// Call-backs per adviser.
        var tallies: [String: CallbackTally] = [:]
        /// The sessions that count toward the requirements.
        var counted: [Session] = []
        /// Sessions said to have happened: checked for when and where.
        var claimed: [LedgerEntry] = []
        var inRangeClaimed: [LedgerEntry] = []
        /// Days of entries that do not count, per village (not a record, open, not confirmed).
        var excludedByVillage: [String: [Day]] = [:]
        var openRequests: [LedgerEntry] = []
        var stillOpen = 0
        var roster = Roster([])
        var sessionsByVillage: [String: [Session]] = [:]
        var villageIDs: [String] = []
        var adviserOf: [String: String] = [:]
        var rows: [ComplianceRow] = []
        var periodFirstDay: [String: Day] = [:]

        init(from: Month, to: Month) {
            self.from = from
            self.to = to
        }

        mutating func add(_ f: Finding, sort: Day) { findings.append((sort, f)) }
    }

    /// Where an entry stands, when it has a line.
    private func entryLocations(_ e: LedgerEntry) -> [EntryLocation] { e.line > 0 ? [e.location] : [] }

    /// Sorts the entries into those that count and those that do not (each of those a finding),
    /// and tallies the call-backs.
    private func countEntries(_ all: [LedgerEntry], callbacks: [CallbackList.Row], _ st: inout AuditState) {
        let first = st.first, last = st.last
        func add(_ f: Finding, sort: Day) { st.add(f, sort: sort) }
        // (0) Which entries count: a roster's sessions; a ledger's records that are complete, not
        // open requests and not found false by a call-back.
        var results: [EntryKey: (result: CallbackResult, row: CallbackList.Row)] = [:]
        for row in callbacks { if let r = row.result { results[row.key] = (r, row) } }
        let tallies = Self.tallies(callbacks, of: Set(all.map(\.key)))
        var counted: [Session] = []
        var claimed: [LedgerEntry] = []  // sessions said to have happened: checked for when and where
        var excludedByVillage: [String: [Day]] = [:]
        var openRequests: [LedgerEntry] = []
        for e in all {
            let s = e.session
            let inRange = s.day >= first && s.day <= last
            if e.isRecord, rules.responseWorkingDays != nil, e.isOpenRequest {
                openRequests.append(e)
                excludedByVillage[s.village, default: []].append(s.day)
                continue
            }
            let missing = e.missing(ledgerRules)
            if !missing.isEmpty {
                excludedByVillage[s.village, default: []].append(s.day)
                if inRange { add(incompleteFinding(e, missing: missing), sort: s.day) }
                continue
            }
            claimed.append(e)
            if let hit = results[e.key], hit.result == .notConfirmed {
                excludedByVillage[s.village, default: []].append(s.day)
                if inRange { add(notConfirmedFinding(e, callback: hit.row), sort: s.day) }
                continue
            }
            counted.append(s)
        }
        let inRangeClaimed = claimed.filter { $0.session.day >= first && $0.session.day <= last }
        let roster = Roster(counted)
        st.tallies = tallies
        st.counted = counted
        st.claimed = claimed
        st.inRangeClaimed = inRangeClaimed
        st.excludedByVillage = excludedByVillage
        st.openRequests = openRequests
        st.roster = roster
    }

    /// Per adviser, the call-backs of `keys`' entries: listed, confirmed, not confirmed, unreachable.
    private static func tallies(_ callbacks: [CallbackList.Row], of keys: Set<EntryKey>) -> [String: CallbackTally] {
        var tallies: [String: CallbackTally] = [:]
        for row in callbacks where keys.contains(row.key) {
            var t = tallies[row.key.adviser, default: CallbackTally()]
            t.listed += 1
            switch row.result {
            case .confirmed?: t.confirmed += 1
            case .notConfirmed?: t.notConfirmed += 1
            case .unreachable?: t.unreachable += 1
            case nil: break
            }
            tallies[row.key.adviser] = t
        }
        return tallies
    }

    /// A record with fields the ledger rules require left blank: it does not count.
    private func incompleteFinding(
        _ e: LedgerEntry, missing: [(field: LedgerRules.Field, requirement: LedgerRules.FieldRequirement)]
    ) -> Finding {
        let s = e.session
        var sources: [String] = []
        for m in missing where !sources.contains(m.requirement.source) {
            sources.append(m.requirement.source)
        }
        let blank = missing.map { Self.fieldName($0.field) }
        let filled = e.fields.keys.filter { $0 != .signature }.isEmpty
        return Finding(
            kind: .incompleteEntry, village: s.village, adviser: s.adviser, day: s.day,
            rule: missing.map(\.requirement.id).reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }.joined(separator: ","),
            message: tr(
                "audit.incomplete",
                [
                    "who": who(s), "what": describe(s), "nothing": filled ? tr("audit.nothingFilled") : "",
                    "blank": Self.list(blank), "count": blank.count, "sources": sources.joined(separator: "; "),
                ]),
            source: sources.joined(separator: "; "), locations: entryLocations(e))
    }

    /// A record a call-back found not to have happened: it does not count.
    private func notConfirmedFinding(_ e: LedgerEntry, callback row: CallbackList.Row) -> Finding {
        let s = e.session
        return Finding(
            kind: .notConfirmed, village: s.village, adviser: s.adviser, day: s.day,
            message: tr(
                "audit.notConfirmed",
                [
                    "who": who(s), "file": row.file, "line": row.line, "what": describe(s),
                    "source": Self.callbackSource,
                ]),
            source: Self.callbackSource, locations: entryLocations(e))
    }

    /// The compliance rows of every village audited, and a shortfall finding for each row not met.
    private func complianceFindings(_ all: [LedgerEntry], expected: [String: String], _ st: inout AuditState) {
        let first = st.first, last = st.last, from = st.from, to = st.to
        let roster = st.roster, excludedByVillage = st.excludedByVillage
        let villagesByID = Dictionary(scenario.villages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ f: Finding, sort: Day) { st.add(f, sort: sort) }
        // (a) Compliance rows for the villages in the ledger.
        var sessionsByVillage: [String: [Session]] = [:]
        for s in roster.sessions { sessionsByVillage[s.village, default: []].append(s) }
        var allByVillage: [String: [Session]] = [:]
        for e in all where !e.session.village.isEmpty { allByVillage[e.session.village, default: []].append(e.session) }
        let villageIDs = allByVillage.keys.sorted()
        var adviserOf: [String: String] = [:]
        var villageEntries: [(village: Village, adviser: String, flexible: Bool)] = []
        for id in villageIDs {
            let sessions = allByVillage[id]!
            let inside = sessions.filter { $0.day >= first && $0.day <= last }
            adviserOf[id] = Self.mainAdviser(inside.isEmpty ? sessions : inside)
            if let v = villagesByID[id] { villageEntries.append((v, adviserOf[id]!, scenario.isFlexible(v))) }
        }
        for id in expected.keys.sorted() where allByVillage[id] == nil {
            if let v = villagesByID[id] {
                adviserOf[id] = expected[id]!
                villageEntries.append((v, expected[id]!, scenario.isFlexible(v)))
            }
        }
        let evaluator = ComplianceEvaluator(rules: rules)
        let rows = evaluator.evaluate(roster, villages: villageEntries, from: from, to: to)
        let requirements = Dictionary(
            (rules.requirements + rules.flexibleRequirements).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var periodFirstDay: [String: Day] = [:]
        for p in SchedulingRules.Period.allCases {
            for q in ComplianceEvaluator.periods(p, from: from, to: to) { periodFirstDay[q.key] = q.first }
        }
        for row in rows where !row.ok {
            guard let requirement = requirements[row.rule] else { continue }
            let periodFirst = periodFirstDay[row.period] ?? first
            let bounds = requirement.period.bounds(of: periodFirst)
            let periodSessions = (sessionsByVillage[row.village] ?? []).filter {
                $0.day >= bounds.first && $0.day <= bounds.last
            }
            let excluded = (excludedByVillage[row.village] ?? []).filter { $0 >= bounds.first && $0 <= bounds.last }
                .count
            var message = shortfallMessage(row, requirement, periodSessions)
            if excluded > 0 {
                message.removeLast()  // the full stop
                message += tr("audit.excluded", ["count": excluded])
            }
            add(
                Finding(
                    kind: .shortfall, village: row.village, adviser: row.adviser, period: row.period, rule: row.rule,
                    message: message, source: requirement.source),
                sort: periodFirst)
        }
        st.sessionsByVillage = sessionsByVillage
        st.villageIDs = villageIDs
        st.adviserOf = adviserOf
        st.rows = rows
        st.periodFirstDay = periodFirstDay
    }

    /// Findings about single sessions: the day, the hour, training days, unavailability, response time.
    private func sessionFindings(_ st: inout AuditState) {
        var away: [String: [Unavailability]] = [:]
        for u in scenario.unavailability { away[u.adviser, default: []].append(u) }
        let adviserCounty = Dictionary(scenario.advisers.map { ($0.id, $0.county) }, uniquingKeysWith: { a, _ in a })
        var trainingDays: [String: Set<Day>] = [:]
        for (adviser, county) in adviserCounty { trainingDays[adviser] = Set(scenario.trainingDays(ofCounty: county)) }
        let context = SessionContext(
            villagesByID: Dictionary(scenario.villages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            encouraged: rules.eveningAndWeekendEncouraged.flatMap { $0.value ? $0 : nil },
            away: away, adviserCounty: adviserCounty, trainingDays: trainingDays)
        // (b) Sessions on the wrong day or at the wrong hour, or of an unavailable adviser.
        for e in st.inRangeClaimed {
            let checks = [
                dayFinding(e, context), eveningFinding(e, context), trainingDayFinding(e, context),
                unavailableFinding(e, context), lateResponseFinding(e),
            ]
            for f in checks.compactMap({ $0 }) { st.add(f, sort: e.session.day) }
        }
    }

    /// What the checks of single sessions look up: villages, advisers' counties, their training
    /// days and absences, and the profile's encouragement of evening and weekend service (when on).
    private struct SessionContext {
        var villagesByID: [String: Village]
        var encouraged: RuleProfile.Rule<Bool>?
        var away: [String: [Unavailability]]
        var adviserCounty: [String: String]
        var trainingDays: [String: Set<Day>]

        /// The village's service window, or the scenario's when the village is unknown.
        func window(_ s: Session, in scenario: Scenario) -> ServiceWindow {
            villagesByID[s.village].map(scenario.window(of:)) ?? scenario.schedule.window
        }
    }

    /// A session on a public holiday, or on a rest day its village's service days do not allow
    /// (a note only where the profile encourages weekend service); the adviser's own training
    /// and reports are exempt.
    private func dayFinding(_ e: LedgerEntry, _ c: SessionContext) -> Finding? {
        let s = e.session
        guard !s.activity.isAdviserOwn else { return nil }
        let who = self.who(s), what = describe(s)
        if calendar.isHoliday(s.day) {
            let name = calendar.entries[s.day]?.name ?? tr("audit.holiday.name")
            return Finding(
                kind: .holiday, village: s.village, adviser: s.adviser, day: s.day,
                message: tr("audit.holiday", ["who": who, "what": what, "name": name, "calendar": calendar.source]),
                source: tr("audit.holiday.source", ["calendar": calendar.source]), locations: entryLocations(e))
        }
        let window = c.window(s, in: scenario)
        guard !calendar.isWorkingDay(s.day) && !window.weekendDays.contains(s.day.weekday) else { return nil }
        let setting =
            c.villagesByID[s.village]?.serviceDays != nil
            ? tr("audit.setting.serviceDays.village", ["village": s.village])
            : tr("audit.setting.serviceDays.scenario")
        if let encouraged = c.encouraged {
            return Finding(
                kind: .restDay, severity: .info, village: s.village, adviser: s.adviser, day: s.day,
                message: tr(
                    "audit.restDay.encouraged",
                    [
                        "who": who, "what": what, "weekday": Self.weekdayName(s.day.weekday), "setting": setting,
                        "source": encouraged.source,
                    ]),
                source: encouraged.source, locations: entryLocations(e))
        }
        let allowed =
            window.weekendDays.isEmpty
            ? tr("audit.allowed.workingOnly")
            : tr(
                "audit.allowed.workingAnd",
                ["days": window.weekendDays.sorted().map(Self.weekdayName).joined(separator: tr("list.separator"))])
        return Finding(
            kind: .restDay, village: s.village, adviser: s.adviser, day: s.day,
            message: tr(
                "audit.restDay",
                [
                    "who": who, "what": what, "weekday": Self.weekdayName(s.day.weekday), "allowed": allowed,
                    "setting": setting,
                ]),
            source: setting, locations: entryLocations(e))
    }

    /// A session ending after ``eveningAfter`` where the village's window has no evenings (a
    /// note only where the profile encourages evening service).
    private func eveningFinding(_ e: LedgerEntry, _ c: SessionContext) -> Finding? {
        let s = e.session
        guard s.end > Self.eveningAfter && !c.window(s, in: scenario).evening && !s.activity.isAdviserOwn else {
            return nil
        }
        let who = self.who(s), what = describe(s)
        let setting =
            c.villagesByID[s.village]?.evening != nil
            ? tr("audit.setting.evening.village", ["village": s.village]) : tr("audit.setting.evening.scenario")
        if let encouraged = c.encouraged {
            return Finding(
                kind: .evening, severity: .info, village: s.village, adviser: s.adviser, day: s.day,
                message: tr(
                    "audit.evening.encouraged",
                    ["who": who, "what": what, "setting": setting, "source": encouraged.source]),
                source: encouraged.source, locations: entryLocations(e))
        }
        return Finding(
            kind: .evening, village: s.village, adviser: s.adviser, day: s.day,
            message: tr("audit.evening", ["who": who, "what": what, "setting": setting]),
            source: setting, locations: entryLocations(e))
    }

    /// A village session on a training day of the adviser's county.
    private func trainingDayFinding(_ e: LedgerEntry, _ c: SessionContext) -> Finding? {
        let s = e.session
        guard !s.activity.isAdviserOwn, c.trainingDays[s.adviser]?.contains(s.day) ?? false else { return nil }
        let county = c.adviserCounty[s.adviser] ?? ""
        return Finding(
            kind: .trainingDay, village: s.village, adviser: s.adviser, day: s.day,
            message: tr("audit.trainingDay", ["who": who(s), "what": describe(s), "county": county]),
            source: "training_days", locations: entryLocations(e))
    }

    /// A session on a day the adviser is away (availability.csv).
    private func unavailableFinding(_ e: LedgerEntry, _ c: SessionContext) -> Finding? {
        let s = e.session
        guard let u = c.away[s.adviser]?.first(where: { s.day >= $0.from && s.day <= $0.to }) else { return nil }
        let reason = u.reason.isEmpty ? "" : " (\(u.reason))"
        return Finding(
            kind: .unavailable, village: s.village, adviser: s.adviser, day: s.day,
            message: tr(
                "audit.unavailable", ["who": who(s), "what": describe(s), "from": u.from, "to": u.to, "reason": reason]),
            source: "availability.csv", locations: entryLocations(e))
    }

    /// A request answered later than the profile's response time, in working days.
    private func lateResponseFinding(_ e: LedgerEntry) -> Finding? {
        let s = e.session
        guard let limit = rules.responseWorkingDays, let requested = s.requestedOn else { return nil }
        let took = calendar.workingDaysBetween(requested, s.day)
        guard took > limit.value else { return nil }
        return Finding(
            kind: .lateResponse, village: s.village, adviser: s.adviser, day: s.day, rule: "response_working_days",
            message: tr(
                "audit.lateResponse",
                [
                    "who": who(s), "requested": describe(requested), "answered": describe(s.day), "took": took,
                    "limit": limit.value, "source": limit.source,
                ]),
            source: limit.source, locations: entryLocations(e))
    }

    /// Requests with no answer recorded.
    private func openRequestFindings(_ st: inout AuditState) {
        let first = st.first, last = st.last, openRequests = st.openRequests
        func add(_ f: Finding, sort: Day) { st.add(f, sort: sort) }
        // (b') Requests with no answer recorded: a finding once the response time has passed by the
        // audit's end (000 §三(三)), a note while it has not.
        var stillOpen = 0
        if let limit = rules.responseWorkingDays {
            for e in openRequests {
                guard let requested = e.session.requestedOn, requested >= first, requested <= last else { continue }
                let s = e.session
                let elapsed = calendar.workingDaysBetween(requested, last)
                guard elapsed > limit.value else {
                    stillOpen += 1
                    continue
                }
                add(
                    Finding(
                        kind: .unansweredRequest, village: s.village, adviser: s.adviser, day: requested,
                        rule: "response_working_days",
                        message: tr(
                            "audit.unanswered",
                            [
                                "who": who(s), "requested": describe(requested), "day": s.day, "last": last,
                                "elapsed": elapsed,
                                "limit": limit.value, "source": limit.source,
                            ]),
                        source: limit.source, locations: entryLocations(e)),
                    sort: requested)
            }
        }
        st.stillOpen = stillOpen
    }

    /// Findings about one adviser's day: overlaps and the daily limit.
    private func dayFindings(_ st: inout AuditState) {
        let inRangeClaimed = st.inRangeClaimed
        func add(_ f: Finding, sort: Day) { st.add(f, sort: sort) }
        // (c) One adviser's day: overlaps and the daily limit.
        var byAdviserDay: [String: [LedgerEntry]] = [:]
        for e in inRangeClaimed {
            byAdviserDay[e.session.adviser + "\u{1F}" + e.session.day.description, default: []].append(e)
        }
        let dailyLimit = scenario.schedule.dailyHours
        for key in byAdviserDay.keys.sorted() {
            let day = byAdviserDay[key]!.sorted {
                ($0.session.start, $0.session.end, $0.session.village, $0.file, $0.line) < (
                    $1.session.start, $1.session.end, $1.session.village, $1.file, $1.line
                )
            }
            for i in day.indices {
                for j in day.indices where j > i && day[j].session.start < day[i].session.end {
                    let a = day[i].session, b = day[j].session
                    let same = a == b
                    add(
                        Finding(
                            kind: .overlap, village: a.village, adviser: a.adviser, day: a.day,
                            message: tr("audit.overlap.head", ["adviser": a.adviser, "day": describe(a.day)])
                                + (same
                                    ? tr(
                                        "audit.overlap.same",
                                        [
                                            "village": villageName(a.village), "start": Session.clock(a.start),
                                            "end": Session.clock(a.end),
                                        ])
                                    : tr(
                                        "audit.overlap.two",
                                        [
                                            "start": Session.clock(a.start), "end": Session.clock(a.end),
                                            "village": villageName(a.village),
                                            "start2": Session.clock(b.start), "end2": Session.clock(b.end),
                                            "village2": villageName(b.village),
                                        ]))
                                + tr("audit.overlap.tail"),
                            source: tr("audit.overlap.source"),
                            locations: (entryLocations(day[i]) + entryLocations(day[j])).sorted()),
                        sort: a.day)
                }
            }
            let total = day.reduce(0) { $0 + $1.session.hours }
            if total > dailyLimit + 1e-9, let firstSession = day.first?.session {
                var villages: [String] = []
                for e in day where !villages.contains(e.session.village) { villages.append(e.session.village) }
                add(
                    Finding(
                        kind: .dailyLimit, village: firstSession.village, adviser: firstSession.adviser,
                        day: firstSession.day,
                        message: tr(
                            "audit.daily",
                            [
                                "adviser": firstSession.adviser, "day": describe(firstSession.day),
                                "total": Self.number(total),
                                "villages": villages.map(villageName).joined(separator: tr("list.separator")),
                                "limit": Self.number(dailyLimit),
                            ]),
                        source: tr("audit.daily.source"), locations: day.flatMap(entryLocations).sorted()),
                    sort: firstSession.day)
            }
        }
    }

    /// Recorded lectures beyond the yearly limit.
    private func recordedLectureFindings(_ st: inout AuditState) {
        let from = st.from, to = st.to, claimed = st.claimed, villageIDs = st.villageIDs
        let sessionsByVillage = st.sessionsByVillage, adviserOf = st.adviserOf
        func add(_ f: Finding, sort: Day) { st.add(f, sort: sort) }
        // (d) Recorded lectures over the yearly limit, for whole years audited.
        if let cap = rules.recordedLecturesPerYear {
            var entryOf: [Session: [LedgerEntry]] = [:]
            for e in claimed { entryOf[e.session, default: []].append(e) }
            for year in ComplianceEvaluator.periods(.year, from: from, to: to) {
                for id in villageIDs {
                    let recorded = (sessionsByVillage[id] ?? []).filter {
                        $0.mode == .recorded && ($0.activity == .lecture || $0.activity == .event)
                            && $0.day >= year.first && $0.day <= year.last
                    }
                    guard recorded.count > cap.value else { continue }
                    let extra = Array(recorded.dropFirst(cap.value))
                    add(
                        Finding(
                            kind: .recordedLectures, village: id, adviser: adviserOf[id] ?? extra[0].adviser,
                            day: extra[0].day,
                            period: year.key, rule: "recorded_lectures_per_year",
                            message: tr(
                                "audit.recorded",
                                [
                                    "who": tr(
                                        "audit.who",
                                        ["village": villageName(id), "adviser": adviserOf[id] ?? extra[0].adviser]),
                                    "count": recorded.count, "year": Self.describeYear(year.key),
                                    "days": recorded.map { $0.day.description }.joined(separator: tr("list.separator")),
                                    "cap": cap.value, "extra": extra.count, "ordinal": Self.ordinal(cap.value),
                                    "source": cap.source,
                                ]),
                            source: cap.source,
                            locations: Array(Set(extra.flatMap { (entryOf[$0] ?? []).flatMap(entryLocations) }))
                                .sorted()),
                        sort: extra[0].day)
                }
            }
        }
    }

    /// The duty rows of advisers and firms (none unless `auditDuties`), and a finding for each not met.
    private func dutyFindings(_ all: [LedgerEntry], auditDuties: Bool, _ st: inout AuditState) -> [DutyRow] {
        let first = st.first, last = st.last, from = st.from, to = st.to
        let adviserOf = st.adviserOf, counted = st.counted, periodFirstDay = st.periodFirstDay
        func add(_ f: Finding, sort: Day) { st.add(f, sort: sort) }
        // (e) The duties of advisers and firms: counted from the entries that count, for every
        // adviser the audit names (and their firms); a roster is a plan, so on-demand duties are
        // not asked of it.
        var dutyRows: [DutyRow] = []
        if auditDuties, let dutyRules = scenario.rules.duties {
            let evaluator = DutyEvaluator(rules: dutyRules, scenario: scenario)
            // Every adviser the villages' rows name (a plan's, even without a line) and every adviser
            // with an entry of the months audited (a team's members each owe their own).
            var owners = Set(adviserOf.values.filter { !$0.isEmpty && $0 != "—" })
            for e in all where e.session.day >= first && e.session.day <= last { owners.insert(e.session.adviser) }
            // A team's apprentice holds sessions but is no adviser of its own (Guangdong 001 §(十二)).
            let excluded = scenario.rules.assignment.excludedStatuses.value
            let notOwing = Set(
                scenario.advisers.filter { $0.role == .apprentice || excluded.contains($0.status) }.map(\.id))
            owners.subtract(notOwing)
            dutyRows = evaluator.evaluate(
                counted, advisers: owners.sorted(), from: from, to: to,
                plannedOnly: !all.contains(where: \.isRecord))
            let byID = Dictionary(dutyRules.duties.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for row in dutyRows where !row.ok {
                guard let duty = byID[row.rule] else { continue }
                let label =
                    Session.Activity(rawValue: duty.activity).map { "\($0.rawValue) (\($0.chineseName))" }
                    ?? duty.activity
                let owner = tr(row.scope == .firm ? "audit.duty.firm" : "audit.duty.adviser", ["id": row.id])
                var f = Finding(
                    kind: .duty, village: "", adviser: row.scope == .adviser ? row.id : "", period: row.period,
                    rule: row.rule,
                    message: tr(
                        "audit.duty",
                        [
                            "owner": owner, "period": Self.describePeriod(row.period), "rule": row.rule,
                            "required": row.required,
                            "label": label, "byFirm": row.scope == .firm ? tr("audit.duty.byFirm") : "",
                            "done": row.done,
                            "source": row.source,
                        ]),
                    source: row.source)
                if row.scope == .firm { f.firm = row.id }
                let bounds = duty.period.bounds(of: periodFirstDay[row.period] ?? first)
                add(f, sort: bounds.first)
            }
        }
        return dutyRows
    }

    /// `--month`: the books per township, and a finding for each that did not come in.
    private func submissionFindings(
        _ all: [LedgerEntry], month: Month?, books: Set<String>, expected: [String: String],
        _ st: inout AuditState
    ) -> [Submission] {
        let villageIDs = st.villageIDs, adviserOf = st.adviserOf
        let villagesByID = Dictionary(scenario.villages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func add(_ f: Finding, sort: Day) { st.add(f, sort: sort) }
        // (f) The month's books per township (`check --month`): a village's book came in when it is
        // among the books given (it has an entry, or a file named after the village) and none of
        // its lines of the month is blank — a book whose lines of the month are not filled in is the
        // published plan, not the month's log; a month without a line has nothing to log.
        var submissions: [Submission] = []
        if let month {
            let required = ledgerRules?.monthlySubmission
            let source = required?.source ?? tr("audit.submission.noRule")
            var inBook = books.union(all.filter(\.isRecord).map(\.session.village))
            for e in all
            where month.firstDay <= e.session.day && e.session.day <= month.lastDay && (!e.isRecord || e.fields.isEmpty)
            {
                inBook.remove(e.session.village)
            }
            let audited = Set(villageIDs).union(expected.keys)
            let byTownship = Dictionary(grouping: audited.sorted().compactMap { villagesByID[$0] }, by: \.township)
            for township in byTownship.keys.sorted() {
                let villages = byTownship[township]!.map(\.id)
                let missing = villages.filter { !inBook.contains($0) }
                submissions.append(
                    Submission(
                        township: township, month: month, received: villages.filter { inBook.contains($0) },
                        missing: missing))
                for v in missing {
                    let adviser = adviserOf[v] ?? expected[v] ?? ""
                    add(
                        Finding(
                            kind: .missingSubmission, severity: required?.value == true ? .breach : .warning,
                            village: v, adviser: adviser,
                            period: month.description, rule: "monthly_submission",
                            message: tr(
                                "audit.submission",
                                [
                                    "village": villageName(v), "township": township, "adviser": adviser,
                                    "period": Self.describePeriod(month.description),
                                    "why": tr(
                                        books.contains(v) || all.contains { $0.session.village == v }
                                            ? "audit.submission.blank" : "audit.submission.none"),
                                    "source": source,
                                ]),
                            source: source),
                        sort: month.firstDay)
                }
            }
        }
        return submissions
    }

    /// The outcome: the findings sorted, the notes, the counts.
    private func outcome(_ all: [LedgerEntry], _ st: AuditState, dutyRows: [DutyRow], submissions: [Submission])
        -> Outcome
    {
        let first = st.first, last = st.last, from = st.from, to = st.to, findings = st.findings
        let rows = st.rows, villageIDs = st.villageIDs, adviserOf = st.adviserOf, counted = st.counted
        let tallies = st.tallies, stillOpen = st.stillOpen
        // Sorted by village, date, kind, then the order found (which is deterministic), on integer
        // keys: a province's ledger can give hundreds of thousands of findings.
        let kindOrder = Dictionary(uniqueKeysWithValues: Finding.Kind.allCases.enumerated().map { ($1, $0) })
        var villageRank: [String: Int] = [:]
        for (i, id) in Set(findings.map(\.finding.village)).sorted().enumerated() { villageRank[id] = i }
        villageRank[""] = Int.max  // the duties of advisers and firms, after every village
        let sortKeys = findings.enumerated().map { i, f in
            (village: villageRank[f.finding.village]!, day: f.sort.ordinal, kind: kindOrder[f.finding.kind]!, index: i)
        }
        let sorted = sortKeys.sorted {
            ($0.village, $0.day, $0.kind, $0.index) < ($1.village, $1.day, $1.kind, $1.index)
        }
        .map { findings[$0.index].finding }

        var notes: [String] = []
        let uncovered = (from.year...to.year).filter { !calendar.years.contains($0) }
        if !uncovered.isEmpty {
            notes.append(
                tr(
                    "audit.note.calendar",
                    [
                        "calendar": calendar.source,
                        "years": uncovered.map(String.init).joined(separator: tr("list.separator")),
                    ]))
        }
        if stillOpen > 0 {
            notes.append(tr("audit.note.open", ["count": stillOpen, "last": last]))
        }
        let inRange = all.filter { $0.session.day >= first && $0.session.day <= last }
        var report = Outcome(
            rows: rows, findings: sorted, from: from, to: to, sessionsAudited: inRange.count,
            sessionsOutside: all.count - inRange.count, villages: villageIDs, advisers: adviserOf, notes: notes)
        report.records = inRange.filter(\.isRecord).count
        report.planned = inRange.count - report.records
        report.counted = counted.filter { $0.day >= first && $0.day <= last }.count
        report.callbacks = tallies
        report.duties = dutyRows
        report.mediations = counted.filter { $0.activity == .mediation && $0.day >= first && $0.day <= last }.count
        report.submissions = submissions
        return report
    }

    /// The adviser with the most sessions (ties: the smaller id).
    static func mainAdviser(_ sessions: [Session]) -> String {
        var count: [String: Int] = [:]
        for s in sessions { count[s.adviser, default: 0] += 1 }
        return count.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key ?? ""
    }

    // MARK: Wording

    /// `双桥村 (V1)`, or the id alone when the village is not in the scenario.
    public func villageName(_ id: String) -> String {
        guard let name = villageNames[id] else { return id }
        return tr("audit.villageName", ["name": name, "id": id])
    }

    /// `双桥村 (V1), adviser A001`.
    private func who(_ s: Session) -> String {
        tr("audit.who", ["village": villageName(s.village), "adviser": s.adviser])
    }

    /// `2026-03-10 (Tuesday)`; in Chinese `2026年3月10日（星期二）`.
    private func describe(_ day: Day) -> String {
        tr("day.withWeekday", ["day": PeriodText.isoDay(day.description), "weekday": Self.weekdayName(day.weekday)])
    }

    /// `the on-site service on 2026-03-10 (Tuesday) 09:00–14:00`.
    func describe(_ s: Session) -> String {
        tr(
            "session.describe",
            [
                "mode": Self.modeName(s.mode),
                "activity": Catalogue.pick(en: s.activity.rawValue, zh: s.activity.chineseName),
                "day": describe(s.day), "start": Session.clock(s.start), "end": Session.clock(s.end),
            ])
    }

    /// A ledger field in words: `person served`, `photo evidence` ….
    public static func fieldName(_ f: LedgerRules.Field) -> String {
        switch f {
        case .personServed: return tr("ledger.field.personServed")
        case .content: return tr("ledger.field.content")
        case .result: return tr("ledger.field.result")
        case .signature: return tr("ledger.field.signature")
        case .contactPhone: return tr("ledger.field.contactPhone")
        case .matter: return tr("ledger.field.matter")
        case .place: return tr("ledger.field.place")
        case .attendees: return tr("ledger.field.attendees")
        case .photo: return tr("ledger.field.photo")
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.count <= 1
            ? items.joined() : items.dropLast().joined(separator: tr("list.separator")) + tr("list.and") + items.last!
    }

    private func shortfallMessage(_ row: ComplianceRow, _ r: SchedulingRules.Requirement, _ sessions: [Session])
        -> String
    {
        let need = Self.number(r.minimum)
        let has = Self.number(row.planned)
        let asks: String, shows: String
        switch r.measure {
        case .onsiteVisits:
            let length = r.minVisitHours.map { tr("short.visits.length", ["hours": Self.number($0)]) } ?? ""
            asks = tr("short.visits.asks", ["need": need, "length": length])
            let shorter =
                r.minVisitHours.map { min in sessions.filter { $0.mode == .onsite && $0.hours + 1e-9 < min }.count }
                ?? 0
            shows =
                tr("short.visits.shows", ["has": has])
                + (shorter > 0 ? tr("short.visits.shorter", ["shorter": shorter]) : "")
        case .onsiteHours:
            asks = tr("short.hours.asks", ["need": need])
            let other = sessions.filter { $0.mode != .onsite }.reduce(0) { $0 + $1.hours }
            shows =
                tr("short.hours.shows", ["has": has])
                + (other > 0 ? tr("short.hours.other", ["other": Self.number(other)]) : "")
        case .serviceHours:
            let onsite = sessions.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
            let other = sessions.filter { $0.mode != .onsite }.reduce(0) { $0 + $1.hours }
            if let share = r.offsiteShareMax {
                let cap = share * r.minimum
                asks = tr(
                    "short.service.asksShare",
                    ["need": need, "cap": Self.number(cap), "percent": Self.number(share * 100)])
                shows =
                    tr("short.service.showsShare", ["onsite": Self.number(onsite), "other": Self.number(other)])
                    + (other > cap + 1e-9
                        ? tr("short.service.over", ["has": has, "cap": Self.number(cap)])
                        : tr("short.service.inAll", ["has": has]))
            } else {
                asks = tr("short.service.asks", ["need": need])
                shows = tr(
                    "short.service.shows", ["has": has, "onsite": Self.number(onsite), "other": Self.number(other)])
            }
        case .lectures:
            asks = tr("short.lectures.asks", ["need": need])
            shows = tr("short.counted", ["has": has])
        case .trainings:
            asks = tr(
                "short.trainings.asks",
                ["need": need, "audience": r.audience.map { tr("short.trainings.for", ["audience": $0]) } ?? ""])
            shows = "\(has)"
        case .lecturesOrEvents:
            asks = tr("short.events.asks", ["need": need])
            shows = tr("short.counted", ["has": has])
        }
        return tr(
            "short.message",
            [
                "village": villageName(row.village), "adviser": row.adviser, "period": Self.describePeriod(row.period),
                "rule": row.rule, "asks": asks, "shows": shows, "source": r.source,
            ])
    }

    /// `March 2026`, `Q2 2026 (April–June)`, `the first half of 2026`, `the year 2026`; in Chinese
    /// `2026年3月`, `2026年第二季度`, `2026年上半年`, `2026年`.
    public static func describePeriod(_ key: String) -> String {
        Catalogue.pick(en: describePeriodInEnglish(key), zh: PeriodText.period(key, in: .zh))
    }

    /// A year key (`2026`) as ``describePeriod(_:)`` would not write it in a sentence: `2026`, `2026年`.
    static func describeYear(_ key: String) -> String { Catalogue.pick(en: key, zh: PeriodText.period(key, in: .zh)) }

    static func describePeriodInEnglish(_ key: String) -> String {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ]
        if let m = Month(key) { return "\(months[m.month - 1]) \(m.year)" }
        let parts = key.split(separator: "-")
        if parts.count == 2, let tag = parts[1].first, let n = Int(parts[1].dropFirst()) {
            if tag == "Q", (1...4).contains(n) {
                return "Q\(n) \(parts[0]) (\(months[3 * n - 3])–\(months[3 * n - 1]))"
            }
            if tag == "H", (1...2).contains(n) {
                return
                    "the \(n == 1 ? "first" : "second") half of \(parts[0]) (\(n == 1 ? "January–June" : "July–December"))"
            }
        }
        return parts.count == 1 ? "the year \(key)" : key
    }

    static func modeName(_ m: Session.Mode) -> String {
        switch m {
        case .onsite: return tr("mode.onsite")
        case .offsite: return tr("mode.offsite")
        case .online: return tr("mode.online")
        case .recorded: return tr("mode.recorded")
        }
    }

    static func weekdayName(_ d: Int) -> String {
        tr("weekday.\((d - 1 + 7) % 7 + 1)")
    }

    static func ordinal(_ n: Int) -> String {
        Catalogue.pick(en: englishOrdinal(n), zh: "第\(n)次")
    }

    static func englishOrdinal(_ n: Int) -> String {
        let suffix =
            (11...13).contains(n % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
        return "\(n)\(suffix)"
    }

    /// `5`, `4.5`, `3.25`: hours and counts as people write them.
    public static func number(_ x: Double) -> String {
        if abs(x - x.rounded()) < 1e-9 { return String(Int(x.rounded())) }
        var s = String(format: "%.2f", x)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
