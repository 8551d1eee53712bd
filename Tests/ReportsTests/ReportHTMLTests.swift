import XCTest

@testable import Reports

final class ReportHTMLTests: XCTestCase {
    func testEscapeCoversTheFiveSpecialCharacters() {
        XCTAssertEqual(HTML.escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        XCTAssertEqual(HTML.escape("&amp;"), "&amp;amp;", "already-escaped text is escaped again (text, not markup)")
        XCTAssertEqual(HTML.escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;")
        XCTAssertEqual(HTML.escape("</style><style>"), "&lt;/style&gt;&lt;style&gt;")
    }

    func testEscapeKeepsUnicodeAndDropsControlCharacters() {
        XCTAssertEqual(HTML.escape("双桥村（社区）·法律顾问 🏛"), "双桥村（社区）·法律顾问 🏛")
        XCTAssertEqual(HTML.escape("a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{85}f"), "abcdef")
        XCTAssertEqual(HTML.escape("line1\r\nline2\tend"), "line1\nline2\tend")
        XCTAssertEqual(HTML.escape(""), "")
    }

    func testEscapedTextNeverOpensATagOrLeavesAnAttribute() {
        let hostile = ["\"><img src=x onerror=alert(1)>", "' onmouseover='x", "<!--", "]]>", "<svg/onload=alert(1)>"]
        for text in hostile {
            let escaped = HTML.escape(text)
            XCTAssertFalse(escaped.contains("<"), text)
            XCTAssertFalse(escaped.contains(">"), text)
            XCTAssertFalse(escaped.contains("\""), text)
            XCTAssertFalse(escaped.contains("'"), text)
        }
    }

    func testTableEscapesNothingItselfButAlignsNumbers() {
        let html = HTML.table(["名称", "数"], [["甲", "1"], ["乙", "22"]], numeric: [1], caption: "表")
        XCTAssertTrue(
            html.hasPrefix(
                "<table class=\"data\"><caption>表</caption><thead><tr><th>名称</th><th class=\"num\">数</th></tr></thead>")
        )
        XCTAssertTrue(html.contains("<tr><td>乙</td><td class=\"num\">22</td></tr>"))
        let wrapped = HTML.table(["a", "b"], [["x", "1"]], numeric: [1], nowrap: [0, 1])
        XCTAssertTrue(wrapped.contains("<td class=\"nw\">x</td><td class=\"num nw\">1</td>"))
    }

    func testAdviserColoursAreDeterministicAndDistinct() {
        let first = (0..<24).map { ReportFigures.colour(adviserIndex: $0) }
        XCTAssertEqual(first, (0..<24).map { ReportFigures.colour(adviserIndex: $0) })
        XCTAssertEqual(Set(first).count, 24)
        for c in first {
            XCTAssertEqual(c.count, 7)
            XCTAssertTrue(c.hasPrefix("#"))
            XCTAssertTrue(c.dropFirst().allSatisfy { $0.isHexDigit }, c)
        }
        XCTAssertEqual(ReportFigures.hexFromHSL(hue: 0, saturation: 1, lightness: 0.5), "#ff0000")
        XCTAssertEqual(ReportFigures.hexFromHSL(hue: 120, saturation: 1, lightness: 0.5), "#00ff00")
        XCTAssertEqual(ReportFigures.hexFromHSL(hue: 240, saturation: 1, lightness: 0.25), "#000080")
        XCTAssertEqual(ReportFigures.hexFromHSL(hue: 0, saturation: 0, lightness: 1), "#ffffff")
    }

    func testRankDistributionPoolsHighRanksAndCountsUnranked() {
        let d = ReportFigures.rankDistribution([1, 1, 2, nil, 9, nil, 3], maxShown: 4)
        XCTAssertEqual(d.categories, ["第1位", "第2位", "第3位", "≥第4位", "未排序"])
        XCTAssertEqual(d.counts, [2, 1, 1, 1, 2])
        let few = ReportFigures.rankDistribution([nil, nil])
        XCTAssertEqual(few.categories, ["第1位", "第2位", "第3位", "未排序"])
        XCTAssertEqual(few.counts, [0, 0, 0, 2])
    }
}
