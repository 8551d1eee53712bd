import CounselModel
import Foundation
import GLPK

/// Who serves a village, as read from an assignment plan.
public struct ServiceAssignment: Hashable, Sendable {
    /// The adviser (a team's lead when a team serves the village).
    public var adviser: String
    /// The team, when the team model is in use.
    public var team: String?

    /// Makes an assignment.
    public init(adviser: String, team: String? = nil) {
        self.adviser = adviser
        self.team = team
    }
}

/// One session the rules call for, before it has a date: the unit of the scheduling model.
public struct ServiceNeed: Hashable, Sendable {
    /// Village id.
    public var village: String
    /// What it is.
    public var activity: Session.Activity
    /// Where.
    public var mode: Session.Mode
    /// Length in hours.
    public var hours: Double
    /// The period it must fall in.
    public var first: Day
    public var last: Day
    /// The day it would best fall on (spreads sessions through their period).
    public var ideal: Day
    /// The requirement that calls for it (or the duty, ``DutyRules``).
    public var requirement: String
    /// The team member who must hold it (an adviser's own duty), or `nil` for any member of the unit.
    public var member: String? = nil
}

/// A session the planner could not place, and why.
public struct Shortfall: Hashable, Sendable {
    /// Village id.
    public var village: String
    /// Adviser id.
    public var adviser: String
    /// Requirement id.
    public var requirement: String
    /// Period key.
    public var period: String
    /// Why, in plain words.
    public var reason: String
}

/// A dated roster for a set of villages, with its compliance and what could not be planned.
public struct SchedulePlan: Sendable {
    /// The sessions.
    public var roster: Roster
    /// Every rule, village and period.
    public var compliance: [ComplianceRow]
    /// Sessions the rules call for that could not be placed, with reasons.
    public var shortfalls: [Shortfall]
    /// Every duty of the profile (``DutyRules``) that `schedule` plans, per adviser or firm and
    /// whole period, with the sessions planned for it.
    public var duties: [DutyRow] = []
    /// Duty sessions that could not be placed, and duties with no date to plan (a training without
    /// the county's training days), with reasons.
    public var dutyShortfalls: [Shortfall] = []
    /// Whether every unit's model was solved to optimality.
    public var allOptimal: Bool
    /// Units (advisers or teams) planned.
    public var units: Int
    /// GLPK variables over all units.
    public var variables: Int
    /// Seconds spent.
    public var seconds: Double
}

/// Builds on-site rosters and lecture calendars with one integer program per adviser (or team).
///
/// For each village the rules of its profile are turned into needs (``ServiceNeed``): a visit, an
/// off-site session, a lecture or a training, each with the period it must fall in and an ideal
/// day that spreads the sessions through the period. The integer program for one adviser (or team)
/// then chooses a day and a slot (morning 09:00, afternoon from 14:00, evening 19:00 where allowed)
/// for every need:
///
///     minimise   Σ cost(need, member, day, slot)·x + 1000·Σ missed
///     subject to Σ x(need, ·) + missed(need) = 1                    every need
///                Σ x(·, member, day, slot) ≤ 1                      one place at a time
///                Σ hours·x(·, member, day, ·) ≤ daily hours          daily limit (default 8)
///                Σ x(morning, v) + Σ x(afternoon, w) ≤ 1    for w more than 30 min from v (travel)
///
/// with x only on days the village may be served (working days, or weekends its window allows;
/// never official holidays) and the member is available. The cost is the distance in days from
/// the ideal day plus small costs for afternoon, evening and weekend slots, so sessions spread
/// through their periods; two villages share a day only when they are within 30 minutes. In a
/// team each session has a preferred member (the team's hours dealt out in date order), and
/// another member costs a little more, so the members share the hours and still cover for each other. A need that cannot be placed
/// is counted as missed; compliance then shows the shortfall and ``Shortfall`` says why.
public struct RosterPlanner: Sendable {
    /// GLPK options for each unit's model.
    public var options: SolverOptions
    /// Worker threads.
    public var threads: Int
    /// Candidate days per need: the nearest usable days to its ideal day within its period.
    public var candidateDays: Int
    /// Called with (units planned, units in all) as units finish, or `nil`.
    public var progress: (@Sendable (Int, Int) -> Void)?

