import CounselModel
import Foundation

/// Draws the ledger entries a county verifies by phone (电话回访, Guangdong 001 §(十六)): a
/// reproducible random sample, stratified so that every adviser and every township is represented,
/// and weighted toward entries that look suspicious.
///
/// Which entries can be drawn: records of a ledger (not a roster's plans) inside the months, with
/// every field the profile requires, not an open request, and naming a person served (someone to
/// call). Each is weighted `1 + 3 × (signals)`, the signals being
/// - `identical_content`: one of a run of 3 or more of the adviser's entries in a row (by date)
///   with the same content;
/// - `bulk_day`: the adviser has entries in 3 or more villages, or 4 or more entries, that day;
/// - `hours_above`: the village's hours are more than twice the median of the adviser's other
///   villages (at least two others), and a visit's length more;
/// - `elsewhere`: the adviser was elsewhere — unavailable that day (`availability.csv`), or in
///   another village at an overlapping time or too soon to travel between the two at
///   `travel_kmh`.
///
/// The draw: first one entry per adviser (in id order), from a township not yet represented when
/// the adviser has one, then one per township still missing, then the rest by weight without
/// replacement (Efraimidis–Spirakis keys). Entries are put in a canonical order first and the
/// generator is ``SplitMix64`` seeded by the caller, so the same ledgers and seed give the same list.
public struct CallbackSampler: Sendable {
    /// What made an entry more likely to be drawn.
    public enum Signal: String, CaseIterable, Sendable {
        case identicalContent = "identical_content"
        case bulkDay = "bulk_day"
        case hoursAbove = "hours_above"
        case elsewhere
    }

    /// An entry that can be drawn, with its signals.
    public struct Candidate: Sendable {
        /// The entry.
        public var entry: LedgerEntry
        /// Its signals, in ``Signal`` order.
        public var signals: [Signal]
        /// `1 + 3 × signals.count`.
        public var weight: Double { 1 + 3 * Double(signals.count) }
    }

    /// What was drawn.
    public struct Sample: Sendable {
        /// The call list, sorted by village, date and start.
        public var list: CallbackList
        /// Entries that could be drawn.
        public var candidates: Int
        /// Advisers and townships with entries that could be drawn (all represented in the list).
        public var advisers: Int, townships: Int
        /// How the size came out against the one asked for, when it differs.
        public var notes: [String]
    }

    /// The scenario (villages for townships and places, advisers for names, availability, travel speed).
    public let scenario: Scenario
    /// The profile's ledger rules (which entries are records).
    public let ledgerRules: LedgerRules?
    /// Entries in a row with the same content that flag a run.
    public static let identicalRun = 3
    private let villages: [String: Village]
    private let advisers: [String: Adviser]

