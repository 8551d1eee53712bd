import Foundation

/// The language a user reads: every message, summary, diagnosis and error of the tool exists in
/// Simplified Chinese and in English (the message catalogue, ``Catalogue``).
///
/// The language is chosen once per run, before the arguments are parsed (so that `--help` is in it
/// too), by ``choose(arguments:environment:)``: `--lang zh|en` on the command line, else the
/// environment (`LC_ALL`, then `LANG`, starting with `zh`), else English. Library code renders
/// text in ``current``; English is the default, so that library tests read the texts they always read.
public enum Language: String, CaseIterable, Sendable {
    /// English (the default).
    case en
    /// Simplified Chinese (简体中文).
    case zh

    private static let lock = NSLock()
    nonisolated(unsafe) private static var chosen: Language = .en

    /// The language texts are rendered in for this process (English until the command line sets it).
    public static var current: Language {
        get {
            lock.lock()
            defer { lock.unlock() }
            return chosen
        }
        set {
            lock.lock()
            chosen = newValue
            lock.unlock()
        }
    }

    /// Runs `body` with ``current`` set to `language`, then restores it (for tests and for a text
    /// that must be in one language whatever the user chose).
    public static func with<T>(_ language: Language, _ body: () throws -> T) rethrows -> T {
        let saved = current
        current = language
        defer { current = saved }
        return try body()
    }

    /// The language of a run: the value of the last `--lang VALUE` or `--lang=VALUE` before a
    /// `--` in `arguments` if it names a language, else the environment's locale (`LC_ALL` if set
    /// and not empty, else `LANG`) when it starts with `zh` (`zh_CN.UTF-8`), else English.
    ///
    /// An unknown `--lang` value is left for the argument parser to report; the environment then
    /// chooses the language of that report.
    public static func choose(arguments: [String], environment: [String: String]) -> Language {
        var fromArguments: Language?
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { break }
            if argument == "--lang", i + 1 < arguments.count {
                if let l = Language(rawValue: arguments[i + 1]) { fromArguments = l }
                i += 2
                continue
            }
            if argument.hasPrefix("--lang="), let l = Language(rawValue: String(argument.dropFirst("--lang=".count))) {
                fromArguments = l
            }
            i += 1
        }
        if let fromArguments { return fromArguments }
        let locale = [environment["LC_ALL"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("zh") ? .zh : .en
    }
}
