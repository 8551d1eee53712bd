import Foundation
import XCTest

@testable import CounselModel

/// `CSVTable`: RFC 4180 fields and where each one starts (1-based line and column in characters).
final class CSVTableTests: XCTestCase {
    private func texts(_ table: CSVTable) -> [[String]] { table.records.map { $0.fields.map(\.text) } }

    /// Runs `body`, expecting a `Diagnostic`, and returns it.
    private func diagnostic(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line)
        -> Diagnostic?
    {
        do {
            try body()
            XCTFail("expected a Diagnostic", file: file, line: line)
        } catch let d as Diagnostic {
            return d
        } catch {
            XCTFail("expected a Diagnostic, got \(error)", file: file, line: line)
        }
        return nil
    }

    func testHeaderRecordsLinesAndColumns() throws {
        let t = try CSVTable(text: "id,name,lat\nV1,双桥村,23.16\nV2,江南社区,23.15\n", file: "v.csv")
        XCTAssertEqual(t.file, "v.csv")
        XCTAssertEqual(t.header.map(\.text), ["id", "name", "lat"])
        XCTAssertEqual(t.header.map(\.column), [1, 4, 9])
        XCTAssertEqual(t.header.map(\.line), [1, 1, 1])
        XCTAssertEqual(texts(t), [["V1", "双桥村", "23.16"], ["V2", "江南社区", "23.15"]])
        XCTAssertEqual(t.records.map(\.line), [2, 3])
        // Columns count characters: 双桥村 is three columns wide.
        XCTAssertEqual(t.records[0].fields.map(\.column), [1, 4, 8])
        XCTAssertEqual(t.records[1].fields.map(\.column), [1, 4, 9])
        XCTAssertEqual(t.records[1].fields.map(\.line), [3, 3, 3])
    }