    /// A sampler for a scenario.
    public init(scenario: Scenario) {
        self.scenario = scenario
        ledgerRules = scenario.rules.ledger
        villages = Dictionary(scenario.villages.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        advisers = Dictionary(scenario.advisers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Candidates and signals

    /// The entries that can be drawn from `ledger` between `first` and `last`, in canonical order,
    /// with their signals.
    public func candidates(_ ledger: LedgerAudit.Ledger, from first: Day, to last: Day) -> [Candidate] {
        let inRange = ledger.entries.filter { $0.session.day >= first && $0.session.day <= last && $0.isRecord }
        // Mediation matters are confidential (Jiaocheng 004 §二(四)): nobody is called about them. The
        // adviser's own training and reports serve no villager to call.
        let eligible = inRange.filter {
            $0.missing(ledgerRules).isEmpty && !$0.isOpenRequest && $0.fields[.personServed] != nil
                && !$0.session.activity.isConfidential && !$0.session.activity.isAdviserOwn
        }
        .sorted(by: Self.canonical)
        var signals = [[Signal]](repeating: [], count: eligible.count)
        func flag(_ i: Int, _ s: Signal) { if !signals[i].contains(s) { signals[i].append(s) } }
        var byAdviser: [String: [Int]] = [:]
        for (i, e) in eligible.enumerated() { byAdviser[e.session.adviser, default: []].append(i) }

        for (_, indices) in byAdviser {
            // Identical content in a row.
            let ordered = indices.sorted { Self.canonicalByDate(eligible[$0], eligible[$1]) }
            var run: [Int] = []
            func closeRun() {
                if run.count >= Self.identicalRun { run.forEach { flag($0, .identicalContent) } }
                run = []
            }
            for i in ordered {
                let content = Self.normalized(eligible[i].fields[.content] ?? "")
                if let last = run.last, Self.normalized(eligible[last].fields[.content] ?? "") == content,
                    !content.isEmpty
                {
                    run.append(i)
                } else {
                    closeRun()
                    run = content.isEmpty ? [] : [i]
                }
            }
            closeRun()
            // Bulk days.
            var byDay: [Day: [Int]] = [:]
            for i in indices { byDay[eligible[i].session.day, default: []].append(i) }
            for (_, day) in byDay where day.count >= 4 || Set(day.map { eligible[$0].session.village }).count >= 3 {
                day.forEach { flag($0, .bulkDay) }
            }
            // Hours far above the adviser's other villages.
            var hours: [String: Double] = [:]
            for i in indices { hours[eligible[i].session.village, default: 0] += eligible[i].session.hours }
            let visit = scenario.rules.scheduling?.visitHours.value ?? 4
            for (village, h) in hours {
                let others = hours.filter { $0.key != village }.map(\.value).sorted()
                guard others.count >= 2 else { continue }
                let median =
                    others.count % 2 == 1
                    ? others[others.count / 2] : (others[others.count / 2 - 1] + others[others.count / 2]) / 2
                if h > 2 * median + 1e-9 && h - median > visit + 1e-9 {
                    for i in indices where eligible[i].session.village == village { flag(i, .hoursAbove) }
                }
            }
        }
        // Elsewhere: unavailable, or in another village at the same time or too soon to get there.
        var away: [String: [Unavailability]] = [:]
        for u in scenario.unavailability { away[u.adviser, default: []].append(u) }
        var dayOf: [String: [LedgerEntry]] = [:]
        for e in ledger.entries where e.session.day >= first && e.session.day <= last {
            dayOf[e.session.adviser + "\u{1F}" + e.session.day.description, default: []].append(e)
        }
        let kmh = scenario.schedule.travelKmh
        for (i, e) in eligible.enumerated() {
            let s = e.session
            if away[s.adviser]?.contains(where: { s.day >= $0.from && s.day <= $0.to }) ?? false {
                flag(i, .elsewhere)
                continue
            }
            for o in dayOf[s.adviser + "\u{1F}" + s.day.description] ?? [] where o.session.village != s.village {
                let gap = max(o.session.start - s.end, s.start - o.session.end)  // minutes between them (< 0: overlap)
                let km = distance(s.village, o.session.village)
                if gap < 0 || Double(gap) < km / kmh * 60 - 1e-9 {
                    flag(i, .elsewhere)
                    break
                }
            }
        }
        return eligible.enumerated().map { i, e in
            Candidate(entry: e, signals: Signal.allCases.filter { signals[i].contains($0) })
        }
    }

    private func distance(_ a: String, _ b: String) -> Double {
        guard let x = villages[a], let y = villages[b] else { return 0 }
        return Geography.greatCircleKm(x.latitude, x.longitude, y.latitude, y.longitude)
    }

    // MARK: Drawing

    /// Draws `size` entries (more when that many are needed to represent every adviser and
    /// township; all when fewer can be drawn) with the generator seeded by `seed`.
    public func sample(_ ledger: LedgerAudit.Ledger, size: Int, seed: UInt64, from first: Day, to last: Day) -> Sample {
        let pool = candidates(ledger, from: first, to: last)
        var rng = SplitMix64(seed: seed)
        var chosen: [Int: [String]] = [:]  // candidate index → reasons
        func township(_ i: Int) -> String { villages[pool[i].entry.session.village]?.township ?? "" }
        /// One index of `indices` by weight.
        func draw(_ indices: [Int]) -> Int {
            let total = indices.reduce(0) { $0 + pool[$1].weight }
            var u = rng.unit() * total
            for i in indices {
                u -= pool[i].weight
                if u < 0 { return i }
            }
            return indices.last!
        }
        // Each adviser's and each township's entries, in pool order (a province has hundreds of thousands).
        var byAdviser: [String: [Int]] = [:], byTownship: [String: [Int]] = [:]
        for i in pool.indices {
            byAdviser[pool[i].entry.session.adviser, default: []].append(i)
            byTownship[township(i), default: []].append(i)
        }
        var coveredTownships = Set<String>()
        let adviserIDs = byAdviser.keys.sorted()
        for adviser in adviserIDs {
            let own = byAdviser[adviser]!
            let fresh = own.filter { !coveredTownships.contains(township($0)) }
            let i = draw(fresh.isEmpty ? own : fresh)
            chosen[i] = ["adviser"]
            coveredTownships.insert(township(i))
        }
        let townships = byTownship.keys.sorted()
        for t in townships where !coveredTownships.contains(t) {
            let i = draw(byTownship[t]!)
            chosen[i] = ["township"]
            coveredTownships.insert(t)
        }
        var notes: [String] = []
        let cover = chosen.count
        if cover > size {
            notes.append(
                tr(
                    "callbacks.moreDrawn",
                    ["cover": cover, "size": size, "advisers": adviserIDs.count, "townships": townships.count]))
        }
        // The rest by weight without replacement: the smallest keys −ln(u)/w.
        var keyed: [(key: Double, index: Int)] = []
        for i in pool.indices where chosen[i] == nil {
            let u = max(rng.unit(), 1e-300)
            keyed.append((-Foundation.log(u) / pool[i].weight, i))
        }
        keyed.sort { ($0.key, $0.index) < ($1.key, $1.index) }
        for k in keyed.prefix(max(0, size - cover)) { chosen[k.index] = ["random"] }
        if pool.count < size {
            notes.append(tr("callbacks.fewer", ["count": pool.count, "size": size]))
        }
        let rows = chosen.keys.sorted().map { i -> CallbackList.Row in
            let c = pool[i]
            return row(c, reasons: chosen[i]! + c.signals.map(\.rawValue))
        }
        return Sample(
            list: CallbackList(rows: rows), candidates: pool.count, advisers: adviserIDs.count,
            townships: townships.count, notes: notes)
    }

    /// The call-list row of a drawn entry: whom to call and what to ask, in Chinese.
    func row(_ c: Candidate, reasons: [String]) -> CallbackList.Row {
        let e = c.entry, s = e.session
        let village = villages[s.village]
        let adviser = advisers[s.adviser]
        let person = e.fields[.personServed] ?? ""
        let contact = e.fields[.contactPhone] ?? "台账未记电话，请向村（居）委会了解"
        let date = "\(s.day.month)月\(s.day.components.day)日"
        var question =
            "您好，这里是司法行政机关，正在回访村（社区）法律顾问的服务情况。请问\(person)是否于\(date)"
            + "\(Session.clock(s.start))–\(Session.clock(s.end))在\(village?.name ?? s.village)"
            + "接受过法律顾问\(adviser?.name ?? s.adviser)的\(Self.activityLabel(s.activity))\(s.mode == .onsite ? "" : "（\(Self.modeLabel(s.mode))）")？"
        if let content = e.fields[.content] { question += "台账记载的内容是“\(content)”" }
        if let result = e.fields[.result] { question += (e.fields[.content] == nil ? "台账记载的" : "，") + "结果是“\(result)”" }
        if e.fields[.content] != nil || e.fields[.result] != nil { question += "，是否属实？" }
        return CallbackList.Row(
            entry: e.location.description, key: e.key, villageName: village?.name ?? "",
            township: village?.township ?? "",
            adviserName: adviser?.name ?? "", personServed: person, contact: contact, question: question,
            reasons: reasons)
    }

    // MARK: Order and wording

    static func canonical(_ a: LedgerEntry, _ b: LedgerEntry) -> Bool {
        let x = a.session, y = b.session
        if (x.village, x.day, x.start, x.adviser) != (y.village, y.day, y.start, y.adviser) {
            return (x.village, x.day, x.start, x.adviser) < (y.village, y.day, y.start, y.adviser)
        }
        return (x.end, x.activity.rawValue, a.file, a.line) < (y.end, y.activity.rawValue, b.file, b.line)
    }

    static func canonicalByDate(_ a: LedgerEntry, _ b: LedgerEntry) -> Bool {
        let x = a.session, y = b.session
        return (x.day, x.start, x.village, x.end, a.file, a.line) < (y.day, y.start, y.village, y.end, b.file, b.line)
    }

    static func normalized(_ text: String) -> String {
        text.filter { !$0.isWhitespace && !"，。,.、；;：:！!？?".contains($0) }
    }

    static func activityLabel(_ a: Session.Activity) -> String {
        switch a {
        case .service: return "法律服务"
        case .lecture: return "法治讲座"
        case .training: return "法治培训"
        case .event: return "法治宣传活动"
        case .mediation, .firmEvent, .report, .legalAid, .disputeScreening, .consultation, .adviserTraining:
            return a.chineseName
        }
    }

    static func modeLabel(_ m: Session.Mode) -> String {
        switch m {
        case .onsite: return "现场"
        case .offsite: return "非现场"
        case .online: return "线上"
        case .recorded: return "录制视频"
        }
    }
}
