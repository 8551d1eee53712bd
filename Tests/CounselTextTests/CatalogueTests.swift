import CounselText
import Foundation
import XCTest

/// The catalogue is whole: every key once, both languages, the same placeholders, and every key
/// the sources ask for.
final class CatalogueTests: XCTestCase {
    func testKeysAreUnique() {
        var seen: [String: Int] = [:]
        for e in Catalogue.entries { seen[e.key, default: 0] += 1 }
        XCTAssertEqual(seen.filter { $0.value > 1 }.keys.sorted(), [])
    }

    func testEveryKeyHasBothLanguagesAndTheSamePlaceholders() {
        for e in Catalogue.entries {
            XCTAssertFalse(e.en.isEmpty, e.key)
            XCTAssertFalse(e.zh.isEmpty, e.key)
            XCTAssertEqual(Catalogue.placeholders(e.en), Catalogue.placeholders(e.zh), "\(e.key): \(e.en) | \(e.zh)")
            // A Chinese text that is the English one again was never translated (a few are
            // punctuation or option syntax, the same in both).
            if e.en == e.zh {
                XCTAssertFalse(
                    e.en.contains { $0.isLetter && $0.isASCII && $0 != "s" }, "\(e.key) is not translated: \(e.en)")
            }
        }
    }

    func testChineseTextsHaveNoEnglishSentence() {
        for e in Catalogue.entries {
            let runs = EnglishRuns.find(Catalogue.render(e.zh, [:]))
            XCTAssertEqual(runs, [], "\(e.key): \(e.zh)")
        }
    }

