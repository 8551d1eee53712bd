import Foundation

/// An .xlsx workbook read into sheets of cells, each cell's value as text the way a CSV file
/// would carry it: numbers without a trailing `.0` (a phone number stored as a number reads
/// `13800138000`), text as typed (an id with leading zeros stored as text keeps them), dates
/// stored as serials as `YYYY-MM-DD`, times as `HH:MM`, booleans as `true`/`false`.
///
/// The container is read with ZIPFoundation and the workbook's structure (relationships, sheet
/// list, styles) with XMLCoder; the cell data and shared strings, which can be large, with
/// Foundation's streaming XMLParser. What the workbook means — shared strings, rich text runs,
/// number formats that make a number a date, the 1900 and 1904 date systems — is read here
/// (ECMA-376 Part 1, §18).
public struct Workbook: Sendable {
    /// The sheets, in the workbook's order.
    public var sheets: [Sheet]

    /// One worksheet.
    public struct Sheet: Sendable {
        /// The sheet's name (its tab).
        public var name: String
        /// Rows that hold at least one cell with a value, in order.
        public var rows: [Row]
    }

    /// One row of a sheet.
    public struct Row: Sendable {
        /// The 1-based row number, as Excel shows it.
        public var number: Int
        /// The cells with a value, in column order.
        public var cells: [Cell]
    }

    /// One cell with a value.
    public struct Cell: Sendable {
        /// The 1-based column (A = 1).
        public var column: Int
        /// The value as text (see ``Workbook``).
        public var text: String
        /// What the cell held.
        public var kind: Kind
    }

    /// What a cell held.
    public enum Kind: Sendable, Equatable {
        /// Text (a shared or inline string, or a formula's text result).
        case text
        /// A number.
        case number
        /// A number formatted as a date or a time of day.
        case date
        /// TRUE or FALSE.
        case boolean
        /// An Excel error value such as `#N/A` (the text); never a valid input.
        case error
        /// A formula whose value was never computed (the file was written by a program that does
        /// not calculate); the text is the formula.
        case formulaWithoutValue
    }

    /// The sheet named `name`, compared as written.
    public func sheet(named name: String) -> Sheet? { sheets.first { $0.name == name } }
}

/// Why a workbook could not be read or written; each case names the part of the file
/// (`xl/worksheets/sheet1.xml`) or the sheet it is about, and ``description`` is the one place
/// the message is worded.
public enum WorkbookError: Error, Equatable, CustomStringConvertible, Sendable {
    // MARK: Reading: the file

    /// Not a zip archive; `oldOrProtected` when it is an OLE compound file (an old .xls
    /// workbook, or one encrypted with a password).
    case notAZip(oldOrProtected: Bool)
    /// A Word document (`word/document.xml`), not a workbook.
    case wordDocument
    /// The package has no workbook part `part`.
    case noWorkbookPart(part: String)

    // MARK: Reading: the parts

    /// Sheet `sheet` of the workbook part `workbookPart` names no part of the file.
    case sheetWithoutPart(workbookPart: String, sheet: String)
    /// The part `part` of sheet `sheet` is missing from the file.
    case missingSheetPart(sheet: String, part: String)
    /// The part `part` would unpack to `megabytes` MB, more than ``Workbook/maximumPartSize``.
    case partTooLarge(part: String, megabytes: UInt64)
    /// The part `part` unpacked past ``Workbook/maximumPartSize`` (its size was understated).
    case partGrew(part: String)
    /// The part `part` cannot be unpacked (`reason`: the zip library's error).
    case damaged(part: String, reason: String)
    /// The part `part` is not what a workbook holds there (`reason`: the XML decoder's error).
    case invalidPart(part: String, reason: String)
    /// The part `part` is not well-formed XML at `line` (`reason`: the XML parser's error).
    case malformedXML(part: String, line: Int, reason: String)
    /// The part `part` is well-formed but holds something a sheet cannot (`message` says what).
    case invalidContent(part: String, message: String)

    // MARK: Writing

    /// A workbook needs at least one sheet.
    case noSheets
    /// `name` is not a valid sheet name.
    case invalidSheetName(String)
    /// Two sheets are named `name` (compared without case).
    case repeatedSheetName(String)
    /// Sheet `name` has more rows or columns than a sheet holds.
    case sheetTooLarge(String)
    /// The archive could not be assembled.
    case notAssembled

    /// What is wrong, naming the part or sheet (in English: the workbook layer sits below the
    /// message catalogue).
    public var description: String {
        let limit = Workbook.maximumPartSize >> 20
        switch self {
        case .notAZip(oldOrProtected: true):
            return "not an .xlsx workbook: an old .xls file, or a workbook protected by a password; "
                + "save it from Excel or WPS as \"Excel 工作簿 (*.xlsx)\" without a password"
        case .notAZip(oldOrProtected: false):
            return
                "not an .xlsx workbook (it is not a zip archive; save it from Excel or WPS as \"Excel 工作簿 (*.xlsx)\")"
        case .wordDocument:
            return "this is a Word document, not an Excel workbook"
        case .noWorkbookPart(let part):
            return "not an .xlsx workbook (it has no \(part)); an .xls file from old Excel must be saved again as .xlsx"
        case .sheetWithoutPart(let workbookPart, let sheet):
            return "\(workbookPart): sheet '\(sheet)' names no part of the file"
        case .missingSheetPart(let sheet, let part):
            return "sheet '\(sheet)': its part \(part) is missing from the file"
        case .partTooLarge(let part, let megabytes):
            return "\(part) would unpack to \(megabytes) MB, more than a workbook part may (\(limit) MB)"
        case .partGrew(let part):
            return "\(part) unpacks to more than \(limit) MB"
        case .damaged(let part, let reason):
            return "\(part) cannot be unpacked (the file is damaged: \(reason))"
        case .invalidPart(let part, let reason):
            return "\(part) is not a valid part of a workbook (\(reason))"
        case .malformedXML(let part, let line, let reason):
            return "\(part) is not well-formed XML (line \(line): \(reason))"
        case .invalidContent(let part, let message):
            return "\(part): \(message)"
        case .noSheets:
            return "a workbook needs at least one sheet"
        case .invalidSheetName(let name):
            return "'\(name)' is not a valid sheet name"
        case .repeatedSheetName(let name):
            return "two sheets are named '\(name)'"
        case .sheetTooLarge(let name):
            return "sheet '\(name)' has more rows or columns than a sheet holds"
        case .notAssembled:
            return "the workbook could not be assembled"
        }
    }
}
