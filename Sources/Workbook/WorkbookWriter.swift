import Foundation
import ZIPFoundation

/// Writes .xlsx workbooks that Excel and WPS open without complaint: text as shared strings,
/// numbers as numbers, dates as date serials formatted `yyyy-mm-dd`, a bold header row frozen
/// in place, and column widths that fit the widest value (a Chinese character counts as two).
///
/// The output is deterministic: the same sheets give the same bytes (parts in a fixed order,
/// every zip entry dated 1980-01-01).
public struct WorkbookWriter {
    /// One cell's value.
    public enum Value: Equatable, Sendable {
        /// Nothing (no cell is written).
        case empty
        /// Text.
        case text(String)
        /// A number.
        case number(Double)
        /// A date (shown `yyyy-mm-dd`).
        case date(SpreadsheetDate.YMD)
        /// TRUE or FALSE.
        case boolean(Bool)
    }

    /// One sheet to write.
    public struct Sheet: Sendable {
        /// The tab's name; see ``WorkbookWriter/sheetName(_:taken:)`` for making one from data.
        public var name: String
        /// The rows, top to bottom; row 1 is the header.
        public var rows: [[Value]]
        /// Rows shown bold (1-based); by default the header.
        public var boldRows: Set<Int>
        /// Whether row 1 stays in place while scrolling.
        public var freezeHeader: Bool

        /// Makes a sheet.
        public init(name: String, rows: [[Value]], boldRows: Set<Int> = [1], freezeHeader: Bool = true) {
            self.name = name
            self.rows = rows
            self.boldRows = boldRows
            self.freezeHeader = freezeHeader
        }
    }

    /// The sheets, in tab order.
    public var sheets: [Sheet]

