/// What the notice boards and contact cards will leave out for want of data (issue 12): one
/// warning per adviser row and per county row (or `scenario.yaml`) that lacks an item the rule
/// profile's boards or cards show, each naming the items and the sources that ask for them.
/// `validate` prints them; `publish` counts them.
extension ScenarioLoader {
    func publicationWarnings(
        rules: RuleProfile, advisers: [Loaded<Adviser>], counties: [Loaded<County>], settings: Settings
    ) -> [Diagnostic] {
        let p = rules.publicationRules
        var result: [Diagnostic] = []
        /// `wechat (board: 001 §(十) …; card: 001 §(十一) …)` for the items lacking.
        func lacking(_ items: [(PublicationRules.Item, String, Bool)]) -> String? {
            var named: [String] = [], sources: [String] = []
            for (item, column, present) in items where !present {
                let board = p.boardSource(item), card = p.cardSource(item)
                guard board != nil || card != nil else { continue }
                named.append(column)
                for s in [board, card].compactMap({ $0 }) where !sources.contains(s) { sources.append(s) }
            }
            guard !named.isEmpty else { return nil }
            return tr(
                "publication.shown",
                [
                    "items": named.joined(separator: ", "), "count": named.count,
                    "sources": sources.joined(separator: "; "),
                ])
        }
        let excluded = rules.assignment.excludedStatuses.value, roles = rules.assignment.eligibleRoles.value
        for a in advisers {
            let v = a.value
            // Only advisers who may be appointed get a board or card.
            guard roles.contains(v.role), v.role != .apprentice, !excluded.contains(v.status) else { continue }
            let items: [(PublicationRules.Item, String, Bool)] = [
                (.firm, "firm", v.firm != nil), (.phone, "phone", !v.phone.isEmpty),
                (.wechat, "wechat", v.wechat != nil),
                (.email, "email", v.email != nil), (.photo, "photo", v.photo != nil),
            ]
            if let text = lacking(items) {
                result.append(
                    relocated(
                        Diagnostic(
                            file: "advisers.csv", line: a.line, severity: .warning,
                            tr("publication.adviserLacks", ["id": v.id, "items": text]))))
            }
        }
        func officeItems(_ c: County?) -> [(PublicationRules.Item, String, Bool)] {
            [
                (.office, "justice_office", (c?.justiceOffice ?? settings.justiceOffice) != nil),
                (.officePhone, "justice_office_phone", (c?.justiceOfficePhone ?? settings.justiceOfficePhone) != nil),
                (.officeEmail, "justice_office_email", (c?.justiceOfficeEmail ?? settings.justiceOfficeEmail) != nil),
                (.complaintEmail, "complaint_email", (c?.complaintEmail ?? settings.complaintEmail) != nil),
            ]
        }
        if counties.isEmpty {
            if let text = lacking(officeItems(nil)) {
                result.append(
                    Diagnostic(
                        file: "scenario.yaml", severity: .warning,
                        tr("publication.boardsLack", ["items": text])))
            }
        } else {
            for c in counties {
                if let text = lacking(officeItems(c.value)) {
                    result.append(
                        relocated(
                            Diagnostic(
                                file: "counties.csv", line: c.line, severity: .warning,
                                tr("publication.countyLacks", ["county": c.value.id, "items": text]))))
                }
            }
        }
        return result
    }
}