    /// Makes a planner.
    public init(
        options: SolverOptions = SolverOptions(timeLimit: 20, relativeGap: 1e-3),
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, candidateDays: Int = 10
    ) {
        self.options = options
        self.threads = threads
        self.candidateDays = candidateDays
    }

    /// Plans the months `from ... to` for every village with an assignment.
    public func plan(
        scenario: Scenario, calendar: WorkCalendar, assignment: [String: ServiceAssignment],
        from: Month, to: Month
    ) throws -> SchedulePlan {
        let started = Date()
        guard let rules = scenario.rules.scheduling else {
            throw SchedulingError.noScheduling(profile: scenario.rules.id)
        }
        let villages = scenario.villages.sorted { $0.id < $1.id }
        let townshipMode = Dictionary(scenario.townships.map { ($0.id, $0.mode) }, uniquingKeysWith: { a, _ in a })
        var units = Self.units(villages, assignment: assignment, scenario: scenario)
        let keys = units.keys.sorted()
        let context = PlanningContext(
            scenario: scenario, calendar: calendar, rules: rules, townshipMode: townshipMode,
            from: from, to: to, candidateDays: candidateDays)
        // The duties that are not a village's sessions: each adviser's own (in one of the adviser's
        // villages, or in none), each firm's (by its first adviser), and the county's training days.
        let duties = DutyPlan(
            scenario: scenario, rules: rules, assignment: assignment, units: units, from: from, to: to,
            online: { v in (rules.onlineTownships?.value ?? false) && townshipMode[v.township] == .online })
        for (key, needs) in duties.needs { units[key]?.extra = needs }
        let options = self.options
        let frozen = units
        let total = keys.count
        let report = progress
        let results = try ParallelSolves.map(
            count: keys.count, threads: threads,
            order: keys.indices.sorted { frozen[keys[$0]]!.villages.count > frozen[keys[$1]]!.villages.count },
            progress: report.map { r in { done in r(done, total) } }
        ) { i in
            let unit = frozen[keys[i]]!
            return try UnitModel(
                context: context, members: unit.members, team: unit.team, villages: unit.villages, extra: unit.extra
            )
            .solve(options: options)
        }
        var sessions: [Session] = duties.trainings
        var shortfalls: [Shortfall] = []
        var dutyShortfalls: [Shortfall] = duties.shortfalls
        var allOptimal = true
        var variables = 0
        let dutyIDs = Set((scenario.rules.duties?.duties ?? []).map(\.id))
        for r in results {
            sessions += r.sessions
            shortfalls += r.shortfalls.filter { !dutyIDs.contains($0.requirement) }
            dutyShortfalls += r.shortfalls.filter { dutyIDs.contains($0.requirement) }
            allOptimal = allOptimal && r.optimal
            variables += r.variables
        }
        let roster = Roster(sessions)
        let evaluated = villages.compactMap { v -> (Village, String, Bool)? in
            assignment[v.id].map { (v, $0.adviser, scenario.isFlexible(v)) }
        }
        let compliance = ComplianceEvaluator(rules: rules).evaluate(roster, villages: evaluated, from: from, to: to)
        var plan = SchedulePlan(
            roster: roster, compliance: compliance,
            shortfalls: shortfalls.sorted {
                ($0.village, $0.period, $0.requirement) < ($1.village, $1.period, $1.requirement)
            },
            allOptimal: allOptimal, units: keys.count, variables: variables,
            seconds: Date().timeIntervalSince(started))
        if let dutyRules = scenario.rules.duties {
            plan.duties = DutyEvaluator(rules: dutyRules, scenario: scenario)
                .evaluate(roster.sessions, advisers: duties.advisers, from: from, to: to, plannedOnly: true)
            plan.dutyShortfalls = dutyShortfalls.sorted {
                ($0.adviser, $0.requirement, $0.period, $0.village) < (
                    $1.adviser, $1.requirement, $1.period, $1.village
                )
            }
        }
        return plan
    }

