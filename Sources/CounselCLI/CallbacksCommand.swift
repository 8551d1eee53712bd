import ArgumentParser
import Foundation
import Planning
import Scheduling

/// `village-counsel callbacks DIR --ledger FILES… --sample N --seed S --out OUT`: the call-back
/// list (电话回访) that verifies ledger entries by phone.
struct CallbacksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: "Draw ledger entries to verify by phone (电话回访) and write OUT/callbacks.csv, an internal list with personal data.",
        discussion: """
            A reproducible random sample of the ledgers' records (the same ledgers and --seed give the same list), \
            stratified so that every adviser and every township is represented, and weighted toward entries that look \
            suspicious: runs of identical content, days with entries in many villages, hours far above the adviser's \
            other villages, days the adviser was elsewhere (Guangdong 001 §(十六)). The list holds the names and phones \
            of the villagers served: it is internal, never for a notice board or the public report. The caller fills \
            in `result` (confirmed, not_confirmed, unreachable) and gives the list back to `check --callbacks` or \
            `assess --callbacks`. Exit status 0 when written, 1 for invalid input, 2 for usage errors, 4 when it cannot be written.
            """)

    @Argument(help: "The scenario folder.")
    var directory: String

    @Option(name: .long, parsing: .upToNextOption,
            help: ArgumentHelp("The ledger books (files, or folders of .csv files such as OUT/ledgers).", valueName: "FILES"))
    var ledger: [String] = []

    @Option(name: .long, help: "How many entries to draw (more when needed to represent every adviser and township).")
    var sample: Int

    @Option(name: .long, help: "The seed of the random draw (a whole number); the same seed gives the same list.")
    var seed: UInt64

    @Option(name: .long, help: "First month drawn from, YYYY-MM (default: January of the scenario year).")
    var from: String?

    @Option(name: .long, help: "Last month drawn from, YYYY-MM (default: December of the scenario year).")
    var to: String?

    @Option(name: .long, help: "Folder for callbacks.csv (created if missing); keep it apart from what is published.")
    var out: String

    @OptionGroup var csvOutput: CSVOutputOptions

    private var request: CallbacksRequest {
        CallbacksRequest(directory: directory, ledger: ledger, sample: sample, seed: seed, from: from, to: to, out: out, csv: csvOutput.settings)
    }

    func validate() throws { try validating { try request.validate() } }

    func run() throws {
        let outcome = try Planning.callbacks(request, observer: .commandLine())
        let drawn = outcome.drawn, first = outcome.first, last = outcome.last
        var lines = ["\(drawn.list.rows.count) entr\(drawn.list.rows.count == 1 ? "y" : "ies") to call back, drawn with seed \(seed) from "
            + "\(drawn.candidates) records of \(first) to \(last): every one of \(drawn.advisers) adviser(s) and \(drawn.townships) township(s) represented"]
        var signals: [String: Int] = [:]
        for r in drawn.list.rows { for s in r.reasons where CallbackSampler.Signal(rawValue: s) != nil { signals[s, default: 0] += 1 } }
        if !signals.isEmpty {
            lines.append("drawn with a sign of trouble: " + CallbackSampler.Signal.allCases.compactMap { s in signals[s.rawValue].map { "\($0) \(s.rawValue)" } }.joined(separator: ", "))
        }
        lines += drawn.notes.map { "note: \($0)" }
        lines.append("wrote \(outcome.target.path) — INTERNAL, personal data: never on a notice board or in the public report")
        print(lines.joined(separator: "\n"))
    }
}
