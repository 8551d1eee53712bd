import Foundation

/// Writes files so that a reader sees either the old file or the whole new one, never half.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it over `url`.
    ///
    /// - Throws: the underlying file-system error; the temporary file is removed on failure.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}

/// Quotes a CSV field when it needs it (RFC 4180): a comma, quote or line break inside, and
/// spaces or tabs at either end (which a reader trims from an unquoted field), or a leading byte
/// order mark (which a reader drops at the start of a file).
///
/// Works on Unicode scalars, not characters: a quote followed by a combining mark is one
/// `Character` in Swift, which a test for `"` misses — the field would close its quotes early, and
/// the text after it would become fields of its own (found by fuzzing).
public func csvField(_ text: String) -> String {
    let scalars = text.unicodeScalars
    let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"], edges: Set<Unicode.Scalar> = [" ", "\t"]
    guard
        scalars.contains(where: special.contains)
            || scalars.first.map({ edges.contains($0) || $0 == "\u{FEFF}" }) == true
            || scalars.last.map(edges.contains) == true
    else { return text }
    var quoted = String.UnicodeScalarView()
    quoted.append("\"")
    for s in scalars {
        if s == "\"" { quoted.append("\"") }
        quoted.append(s)
    }
    quoted.append("\"")
    return String(quoted)
}