    /// The units to plan, by key (`team:T1`, `adviser:A1`): a team (its members share the
    /// villages; members of an excluded status left out) or a single adviser, with its villages.
    static func units(
        _ villages: [Village], assignment: [String: ServiceAssignment], scenario: Scenario
    ) -> [String: (members: [String], team: String?, villages: [Village], extra: [ServiceNeed])] {
        let teamMembers = Dictionary(grouping: scenario.teamMembers, by: \.team)
        var units: [String: (members: [String], team: String?, villages: [Village], extra: [ServiceNeed])] = [:]
        for v in villages {
            guard let a = assignment[v.id] else { continue }
            let key = a.team.map { "team:" + $0 } ?? "adviser:" + a.adviser
            if units[key] == nil {
                var members = [a.adviser]
                if let team = a.team, let listed = teamMembers[team] {
                    let eligible = listed.map(\.member).filter { m in
                        scenario.advisers.first { $0.id == m }.map {
                            !scenario.rules.assignment.excludedStatuses.value.contains($0.status)
                        } ?? false
                    }
                    members = Array(Set(eligible + [a.adviser])).sorted()
                }
                units[key] = (members, a.team, [], [])
            }
            units[key]!.villages.append(v)
        }
        return units
    }

    /// The needs the rules create for one village (exposed for tests and explanations).
    ///
    /// - Parameter phase: where in each period (0–1) the village's first session would best fall;
    ///   villages of one township share a phase, so their sessions fall on the same days.
    public static func needs(
        for village: Village, rules: SchedulingRules, flexible: Bool, online: Bool,
        from: Month, to: Month, phase: Double = 0.5
    ) -> [ServiceNeed] {
        let granularity: [SchedulingRules.Period: Int] = [.month: 0, .quarter: 1, .halfYear: 2, .year: 3]
        let measureOrder: [SchedulingRules.Measure: Int] = [
            .lectures: 0, .trainings: 0, .lecturesOrEvents: 0,
            .onsiteVisits: 1, .onsiteHours: 2, .serviceHours: 3,
        ]
        let ordered = rules.requirements(flexible: flexible).sorted {
            (granularity[$0.period]!, measureOrder[$0.measure]!, $0.id) < (
                granularity[$1.period]!, measureOrder[$1.measure]!, $1.id
            )
        }
        let visitMode: Session.Mode = online ? .online : .onsite
        let visitLength = rules.visitHours.value
        var needs: [ServiceNeed] = []
        for req in ordered {
            for p in ComplianceEvaluator.periods(req.period, from: from, to: to) {
                let inside = needs.filter { $0.first >= p.first && $0.last <= p.last }
                var added: [(Session.Activity, Session.Mode, Double)] = []
                func count(_ acts: Set<Session.Activity>) -> Int { inside.filter { acts.contains($0.activity) }.count }
                let onsiteHours = inside.filter { $0.mode == .onsite }.reduce(0) { $0 + $1.hours }
                switch req.measure {
                case .lectures:
                    for _ in 0..<max(0, Int(req.minimum.rounded(.up)) - count([.lecture])) {
                        added.append((.lecture, visitMode, rules.lectureHours.value))
                    }
                case .trainings:
                    for _ in 0..<max(0, Int(req.minimum.rounded(.up)) - count([.training])) {
                        added.append((.training, visitMode, rules.lectureHours.value))
                    }
                case .lecturesOrEvents:
                    let missing = max(0, Int(req.minimum.rounded(.up)) - count([.lecture, .event]))
                    for k in 0..<missing {
                        added.append((k % 2 == 0 ? .lecture : .event, visitMode, rules.lectureHours.value))
                    }
                case .onsiteVisits:
                    let length = max(visitLength, req.minVisitHours ?? 0)
                    let have = inside.filter { $0.mode == visitMode && $0.hours + 1e-9 >= (req.minVisitHours ?? 0) }
                        .count
                    for _ in 0..<max(0, Int(req.minimum.rounded(.up)) - have) {
                        added.append((.service, visitMode, length))
                    }
                case .onsiteHours:
                    let have = online ? inside.filter { $0.mode == .online }.reduce(0) { $0 + $1.hours } : onsiteHours
                    let deficit = req.minimum - have
                    if deficit > 1e-9 {
                        for _ in 0..<Int((deficit / visitLength - 1e-9).rounded(.up)) {
                            added.append((.service, visitMode, visitLength))
                        }
                    }
                case .serviceHours:
                    let other = inside.filter { $0.mode != .onsite }.reduce(0) { $0 + $1.hours }
                    let share = req.offsiteShareMax.map { $0 * req.minimum } ?? .infinity
                    var deficit = req.minimum - onsiteHours - min(other, share)
                    if deficit > 1e-9 {
                        let room = max(0, share - min(other, share))
                        let offsite = min(deficit, room)
                        if offsite > 1e-9 && !online {
                            // One off-site session (phone, WeChat, duty at the township station).
                            added.append((.service, .offsite, (offsite * 2).rounded(.up) / 2))
                            deficit -= offsite
                        }
                        if deficit > 1e-9 {
                            for _ in 0..<Int((deficit / visitLength - 1e-9).rounded(.up)) {
                                added.append((.service, visitMode, visitLength))
                            }
                        }
                    }
                }
                let span = p.last.ordinal - p.first.ordinal + 1
                for (k, n) in added.enumerated() {
                    // Off-site sessions need no trip: they take the other half of the period.
                    let at = n.1 == .offsite ? (phase + 0.5).truncatingRemainder(dividingBy: 1) : phase
                    let offset = Int((Double(k) + at) * Double(span) / Double(added.count))
                    needs.append(
                        ServiceNeed(
                            village: village.id, activity: n.0, mode: n.1, hours: n.2, first: p.first, last: p.last,
                            ideal: p.first.adding(min(span - 1, offset)), requirement: req.id))
                }
            }
        }
        return needs
    }
}

