import Foundation
import XCTest

@testable import CounselModel
@testable import Scheduling

/// Issue 11: a ledger entry counts only when it is a record; unanswered requests; Guangdong's
/// evenings and weekends; call-back results in the audit; the call-back sampler.
final class SupervisionAuditTests: XCTestCase {
    var calendar: WorkCalendar!

    override func setUpWithError() throws { calendar = try Fixture.calendar() }

    /// The baseline as ledger entries of `file`, each filled as `fill` says.
    private func entries(
        _ sessions: [Session], file: String = "ledger.csv", fill: (Session) -> [LedgerRules.Field: String]
    ) -> [LedgerEntry] {
        sessions.enumerated().map { i, s in
            LedgerEntry(session: s, file: file, line: i + 2, isRecord: true, fields: fill(s))
        }
    }

    private static let full: [LedgerRules.Field: String] = [
        .personServed: "村民王某", .content: "土地承包咨询", .result: "已解答",
        .signature: "村委会", .contactPhone: "13900000001", .matter: "土地承包",
        .place: "村委会议室", .attendees: "村民30人", .photo: "IMG_0001.jpg",
    ]

    /// The village rules of `entries` (the duties of advisers and firms are ``DutyAuditTests``').
    private func audit(
        _ rules: String, _ entries: [LedgerEntry], villages: [Village] = Fixture.standardVillages,
        from: String = "2026-01", to: String = "2026-12", callbacks: [CallbackList.Row] = []
    ) throws -> LedgerAudit.Outcome {
        let scenario = try Fixture.scenario(rules, villages: villages)
        return try LedgerAudit(scenario: scenario, calendar: calendar).audit(
            entries: entries, from: Month(from)!, to: Month(to)!,
            callbacks: callbacks, duties: false)
    }

    // MARK: Records

    func testABlankLedgerIsNotARecordButTheSameRosterIsAPlan() throws {
        let sessions = Fixture.baseline(calendar)
        // The roster (no record columns) meets the rules as before.
        XCTAssertTrue(try Fixture.audit("nanning", sessions).isCompliant)
        // The same sessions as a blank ledger book: nothing counts.
        let blank = try audit("nanning", entries(sessions) { _ in [:] })
        XCTAssertFalse(blank.isCompliant)
        let incomplete = blank.findings.filter { $0.kind == .incompleteEntry }
        XCTAssertEqual(incomplete.count, sessions.count, "every entry is listed")
        XCTAssertEqual(blank.counted, 0)
        XCTAssertTrue(blank.rows.allSatisfy { !$0.ok && $0.planned == 0 })
        let first = try XCTUnwrap(incomplete.first)
        for p in [
            "双桥村 (V1)", "adviser A1", "is not a record (nothing is filled in)",
            "person served, content, result and the village's signature are blank",
            "002 §四(一)", "时间、对象、内容和结果", "群干签署意见",
        ] {
            XCTAssertTrue(first.message.contains(p), "\(p): \(first.message)")
        }
        XCTAssertEqual(first.locations, [EntryLocation(file: "ledger.csv", line: 2)])
        XCTAssertEqual(first.rule, "record,village_signature")
        // Filled in as the profile requires, the same book passes.
        XCTAssertTrue(try audit("nanning", entries(sessions) { _ in Self.full }).isCompliant)
        // Missing only the signature: Nanning requires it (002 §四(一)), Rongchang does not.
        var unsigned = Self.full
        unsigned[.signature] = nil
        let nanning = try audit("nanning", entries(sessions) { _ in unsigned })
        XCTAssertEqual(Set(nanning.findings.filter { $0.kind == .incompleteEntry }.map(\.rule)), ["village_signature"])
        XCTAssertTrue(
            nanning.findings.first { $0.kind == .incompleteEntry }!.message.contains("the village's signature is blank")
        )
        XCTAssertTrue(try audit("rongchang", entries(sessions) { _ in unsigned }).isCompliant)
    }

