import CounselModel

/// One dated session of an adviser for a village: a line of a roster or of a ledger (台账).
public struct Session: Hashable, Sendable {
    /// Where the service happens.
    public enum Mode: String, CaseIterable, Sendable {
        /// In the village (现场服务).
        case onsite
        /// Phone, mail, WeChat, duty at the township station (非现场服务, Guangdong 001 §(五)).
        case offsite
        /// A live online session (Jiaocheng 004 §四(三): 线上法律服务).
        case online
        /// A recorded lecture video (Guangdong 001 §(五): at most two a year).
        case recorded
    }

    /// What the session is.
    public enum Activity: String, CaseIterable, Sendable {
        /// Legal service: consultations, document review, mediation help.
        case service
        /// A legal lecture (法治讲座).
        case lecture
        /// A training for village cadres, mediators and 法律明白人.
        case training
        /// A publicity event (法治宣传活动).
        case event
        /// People's mediation (人民调解) with the village's mediation committee: counted like service,
        /// but confidential (Jiaocheng 004 §二(四): 调解事项、调解过程、调解协议内容等一律不公开), so never
        /// on a notice board, in a published book or on a call-back list.
        case mediation
        /// The firm's "legal services into the village" event (Rongchang 000 §三(三): 法律服务进村（居）活动).
        case firmEvent = "firm_event"
        /// A work report or typical case submitted to the township office (Rongchang 000 §三(三):
        /// 工作信息或典型案例): the adviser's own, in no village.
        case report
        /// An agriculture-related legal-aid case (Guangdong 001 §(一): 涉农法律援助案件).
        case legalAid = "legal_aid"
        /// A dispute screening (Guangdong 001 §(一): 矛盾纠纷排查化解).
        case disputeScreening = "dispute_screening"
        /// An agriculture-related legal consultation event (Guangdong 001 §(一): 涉农法律咨询).
        case consultation
        /// The county's training of its advisers, attended (Nanning 002 §四(二); Jiaocheng 004 §四(一)):
        /// the adviser's own, in no village.
        case adviserTraining = "adviser_training"

        /// The adviser's own activities, in no village: a roster or ledger line of one has an empty
        /// `village_id` (``LedgerRules/adviserActivities``), and no village's requirement counts it.
        public var isAdviserOwn: Bool { self == .report || self == .adviserTraining }

        /// Matters kept confidential: never published.
        public var isConfidential: Bool { self == .mediation }

        /// The activity in Chinese, as boards, calendars and call-back questions name it.
        public var chineseName: String {
            switch self {
            case .service: return "法律服务"
            case .lecture: return "法治讲座"
            case .training: return "法治培训"
            case .event: return "法治宣传活动"
            case .mediation: return "人民调解"
            case .firmEvent: return "法律服务进村（居）活动"
            case .report: return "提交工作信息或典型案例"
            case .legalAid: return "涉农法律援助案件"
            case .disputeScreening: return "矛盾纠纷排查化解"
            case .consultation: return "涉农法律咨询"
            case .adviserTraining: return "法律顾问培训"
            }
        }
    }

    /// The date.
    public var day: Day
    /// Start, minutes after midnight (Asia/Shanghai).
    public var start: Int
    /// End, minutes after midnight.
    public var end: Int
    /// Adviser id.
    public var adviser: String
    /// Village id (empty for the adviser's own activities, ``Activity/isAdviserOwn``).
    public var village: String
    /// Mode.
    public var mode: Mode
    /// Activity.
    public var activity: Activity
    /// Team id, when a team serves the village.
    public var team: String?
    /// Ledger columns (empty in a planned roster): who was served, what, the result, and when the
    /// request came in (for the response-time rule).
    public var personServed: String?
    public var content: String?
    public var result: String?
    public var requestedOn: Day?

    /// Makes a session.
    public init(
        day: Day, start: Int, end: Int, adviser: String, village: String, mode: Mode, activity: Activity,
        team: String? = nil, personServed: String? = nil, content: String? = nil, result: String? = nil,
        requestedOn: Day? = nil
    ) {
        self.day = day
        self.start = start
        self.end = end
        self.adviser = adviser
        self.village = village
        self.mode = mode
        self.activity = activity
        self.team = team
        self.personServed = personServed
        self.content = content
        self.result = result
        self.requestedOn = requestedOn
    }

    /// Length in hours.
    public var hours: Double { Double(end - start) / 60 }

    /// `HH:MM` for minutes after midnight.
    public static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return "\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }

    /// Parses `HH:MM` (or `H:MM`) into minutes after midnight.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Day.digits(parts[0]), let m = Day.digits(parts[1]), (0...24).contains(h),
            (0...59).contains(m),
            h * 60 + m <= 24 * 60
        else { return nil }
        return h * 60 + m
    }
}

/// Dated sessions, sorted by date, start, adviser (the order of roster.csv).
public struct Roster: Sendable {
    /// The sessions.
    public private(set) var sessions: [Session]

    /// Makes a roster, sorting the sessions.
    public init(_ sessions: [Session]) {
        self.sessions = sessions.sorted {
            if ($0.day, $0.start, $0.adviser, $0.village) != ($1.day, $1.start, $1.adviser, $1.village) {
                return ($0.day, $0.start, $0.adviser, $0.village) < ($1.day, $1.start, $1.adviser, $1.village)
            }
            return ($0.activity.rawValue, $0.mode.rawValue, $0.end, $0.team ?? "") < (
                $1.activity.rawValue, $1.mode.rawValue, $1.end, $1.team ?? ""
            )
        }
    }
}
