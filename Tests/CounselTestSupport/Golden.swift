import Foundation
import XCTest

/// Golden files: an output compared byte for byte with a file kept in the repository.
///
/// `VILLAGE_COUNSEL_REGENERATE_GOLDENS=1 swift test --filter …` (the record mode) rewrites the
/// golden files from the current outputs and fails each test once, so that the new files are
/// reviewed (`git diff`) before they are committed.
public enum Golden {
    /// The environment variable that turns on the record mode.
    public static let recordVariable = "VILLAGE_COUNSEL_REGENERATE_GOLDENS"

    /// Whether this run records golden files instead of comparing with them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }

    /// Compares `data` with the golden file `url`; in record mode writes it (making its folder).
    public static func assert(_ data: Data, matches url: URL, file: StaticString = #filePath, line: UInt = #line) throws
    {
        if isRecording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            XCTFail(
                "regenerated \(url.path); review it and run again without \(recordVariable)", file: file, line: line)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            XCTFail("no golden file \(url.path); run with \(recordVariable)=1 to make it", file: file, line: line)
            return
        }
        guard data != expected else { return }
        let got = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        let want = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let first =
            zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        XCTFail(
            "\(url.lastPathComponent) differs from the golden file \(url.path) at line \(first + 1):\n"
                + "  expected: \(first < want.count ? want[first] : "<end>")\n"
                + "  got:      \(first < got.count ? got[first] : "<end>")", file: file, line: line)
    }

    /// Compares `text` (as UTF-8) with the golden file `url`.
    public static func assert(_ text: String, matches url: URL, file: StaticString = #filePath, line: UInt = #line)
        throws
    {
        try assert(Data(text.utf8), matches: url, file: file, line: line)
    }

    /// `text` with every match of the regular expression `pattern` replaced by `template`
    /// (e.g. the seconds a run took, which differ between runs).
    public static func masking(_ text: String, _ pattern: String, with template: String) -> String {
        text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
    }
}