    func testOneIncompleteEntryCountsForNothingAndTheShortfallSaysWhy() throws {
        let sessions = Fixture.baseline(calendar)
        let march = sessions.first { $0.day.month == 3 && $0.mode == .onsite }!
        let report = try audit("nanning", entries(sessions) { $0 == march ? [.personServed: "村民"] : Self.full })
        XCTAssertEqual(report.findings.map(\.kind), [.shortfall, .incompleteEntry], describe(report.findings))
        let shortfall = report.findings[0]
        XCTAssertEqual(shortfall.period, "2026-03")
        XCTAssertTrue(shortfall.message.contains("1 entry of this period is not counted"), shortfall.message)
        XCTAssertTrue(
            report.findings[1].message.contains("content, result and the village's signature are blank"),
            report.findings[1].message)
        XCTAssertEqual(report.counted, sessions.count - 1)
    }

    func testJiaochengLecturesNeedPlaceAttendeesAndPhoto() throws {
        let sessions = Fixture.baseline(calendar)
        var log = Self.full
        for f in [LedgerRules.Field.place, .attendees, .photo] { log[f] = nil }
        let report = try audit("jiaocheng", entries(sessions) { _ in log })
        let incomplete = report.findings.filter { $0.kind == .incompleteEntry }
        XCTAssertEqual(incomplete.count, sessions.filter { $0.activity == .lecture }.count, describe(report.findings))
        XCTAssertTrue(
            incomplete.allSatisfy {
                $0.rule == "lecture_evidence" && $0.message.contains("place, attendees and photo evidence are blank")
                    && $0.message.contains("要有图片佐证")
            })
        // The trainings Jiaocheng counts need the work log's fields (004 §四(三)): contact phone and matter.
        var noPhone = Self.full
        noPhone[.contactPhone] = nil
        let phoneless = try audit("jiaocheng", entries(sessions) { _ in noPhone })
        XCTAssertEqual(phoneless.findings.filter { $0.kind == .incompleteEntry }.count, sessions.count)
        XCTAssertTrue(
            phoneless.findings.contains { $0.kind == .shortfall && $0.rule == "quarterly_training" },
            describe(phoneless.findings))
        XCTAssertTrue(try audit("jiaocheng", entries(sessions) { _ in Self.full }).isCompliant)
    }

    // MARK: Requests

    func testARequestWithNoAnswerPastFiveWorkingDaysIsAFinding() throws {
        // Rongchang 000 §三(三): 5个工作日内予以答复. Requested Monday 22 June; the audit ends 30 June:
        // 23, 24, 25, 26, 29, 30 June are 6 working days.
        var list = entries(Fixture.baseline(calendar)) { _ in Self.full }
        let open = Session(
            day: Fixture.day("2026-07-02"), start: 9 * 60, end: 10 * 60, adviser: "A1", village: "V1", mode: .offsite,
            activity: .service, requestedOn: Fixture.day("2026-06-22"))
        list.append(
            LedgerEntry(
                session: open, file: "ledger.csv", line: 99, isRecord: true,
                fields: [.personServed: "村民李某", .content: "宅基地纠纷"]))
        let report = try audit("rongchang", list, from: "2026-04", to: "2026-06")
        let f = assertOnlyFinding(
            report, .unansweredRequest,
            contains: [
                "双桥村 (V1)", "2026-06-22 (Monday)", "has no answer recorded",
                "2026-06-30, the end of the audit, 6 working days later",
                "within 5 working days", "000 §三(三)",
            ])
        XCTAssertEqual(f?.day, Fixture.day("2026-06-22"))
        XCTAssertEqual(f?.locations, [EntryLocation(file: "ledger.csv", line: 99)])
        XCTAssertEqual(f?.severity, .breach)
        // Requested Wednesday 24 June: 4 working days by the 30th, still in time — a note, not a finding.
        list[list.count - 1].session.requestedOn = Fixture.day("2026-06-24")
        let inTime = try audit("rongchang", list, from: "2026-04", to: "2026-06")
        XCTAssertTrue(inTime.isCompliant, describe(inTime.findings))
        XCTAssertTrue(inTime.notes.contains { $0.contains("1 request is still open") }, "\(inTime.notes)")
        // Answered (a result recorded) on 2 July: late, not unanswered, when July is audited.
        list[list.count - 1].session.requestedOn = Fixture.day("2026-06-22")
        list[list.count - 1].fields[.result] = "已答复"
        let answered = try audit("rongchang", list, from: "2026-07", to: "2026-09")
        assertOnlyFinding(answered, .lateResponse, contains: ["2026-06-22", "2026-07-02", "8 working days"])
    }

    // MARK: When sessions are held

