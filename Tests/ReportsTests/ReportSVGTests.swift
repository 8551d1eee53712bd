import Foundation
import XCTest

@testable import Reports

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses an SVG (or any XML) string and collects the elements, failing on malformed markup.
final class XMLCollector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }
    var elements: [Element] = []
    private var stack: [Int] = []
    var error: Error?

    static func parse(_ text: String) throws -> [Element] {
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw parser.parserError
                ?? NSError(domain: "XMLCollector", code: 1, userInfo: [NSLocalizedDescriptionKey: "malformed XML"])
        }
        return collector.elements
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes, text: ""))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = stack.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }
}

final class ReportSVGTests: XCTestCase {
    private func elements(_ svg: SVG, file: StaticString = #filePath, line: UInt = #line) throws -> [XMLCollector
        .Element]
    {
        let text = svg.render()
        XCTAssertFalse(text.contains("http://"), "an inline SVG needs no namespace URL", file: file, line: line)
        XCTAssertFalse(text.contains("https://"), file: file, line: line)
        return try XMLCollector.parse(text)
    }

    private func number(_ e: XMLCollector.Element, _ key: String) -> Double { Double(e.attributes[key] ?? "") ?? .nan }

    // MARK: Numbers and escaping

    func testNumbersAreShortStableAndLocaleFree() {
        XCTAssertEqual(SVG.number(1), "1")
        XCTAssertEqual(SVG.number(1.5), "1.5")
        XCTAssertEqual(SVG.number(1.234), "1.23")
        XCTAssertEqual(SVG.number(1.235), "1.24")
        XCTAssertEqual(SVG.number(-2.5), "-2.5")
        XCTAssertEqual(SVG.number(-0.001), "0")
        XCTAssertEqual(SVG.number(1_000_000), "1000000")
        XCTAssertEqual(SVG.number(0.1 + 0.2), "0.3")
        XCTAssertEqual(SVG.number(.nan), "0")
        XCTAssertEqual(ReportNumber.fixed(2.345, 1), "2.3")
        XCTAssertEqual(ReportNumber.fixed(-0.04, 1), "0.0")
        XCTAssertEqual(ReportNumber.fixed(699.304089, 2), "699.30")
        XCTAssertEqual(ReportNumber.count(26000), "26,000")
        XCTAssertEqual(ReportNumber.count(999), "999")
        XCTAssertEqual(ReportNumber.percent(0.275), "27.5%")
    }

