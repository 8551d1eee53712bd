/// The message catalogue: every text the tool shows a user, under a key, in English and in
/// Simplified Chinese, with placeholders by name.
///
/// A template names its values in braces, `covered {covered} of {villages} villages`; a value can
/// choose between an English singular and plural, `{n} blocking {n|pair|pairs}` (the first form when
/// the value is `1`); `{{` and `}}` stand for braces. Both languages of a key name the same values
/// (a unit test checks it). Entries live beside each other by the module that says them
/// (`Catalogue+Assignment.swift` …); ``tr(_:_:)`` renders one in ``Language/current``.
public enum Catalogue {
    /// One message: its key and its two texts.
    public struct Entry: Sendable {
        /// The key, dotted by area: `diagnosis.cap.all`, `load.csv.notUTF8`.
        public let key: String
        /// The English text (the contract of the existing tests and goldens: byte-identical to what
        /// the tool printed before the catalogue).
        public let en: String
        /// The Simplified Chinese text, in the programme's own terms (see README, glossary).
        public let zh: String

        /// Makes an entry.
        public init(_ key: String, en: String, zh: String) {
            self.key = key
            self.en = en
            self.zh = zh
        }

        /// The text in `language`.
        public func template(_ language: Language) -> String {
            switch language {
            case .en: return en
            case .zh: return zh
            }
        }
    }

    /// Every entry, in the order the areas list them.
    public static let entries: [Entry] = common + model + assignment + scheduling + reports + planning + cli + help

    /// Entries by key (the first of a duplicated key; a unit test keeps keys unique).
    public static let byKey: [String: Entry] = {
        var map: [String: Entry] = [:]
        for e in entries where map[e.key] == nil { map[e.key] = e }
        return map
    }()

    /// The text of `key` in `language` with `arguments` filled in; an unknown key renders as
    /// itself (a unit test checks that every key the sources use is in the catalogue).
    public static func text(_ key: String, _ arguments: [String: Any] = [:], in language: Language) -> String {
        guard let entry = byKey[key] else { return key }
        return render(entry.template(language), arguments.mapValues { "\($0)" })
    }

    /// Fills a template's placeholders (see the type's documentation); a value not given stays
    /// as `{name}`.
    public static func render(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            let next = template.index(after: i)
            if c == "{" || c == "}", next < template.endIndex, template[next] == c {
                out.append(c)
                i = template.index(after: next)
                continue
            }
            if c == "{", let close = template[next...].firstIndex(of: "}") {
                let parts = template[next..<close].split(separator: "|", omittingEmptySubsequences: false).map(
                    String.init)
                let name = parts[0]
                if parts.count == 3 {
                    out += values[name] == "1" ? parts[1] : parts[2]
                } else {
                    out += values[name] ?? "{\(name)}"
                }
                i = template.index(after: close)
                continue
            }
            out.append(c)
            i = next
        }
        return out
    }

    /// The names of the values a template uses (plural choices included).
    public static func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            let next = template.index(after: i)
            if c == "{" || c == "}", next < template.endIndex, template[next] == c {
                i = template.index(after: next)
                continue
            }
            if c == "{", let close = template[next...].firstIndex(of: "}") {
                names.insert(String(template[next..<close].split(separator: "|", omittingEmptySubsequences: false)[0]))
                i = template.index(after: close)
                continue
            }
            i = next
        }
        return names
    }
}

extension Catalogue {
    /// One of two texts that data already carries in both languages (an activity's `service` and
    /// `驻村服务`, a period `2026-H1` and `2026年上半年`), in the language of this run.
    public static func pick(en: String, zh: String) -> String {
        Language.current == .zh ? zh : en
    }
}

/// The text of catalogue `key` in the language of this run (``Language/current``), with
/// `arguments` filled in by name.
public func tr(_ key: String, _ arguments: [String: Any] = [:]) -> String {
    Catalogue.text(key, arguments, in: Language.current)
}