    func testGuangdongEveningsAndWeekendsAreEncouragedNeverABreach() throws {
        var sessions = Fixture.baseline(calendar)
        sessions.append(Fixture.s("2026-03-14", "09:00", "11:00"))  // an ordinary Saturday
        sessions.append(Fixture.s("2026-03-18", "19:00", "21:00"))  // a law night school
        let report = try audit("guangdong", entries(sessions) { _ in Self.full })
        XCTAssertTrue(report.isCompliant, describe(report.findings))
        XCTAssertEqual(report.findings.map(\.kind), [.restDay, .evening])
        XCTAssertTrue(report.findings.allSatisfy { $0.severity == .info })
        for f in report.findings {
            XCTAssertTrue(f.message.contains("001 §(六)") && f.message.contains("no breach"), f.message)
            XCTAssertTrue(f.message.contains("does not open to this village's roster"), f.message)
        }
        XCTAssertTrue(report.findings[1].message.contains("法律夜校"))
        // The same sessions under Nanning rules break the village's own window (the setting, no document).
        let nanning = try audit("nanning", entries(sessions) { _ in Self.full })
        XCTAssertEqual(nanning.findings(.breach).map(\.kind), [.restDay, .evening])
        XCTAssertTrue(nanning.findings.allSatisfy { !$0.message.contains("001") }, describe(nanning.findings))
        // A village that opened Saturdays and evenings gets no note at all.
        let open = [Fixture.village("V1", "双桥村", serviceDays: [6], evening: true)]
        XCTAssertTrue(try audit("guangdong", entries(sessions) { _ in Self.full }, villages: open).findings.isEmpty)
    }

    // MARK: Call-backs

    private func row(_ e: LedgerEntry, _ result: CallbackResult?, line: Int) -> CallbackList.Row {
        var r = CallbackList.Row(
            entry: e.location.description, key: e.key, villageName: "", township: "", adviserName: "",
            personServed: "", contact: "", question: "", reasons: [], result: result)
        r.file = "callbacks.csv"
        r.line = line
        return r
    }

    func testAnEntryNotConfirmedByCallBackCountsForNothing() throws {
        let list = entries(Fixture.baseline(calendar) + Fixture.baseline(calendar, village: "V2", adviser: "A2")) { _ in
            Self.full
        }
        let march = list.first {
            $0.session.village == "V1" && $0.session.day.month == 3 && $0.session.mode == .onsite
        }!
        let april = list.first {
            $0.session.village == "V1" && $0.session.day.month == 4 && $0.session.mode == .onsite
        }!
        let may = list.first { $0.session.village == "V2" && $0.session.day.month == 5 && $0.session.mode == .onsite }!
        let june = list.first { $0.session.village == "V2" && $0.session.day.month == 6 && $0.session.mode == .onsite }!
        let calls = [
            row(march, .notConfirmed, line: 3), row(april, .confirmed, line: 4), row(may, .unreachable, line: 5),
            row(june, nil, line: 6),
        ]
        let report = try audit("nanning", list, callbacks: calls)
        XCTAssertEqual(report.findings.map(\.kind), [.shortfall, .notConfirmed], describe(report.findings))
        let f = report.findings[1]
        for p in [
            "双桥村 (V1)", "adviser A1", "the call-back (callbacks.csv:3) did not confirm", "2026-03",
            "counts toward no requirement", "001 §(十六)", "电话回访",
        ] {
            XCTAssertTrue(f.message.contains(p), "\(p): \(f.message)")
        }
        XCTAssertEqual(report.findings[0].period, "2026-03")
        XCTAssertEqual(
            report.callbacks["A1"],
            {
                var t = LedgerAudit.CallbackTally()
                t.listed = 2
                t.confirmed = 1
                t.notConfirmed = 1
                return t
            }())
        XCTAssertEqual(report.callbacks["A2"]?.unreachable, 1)
        XCTAssertEqual(report.callbacks["A2"]?.pending, 1)
        XCTAssertNil(report.callbacks["A2"]?.confirmedShare, "nobody reached")
        XCTAssertEqual(report.callbacks["A1"]?.confirmedShare, 0.5)
    }

