import CounselModel

/// The profile's duties turned into what the roster's models plan (``RosterPlanner``):
///
/// - each adviser's own duties (a campaign's law class, dispute screening and consultation event,
///   Guangdong 001 §(一); a work report, Rongchang 000 §三(三)) as needs held by that adviser, in one of
///   the adviser's villages in turn (a report in none, off site, late in its period);
/// - each firm's duties (the yearly event in a village, Rongchang 000 §三(三)) as needs of the firm's
///   first adviser of the plan, in that adviser's first village;
/// - the county's training days (`training_days`) as a training session of every adviser of the
///   county on each of them (the days are off the roster, Nanning 002 §四(二)).
///
/// Duties a profile does not plan (`planned: false`, a legal-aid case that comes on demand) get
/// no need; a planned training without training days gets a shortfall saying so.
struct DutyPlan {
    /// Needs per unit key (`adviser:A1`, `team:T1`).
    var needs: [String: [ServiceNeed]] = [:]
    /// The training sessions on the county's training days.
    var trainings: [Session] = []
    /// Duties with no date to plan.
    var shortfalls: [Shortfall] = []
    /// The advisers who owe the duties (``DutyEvaluator/advisers(of:scenario:)``).
    var advisers: [String] = []

    init(
        scenario: Scenario, rules: SchedulingRules, assignment: [String: ServiceAssignment],
        units: [String: (members: [String], team: String?, villages: [Village], extra: [ServiceNeed])],
        from: Month, to: Month, online: (Village) -> Bool
    ) {
        guard let dutyRules = scenario.rules.duties else { return }
        advisers = DutyEvaluator.advisers(of: assignment, scenario: scenario)
        let layout = UnitLayout(units)
        let planned = dutyRules.duties.filter(\.planned)
        planOwnDuties(planned, layout, from: from, to: to, online: online)
        planFirmDuties(
            planned, layout, evaluator: DutyEvaluator(rules: dutyRules, scenario: scenario), from: from, to: to,
            online: online)
        planTrainings(planned, layout, scenario: scenario, from: from, to: to)
    }

    /// Each adviser's unit and villages (a team's members share the team's villages), and each
    /// village's township phase in its unit, as the unit's model gives its villages: the townships
    /// take turns through each month, so a duty in a village falls on its township's days.
    struct UnitLayout {
        var unitOf: [String: (key: String, team: String?)] = [:]
        var villagesOf: [String: [Village]] = [:]
        var phase: [String: Double] = [:]

        init(_ units: [String: (members: [String], team: String?, villages: [Village], extra: [ServiceNeed])]) {
            for key in units.keys.sorted() {
                let unit = units[key]!
                for m in unit.members {
                    unitOf[m] = (key, unit.team)
                    villagesOf[m] = unit.villages.sorted { $0.id < $1.id }
                }
                let townships = Array(Set(unit.villages.map(\.township))).sorted()
                for v in unit.villages {
                    phase[v.id] = (Double(townships.firstIndex(of: v.township)!) + 0.5) / Double(townships.count)
                }
            }
        }

        /// The need for one occurrence of `duty` by `adviser` in `village` (none: off site) in
        /// period `p`, ideally `fraction` of the way through it (in a village, moved to its
        /// township's phase of that month).
        func need(
            _ duty: DutyRules.Duty, adviser: String, village: Village?, period p: (key: String, first: Day, last: Day),
            at fraction: Double, online: (Village) -> Bool
        ) -> ServiceNeed? {
            guard let activity = Session.Activity(rawValue: duty.activity) else { return nil }
            let mode: Session.Mode = village == nil ? .offsite : (online(village!) ? .online : .onsite)
            let span = p.last.ordinal - p.first.ordinal + 1
            var ideal = p.first.adding(min(span - 1, max(0, Int(fraction * Double(span)))))
            if let village, let at = phase[village.id] {
                // The month the fraction falls in, at the village's township phase.
                let c = ideal.components
                let month = Month(year: c.year, month: c.month)!
                let days = month.lastDay.ordinal - month.firstDay.ordinal + 1
                ideal = month.firstDay.adding(min(days - 1, Int(at * Double(days))))
            }
            return ServiceNeed(
                village: village?.id ?? "", activity: activity, mode: mode, hours: duty.hours, first: p.first,
                last: p.last,
                ideal: ideal, requirement: duty.id, member: adviser)
        }
    }

