import ArgumentParser

/// `village-counsel schedule DIR --assignment PLAN.csv`: placeholder, being written.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the monthly on-site roster and lecture calendar.")
    @Argument var directory: String
    func run() throws { throw RunFailure(message: "schedule is not built yet") }
}
