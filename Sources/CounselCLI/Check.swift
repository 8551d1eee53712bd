import ArgumentParser
import CounselModel
import Foundation
import Planning
import Reports
import Scheduling

/// `village-counsel check DIR --roster FILE`: audits a roster or a service ledger (台账) against the
/// scenario's rule profile.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("help.check.abstract"),
        discussion: tr("help.check.discussion"))

    @Argument(help: ArgumentHelp(tr("help.common.directory")))
    var directory: String

    @Option(name: .long, help: ArgumentHelp(tr("help.check.roster")))
    var roster: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(tr("help.check.ledger"), valueName: "FILES"))
    var ledger: [String] = []

    @Option(name: .long, help: ArgumentHelp(tr("help.check.from")))
    var from: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.check.to")))
    var to: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.check.month")))
    var month: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.check.assignment")))
    var assignment: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.check.village"), valueName: "VILLAGE_ID"))
    var village: [String] = []

    @Option(name: .long, help: ArgumentHelp(tr("help.check.callbacks")))
    var callbacks: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.check.out")))
    var out: String?

    @OptionGroup var workbook: WorkbookOutputOptions

    @OptionGroup var language: LanguageOption

    private var request: CheckRequest {
        CheckRequest(
            directory: directory, roster: roster, ledger: ledger, from: from, to: to, month: month,
            assignment: assignment,
            villages: village, callbacks: callbacks, out: out, xlsx: workbook.xlsx)
    }

    func validate() throws { try validating { try request.validate() } }

    func run() throws {
        let outcome = try Planning.check(request, observer: .commandLine())
        let report = outcome.report
        print(
            Self.text(
                for: report, audit: outcome.audit, file: outcome.name, ledger: outcome.ledger, out: outcome.written))
        if !report.isCompliant {
            let n = report.findings(.breach).count
            throw NotCompliant(summary: tr("check.notCompliantSummary", ["name": outcome.name, "count": n]))
        }
    }

    /// The printed report: what was read and checked, counts per kind, each finding grouped by
    /// village, then warnings and information, then the call-backs per adviser.
    static func text(
        for report: LedgerAudit.Outcome, audit: LedgerAudit, file: String, ledger: LedgerAudit.Ledger? = nil,
        out: String?
    ) -> String {
        var lines = scopeLines(report, audit: audit, file: file)
        lines += submissionLines(report, audit: audit)
        let breaches = report.findings(.breach), warnings = report.findings(.warning), info = report.findings(.info)
        lines.append(verdict(report, warnings: warnings.count, info: info.count))
        lines += findingLines(breaches, tag: "", report: report, audit: audit, file: file)
        lines += findingLines(warnings, tag: "warning", report: report, audit: audit, file: file)
        lines += findingLines(info, tag: "info", report: report, audit: audit, file: file)
        lines += callbackLines(report)
        if let out {
            lines.append("")
            lines.append(tr("check.wrote", ["out": out]))
        }
        return lines.joined(separator: "\n")
    }

    /// What was read and checked: the file and months, sessions, villages and rule checks, how the
    /// file was read (ledger or roster), notes, duties and mediation.
    private static func scopeLines(_ report: LedgerAudit.Outcome, audit: LedgerAudit, file: String) -> [String] {
        let profile = audit.scenario.rules
        var lines: [String] = []
        lines.append(
            tr(
                "check.head",
                [
                    "file": file, "rules": profile.name, "id": profile.id,
                    "from": PeriodText.isoMonth("\(report.from)"), "to": PeriodText.isoMonth("\(report.to)"),
                ]))
        let met = report.rows.filter(\.ok).count
        var scope = tr("check.sessions", ["count": report.sessionsAudited])
        if report.sessionsOutside > 0 { scope += tr("check.outside", ["count": report.sessionsOutside]) }
        scope += tr("check.scope", ["villages": report.villages.count, "checks": report.rows.count, "met": met])
        lines.append(scope)
        if report.records > 0 {
            let notCounted = report.records - report.counted
            var kind = tr("check.asLedger", ["records": report.records, "counted": report.counted])
            if notCounted > 0 { kind += tr("check.notCounted", ["count": notCounted]) }
            if audit.ledgerRules == nil { kind += tr("check.noLedgerFields") }
            lines.append(kind)
        }
        if report.planned > 0 {
            lines.append(tr("check.asRoster", ["count": report.planned]))
        }
        for note in report.notes { lines.append(tr("severity.note") + note) }
        if !report.duties.isEmpty {
            let met = report.duties.filter(\.ok).count
            lines.append(
                tr(
                    "check.duties",
                    [
                        "count": report.duties.count,
                        "rules": Set(report.duties.map(\.rule)).sorted().joined(separator: ", "), "met": met,
                    ]))
        }
        if report.mediations > 0 {
            lines.append(tr("check.mediation", ["count": report.mediations]))
        }
        return lines
    }

    /// `--month`: per township, the villages whose book came in and those whose did not.
    private static func submissionLines(_ report: LedgerAudit.Outcome, audit: LedgerAudit) -> [String] {
        guard let first = report.submissions.first else { return [] }
        let source = audit.ledgerRules?.monthlySubmission?.source ?? tr("check.noSubmissionRule")
        let missing = report.submissions.reduce(0) { $0 + $1.missing.count },
            all = report.submissions.reduce(0) { $0 + $1.missing.count + $1.received.count }
        var table = TextTable(
            ["township", "villages", "cameIn", "notIn", "missing"].map { tr("check.column.\($0)") },
            rightAligned: [1, 2, 3])
        for t in report.submissions {
            table.add([
                t.township, "\(t.missing.count + t.received.count)", "\(t.received.count)", "\(t.missing.count)",
                t.missing.map(audit.villageName).joined(separator: tr("list.separator")),
            ])
        }
        return [
            "",
            tr(
                "check.books",
                [
                    "period": LedgerAudit.describePeriod(first.month.description), "in": all - missing, "all": all,
                    "source": source,
                ]),
            table.render(),
        ]
    }

    /// `COMPLIANT: …` or `NOT COMPLIANT: N findings …`.
    private static func verdict(_ report: LedgerAudit.Outcome, warnings: Int, info: Int) -> String {
        var extra: [String] = []
        if warnings > 0 { extra.append(tr("check.warnings", ["count": warnings])) }
        if info > 0 { extra.append(tr("check.info", ["count": info])) }
        let also = extra.isEmpty ? "" : tr("check.also", ["extra": extra.joined(separator: tr("list.separator"))])
        if report.isCompliant {
            return tr("check.compliant")
                + (extra.isEmpty
                    ? ""
                    : tr(
                        "check.compliantExtra",
                        ["extra": extra.joined(separator: tr("list.separator")).capitalizedFirst]))
        }
        let n = report.findings(.breach).count
        return tr("check.notCompliant", ["count": n, "also": also])
    }

    /// One section of findings (`tag` "" for breaches, `warning`, `info`): the counts per kind,
    /// then the findings grouped by village (a duty under its adviser or firm).
    private static func findingLines(
        _ findings: [LedgerAudit.Finding], tag: String, report: LedgerAudit.Outcome, audit: LedgerAudit,
        file: String
    ) -> [String] {
        guard !findings.isEmpty else { return [] }
        var lines: [String] = []
        var table = TextTable(
            [
                tr(
                    tag == ""
                        ? "check.column.findings"
                        : tag == "warning" ? "check.column.warnings" : "check.column.information"),
                tr("check.column.kind"),
            ], rightAligned: [0])
        var n: [LedgerAudit.Finding.Kind: Int] = [:]
        for f in findings { n[f.kind, default: 0] += 1 }
        for kind in LedgerAudit.Finding.Kind.allCases {
            if let c = n[kind] { table.add(["\(c)", "\(kind.label) (\(kind.rawValue))"]) }
        }
        if tag != "" { lines.append("") }
        lines.append(table.render())
        var byVillage: [String: [LedgerAudit.Finding]] = [:]
        var order: [String] = []
        // A duty is an adviser's or a firm's, not a village's: grouped under its owner.
        func key(_ f: LedgerAudit.Finding) -> String {
            f.village.isEmpty
                ? (f.firm.map { tr("audit.duty.firm", ["id": $0]) } ?? tr("audit.duty.adviser", ["id": f.adviser]))
                : f.village
        }
        for f in findings {
            if byVillage[key(f)] == nil { order.append(key(f)) }
            byVillage[key(f), default: []].append(f)
        }
        for village in order {
            let group = byVillage[village]!
            lines.append("")
            let what =
                tag == "" ? "check.count.findings" : tag == "warning" ? "check.count.warnings" : "check.count.notes"
            if group[0].village.isEmpty {
                lines.append(tr("check.group", ["who": village, "count": tr(what, ["count": group.count])]))
            } else {
                let adviser = report.advisers[village] ?? group[0].adviser
                lines.append(
                    tr(
                        "check.group",
                        [
                            "who": tr("audit.who", ["village": audit.villageName(village), "adviser": adviser]),
                            "count": tr(what, ["count": group.count]),
                        ]))
            }
            for f in group {
                let when =
                    f.day.map { PeriodText.isoDay($0.description) } ?? f.period.map { PeriodText.period($0) } ?? ""
                let label = tag == "" ? f.kind.rawValue : "\(f.kind.rawValue) (\(tag))"
                lines.append("  \(when) \(label): \(f.message)\(Self.locations(f, file: file))")
            }
        }
        return lines
    }

    /// `--callbacks`: per adviser, the entries listed, confirmed, not confirmed, unreachable and the share confirmed.
    private static func callbackLines(_ report: LedgerAudit.Outcome) -> [String] {
        guard !report.callbacks.isEmpty else { return [] }
        var table = TextTable(
            ["adviser", "listed", "confirmed", "notConfirmed", "unreachable", "pending", "share"].map {
                tr("check.callbacks.\($0)")
            },
            rightAligned: [1, 2, 3, 4, 5, 6])
        for adviser in report.callbacks.keys.sorted() {
            let t = report.callbacks[adviser]!
            table.add([
                adviser, "\(t.listed)", "\(t.confirmed)", "\(t.notConfirmed)", "\(t.unreachable)", "\(t.pending)",
                t.confirmedShare.map { "\(LedgerAudit.number(($0 * 1000).rounded() / 10))%" } ?? "—",
            ])
        }
        return ["", tr("check.callbacks"), table.render()]
    }

    /// ` [ledger.csv:27]`, or ` [ledgers/V1.csv:3,5; ledgers/V2.csv:4]` across files; the file
    /// name alone where a roster's lines are not known.
    static func locations(_ f: LedgerAudit.Finding, file: String) -> String {
        if f.locations.isEmpty {
            return f.lines.isEmpty ? "" : " [\(file):\(f.lines.map(String.init).joined(separator: ","))]"
        }
        var order: [String] = []
        var byFile: [String: [Int]] = [:]
        for l in f.locations {
            if byFile[l.file] == nil { order.append(l.file) }
            byFile[l.file, default: []].append(l.line)
        }
        return " ["
            + order.map { name in
                "\(name.isEmpty ? file : name):\(byFile[name]!.map(String.init).joined(separator: ","))"
            }.joined(separator: "; ") + "]"
    }
}

extension String {
    /// The text with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
