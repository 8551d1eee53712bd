import Reports
import ArgumentParser
import CounselModel
import Foundation
import Scheduling

/// `village-counsel check DIR --roster FILE`: audits a roster or a service ledger (台账) against the
/// scenario's rule profile.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit a roster or service ledger (台账) against the scenario's rule profile.",
        discussion: """
            Reads a roster (--roster, the columns of roster.csv: date,start,end,adviser_id,village_id,mode,activity,team_id) \
            or ledger books (--ledger FILES… or a folder such as OUT/ledgers: the same columns plus record columns \
            person_served,content,result,requested_on,signature and the profile's further ones) and checks every village \
            against the scenario's profile. A file with record columns is a ledger: only its records count — an entry \
            missing a field the profile's `ledger` section requires is listed and counts toward nothing, so a blank \
            published book fails — and a request (requested_on) with no result past the response time is a finding. A \
            file without record columns is a roster (a plan), checked as planned. Visits, hours, lectures and trainings \
            per period; rest days or evenings the village does not allow (information only where the profile encourages \
            them, as Guangdong 001 §(六)), overlapping sessions, the daily hours limit, adviser unavailability, recorded \
            lectures and response times; a session on an official holiday is a warning. With --callbacks, entries a \
            call-back did not confirm are findings and count toward nothing, and the share confirmed per adviser is printed. \
            The profile's duties of advisers and firms (firm events, reports, campaign duties, training) are counted over \
            the whole ledger (not with --village); mediation entries count like service and are never shown. --month \
            audits one month and lists per township the villages whose book did not come in. \
            Exit status 0 when compliant (warnings and information may remain), 3 when not (every finding is printed), \
            1 for invalid input, 2 for usage errors, 4 when --out cannot be written.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, help: "A roster or ledger CSV to audit.")
    var roster: String?

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("Ledger books to audit together (files, or folders of .csv files such as OUT/ledgers).", valueName: "FILES"))
    var ledger: [String] = []

    @Option(name: .long, help: "First month audited, YYYY-MM (default: January of the scenario year).")
    var from: String?

    @Option(name: .long, help: "Last month audited, YYYY-MM (default: December of the scenario year).")
    var to: String?

    @Option(name: .long, help: "Audit one month's submissions, YYYY-MM (instead of --from/--to): per township, the villages whose book for the month did not come in.")
    var month: String?

    @Option(name: .long, help: "The assignment plan: every village with an adviser in it is audited, even one missing from the ledger.")
    var assignment: String?

    @Option(name: .long, help: ArgumentHelp("Audit only this village (repeatable), e.g. for one village's ledger book.", valueName: "VILLAGE_ID"))
    var village: [String] = []

    @Option(name: .long, help: "A call-back list with results (callbacks.csv from `village-counsel callbacks`): entries not confirmed are findings and count toward nothing.")
    var callbacks: String?

    @Option(name: .long, help: "Write the compliance rows (village_id,adviser_id,rule,period,required,planned,ok) to this CSV file.")
    var out: String?

    @OptionGroup var workbook: WorkbookOutputOptions

    /// With `--xlsx`, the workbook beside `--out`: `compliance.csv` → `compliance.xlsx`.
    var workbookPath: String? {
        guard workbook.xlsx, let out else { return nil }
        return (out.lowercased().hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".xlsx"
    }

    func validate() throws {
        if let month {
            if Month(month) == nil { throw ValidationError("--month must be a month YYYY-MM, got '\(month)'") }
            if from != nil || to != nil { throw ValidationError("--month audits one month; give either --month or --from/--to") }
        }
        if let from, Month(from) == nil { throw ValidationError("--from must be a month YYYY-MM, got '\(from)'") }
        if let to, Month(to) == nil { throw ValidationError("--to must be a month YYYY-MM, got '\(to)'") }
        if let from = from.flatMap(Month.init), let to = to.flatMap(Month.init), to < from {
            throw ValidationError("--to (\(to)) is before --from (\(from))")
        }
        if roster == nil && ledger.isEmpty { throw ValidationError("give the roster or ledger to audit: --roster FILE or --ledger FILES…") }
        if workbook.xlsx && out == nil { throw ValidationError("--xlsx writes the workbook beside --out FILE; give --out too") }
    }

    func run() throws {
        let scenarioURL = URL(fileURLWithPath: directory)
        let scenario: Scenario
        let audit: LedgerAudit
        do {
            scenario = try Scenario.load(from: scenarioURL)
            printWarnings(scenario, directory: directory)
            let calendar = try WorkCalendar.load(for: scenario)
            audit = try LedgerAudit(scenario: scenario, calendar: calendar)
        } catch let error as ScenarioError {
            throw InputError(error, in: directory, consequence: "nothing was checked")
        }
        let one = month.flatMap(Month.init)
        let first = one ?? from.flatMap(Month.init) ?? Month(year: scenario.year, month: 1)!
        let last = one ?? to.flatMap(Month.init) ?? Month(year: scenario.year, month: 12)!
        guard first <= last else {
            throw ValidationError("the months audited run from \(first) to \(last); give --from and --to in order")
        }
        let files = try LedgerFiles.expand((roster.map { [$0] } ?? []) + ledger)
        let name = files.count == 1 ? files[0].displayName : "\(files.count) ledger files"
        let ledger = try LedgerFiles.load(files, scenario: scenario, consequence: "nothing was checked")
        let list = try callbacks.map { try LedgerFiles.loadCallbacks($0, for: ledger, consequence: "nothing was checked") }
        // Which villages must be served: the plan's, or (without one) every village of the scenario,
        // so a village missing from a county's ledger is a shortfall rather than a silent pass.
        var expected: [String: String] = [:]
        if let assignment {
            for (v, a) in try AssignmentPlanFile.load(assignment, scenario: scenario) { expected[v] = a.adviser }
        } else {
            for v in scenario.villages { expected[v.id] = v.currentAdviser ?? "—" }
        }
        var audited = ledger
        if !village.isEmpty {
            let known = Set(scenario.villages.map(\.id))
            let unknown = village.filter { !known.contains($0) }
            if !unknown.isEmpty { throw ValidationError("--village \(unknown.joined(separator: ", ")): not a village of the scenario") }
            let only = Set(village)
            expected = expected.filter { only.contains($0.key) }
            for v in village where expected[v] == nil { expected[v] = "—" }
            audited = ledger.only(villages: only)
        }
        // One village's book holds none of its adviser's other work: the duties of advisers and
        // firms are audited only over the whole ledger.
        let report = audit.audit(audited, from: first, to: last, expected: expected, callbacks: list?.rows ?? [],
                                 duties: village.isEmpty, submissions: one)
        if let out {
            let csv = ComplianceEvaluator.csv(report.rows)
            var workbookData: Data?
            if workbookPath != nil {
                let county = Dictionary(scenario.villages.map { ($0.id, $0.county) }, uniquingKeysWith: { first, _ in first })
                let findings = report.findings.map { f in
                    [f.village, f.adviser, f.day?.description ?? "", f.period ?? "", f.kind.rawValue, f.message, f.source,
                     f.lines.map(String.init).joined(separator: ",")]
                }
                do {
                    workbookData = try OutputWorkbooks.compliance(complianceCSV: csv, findings: findings, villageCounty: county,
                                                                  counties: scenario.counties, language: .en)
                } catch {
                    throw RunFailure(message: "cannot make the workbook: \(error)")
                }
            }
            do {
                try AtomicFile.write(csv, to: URL(fileURLWithPath: out))
                if let workbookData, let path = workbookPath { try AtomicFile.write(workbookData, to: URL(fileURLWithPath: path)) }
            } catch {
                throw RunFailure(message: "cannot write the compliance rows to \(out): \(error.localizedDescription)")
            }
        }
        print(Self.text(for: report, audit: audit, file: name, ledger: audited, out: out.map { o in workbookPath.map { "\(o) and \($0)" } ?? o }))
        if !report.isCompliant {
            let n = report.findings(.breach).count
            throw NotCompliant(summary: "\(name): not compliant, \(n) finding\(n == 1 ? "" : "s") (listed above)")
        }
    }

    /// The printed report: what was read and checked, counts per kind, each finding grouped by
    /// village, then warnings and information, then the call-backs per adviser.
    static func text(for report: LedgerAudit.Report, audit: LedgerAudit, file: String, ledger: LedgerAudit.Ledger? = nil,
                     out: String?) -> String {
        let profile = audit.scenario.rules
        var lines: [String] = []
        lines.append("\(file) checked against the rules of \(profile.name) (\(profile.id)), \(report.from) to \(report.to)")
        let met = report.rows.filter(\.ok).count
        var scope = "\(report.sessionsAudited) session\(report.sessionsAudited == 1 ? "" : "s") in these months"
        if report.sessionsOutside > 0 { scope += " (\(report.sessionsOutside) outside them, not checked)" }
        scope += ", \(report.villages.count) village\(report.villages.count == 1 ? "" : "s"), "
            + "\(report.rows.count) rule check\(report.rows.count == 1 ? "" : "s") (\(met) met)"
        lines.append(scope)
        if report.records > 0 {
            let notCounted = report.records - report.counted
            var kind = "read as a ledger (record columns present): \(report.records) entr\(report.records == 1 ? "y" : "ies") in these months, "
                + "\(report.counted) count\(report.counted == 1 ? "s" : "") toward the requirements"
            if notCounted > 0 { kind += ", \(notCounted) do\(notCounted == 1 ? "es" : "") not (listed below)" }
            if audit.ledgerRules == nil { kind += "; the profile names no required ledger fields" }
            lines.append(kind)
        }
        if report.planned > 0 {
            lines.append("read as a roster (a plan: no record columns): \(report.planned) planned session\(report.planned == 1 ? "" : "s"); "
                + "the record checks apply to ledgers only")
        }
        for note in report.notes { lines.append("note: \(note)") }
        if !report.duties.isEmpty {
            let met = report.duties.filter(\.ok).count
            lines.append("duties of advisers and firms: \(report.duties.count) check\(report.duties.count == 1 ? "" : "s") "
                + "(\(Set(report.duties.map(\.rule)).sorted().joined(separator: ", "))), \(met) met")
        }
        if report.mediations > 0 {
            lines.append("mediation: \(report.mediations) entr\(report.mediations == 1 ? "y" : "ies") counted; their matters are confidential "
                + "and never published (Jiaocheng 004 §二(四): 调解事项、调解过程、调解协议内容等一律不公开)")
        }
        if let first = report.submissions.first {
            let source = audit.ledgerRules?.monthlySubmission?.source ?? "the profile names no monthly submission: information only"
            let missing = report.submissions.reduce(0) { $0 + $1.missing.count }, all = report.submissions.reduce(0) { $0 + $1.missing.count + $1.received.count }
            lines.append("")
            lines.append("Books for \(LedgerAudit.describePeriod(first.month.description)) per township (\(all - missing) of \(all) came in; source: \(source)):")
            var table = TextTable(["township", "villages", "came in", "not in", "villages whose book did not come in"], rightAligned: [1, 2, 3])
            for t in report.submissions {
                table.add([t.township, "\(t.missing.count + t.received.count)", "\(t.received.count)", "\(t.missing.count)",
                           t.missing.map(audit.villageName).joined(separator: ", ")])
            }
            lines.append(table.render())
        }
        let breaches = report.findings(.breach), warnings = report.findings(.warning), info = report.findings(.info)
        var extra: [String] = []
        if !warnings.isEmpty { extra.append("\(warnings.count) warning\(warnings.count == 1 ? "" : "s")") }
        if !info.isEmpty { extra.append("\(info.count) for information") }
        let also = extra.isEmpty ? "" : " (and \(extra.joined(separator: ", ")), not breaches)"
        if report.isCompliant {
            lines.append("COMPLIANT: every rule is met and no session breaks a rule." + (extra.isEmpty ? "" : " \(extra.joined(separator: ", ").capitalizedFirst), listed below."))
        } else {
            let n = breaches.count
            lines.append("NOT COMPLIANT: \(n) finding\(n == 1 ? "" : "s")\(also)")
        }
        func section(_ findings: [LedgerAudit.Finding], tag: String) {
            guard !findings.isEmpty else { return }
            var table = TextTable([tag == "" ? "findings" : tag == "warning" ? "warnings" : "information", "kind"], rightAligned: [0])
            var n: [LedgerAudit.Finding.Kind: Int] = [:]
            for f in findings { n[f.kind, default: 0] += 1 }
            for kind in LedgerAudit.Finding.Kind.allCases { if let c = n[kind] { table.add(["\(c)", "\(kind.label) (\(kind.rawValue))"]) } }
            if tag != "" { lines.append("") }
            lines.append(table.render())
            var byVillage: [String: [LedgerAudit.Finding]] = [:]
            var order: [String] = []
            // A duty is an adviser's or a firm's, not a village's: grouped under its owner.
            func key(_ f: LedgerAudit.Finding) -> String {
                f.village.isEmpty ? (f.firm.map { "firm \($0)" } ?? "adviser \(f.adviser)") : f.village
            }
            for f in findings {
                if byVillage[key(f)] == nil { order.append(key(f)) }
                byVillage[key(f), default: []].append(f)
            }
            for village in order {
                let group = byVillage[village]!
                lines.append("")
                let what = tag == "" ? "finding" : tag == "warning" ? "warning" : "note"
                if group[0].village.isEmpty {
                    lines.append("\(village): \(group.count) \(what)\(group.count == 1 ? "" : "s")")
                } else {
                    let adviser = report.advisers[village] ?? group[0].adviser
                    lines.append("\(audit.villageName(village)), adviser \(adviser): \(group.count) \(what)\(group.count == 1 ? "" : "s")")
                }
                for f in group {
                    let when = f.day?.description ?? f.period ?? ""
                    let label = tag == "" ? f.kind.rawValue : "\(f.kind.rawValue) (\(tag))"
                    lines.append("  \(when) \(label): \(f.message)\(Self.locations(f, file: file))")
                }
            }
        }
        section(breaches, tag: "")
        section(warnings, tag: "warning")
        section(info, tag: "info")
        if !report.callbacks.isEmpty {
            lines.append("")
            lines.append("Call-backs per adviser (confirmed share of those reached):")
            var table = TextTable(["adviser", "listed", "confirmed", "not confirmed", "unreachable", "not called yet", "confirmed share"],
                                  rightAligned: [1, 2, 3, 4, 5, 6])
            for adviser in report.callbacks.keys.sorted() {
                let t = report.callbacks[adviser]!
                table.add([adviser, "\(t.listed)", "\(t.confirmed)", "\(t.notConfirmed)", "\(t.unreachable)", "\(t.pending)",
                           t.confirmedShare.map { "\(LedgerAudit.number(($0 * 1000).rounded() / 10))%" } ?? "—"])
            }
            lines.append(table.render())
        }
        if let out { lines.append(""); lines.append("wrote \(out)") }
        return lines.joined(separator: "\n")
    }

    /// ` [ledger.csv:27]`, or ` [ledgers/V1.csv:3,5; ledgers/V2.csv:4]` across files; the file
    /// name alone where a roster's lines are not known.
    static func locations(_ f: LedgerAudit.Finding, file: String) -> String {
        if f.locations.isEmpty { return f.lines.isEmpty ? "" : " [\(file):\(f.lines.map(String.init).joined(separator: ","))]" }
        var order: [String] = []
        var byFile: [String: [Int]] = [:]
        for l in f.locations {
            if byFile[l.file] == nil { order.append(l.file) }
            byFile[l.file, default: []].append(l.line)
        }
        return " [" + order.map { name in "\(name.isEmpty ? file : name):\(byFile[name]!.map(String.init).joined(separator: ","))" }.joined(separator: "; ") + "]"
    }
}

extension String {
    /// The text with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Ledger files named on the command line (`--ledger FILES…`, `--roster FILE`): files, or
/// folders whose `.csv` files are read in name order.
enum LedgerFiles {
    /// The files, folders expanded, as (URL, the name used in messages).
    static func expand(_ paths: [String]) throws -> [(url: URL, displayName: String)] {
        var result: [(URL, String)] = []
        for path in paths {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
                if names.isEmpty { throw InputError(description: "\(path): the folder holds no .csv ledger files") }
                for n in names { result.append((URL(fileURLWithPath: path).appendingPathComponent(n), (path as NSString).appendingPathComponent(n))) }
            } else {
                result.append((URL(fileURLWithPath: path), path))
            }
        }
        return result
    }

    /// Reads the files into one ledger, or an input error listing every problem.
    static func load(_ files: [(url: URL, displayName: String)], scenario: Scenario, consequence: String) throws -> LedgerAudit.Ledger {
        do {
            return try LedgerAudit.loadLedgers(files, scenario: scenario)
        } catch let error as ScenarioError {
            let n = error.diagnostics.count
            let name = files.count == 1 ? files[0].displayName : "the \(files.count) ledger files"
            throw InputError(description: error.diagnostics.map(\.description).joined(separator: "\n")
                + "\n\(n) problem\(n == 1 ? "" : "s") found in \(name); \(consequence)")
        }
    }

    /// Reads a call-back list and checks that every row is an entry of `ledger`.
    static func loadCallbacks(_ path: String, for ledger: LedgerAudit.Ledger, consequence: String) throws -> CallbackList {
        do {
            let list = try CallbackList.load(from: URL(fileURLWithPath: path), displayName: path)
            let unmatched = list.unmatched(in: ledger)
            if !unmatched.isEmpty { throw ScenarioError(unmatched) }
            return list
        } catch let error as ScenarioError {
            let n = error.diagnostics.count
            throw InputError(description: error.diagnostics.map(\.description).joined(separator: "\n")
                + "\n\(n) problem\(n == 1 ? "" : "s") found in \(path); \(consequence)")
        }
    }
}
