import ArgumentParser
import CounselModel
import Foundation
import Planning
import Scheduling

/// `village-counsel callbacks DIR --ledger FILES… --sample N --seed S --out OUT`: the call-back
/// list (电话回访) that verifies ledger entries by phone.
struct CallbacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: tr("help.callbacks.abstract"),
        discussion: tr("help.callbacks.discussion"))

    @Argument(help: ArgumentHelp(tr("help.common.directory")))
    var directory: String

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(tr("help.common.ledger"), valueName: "FILES"))
    var ledger: [String] = []

    @Option(name: .long, help: ArgumentHelp(tr("help.callbacks.sample")))
    var sample: Int

    @Option(name: .long, help: ArgumentHelp(tr("help.callbacks.seed")))
    var seed: UInt64

    @Option(name: .long, help: ArgumentHelp(tr("help.callbacks.from")))
    var from: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.callbacks.to")))
    var to: String?

    @Option(name: .long, help: ArgumentHelp(tr("help.callbacks.out")))
    var out: String

    @OptionGroup var csvOutput: CSVOutputOptions

    private var request: CallbacksRequest {
        CallbacksRequest(
            directory: directory, ledger: ledger, sample: sample, seed: seed, from: from, to: to, out: out,
            csv: csvOutput.settings)
    }

    func validate() throws { try validating { try request.validate() } }

    func run() throws {
        let outcome = try Planning.callbacks(request, observer: .commandLine())
        let drawn = outcome.drawn, first = outcome.first, last = outcome.last
        var lines = [
            tr(
                "callbacks.head",
                [
                    "count": drawn.list.rows.count, "seed": seed, "records": drawn.candidates,
                    "first": PeriodText.isoMonth("\(first)"), "last": PeriodText.isoMonth("\(last)"),
                    "advisers": drawn.advisers, "townships": drawn.townships,
                ])
        ]
        var signals: [String: Int] = [:]
        for r in drawn.list.rows {
            for s in r.reasons where CallbackSampler.Signal(rawValue: s) != nil { signals[s, default: 0] += 1 }
        }
        if !signals.isEmpty {
            lines.append(
                tr("callbacks.signals")
                    + CallbackSampler.Signal.allCases.compactMap { s in
                        signals[s.rawValue].map { "\($0) \(s.rawValue)" }
                    }.joined(separator: ", "))
        }
        lines += drawn.notes.map { tr("severity.note") + $0 }
        lines.append(tr("callbacks.wrote", ["path": outcome.target.path]))
        print(lines.joined(separator: "\n"))
    }
}
