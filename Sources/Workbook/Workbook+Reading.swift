import Foundation
import XMLCoder
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

extension Workbook {
    /// The most bytes one part of a workbook may unpack to (a sheet of a province's 30,000
    /// villages is a few MB; this stops a "zip bomb" long before memory runs out).
    public static let maximumPartSize = 256 << 20

    /// Reads the .xlsx file at `url`.
    ///
    /// - Throws: ``WorkbookError`` when the file is not a zip archive, lacks the parts a workbook
    ///   has, or a part is not well-formed XML.
    public init(contentsOf url: URL) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            let head = (try? FileHandle(forReadingFrom: url).read(upToCount: 4)) ?? nil
            throw Self.notAZip(head.map { [UInt8]($0) } ?? [])
        }
        try self.init(archive: archive)
    }

    /// The error for a file that is not a zip archive: an OLE compound file (D0 CF 11 E0) is an
    /// old .xls workbook or one encrypted with a password.
    static func notAZip(_ head: [UInt8]) -> WorkbookError {
        .notAZip(oldOrProtected: head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]))
    }

    /// Reads a workbook held in memory.
    public init(data: Data) throws {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Self.notAZip([UInt8](data.prefix(4)))
        }
        try self.init(archive: archive)
    }

    init(archive: Archive) throws {
        let package = PackageParts(archive: archive)
        // The workbook part is the package's officeDocument; xl/workbook.xml when unsaid.
        var workbookPath = "xl/workbook.xml"
        if let rels = try package.relationships(of: "") {
            if let office = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPath = office.target }
        }
        guard let workbookData = try package.data(workbookPath) else {
            throw archive.contains(path: "word/document.xml")
                ? WorkbookError.wordDocument : WorkbookError.noWorkbookPart(part: workbookPath)
        }
        let book: WorkbookPart = try decodePart(WorkbookPart.self, workbookData, part: workbookPath)
        let rels = try package.relationships(of: workbookPath) ?? []
        let byID = Dictionary(rels.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var sharedStrings: [String] = []
        if let sst = rels.first(where: { $0.type.hasSuffix("/sharedStrings") }), let data = try package.data(sst.target)
        {
            sharedStrings = try SharedStringsParser.parse(data, part: sst.target)
        }
        var formats: [NumberFormat] = []
        if let styles = rels.first(where: { $0.type.hasSuffix("/styles") }), let data = try package.data(styles.target)
        {
            formats = try decodePart(StylesPart.self, data, part: styles.target).cellFormats()
        }
        let context = SheetParser.Context(sharedStrings: sharedStrings, formats: formats, date1904: book.date1904)
        var sheets: [Sheet] = []
        for entry in book.sheets {
            guard let rid = entry.relationshipID, let rel = byID[rid] else {
                throw WorkbookError.sheetWithoutPart(workbookPart: workbookPath, sheet: entry.name)
            }
            guard rel.type.hasSuffix("/worksheet") else { continue }  // a chart sheet or dialog holds no cells
            guard let data = try package.data(rel.target) else {
                throw WorkbookError.missingSheetPart(sheet: entry.name, part: rel.target)
            }
            sheets.append(
                Sheet(name: entry.name, rows: try SheetParser.parse(data, part: rel.target, context: context)))
        }
        self.sheets = sheets
    }
}

// MARK: The package (zip) and its relationships

/// The parts of an Open Packaging Conventions package (a zip archive), read into memory with a
/// size limit.
struct PackageParts {
    let archive: Archive

    /// A relationship of a part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`), its target resolved
    /// to a part name.
    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    /// The bytes of `path` (a part name without the leading `/`), or `nil` when there is none.
    func data(_ path: String) throws -> Data? {
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        // Part names are case-insensitive (OPC §9.1.1.1).
        guard let entry = archive[name] ?? archive.first(where: { $0.path.lowercased() == name.lowercased() }) else {
            return nil
        }
        guard entry.type == .file else { return nil }
        if entry.uncompressedSize > UInt64(Workbook.maximumPartSize) {
            throw WorkbookError.partTooLarge(part: name, megabytes: entry.uncompressedSize >> 20)
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > Workbook.maximumPartSize {
                    throw WorkbookError.partGrew(part: name)
                }
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError.damaged(part: name, reason: "\(error)")
        }
        return data
    }

    /// The relationships of `part` (`""` for the package itself), or `nil` when it has none.
    func relationships(of part: String) throws -> [Relationship]? {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let file = part.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let data = try data(relsPath) else { return nil }
        let rels = try decodePart(RelationshipsPart.self, data, part: relsPath)
        return (rels.relationship ?? []).filter { $0.targetMode?.lowercased() != "external" }.map {
            Relationship(id: $0.id, type: $0.type, target: Self.resolve($0.target, from: folder))
        }
    }

    /// A relationship target as a part name: absolute (`/xl/worksheets/sheet1.xml`) or relative
    /// to the source part's folder (`worksheets/sheet1.xml`, `../customXml/item1.xml`).
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }
}

extension Archive {
    func contains(path: String) -> Bool { self[path] != nil }
}