/// Why the roster planner could not plan, in its own terms (GLPK's failures are ``GLPKError``s).
public enum SchedulingError: Error, Equatable, CustomStringConvertible {
    /// The rule profile `profile` has no `scheduling:` part.
    case noScheduling(profile: String)
    /// The roster model of one team (or, with `team` nil, of adviser `adviser`) ended without a
    /// solution.
    case notSolved(team: String?, adviser: String, status: SolveStatus)

    /// What went wrong, in the run's language.
    public var description: String {
        switch self {
        case .noScheduling(let profile):
            return tr("roster.noScheduling", ["id": profile])
        case .notSolved(let team, let adviser, let status):
            let who = team.map { tr("roster.who.team", ["id": $0]) } ?? tr("roster.who.adviser", ["id": adviser])
            return tr("roster.ended", ["who": who, "status": status.rawValue])
        }
    }
}

/// What every unit model needs to know.
struct PlanningContext: Sendable {
    var scenario: Scenario
    var calendar: WorkCalendar
    var rules: SchedulingRules
    var townshipMode: [String: Township.Mode]
    var from: Month
    var to: Month
    var candidateDays: Int
}

/// The slots of a day: morning, afternoon, evening (法律夜校, only where allowed).
enum Slot: Int, CaseIterable {
    case morning = 0
    case afternoon = 1
    case evening = 2
    var earliestStart: Int { [9 * 60, 14 * 60, 19 * 60][rawValue] }
    var cost: Double { [0, 0.05, 0.3][rawValue] }
}

