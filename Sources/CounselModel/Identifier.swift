/// The one rule for every id of a scenario: villages, advisers, firms, counties, townships and
/// teams, wherever they stand (their own file, or a reference in another one).
///
/// An id is a code that names one thing, is typed and read by people, and becomes part of output
/// file names (`notices/V00001.html`, `ics/A00001.ics`), so it must be plainly visible and never
/// able to mean a path. An id is 1 to ``maximumLength`` characters (Unicode code points), each
/// printable and visible:
///
/// - no path separator, `/` or `\`, nor a character that looks like one (`∕` `⁄` `／` `＼` `⧸` `⧹`);
/// - not `.`, and no `..` anywhere (nor two characters that look like dots, `．．`, or `‥`);
/// - no control character (U+0000–U+001F, U+007F–U+009F: tab, line feed, NUL, escape …), no
///   format character (zero-width space and joiners, the byte order mark, right-to-left
///   overrides), no line or paragraph separator, no private-use, surrogate or unassigned code
///   point, no invisible filler (U+115F, U+1160, U+3164, U+FFA0, U+2800, variation selectors);
/// - no whitespace but the plain space, and that not first or last (a no-break space or an
///   ideographic space U+3000 looks like a space but is another id);
/// - no `;`, which separates the ids of a list (a township's `adjacent`).
///
/// The rule is the project's own (common practice for codes that name files), not a programme
/// document's. Output file names are encoded on their own as well (``OutputFileName``), so a name
/// can never leave its folder even if an id escaped this check.
public enum Identifier {
    /// The most characters (Unicode code points) an id may have.
    public static let maximumLength = 64

    /// Why `text` cannot be an id, or `nil` when it can. The reason names the offending character
    /// and its position (1-based, in characters), e.g. "character 3 is U+202E RIGHT-TO-LEFT OVERRIDE, …".
    public static func problem(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty { return tr("id.empty") }
        if scalars.count > maximumLength {
            return tr("id.tooLong", ["limit": maximumLength, "count": scalars.count])
        }
        if text == "." { return tr("id.dot") }
        for (i, s) in scalars.enumerated() {
            let at = i + 1
            if s == "/" || s == "\\" {
                return tr("id.separator", ["at": at, "char": String(s)])
            }
            if lookAlikeSeparators.contains(s.value) {
                return tr("id.separatorLookAlike", ["at": at, "char": describe(s)])
            }
            if s == ";" {
                return tr("id.semicolon", ["at": at])
            }
            if dots.contains(s.value) && i + 1 < scalars.count && dots.contains(scalars[i + 1].value) {
                return tr("id.dots", ["at": at, "chars": "\(s)\(scalars[i + 1])"])
            }
            if s.value == 0x2025 {
                return tr("id.dotsLookAlike", ["at": at, "char": describe(s)])
            }
            if s == " " {
                if i == 0 || i == scalars.count - 1 {
                    return tr(i == 0 ? "id.spaceStart" : "id.spaceEnd", ["at": at])
                }
                continue
            }
            if let kind = invisibleKind(s) {
                return tr("id.invisible", ["at": at, "char": describe(s), "kind": kind])
            }
        }
        return nil
    }

    /// Whether `text` follows the rule.
    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// `text` quoted for a message: `'V001'`, with every invisible character spelt out
    /// (`'V\u{202E}1'`) and at most ``maximumLength`` characters shown (`'AAAA…' (70000 characters)`),
    /// so that a message never carries terminal control sequences or a megabyte of one field.
    public static func quoted(_ text: String, limit: Int = maximumLength) -> String {
        var out = "'"
        var shown = 0, total = 0
        for s in text.unicodeScalars {
            total += 1
            guard shown < limit else { continue }
            shown += 1
            if s == "'" {
                out += "\\'"
            } else if s == "\\" {
                out += "\\\\"
            } else if invisibleKind(s) != nil || (Self.isWhitespace(s) && s != " ") {
                out += "\\u{\(hex(s.value))}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        out += total > shown ? "…' (\(total) characters)" : "'"
        return out
    }

    // MARK: Character classes

    /// Characters that look like `/` or `\` (and that some systems map to them when converting
    /// names to a legacy code page, e.g. Windows' "best fit" mapping of U+FF0F to `/`).
    static let lookAlikeSeparators: Set<UInt32> = [
        0x2215,  // ∕ DIVISION SLASH
        0x2044,  // ⁄ FRACTION SLASH
        0x2216,  // ∖ SET MINUS
        0x29F5,  // ⧵ REVERSE SOLIDUS OPERATOR
        0x29F8,  // ⧸ BIG SOLIDUS
        0x29F9,  // ⧹ BIG REVERSE SOLIDUS
        0x27CB,  // ⟋ MATHEMATICAL RISING DIAGONAL
        0x27CD,  // ⟍ MATHEMATICAL FALLING DIAGONAL
        0xFE68,  // ﹨ SMALL REVERSE SOLIDUS
        0xFF0F,  // ／ FULLWIDTH SOLIDUS
        0xFF3C,  // ＼ FULLWIDTH REVERSE SOLIDUS
        0x3033,  // 〳 VERTICAL KANA REPEAT MARK UPPER HALF (drawn as a slash)
    ]

    /// Full stops: `.` and the characters that look like it (U+FF0E FULLWIDTH FULL STOP, U+2024
    /// ONE DOT LEADER, U+FE52 SMALL FULL STOP).
    static let dots: Set<UInt32> = [0x2E, 0xFF0E, 0x2024, 0xFE52]

    /// Letters and symbols that draw nothing.
    static let invisibleFillers: Set<UInt32> = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4, 0x17B5]

    /// Why `s` is not a visible character, or `nil` when it is one.
    static func invisibleKind(_ s: Unicode.Scalar) -> String? {
        // Fast paths for what ids are made of (the Unicode tables are slow to ask per character).
        if s.value < 0x80 { return s.value < 0x20 || s.value == 0x7F ? tr("id.kind.control") : nil }
        if (0x4E00...0x9FFF).contains(s.value) { return nil }
        switch s.properties.generalCategory {
        case .control: return tr("id.kind.control")
        case .format: return tr("id.kind.format")
        case .lineSeparator, .paragraphSeparator: return tr("id.kind.lineSeparator")
        case .privateUse: return tr("id.kind.privateUse")
        case .surrogate: return tr("id.kind.surrogate")
        case .unassigned: return tr("id.kind.unassigned")
        case .spaceSeparator where s != " ": return tr("id.kind.otherSpace")
        default: break
        }
        if s.properties.isNoncharacterCodePoint { return tr("id.kind.noncharacter") }
        if s.properties.isVariationSelector { return tr("id.kind.variationSelector") }
        if invisibleFillers.contains(s.value) { return tr("id.kind.filler") }
        if s.properties.isWhitespace && s != " " { return tr("id.kind.otherWhitespace") }
        return nil
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    /// `U+202E RIGHT-TO-LEFT OVERRIDE`, or `U+0000` for a character without a name.
    static func describe(_ s: Unicode.Scalar) -> String {
        let name = s.properties.name ?? s.properties.nameAlias
        var text = "U+" + hex(s.value)
        if let name { text += " " + name }
        if invisibleKind(s) == nil && s.value >= 0x20 { text = "'\(s)' (\(text))" }
        return text
    }

    static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
