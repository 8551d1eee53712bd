import Foundation

/// Working days under the national holiday arrangement (RULES.md §6): Monday–Friday work, weekends
/// rest, except the listed holidays (days off) and make-up workdays (调休上班, weekend days worked).
public struct WorkCalendar: Sendable {
    /// A listed day.
    public struct Entry: Sendable, Equatable {
        /// `holiday` (a day off) or `workday` (a weekend day worked).
        public enum Kind: String, Sendable { case holiday, workday }
        /// The date.
        public var day: Day
        /// Day off or make-up workday.
        public var kind: Kind
        /// e.g. 春节 Spring Festival.
        public var name: String
    }

    /// The listed days, by date.
    public let entries: [Day: Entry]
    /// Years the file covers (a date outside them falls back to weekday/weekend).
    public let years: Set<Int>
    /// Where it was read from.
    public let source: String

    /// Makes a calendar from entries.
    public init(entries: [Entry], source: String) {
        var map: [Day: Entry] = [:]
        for e in entries { map[e.day] = e }
        self.entries = map
        years = Set(entries.map(\.day.year))
        self.source = source
    }

    /// Loads a `date,kind,name` CSV (the format of `cn-2026.csv`).
    ///
    /// - Throws: ``ScenarioError`` listing every bad line.
    public static func load(from url: URL, displayName: String) throws -> WorkCalendar {
        let table: CSVTable
        do { table = try CSVTable(contentsOf: url, file: displayName) } catch let d as Diagnostic {
            throw ScenarioError([d])
        }
        let names = table.header.map(\.text)
        guard let di = names.firstIndex(of: "date"), let ki = names.firstIndex(of: "kind") else {
            throw ScenarioError([Diagnostic(file: displayName, line: 1, tr("calendar.columns"))])
        }
        let ni = names.firstIndex(of: "name")
        var problems: [Diagnostic] = []
        var entries: [Entry] = []
        for r in table.records {
            guard r.fields.count == names.count else {
                problems.append(
                    Diagnostic(
                        file: displayName, line: r.line,
                        tr("calendar.fieldCount", ["expected": names.count, "found": r.fields.count])))
                continue
            }
            let df = r.fields[di], kf = r.fields[ki]
            guard let day = Day(df.text) else {
                problems.append(
                    Diagnostic(
                        file: displayName, line: df.line, column: df.column, tr("calendar.date", ["raw": df.text])))
                continue
            }
            guard let kind = Entry.Kind(rawValue: kf.text) else {
                problems.append(
                    Diagnostic(
                        file: displayName, line: kf.line, column: kf.column, tr("calendar.kind", ["raw": kf.text])))
                continue
            }
            entries.append(Entry(day: day, kind: kind, name: ni.map { r.fields[$0].text } ?? ""))
        }
        if !problems.isEmpty { throw ScenarioError(problems) }
        return WorkCalendar(entries: entries, source: displayName)
    }

    /// Whether `day` is an official day off (a listed holiday).
    public func isHoliday(_ day: Day) -> Bool { entries[day]?.kind == .holiday }

    /// Whether `day` is a working day: a weekday that is not a holiday, or a make-up workday.
    public func isWorkingDay(_ day: Day) -> Bool {
        if let e = entries[day] { return e.kind == .workday }
        return day.weekday <= 5
    }

    /// The working days from `start` to `end` inclusive.
    public func workingDays(from start: Day, to end: Day) -> [Day] {
        guard start <= end else { return [] }
        return (start.ordinal...end.ordinal).map(Day.init(ordinal:)).filter(isWorkingDay)
    }

    /// Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`): how many
    /// working days a response took (Rongchang 000 §三(三): within 5 working days).
    public func workingDaysBetween(_ from: Day, _ to: Day) -> Int {
        guard to > from else { return 0 }
        return workingDays(from: from.adding(1), to: to).count
    }
}

extension WorkCalendar {
    /// The calendar of a scenario: `calendar:` in scenario.yaml (a path relative to the scenario
    /// folder, or a file name in a shipped `Data/calendars/`), else the shipped national calendar
    /// `Data/calendars/cn-YEAR.csv` (the official arrangement, RULES.md §6).
    ///
    /// - Throws: ``ScenarioError`` when no calendar is found or the file is malformed.
    public static func load(for scenario: Scenario, searchPath: [URL] = RuleProfileLocator.defaultSearchPath()) throws
        -> WorkCalendar
    {
        let name = scenario.calendar ?? "cn-\(scenario.year).csv"
        var candidates = [scenario.directory.appendingPathComponent(name)]
        if !name.hasPrefix("/") {
            for models in searchPath {
                candidates.append(
                    models.deletingLastPathComponent().appendingPathComponent("Data/calendars").appendingPathComponent(
                        name))
            }
        } else {
            candidates = [URL(fileURLWithPath: name)]
        }
        guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw ScenarioError([
                Diagnostic(
                    file: "scenario.yaml",
                    tr("calendar.notFound", ["name": name]))
            ])
        }
        return try load(from: url, displayName: url.lastPathComponent)
    }
}