/// The integer program of one adviser or team.
struct UnitModel {
    let context: PlanningContext
    let members: [String]
    let team: String?
    let villages: [Village]
    /// The members' duties (``DutyPlan``): needs held by one member, in one of the unit's villages or in none.
    var extra: [ServiceNeed] = []

    struct Result {
        var sessions: [Session]
        var shortfalls: [Shortfall]
        var optimal: Bool
        var variables: Int
    }

    /// A candidate session: need `need` served by member `member` on `day` in `slot` (the binary
    /// column `variable`).
    private struct Column {
        var need: Int
        var member: Int
        var day: Day
        var slot: Slot
        var variable: Int
    }
    private struct SlotKey: Hashable {
        var member: Int
        var day: Int
        var slot: Int
    }
    private struct DayKey: Hashable {
        var member: Int
        var day: Int
    }

    /// The program of the unit with its handles: one binary column per candidate session, one
    /// `missed` column per need.
    private struct Built {
        var program: LinearProgram
        var columns: [Column]
        /// The `missed` column of each need.
        var missed: [Int]
        /// Needs with no candidate day at all (leave, holidays).
        var noDay: [Bool]
    }

    /// Minutes between two villages at the scenario's travel speed, rounded up to 5, cached.
    private struct TravelTimes {
        let villageByID: [String: Village]
        let kmh: Double
        var cache: [String: Int] = [:]

        mutating func minutes(_ a: String, _ b: String) -> Int {
            if a == b { return 0 }
            let key = a < b ? a + "|" + b : b + "|" + a
            if let t = cache[key] { return t }
            let va = villageByID[a]!, vb = villageByID[b]!
            let km = Geography.greatCircleKm(va.latitude, va.longitude, vb.latitude, vb.longitude)
            let t = Int((km / kmh * 60 / 5).rounded(.up)) * 5
            cache[key] = t
            return t
        }
    }

    func solve(options: SolverOptions) throws -> Result {
        let villageByID = Dictionary(uniqueKeysWithValues: villages.map { ($0.id, $0) })
        let needs = serviceNeeds()
        let away = awayDays()
        var travel = TravelTimes(villageByID: villageByID, kmh: context.scenario.schedule.travelKmh)
        let built = buildProgram(
            needs, away: away, preferred: preferredMembers(needs), villageByID: villageByID, travel: &travel)
        let solution = try Solver.solve(built.program, options: options)
        guard solution.status == .optimal || solution.status == .feasible else {
            throw SchedulingError.notSolved(team: team, adviser: members[0], status: solution.status)
        }
        let chosen = built.columns.filter { solution.values[$0.variable] > 0.5 }
        let missed = needs.indices.filter { solution.values[built.missed[$0]] > 0.5 }
        return Result(
            sessions: sessions(chosen, needs: needs, villageByID: villageByID, travel: &travel),
            shortfalls: shortfalls(missed, needs: needs, noDay: built.noDay, away: away),
            optimal: solution.status == .optimal, variables: built.program.variableCount)
    }

    /// What the unit must plan: its villages' sessions and lectures, then its members' duties.
    ///
    /// Villages of one township share a phase in each period, so their sessions fall on the same
    /// days (morning and afternoon) and the adviser travels to one township a day; the townships
    /// take turns through the period.
    private func serviceNeeds() -> [ServiceNeed] {
        let s = context.scenario
        let online = { (v: Village) in
            (context.rules.onlineTownships?.value ?? false) && context.townshipMode[v.township] == .online
        }
        let townships = Array(Set(villages.map(\.township))).sorted()
        var needs: [ServiceNeed] = []
        for v in villages {
            let k = townships.firstIndex(of: v.township)!
            needs += RosterPlanner.needs(
                for: v, rules: context.rules, flexible: s.isFlexible(v), online: online(v),
                from: context.from, to: context.to,
                phase: (Double(k) + 0.5) / Double(townships.count))
        }
        return needs + extra
    }

