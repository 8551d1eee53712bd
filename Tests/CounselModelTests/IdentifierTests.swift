import Foundation
import XCTest

@testable import CounselModel

/// The one id rule (``Identifier``) and the output-name encoding (``OutputFileName``), each on its
/// own, then the rule at every id column of every scenario file.
final class IdentifierTests: XCTestCase {
    // MARK: - The rule

    func testPlainIdsOfTheDemosAndOfPeoplePass() {
        for id in [
            "V00001", "A00001", "F0001", "440604", "441422100", "T0001", "武鸣-01", "城厢镇", "乳城镇", "V.1",
            "a_b-c", "Village 12", "Zürich", "ⅩⅡ", String(repeating: "村", count: 64),
        ] {
            XCTAssertNil(Identifier.problem(id), id)
        }
    }

    func testEveryHostileIdIsRefusedWithItsReason() {
        let cases: [(String, String)] = [
            ("", "empty"),
            (String(repeating: "A", count: 65), "at most 64 characters; this one has 65"),
            ("../../../tmp/pwned", "'..'"),
            ("a/b", "path separator"),
            ("/etc", "path separator"),
            ("a\\b", "path separator"),
            ("..", "'..'"),
            ("a..b", "'..'"),
            (".", "names the folder itself"),
            ("a\u{0}b", "U+0000"),
            ("a\tb", "U+0009"),
            ("a\nb", "U+000A"),
            ("a\u{1B}[31mb", "U+001B"),
            ("a\u{7F}", "U+007F"),
            ("a\u{85}b", "U+0085"),
            ("V\u{202E}1", "U+202E RIGHT-TO-LEFT OVERRIDE"),
            ("V\u{200B}1", "U+200B ZERO WIDTH SPACE"),
            ("\u{FEFF}V1", "U+FEFF"),
            ("V\u{2028}1", "line separator"),
            ("V\u{3000}1", "U+3000 IDEOGRAPHIC SPACE"),
            ("V\u{A0}1", "U+00A0"),
            (" V1", "space at the start"),
            ("V1 ", "space at the end"),
            ("a;b", "';'"),
            ("a／b", "U+FF0F FULLWIDTH SOLIDUS"),
            ("a∕b", "U+2215 DIVISION SLASH"),
            ("a⁄b", "U+2044 FRACTION SLASH"),
            ("a＼b", "U+FF3C FULLWIDTH REVERSE SOLIDUS"),
            ("．．", "look like it"),
            (".．", "look like it"),
            ("a‥b", "looks like '..'"),
            ("V\u{E000}1", "private-use"),
            ("\u{3164}", "filler"),
            ("V\u{FE0F}1", "variation selector"),
            ("V\u{E0041}1", "format"),
        ]
        for (id, reason) in cases {
            let problem = Identifier.problem(id)
            XCTAssertNotNil(problem, "\(Identifier.quoted(id)) should be refused")
            XCTAssertTrue(
                problem?.contains(reason) ?? false, "\(Identifier.quoted(id)): \(problem ?? "nil") should say \(reason)"
            )
        }
    }

    func testQuotedSpellsOutInvisibleCharactersAndCutsLongText() {
        XCTAssertEqual(Identifier.quoted("V1"), "'V1'")
        XCTAssertEqual(Identifier.quoted("a\u{1B}[2Jb"), "'a\\u{001B}[2Jb'")
        XCTAssertEqual(Identifier.quoted("V\u{202E}1"), "'V\\u{202E}1'")
        XCTAssertEqual(
            Identifier.quoted(String(repeating: "x", count: 70_000)),
            "'" + String(repeating: "x", count: 64) + "…' (70000 characters)")
    }

    func testDiagnosticsRenderControlCharactersSafelyAndCutHugeMessages() {
        let d = Diagnostic(file: "villages.csv", line: 2, column: 3, "name: got 'a\u{1B}]0;pwned\u{7}b'")
        XCTAssertEqual(d.description, "villages.csv:2:3: name: got 'a\\u{001B}]0;pwned\\u{0007}b'")
        let long = Diagnostic(file: "f.csv", line: 1, String(repeating: "y", count: 10_000))
        XCTAssertTrue(long.description.hasSuffix("… (10000 characters)"), String(long.description.suffix(40)))
        XCTAssertLessThan(long.description.count, Diagnostic.maximumMessageLength + 60)
    }

    // MARK: - Output file names

