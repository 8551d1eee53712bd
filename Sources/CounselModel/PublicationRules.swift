import Yams

/// The publication part of a rule profile: what a village's notice board (公示牌) and an adviser's
/// contact card (便民联系卡) show, and the hotline they name.
///
/// Schema (in `Models/rules/NAME.yaml`, under `publication:`; documented in `Models/README.md`):
///
/// ```yaml
/// publication:
///   hotline: {value: "12348", source: "002 §四(四): …"}
///   notice_board:
///     - items: [adviser_name, phone, services, times]
///       source: "002 §二(三): 设置公示牌，公布法律顾问的姓名、职责、联系方式、驻点服务时间"
///   contact_card:
///     - items: [adviser_name, firm, phone, email, wechat, wechat_qr, services]
///       source: "001 §(十一): …"
/// ```
///
/// A board or card shows an item only when its profile lists it **and** the scenario has the
/// data: nothing is printed with an empty label, and `validate` warns about each item required
/// but missing.
public struct PublicationRules: Sendable {
    /// Something a board or card can show.
    public enum Item: String, CaseIterable, Sendable {
        /// The adviser's name (姓名).
        case adviserName = "adviser_name"
        /// The adviser's firm (执业机构).
        case firm
        /// The adviser's phone (联系电话).
        case phone
        /// The adviser's WeChat ID (微信号).
        case wechat
        /// The WeChat ID as a QR code (含二维码).
        case wechatQR = "wechat_qr"
        /// The adviser's e-mail (电子邮箱).
        case email
        /// The adviser's photo (照片).
        case photo
        /// The service content (服务内容、职责、服务范围).
        case services
        /// The dated service times from the roster (服务时间、驻点时间).
        case times
        /// The supervising office (监管部门).
        case office
        /// Its phone (监督电话).
        case officePhone = "office_phone"
        /// Its e-mail (监管部门邮箱).
        case officeEmail = "office_email"
        /// The complaint e-mail (投诉邮箱).
        case complaintEmail = "complaint_email"
        /// The public legal-service hotline (12348, or the profile's number).
        case hotline
        /// The village's mediation committee the adviser is paired with (结对人民调解委员会).
        case mediationCommittee = "mediation_committee"
    }

    /// Items shown, with the source that asks for them.
    public struct Items: Sendable, Equatable {
        /// The items.
        public var items: [Item]
        /// Seed file and section, quoting the seed's words.
        public var source: String

        /// Makes a group of items.
        public init(items: [Item], source: String) {
            self.items = items
            self.source = source
        }
    }

    /// The public legal-service hotline the boards name (12348; Chongqing merged it into 12345).
    public var hotline: RuleProfile.Rule<String>
    /// What a notice board shows.
    public var noticeBoard: [Items]
    /// What a contact card shows.
    public var contactCard: [Items]

    /// Makes publication rules.
    public init(hotline: RuleProfile.Rule<String>, noticeBoard: [Items], contactCard: [Items]) {
        self.hotline = hotline
        self.noticeBoard = noticeBoard
        self.contactCard = contactCard
    }

    /// What a profile without a `publication` section shows: the board the tool printed before
    /// profiles said (adviser, firm, phone, service content, times, the office and its phone) and a
    /// card of the adviser's name, firm, phone and service content.
    public static let defaults = PublicationRules(
        hotline: .init(value: "12348", source: tr("publication.default.hotline")),
        noticeBoard: [
            Items(
                items: [.adviserName, .firm, .phone, .services, .times, .office, .officePhone, .hotline],
                source: tr("publication.default.items"))
        ],
        contactCard: [
            Items(
                items: [.adviserName, .firm, .phone, .services],
                source: tr("publication.default.items"))
        ])

    /// Whether the board shows `item`.
    public func boardShows(_ item: Item) -> Bool { noticeBoard.contains { $0.items.contains(item) } }
    /// Whether the card shows `item`.
    public func cardShows(_ item: Item) -> Bool { contactCard.contains { $0.items.contains(item) } }
    /// The source of the board's `item`, or `nil`.
    public func boardSource(_ item: Item) -> String? { noticeBoard.first { $0.items.contains(item) }?.source }
    /// The source of the card's `item`, or `nil`.
    public func cardSource(_ item: Item) -> String? { contactCard.first { $0.items.contains(item) }?.source }

    static func parse(_ node: Node, _ reader: inout YAMLReader) -> PublicationRules? {
        guard let m = node.mapping else {
            reader.report(node, tr("profile.publication.mapping"))
            return nil
        }
        reader.checkKeys(m, known: ["hotline", "notice_board", "contact_card"], context: "'publication'")
        let before = reader.diagnostics.count
        let hotline = RuleProfile.rule(m, "hotline", &reader, required: true, section: "publication") {
            r, n -> String? in
            guard let text = n.scalar?.string, !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "-" }) else {
                r.report(n, tr("profile.publication.hotline"))
                return nil
            }
            return text
        }
        func items(_ key: String) -> [Items] {
            guard let list = m[Node(key)], !list.isNull else {
                reader.report(node, tr("profile.publication.noKey", ["key": key]))
                return []
            }
            guard let entries = list.sequence, !entries.isEmpty else {
                reader.report(list, tr("profile.publication.list", ["key": key]))
                return []
            }
            var result: [Items] = []
            var seen = Set<Item>()
            for entry in entries {
                guard let e = entry.mapping else {
                    reader.report(entry, tr("profile.publication.item", ["key": key]))
                    continue
                }
                reader.checkKeys(e, known: ["items"] + ProfileSource.keys, context: tr("context.entryOf", ["key": key]))
                let source = ProfileSource.read(e, &reader) ?? ""
                if source.isEmpty { reader.report(entry, tr("profile.publication.noSource", ["key": key])) }
                var named: [Item] = []
                if let list = e[Node("items")]?.sequence, !list.isEmpty {
                    for x in list {
                        guard let item = x.scalar.flatMap({ Item(rawValue: $0.string) }) else {
                            reader.report(
                                x,
                                tr(
                                    "profile.publication.unknownItem",
                                    [
                                        "name": x.scalar?.string ?? "?",
                                        "known": Item.allCases.map(\.rawValue).joined(separator: ", "),
                                    ]))
                            continue
                        }
                        if !seen.insert(item).inserted {
                            reader.report(x, tr("profile.publication.twice", ["item": item.rawValue, "key": key]))
                        }
                        named.append(item)
                    }
                } else {
                    reader.report(e[Node("items")] ?? entry, tr("profile.publication.needsItems", ["key": key]))
                }
                if !source.isEmpty && !named.isEmpty { result.append(Items(items: named, source: source)) }
            }
            if seen.contains(.wechatQR) && !seen.contains(.wechat) {
                reader.report(list, tr("profile.publication.qr", ["key": key]))
            }
            return result
        }
        let board = items("notice_board"), card = items("contact_card")
        guard reader.diagnostics.count == before, let hotline else { return nil }
        return PublicationRules(hotline: hotline, noticeBoard: board, contactCard: card)
    }
}
