import ArgumentParser

/// `village-counsel check DIR --roster FILE`: placeholder, being written.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Audit a roster or ledger against the rule profiles.")
    @Argument var directory: String
    @Option var roster: String
    func run() throws { throw RunFailure(message: "check is not built yet") }
}