    /// Ids that try to leave a folder, hide, clash or look like something else.
    static let hostileNames = [
        "../../../tmp/pwned", "/", "\\", "..", ".", "/etc/passwd", "..\\..\\windows", "a\u{0}b", "\u{0}", "",
        "a／b", "a∕b", "．．", "\u{202E}lmth.exe", ".hidden", "trailing.", "CON", "con", "NUL", "nul.txt", "COM1", "LPT9",
        "V1", "v1", "Village", "VILLAGE", "village", "%2F", "%", "~", "a~1", "V1~0123456789abcdef",
        String(repeating: "界", count: 300), String(repeating: "é", count: 300), String(repeating: "a", count: 250),
        "e\u{301}", "\u{E9}",  // the same letter, decomposed and composed
        "Ｖ１", "V１", "ＡＢＣ", "аbc", "abc",  // fullwidth and Cyrillic look-alikes of Latin
        "V00001", "441422100", "武鸣-01", "村 1",
    ]

    func testEveryEncodedNameStaysInItsFolderAndIsPortable() {
        for id in Self.hostileNames {
            let name = OutputFileName.encode(id)
            XCTAssertFalse(name.isEmpty, Identifier.quoted(id))
            XCTAssertFalse(
                name.contains("/") || name.contains("\\") || name.contains("\0"), "\(Identifier.quoted(id)) → \(name)")
            XCTAssertFalse(name.hasPrefix(".") || name.hasSuffix("."), "\(Identifier.quoted(id)) → \(name)")
            XCTAssertLessThanOrEqual(name.utf8.count, OutputFileName.maximumBytes, Identifier.quoted(id))
            XCTAssertFalse(
                OutputFileName.reservedDeviceNames.contains(
                    String(name.split(separator: ".").first ?? "").uppercased()), name)
            for s in name.unicodeScalars {
                XCTAssertTrue(
                    OutputFileName.isPlain(s) || s == "%" || s == "~", "\(Identifier.quoted(id)) → \(name): \(s)")
            }
        }
        XCTAssertEqual(OutputFileName.encode("V00001"), "V00001")
        XCTAssertEqual(OutputFileName.encode("武鸣-01"), "武鸣-01")
        XCTAssertEqual(OutputFileName.encode("../../../tmp/pwned"), "%2E.%2F..%2F..%2Ftmp%2Fpwned")
        XCTAssertEqual(OutputFileName.encode("a\u{0}b"), "a%00b")
        XCTAssertEqual(OutputFileName.encode("a／b"), "a%EF%BC%8Fb")
        XCTAssertEqual(OutputFileName.encode("CON"), "%43ON")
        XCTAssertEqual(OutputFileName.encode("%"), "%25")
    }

    func testNamesAreOneToOneEvenWhereCaseAndNormalFormsAreIgnored() {
        let names = OutputFileName.names(for: Self.hostileNames)
        XCTAssertEqual(names.count, Set(Self.hostileNames).count)
        // Distinct even when a file system folds case (macOS, Windows) or Unicode normal forms (macOS).
        let folded = names.values.map { $0.lowercased().decomposedStringWithCanonicalMapping }
        XCTAssertEqual(Set(folded).count, names.count, names.description)
        // The plain ones keep their documented names; the ones differing only by case get a hash.
        XCTAssertEqual(names["V00001"], "V00001")
        XCTAssertEqual(names["V1"], "V1~" + OutputFileName.hash("V1"))
        XCTAssertEqual(names["v1"], "v1~" + OutputFileName.hash("v1"))
        // Independent of the order the ids come in.
        XCTAssertEqual(OutputFileName.names(for: Self.hostileNames.reversed()), names)
    }

