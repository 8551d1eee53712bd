import Assignment
import CounselModel
import Foundation
import Reports

/// The readable summary `assign` prints.
enum SummaryPrinter {
    static func text(for plan: Plan, out: String, extra: [String] = []) -> String {
        let s = plan.summary
        var lines: [String] = []
        lines.append(
            tr("summary.head", ["scenario": s.scenario, "rules": plan.problem.scenario.rules.name, "id": s.rules]))
        lines.append(statusLine(s, interrupted: plan.interrupted))
        lines.append(modelLine(s))
        lines.append(
            tr(
                "summary.coverage",
                [
                    "covered": s.covered, "villages": s.villages, "uncovered": s.uncovered, "used": s.load.advisersUsed,
                    "unit": tr(s.serviceModel == .team ? "summary.unit.teams" : "summary.unit.advisers"),
                    "mean": String(format: "%.2f", s.load.mean), "max": s.load.max,
                    "kept": s.incumbents.kept, "changed": s.incumbents.changed, "support": s.supportMoves,
                ]))
        lines.append("")
        lines.append(countyTable(s))
        if s.counties.contains(where: \.underResourced) { lines.append(tr("summary.underResourced")) }
        lines += blockingPairLines(s) + uncoveredLines(s)
        if !s.diagnosis.isEmpty {
            lines.append("")
            lines.append(tr("summary.diagnosis"))
            lines += s.diagnosis.map { "- " + $0.text }
        }
        if !extra.isEmpty {
            lines.append("")
            lines += extra
        }
        lines.append("")
        lines.append(tr("summary.wrote", ["out": out]))
        return lines.joined(separator: "\n")
    }

    /// Status, gap, objective and time; whether Ctrl-C stopped the search.
    static func statusLine(_ s: PlanSummary, interrupted: Bool) -> String {
        var status = tr("summary.status", ["status": Self.status(s.status.rawValue)])
        if let gap = s.gap { status += tr("summary.gap", ["gap": String(format: "%.2g", gap)]) }
        status += tr(
            "summary.objective",
            ["objective": String(format: "%.3f", s.objective), "seconds": String(format: "%.2f", s.seconds)])
        if interrupted {
            status +=
                tr("summary.interrupted", [:])
                + (s.gap.map { tr("summary.interruptedWithin", ["gap": String(format: "%.2g", $0)]) } ?? "")
        }
        return status
    }

    /// The service model and exactly one of the stability outcomes (issue 9).
    static func modelLine(_ s: PlanSummary) -> String {
        var model = tr("summary.model", ["model": Self.model(s.serviceModel.rawValue)])
        guard s.stableRequired else { return model + tr("summary.stable.notRequired", ["pairs": s.blockingPairs]) }
        switch s.stability ?? .stoppedWithBlocking {
        case .stableOptimal:
            model += tr("summary.stable.optimal")
        case .stableUnproven:
            model +=
                tr("summary.stable.unproven")
                + (s.gap.map { tr("summary.stable.gap", ["gap": String(format: "%.2g", $0)]) } ?? "")
        case .noStablePlan:
            model += tr("summary.stable.none", ["pairs": s.blockingPairs])
        case .stoppedWithBlocking:
            if s.stablePlanExists == false, let lower = s.blockingLowerBound, lower > 0 {
                model += tr("summary.stable.stoppedNone", ["pairs": s.blockingPairs, "bound": lower])
            } else {
                model += tr("summary.stable.stopped", ["pairs": s.blockingPairs])
            }
        }
        return model
    }

    /// One row per county: villages, coverage, capacity, support.
    static func countyTable(_ s: PlanSummary) -> String {
        let unitTitle = tr(s.serviceModel == .team ? "summary.column.teams" : "summary.column.advisers")
        var table = TextTable(
            ["county", "name", "villages", "covered", "uncovered"].map { tr("summary.column.\($0)") } + [unitTitle]
                + ["capacity", "deficit", "supportIn", "supportFrom", "sent"].map { tr("summary.column.\($0)") },
            rightAligned: [2, 3, 4, 5, 6, 7, 8, 10])
        for c in s.counties {
            let from = c.supportFrom.keys.sorted().map { "\($0)×\(c.supportFrom[$0]!)" }.joined(separator: " ")
            table.add([
                c.id, c.name + (c.underResourced ? " *" : "") + (c.pool ? tr("summary.pool") : ""), "\(c.villages)",
                "\(c.covered)", "\(c.uncovered)",
                "\(c.eligibleAdvisers)", "\(c.capacity)", "\(c.deficit)", "\(c.supportReceived)", from,
                "\(c.supportSent)",
            ])
        }
        return table.render()
    }

    /// The first 20 blocking pairs, with why each side prefers the other (stability required).
    static func blockingPairLines(_ s: PlanSummary) -> [String] {
        guard s.stableRequired && !s.blockingPairList.isEmpty else { return [] }
        let shown = s.blockingPairList.prefix(20)
        return [
            "",
            tr("summary.blockingPairs")
                + (s.blockingPairList.count > shown.count
                    ? tr("summary.firstOf", ["shown": shown.count, "total": s.blockingPairList.count]) : "")
                + tr("summary.colon"),
        ]
            + shown.map {
                tr(
                    "summary.blockingPair",
                    [
                        "village": $0.village, "adviser": $0.adviser, "villageReason": $0.villageReason,
                        "adviserReason": $0.adviserReason,
                    ])
            }
    }

    /// Why villages are uncovered, and the first 20 of them.
    static func uncoveredLines(_ s: PlanSummary) -> [String] {
        guard !s.explanations.isEmpty else { return [] }
        let shown = s.uncoveredVillages.prefix(20)
        return ["", tr("summary.why")] + s.explanations.map { "- " + $0 }
            + [
                tr("summary.uncoveredVillages")
                    + (s.uncoveredVillages.count > shown.count
                        ? tr("summary.firstOf", ["shown": shown.count, "total": s.uncoveredVillages.count]) : "")
                    + tr("summary.colon")
            ]
            + shown.map {
                tr(
                    "summary.uncoveredVillage",
                    ["id": $0.id, "name": $0.name, "county": $0.county, "reason": $0.reason])
            }
    }

    /// A solver status as printed: `optimal` in English, `最优（optimal）` in Chinese.
    static func status(_ raw: String) -> String {
        switch raw {
        case "optimal", "feasible", "time_limit", "infeasible", "unbounded": return tr("status.\(raw)")
        default: return raw
        }
    }

    /// A service model as printed: `individual` in English, `个人（individual）` in Chinese.
    static func model(_ raw: String) -> String {
        switch raw {
        case "individual", "team", "township": return tr("model.\(raw)")
        default: return raw
        }
    }
}
