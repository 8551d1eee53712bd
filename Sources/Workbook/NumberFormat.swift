/// What a cell's number format says about its number: a date, a time of day, digits padded with
/// zeros (an id typed as `00123` into a cell formatted `00000`), or a plain number.
///
/// Spreadsheets store dates and times as numbers; only the cell's format tells them apart
/// (ECMA-376 Part 1 §18.8.30 for the built-in formats, §18.8.31 for format codes).
enum NumberFormat: Equatable, Sendable {
    /// A plain number.
    case number
    /// A date (possibly with a time).
    case date(withTime: Bool)
    /// A time of day only.
    case time
    /// A whole number shown with at least this many digits (`000000`).
    case zeroPadded(Int)

    /// The built-in formats (no `numFmt` element in styles.xml). 14–22 and 45–47 everywhere;
    /// 27–36 and 50–58 are the East Asian date and time formats Excel and WPS use in a Chinese
    /// locale (e.g. 31 `yyyy"年"m"月"d"日"`, 32 `h"时"mm"分"`).
    static func builtIn(_ id: Int) -> NumberFormat {
        switch id {
        case 14...17, 27...31, 36, 50...54, 57, 58: return .date(withTime: false)
        case 22: return .date(withTime: true)
        case 18...21, 32...35, 45...47, 55, 56: return .time
        default: return .number
        }
    }

    /// Classifies a format code such as `yyyy-mm-dd`, `[$-804]yyyy"年"m"月"d"日"`, `h:mm` or `000000`.
    static func classify(code: String) -> NumberFormat {
        let first =
            code.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? code
        if first.lowercased() == "general" || first == "@" { return .number }
        // Drop what is shown literally: "quoted text", \x, _x (a space as wide as x), *x (fill),
        // and [bracketed] colours and locales, keeping the elapsed-time brackets [h] [mm] [ss].
        var kept: [Character] = []
        var chars = Array(first)[...]
        while let c = chars.popFirst() {
            switch c {
            case "\"":
                while let q = chars.popFirst(), q != "\"" {}
            case "\\", "_", "*":
                _ = chars.popFirst()
            case "[":
                var inner: [Character] = []
                while let q = chars.popFirst(), q != "]" { inner.append(q) }
                let text = String(inner).lowercased()
                if !text.isEmpty, text.allSatisfy({ "hms".contains($0) }) { kept.append(contentsOf: text) }
            default:
                kept.append(contentsOf: String(c).lowercased())
            }
        }
        let text = String(kept)
        let hasDate = text.contains("y") || text.contains("d")
        let hasTime = text.contains("h") || text.contains("s")
        if hasDate { return .date(withTime: hasTime) }
        if hasTime { return .time }
        if text.contains("m") { return .date(withTime: false) }  // m alone is a month
        if !first.isEmpty, first.allSatisfy({ $0 == "0" }) { return .zeroPadded(first.count) }
        return .number
    }
}