    func testTextAndAttributesAreEscaped() throws {
        var svg = SVG(width: 100, height: 50, label: "a \"label\" <b>&</b>")
        svg.text("<script>alert('x')</script> & 村", x: 1, y: 2)
        svg.rect(x: 0, y: 0, width: 10, height: 10, fill: "red\" onclick=\"evil()", title: "A&B <c>")
        let text = svg.render()
        XCTAssertFalse(text.contains("<script>"))
        XCTAssertFalse(text.contains("onclick=\"evil"))
        XCTAssertTrue(text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 村"))
        let parsed = try XMLCollector.parse(text)
        XCTAssertEqual(parsed.first?.name, "svg")
        XCTAssertEqual(parsed.first?.attributes["aria-label"], "a \"label\" <b>&</b>")
        XCTAssertEqual(parsed.first(where: { $0.name == "text" })?.text, "<script>alert('x')</script> & 村")
        XCTAssertEqual(parsed.first(where: { $0.name == "rect" })?.attributes["fill"], "red\" onclick=\"evil()")
        XCTAssertEqual(parsed.first(where: { $0.name == "title" && $0.text == "A&B <c>" }) != nil, true)
    }

    func testRenderHasViewBoxAndEveryElement() throws {
        var svg = SVG(width: 320.5, height: 200, label: "x")
        svg.line(x1: 0, y1: 0, x2: 10, y2: 10, stroke: "#000", dash: "4 2")
        svg.circle(cx: 5, cy: 5, r: 2, fill: "#f00")
        svg.polyline([(0, 0), (1, 2), (3, 4)], stroke: "#00f")
        svg.polyline([], stroke: "#00f")  // nothing drawn
        svg.beginGroup(className: "g")
        svg.text("t", x: 1, y: 1, anchor: .middle, rotate: -90)
        svg.endGroup()
        let e = try elements(svg)
        XCTAssertEqual(e[0].attributes["viewBox"], "0 0 320.5 200")
        XCTAssertEqual(e.map(\.name), ["svg", "title", "line", "circle", "polyline", "g", "text"])
        XCTAssertEqual(e.first { $0.name == "polyline" }?.attributes["points"], "0,0 1,2 3,4")
        XCTAssertEqual(e.first { $0.name == "line" }?.attributes["stroke-dasharray"], "4 2")
        XCTAssertEqual(e.first { $0.name == "text" }?.attributes["transform"], "rotate(-90 1 1)")
        XCTAssertEqual(e.first { $0.name == "text" }?.attributes["text-anchor"], "middle")
    }

    // MARK: Scales

    func testNiceStepsAndTicks() {
        XCTAssertEqual(SVGChart.niceStep(10, count: 5), 2)
        XCTAssertEqual(SVGChart.niceStep(23, count: 5), 5)
        XCTAssertEqual(SVGChart.niceStep(0.7, count: 5), 0.2, accuracy: 1e-12)
        XCTAssertEqual(SVGChart.niceStep(1000, count: 4), 500)
        XCTAssertEqual(SVGChart.ticks(0, 10, step: 2), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(SVGChart.ticks(-0.5, 5.8, step: 1), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(SVGChart.niceUpper(36 * 1.1).upper, 40)
        XCTAssertEqual(SVGChart.niceUpper(0).upper, 1)
    }

    // MARK: Charts

    func testBarHeightsAreProportionalAndGrouped() throws {
        let svg = SVGChart.bars(
            categories: ["一", "二", "三"],
            series: [
                .init(name: "A", values: [10, 5, 0], colour: "#111111"),
                .init(name: "B", values: [2, 4, 8], colour: "#222222"),
            ],
            label: "bars")
        let e = try elements(svg)
        let a = e.filter { $0.name == "rect" && $0.attributes["fill"] == "#111111" && $0.attributes["y"] != nil }
        let b = e.filter { $0.name == "rect" && $0.attributes["fill"] == "#222222" }
        // Three bars per series, plus one legend swatch each.
        XCTAssertEqual(a.count, 4)
        XCTAssertEqual(b.count, 4)
        let h = a.prefix(3).map { number($0, "height") }
        XCTAssertEqual(h[0], 2 * h[1], accuracy: 0.02)
        XCTAssertEqual(h[2], 0)
        // Bars stand on the same baseline.
        XCTAssertEqual(number(a[0], "y") + h[0], number(a[1], "y") + h[1], accuracy: 0.02)
        // B's bar of a category is right of A's.
        XCTAssertGreaterThan(number(b[0], "x"), number(a[0], "x"))
        XCTAssertTrue(e.contains { $0.name == "text" && $0.text == "二" })
        XCTAssertTrue(e.contains { $0.name == "text" && $0.text == "10" })
    }

    func testHistogramCountsEveryValueOnceAndDrawsTheMarker() throws {
        let values: [Double] = [0, 1, 1, 2, 5, 5, 5]
        let svg = SVGChart.histogram(
            values: values, binWidth: 1, origin: -0.5, label: "h",
            markers: [.init(value: 5.5, label: "上限 cap 5")], colour: "#123456", xTickStep: 1)
        let e = try elements(svg)
        let bars = e.filter { $0.name == "rect" && $0.attributes["fill"] == "#123456" }
        XCTAssertEqual(bars.count, 4)  // bins 0, 1, 2, 5 (empty bins draw nothing)
        let titles = e.filter { $0.name == "title" && $0.text.hasPrefix("[") }.map(\.text)
        XCTAssertEqual(titles, ["[-0.5, 0.5): 1", "[0.5, 1.5): 2", "[1.5, 2.5): 1", "[4.5, 5.5): 3"])
        // Heights proportional to counts.
        XCTAssertEqual(number(bars[3], "height"), 3 * number(bars[0], "height"), accuracy: 0.03)
        // The marker: a dashed line with its label, right of the last bar.
        let marker = try XCTUnwrap(e.first { $0.name == "line" && $0.attributes["stroke-dasharray"] == "5 3" })
        XCTAssertEqual(number(marker, "x1"), number(bars[3], "x") + number(bars[3], "width") + 0.5, accuracy: 0.6)
        XCTAssertTrue(e.contains { $0.name == "text" && $0.text == "上限 cap 5" })
        // Integer ticks 0…5.
        for t in 0...5 { XCTAssertTrue(e.contains { $0.name == "text" && $0.text == "\(t)" }, "tick \(t)") }
    }

    func testHistogramOfNothingIsStillAChart() throws {
        let e = try elements(SVGChart.histogram(values: [], binWidth: 2, label: "empty"))
        XCTAssertEqual(e.first?.name, "svg")
        XCTAssertFalse(e.contains { $0.name == "title" && $0.text.hasPrefix("[") })
    }

    func testLineChartBreaksAtGapsAndDrawsReferences() throws {
        let svg = SVGChart.lines(
            xLabels: ["1月", "2月", "3月", "4月", "5月"],
            series: [.init(name: "mean", values: [5, 6, nil, 5.5, 7], colour: "#0000ff")],
            references: [.init(value: 5, label: "要求 ≥ 5 h")], label: "l")
        let e = try elements(svg)
        let lines = e.filter { $0.name == "polyline" && $0.attributes["stroke"] == "#0000ff" }
        XCTAssertEqual(lines.map { $0.attributes["points"]!.split(separator: " ").count }, [2, 2])
        XCTAssertEqual(e.filter { $0.name == "circle" }.count, 4)
        let reference = try XCTUnwrap(e.first { $0.name == "line" && $0.attributes["stroke-dasharray"] == "6 4" })
        XCTAssertEqual(number(reference, "y1"), number(reference, "y2"))
        // The reference at 5 is level with the first point (value 5).
        let first = try XCTUnwrap(e.first { $0.name == "circle" })
        XCTAssertEqual(number(reference, "y1"), number(first, "cy"), accuracy: 0.02)
        XCTAssertTrue(e.contains { $0.name == "text" && $0.text == "要求 ≥ 5 h" })
    }

    func testScatterWithEqualAspectKeepsDistances() throws {
        var plot = SVGChart.ScatterPlot(points: [
            .init(x: 0, y: 0, colour: "#aa0000"), .init(x: 2, y: 0, colour: "#aa0000"),
            .init(x: 0, y: 1, colour: "#aa0000"),
            .init(x: 1, y: 1, colour: "#00aa00", shape: .square, size: 3),
            .init(x: 2, y: 1, colour: "#0000aa", shape: .hollowCircle),
        ])
        plot.segments = [.init(x1: 1, y1: 1, x2: 0, y2: 0, colour: "#00aa00")]
        plot.equalAspect = true
        plot.showAxes = false
        plot.scaleBar = (1, "111 km")
        let svg = SVGChart.scatter(plot, label: "map", width: 500, maxHeight: 800)
        let e = try elements(svg)
        let dots = e.filter { $0.name == "circle" && $0.attributes["fill"] == "#aa0000" }
        XCTAssertEqual(dots.count, 3)
        let east = number(dots[1], "cx") - number(dots[0], "cx")
        let north = number(dots[0], "cy") - number(dots[2], "cy")
        XCTAssertGreaterThan(east, 0)
        XCTAssertEqual(east, 2 * north, accuracy: 0.05, "one unit must be as long across as up")
        // The drawing takes the data's shape: about twice as wide as high (plus margins).
        XCTAssertLessThan(svg.height, svg.width * 0.75)
        // A base is a square centred on its point, drawn after the circles; the segment under them.
        let square = try XCTUnwrap(e.first { $0.name == "rect" && $0.attributes["fill"] == "#00aa00" })
        XCTAssertEqual(number(square, "width"), 6)
        XCTAssertEqual(number(square, "x") + 3, number(dots[0], "cx") + east / 2, accuracy: 0.05)
        let names = e.map(\.name)
        XCTAssertLessThan(names.firstIndex(of: "line")!, names.firstIndex(of: "circle")!)
        XCTAssertEqual(
            e.first { $0.name == "circle" && $0.attributes["stroke"] == "#0000aa" }?.attributes["fill"], "#ffffff")
        // Scale bar: as long as one unit.
        XCTAssertTrue(e.contains { $0.name == "text" && $0.text == "111 km" })
        let bar = try XCTUnwrap(e.first { $0.name == "line" && $0.attributes["stroke-width"] == "2" })
        XCTAssertEqual(number(bar, "x2") - number(bar, "x1"), east / 2, accuracy: 0.05)
    }

    func testTallMapIsCappedInHeight() {
        var plot = SVGChart.ScatterPlot(points: [
            .init(x: 0, y: 0, colour: "#000000"), .init(x: 0.1, y: 10, colour: "#000000"),
        ])
        plot.equalAspect = true
        plot.showAxes = false
        let svg = SVGChart.scatter(plot, label: "tall", width: 600, maxHeight: 700)
        XCTAssertEqual(svg.height, 700, accuracy: 0.01)
    }

    func testChartsAreDeterministic() {
        func draw() -> String {
            SVGChart.histogram(
                values: (0..<200).map { Double(($0 * 37) % 23) + 0.3 }, binWidth: 2, label: "km",
                markers: [.init(value: 10.33, label: "mean")]
            ).render()
                + SVGChart.bars(
                    categories: ["a", "b"], series: [.init(name: "s", values: [1, 2], colour: "#000")], label: "b"
                ).render()
        }
        XCTAssertEqual(draw(), draw())
    }
}
