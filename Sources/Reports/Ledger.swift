import CounselModel
import Foundation
import Scheduling

/// A village's ledger book (工作台账): one book per village, one line per service (Nanning 002
/// §四(一): 一次一记、一村（社区）一卷; Zhengning 003), pre-filled with the sessions the roster plans.
///
/// The columns are the roster's (`date,start,end,adviser_id,village_id,mode,activity,team_id`)
/// and then the blank ones the adviser fills in after each session — `person_served`, `content`,
/// `result` (时间、对象、内容和结果), `requested_on` (for the response-time rule) and `signature` (the
/// village's sign-off, 村（社区）群干签署意见) — exactly what `village-counsel check` reads, so a
/// filled book goes straight back in: `check DIR --roster ledgers/VILLAGE_ID.csv`. A session that
/// did not happen is deleted, one that was added gets its own line. Until its entries are filled
/// in as the profile requires, `check` counts none of them: a blank book is a plan, not a record.
public struct Ledger: Sendable {
    /// The village id, or the adviser's id for an adviser's own book.
    public var village: String
    /// The village's planned sessions, every mode and activity but mediation (which is never
    /// planned, and whose matters are confidential: Jiaocheng 004 §二(四)), in roster order.
    public var sessions: [Session]
    /// The mediation committee the village's adviser is paired with (Jiaocheng 004 §四(一)),
    /// written on every line as `mediation_committee`, or `nil`.
    public var mediationCommittee: String? = nil

    /// The book of `village`, with its sessions from `roster`.
    public init(village: String, roster: Roster) {
        self.village = village
        sessions = roster.sessions.filter { $0.village == village && !$0.activity.isConfidential }
    }

    /// An adviser's own book: the training the adviser attends and the reports due, which happen
    /// in no village (`village_id` empty), planned for `adviser` in `roster`.
    public init(adviser: String, roster: Roster) {
        village = adviser
        sessions = roster.sessions.filter { $0.adviser == adviser && $0.village.isEmpty }
    }

    /// The book as CSV: header in `language`, and with `excel` a UTF-8 byte order mark so that
    /// Excel opens it as UTF-8.
    ///
    /// - Parameter recordColumns: further record columns the profile requires (``LedgerRules``,
    ///   e.g. Jiaocheng's `contact_phone,matter,place,attendees,photo`), blank after the usual five.
    public func csv(language: CSVHeaders.Language = .en, excel: Bool = false, recordColumns: [String] = []) -> Data {
        let fixed = mediationCommittee.map { [(column: Roster.pairingColumns[0], value: $0)] } ?? []
        return CSVHeaders.localize(Roster(sessions).csv(includeLedgerColumns: true, recordColumns: recordColumns, fixed: fixed),
                                   table: CSVHeaders.ledger, language: language, excel: excel)
    }

    /// The record columns beyond the usual five that `rules` require, in the ledger's column order.
    public static func recordColumns(for rules: LedgerRules?) -> [String] {
        let named = Set((rules?.allFields ?? []).map(\.rawValue))
        return Roster.recordColumns.filter { named.contains($0) }
    }
}
