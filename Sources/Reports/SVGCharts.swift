import Foundation

/// Charts drawn with ``SVG``: bar chart, histogram, line chart and scatter (also used as a map).
/// Every chart is a pure function of its data, so the same data gives the same bytes.
public enum SVGChart {
    /// Colours used by the charts (a palette readable in print and for most colour-blind readers).
    public enum Colour {
        public static let primary = "#2f6db5"
        public static let secondary = "#e07b39"
        public static let accent = "#3a9a5b"
        public static let alert = "#c62828"
        public static let grid = "#e3e6ea"
        public static let axis = "#5b6470"
        public static let text = "#2b2f36"
    }

    /// One series of a bar chart.
    public struct BarSeries: Sendable {
        public var name: String
        public var values: [Double]
        public var colour: String
        public init(name: String, values: [Double], colour: String) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    /// A vertical (histogram) or horizontal (line chart) reference line with its label.
    public struct Marker: Sendable {
        public var value: Double
        public var label: String
        public var colour: String
        public init(value: Double, label: String, colour: String = Colour.alert) {
            self.value = value
            self.label = label
            self.colour = colour
        }
    }

    /// One series of a line chart; `nil` values leave a gap.
    public struct LineSeries: Sendable {
        public var name: String
        public var values: [Double?]
        public var colour: String
        public var dash: String?
        public init(name: String, values: [Double?], colour: String, dash: String? = nil) {
            self.name = name
            self.values = values
            self.colour = colour
            self.dash = dash
        }
    }

    /// A point of a scatter plot.
    public struct ScatterPoint: Sendable {
        public enum Shape: Sendable { case circle, square, hollowCircle }
        public var x: Double
        public var y: Double
        public var colour: String
        public var shape: Shape
        public var size: Double
        public var title: String?
        public init(
            x: Double, y: Double, colour: String, shape: Shape = .circle, size: Double = 3.5, title: String? = nil
        ) {
            self.x = x
            self.y = y
            self.colour = colour
            self.shape = shape
            self.size = size
            self.title = title
        }
    }

    /// A thin line between two points of a scatter plot.
    public struct ScatterSegment: Sendable {
        public var x1: Double, y1: Double, x2: Double, y2: Double
        public var colour: String
        public init(x1: Double, y1: Double, x2: Double, y2: Double, colour: String) {
            self.x1 = x1
            self.y1 = y1
            self.x2 = x2
            self.y2 = y2
            self.colour = colour
        }
    }

    /// A scatter plot. With `equalAspect`, one unit is as long on both axes (a map in projected
    /// coordinates); `scaleBar` then draws a bar `length` units long with its label.
    public struct ScatterPlot: Sendable {
        public var points: [ScatterPoint]
        public var segments: [ScatterSegment] = []
        public var equalAspect = false
        public var showAxes = true
        public var xTitle = ""
        public var yTitle = ""
        public var scaleBar: (length: Double, label: String)? = nil
        public var northArrow = false
        public init(points: [ScatterPoint]) { self.points = points }
    }

    // MARK: Scales and ticks

    /// Maps a domain linearly onto a range of user units.
    struct Scale {
        var d0: Double, d1: Double, r0: Double, r1: Double
        func callAsFunction(_ x: Double) -> Double {
            d1 == d0 ? (r0 + r1) / 2 : r0 + (x - d0) / (d1 - d0) * (r1 - r0)
        }
    }

    /// A "nice" step (1, 2 or 5 times a power of ten) giving about `count` intervals over `span`.
    static func niceStep(_ span: Double, count: Int = 5) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        let power = pow(10, floor(log10(raw)))
        let f = raw / power
        let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        return nice * power
    }

    /// Tick values from `lo` to `hi` (inclusive, with a tolerance) at multiples of `step`.
    static func ticks(_ lo: Double, _ hi: Double, step: Double) -> [Double] {
        guard step > 0, hi >= lo else { return [lo] }
        var result: [Double] = []
        var i = Int((lo / step - 1e-9).rounded(.up))
        while Double(i) * step <= hi + step * 1e-9, result.count < 200 {
            result.append(Double(i) * step)
            i += 1
        }
        return result
    }

    /// A tick label: integers without decimals, others with as few as the step needs.
    static func tickLabel(_ x: Double, step: Double) -> String {
        if step >= 1 || x == x.rounded() { return ReportNumber.fixed(x, 0) }
        let digits = min(4, max(1, Int(-floor(log10(step)))))
        return ReportNumber.fixed(x, digits)
    }

