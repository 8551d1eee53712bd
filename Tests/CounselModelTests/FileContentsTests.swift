import Foundation
import XCTest

@testable import CounselModel

/// `FileContents`: whole input files read with read(2) (Foundation's readers leak on an empty or
/// undecodable file, found by fuzzing under LeakSanitizer; `make sanitize` runs these with it).
final class FileContentsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("file-contents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func testReadsEveryByteOfEmptySmallAndLargeFiles() throws {
        XCTAssertEqual(try FileContents.read(file("empty", [])), Data())
        XCTAssertEqual(try FileContents.read(file("small", Array("id,name\n".utf8))), Data("id,name\n".utf8))
        // Larger than any single read's first guess, with every byte value.
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        XCTAssertEqual(try FileContents.read(file("large", large)), Data(large))
    }

    func testUTF8TextIsNilForBytesThatAreNotUTF8() throws {
        XCTAssertEqual(try FileContents.utf8Text(file("zh", Array("名称: 双桥村\n".utf8))), "名称: 双桥村\n")
        XCTAssertEqual(try FileContents.utf8Text(file("empty", [])), "")
        XCTAssertNil(try FileContents.utf8Text(file("gb18030", [0xCB, 0xAB, 0xC7, 0xC5])))  // 双桥 in GB18030
        XCTAssertNil(try FileContents.utf8Text(file("bad", [0xFF, 0xFE, 0x00])))
    }

    func testAMissingFileOrAFolderIsAReadErrorWithItsReason() {
        let missing = folder.appendingPathComponent("missing.yaml")
        XCTAssertThrowsError(try FileContents.read(missing)) { error in
            let e = error as? FileContents.ReadError
            XCTAssertEqual(e?.path, missing.path)
            XCTAssertEqual(e?.reason, "No such file or directory")
        }
        XCTAssertThrowsError(try FileContents.read(folder)) { error in
            XCTAssertEqual((error as? FileContents.ReadError)?.reason, "is a folder, not a file")
        }
    }

    /// What the readers built on it say: a rule profile that is not UTF-8 or is missing.
    func testRuleProfileNamesAnUndecodableOrMissingFile() throws {
        let bad = try file("bad.yaml", [0xFF, 0xFE, 0x00])
        XCTAssertThrowsError(try RuleProfile.load(from: bad, displayName: "bad.yaml")) { error in
            XCTAssertEqual(
                (error as? ScenarioError)?.diagnostics.map(\.description),
                ["bad.yaml: cannot read the rule profile: the file is not UTF-8 text"])
        }
        XCTAssertThrowsError(
            try RuleProfile.load(from: folder.appendingPathComponent("none.yaml"), displayName: "none.yaml")
        ) { error in
            XCTAssertEqual(
                (error as? ScenarioError)?.diagnostics.map(\.description),
                ["none.yaml: cannot read the rule profile: No such file or directory"])
        }
    }
}