    /// Every `tr("key"` in Sources/ names a key of the catalogue (a typo would print the key).
    func testEveryKeyTheSourcesUseExists() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        let pattern = try NSRegularExpression(pattern: #"\btr\("([A-Za-z0-9_.]+)""#)
        var used = 0
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(m.range(at: 1), in: text)!])
                used += 1
                XCTAssertNotNil(Catalogue.byKey[key], "\(url.lastPathComponent) uses unknown key \(key)")
            }
        }
        XCTAssertGreaterThan(used, 100)
    }

    func testRendering() {
        XCTAssertEqual(Catalogue.render("{n} blocking {n|pair|pairs}", ["n": "1"]), "1 blocking pair")
        XCTAssertEqual(Catalogue.render("{n} blocking {n|pair|pairs}", ["n": "2"]), "2 blocking pairs")
        XCTAssertEqual(Catalogue.render("village{n||s}", ["n": "0"]), "villages")
        XCTAssertEqual(Catalogue.render("cluster {{{list}}}", ["list": "a, b"]), "cluster {a, b}")
        XCTAssertEqual(Catalogue.render("{missing} stays", [:]), "{missing} stays")
        XCTAssertEqual(Catalogue.placeholders("{a} {b|x|y} {{c}}"), ["a", "b"])
        XCTAssertEqual(Catalogue.text("problems.count", ["count": 1], in: .en), "1 problem found")
        XCTAssertEqual(Catalogue.text("problems.count", ["count": 3], in: .zh), "发现3个问题")
        XCTAssertEqual(Catalogue.text("no.such.key", in: .zh), "no.such.key")
    }

    func testLanguageChoice() {
        XCTAssertEqual(Language.choose(arguments: ["assign", "x", "--lang", "zh"], environment: [:]), .zh)
        XCTAssertEqual(Language.choose(arguments: ["assign", "--lang=zh"], environment: ["LANG": "en_US.UTF-8"]), .zh)
        XCTAssertEqual(
            Language.choose(arguments: ["assign", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"]), .en)
        XCTAssertEqual(Language.choose(arguments: ["assign"], environment: ["LANG": "zh_CN.UTF-8"]), .zh)
        XCTAssertEqual(
            Language.choose(arguments: ["assign"], environment: ["LC_ALL": "zh_TW.UTF-8", "LANG": "C"]), .zh)
        XCTAssertEqual(
            Language.choose(arguments: ["assign"], environment: ["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]), .en)
        XCTAssertEqual(Language.choose(arguments: ["assign"], environment: ["LC_ALL": "", "LANG": "zh_CN.UTF-8"]), .zh)
        XCTAssertEqual(Language.choose(arguments: ["assign"], environment: [:]), .en)
        // An unknown value is the parser's to report; after `--` nothing is an option.
        XCTAssertEqual(Language.choose(arguments: ["assign", "--lang", "fr"], environment: ["LANG": "zh_CN"]), .zh)
        XCTAssertEqual(Language.choose(arguments: ["assign", "--", "--lang", "zh"], environment: [:]), .en)
    }

    func testPeriodsTheChineseWay() {
        XCTAssertEqual(PeriodText.month(year: 2026, month: 3, in: .zh), "2026年3月")
        XCTAssertEqual(PeriodText.month(year: 2026, month: 3, in: .en), "2026-03")
        XCTAssertEqual(PeriodText.quarter(1, in: .zh), "第一季度")
        XCTAssertEqual(PeriodText.quarter(4, in: .zh), "第四季度")
        XCTAssertEqual(PeriodText.half(1, in: .zh), "上半年")
        XCTAssertEqual(PeriodText.half(2, in: .zh), "下半年")
        XCTAssertEqual(PeriodText.period("2026-Q1", in: .zh), "2026年第一季度")
        XCTAssertEqual(PeriodText.period("2026-H1", in: .zh), "2026年上半年")
        XCTAssertEqual(PeriodText.period("2026-03", in: .zh), "2026年3月")
        XCTAssertEqual(PeriodText.period("2026", in: .zh), "2026年")
        XCTAssertEqual(PeriodText.period("2026-H1", in: .en), "2026-H1")
        XCTAssertEqual(PeriodText.period("soon", in: .zh), "soon")
        XCTAssertEqual(PeriodText.isoDay("2026-03-05", in: .zh), "2026年3月5日")
        XCTAssertEqual(PeriodText.isoDay("2026-03-05", in: .en), "2026-03-05")
    }

    func testEnglishRuns() {
        XCTAssertEqual(EnglishRuns.find("发现3个问题"), [])
        XCTAssertEqual(EnglishRuns.find("villages.csv:12:5: 字段 max_km 应为数字"), [])
        XCTAssertEqual(EnglishRuns.find("设 `needs: prefer` 可允许 --time-limit 60"), [])
        XCTAssertEqual(EnglishRuns.find("覆盖 the county's own advisers 可以"), ["the county's own advisers"])
        XCTAssertEqual(EnglishRuns.find("南宁 002 §二(五) Nanning 002 rules"), [])
    }

    /// Foundation's and the system's file errors by cause in Chinese; English and the tool's own
    /// errors as the caller gave them.
    func testSystemErrorText() {
        let missing = CocoaError(.fileReadNoSuchFile), denied = NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))
        let underlying = NSError(
            domain: NSCocoaErrorDomain, code: 256,
            userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR))])
        struct Own: Error {}
        Language.with(.zh) {
            XCTAssertEqual(SystemErrorText.text(missing, english: "x"), "文件或文件夹不存在")
            XCTAssertEqual(SystemErrorText.text(denied, english: "x"), "没有读写权限")
            XCTAssertEqual(SystemErrorText.text(underlying, english: "x"), "这是文件夹，不是文件")
            XCTAssertEqual(
                SystemErrorText.text(NSError(domain: NSCocoaErrorDomain, code: 999), english: "x"),
                "系统错误（NSCocoaErrorDomain，代码 999）")
            XCTAssertEqual(SystemErrorText.text(Own(), english: "own"), "own")
        }
        Language.with(.en) { XCTAssertEqual(SystemErrorText.text(missing, english: "as before"), "as before") }
    }
}
