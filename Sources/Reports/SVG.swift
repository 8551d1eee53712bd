import Foundation

/// A small builder for inline SVG: shapes in user units, every number written the same way
/// (at most two decimals, no exponent), every text and attribute escaped. The result is meant to
/// be embedded in an HTML page, so no `xmlns` (and no other URL) is written.
public struct SVG: Sendable {
    /// Width in user units (and CSS pixels).
    public var width: Double
    /// Height in user units.
    public var height: Double
    /// Accessible name (`aria-label` and a `<title>`).
    public var label: String
    /// A class for the `<svg>` element.
    public var className: String
    /// The elements, already rendered.
    public private(set) var elements: [String] = []

    /// Makes an empty drawing.
    public init(width: Double, height: Double, label: String, className: String = "chart") {
        self.width = width
        self.height = height
        self.label = label
        self.className = className
    }

    /// Text anchor of a label.
    public enum Anchor: String, Sendable { case start, middle, end }

    /// A number as SVG writes it: rounded to two decimals, trailing zeros and `-0` dropped.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        var text = ReportNumber.fixed(x, 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// ` name="value"` with the value escaped, or nothing when `value` is `nil`.
    static func attribute(_ name: String, _ value: String?) -> String {
        guard let value else { return "" }
        return " \(name)=\"\(HTML.escape(value))\""
    }

    private static func attribute(_ name: String, _ value: Double?) -> String {
        guard let value else { return "" }
        return " \(name)=\"\(number(value))\""
    }

    /// A `<title>` child (a tooltip), or nothing.
    private static func titleElement(_ title: String?) -> String {
        guard let title, !title.isEmpty else { return "" }
        return "<title>\(HTML.escape(title))</title>"
    }

    private mutating func shape(_ name: String, _ attributes: String, title: String?) {
        if let title, !title.isEmpty {
            elements.append("<\(name)\(attributes)>\(Self.titleElement(title))</\(name)>")
        } else {
            elements.append("<\(name)\(attributes)/>")
        }
    }

    /// A rectangle.
    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil,
        stroke: String? = nil, strokeWidth: Double? = nil, opacity: Double? = nil,
        className: String? = nil, title: String? = nil
    ) {
        shape(
            "rect",
            Self.attribute("x", x) + Self.attribute("y", y) + Self.attribute("width", max(0, width))
                + Self.attribute("height", max(0, height)) + Self.attribute("fill", fill)
                + Self.attribute("stroke", stroke)
                + Self.attribute("stroke-width", strokeWidth) + Self.attribute("opacity", opacity)
                + Self.attribute("class", className), title: title)
    }

    /// A straight line; `dash` is an SVG dash array such as `"4 3"`.
    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, strokeWidth: Double = 1,
        dash: String? = nil, opacity: Double? = nil, className: String? = nil, title: String? = nil
    ) {
        shape(
            "line",
            Self.attribute("x1", x1) + Self.attribute("y1", y1) + Self.attribute("x2", x2) + Self.attribute("y2", y2)
                + Self.attribute("stroke", stroke) + Self.attribute("stroke-width", strokeWidth)
                + Self.attribute("stroke-dasharray", dash) + Self.attribute("opacity", opacity)
                + Self.attribute("class", className), title: title)
    }

    /// A circle.
    public mutating func circle(
        cx: Double, cy: Double, r: Double, fill: String? = nil, stroke: String? = nil,
        strokeWidth: Double? = nil, opacity: Double? = nil, className: String? = nil, title: String? = nil
    ) {
        shape(
            "circle",
            Self.attribute("cx", cx) + Self.attribute("cy", cy) + Self.attribute("r", r)
                + Self.attribute("fill", fill) + Self.attribute("stroke", stroke)
                + Self.attribute("stroke-width", strokeWidth)
                + Self.attribute("opacity", opacity) + Self.attribute("class", className), title: title)
    }

    /// An open polyline through `points`.
    public mutating func polyline(
        _ points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 1.5,
        dash: String? = nil, className: String? = nil, title: String? = nil
    ) {
        guard !points.isEmpty else { return }
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        shape(
            "polyline",
            Self.attribute("points", list) + " fill=\"none\"" + Self.attribute("stroke", stroke)
                + Self.attribute("stroke-width", strokeWidth) + Self.attribute("stroke-dasharray", dash)
                + Self.attribute("stroke-linejoin", "round") + Self.attribute("class", className), title: title)
    }

    /// Text; `rotate` turns it about its anchor point (degrees, e.g. -90 for a vertical axis title);
    /// `halo` outlines it in white so it stays readable over other shapes.
    public mutating func text(
        _ string: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
        fill: String? = nil, weight: String? = nil, rotate: Double? = nil, halo: Bool = false,
        className: String? = nil
    ) {
        var attributes = Self.attribute("x", x) + Self.attribute("y", y)
        if anchor != .start { attributes += Self.attribute("text-anchor", anchor.rawValue) }
        attributes +=
            Self.attribute("font-size", size) + Self.attribute("fill", fill) + Self.attribute("font-weight", weight)
        // A white outline under the glyphs keeps a label readable over lines and bars.
        if halo {
            attributes += " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\""
        }
        if let rotate {
            attributes += " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
        }
        attributes += Self.attribute("class", className)
        elements.append("<text\(attributes)>\(HTML.escape(string))</text>")
    }

    /// Opens a group (close it with ``endGroup()``).
    public mutating func beginGroup(className: String? = nil, opacity: Double? = nil, title: String? = nil) {
        elements.append(
            "<g" + Self.attribute("class", className) + Self.attribute("opacity", opacity) + ">"
                + Self.titleElement(title))
    }

    /// Closes the group opened last.
    public mutating func endGroup() { elements.append("</g>") }

    /// The `<svg>` element: a `viewBox` of the drawing's size, so it scales with its box.
    public func render() -> String {
        var out =
            "<svg" + Self.attribute("class", className)
            + " viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
        out +=
            " width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" role=\"img\""
            + Self.attribute("aria-label", label) + ">"
        out += Self.titleElement(label) + "\n"
        for e in elements { out += e + "\n" }
        out += "</svg>"
        return out
    }
}
