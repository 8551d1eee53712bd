import Assignment
import CounselModel
import Foundation
import Scheduling

/// The figures behind the report's charts, computed from the inputs (every collection sorted,
/// so the page never depends on dictionary order).
struct ReportFigures {
    let inputs: ReportInputs
    /// The scenario as the solver sees it: advisers sorted by id, eligibility and caps.
    let problem: AssignmentProblem
    /// Unit index (in ``AssignmentProblem/units``, sorted by id) by id.
    let adviserIndex: [String: Int]
    /// Villages by id.
    let villageByID: [String: Village]
    /// Covered rows.
    let covered: [AssignmentRow]

    init(_ inputs: ReportInputs) {
        self.inputs = inputs
        problem = AssignmentProblem(scenario: inputs.scenario)
        var index: [String: Int] = [:]
        for (i, a) in problem.units.enumerated() { index[a.id] = i }
        adviserIndex = index
        var villages: [String: Village] = [:]
        for v in inputs.scenario.villages { villages[v.id] = v }
        villageByID = villages
        covered = inputs.assignment.filter { $0.adviserID != nil }
    }

    // MARK: Colours

    /// A colour per adviser index: hues a golden angle apart, lightness alternating, so neighbours
    /// in id order differ and the same adviser always has the same colour.
    static func colour(adviserIndex i: Int) -> String {
        let hue = (Double(i) * 137.508).truncatingRemainder(dividingBy: 360)
        let lightness = [0.42, 0.56, 0.34][i % 3]
        return hexFromHSL(hue: hue, saturation: 0.68, lightness: lightness)
    }

