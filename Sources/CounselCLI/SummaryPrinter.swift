import Reports
import Assignment
import CounselModel
import Foundation

/// The readable summary `assign` prints.
enum SummaryPrinter {
    static func text(for plan: Plan, out: String, extra: [String] = []) -> String {
        let s = plan.summary
        var lines: [String] = []
        lines.append("\(s.scenario) — rules: \(plan.problem.scenario.rules.name) (\(s.rules))")
        var status = "status: \(s.status)"
        if let gap = s.gap { status += ", gap \(String(format: "%.2g", gap))" }
        status += ", objective \(String(format: "%.3f", s.objective)), \(String(format: "%.2f", s.seconds)) s"
        if plan.interrupted { status += " — interrupted (Ctrl-C): the best plan found" + (s.gap.map { ", within \(String(format: "%.2g", $0)) of the optimum" } ?? "") }
        lines.append(status)
        var model = "model: \(s.serviceModel)"
        if s.stableRequired {
            let pairs = "\(s.blockingPairs) blocking pair\(s.blockingPairs == 1 ? "" : "s")"
            switch s.stability ?? .stoppedWithBlocking {
            case .stableOptimal:
                model += "; stable plan (no blocking pairs), proven optimal"
            case .stableUnproven:
                model += "; stable plan (no blocking pairs) found, optimality not proven" + (s.gap.map { " (gap \(String(format: "%.2g", $0)))" } ?? "")
            case .noStablePlan:
                model += "; no stable plan exists: \(pairs), proven the fewest possible"
            case .stoppedWithBlocking:
                model += "; the time limit stopped the search with \(pairs) left (no stable plan found; none proven impossible)"
            }
        } else {
            model += "; \(s.blockingPairs) blocking pair\(s.blockingPairs == 1 ? "" : "s") (stability not required)"
        }
        lines.append(model)
        lines.append("covered \(s.covered) of \(s.villages) villages; \(s.uncovered) uncovered; "
            + "\(s.load.advisersUsed) \(s.serviceModel == "team" ? "teams" : "advisers") used (mean \(String(format: "%.2f", s.load.mean)), max \(s.load.max) villages); "
            + "incumbents kept \(s.incumbents.kept), changed \(s.incumbents.changed); support moves \(s.supportMoves)")
        lines.append("")
        let unitTitle = s.serviceModel == "team" ? "teams" : "advisers"
        var table = TextTable(["county", "name", "villages", "covered", "uncovered", unitTitle, "capacity", "deficit", "support in", "support from", "sent"],
                              rightAligned: [2, 3, 4, 5, 6, 7, 8, 10])
        for c in s.counties {
            let from = c.supportFrom.keys.sorted().map { "\($0)×\(c.supportFrom[$0]!)" }.joined(separator: " ")
            table.add([c.id, c.name + (c.underResourced ? " *" : "") + (c.pool ? " (pool)" : ""), "\(c.villages)", "\(c.covered)", "\(c.uncovered)",
                       "\(c.eligibleAdvisers)", "\(c.capacity)", "\(c.deficit)", "\(c.supportReceived)", from, "\(c.supportSent)"])
        }
        lines.append(table.render())
        if s.counties.contains(where: \.underResourced) { lines.append("* under-resourced county (Guangdong 001 §(十二))") }
        if s.stableRequired && !s.blockingPairList.isEmpty {
            lines.append("")
            let shown = s.blockingPairList.prefix(20)
            lines.append("Blocking pairs" + (s.blockingPairList.count > shown.count ? " (first \(shown.count) of \(s.blockingPairList.count))" : "") + ":")
            lines += shown.map { "  \($0.village)–\($0.adviser): \($0.villageReason); \($0.adviserReason)" }
        }
        if !s.explanations.isEmpty {
            lines.append("")
            lines.append("Why villages are uncovered:")
            lines += s.explanations.map { "- " + $0 }
            let shown = s.uncoveredVillages.prefix(20)
            lines.append("Uncovered villages" + (s.uncoveredVillages.count > shown.count ? " (first \(shown.count) of \(s.uncoveredVillages.count))" : "") + ":")
            lines += shown.map { "  \($0.id) \($0.name) (\($0.county)): \($0.reason)" }
        }
        if !s.diagnosis.isEmpty {
            lines.append("")
            lines.append("Diagnosis (each found by re-solving):")
            lines += s.diagnosis.map { "- " + $0.text }
        }
        if !extra.isEmpty {
            lines.append("")
            lines += extra
        }
        lines.append("")
        lines.append("wrote \(out)/assignment.csv and \(out)/summary.json")
        return lines.joined(separator: "\n")
    }
}
