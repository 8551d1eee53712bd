// MARK: Reports

extension Catalogue {
    static let reports: [Entry] = [
    ]
}