    func testCallbackListRoundTripsWithResultsAndRefusesBadOnes() throws {
        let e = entries(Fixture.baseline(calendar)) { _ in Self.full }
        let list = CallbackList(rows: [row(e[0], nil, line: 0), row(e[1], nil, line: 0)])
        let text = list.csv()
        XCTAssertTrue(text.hasPrefix("# 内部资料"), text)
        XCTAssertTrue(text.split(separator: "\n")[0].contains("INTERNAL: personal data"))
        XCTAssertFalse(text.split(separator: "\n")[0].contains(","), "the notice stays in one cell")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("callbacks-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        // Filled in by a caller: one in English, one in Chinese, a Chinese header and Excel's mark.
        var lines = String(decoding: list.csv(language: .zh, excel: true), as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        XCTAssertTrue(lines[1].hasPrefix("台账条目,村（社区）编号"), lines[1])
        lines[2] = String(lines[2].dropLast(1)) + "confirmed,"
        lines[3] = String(lines[3].dropLast(1)) + "不属实,电话无人认可"
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let back = try CallbackList.load(from: url, displayName: "callbacks.csv")
        XCTAssertEqual(back.rows.map(\.result), [.confirmed, .notConfirmed])
        XCTAssertEqual(back.rows.map(\.key), [e[0].key, e[1].key])
        XCTAssertEqual(back.rows.map(\.line), [3, 4], "the notice line keeps its number")
        XCTAssertEqual(back.rows[1].note, "电话无人认可")
        // A result nobody can read, and a date that is no date: both located.
        lines[2] = lines[2].replacingOccurrences(of: "confirmed,", with: "maybe,")
        lines[3] = lines[3].replacingOccurrences(of: e[1].session.day.description, with: "2026-13-40")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try CallbackList.load(from: url, displayName: "callbacks.csv")) { error in
            let d = (error as? ScenarioError)?.diagnostics ?? []
            XCTAssertEqual(d.count, 2, "\(d)")
            XCTAssertTrue(
                d.contains {
                    $0.line == 3 && $0.column != nil
                        && $0.message.contains("result: expected confirmed, not_confirmed or unreachable")
                }, "\(d)")
            XCTAssertTrue(d.contains { $0.line == 4 && $0.message.contains("date: expected YYYY-MM-DD") }, "\(d)")
        }
    }
}

/// The call-back sampler: reproducible, stratified, weighted toward what looks suspicious.
final class CallbackSamplerTests: XCTestCase {
    func testSplitMix64MatchesTheReferenceSequence() {
        var g = SplitMix64(seed: 0)
        XCTAssertEqual(
            [g.next(), g.next(), g.next()], [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var h = SplitMix64(seed: 42)
        XCTAssertEqual(h.next(), 13_679_457_532_755_275_413)
        var u = SplitMix64(seed: 7)
        for _ in 0..<1000 {
            let x = u.unit()
            XCTAssertTrue(x >= 0 && x < 1)
        }
    }

    /// Three townships, four villages, three advisers; every adviser serves on working days of 2026.
    private func scenario() throws -> Scenario {
        func village(_ id: String, _ township: String, _ lat: Double) -> Village {
            Village(id: id, name: "村\(id)", township: township, county: "C1", latitude: lat, longitude: 108.2)
        }
        var s = try Fixture.scenario(
            "nanning",
            villages: [
                village("V1", "T1", 23.10), village("V2", "T1", 23.11),
                village("V3", "T2", 23.60), village("V4", "T3", 23.12),
                village("V5", "T3", 23.13),
            ])
        s.advisers.append(Fixture.adviser("A3"))
        s.unavailability = [
            Unavailability(adviser: "A3", from: Day("2026-05-12")!, to: Day("2026-05-15")!, reason: "出差")
        ]
        return s
    }

    private func entry(
        _ date: String, _ start: String, _ end: String, _ adviser: String, _ village: String, content: String,
        line: Int,
        person: String? = "村民"
    ) -> LedgerEntry {
        var fields: [LedgerRules.Field: String] = [.content: content, .result: "已解答", .signature: "村委会"]
        fields[.personServed] = person
        return LedgerEntry(
            session: Fixture.s(date, start, end, adviser: adviser, village: village), file: "\(village).csv",
            line: line,
            isRecord: true, fields: fields)
    }

    /// A1 serves V1, V2; A2 serves V3; A3 serves V4, V5. Monthly visits with varied content,
    /// plus the suspicious patterns, each in its own place.
    private func ledger() -> LedgerAudit.Ledger {
        var e: [LedgerEntry] = []
        let topics = ["土地承包", "婚姻家庭", "劳动报酬", "宅基地", "合同审查", "继承", "邻里纠纷"]
        var line = 2
        for m in 1...6 {
            let workday = Fixture.workday(try! Fixture.calendar(), m, onOrAfter: 10).description
            for (a, v, i) in [("A1", "V1", 0), ("A1", "V2", 1), ("A2", "V3", 2), ("A3", "V4", 3), ("A3", "V5", 4)] {
                e.append(
                    entry(
                        workday, i % 2 == 0 ? "09:00" : "14:00", i % 2 == 0 ? "12:00" : "17:00", a, v,
                        content: topics[(m + i) % topics.count], line: line))
                line += 1
            }
        }
        // identical_content: A2 in V3, four times the same words in a row (June).
        for day in ["2026-06-15", "2026-06-16", "2026-06-17", "2026-06-18"] {
            e.append(entry(day, "09:00", "10:00", "A2", "V3", content: "法律咨询。", line: line))
            line += 1
        }
        // bulk_day: A1 in V1 and V2 and V4's village the same day (A3's village, a stand-in).
        for (v, start) in [("V1", "08:00"), ("V2", "10:00"), ("V4", "15:00")] {
            e.append(
                entry(
                    "2026-03-24", start, String(format: "%02d:00", Int(start.prefix(2))! + 1), "A1", v,
                    content: "普法宣传\(v)", line: line))
            line += 1
        }
        // elsewhere: A3 is unavailable 12–15 May.
        e.append(entry("2026-05-12", "09:00", "11:00", "A3", "V4", content: "调解", line: line))
        line += 1
        // A record naming nobody cannot be called.
        e.append(entry("2026-04-20", "09:00", "10:00", "A1", "V1", content: "无人", line: line, person: nil))
        line += 1
        return LedgerAudit.Ledger(roster: Roster(e.map(\.session)), lines: [:], file: "ledgers", entries: e, files: [])
    }

    func testSignalsFlagTheSuspiciousEntries() throws {
        let sampler = CallbackSampler(scenario: try scenario())
        let c = sampler.candidates(ledger(), from: Day("2026-01-01")!, to: Day("2026-12-31")!)
        XCTAssertFalse(c.contains { $0.entry.fields[.content] == "无人" }, "nobody to call")
        func flagged(_ s: CallbackSampler.Signal) -> [String] {
            c.filter { $0.signals.contains(s) }.map { "\($0.entry.session.village) \($0.entry.session.day)" }.sorted()
        }
        XCTAssertEqual(
            flagged(.identicalContent), ["V3 2026-06-15", "V3 2026-06-16", "V3 2026-06-17", "V3 2026-06-18"])
        XCTAssertEqual(flagged(.bulkDay), ["V1 2026-03-24", "V2 2026-03-24", "V4 2026-03-24"])
        XCTAssertEqual(flagged(.elsewhere), ["V4 2026-05-12"])
        XCTAssertTrue(c.filter { !$0.signals.isEmpty }.allSatisfy { $0.weight > 1 })
        XCTAssertTrue(c.filter { $0.signals.isEmpty }.allSatisfy { $0.weight == 1 })
    }

    func testHoursFarAboveTheAdvisersOtherVillagesAndAnotherVillageAtTheSameTime() throws {
        var s = try scenario()
        s.unavailability = []
        let sampler = CallbackSampler(scenario: s)
        var e: [LedgerEntry] = []
        var line = 2
        for m in 1...6 {
            let d = Fixture.workday(try Fixture.calendar(), m, onOrAfter: 10).description
            for v in ["V1", "V2", "V4"] {
                e.append(
                    entry(
                        d, v == "V1" ? "08:00" : v == "V2" ? "10:00" : "14:00",
                        v == "V1" ? "09:00" : v == "V2" ? "11:00" : "15:00",
                        "A1", v, content: "咨询\(m)\(v)", line: line))
                line += 1
            }
            let d2 = Fixture.workday(try Fixture.calendar(), m, onOrAfter: 20).description
            e.append(entry(d2, "09:00", "17:00", "A1", "V5", content: "调解\(m)", line: line))
            line += 1
        }
        // V3 is 55 km from V1: 30 minutes between them is too little at 40 km/h.
        e.append(entry("2026-07-07", "09:00", "10:00", "A2", "V1", content: "甲", line: line))
        line += 1
        e.append(entry("2026-07-07", "10:30", "11:30", "A2", "V3", content: "乙", line: line))
        line += 1
        let ledger = LedgerAudit.Ledger(roster: Roster(e.map(\.session)), lines: [:], file: "x", entries: e, files: [])
        let c = sampler.candidates(ledger, from: Day("2026-01-01")!, to: Day("2026-12-31")!)
        let above = Set(c.filter { $0.signals.contains(.hoursAbove) }.map(\.entry.session.village))
        XCTAssertEqual(above, ["V5"], "48 hours against 6 in each other village")
        let elsewhere = c.filter { $0.signals.contains(.elsewhere) }.map(\.entry.session.village).sorted()
        XCTAssertEqual(elsewhere, ["V1", "V3"])
    }

    func testTheSampleIsReproducibleStratifiedAndLeansToSuspiciousEntries() throws {
        let sampler = CallbackSampler(scenario: try scenario())
        let ledger = ledger()
        let first = Day("2026-01-01")!, last = Day("2026-12-31")!
        let a = sampler.sample(ledger, size: 8, seed: 2026, from: first, to: last)
        let b = sampler.sample(ledger, size: 8, seed: 2026, from: first, to: last)
        XCTAssertEqual(a.list.csv(), b.list.csv(), "the same seed gives the same list")
        XCTAssertEqual(a.list.rows.count, 8)
        // Every adviser and every township represented, whatever the seed.
        var other = 0
        for seed in UInt64(1)...40 {
            let s = sampler.sample(ledger, size: 3, seed: seed, from: first, to: last)
            XCTAssertEqual(Set(s.list.rows.map(\.key.adviser)), ["A1", "A2", "A3"], "seed \(seed)")
            XCTAssertEqual(Set(s.list.rows.map(\.township)), ["T1", "T2", "T3"], "seed \(seed)")
            XCTAssertEqual(Set(s.list.rows.map(\.entry)).count, s.list.rows.count, "no entry twice")
            if s.list.csv() != sampler.sample(ledger, size: 3, seed: 2026, from: first, to: last).list.csv() {
                other += 1
            }
        }
        XCTAssertGreaterThan(other, 20, "other seeds give other lists")
        // Asked for fewer than the strata need: the list grows and says why.
        let small = sampler.sample(ledger, size: 1, seed: 9, from: first, to: last)
        XCTAssertTrue((3...4).contains(small.list.rows.count), "\(small.list.rows.count)")
        XCTAssertTrue(small.notes.first?.contains("every adviser (3) and township (3)") ?? false, "\(small.notes)")
        // Asked for more than there is: all of it.
        let all = sampler.sample(ledger, size: 1000, seed: 9, from: first, to: last)
        XCTAssertEqual(all.list.rows.count, all.candidates)
        XCTAssertTrue(all.notes.contains { $0.contains("all are listed") })
        // Weighted: over many seeds a flagged entry is drawn far more often than a plain one.
        var flaggedHits = 0, plainHits = 0
        let candidates = sampler.candidates(ledger, from: first, to: last)
        let flagged = Set(candidates.filter { !$0.signals.isEmpty }.map(\.entry.location.description))
        for seed in UInt64(100)..<400 {
            for r in sampler.sample(ledger, size: 8, seed: seed, from: first, to: last).list.rows
            where r.reasons.first == "random" {
                if flagged.contains(r.entry) { flaggedHits += 1 } else { plainHits += 1 }
            }
        }
        let perFlagged = Double(flaggedHits) / Double(flagged.count),
            perPlain = Double(plainHits) / Double(candidates.count - flagged.count)
        XCTAssertGreaterThan(perFlagged, 2 * perPlain, "flagged \(perFlagged) vs plain \(perPlain) draws per entry")
        // What to ask names the date, the village, the adviser and what the ledger says.
        let q = a.list.rows[0]
        XCTAssertTrue(
            q.question.contains("\(q.key.day.month)月\(q.key.day.components.day)日")
                && q.question.contains("村\(q.key.village)")
                && q.question.contains("顾问\(q.key.adviser)") && q.question.contains("是否属实"), q.question)
        XCTAssertEqual(q.contact, "台账未记电话，请向村（居）委会了解")
    }
}
