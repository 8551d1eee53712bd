import Foundation
import XCTest

// `Village` has no public memberwise initialiser; `@testable` reaches the internal one (debug builds,
// as `swift test` does). `@testable import Scheduling` reaches the encoding helpers.
@testable import CounselModel
@testable import Scheduling

/// `Roster.ics(forAdviser:adviserName:villages:calendarName:)`: RFC 5545 framing (CRLF, folding at 75
/// octets without splitting UTF-8, escaping), one event per session of the chosen adviser, stable
/// UIDs, deterministic output, and a round trip through an independent parser (a small one here and,
/// when installed, Python's `icalendar`).
final class ICSTests: XCTestCase {

    // MARK: - Fixture

    private static func village(_ id: String, _ name: String, township: String) -> Village {
        Village(
            id: id, name: name, kind: .village, township: township, county: "C1", latitude: 23.1,
            longitude: 113.3, needs: [], currentAdviser: nil)
    }

    /// Names with every TEXT special character, a very long Chinese name and names whose fold point
    /// lands inside a multi-byte character (ASCII prefixes shift the boundary; 𠀀 is four octets).
    private static let villages: [String: Village] = {
        let list = [
            village("V1", "双桥村", township: "城厢镇"),
            village("V2", "江南社区, \"一组\"; 东\\片\n二组", township: "城厢镇;北,区"),
            village("V3", String(repeating: "长", count: 40) + "村", township: "很长很长的街道办事处"),
            village("V4", "a" + String(repeating: "新", count: 30) + "𠀀村", township: "b镇"),
            village("V5", "ab" + String(repeating: "𠀀", count: 25), township: "西镇"),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
    }()

    private static let calendarName = "张三的驻村日程, 2025; 城厢\\镇\n第二行"
    private static let adviserName = "张三; 律师, \\A"

    private static func day(_ text: String) -> Day { Day(text)! }

    /// A1's sessions (what the export must contain) mixed with A2's (what it must not).
    private static let a1Sessions: [Session] = [
        Session(
            day: day("2025-03-04"), start: 9 * 60, end: 11 * 60 + 30, adviser: "A1", village: "V1", mode: .onsite,
            activity: .service),
        Session(
            day: day("2025-03-04"), start: 14 * 60, end: 16 * 60, adviser: "A1", village: "V2", mode: .online,
            activity: .lecture, team: "T1,团队;甲\\乙"),
        Session(
            day: day("2025-03-05"), start: 8 * 60 + 5, end: 9 * 60, adviser: "A1", village: "V3", mode: .onsite,
            activity: .training),
        Session(
            day: day("2025-03-06"), start: 19 * 60, end: 24 * 60, adviser: "A1", village: "V4", mode: .offsite,
            activity: .event),
        Session(
            day: day("2025-12-31"), start: 10 * 60, end: 12 * 60, adviser: "A1", village: "V5", mode: .recorded,
            activity: .lecture),
        Session(
            day: day("2026-01-02"), start: 9 * 60, end: 10 * 60, adviser: "A1", village: "V9", mode: .onsite,
            activity: .service),
        // Same date|start|adviser|village|activity as the next one: the UIDs must still differ.
        Session(
            day: day("2026-01-03"), start: 9 * 60, end: 10 * 60, adviser: "A1", village: "V1", mode: .onsite,
            activity: .service),
        Session(
            day: day("2026-01-03"), start: 9 * 60, end: 11 * 60, adviser: "A1", village: "V1", mode: .online,
            activity: .service),
    ]

    private static let a2Sessions: [Session] = [
        Session(
            day: day("2025-03-04"), start: 9 * 60, end: 11 * 60, adviser: "A2", village: "V1", mode: .onsite,
            activity: .lecture),
        Session(
            day: day("2025-03-07"), start: 9 * 60, end: 11 * 60, adviser: "A2", village: "V2", mode: .online,
            activity: .service),
    ]

    /// Given out of order (the roster sorts): by date, start, adviser, village, then activity, mode,
    /// end and team, so the two 2026-01-03 09:00 sessions come online first, then onsite.
    private static let roster = Roster(a2Sessions + a1Sessions.suffix(2) + a1Sessions.prefix(6).reversed())

    private static func export(_ roster: Roster = roster) -> String {
        roster.ics(forAdviser: "A1", adviserName: adviserName, villages: villages, calendarName: calendarName)
    }

    /// What each A1 event must say, in roster order.
    private struct Expected {
        var dtstart: String
        var dtend: String?
        var summary: String
        var location: String
        var descriptionLines: [String]
        var categories: [String]
    }

    private static let expected: [Expected] = [
        Expected(
            dtstart: "20250304T090000", dtend: "20250304T113000", summary: "驻村法律服务 · 双桥村",
            location: "双桥村, 城厢镇",
            descriptionLines: ["活动：驻村法律服务", "方式：现场", "村（社区）：双桥村（城厢镇）", "顾问：\(adviserName)"],
            categories: ["村居法律顾问", "驻村法律服务", "现场"]),
        Expected(
            dtstart: "20250304T140000", dtend: "20250304T160000",
            summary: "法治讲座（线上） · 江南社区, \"一组\"; 东\\片\n二组", location: "线上",
            descriptionLines: [
                "活动：法治讲座", "方式：线上", "村（社区）：江南社区, \"一组\"; 东\\片", "二组（城厢镇;北,区）",
                "顾问：\(adviserName)", "团队：T1,团队;甲\\乙",
            ],
            categories: ["村居法律顾问", "法治讲座", "线上"]),
        Expected(
            dtstart: "20250305T080500", dtend: "20250305T090000",
            summary: "法治培训 · " + String(repeating: "长", count: 40) + "村",
            location: String(repeating: "长", count: 40) + "村, 很长很长的街道办事处",
            descriptionLines: [
                "活动：法治培训", "方式：现场",
                "村（社区）：" + String(repeating: "长", count: 40) + "村（很长很长的街道办事处）",
                "顾问：\(adviserName)",
            ],
            categories: ["村居法律顾问", "法治培训", "现场"]),
        Expected(
            dtstart: "20250306T190000", dtend: "20250307T000000",
            summary: "普法宣传活动（非现场） · a" + String(repeating: "新", count: 30) + "𠀀村", location: "非现场",
            descriptionLines: [
                "活动：普法宣传活动", "方式：非现场",
                "村（社区）：a" + String(repeating: "新", count: 30) + "𠀀村（b镇）", "顾问：\(adviserName)",
            ],
            categories: ["村居法律顾问", "普法宣传活动", "非现场"]),
        Expected(
            dtstart: "20251231T100000", dtend: "20251231T120000",
            summary: "法治讲座（录播） · ab" + String(repeating: "𠀀", count: 25), location: "录播",
            descriptionLines: [
                "活动：法治讲座", "方式：录播", "村（社区）：ab" + String(repeating: "𠀀", count: 25) + "（西镇）",
                "顾问：\(adviserName)",
            ],
            categories: ["村居法律顾问", "法治讲座", "录播"]),
        Expected(
            dtstart: "20260102T090000", dtend: "20260102T100000", summary: "驻村法律服务 · V9", location: "V9",
            descriptionLines: ["活动：驻村法律服务", "方式：现场", "村（社区）：V9", "顾问：\(adviserName)"],
            categories: ["村居法律顾问", "驻村法律服务", "现场"]),
        Expected(
            dtstart: "20260103T090000", dtend: "20260103T110000", summary: "驻村法律服务（线上） · 双桥村",
            location: "线上",
            descriptionLines: ["活动：驻村法律服务", "方式：线上", "村（社区）：双桥村（城厢镇）", "顾问：\(adviserName)"],
            categories: ["村居法律顾问", "驻村法律服务", "线上"]),
        Expected(
            dtstart: "20260103T090000", dtend: "20260103T100000", summary: "驻村法律服务 · 双桥村",
            location: "双桥村, 城厢镇",
            descriptionLines: ["活动：驻村法律服务", "方式：现场", "村（社区）：双桥村（城厢镇）", "顾问：\(adviserName)"],
            categories: ["村居法律顾问", "驻村法律服务", "现场"]),

    ]

    // MARK: - A small RFC 5545 reader

    private struct Property {
        var name: String
        var parameters: [String: String]
        var value: String
    }

    private struct Component {
        var name: String
        var properties: [Property] = []
        var children: [Component] = []

        func all(_ name: String) -> [Property] { properties.filter { $0.name == name } }
        func one(_ name: String) -> Property? { properties.first { $0.name == name } }
    }

    /// Unfolds: a CRLF followed by one space or tab is removed (RFC 5545 §3.1).
    private static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        for physical in text.components(separatedBy: "\r\n") {
            if let first = physical.unicodeScalars.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += String(String.UnicodeScalarView(physical.unicodeScalars.dropFirst()))
            } else {
                lines.append(physical)
            }
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Splits `NAME;P=V;…:value` (parameter values may be quoted; the first unquoted colon ends them).
    private static func property(_ line: String) throws -> Property {
        var inQuotes = false
        var colon: String.Index?
        for i in line.indices {
            if line[i] == "\"" { inQuotes.toggle() }
            if line[i] == ":" && !inQuotes {
                colon = i
                break
            }
        }
        guard let colon else { throw ParseError("no colon in \(line.debugDescription)") }
        let head = line[..<colon].split(separator: ";", omittingEmptySubsequences: false)
        var parameters: [String: String] = [:]
        for p in head.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { throw ParseError("bad parameter \(p)") }
            parameters[String(kv[0]).uppercased()] = String(kv[1])
        }
        return Property(
            name: String(head[0]).uppercased(), parameters: parameters,
            value: String(line[line.index(after: colon)...]))
    }

