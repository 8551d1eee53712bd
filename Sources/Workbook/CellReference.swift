/// A cell's place in a sheet, as Excel names it (`B17`: column B, row 17).
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1-based row.
    public var row: Int
    /// 1-based column (A = 1).
    public var column: Int

    /// Makes a reference.
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `B17` (letters then digits, `$` signs allowed), or `nil` when it is not a cell
    /// reference within Excel's limits (XFD1048576).
    public init?(_ text: String) {
        var column = 0, row = 0, letters = 0, digits = 0
        for c in text.utf8 where c != UInt8(ascii: "$") {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0 else { return nil }
                column = column * 26 + Int((c | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                row = row * 10 + Int(c - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row >= 1, row <= Self.maxRow, column <= Self.maxColumn else { return nil }
        self.row = row
        self.column = column
    }

    /// The last row a sheet can have.
    public static let maxRow = 1_048_576
    /// The last column a sheet can have (XFD).
    public static let maxColumn = 16_384

    /// The column's letters: 1 → `A`, 27 → `AA`.
    public static func letters(_ column: Int) -> String {
        var n = column, result: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            result.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(result.reversed())
    }

    /// `B17`.
    public var description: String { Self.letters(column) + String(row) }

    /// Row first, then column.
    public static func < (a: CellReference, b: CellReference) -> Bool { (a.row, a.column) < (b.row, b.column) }
}
