// MARK: Model

extension Catalogue {
    static let model: [Entry] = [
    ]
}