    /// The upper end of a count axis: a nice value at or above `maximum` (at least 1).
    static func niceUpper(_ maximum: Double, count: Int = 5) -> (upper: Double, step: Double) {
        let m = max(maximum, 1)
        let step = niceStep(m, count: count)
        return ((m / step).rounded(.up) * step, step)
    }

    // MARK: Frame

    struct Margins { var left = 56.0, right = 18.0, top = 30.0, bottom = 48.0 }

    /// Horizontal grid lines and labels of the y axis, the axes and their titles.
    static func drawFrame(
        _ svg: inout SVG, m: Margins, y: Scale, yTicks: [Double], yStep: Double,
        xTitle: String, yTitle: String
    ) {
        let x0 = m.left, x1 = svg.width - m.right, yBottom = svg.height - m.bottom
        for t in yTicks {
            let py = y(t)
            svg.line(x1: x0, y1: py, x2: x1, y2: py, stroke: Colour.grid)
            svg.text(tickLabel(t, step: yStep), x: x0 - 6, y: py + 4, anchor: .end, size: 11, fill: Colour.axis)
        }
        svg.line(x1: x0, y1: yBottom, x2: x1, y2: yBottom, stroke: Colour.axis)
        svg.line(x1: x0, y1: m.top, x2: x0, y2: yBottom, stroke: Colour.axis)
        if !xTitle.isEmpty {
            svg.text(xTitle, x: (x0 + x1) / 2, y: svg.height - 8, anchor: .middle, size: 12, fill: Colour.text)
        }
        if !yTitle.isEmpty {
            svg.text(yTitle, x: 14, y: (m.top + yBottom) / 2, anchor: .middle, size: 12, fill: Colour.text, rotate: -90)
        }
    }

