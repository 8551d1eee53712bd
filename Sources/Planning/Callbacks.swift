import CounselModel
import Foundation
import Scheduling

/// `callbacks`: draw ledger entries to verify by phone (电话回访).
public struct CallbacksRequest: Sendable {
    /// The scenario folder.
    public var directory: String
    /// The ledger books (files, or folders of .csv files).
    public var ledger: [String]
    /// How many entries to draw.
    public var sample: Int
    /// The seed of the random draw.
    public var seed: UInt64
    /// First and last month drawn from, YYYY-MM.
    public var from: String?, to: String?
    /// The folder for callbacks.csv.
    public var out: String
    /// How callbacks.csv is written.
    public var csv: CSVOutput

    /// A request from its parts.
    public init(
        directory: String, ledger: [String], sample: Int, seed: UInt64, from: String? = nil, to: String? = nil,
        out: String, csv: CSVOutput = .plain
    ) {
        self.directory = directory
        self.ledger = ledger
        self.sample = sample
        self.seed = seed
        self.from = from
        self.to = to
        self.out = out
        self.csv = csv
    }

    /// The usage errors of this request (exit 2), before anything is read.
    public func validate() throws {
        if ledger.isEmpty { throw PlanningError.usage(tr("usage.ledgerBooks")) }
        if sample < 1 { throw PlanningError.usage(tr("usage.sample")) }
        if let from, Month(from) == nil {
            throw PlanningError.usage(tr("usage.month", ["option": "--from", "raw": from]))
        }
        if let to, Month(to) == nil { throw PlanningError.usage(tr("usage.month", ["option": "--to", "raw": to])) }
    }
}

/// What `callbacks` drew and wrote.
public struct CallbacksOutcome {
    /// The list, the records it was drawn from and the notes.
    public var drawn: CallbackSampler.Sample
    /// The months drawn from.
    public var first: Month, last: Month
    /// Where callbacks.csv was written.
    public var target: URL
}

extension Planning {
    /// Draws the call-back list and writes OUT/callbacks.csv (internal: it holds personal data).
    ///
    /// - Throws: ``PlanningError``: invalid input (1) also when a file is a roster or nothing
    ///   can be called; usage (2); failure (4).
    public static func callbacks(_ request: CallbacksRequest, observer: PlanningObserver = PlanningObserver()) throws
        -> CallbacksOutcome
    {
        let scenario = try loadScenario(request.directory, observer: observer, consequence: tr("consequence.callbacks"))
        let first = request.from.flatMap(Month.init) ?? Month(year: scenario.year, month: 1)!
        let last = request.to.flatMap(Month.init) ?? Month(year: scenario.year, month: 12)!
        guard first <= last else { throw PlanningError.usage(tr("usage.toBeforeFrom", ["to": last, "from": first])) }
        let files = try LedgerFiles.expand(request.ledger)
        let ledger = try LedgerFiles.load(files, scenario: scenario, consequence: tr("consequence.callbacks"))
        let rosters = files.map(\.displayName).filter { name in
            !ledger.entries.contains { $0.file == name && $0.isRecord }
        }
        .filter { name in ledger.entries.contains { $0.file == name } }
        if !rosters.isEmpty {
            throw PlanningError.invalidInput(
                rosters.prefix(5).map { tr("input.rosterNotLedger", ["file": $0]) }
                    .joined(separator: "\n")
                    + (rosters.count > 5 ? "\n" + tr("input.andMore", ["count": rosters.count - 5]) : "") + "\n"
                    + tr("consequence.callbacks"))
        }
        let sampler = CallbackSampler(scenario: scenario)
        let drawn = sampler.sample(
            ledger, size: request.sample, seed: request.seed, from: first.firstDay, to: last.lastDay)
        guard drawn.candidates > 0 else {
            throw PlanningError.invalidInput(
                tr(
                    "input.nothingToCall",
                    ["first": PeriodText.isoMonth("\(first)"), "last": PeriodText.isoMonth("\(last)")]))
        }
        let target = URL(fileURLWithPath: request.out).appendingPathComponent("callbacks.csv")
        do {
            try AtomicFile.write(drawn.list.csv(language: request.csv.language, excel: request.csv.excel), to: target)
        } catch {
            throw PlanningError.failure(
                tr("failure.write", ["path": target.path, "error": SystemErrorText.text(error, english: "\(error)")]))
        }
        return CallbacksOutcome(drawn: drawn, first: first, last: last, target: target)
    }
}