    /// Days each member cannot serve, with why: leave, and the county's training days (the adviser
    /// is at the training, Nanning 002 §四(二), Jiaocheng 004 §四(一)).
    private func awayDays() -> [String: [(Day, Day, String)]] {
        let s = context.scenario
        var away: [String: [(Day, Day, String)]] = [:]
        for u in s.unavailability where members.contains(u.adviser) {
            away[u.adviser, default: []].append((u.from, u.to, u.reason))
        }
        let county = Dictionary(s.advisers.map { ($0.id, $0.county) }, uniquingKeysWith: { a, _ in a })
        for m in members {
            for d in s.trainingDays(ofCounty: county[m] ?? "") {
                away[m, default: []].append((d, d, tr("roster.trainingDay")))
            }
        }
        return away
    }

    /// Teams share the hours: each need gets a preferred member (in date order, to the least
    /// loaded so far), and another member costs a little more. That balances the load to within
    /// one session and breaks the members' symmetry, while members still cover for each other.
    private func preferredMembers(_ needs: [ServiceNeed]) -> [Int] {
        var preferred = [Int](repeating: 0, count: needs.count)
        guard members.count > 1 else { return preferred }
        var load = [Double](repeating: 0, count: members.count)
        for n in needs.indices.sorted(by: {
            (needs[$0].ideal, needs[$0].village, $0) < (needs[$1].ideal, needs[$1].village, $1)
        }) {
            // A member's own duty is that member's.
            let m =
                needs[n].member.flatMap { members.firstIndex(of: $0) } ?? load.indices.min {
                    (load[$0], $0) < (load[$1], $1)
                }!
            preferred[n] = m
            load[m] += needs[n].hours
        }
        return preferred
    }

    /// The columns (each need's candidate days, members and slots, nearest its ideal day first)
    /// and rows: each need served once or missed, then one place at a time, the daily limit and travel.
    private func buildProgram(
        _ needs: [ServiceNeed], away: [String: [(Day, Day, String)]], preferred: [Int],
        villageByID: [String: Village], travel: inout TravelTimes
    ) -> Built {
        let s = context.scenario
        func available(_ m: String, _ d: Day) -> Bool { !(away[m] ?? []).contains { d >= $0.0 && d <= $0.1 } }
        /// The window of a need's village; a need in no village (a report) has working days only.
        func window(_ need: ServiceNeed) -> ServiceWindow {
            villageByID[need.village].map(s.window(of:)) ?? .workingDays
        }
        func usable(_ need: ServiceNeed, _ d: Day) -> Bool {
            if context.calendar.isHoliday(d) { return false }
            if context.calendar.isWorkingDay(d) { return true }
            if need.mode == .offsite { return false }
            return window(need).weekendDays.contains(d.weekday)
        }
        var built = Built(
            program: LinearProgram(name: "roster", sense: .minimize), columns: [], missed: [],
            noDay: [Bool](repeating: false, count: needs.count))
        var byNeed: [[Int]] = Array(repeating: [], count: needs.count)
        for (n, need) in needs.enumerated() {
            let window = window(need)
            let days = (need.first.ordinal...need.last.ordinal).map(Day.init(ordinal:)).filter { usable(need, $0) }
            for (mi, m) in members.enumerated() where need.member == nil || need.member == m {
                let free = days.filter { available(m, $0) }
                    .sorted {
                        (abs($0.ordinal - need.ideal.ordinal), $0.ordinal) < (
                            abs($1.ordinal - need.ideal.ordinal), $1.ordinal
                        )
                    }
                    .prefix(context.candidateDays)
                for d in free {
                    for slot in Slot.allCases {
                        if slot == .evening && (need.activity == .service || !window.evening || need.hours > 2.5) {
                            continue
                        }
                        // An afternoon session starts at 14:00 and ends by 18:30.
                        if slot == .afternoon && need.hours > 4.5 { continue }
                        let weekend = context.calendar.isWorkingDay(d) ? 0.0 : 1.0
                        let other = preferred[n] != mi ? 1.5 : 0
                        let cost = 0.2 * Double(abs(d.ordinal - need.ideal.ordinal)) + slot.cost + weekend + other
                        let x = built.program.addBinary(name: "x\(built.columns.count)", objective: cost)
                        byNeed[n].append(x.index)
                        built.columns.append(Column(need: n, member: mi, day: d, slot: slot, variable: x.index))
                    }
                }
            }
            built.noDay[n] = byNeed[n].isEmpty
            built.missed.append(
                built.program.addVariable(name: "missed\(n)", bounds: .between(0, 1), objective: 1000).index)
        }
        for n in needs.indices {
            built.program.addConstraint(
                name: "need\(n)",
                terms: byNeed[n].map { (LinearProgram.Variable(index: $0), 1) } + [
                    (LinearProgram.Variable(index: built.missed[n]), 1)
                ],
                bounds: .exactly(1))
        }
        addDayRows(to: &built, needs: needs, travel: &travel)
        return built
    }

