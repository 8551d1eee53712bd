// MARK: Scheduling

extension Catalogue {
    static let scheduling: [Entry] = [
    ]
}
