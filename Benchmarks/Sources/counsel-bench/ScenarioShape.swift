import Foundation

/// The free parameters of a realistic scenario's layout (`generate --shape N`).
///
/// Shape 0 is the standard shape, the one the README's figures are for. Any other number draws
/// every parameter from its own range with that number as the seed, so that a planner can be
/// checked on layouts nobody tuned it to; the drawn values are written in scenario.yaml's comment.
struct ScenarioShape: Equatable {
    /// The shape's number (0 = standard).
    var number: UInt64 = 0
    /// Side of a county's cell relative to the standard 0.4° × 0.5° (about 44 km × 51 km).
    var countyScale = 1.0
    /// Villages per county vary by ±this share around the mean.
    var villageSpread = 0.3
    /// A village's distance from its township seat, relative to the standard.
    var villageScatter = 1.0
    /// Share of a county's firms in the county seat.
    var seatFirmShare = 0.35
    /// Local capacity of all counties together ÷ villages, at the ordinary cap (a range ±0.015 around it).
    var capacity = 1.06
    /// Share of counties short of local capacity (0.72–0.88 × their villages).
    var shortCountyShare = 0.1
    /// Share of villages with an incumbent adviser.
    var incumbentShare = 0.6
    /// Share of villages in a village–village conflict pair.
    var villageConflictShare = 0.02
    /// Share of villages that rank 3–5 advisers or firms, and of eligible advisers that rank 5–10 villages.
    var villageRankShare = 1.0
    var adviserRankShare = 1.0

    static let standard = ScenarioShape()

    init() {}

    /// The shape numbered `number`: the standard one for 0, else drawn from the number.
    init(_ number: UInt64) {
        self.number = number
        guard number != 0 else { return }
        var rng = SplitMix64(seed: number ^ 0x5A4E_0000_0000_0000)
        countyScale = rng.uniform(0.75, 1.3)
        villageSpread = rng.uniform(0.1, 0.5)
        villageScatter = rng.uniform(0.7, 1.5)
        seatFirmShare = rng.uniform(0.2, 0.6)
        capacity = rng.uniform(1.03, 1.10)
        shortCountyShare = rng.uniform(0.05, 0.2)
        incumbentShare = rng.uniform(0.4, 0.8)
        villageConflictShare = rng.uniform(0.01, 0.03)
        villageRankShare = rng.uniform(0.8, 1.0)
        adviserRankShare = rng.uniform(0.7, 1.0)
    }

    /// One line for scenario.yaml's comment.
    var summary: String {
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        return "shape \(number): county cell ×\(f(countyScale)), villages per county ±\(f(villageSpread)), "
            + "village scatter ×\(f(villageScatter)), firms in the seat \(f(seatFirmShare)), capacity \(f(capacity))×, "
            + "short counties \(f(shortCountyShare)), incumbents \(f(incumbentShare)), villages in conflict \(f(villageConflictShare)), "
            + "villages ranking \(f(villageRankShare)), advisers ranking \(f(adviserRankShare))"
    }
}
