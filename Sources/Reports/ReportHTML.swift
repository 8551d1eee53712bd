import Foundation

/// Escaping and small building blocks for the HTML report.
public enum HTML {
    /// Escapes text for an HTML text node or a quoted attribute value: `&`, `<`, `>`, `"` and `'`.
    /// Control characters other than tab and newline (which a browser would show as garbage, or
    /// which are not allowed in HTML at all) are dropped.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case "\r": break
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A table: a header row and body rows of already-escaped cells. `numeric` columns are right-aligned.
    /// `nowrap` columns never wrap (short names and codes).
    static func table(
        _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], nowrap: Set<Int> = [],
        caption: String? = nil, className: String = "data"
    ) -> String {
        func cell(_ tag: String, _ i: Int, _ content: String) -> String {
            let classes = (numeric.contains(i) ? ["num"] : []) + (nowrap.contains(i) ? ["nw"] : [])
            return classes.isEmpty
                ? "<\(tag)>\(content)</\(tag)>"
                : "<\(tag) class=\"\(classes.joined(separator: " "))\">\(content)</\(tag)>"
        }
        var out = "<table class=\"\(className)\">"
        if let caption { out += "<caption>\(caption)</caption>" }
        out += "<thead><tr>"
        for (i, h) in header.enumerated() { out += cell("th", i, h) }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, c) in row.enumerated() { out += cell("td", i, c) }
            out += "</tr>"
        }
        out += "</tbody></table>\n"
        return out
    }
}

/// Fixed-format numbers: the same value always gives the same text, whatever the locale.
enum ReportNumber {
    /// `x` with exactly `digits` decimals (half away from zero; `-0` becomes `0`).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "−∞") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = (abs(x) * scale).rounded()
        let negative = x < 0 && n != 0
        guard n < 9e15 else { return String(format: "%.\(digits)f", x) }
        let ni = Int64(n), si = Int64(scale)
        let whole = ni / si, frac = ni % si
        var text = String(whole)
        if digits > 0 {
            var f = String(frac)
            while f.count < digits { f = "0" + f }
            text += "." + f
        }
        return negative ? "-" + text : text
    }

    /// A share as a percentage with one decimal, e.g. `27.5%`.
    static func percent(_ share: Double) -> String { fixed(share * 100, 1) + "%" }

    /// An integer count with thousands separators (`26,000`).
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