    /// A legend in the top margin, right-aligned: a swatch and a name per entry.
    static func drawLegend(
        _ svg: inout SVG, entries: [(name: String, colour: String, line: Bool, dash: String?)], right: Double, y: Double
    ) {
        // Rough text widths: CJK characters are about one em, others about half.
        func width(_ s: String) -> Double {
            s.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 11.5 : 6.4) }
        }
        var x = right
        for e in entries.reversed() {
            x -= width(e.name)
            svg.text(e.name, x: x, y: y + 4, size: 11.5, fill: Colour.text)
            x -= 20
            if e.line {
                svg.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: e.colour, strokeWidth: 2, dash: e.dash)
            } else {
                svg.rect(x: x + 2, y: y - 5, width: 12, height: 10, fill: e.colour)
            }
            x -= 14
        }
    }

    // MARK: Bar chart

    /// A bar chart of categories, one bar per series in each category (grouped), counts on top.
    public static func bars(
        categories: [String], series: [BarSeries], label: String, xTitle: String = "", yTitle: String = "",
        width: Double = 540, height: Double = 300, valueLabels: Bool = true
    ) -> SVG {
        var svg = SVG(width: width, height: height, label: label)
        let m = Margins()
        let maximum = series.flatMap(\.values).max() ?? 0
        let (upper, step) = niceUpper(maximum * 1.08)
        let y = Scale(d0: 0, d1: upper, r0: height - m.bottom, r1: m.top)
        drawFrame(&svg, m: m, y: y, yTicks: ticks(0, upper, step: step), yStep: step, xTitle: xTitle, yTitle: yTitle)
        let plotWidth = width - m.left - m.right
        let slot = plotWidth / Double(max(1, categories.count))
        let groupWidth = slot * 0.72
        let barWidth = groupWidth / Double(max(1, series.count))
        for (c, name) in categories.enumerated() {
            let left = m.left + slot * Double(c) + (slot - groupWidth) / 2
            for (s, serie) in series.enumerated() {
                let value = c < serie.values.count ? serie.values[c] : 0
                let x = left + barWidth * Double(s)
                let top = y(value)
                svg.rect(
                    x: x + 0.5, y: top, width: barWidth - 1, height: y(0) - top, fill: serie.colour,
                    title: "\(serie.name) · \(name): \(tickLabel(value, step: 1))")
                if valueLabels && value > 0 {
                    svg.text(
                        tickLabel(value, step: value == value.rounded() ? 1 : 0.1), x: x + barWidth / 2, y: top - 4,
                        anchor: .middle, size: 10.5, fill: Colour.text)
                }
            }
            svg.text(
                name, x: m.left + slot * (Double(c) + 0.5), y: height - m.bottom + 16, anchor: .middle, size: 11,
                fill: Colour.axis)
        }
        if series.count > 1 {
            drawLegend(&svg, entries: series.map { ($0.name, $0.colour, false, nil) }, right: width - m.right, y: 12)
        }
        return svg
    }

    // MARK: Histogram

    /// A histogram of `values` in bins `[origin + k·binWidth, origin + (k+1)·binWidth)`, with
    /// vertical marker lines (a cap, a radius, a mean). The x axis is linear; `xTickStep` fixes its
    /// tick step (e.g. 1 for counts of villages), otherwise a nice step is chosen.
    public static func histogram(
        values: [Double], binWidth: Double, origin: Double = 0, label: String,
        xTitle: String = "", yTitle: String = "", markers: [Marker] = [],
        colour: String = Colour.primary, xTickStep: Double? = nil, minimumUpper: Double? = nil,
        width: Double = 540, height: Double = 300
    ) -> SVG {
        var svg = SVG(width: width, height: height, label: label)
        let m = Margins()
        let bw = binWidth > 0 ? binWidth : 1
        var counts: [Int: Int] = [:]
        for v in values where v.isFinite { counts[Int(floor((v - origin) / bw + 1e-9)), default: 0] += 1 }
        let firstBin = min(0, counts.keys.min() ?? 0)
        var lastBin = counts.keys.max() ?? 0
        var lo = origin + Double(firstBin) * bw
        var hi = origin + Double(lastBin + 1) * bw
        for marker in markers {
            lo = min(lo, marker.value)
            hi = max(hi, marker.value + bw * 0.3)
        }
        if let minimumUpper { hi = max(hi, minimumUpper) }
        lastBin = max(lastBin, Int(floor((hi - origin) / bw - 1e-9)))
        let maxCount = Double(counts.values.max() ?? 0)
        let (upper, yStep) = niceUpper(maxCount * (markers.isEmpty ? 1.1 : 1.2))
        let y = Scale(d0: 0, d1: upper, r0: height - m.bottom, r1: m.top)
        let x = Scale(d0: lo, d1: hi, r0: m.left + 4, r1: width - m.right - 4)
        drawFrame(&svg, m: m, y: y, yTicks: ticks(0, upper, step: yStep), yStep: yStep, xTitle: xTitle, yTitle: yTitle)
        let xStep = xTickStep ?? niceStep(hi - lo, count: 8)
        for t in ticks(lo, hi, step: xStep) {
            let px = x(t)
            svg.line(x1: px, y1: height - m.bottom, x2: px, y2: height - m.bottom + 4, stroke: Colour.axis)
            svg.text(
                tickLabel(t, step: xStep), x: px, y: height - m.bottom + 16, anchor: .middle, size: 11,
                fill: Colour.axis)
        }
        let showCounts = lastBin - firstBin < 40
        for k in counts.keys.sorted() {
            let count = counts[k]!
            let b0 = origin + Double(k) * bw, b1 = b0 + bw
            let top = y(Double(count))
            svg.rect(
                x: x(b0) + 0.5, y: top, width: x(b1) - x(b0) - 1, height: y(0) - top, fill: colour,
                title: "[\(SVG.number(b0)), \(SVG.number(b1))): \(count)")
            if showCounts {
                svg.text("\(count)", x: (x(b0) + x(b1)) / 2, y: top - 4, anchor: .middle, size: 10.5, fill: Colour.text)
            }
        }
        for (i, marker) in markers.enumerated() {
            let px = x(marker.value)
            svg.line(
                x1: px, y1: m.top - 4, x2: px, y2: height - m.bottom, stroke: marker.colour, strokeWidth: 1.6,
                dash: "5 3")
            let rightSide = px > (m.left + width - m.right) / 2
            svg.text(
                marker.label, x: px + (rightSide ? -5 : 5), y: m.top + 8 + Double(i) * 14,
                anchor: rightSide ? .end : .start, size: 11, fill: marker.colour, weight: "600", halo: true)
        }
        return svg
    }

    // MARK: Line chart

    /// A line chart over categorical x positions (e.g. months), with horizontal reference lines
    /// (a requirement). The y axis starts at zero.
    public static func lines(
        xLabels: [String], series: [LineSeries], references: [Marker] = [], label: String,
        xTitle: String = "", yTitle: String = "", width: Double = 540, height: Double = 300
    ) -> SVG {
        var svg = SVG(width: width, height: height, label: label)
        let m = Margins()
        let maximum = (series.flatMap { $0.values.compactMap { $0 } } + references.map(\.value)).max() ?? 0
        let (upper, step) = niceUpper(maximum * 1.15)
        let y = Scale(d0: 0, d1: upper, r0: height - m.bottom, r1: m.top)
        drawFrame(&svg, m: m, y: y, yTicks: ticks(0, upper, step: step), yStep: step, xTitle: xTitle, yTitle: yTitle)
        let n = max(1, xLabels.count)
        let slot = (width - m.left - m.right) / Double(n)
        func px(_ i: Int) -> Double { m.left + slot * (Double(i) + 0.5) }
        for (i, name) in xLabels.enumerated() {
            svg.line(x1: px(i), y1: height - m.bottom, x2: px(i), y2: height - m.bottom + 4, stroke: Colour.axis)
            svg.text(name, x: px(i), y: height - m.bottom + 16, anchor: .middle, size: 11, fill: Colour.axis)
        }
        for r in references {
            let py = y(r.value)
            svg.line(x1: m.left, y1: py, x2: width - m.right, y2: py, stroke: r.colour, strokeWidth: 1.6, dash: "6 4")
            svg.text(r.label, x: m.left + 6, y: py + 15, size: 11, fill: r.colour, weight: "600", halo: true)
        }
        for s in series {
            // Runs of consecutive values, so a missing month breaks the line.
            var run: [(x: Double, y: Double)] = []
            for (i, v) in s.values.enumerated() {
                if let v {
                    run.append((px(i), y(v)))
                } else {
                    svg.polyline(run, stroke: s.colour, strokeWidth: 2, dash: s.dash)
                    run = []
                }
            }
            svg.polyline(run, stroke: s.colour, strokeWidth: 2, dash: s.dash)
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                let label = i < xLabels.count ? xLabels[i] : "\(i + 1)"
                svg.circle(
                    cx: px(i), cy: y(v), r: 3, fill: s.colour,
                    title: "\(s.name) · \(label): \(ReportNumber.fixed(v, 2))")
            }
        }
        drawLegend(
            &svg, entries: series.map { ($0.name, $0.colour, true, $0.dash) },
            right: width - m.right, y: 12)
        return svg
    }

    // MARK: Scatter

    /// A scatter plot; with `equalAspect` (a map) the drawing keeps `width` and takes the height the
    /// data's shape needs, at most `maxHeight` (then it is narrower, centred).
    public static func scatter(
        _ plot: ScatterPlot, label: String, width: Double = 540, height: Double = 360,
        maxHeight: Double = 900
    ) -> SVG {
        let m =
            plot.showAxes ? Margins() : Margins(left: 12, right: 12, top: 12, bottom: plot.scaleBar == nil ? 12 : 34)
        let (x0, x1, y0, y1) = scatterDomain(plot)
        var plotW = width - m.left - m.right
        var plotH = height - m.top - m.bottom
        var svgHeight = height
        if plot.equalAspect {
            plotH = plotW * (y1 - y0) / (x1 - x0)
            let maxPlotH = maxHeight - m.top - m.bottom
            if plotH > maxPlotH {
                plotW *= maxPlotH / plotH
                plotH = maxPlotH
            }
            svgHeight = plotH + m.top + m.bottom
        }
        var svg = SVG(
            width: width, height: svgHeight, label: label, className: plot.equalAspect ? "chart map" : "chart")
        let left = m.left + (width - m.left - m.right - plotW) / 2
        let x = Scale(d0: x0, d1: x1, r0: left, r1: left + plotW)
        let y = Scale(d0: y0, d1: y1, r0: m.top + plotH, r1: m.top)
        if plot.showAxes {
            let yStep = niceStep(y1 - y0)
            drawFrame(
                &svg, m: m, y: y, yTicks: ticks(y0, y1, step: yStep), yStep: yStep, xTitle: plot.xTitle,
                yTitle: plot.yTitle)
            let xStep = niceStep(x1 - x0)
            for t in ticks(x0, x1, step: xStep) {
                svg.line(
                    x1: x(t), y1: svgHeight - m.bottom, x2: x(t), y2: svgHeight - m.bottom + 4, stroke: Colour.axis)
                svg.text(
                    tickLabel(t, step: xStep), x: x(t), y: svgHeight - m.bottom + 16, anchor: .middle, size: 11,
                    fill: Colour.axis)
            }
        } else {
            svg.rect(x: left, y: m.top, width: plotW, height: plotH, fill: "#fbfcfd", stroke: Colour.grid)
        }
        drawMarks(&svg, plot, x: x, y: y)
        drawScaleBar(&svg, plot, x: x, x0: x0, left: left, bottom: svgHeight)
        if plot.northArrow { drawNorthArrow(&svg, x: left + plotW - 18, y: m.top + 10) }
        return svg
    }

    /// The data's extent (a degenerate one widened to 1), padded by 4% on each side.
    private static func scatterDomain(_ plot: ScatterPlot) -> (Double, Double, Double, Double) {
        let xs = plot.points.map(\.x) + plot.segments.flatMap { [$0.x1, $0.x2] }
        let ys = plot.points.map(\.y) + plot.segments.flatMap { [$0.y1, $0.y2] }
        var x0 = xs.min() ?? 0, x1 = xs.max() ?? 1, y0 = ys.min() ?? 0, y1 = ys.max() ?? 1
        if x1 - x0 <= 0 {
            x0 -= 0.5
            x1 += 0.5
        }
        if y1 - y0 <= 0 {
            y0 -= 0.5
            y1 += 0.5
        }
        let padX = (x1 - x0) * 0.04, padY = (y1 - y0) * 0.04
        return (x0 - padX, x1 + padX, y0 - padY, y1 + padY)
    }

    /// The segments, then the circles, then the squares (bases) on top.
    private static func drawMarks(_ svg: inout SVG, _ plot: ScatterPlot, x: Scale, y: Scale) {
        if !plot.segments.isEmpty {
            svg.beginGroup(className: "links", opacity: 0.55)
            for s in plot.segments {
                svg.line(x1: x(s.x1), y1: y(s.y1), x2: x(s.x2), y2: y(s.y2), stroke: s.colour, strokeWidth: 0.8)
            }
            svg.endGroup()
        }
        // Circles first, squares (bases) on top.
        for p in plot.points where p.shape != .square {
            if p.shape == .hollowCircle {
                svg.circle(
                    cx: x(p.x), cy: y(p.y), r: p.size, fill: "#ffffff", stroke: p.colour, strokeWidth: 1.8,
                    title: p.title)
            } else {
                svg.circle(
                    cx: x(p.x), cy: y(p.y), r: p.size, fill: p.colour, stroke: "#ffffff", strokeWidth: 0.6,
                    title: p.title)
            }
        }
        for p in plot.points where p.shape == .square {
            svg.rect(
                x: x(p.x) - p.size, y: y(p.y) - p.size, width: 2 * p.size, height: 2 * p.size, fill: p.colour,
                stroke: "#1d2127", strokeWidth: 1, title: p.title)
        }
    }

    /// A scale bar at the bottom left, when the plot has one.
    private static func drawScaleBar(
        _ svg: inout SVG, _ plot: ScatterPlot, x: Scale, x0: Double, left: Double, bottom svgHeight: Double
    ) {
        guard let bar = plot.scaleBar else { return }
        let length = x(x0 + bar.length) - x(x0)
        let bx = left + 8, by = svgHeight - 14
        svg.line(x1: bx, y1: by, x2: bx + length, y2: by, stroke: Colour.text, strokeWidth: 2)
        svg.line(x1: bx, y1: by - 4, x2: bx, y2: by + 1, stroke: Colour.text, strokeWidth: 1.5)
        svg.line(x1: bx + length, y1: by - 4, x2: bx + length, y2: by + 1, stroke: Colour.text, strokeWidth: 1.5)
        svg.text(bar.label, x: bx + length + 6, y: by + 4, size: 11, fill: Colour.text)
    }

    /// A north arrow whose tip is at (`ax`, `ay`).
    private static func drawNorthArrow(_ svg: inout SVG, x ax: Double, y ay: Double) {
        svg.line(x1: ax, y1: ay + 22, x2: ax, y2: ay, stroke: Colour.text, strokeWidth: 1.5)
        svg.line(x1: ax - 5, y1: ay + 7, x2: ax, y2: ay, stroke: Colour.text, strokeWidth: 1.5)
        svg.line(x1: ax + 5, y1: ay + 7, x2: ax, y2: ay, stroke: Colour.text, strokeWidth: 1.5)
        svg.text("N", x: ax, y: ay + 36, anchor: .middle, size: 11, fill: Colour.text, weight: "600")
    }
}