    /// Each adviser's own duties, in the adviser's villages in turn (a report in none, late in
    /// its period), spread through each period.
    private mutating func planOwnDuties(
        _ planned: [DutyRules.Duty], _ layout: UnitLayout, from: Month, to: Month, online: (Village) -> Bool
    ) {
        let own = planned.filter { $0.scope == .adviser && $0.activity != Session.Activity.adviserTraining.rawValue }
        for adviser in advisers {
            guard let unit = layout.unitOf[adviser] else { continue }
            let villages = layout.villagesOf[adviser] ?? []
            for (k, duty) in own.enumerated() {
                for (i, p) in ComplianceEvaluator.periods(duty.period, from: from, to: to).enumerated() {
                    for j in 0..<duty.minimum {
                        let inNoVillage = Session.Activity(rawValue: duty.activity)?.isAdviserOwn ?? false
                        if !inNoVillage && villages.isEmpty { continue }
                        let village = inNoVillage ? nil : villages[(k + i + j) % villages.count]
                        // Spread an adviser's duties through the period; a report falls late in it.
                        let fraction =
                            inNoVillage
                            ? 0.8 : (Double(k) + (Double(j) + 0.5) / Double(duty.minimum)) / Double(own.count + 1) + 0.1
                        if let n = layout.need(
                            duty, adviser: adviser, village: village, period: p, at: fraction, online: online)
                        {
                            needs[unit.key, default: []].append(n)
                        }
                    }
                }
            }
        }
    }

    /// Each firm's duties, held by the firm's first adviser of the plan with a village, in that
    /// adviser's first village.
    private mutating func planFirmDuties(
        _ planned: [DutyRules.Duty], _ layout: UnitLayout, evaluator: DutyEvaluator, from: Month, to: Month,
        online: (Village) -> Bool
    ) {
        let firmDuties = planned.filter { $0.scope == .firm }
        for firm in evaluator.firms(of: advisers) {
            // The firm's first adviser of the plan with a village organises it there.
            guard
                let organiser = advisers.first(where: {
                    evaluator.firmOf[$0] == firm && !(layout.villagesOf[$0] ?? []).isEmpty
                }),
                let unit = layout.unitOf[organiser], let village = layout.villagesOf[organiser]?.first
            else { continue }
            for duty in firmDuties {
                for p in ComplianceEvaluator.periods(duty.period, from: from, to: to) {
                    for j in 0..<duty.minimum {
                        let fraction = 0.45 + 0.4 * Double(j) / Double(duty.minimum)
                        if let n = layout.need(
                            duty, adviser: organiser, village: village, period: p, at: fraction, online: online)
                        {
                            needs[unit.key, default: []].append(n)
                        }
                    }
                }
            }
        }
    }

    /// Training days: every adviser of the county attends each one in the months planned; a
    /// period with fewer training days than the duty asks is a shortfall.
    private mutating func planTrainings(
        _ planned: [DutyRules.Duty], _ layout: UnitLayout, scenario: Scenario, from: Month, to: Month
    ) {
        let county = Dictionary(scenario.advisers.map { ($0.id, $0.county) }, uniquingKeysWith: { a, _ in a })
        for duty in planned where duty.activity == Session.Activity.adviserTraining.rawValue {
            for adviser in advisers {
                let days = scenario.trainingDays(ofCounty: county[adviser] ?? "").filter {
                    $0 >= from.firstDay && $0 <= to.lastDay
                }
                let start = 9 * 60, end = start + Int((duty.hours * 60).rounded())
                for d in days {
                    trainings.append(
                        Session(
                            day: d, start: start, end: end, adviser: adviser, village: "", mode: .offsite,
                            activity: .adviserTraining, team: layout.unitOf[adviser]?.team))
                }
                for p in ComplianceEvaluator.periods(duty.period, from: from, to: to) {
                    let held = days.filter { $0 >= p.first && $0 <= p.last }.count
                    if held < duty.minimum {
                        shortfalls.append(
                            Shortfall(
                                village: "", adviser: adviser, requirement: duty.id, period: p.key,
                                reason: tr(
                                    "duty.trainingDays",
                                    [
                                        "activity": duty.activity,
                                        "held": held == 0
                                            ? tr("duty.trainingDays.no")
                                            : tr("duty.trainingDays.only", ["count": held]),
                                        "county": county[adviser] ?? "?", "period": PeriodText.period(p.key),
                                    ])))
                    }
                }
            }
        }
    }
}