    /// `#rrggbb` for a colour given as hue (degrees), saturation and lightness (0…1).
    static func hexFromHSL(hue: Double, saturation s: Double, lightness l: Double) -> String {
        let c = (1 - abs(2 * l - 1)) * s
        let h = hue / 60
        let x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r1, g1, b1): (Double, Double, Double)
        switch h {
        case ..<1: (r1, g1, b1) = (c, x, 0)
        case ..<2: (r1, g1, b1) = (x, c, 0)
        case ..<3: (r1, g1, b1) = (0, c, x)
        case ..<4: (r1, g1, b1) = (0, x, c)
        case ..<5: (r1, g1, b1) = (x, 0, c)
        default: (r1, g1, b1) = (c, 0, x)
        }
        let m = l - c / 2
        func byte(_ v: Double) -> String {
            let n = max(0, min(255, Int(((v + m) * 255).rounded())))
            let digits = Array("0123456789abcdef")
            return String([digits[n / 16], digits[n % 16]])
        }
        return "#" + byte(r1) + byte(g1) + byte(b1)
    }

    // MARK: Load

    /// Villages per unit for every unit (adviser, or team in the team model) who may be appointed
    /// (including those given none), and every unit that was given villages.
    var villagesPerAdviser: [(unit: ServiceUnit, villages: Int, cap: Int?)] {
        var count: [String: Int] = [:]
        for r in covered { count[r.adviserID!, default: 0] += 1 }
        var result: [(ServiceUnit, Int, Int?)] = []
        for (i, a) in problem.units.enumerated() {
            let n = count[a.id] ?? 0
            let eligible = problem.isEligible[i] && problem.totalCap[i] > 0
            if eligible || n > 0 { result.append((a, n, eligible ? problem.totalCap[i] : nil)) }
        }
        return result
    }

    // MARK: Preference ranks

    /// Counts of ranks 1, 2, … and of unranked partners over covered villages; ranks above
    /// `maxShown` are pooled in one category.
    static func rankDistribution(_ ranks: [Int?], maxShown: Int = 6) -> (categories: [String], counts: [Double]) {
        let highest = min(maxShown, max(3, ranks.compactMap { $0 }.max() ?? 0))
        var counts = [Double](repeating: 0, count: highest + 1)
        var pooled = false
        for r in ranks {
            if let r {
                if r > highest { pooled = true }
                counts[min(max(r, 1), highest) - 1] += 1
            } else {
                counts[highest] += 1
            }
        }
        var categories = (1...highest).map { "第\($0)位" }
        if pooled { categories[highest - 1] = "≥第\(highest)位" }
        categories.append("未排序")
        return (categories, counts)
    }

    // MARK: Monthly on-site hours

    /// Mean and least on-site hours per covered village per month, with the monthly requirements.
    struct MonthlyHours {
        var months: [Month]
        var mean: [Double?]
        var least: [Double?]
        var requirements: [SchedulingRules.Requirement]
    }

    /// The monthly figures, or `nil` without a roster.
    var monthlyHours: MonthlyHours? {
        guard let roster = inputs.roster else { return nil }
        var months: [Month] = []
        if let compliance = inputs.compliance {
            months = Set(compliance.compactMap { Month($0.period) }).sorted()
        }
        if months.isEmpty, let first = roster.sessions.map(\.day).min(), let last = roster.sessions.map(\.day).max() {
            var m = Month(year: first.year, month: first.month)!
            let end = Month(year: last.year, month: last.month)!
            while m <= end {
                months.append(m)
                m = m.next
            }
        }
        let villages = covered.map(\.villageID)
        var hours: [String: Double] = [:]  // "village|YYYY-MM"
        for s in roster.sessions where s.mode == .onsite && !s.activity.isConfidential {
            hours["\(s.village)|\(Month(year: s.day.year, month: s.day.month)!)", default: 0] += s.hours
        }
        var mean: [Double?] = [], least: [Double?] = []
        for m in months {
            let values = villages.map { hours["\($0)|\(m)"] ?? 0 }
            mean.append(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))
            least.append(values.min())
        }
        let rules = inputs.scenario.rules.scheduling
        var requirements: [SchedulingRules.Requirement] = []
        for r in (rules?.requirements ?? []) + (rules?.flexibleRequirements ?? [])
        where (r.measure == .onsiteHours || r.measure == .serviceHours) && r.period == .month
            && !requirements.contains(where: { $0.id == r.id })
        {
            requirements.append(r)
        }
        return MonthlyHours(months: months, mean: mean, least: least, requirements: requirements)
    }

    // MARK: Map

    /// Kilometres per projected unit (one degree of latitude).
    static let kmPerUnit = Geography.earthRadiusKm * Double.pi / 180

    /// Villages coloured by adviser with thin lines to the adviser's base (a square); uncovered
    /// villages hollow red. Equirectangular about the villages' mean latitude, so one unit is as
    /// long east–west as north–south.
    var map: SVGChart.ScatterPlot {
        let rows = inputs.assignment
        let located = rows.compactMap { villageByID[$0.villageID] }
        let lat0 = located.isEmpty ? 0 : located.reduce(0) { $0 + $1.latitude } / Double(located.count)
        let k = cos(lat0 * Double.pi / 180)
        func project(_ lat: Double, _ lon: Double) -> (Double, Double) { (lon * k, lat) }
        let withTitles = rows.count <= 5000
        var points: [SVGChart.ScatterPoint] = [], segments: [SVGChart.ScatterSegment] = []
        var used: [Int: Int] = [:]
        for r in rows {
            guard let v = villageByID[r.villageID] else { continue }
            let (x, y) = project(v.latitude, v.longitude)
            guard let id = r.adviserID, let i = adviserIndex[id] else {
                points.append(
                    .init(
                        x: x, y: y, colour: SVGChart.Colour.alert, shape: .hollowCircle, size: 4.5,
                        title: withTitles ? "\(v.id) \(v.name) · 未覆盖 uncovered" : nil))
                continue
            }
            let a = problem.units[i]
            let colour = Self.colour(adviserIndex: i)
            used[i, default: 0] += 1
            let (bx, by) = project(a.latitude, a.longitude)
            segments.append(.init(x1: bx, y1: by, x2: x, y2: y, colour: colour))
            let km = r.distanceKm.map { " (\(ReportNumber.fixed($0, 1)) km)" } ?? ""
            points.append(
                .init(
                    x: x, y: y, colour: colour, size: 3.6,
                    title: withTitles ? "\(v.id) \(v.name) → \(a.id) \(a.name)\(km)" : nil))
        }
        for i in used.keys.sorted() {
            let a = problem.units[i]
            let (x, y) = project(a.latitude, a.longitude)
            points.append(
                .init(
                    x: x, y: y, colour: Self.colour(adviserIndex: i), shape: .square, size: 3.6,
                    title: withTitles ? "\(a.id) \(a.name) · 驻地 base · \(used[i]!) 个村（社区）" : nil))
        }
        var plot = SVGChart.ScatterPlot(points: points)
        plot.segments = segments
        plot.equalAspect = true
        plot.showAxes = false
        plot.northArrow = true
        let xs = points.map(\.x)
        let spanKm = ((xs.max() ?? 0) - (xs.min() ?? 0)) * Self.kmPerUnit
        let barKm = SVGChart.niceStep(spanKm, count: 5)
        plot.scaleBar = (barKm / Self.kmPerUnit, "\(ReportNumber.fixed(barKm, barKm < 1 ? 1 : 0)) km")
        return plot
    }
}