/// Decodes a small structural part with XMLCoder (namespace prefixes dropped from element names).
func decodePart<T: Decodable>(_ type: T.Type, _ data: Data, part: String) throws -> T {
    let decoder = XMLDecoder()
    decoder.shouldProcessNamespaces = true
    do {
        return try decoder.decode(T.self, from: data)
    } catch {
        throw WorkbookError.invalidPart(part: part, reason: "\(error)")
    }
}

/// `_rels/*.rels`.
struct RelationshipsPart: Decodable {
    struct Entry: Decodable {
        var id: String
        var type: String
        var target: String
        var targetMode: String?
        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case type = "Type"
            case target = "Target"
            case targetMode = "TargetMode"
        }
    }
    var relationship: [Entry]?
    enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
}

/// `xl/workbook.xml`: the sheets in order and the date system.
struct WorkbookPart: Decodable {
    struct SheetEntry: Decodable {
        var name: String
        /// `r:id` — the prefix is whatever the file binds the relationships namespace to.
        var relationshipID: String?

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            name = try c.decode(String.self, forKey: AnyKey("name"))
            let key = c.allKeys.first { $0.stringValue.hasSuffix(":id") }
            relationshipID = try key.flatMap { try c.decodeIfPresent(String.self, forKey: $0) }
        }
    }
    struct Sheets: Decodable { var sheet: [SheetEntry]? }
    struct Properties: Decodable { var date1904: String? }

    var sheetList: Sheets?
    var workbookPr: Properties?
    enum CodingKeys: String, CodingKey {
        case sheetList = "sheets"
        case workbookPr
    }

    var sheets: [SheetEntry] { sheetList?.sheet ?? [] }
    var date1904: Bool { ["1", "true"].contains(workbookPr?.date1904?.lowercased() ?? "") }
}

/// `xl/styles.xml`: the number format of each cell format (a cell's `s` is an index into `cellXfs`).
struct StylesPart: Decodable {
    struct NumFmt: Decodable {
        var numFmtId: Int
        var formatCode: String
    }
    struct NumFmts: Decodable { var numFmt: [NumFmt]? }
    struct Xf: Decodable { var numFmtId: Int? }
    struct CellXfs: Decodable { var xf: [Xf]? }
    var numFmts: NumFmts?
    var cellXfs: CellXfs?