    /// Random ids of any code points: encode is one-to-one, names stay in the folder.
    func testRandomIdsEncodeOneToOne() {
        var rng = SystemRandomNumberGenerator()
        var seen: [String: String] = [:]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &rng)
            var id = ""
            for _ in 0..<length {
                let ranges: [ClosedRange<UInt32>] = [
                    0...0x7F, 0x80...0x7FF, 0x3000...0x3100, 0x4E00...0x4E10, 0xFF00...0xFF20, 0x1F600...0x1F610,
                ]
                let r = ranges.randomElement(using: &rng)!
                if let s = Unicode.Scalar(UInt32.random(in: r, using: &rng)) { id.unicodeScalars.append(s) }
            }
            let name = OutputFileName.encode(id)
            if let other = seen[name] { XCTAssertEqual(other, id, "two ids share the name \(name)") }
            seen[name] = id
            XCTAssertFalse(name.contains("/") || name.contains("\0") || name.hasPrefix("."), name)
        }
    }

    /// Files written under every hostile name land inside the folder, one file per id.
    func testFilesWrittenUnderHostileNamesStayInsideTheFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: root) }
        let set = try OutputSet(folder: folder, name: "names")
        try set.addFolder("notices", owns: { $0.hasSuffix(".html") })
        let names = OutputFileName.names(for: Self.hostileNames)
        for (id, name) in names { try set.write(Data(id.utf8), to: "notices/\(name).html") }
        try set.commit()
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("notices").path)
        XCTAssertEqual(written.count, names.count)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["out"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["notices"])
        for (id, name) in names {
            XCTAssertEqual(
                try Data(contentsOf: folder.appendingPathComponent("notices/\(name).html")), Data(id.utf8), name)
        }
    }

    // MARK: - The rule in every file

    func testEveryIdColumnOfEveryFileIsHeldToTheRule() throws {
        let folder = try ScenarioFolder()
        let bad = "../../../tmp/pwned"
        try folder.write(
            "villages.csv",
            Baseline.villages + "V3,三村,village,城厢镇,C1,23.1,108.2,,\"\(bad)\"\n"
                + "\"V\u{202E}4\",四村,village,\"城厢\u{200B}镇\",C1,23.1,108.2,,\n")
        try folder.write("advisers.csv", Baseline.advisers + "\"A/3\",王五,lawyer,\"F\\1\",C1,23.1,108.2,,,,,\n")
        try folder.write("firms.csv", Baseline.firms + "F..2,二所,law_firm,\"C\u{0}1\",,\n")
        try folder.write("counties.csv", Baseline.counties + "\"C2 \",二县,\"南宁\u{3000}市\",false\n")
        try folder.write("preferences.csv", Baseline.preferences + "\"V\u{FEFF}1\",A1,2\nV1,\"A;1\",3\n")
        try folder.write("conflicts.csv", Baseline.conflicts + "\"A\u{1B}1\",V1,x\nA1,\"V\u{FF0F}1\",y\n")
        try folder.write("availability.csv", "adviser,from,to\n\"A\u{7}1\",2026-01-01,2026-01-02\n")
        try folder.write("townships.csv", "id,name,county,adjacent\nT1,城厢镇,C1,\"T/2;T3\"\nT3,三镇,\"..\",T1\n")
        try folder.write("teams.csv", "team,firm,member,role_in_team\n\"T\\0\",F1,A1,lead\nT9,\"F 1 \",A2,lead\n")
        let d = folder.diagnostics()
        let expected: [(String, Int, Int, String)] = [
            ("villages.csv", 4, 34, "current_adviser: '../../../tmp/pwned' is not a valid id"),
            ("villages.csv", 5, 1, "id: 'V\\u{202E}4' is not a valid id"),
            ("villages.csv", 5, 18, "township: '城厢\\u{200B}镇' is not a valid id"),
            ("advisers.csv", 4, 1, "id: 'A/3' is not a valid id"),
            ("advisers.csv", 4, 17, "firm: 'F\\\\1' is not a valid id"),
            ("firms.csv", 3, 1, "id: 'F..2' is not a valid id"),
            ("firms.csv", 3, 18, "county: 'C\\u{0000}1' is not a valid id"),
            ("counties.csv", 3, 1, "id: 'C2 ' is not a valid id"),
            ("counties.csv", 3, 10, "city: '南宁\\u{3000}市' is not a valid id"),
            ("preferences.csv", 5, 1, "from: 'V\\u{FEFF}1' is not a valid id"),
            ("preferences.csv", 6, 4, "to: 'A;1' is not a valid id"),
            ("conflicts.csv", 3, 1, "a: 'A\\u{001B}1' is not a valid id"),
            ("conflicts.csv", 4, 4, "b: 'V／1' is not a valid id"),
            ("availability.csv", 2, 1, "adviser: 'A\\u{0007}1' is not a valid id"),
            ("townships.csv", 2, 11, "adjacent: 'T/2' is not a valid id"),
            ("townships.csv", 3, 7, "county: '..' is not a valid id"),
            ("teams.csv", 2, 1, "team: 'T\\\\0' is not a valid id"),
            ("teams.csv", 3, 4, "firm: 'F 1 ' is not a valid id"),
        ]
        for (file, line, column, phrase) in expected {
            assertDiagnostic(d, file: file, line: line, column: column, contains: [phrase])
        }
    }
}