    private struct ParseError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Parses the unfolded lines into components, checking BEGIN/END balance.
    private static func parse(_ text: String) throws -> Component {
        var stack: [Component] = []
        var root: Component?
        for line in unfold(text) {
            let p = try property(line)
            if p.name == "BEGIN" {
                stack.append(Component(name: p.value))
            } else if p.name == "END" {
                guard let top = stack.popLast(), top.name == p.value else {
                    throw ParseError("unbalanced END:\(p.value)")
                }
                if stack.isEmpty {
                    guard root == nil else { throw ParseError("two top-level components") }
                    root = top
                } else {
                    stack[stack.count - 1].children.append(top)
                }
            } else {
                guard !stack.isEmpty else { throw ParseError("property outside a component: \(line)") }
                stack[stack.count - 1].properties.append(p)
            }
        }
        guard stack.isEmpty, let root else { throw ParseError("unclosed component") }
        return root
    }

    /// Unescapes a TEXT value; with `list`, splits it at unescaped commas.
    private static func unescapeList(_ value: String) throws -> [String] {
        var items: [String] = []
        var current = ""
        var escaping = false
        for c in value.unicodeScalars {
            if escaping {
                switch c {
                case "\\": current += "\\"
                case ";": current += ";"
                case ",": current += ","
                case "n", "N": current += "\n"
                default: throw ParseError("bad escape \\\(c) in \(value.debugDescription)")
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else if c == "," {
                items.append(current)
                current = ""
            } else if c == ";" {
                throw ParseError("unescaped semicolon in \(value.debugDescription)")
            } else {
                current.unicodeScalars.append(c)
            }
        }
        guard !escaping else { throw ParseError("trailing backslash in \(value.debugDescription)") }
        items.append(current)
        return items
    }

    private static func unescape(_ value: String) throws -> String {
        let items = try unescapeList(value)
        guard items.count == 1 else { throw ParseError("unescaped comma in \(value.debugDescription)") }
        return items[0]
    }

    // MARK: - Framing

    func testCRLFOnlyAndEndsWithCRLF() {
        let text = Self.export()
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.suffix(2), [13, 10])
        for (i, b) in bytes.enumerated() {
            if b == 10 { XCTAssertTrue(i > 0 && bytes[i - 1] == 13, "bare LF at octet \(i)") }
            if b == 13 { XCTAssertTrue(i + 1 < bytes.count && bytes[i + 1] == 10, "bare CR at octet \(i)") }
        }
    }

    func testPhysicalLinesAtMost75OctetsAndValidUTF8() throws {
        let bytes = Array(Self.export().utf8)
        var lines: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                lines.append([])
                i += 2
                continue
            }
            lines[lines.count - 1].append(bytes[i])
            i += 1
        }
        XCTAssertEqual(lines.last, [], "output ends with CRLF")
        var folded = 0
        for (n, line) in lines.enumerated() {
            XCTAssertLessThanOrEqual(line.count, 75, "line \(n + 1) has \(line.count) octets")
            XCTAssertNotNil(
                String(validatingUTF8: line.map { CChar(bitPattern: $0) } + [0]),
                "line \(n + 1) is not valid UTF-8 on its own: \(line)")
            if line.first == 0x20 { folded += 1 }
        }
        XCTAssertGreaterThan(folded, 3, "the fixture should force folding")
    }

    /// Folding every prefix of a mixed 1-, 2-, 3- and 4-octet string: no line over 75 octets, every
    /// line valid UTF-8, continuation lines start with exactly one added space, and unfolding restores
    /// the input.
    func testFoldExhaustively() {
        let source = "DESCRIPTION:ab\\,é" + String(repeating: "村𠀀ü x", count: 40)
        let scalars = Array(source.unicodeScalars)
        for n in 0...scalars.count {
            var line = ""
            line.unicodeScalars.append(contentsOf: scalars[..<n])
            let folded = Roster.icsFold(line)
            let physical = folded.components(separatedBy: "\r\n")
            for (k, p) in physical.enumerated() {
                XCTAssertLessThanOrEqual(p.utf8.count, 75, "prefix \(n), line \(k)")
                if k > 0 {
                    XCTAssertTrue(p.hasPrefix(" "), "prefix \(n), line \(k)")
                    XCTAssertGreaterThan(p.utf8.count, 1, "empty continuation line")
                }
                // Each physical line must decode on its own: `String(decoding:)` would insert U+FFFD.
                XCTAssertFalse(String(decoding: Array(p.utf8), as: UTF8.self).contains("\u{FFFD}"))
            }
            let unfolded = physical.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }
                .joined()
            XCTAssertEqual(unfolded, line, "prefix \(n)")
            if line.utf8.count <= 75 { XCTAssertEqual(folded, line) }
        }
    }

    func testEscape() {
        XCTAssertEqual(Roster.icsEscape("a\\b;c,d\ne\r\nf\rg\th\u{7}i"), "a\\\\b\\;c\\,d\\ne\\nf\\ng\th" + "i")
        XCTAssertEqual(Roster.icsEscape("双桥村"), "双桥村")
    }

    func testFNV1aVectors() {
        XCTAssertEqual(Roster.icsFNV1a64(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(Roster.icsFNV1a64("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(Roster.icsFNV1a64("foobar"), 0x8594_4171_f739_67e8)
    }

    func testBeginEndBalancedAndCalendarHeader() throws {
        let text = Self.export()
        var depth: [String] = []
        for line in Self.unfold(text) {
            if line.hasPrefix("BEGIN:") { depth.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") { XCTAssertEqual(depth.popLast(), String(line.dropFirst(4))) }
        }
        XCTAssertEqual(depth, [])
        let lines = Self.unfold(text)
        XCTAssertEqual(lines.filter { $0.hasPrefix("BEGIN:") }.count, lines.filter { $0.hasPrefix("END:") }.count)

        let cal = try Self.parse(text)
        XCTAssertEqual(cal.name, "VCALENDAR")
        XCTAssertEqual(cal.one("VERSION")?.value, "2.0")
        XCTAssertEqual(cal.one("PRODID")?.value, "-//village-counsel//roster//ZH")
        XCTAssertEqual(cal.one("CALSCALE")?.value, "GREGORIAN")
        XCTAssertEqual(cal.one("X-WR-TIMEZONE")?.value, "Asia/Shanghai")
        XCTAssertEqual(try cal.one("X-WR-CALNAME").map { try Self.unescape($0.value) }, Self.calendarName)
        XCTAssertEqual(lines.first, "BEGIN:VCALENDAR")
        XCTAssertEqual(lines.last, "END:VCALENDAR")

        let zones = cal.children.filter { $0.name == "VTIMEZONE" }
        XCTAssertEqual(zones.count, 1)
        let zone = try XCTUnwrap(zones.first)
        XCTAssertEqual(zone.one("TZID")?.value, "Asia/Shanghai")
        let standard = try XCTUnwrap(zone.children.first { $0.name == "STANDARD" })
        XCTAssertEqual(standard.one("DTSTART")?.value, "19700101T000000")
        XCTAssertEqual(standard.one("TZOFFSETFROM")?.value, "+0800")
        XCTAssertEqual(standard.one("TZOFFSETTO")?.value, "+0800")
        XCTAssertEqual(standard.one("TZNAME")?.value, "CST")
        XCTAssertEqual(
            cal.children.map(\.name), ["VTIMEZONE"] + Array(repeating: "VEVENT", count: Self.a1Sessions.count))
    }

    // MARK: - Events

    func testRoundTripRecoversEverySession() throws {
        let cal = try Self.parse(Self.export())
        let events = cal.children.filter { $0.name == "VEVENT" }
        XCTAssertEqual(events.count, Self.expected.count, "only A1's sessions, one event each")
        for (i, (event, want)) in zip(events, Self.expected).enumerated() {
            let context = "event \(i + 1)"
            let start = try XCTUnwrap(event.one("DTSTART"), context)
            XCTAssertEqual(start.parameters["TZID"], "Asia/Shanghai", context)
            XCTAssertEqual(start.value, want.dtstart, context)
            XCTAssertEqual(event.one("DTEND")?.value, want.dtend, context)
            if want.dtend != nil { XCTAssertEqual(event.one("DTEND")?.parameters["TZID"], "Asia/Shanghai", context) }
            XCTAssertEqual(try Self.unescape(try XCTUnwrap(event.one("SUMMARY")).value), want.summary, context)
            XCTAssertEqual(try Self.unescape(try XCTUnwrap(event.one("LOCATION")).value), want.location, context)
            XCTAssertEqual(
                try Self.unescape(try XCTUnwrap(event.one("DESCRIPTION")).value),
                want.descriptionLines.joined(separator: "\n"), context)
            XCTAssertEqual(
                try Self.unescapeList(try XCTUnwrap(event.one("CATEGORIES")).value), want.categories, context)
            XCTAssertEqual(event.one("TRANSP")?.value, "OPAQUE", context)
            for name in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"] {
                XCTAssertLessThanOrEqual(event.all(name).count, 1, "\(context): \(name) repeated")
            }
        }
        // The roster's own order, restricted to A1.
        let a1 = Self.roster.sessions.filter { $0.adviser == "A1" }
        XCTAssertEqual(a1.map { Roster.icsLocal($0.day, minutes: $0.start) }, Self.expected.map(\.dtstart))
    }

    func testDTStampInEveryEventIsDeterministicUTC() throws {
        let cal = try Self.parse(Self.export())
        let events = cal.children.filter { $0.name == "VEVENT" }
        for (event, want) in zip(events, Self.expected) {
            let stamps = event.all("DTSTAMP")
            XCTAssertEqual(stamps.count, 1)
            XCTAssertEqual(stamps.first?.value, String(want.dtstart.prefix(4)) + "0101T000000Z")
        }
    }

    func testUIDsUniqueAndStable() throws {
        let first = Self.export()
        let second = Self.export()
        XCTAssertEqual(first, second, "byte-identical for the same input")
        XCTAssertEqual(Array(first.utf8), Array(second.utf8))

        let uids = try Self.parse(first).children.filter { $0.name == "VEVENT" }.compactMap { $0.one("UID")?.value }
        XCTAssertEqual(uids.count, Self.a1Sessions.count)
        XCTAssertEqual(Set(uids).count, uids.count, "UIDs unique: \(uids)")
        for uid in uids {
            XCTAssertTrue(uid.hasSuffix("@village-counsel"), uid)
            let hex = uid.dropLast("@village-counsel".count).prefix(16)
            XCTAssertTrue(hex.count == 16 && hex.allSatisfy(\.isHexDigit), uid)
        }
        // The two sessions sharing date|start|adviser|village|activity: same hash, suffix on the second.
        XCTAssertEqual(uids[7], uids[6].replacingOccurrences(of: "@", with: "-2@"))

        // A session's UID does not depend on the other sessions in the roster.
        let alone = Roster([Self.a1Sessions[1]])
        let aloneUIDs = try Self.parse(Self.export(alone)).children.compactMap { $0.one("UID")?.value }
        XCTAssertEqual(aloneUIDs, [uids[1]])
        let key = "2025-03-04|840|A1|V2|lecture"
        XCTAssertEqual(uids[1], String(format: "%016llx", Roster.icsFNV1a64(key)) + "@village-counsel")
    }

    func testOnlyChosenAdviser() throws {
        let text = Self.export()
        let events = try Self.parse(text).children.filter { $0.name == "VEVENT" }
        XCTAssertEqual(events.count, Self.a1Sessions.count)
        // A2's 2025-03-07 session (the only one on that date) must not appear.
        XCTAssertFalse(text.contains("20250307T090000"))
        let summaries = try events.map { try Self.unescape($0.one("SUMMARY")!.value) }
        XCTAssertFalse(summaries.contains("法治讲座 · 双桥村"), "A2's lecture at V1 leaked")

        let none = Self.roster.ics(forAdviser: "nobody", adviserName: "x", villages: Self.villages, calendarName: "空")
        let empty = try Self.parse(none)
        XCTAssertEqual(empty.children.map(\.name), ["VTIMEZONE"])
    }

    func testEndNotAfterStartOmitsDTEnd() throws {
        let roster = Roster([
            Session(
                day: Self.day("2025-05-01"), start: 600, end: 600, adviser: "A1", village: "V1",
                mode: .onsite, activity: .service)
        ])
        let event = try XCTUnwrap(try Self.parse(Self.export(roster)).children.first { $0.name == "VEVENT" })
        XCTAssertEqual(event.one("DTSTART")?.value, "20250501T100000")
        XCTAssertNil(event.one("DTEND"))
    }

    // MARK: - Independent check: Python's icalendar

    /// Parses the export with Python's `icalendar` (when installed) and compares what it decodes —
    /// calendar name, UIDs, summaries, locations, descriptions, categories and time-zone-aware start
    /// and end times (+08:00) — with the fixture. The calendar name is an X- property, which the library
    /// returns raw (still escaped).
    func testPythonICalendarParsesOutput() throws {
        guard Self.run(["python3", "-c", "import icalendar"]).status == 0 else {
            throw XCTSkip(
                "Python's icalendar library is not available (`pip install icalendar`); independent check skipped")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ics-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let icsURL = dir.appendingPathComponent("a1.ics")
        try Data(Self.export().utf8).write(to: icsURL)
        let script = """
            import json, sys, icalendar
            with open(sys.argv[1], 'rb') as f:
                cal = icalendar.Calendar.from_ical(f.read())
            out = {"name": str(cal.get('X-WR-CALNAME')), "timezones": [], "events": []}
            for c in cal.walk():
                if c.name == 'VTIMEZONE':
                    out["timezones"].append(str(c.get('TZID')))
                if c.name == 'VEVENT':
                    start = c.decoded('DTSTART')
                    end = c.decoded('DTEND') if c.get('DTEND') is not None else None
                    cats = []
                    for v in (c.get('CATEGORIES') if isinstance(c.get('CATEGORIES'), list) else [c.get('CATEGORIES')]):
                        cats.extend(str(x) for x in v.cats)
                    out["events"].append({
                        "uid": str(c.get('UID')),
                        "summary": str(c.get('SUMMARY')),
                        "location": str(c.get('LOCATION')),
                        "description": str(c.get('DESCRIPTION')),
                        "categories": cats,
                        "start": start.isoformat(),
                        "end": end.isoformat() if end is not None else None,
                        "stamp": c.decoded('DTSTAMP').isoformat(),
                    })
            print(json.dumps(out, ensure_ascii=False))
            """
        let result = Self.run(["python3", "-c", script, icsURL.path])
        XCTAssertEqual(result.status, 0, "python failed: \(result.stderr)")
        let json = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            result.stdout)
        // `icalendar` keeps X- properties raw (vUnknown), so unescape its raw value with the reader here.
        XCTAssertEqual(try Self.unescape(try XCTUnwrap(json["name"] as? String)), Self.calendarName)
        XCTAssertEqual(json["timezones"] as? [String], ["Asia/Shanghai"])
        let events = try XCTUnwrap(json["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, Self.expected.count)
        let ourUIDs = try Self.parse(Self.export()).children.compactMap { $0.one("UID")?.value }
        func iso(_ compact: String) -> String {
            let c = Array(compact)
            return
                "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))+08:00"
        }
        for (i, (event, want)) in zip(events, Self.expected).enumerated() {
            let context = "python event \(i + 1)"
            XCTAssertEqual(event["uid"] as? String, ourUIDs[i], context)
            XCTAssertEqual(event["summary"] as? String, want.summary, context)
            XCTAssertEqual(event["location"] as? String, want.location, context)
            XCTAssertEqual(event["description"] as? String, want.descriptionLines.joined(separator: "\n"), context)
            XCTAssertEqual(event["categories"] as? [String], want.categories, context)
            XCTAssertEqual(event["start"] as? String, iso(want.dtstart), context)
            XCTAssertEqual(event["end"] as? String, want.dtend.map(iso), context)
            XCTAssertEqual(event["stamp"] as? String, String(want.dtstart.prefix(4)) + "-01-01T00:00:00+00:00", context)
        }
    }

    private static func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (-1, "", "\(error)") }
        // Read before waiting so a large output cannot fill the pipe and deadlock.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }
}
