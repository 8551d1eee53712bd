import Foundation
import XCTest

@testable import CounselModel

/// What the notice boards and contact cards print from the scenario (issue 12): the advisers'
/// `wechat`, `email` and `photo`, the office's e-mail and the complaint e-mail, and the counties'
/// training days — each checked where it stands, the photo as untrusted input.
final class PublicationDataTests: XCTestCase {
    private static let header = "id,name,role,firm,county,lat,lon,phone,wechat,email,photo"
    /// A tiny real PNG (1×1, grey) and the first bytes of a JPEG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
        8, 0, 0, 0, 0, 0x3A, 0x7E, 0x9B, 0x55, 0, 0, 0, 10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x01, 0x63, 0x68, 0,
        0, 0, 0x82, 0, 0x81, 0x4C, 0x17, 0xD7, 0xDF, 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
    static let jpeg: [UInt8] = [
        0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9,
    ]

    private func advisers(_ rows: String...) -> String {
        ([
            Self.header, "A1,张伟,lawyer,F1,C1,23.17,108.26,13800000001,zhang_wei88,zhangwei@example.com,photos/A1.png",
            "A2,李娜,grassroots_worker,F1,C1,23.14,108.29,,,,",
        ] + rows).joined(separator: "\n") + "\n"
    }

    private func folder() throws -> ScenarioFolder {
        let f = try ScenarioFolder()
        try f.write("photos/A1.png", bytes: Self.png)
        try f.write("advisers.csv", advisers())
        return f
    }

    func testReadsContactDataPhotoAndOfficeKeys() throws {
        let f = try folder()
        try f.write("photos/a3.JPG", bytes: Self.jpeg)
        try f.write(
            "advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,,Wang-Fang_1,wang@example.org.cn,photos/a3.JPG"))
        try f.write(
            "counties.csv",
            """
            id,name,city,under_resourced,justice_office,justice_office_email,complaint_email,training_days
            C1,武鸣区,南宁市,false,武鸣区司法局,sfj@wuming.example.cn,,2026-04-15;2026-03-12

            """)
        try f.write(
            "scenario.yaml",
            Baseline.scenario + """
                justice_office_email: office@example.cn
                complaint_email: ts@gdsf.example.cn
                training_days: [2026-09-10]

                """)
        let s = try f.load()
        let a1 = s.advisers.first { $0.id == "A1" }!, a2 = s.advisers.first { $0.id == "A2" }!,
            a3 = s.advisers.first { $0.id == "A3" }!
        XCTAssertEqual(a1.wechat, "zhang_wei88")
        XCTAssertEqual(a1.email, "zhangwei@example.com")
        XCTAssertEqual(a1.photo, "photos/A1.png")
        XCTAssertNil(a2.wechat)
        XCTAssertNil(a2.email)
        XCTAssertNil(a2.photo)
        XCTAssertEqual(a3.photo, "photos/a3.JPG")
        let office = s.office(ofCounty: "C1")
        XCTAssertEqual(office.name, "武鸣区司法局")
        XCTAssertEqual(office.email, "sfj@wuming.example.cn", "counties.csv before scenario.yaml")
        XCTAssertEqual(office.complaintEmail, "ts@gdsf.example.cn", "an empty cell falls back to scenario.yaml")
        XCTAssertEqual(s.trainingDays(ofCounty: "C1").map(\.description), ["2026-03-12", "2026-04-15"], "sorted")
        XCTAssertEqual(
            s.trainingDays(ofCounty: "other").map(\.description), ["2026-09-10"], "scenario.yaml for the rest")
        XCTAssertTrue(s.warnings.isEmpty, "\(s.warnings)")
        if case .success(let image) = ScenarioPhoto.load("photos/A1.png", in: f.url) {
            XCTAssertEqual(image.mimeType, "image/png")
            XCTAssertTrue(image.dataURI.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
        } else {
            XCTFail("the photo reads")
        }
        // Why a photo cannot be used is a case naming the path; its text is the catalogue's.
        XCTAssertEqual(ScenarioPhoto.load("../A1.png", in: f.url), .failure(.leavesFolder(path: "../A1.png")))
        XCTAssertEqual(ScenarioPhoto.load("photos/A1.gif", in: f.url), .failure(.notAnImageName(path: "photos/A1.gif")))
        XCTAssertEqual(ScenarioPhoto.load("photos/none.png", in: f.url), .failure(.noFile(path: "photos/none.png")))
        XCTAssertTrue(PhotoProblem.noFile(path: "photos/none.png").description.contains("photos/none.png"))
    }

    func testBadWeChatAndEmailAreErrorsWhereTheyStand() throws {
        let f = try folder()
        // A3,王芳,lawyer,F1,C1,23.1,108.2,,  → wechat at column 32, email after it.
        try f.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,,1abcdef,wang@nowhere,"))
        let d = f.diagnostics()
        XCTAssertEqual(d.count, 2, d.map(\.description).joined(separator: "\n"))
        assertDiagnostic(
            d, file: "advisers.csv", line: 4, column: 32, contains: ["wechat:", "starting with a letter", "'1abcdef'"])
        assertDiagnostic(
            d, file: "advisers.csv", line: 4, column: 40, contains: ["email:", "e-mail address", "'wang@nowhere'"])
    }

