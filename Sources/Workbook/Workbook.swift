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

/// Why a workbook could not be read: the file is not a workbook, or a part of it is malformed.
public struct WorkbookError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, naming the part (`xl/worksheets/sheet1.xml`) where that helps.
    public var message: String
    /// Makes an error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