    /// Makes a writer for `sheets`.
    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// A valid, unused sheet name made from `raw` (a county's name, say): the characters Excel
    /// forbids (`: \ / ? * [ ]`) replaced by `_`, at most 31 characters, no leading or trailing
    /// apostrophe, not `History`, and distinct from every name in `taken` ignoring case (a number
    /// is added when needed). The name is added to `taken`.
    public static func sheetName(_ raw: String, taken: inout Set<String>) -> String {
        var name = String(raw.map { ":\\/?*[]".contains($0) || $0.isNewline ? "_" : $0 })
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespaces))
        if name.isEmpty || name.lowercased() == "history" { name = "Sheet" + (name.isEmpty ? "" : "_" + name) }
        name = String(name.prefix(31))
        var candidate = name, n = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }

    /// The workbook as .xlsx bytes.
    ///
    /// - Throws: ``WorkbookError`` for an invalid sheet (no sheets, a bad or repeated name, more
    ///   rows or columns than a sheet holds); ZIPFoundation's error if the archive cannot be made.
    public func data() throws -> Data {
        guard !sheets.isEmpty else { throw WorkbookError.noSheets }
        var seen = Set<String>()
        for s in sheets {
            var probe = Set<String>()
            guard WorkbookWriter.sheetName(s.name, taken: &probe) == s.name else {
                throw WorkbookError.invalidSheetName(s.name)
            }
            guard seen.insert(s.name.lowercased()).inserted else {
                throw WorkbookError.repeatedSheetName(s.name)
            }
            guard s.rows.count <= CellReference.maxRow, s.rows.allSatisfy({ $0.count <= CellReference.maxColumn })
            else {
                throw WorkbookError.sheetTooLarge(s.name)
            }
        }
        var strings = SharedStrings()
        var parts: [(String, Data)] = []
        parts.append(("[Content_Types].xml", Data(contentTypes.utf8)))
        parts.append(("_rels/.rels", Data(Self.packageRels.utf8)))
        parts.append(("xl/workbook.xml", Data(workbookXML.utf8)))
        parts.append(("xl/_rels/workbook.xml.rels", Data(workbookRels.utf8)))
        parts.append(("xl/styles.xml", Data(Self.styles.utf8)))
        for (i, sheet) in sheets.enumerated() {
            parts.append(
                (
                    "xl/worksheets/sheet\(i + 1).xml",
                    Data(Self.worksheet(sheet, selected: i == 0, strings: &strings).utf8)
                ))
        }
        parts.append(("xl/sharedStrings.xml", Data(strings.xml.utf8)))

        let archive = try Archive(data: Data(), accessMode: .create)
        let date = Self.entryDate
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let result = archive.data else { throw WorkbookError.notAssembled }
        return result
    }

    /// 1980-01-01 00:00 in the machine's zone, the earliest date a zip entry can carry.
    static let entryDate: Date = {
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour) = (1980, 1, 1, 0)
        return Calendar(identifier: .gregorian).date(from: c) ?? Date(timeIntervalSince1970: 315_532_800)
    }()

    // MARK: Parts

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    var contentTypes: String {
        let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var x = Self.header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        x += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        x += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        x += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ct).sheet.main+xml\"/>"
        x += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ct).styles+xml\"/>"
        x += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(ct).sharedStrings+xml\"/>"
        for i in sheets.indices {
            x += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"\(ct).worksheet+xml\"/>"
        }
        return x + "</Types>"
    }

    static let packageRels =
        header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    var workbookXML: String {
        var x = Self.header + "<workbook xmlns=\"\(Self.mainNS)\" xmlns:r=\"\(Self.relNS)\">"
        x += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, s) in sheets.enumerated() {
            x += "<sheet name=\"\(XMLText.attribute(s.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return x + "</sheets></workbook>"
    }

    var workbookRels: String {
        var x = Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in sheets.indices {
            x +=
                "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relNS)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        let n = sheets.count
        x += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(Self.relNS)/styles\" Target=\"styles.xml\"/>"
        x += "<Relationship Id=\"rId\(n + 2)\" Type=\"\(Self.relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return x + "</Relationships>"
    }

    /// Cell formats: 0 plain, 1 bold, 2 date, 3 bold date; number format 164 is `yyyy-mm-dd`.
    static let styles =
        header + "<styleSheet xmlns=\"\(mainNS)\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"

    static func worksheet(_ sheet: Sheet, selected: Bool, strings: inout SharedStrings) -> String {
        var x = header + "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        let columns = sheet.rows.map(\.count).max() ?? 0
        if columns > 0, !sheet.rows.isEmpty {
            x += "<dimension ref=\"A1:\(CellReference(row: sheet.rows.count, column: columns))\"/>"
        }
        x += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if sheet.freezeHeader && sheet.rows.count > 1 {
            x += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            x += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        x += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = columnWidths(sheet.rows, columns: columns)
        if !widths.isEmpty {
            x += "<cols>"
            for (i, w) in widths.enumerated() {
                x += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
            }
            x += "</cols>"
        }
        x += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            let number = r + 1
            let bold = sheet.boldRows.contains(number)
            x += "<row r=\"\(number)\">"
            for (c, value) in row.enumerated() {
                let ref = CellReference(row: number, column: c + 1).description
                switch value {
                case .empty:
                    continue
                case .text(let s):
                    x += "<c r=\"\(ref)\"\(bold ? " s=\"1\"" : "") t=\"s\"><v>\(strings.index(s))</v></c>"
                case .number(let v):
                    guard v.isFinite else { continue }
                    x += "<c r=\"\(ref)\"\(bold ? " s=\"1\"" : "")><v>\(SheetParser.numberText(v))</v></c>"
                case .date(let d):
                    x += "<c r=\"\(ref)\" s=\"\(bold ? 3 : 2)\"><v>\(SpreadsheetDate.serial(d))</v></c>"
                case .boolean(let b):
                    x += "<c r=\"\(ref)\"\(bold ? " s=\"1\"" : "") t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                }
            }
            x += "</row>"
        }
        return x + "</sheetData></worksheet>"
    }

    /// Widths in Excel's units (the width of a `0`): the widest value of each column, a Chinese
    /// (East Asian wide) character counting two, plus a margin, between 6 and 60.
    static func columnWidths(_ rows: [[Value]], columns: Int) -> [Int] {
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, v) in row.enumerated() {
                let w: Int
                switch v {
                case .empty: w = 0
                case .text(let s): w = s.split(separator: "\n").map { displayWidth(String($0)) }.max() ?? 0
                case .number(let n): w = SheetParser.numberText(n).count
                case .date: w = 10
                case .boolean: w = 5
                }
                widths[i] = max(widths[i], w)
            }
        }
        return widths.map { min(60, max(6, $0 + 2)) }
    }

    /// Columns a text takes on screen: two for each East Asian wide or full-width character.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, s in
            let v = s.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : (s.properties.generalCategory == .nonspacingMark ? 0 : 1))
        }
    }
}

/// The shared strings table being built: each distinct text once, numbered in order of first use.
struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var ordered: [String] = []
    private var uses = 0

    mutating func index(_ s: String) -> Int {
        uses += 1
        if let i = indices[s] { return i }
        indices[s] = ordered.count
        ordered.append(s)
        return ordered.count - 1
    }

    var xml: String {
        var x =
            WorkbookWriter.header
            + "<sst xmlns=\"\(WorkbookWriter.mainNS)\" count=\"\(uses)\" uniqueCount=\"\(ordered.count)\">"
        for s in ordered {
            let preserve = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
            x += "<si><t\(preserve ? " xml:space=\"preserve\"" : "")>\(XMLText.content(s))</t></si>"
        }
        return x + "</sst>"
    }
}

/// Text made safe for XML 1.0 content and attributes, with the ECMA-376 `_xHHHH_` escape for the
/// characters XML cannot hold (control characters, U+FFFE, U+FFFF) and for a literal `_xHHHH_`.
enum XMLText {
    static func content(_ s: String) -> String { escape(s, attribute: false) }
    static func attribute(_ s: String) -> String { escape(s, attribute: true) }

    private static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "_" where !attribute && looksLikeEscape(scalars, at: i):
                out += "_x005F_"
            default:
                let v = c.value
                if (v < 0x20 && v != 0x09 && v != 0x0A) || v == 0xFFFE || v == 0xFFFF {
                    out += attribute ? "_" : "_x" + pad4(v) + "_"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        return out
    }

    private static func looksLikeEscape(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    private static func pad4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