    func cellFormats() -> [NumberFormat] {
        var custom: [Int: NumberFormat] = [:]
        for f in numFmts?.numFmt ?? [] { custom[f.numFmtId] = NumberFormat.classify(code: f.formatCode) }
        return (cellXfs?.xf ?? []).map { xf in
            let id = xf.numFmtId ?? 0
            return custom[id] ?? NumberFormat.builtIn(id)
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

// MARK: Strings

/// Undoes the `_xHHHH_` escapes of ECMA-376 (§22.9.2.19 ST_Xstring), by which a workbook stores
/// characters XML cannot hold (control characters) and a literal `_x` (as `_x005F_x`).
func unescapeXString(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var result = ""
    var scalars = Array(text.unicodeScalars)[...]
    while let c = scalars.first {
        if c == "_", scalars.count >= 7 {
            let window = Array(scalars.prefix(7))
            if window[1] == "x", window[6] == "_",
                let code = UInt32(String(String.UnicodeScalarView(window[2...5])), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(scalar)
                scalars.removeFirst(7)
                continue
            }
        }
        result.unicodeScalars.append(c)
        scalars.removeFirst()
    }
    return result
}

/// Streams `xl/sharedStrings.xml`: each `<si>` is one string, its `<t>` and rich-text runs' `<t>`
/// joined, the phonetic guide (`<rPh>`, furigana/pinyin) left out.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    static func parse(_ data: Data, part: String) throws -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(stream: InputStream(data: data))  // streamed: libxml2 refuses one buffer over 10 MB
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        guard parser.parse() else {
            throw WorkbookError.malformedXML(
                part: part, line: parser.lineNumber, reason: parser.parserError.map { "\($0)" } ?? "unknown error")
        }
        return delegate.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(unescapeXString(current))
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

// MARK: Sheets

/// Streams a worksheet's `<sheetData>` into rows of cells with values.
final class SheetParser: NSObject, XMLParserDelegate {
    struct Context {
        var sharedStrings: [String]
        var formats: [NumberFormat]
        var date1904: Bool
    }

    private let context: Context
    private let part: String
    private var rows: [Workbook.Row] = []
    private var rowNumber = 0
    private var cells: [Workbook.Cell] = []
    private var column = 0
    // The cell being read.
    private var type = "n", style = 0
    private var value = "", inline = "", formula = ""
    private var hasValue = false, hasInline = false, hasFormula = false
    private enum Capture { case none, value, inlineText, formula }
    private var capture = Capture.none
    private var phonetic = 0, inInline = false
    private(set) var failure: WorkbookError?

    private init(context: Context, part: String) {
        self.context = context
        self.part = part
    }

    static func parse(_ data: Data, part: String, context: Context) throws -> [Workbook.Row] {
        let delegate = SheetParser(context: context, part: part)
        let parser = XMLParser(stream: InputStream(data: data))  // streamed: libxml2 refuses one buffer over 10 MB
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        let ok = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard ok else {
            throw WorkbookError.malformedXML(
                part: part, line: parser.lineNumber, reason: parser.parserError.map { "\($0)" } ?? "unknown error")
        }
        return delegate.rows
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        if failure == nil { failure = .invalidContent(part: part, message: message) }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "row":
            if let r = attributes["r"] {
                guard let n = Int(r), n >= 1, n <= CellReference.maxRow else {
                    return fail(parser, "row number '\(r)' is not a row")
                }
                rowNumber = n
            } else {
                rowNumber += 1
            }
            cells = []
            column = 0
        case "c":
            if let r = attributes["r"] {
                guard let ref = CellReference(r) else { return fail(parser, "'\(r)' is not a cell reference") }
                if ref.row != rowNumber { rowNumber = ref.row }
                column = ref.column
            } else {
                column += 1
            }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            inline = ""
            formula = ""
            hasValue = false
            hasInline = false
            hasFormula = false
        case "v":
            capture = .value
            hasValue = true
        case "f":
            capture = .formula
            hasFormula = true
        case "is":
            inInline = true
            hasInline = true
        case "rPh": phonetic += 1
        case "t": if inInline && phonetic == 0 { capture = .inlineText }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "f", "t": capture = .none
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "c":
            if let cell = makeCell(parser) { cells.append(cell) }
        case "row":
            if !cells.isEmpty { rows.append(Workbook.Row(number: rowNumber, cells: cells)) }
            cells = []
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capture {
        case .none: break
        case .value: value += string
        case .inlineText: inline += string
        case .formula: formula += string
        }
    }

    /// The cell just read, or `nil` when it has no value (a cell that only carries a style).
    private func makeCell(_ parser: XMLParser) -> Workbook.Cell? {
        func cell(_ text: String, _ kind: Workbook.Kind) -> Workbook.Cell? {
            kind == .text && text.isEmpty ? nil : Workbook.Cell(column: column, text: text, kind: kind)
        }
        let raw = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch type {
        case "s":
            guard hasValue else { return nil }
            guard let i = Int(raw), i >= 0, i < context.sharedStrings.count else {
                fail(
                    parser,
                    "cell \(CellReference(row: rowNumber, column: column)) refers to shared string '\(raw)', "
                        + "but the file has \(context.sharedStrings.count)")
                return nil
            }
            return cell(context.sharedStrings[i], .text)
        case "inlineStr":
            return cell(unescapeXString(hasInline ? inline : value), .text)
        case "str":
            if !hasValue && hasFormula {
                return Workbook.Cell(column: column, text: "=" + formula, kind: .formulaWithoutValue)
            }
            return cell(unescapeXString(value), .text)
        case "b":
            guard hasValue else { return nil }
            return Workbook.Cell(
                column: column, text: raw == "1" || raw.lowercased() == "true" ? "true" : "false", kind: .boolean)
        case "e":
            return Workbook.Cell(column: column, text: raw.isEmpty ? "#VALUE!" : raw, kind: .error)
        case "d":
            // An ISO 8601 date-time (strict files): the date, and the time when there is one.
            guard hasValue, !raw.isEmpty else { return nil }
            let parts = raw.split(separator: "T", maxSplits: 1)
            let date = String(parts[0])
            let time = parts.count > 1 ? String(parts[1].prefix(5)) : nil
            return Workbook.Cell(
                column: column, text: time.map { $0 == "00:00" ? date : date + " " + $0 } ?? date, kind: .date)
        default:
            guard hasValue, !raw.isEmpty else {
                return hasFormula ? Workbook.Cell(column: column, text: "=" + formula, kind: .formulaWithoutValue) : nil
            }
            guard let number = Double(raw), number.isFinite else {
                fail(
                    parser,
                    "cell \(CellReference(row: rowNumber, column: column)) holds '\(raw)', which is not a number")
                return nil
            }
            let format = style < context.formats.count ? context.formats[style] : .number
            switch format {
            case .date(let withTime):
                guard let day = SpreadsheetDate.date(serial: number, date1904: context.date1904) else { break }
                let time = SpreadsheetDate.time(serial: number)
                return Workbook.Cell(
                    column: column, text: withTime && time != "00:00" ? day.iso + " " + time : day.iso, kind: .date)
            case .time:
                if number >= 0 && number < 1 {
                    return Workbook.Cell(column: column, text: SpreadsheetDate.time(serial: number), kind: .date)
                }
            case .zeroPadded(let width):
                if number >= 0, number == number.rounded(), number < 1e15 {
                    return Workbook.Cell(column: column, text: pad(Int(number), width), kind: .number)
                }
            case .number:
                break
            }
            return Workbook.Cell(column: column, text: Self.numberText(number), kind: .number)
        }
    }

    /// A number as text: whole numbers without a decimal point (`13800138000`), others in the
    /// shortest form that reads back to the same value (`23.16`).
    static func numberText(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }
}
