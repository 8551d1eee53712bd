import CounselModel
import Foundation
import XCTest

/// A cell of a workbook as openpyxl reads it.
enum SheetCell: Equatable {
    case text(String)
    case number(Double)
    case date(String)
    case bool(Bool)
}

/// openpyxl, the independent reader of the workbooks `--xlsx` writes, and comparisons of its
/// sheets with the CSV files they must equal.
extension XCTestCase {
    struct PythonResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func python(_ script: String, _ arguments: [String]) throws -> PythonResult {
        let r = try runCommand(["python3", "-c", script] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
        return PythonResult(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    func requireOpenpyxl() throws {
        guard (try? python("import openpyxl", []))?.status == 0 else {
            throw XCTSkip(
                "Python's openpyxl is not available (`make test-deps` installs it); independent check skipped")
        }
    }

    /// Every sheet of a workbook as openpyxl reads it: per sheet its rows, each cell
    /// `["t", text]`, `["n", number]`, `["d", "YYYY-MM-DD"]`, `["b", bool]` or null; the frozen
    /// cell and whether row 1 is bold.
    func openpyxlSheets(_ file: URL) throws -> [(name: String, freeze: String?, bold: Bool, rows: [[SheetCell?]])] {
        let script = """
            import json, sys, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = []
            for ws in wb.worksheets:
                rows = []
                for row in ws.iter_rows():
                    cells = []
                    for c in row:
                        v = c.value
                        if v is None: cells.append(None)
                        elif isinstance(v, bool): cells.append(["b", v])
                        elif isinstance(v, datetime.datetime): cells.append(["d", v.date().isoformat()])
                        elif isinstance(v, (int, float)): cells.append(["n", v])
                        else: cells.append(["t", str(v)])
                    while cells and cells[-1] is None: cells.pop()
                    rows.append(cells)
                while rows and not rows[-1]: rows.pop()
                out.append({"name": ws.title, "freeze": ws.freeze_panes, "bold": bool(ws["A1"].font.b), "rows": rows})
            print(json.dumps(out, ensure_ascii=False))
            """
        let r = try python(script, [file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        return json.map { s in
            let rows = (s["rows"] as? [[Any]] ?? []).map { row in
                row.map { c -> SheetCell? in
                    guard let pair = c as? [Any], let tag = pair.first as? String else { return nil }
                    switch tag {
                    case "n": return .number((pair[1] as? NSNumber)?.doubleValue ?? .nan)
                    case "d": return .date(pair[1] as? String ?? "")
                    case "b": return .bool(pair[1] as? Bool ?? false)
                    default: return .text(pair[1] as? String ?? "")
                    }
                }
            }
            return (s["name"] as? String ?? "", s["freeze"] as? String, s["bold"] as? Bool ?? false, rows)
        }
    }

    /// Asserts that sheet rows hold what a CSV file's rows hold: each field equal to its cell,
    /// numbers compared as numbers, dates as `YYYY-MM-DD`, an empty field as no cell.
    func assertRows(
        _ rows: ArraySlice<[SheetCell?]>, equal csv: [[String]], _ what: String, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertEqual(rows.count, csv.count, "\(what): rows", file: file, line: line)
        for (r, (got, want)) in zip(rows, csv).enumerated() {
            for (c, field) in want.enumerated() {
                let cell = c < got.count ? got[c] : nil
                switch cell {
                case nil:
                    XCTAssertEqual(field, "", "\(what) row \(r + 1) column \(c + 1)", file: file, line: line)
                case .text(let t):
                    XCTAssertEqual(t, field, "\(what) row \(r + 1) column \(c + 1)", file: file, line: line)
                case .number(let n):
                    XCTAssertEqual(
                        Double(field), n, "\(what) row \(r + 1) column \(c + 1): \(field)", file: file, line: line)
                case .date(let d):
                    XCTAssertEqual(d, field, "\(what) row \(r + 1) column \(c + 1)", file: file, line: line)
                case .bool(let b):
                    XCTAssertEqual(
                        b ? "true" : "false", field, "\(what) row \(r + 1) column \(c + 1)", file: file, line: line)
                }
            }
            XCTAssertLessThanOrEqual(
                got.count, want.count, "\(what) row \(r + 1): no cells beyond the CSV's", file: file, line: line)
        }
    }

    func csvRows(_ url: URL) throws -> [[String]] {
        let t = try CSVTable(contentsOf: url, file: url.lastPathComponent)
        return [t.header.map(\.text)] + t.records.map { $0.fields.map(\.text) }
    }

}