    func testBadOfficeEmailTrainingDayAndYAMLKeys() throws {
        let f = try folder()
        try f.write("counties.csv", "id,name,complaint_email,training_days\nC1,武鸣区,投诉邮箱,2026-02-30\n")
        try f.write("scenario.yaml", Baseline.scenario + "complaint_email: nobody\ntraining_days: [2026-13-01]\n")
        let d = f.diagnostics()
        XCTAssertEqual(d.count, 4, d.map(\.description).joined(separator: "\n"))
        assertDiagnostic(d, file: "counties.csv", line: 2, column: 8, contains: ["complaint_email:", "e-mail"])
        assertDiagnostic(
            d, file: "counties.csv", line: 2, column: 13, contains: ["training_days:", "YYYY-MM-DD", "2026-02-30"])
        XCTAssertTrue(
            d.contains {
                $0.file == "scenario.yaml" && $0.message.contains("'complaint_email' must be an e-mail address")
            })
        XCTAssertTrue(
            d.contains {
                $0.file == "scenario.yaml" && $0.message.contains("'training_days' must list dates")
                    && $0.message.contains("2026-13-01")
            })
    }

    // MARK: The photo is untrusted

    private func photoProblem(
        _ path: String, _ prepare: (ScenarioFolder) throws -> Void = { _ in },
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let f = try folder()
        try prepare(f)
        try f.write("advisers.csv", advisers("A3,王芳,lawyer,F1,C1,23.1,108.2,,,,\(path)"))
        let d = f.diagnostics(file: file, line: line)
        // The photo column: after 7 fields and three empty ones.
        return assertOnlyDiagnostic(
            d, file: "advisers.csv", line: 4, column: 34 + 0, contains: ["photo:"], file: file, line: line)?.message
            ?? ""
    }

    func testPhotoOutsideTheFolderIsRefused() throws {
        XCTAssertTrue(try photoProblem("/etc/passwd.png").contains("relative to the scenario folder"))
        XCTAssertTrue(try photoProblem("../outside.png").contains("leaves the scenario folder"))
        XCTAssertTrue(try photoProblem("photos/../../x.jpg").contains("leaves the scenario folder"))
        XCTAssertTrue(try photoProblem("C:\\photos\\a.jpg").contains("relative to the scenario folder"))
        // A symbolic link inside the folder that points out of it.
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).png")
        try Data(Self.png).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let message = try photoProblem("photos/link.png") { f in
            try FileManager.default.createSymbolicLink(
                at: f.url.appendingPathComponent("photos/link.png"), withDestinationURL: outside)
        }
        XCTAssertTrue(message.contains("outside the scenario folder"), message)
        // A linked folder pointing out.
        let message2 = try photoProblem("out/x.png") { f in
            try FileManager.default.createSymbolicLink(
                at: f.url.appendingPathComponent("out"), withDestinationURL: outside.deletingLastPathComponent())
            try Data(Self.png).write(to: outside.deletingLastPathComponent().appendingPathComponent("x.png"))
        }
        XCTAssertTrue(message2.contains("outside the scenario folder"), message2)
        try? FileManager.default.removeItem(at: outside.deletingLastPathComponent().appendingPathComponent("x.png"))
    }

    func testPhotoMustBeASmallPNGOrJPEGThatIsWhatItSays() throws {
        XCTAssertTrue(try photoProblem("photos/none.png").contains("no such file"))
        XCTAssertTrue(try photoProblem("photos/A1.gif").contains("not a PNG or JPEG"))
        XCTAssertTrue(try photoProblem("photos").contains("not a PNG or JPEG"))
        XCTAssertTrue(
            try photoProblem("photos/dir.png") {
                try FileManager.default.createDirectory(
                    at: $0.url.appendingPathComponent("photos/dir.png"), withIntermediateDirectories: true)
            }
            .contains("not a regular file"))
        XCTAssertTrue(
            try photoProblem("photos/empty.png") { try $0.write("photos/empty.png", bytes: []) }.contains("is empty"))
        XCTAssertTrue(
            try photoProblem("photos/fake.jpg") { try $0.write("photos/fake.jpg", bytes: Self.png) }
                .contains("named .jpg but its content is a PNG image"))
        XCTAssertTrue(
            try photoProblem("photos/text.png") { try $0.write("photos/text.png", "not an image") }
                .contains("not a PNG or JPEG image"))
        let big = try photoProblem("photos/big.jpg") {
            try $0.write("photos/big.jpg", bytes: Self.jpeg + [UInt8](repeating: 0, count: ScenarioPhoto.maximumBytes))
        }
        XCTAssertTrue(big.contains("at most 2 MiB"), big)
    }

    func testValidatorsOfIDsAndAddresses() {
        for ok in ["zhang_wei88", "wxid_a1b2c3", "Li-Na_", "abcdef", "a1234567890123456789"] {
            XCTAssertTrue(WeChatID.isValid(ok), ok)
        }
        for bad in ["abc", "1abcdef", "_abcdef", "张伟律师微信", "a12345678901234567890", "abc def", "abc.def"] {
            XCTAssertFalse(WeChatID.isValid(bad), bad)
        }
        for ok in ["a@b.cn", "zhang.wei@law-firm.example.com"] { XCTAssertTrue(EmailAddress.isValid(ok), ok) }
        for bad in ["a@b", "@b.cn", "a@@b.cn", "a b@c.cn", "a@.cn", "a@cn.", "<a@b.cn>"] {
            XCTAssertFalse(EmailAddress.isValid(bad), bad)
        }
    }
}
