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
/// did not happen is deleted, one that was added gets its own line.
public struct Ledger: Sendable {
    /// The village id.
    public var village: String
    /// The village's planned sessions, every mode and activity, in roster order.
    public var sessions: [Session]

    /// The book of `village`, with its sessions from `roster`.
    public init(village: String, roster: Roster) {
        self.village = village
        sessions = roster.sessions.filter { $0.village == village }
    }

    /// The book as CSV: header in `language`, and with `excel` a UTF-8 byte order mark so that
    /// Excel opens it as UTF-8.
    public func csv(language: CSVHeaders.Language = .en, excel: Bool = false) -> Data {
        CSVHeaders.localize(Roster(sessions).csv(includeLedgerColumns: true), table: CSVHeaders.ledger,
                            language: language, excel: excel)
    }
}