    /// One place at a time, the daily limit, and travel between a morning and an afternoon village.
    private func addDayRows(to built: inout Built, needs: [ServiceNeed], travel: inout TravelTimes) {
        let columns = built.columns
        var bySlot: [SlotKey: [Int]] = [:]
        var byDay: [DayKey: [Int]] = [:]
        for (j, c) in columns.enumerated() {
            bySlot[SlotKey(member: c.member, day: c.day.ordinal, slot: c.slot.rawValue), default: []].append(j)
            byDay[DayKey(member: c.member, day: c.day.ordinal), default: []].append(j)
        }
        for key in bySlot.keys.sorted(by: { ($0.member, $0.day, $0.slot) < ($1.member, $1.day, $1.slot) })
        where bySlot[key]!.count > 1 {
            built.program.addConstraint(
                name: "slot", terms: bySlot[key]!.map { (LinearProgram.Variable(index: columns[$0].variable), 1) },
                bounds: .atMost(1))
        }
        let daily = context.scenario.schedule.dailyHours
        for key in byDay.keys.sorted(by: { ($0.member, $0.day) < ($1.member, $1.day) }) {
            let js = byDay[key]!
            // Sessions that can share the day: at most one per slot, so the worst case is the sum of
            // the longest per slot.
            var longest: [Int: Double] = [:]
            for j in js {
                longest[columns[j].slot.rawValue] = max(
                    longest[columns[j].slot.rawValue] ?? 0, needs[columns[j].need].hours)
            }
            if longest.values.reduce(0, +) > daily + 1e-9 {
                built.program.addConstraint(
                    name: "daily",
                    terms: js.map {
                        (LinearProgram.Variable(index: columns[$0].variable), needs[columns[$0].need].hours)
                    },
                    bounds: .atMost(daily))
            }
            // Travel: after a morning in village v, no afternoon in a village more than 30 minutes
            // away (the afternoon must still end by 18:30). One row per morning village:
            // Σ x(morning, v) + Σ x(afternoon, w far from v) ≤ 1.
            let mornings = Dictionary(
                grouping: js.filter { columns[$0].slot == .morning && needs[columns[$0].need].mode == .onsite },
                by: { needs[columns[$0].need].village })
            let afternoons = js.filter { columns[$0].slot != .morning && needs[columns[$0].need].mode == .onsite }
            for v in mornings.keys.sorted() {
                let far = afternoons.filter { travel.minutes(v, needs[columns[$0].need].village) > 30 }
                if far.isEmpty { continue }
                built.program.addConstraint(
                    name: "travel",
                    terms: (mornings[v]! + far).map { (LinearProgram.Variable(index: columns[$0].variable), 1) },
                    bounds: .atMost(1))
            }
        }
    }

