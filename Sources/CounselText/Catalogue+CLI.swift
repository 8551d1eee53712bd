// MARK: Cli

extension Catalogue {
    static let cli: [Entry] = [
    ]
}
