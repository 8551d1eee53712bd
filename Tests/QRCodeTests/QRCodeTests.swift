import CounselTestSupport
import Foundation
import QRCode
import XCTest

/// The QR encoder (libqrencode) and its SVG: decoded back by an independent reader, and the
/// symbol's fixed structure checked module by module.
final class QRCodeTests: XCTestCase {
    private static let texts = ["lawyer_zhang2026", "wxid_a1b2c3d4e5", "Li-Na_88", "微信号测试"]

    func testModulesDecodeBackToTheTextGiven() throws {
        for text in Self.texts {
            let code = try QRCode(encoding: text)
            XCTAssertEqual(
                try ZBar.decode(png: ZBar.png(modules: code.modules, width: code.width)), [text],
                "zbarimg reads back what libqrencode encoded")
        }
    }

    func testSVGRenderedByABrowserDecodesBack() throws {
        // The SVGs as a page prints them (30 mm), zoomed so that a module is several pixels.
        var html =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0;zoom:4}svg{margin:4mm}</style></head><body>"
        for text in Self.texts { html += try QRCode(encoding: text).svg(size: "30mm", label: "微信号 \(text)") }
        html += "</body></html>"
        let png = try ZBar.render(html: html, width: 2400, height: 700)
        XCTAssertEqual(try ZBar.decode(png: png), Self.texts.sorted(), "every code on the page reads back")
    }

    func testSizeFollowsTheVersionAndGrowsWithTheText() throws {
        let short = try QRCode(encoding: "abc")
        XCTAssertEqual(short.version, 1)
        XCTAssertEqual(short.width, 21)
        XCTAssertEqual(short.modules.count, 21 * 21)
        let long = try QRCode(encoding: String(repeating: "x", count: 200))
        XCTAssertGreaterThan(long.version, short.version)
        XCTAssertEqual(long.width, 17 + 4 * long.version)
    }

    func testFinderPatternsInThreeCorners() throws {
        let code = try QRCode(encoding: "lawyer_zhang2026")
        let n = code.width
        // A finder pattern: a 7×7 dark ring, a light ring inside it, and a dark 3×3 centre.
        func finder(_ top: Int, _ left: Int) -> Bool {
            for r in 0..<7 {
                for c in 0..<7 {
                    let ring = max(abs(r - 3), abs(c - 3))
                    if code.isDark(row: top + r, column: left + c) != (ring != 2) { return false }
                }
            }
            return true
        }
        XCTAssertTrue(finder(0, 0))
        XCTAssertTrue(finder(0, n - 7))
        XCTAssertTrue(finder(n - 7, 0))
        XCTAssertFalse(finder(n - 7, n - 7), "no finder in the fourth corner")
        // The timing pattern between the finders alternates, dark first.
        for c in 8..<(n - 8) { XCTAssertEqual(code.isDark(row: 6, column: c), c % 2 == 0) }
    }

    func testSVGIsSelfContainedVectorWithQuietZone() throws {
        let code = try QRCode(encoding: "abc")
        let svg = code.svg(size: "30mm", label: "微信号 a<b>&\"c\"")
        XCTAssertTrue(
            svg.hasPrefix(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\" width=\"30mm\" height=\"30mm\""), svg)
        XCTAssertTrue(svg.contains("aria-label=\"微信号 a&lt;b&gt;&amp;&quot;c&quot;\""))
        XCTAssertFalse(svg.contains("href"), "no external reference")
        // Every dark module is drawn once: the path's runs add up to the dark count.
        let pattern = try NSRegularExpression(pattern: #"h(\d+)v1"#)
        let runs = pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
            .reduce(0) { $0 + Int((svg as NSString).substring(with: $1.range(at: 1)))! }
        XCTAssertEqual(runs, code.modules.filter { $0 }.count)
        // The top-left module of the symbol sits inside the 4-module quiet zone.
        XCTAssertTrue(svg.contains("d=\"M4 4h7v1h-7z"), svg)
    }

    func testRefusesEmptyAndTooLongTexts() {
        XCTAssertThrowsError(try QRCode(encoding: "")) { XCTAssertEqual($0 as? QRCode.EncodingError, .empty) }
        XCTAssertThrowsError(try QRCode(encoding: String(repeating: "x", count: 4000))) {
            XCTAssertEqual($0 as? QRCode.EncodingError, .tooLong(bytes: 4000))
        }
    }

    func testDeterministic() throws {
        XCTAssertEqual(
            try QRCode(encoding: "lawyer_zhang2026").svg(size: "1in", label: "x"),
            try QRCode(encoding: "lawyer_zhang2026").svg(size: "1in", label: "x"))
    }
}