    func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"one\ntwo\"\nnext,\"\",last\n"
        let t = try CSVTable(text: text, file: "q.csv")
        XCTAssertEqual(texts(t), [["x, y", "say \"hi\"", "one\ntwo"], ["next", "", "last"]])
        XCTAssertEqual(t.records.map(\.line), [2, 4], "the record after a two-line field starts on line 4")
        XCTAssertEqual(t.records[0].fields.map(\.column), [1, 8, 21])
        XCTAssertEqual(t.records[1].fields.map(\.column), [1, 6, 9])
    }

    func testFieldAfterMultilineQuotedFieldHasItsOwnLineAndColumn() throws {
        let t = try CSVTable(text: "a,b\n\"one\ntwo\",x\n", file: "m.csv")
        let f = t.records[0].fields
        XCTAssertEqual(f[0].line, 2)
        XCTAssertEqual(f[0].column, 1)
        XCTAssertEqual(f[1].line, 3)
        XCTAssertEqual(f[1].column, 6)
    }

    func testBOMAndCRLF() throws {
        let t = try CSVTable(text: "\u{FEFF}id,name\r\nV1,双桥村\r\nV2,\"江南\r\n社区\"\r\n", file: "b.csv")
        XCTAssertEqual(t.header.map(\.text), ["id", "name"], "the BOM is dropped")
        XCTAssertEqual(t.header.first?.column, 1, "the BOM takes no column")
        XCTAssertEqual(texts(t), [["V1", "双桥村"], ["V2", "江南\n社区"]])
        XCTAssertEqual(t.records.map(\.line), [2, 3])
    }

    func testBlankLinesSkippedUnquotedTrimmedQuotedKept() throws {
        let t = try CSVTable(text: "a,b\n\n  x  , \" y \" \n\n\nz,w", file: "s.csv")
        XCTAssertEqual(texts(t), [["x", " y "], ["z", "w"]], "a last line without a newline is read too")
        XCTAssertEqual(t.records.map(\.line), [3, 6])
    }

    func testHeaderOnlyFileHasNoRecords() throws {
        let t = try CSVTable(text: "id,name\n", file: "h.csv")
        XCTAssertEqual(t.header.map(\.text), ["id", "name"])
        XCTAssertTrue(t.records.isEmpty)
    }

    func testEmptyFileIsRefused() {
        let d = diagnostic { _ = try CSVTable(text: "\n\n", file: "e.csv") }
        XCTAssertEqual(d?.file, "e.csv")
        XCTAssertEqual(d?.line, 1)
        XCTAssertTrue(d?.message.contains("empty") ?? false, d?.message ?? "")
    }

    func testUnterminatedQuoteReportsWhereTheFieldStarts() {
        let d = diagnostic { _ = try CSVTable(text: "a,b\nx,\"never\nclosed\n", file: "u.csv") }
        XCTAssertEqual(d?.file, "u.csv")
        XCTAssertEqual(d?.line, 2)
        XCTAssertEqual(d?.column, 3)
        XCTAssertTrue(d?.message.contains("never closed") ?? false, d?.message ?? "")
    }

    func testStrayQuoteInUnquotedField() {
        let d = diagnostic { _ = try CSVTable(text: "a,b\nx,y\nx,5\"3\n", file: "s.csv") }
        XCTAssertEqual(d?.line, 3)
        XCTAssertEqual(d?.column, 4)
        XCTAssertTrue(d?.message.contains("inside an unquoted field") ?? false, d?.message ?? "")
    }

    func testTextAfterClosingQuote() {
        let d = diagnostic { _ = try CSVTable(text: "a,b\n\"x\"y,z\n", file: "t.csv") }
        XCTAssertEqual(d?.line, 2)
        XCTAssertEqual(d?.column, 4)
        XCTAssertTrue(d?.message.contains("after the closing quote") ?? false, d?.message ?? "")
    }

    func testGBKFileIsReadAsGB18030() throws {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("gbk.csv", bytes: Array("id,name\nV1,ok\nV2,".utf8) + [0xB4, 0xE5] + Array("\n".utf8))
        let t = try CSVTable(contentsOf: folder.url.appendingPathComponent("gbk.csv"), file: "gbk.csv")
        XCTAssertEqual(t.encoding, .gb18030)
        XCTAssertEqual(texts(t), [["V1", "ok"], ["V2", "村"]])
    }

    /// 𬒔 (U+2C494) and 䢺 (U+48BA) are in GB18030 and not in GBK; the bytes are Python's
    /// `'𬒔䢺村'.encode('gb18030')`, an encoder independent of the iconv that decodes them.
    func testRareCharactersThatGBKLacksAreReadFromGB18030() throws {
        let folder = try ScenarioFolder(baseline: false)
        let name: [UInt8] = [0x99, 0x31, 0xF9, 0x30, 0x82, 0x34, 0x88, 0x38, 0xB4, 0xE5]
        try folder.write("gb.csv", bytes: Array("id,name\r\nV1,".utf8) + name + Array("\r\n".utf8))
        let t = try CSVTable(contentsOf: folder.url.appendingPathComponent("gb.csv"), file: "gb.csv")
        XCTAssertEqual(t.encoding, .gb18030)
        XCTAssertEqual(texts(t), [["V1", "𬒔䢺村"]])
        XCTAssertEqual(t.records[0].fields[1].column, 4, "columns count characters, as in UTF-8 files")
        XCTAssertEqual(t.records[0].fields[1].text.unicodeScalars.map(\.value), [0x2C494, 0x48BA, 0x6751])
    }

    /// A UTF-8 file with one damaged byte far down is shown where UTF-8 stops (line 201), not
    /// where GB18030 gave up (its first Chinese character, on line 2).
    func testADamagedUTF8FileIsRefusedAtTheDamagedByte() throws {
        let folder = try ScenarioFolder(baseline: false)
        var bytes = Array("id,name\n".utf8)
        for i in 1...199 { bytes += Array("V\(i),武鸣村\n".utf8) }
        bytes += Array("V200,武".utf8) + [0xE9, 0x41] + Array("村\n".utf8)  // a 3-byte sequence cut after its lead byte
        try folder.write("damaged.csv", bytes: bytes)
        let d = diagnostic {
            _ = try CSVTable(contentsOf: folder.url.appendingPathComponent("damaged.csv"), file: "damaged.csv")
        }
        XCTAssertEqual(d?.line, 201, d?.message ?? "")
        XCTAssertTrue(d?.message.contains("byte 9 of this line (E9 41") ?? false, d?.message ?? "")
    }

    func testNeitherUTF8NorGB18030NamesLineAndByte() throws {
        let folder = try ScenarioFolder(baseline: false)
        // 0xFF is never a byte of UTF-8 or of GB18030; it is the 4th byte of line 3.
        try folder.write("bad.csv", bytes: Array("id,name\nV1,ok\nV2".utf8) + [0xFF, 0x41] + Array("\n".utf8))
        let d = diagnostic {
            _ = try CSVTable(contentsOf: folder.url.appendingPathComponent("bad.csv"), file: "bad.csv")
        }
        XCTAssertEqual(d?.file, "bad.csv")
        XCTAssertEqual(d?.line, 3)
        XCTAssertTrue(d?.message.contains("neither UTF-8 nor GB18030") ?? false, d?.message ?? "")
        XCTAssertTrue(d?.message.contains("byte 3 of this line (FF 41 0A)") ?? false, d?.message ?? "")
        XCTAssertTrue(d?.message.contains("UTF-8 (逗号分隔)") ?? false, d?.message ?? "")
        // A GB18030 sequence cut off at the end of the file.
        try folder.write("cut.csv", bytes: Array("id,name\nV1,".utf8) + [0xB4])
        let cut = diagnostic {
            _ = try CSVTable(contentsOf: folder.url.appendingPathComponent("cut.csv"), file: "cut.csv")
        }
        XCTAssertEqual(cut?.line, 2)
        XCTAssertTrue(cut?.message.contains("byte 4 of this line (B4)") ?? false, cut?.message ?? "")
    }

    func testUTF8FileWithBOMFromDisk() throws {
        let folder = try ScenarioFolder(baseline: false)
        try folder.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\r\nV1,双桥村\r\n".utf8))
        let t = try CSVTable(contentsOf: folder.url.appendingPathComponent("bom.csv"), file: "bom.csv")
        XCTAssertEqual(t.header.map(\.text), ["id", "name"])
        XCTAssertEqual(texts(t), [["V1", "双桥村"]])
    }

    func testMissingFileIsADiagnostic() throws {
        let folder = try ScenarioFolder(baseline: false)
        let d = diagnostic {
            _ = try CSVTable(contentsOf: folder.url.appendingPathComponent("none.csv"), file: "none.csv")
        }
        XCTAssertEqual(d?.file, "none.csv")
        XCTAssertTrue(d?.message.contains("cannot read") ?? false, d?.message ?? "")
    }

    func testDiagnosticDescriptionAndOrder() {
        XCTAssertEqual(Diagnostic(file: "v.csv", line: 3, column: 7, "bad").description, "v.csv:3:7: bad")
        XCTAssertEqual(Diagnostic(file: "v.csv", line: 3, "bad").description, "v.csv:3: bad")
        XCTAssertEqual(Diagnostic(file: "v.csv", "bad").description, "v.csv: bad")
        let unsorted = [
            Diagnostic(file: "villages.csv", line: 2, column: 1, "c"),
            Diagnostic(file: "advisers.csv", line: 10, "b"),
            Diagnostic(file: "villages.csv", line: 1, column: 5, "d"),
            Diagnostic(file: "advisers.csv", line: 9, column: 3, "a"),
        ]
        XCTAssertEqual(ScenarioError(unsorted).diagnostics.map(\.message), ["a", "b", "d", "c"])
        XCTAssertTrue(ScenarioError(unsorted).description.hasSuffix("4 problems found"))
    }

    /// csvField quotes what a reader would otherwise change: a CRLF inside (one Character in
    /// Swift, which a test for "\n" alone misses), spaces or tabs at either end (trimmed from an
    /// unquoted field), a leading byte order mark (dropped at the start of a file).
    func testCSVFieldQuotesWhatAReaderWouldChangeAndReadsBackTheSame() throws {
        XCTAssertEqual(csvField("a\r\nb"), "\"a\r\nb\"")
        XCTAssertEqual(csvField(" 村"), "\" 村\"")
        XCTAssertEqual(csvField("村\t"), "\"村\t\"")
        XCTAssertEqual(csvField("\u{FEFF}id"), "\"\u{FEFF}id\"")
        XCTAssertEqual(csvField("双桥村"), "双桥村")
        XCTAssertEqual(csvField("a b"), "a b")
        // A quote with a combining mark after it is one Character; it must still be doubled.
        XCTAssertEqual(csvField("a\"\u{356}b,"), "\"a\"\"\u{356}b,\"")
        XCTAssertEqual(csvField("\"\u{301}"), "\"\"\"\u{301}\"")
        let texts = [
            " lead", "trail ", "\tboth\t", "\u{FEFF}bom", "x,y", "say \"hi\"", "two\nlines", "plain", "q\"\u{356}x",
            ",\u{301}",
        ]
        let written =
            texts.map(csvField).joined(separator: ",") + "\n" + texts.map(csvField).joined(separator: ",") + "\n"
        let table = try CSVTable(text: written, file: "t.csv")
        XCTAssertEqual(table.header.map(\.text), texts)
        XCTAssertEqual(table.records.first?.fields.map(\.text), texts)
    }

    /// A DiagnosticLog lists the first 200 problems of a file and counts the rest.
    func testDiagnosticLogListsTheFirstOfAFileAndCountsTheRest() {
        var log = DiagnosticLog()
        for i in 1...250 { log.append(Diagnostic(file: "villages.csv", line: i + 1, "problem \(i)")) }
        log.append(Diagnostic(file: "advisers.csv", line: 2, "another"))
        XCTAssertEqual(log.listed.count, 201)
        XCTAssertEqual(log.count, 251)
        XCTAssertTrue(log.isFull("villages.csv"))
        XCTAssertFalse(log.isFull("advisers.csv"))
        let e = ScenarioError(log)
        XCTAssertEqual(e.count, 251)
        XCTAssertTrue(
            e.description.contains(
                "villages.csv: … and 50 more problems in this file, not listed (only the first 200 of a file are"),
            e.description)
        XCTAssertTrue(e.description.hasSuffix("251 problems found"))
    }
}