    /// The chosen columns as sessions with times: morning from 09:00, afternoon from 14:00 or
    /// after the morning plus travel, evening from 19:00.
    private func sessions(
        _ chosenColumns: [Column], needs: [ServiceNeed], villageByID: [String: Village],
        travel: inout TravelTimes
    ) -> [Session] {
        var chosen: [DayKey: [(Column, ServiceNeed)]] = [:]
        for c in chosenColumns {
            chosen[DayKey(member: c.member, day: c.day.ordinal), default: []].append((c, needs[c.need]))
        }
        var sessions: [Session] = []
        for key in chosen.keys.sorted(by: { ($0.member, $0.day) < ($1.member, $1.day) }) {
            var previousEnd = 0
            var previousVillage: Village?
            for (c, need) in chosen[key]!.sorted(by: { $0.0.slot.rawValue < $1.0.slot.rawValue }) {
                let v = villageByID[need.village]  // nil for a need in no village (a report)
                var start = max(c.slot.earliestStart, previousEnd)
                if let p = previousVillage, let v, need.mode == .onsite, p.id != v.id {
                    start = max(start, previousEnd + travel.minutes(p.id, v.id) + (c.slot == .afternoon ? 30 : 0))
                }
                start = Int((Double(start) / 5).rounded(.up)) * 5
                let end = start + Int((need.hours * 60).rounded())
                sessions.append(
                    Session(
                        day: c.day, start: start, end: end, adviser: members[c.member], village: need.village,
                        mode: need.mode, activity: need.activity, team: team))
                previousEnd = end
                if need.mode == .onsite, let v { previousVillage = v }
            }
        }
        return sessions
    }

    /// The needs the solution misses, each with why: no usable day (and whose leave), or every
    /// usable day taken.
    private func shortfalls(_ missed: [Int], needs: [ServiceNeed], noDay: [Bool], away: [String: [(Day, Day, String)]])
        -> [Shortfall]
    {
        let lead = members.first ?? ""
        let daily = context.scenario.schedule.dailyHours
        return missed.map { n in
            let need = needs[n]
            let members = need.member.map { [$0] } ?? self.members
            let period = ComplianceEvaluator.periodKey(first: need.first, last: need.last)
            var reason: String
            if noDay[n] {
                let leaves = members.flatMap { m in
                    (away[m] ?? []).filter { $0.0 <= need.last && $0.1 >= need.first }.map {
                        tr(
                            "roster.away",
                            ["adviser": m, "from": $0.0, "to": $0.1, "reason": $0.2.isEmpty ? "" : " (\($0.2))"])
                    }
                }
                reason =
                    leaves.isEmpty
                    ? tr("roster.noUsableDay", ["period": PeriodText.period(period)])
                    : tr(
                        "roster.noDayLeft",
                        ["period": PeriodText.period(period), "leaves": leaves.joined(separator: tr("list.semicolon"))])
            } else {
                reason = tr("roster.allTaken", ["period": PeriodText.period(period), "daily": daily.formatted])
            }
            reason = tr(
                "roster.notPlanned",
                [
                    "activity": need.activity.rawValue, "mode": need.mode.rawValue, "hours": need.hours.formatted,
                    "reason": reason,
                ])
            return Shortfall(
                village: need.village, adviser: need.member ?? lead, requirement: need.requirement, period: period,
                reason: reason)
        }
    }
}

extension ComplianceEvaluator {
    /// The key of the period spanning `first ... last` (a month, quarter, half-year or year).
    static func periodKey(first: Day, last: Day) -> String {
        for period in [SchedulingRules.Period.month, .quarter, .halfYear, .year] {
            let b = period.bounds(of: first)
            if b.first == first && b.last == last { return period.key(of: first) }
        }
        return "\(first)–\(last)"
    }
}
